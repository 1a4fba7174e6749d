"""The run report: ``OUT/report.html`` for a finished ``esgtext translate`` run.

Built from what the run left in ``OUT`` only (the manifest ``OUT/.esgtext/manifest.jsonl``, the
records ``OUT/<rel>.jsonl`` and ``OUT/.esgtext/errors.jsonl``), so ``esgtext report OUT`` rebuilds the same
page at any time, and a re-run that changes nothing leaves it byte-identical (no timestamps, no
durations, no absolute paths). One self-contained page: counts, flags per kind, edits per kind,
languages, errors, and the documents that need a look first (most warning flags, least confident
edits), each linked to a static side-by-side page in ``OUT/.esgtext/review/``. Charts are inline
SVG; the page has no script and loads nothing from the network.

    >>> from esgtext.report import write_report
    >>> write_report("out/")                       # doctest: +SKIP
    PosixPath('out/report.html')
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any, Sequence

REPORT_FILE = "report.html"
STATE_DIR = ".esgtext"
ERRORS_FILE = "errors.jsonl"  # in STATE_DIR (esgtext.store.ERRORS_FILE)
REVIEW_DIR = "review"  # OUT/.esgtext/review/<n>-<name>.html
STATUSES = ("translated", "kept", "boilerplate", "untranslated")
LOW_CONFIDENCE = 0.6


class ReportError(ValueError):
    """OUT is not the output folder of a run (no manifest, no errors file)."""


@dataclass
class DocumentInfo:
    doc: str
    counts: dict[str, int]
    records: list[dict] | None  # None: no JSONL output for this document (--format tmx only)
    warnings: int = 0  # warning flags
    low_edits: int = 0  # edits below LOW_CONFIDENCE
    min_confidence: float | None = None
    edits: int = 0
    page: str | None = None  # relative link to its side-by-side page

    @property
    def score(self) -> float:
        untranslated = self.counts.get("untranslated", 0)
        worst = 0.0 if self.min_confidence is None else (1.0 - self.min_confidence)
        return 3 * self.warnings + 2 * self.low_edits + untranslated + worst


@dataclass
class RunData:
    documents: list[DocumentInfo] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    flags: Counter = field(default_factory=Counter)
    edits: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    missing_records: int = 0  # documents without JSONL

    def totals(self) -> dict[str, int]:
        """The numbers of the CLI's closing summary: files, failed, segments and per status."""
        t = {"files": len(self.documents) + len(self.errors), "documents": len(self.documents),
             "failed": len(self.errors), "segments": 0, **{s: 0 for s in STATUSES}}
        for d in self.documents:
            t["segments"] += d.counts.get("segments", 0)
            for s in STATUSES:
                t[s] += d.counts.get(s, 0)
        return t


def _read_jsonl(path: Path) -> list[dict]:
    """Lines of a JSONL file as dicts; lines that are not JSON (cut by a kill) are skipped."""
    out: list[dict] = []
    try:
        data = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return out
    for line in data.splitlines():
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError:
            continue  # a damaged line: skipped, as the run's manifest reader does
        if isinstance(value, dict):
            out.append(value)
    return out


def collect(out: str | os.PathLike) -> RunData:
    """Read a run's output folder (see the module docstring)."""
    from esgtext.serve.view import WARNING_FLAGS, flag_kind

    out = Path(out)
    manifest_path = out / STATE_DIR / "manifest.jsonl"
    errors_path = out / STATE_DIR / ERRORS_FILE
    if not errors_path.is_file() and (out / ERRORS_FILE).is_file():
        errors_path = out / ERRORS_FILE  # written by an earlier esgtext, at the top of OUT
    if not out.is_dir():
        raise ReportError(f"{out}: no such folder")
    if not manifest_path.is_file() and not errors_path.is_file():
        raise ReportError(f"{out}: not the output folder of an `esgtext translate` run "
                          f"(no {STATE_DIR}/manifest.jsonl)")
    entries: dict[str, dict] = {}
    for entry in _read_jsonl(manifest_path):
        if isinstance(entry.get("doc"), str):
            entries[entry["doc"]] = entry  # the last line of a document wins
    data = RunData()
    errors = {e.get("doc"): e for e in _read_jsonl(errors_path)}
    data.errors = [errors[k] for k in sorted(errors, key=str)]
    for doc in sorted(entries):
        if doc in errors:
            continue  # failed in the latest run
        entry = entries[doc]
        outputs = entry.get("outputs") or []
        counts = {k: int(v) for k, v in (entry.get("counts") or {}).items() if isinstance(v, int)}
        records = None
        jsonl = f"{doc}.jsonl"
        if jsonl in outputs and (out / jsonl).is_file():
            from esgtext.records import row_to_dict

            records = [row_to_dict(r) for r in _read_jsonl(out / jsonl)]
        info = DocumentInfo(doc, counts, records)
        if records is None:
            data.missing_records += 1
        else:
            for r in records:
                data.languages[str(r.get("src_lang") or "und")] += 1
                for f in r.get("flags") or ():
                    kind = flag_kind(str(f))
                    data.flags[kind] += 1
                    if kind in WARNING_FLAGS:
                        info.warnings += 1
                for e in r.get("edits") or ():
                    info.edits += 1
                    data.edits[str(e.get("kind", "?"))] += 1
                    conf = float(e.get("confidence", 1.0))
                    if conf < LOW_CONFIDENCE:
                        info.low_edits += 1
                    info.min_confidence = conf if info.min_confidence is None else min(info.min_confidence, conf)
        data.documents.append(info)
    return data


# ---------------------------------------------------------------------------------------------
# rendering

_PALETTE = {"flags": "#bc4c00", "edits": "#1a7f37", "languages": "#8250df", "status": "#0969da"}


def bar_chart(title: str, items: Sequence[tuple[str, int]], color: str, *, chart_id: str) -> str:
    """A horizontal bar chart as inline SVG (labels and values written in it)."""
    if not items:
        return (f'<figure class="chart" id="{chart_id}"><figcaption>{escape(title)}</figcaption>'
                '<p class="na">none</p></figure>')
    bar_h, gap, label_w, bar_w, value_w = 18, 6, 170, 260, 60
    height = len(items) * (bar_h + gap) + gap
    width = label_w + bar_w + value_w
    top = max(v for _, v in items) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{chart_id}-t">'
             f'<title id="{chart_id}-t">{escape(title)}: '
             + escape(", ".join(f"{k} {v}" for k, v in items)) + "</title>"]
    for i, (label, value) in enumerate(items):
        y = gap + i * (bar_h + gap)
        w = max(1, round(bar_w * value / top))
        shown = label if len(label) <= 24 else label[:23] + "…"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end" font-size="12" fill="#1b1f24">{escape(shown)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_h}" rx="3" fill="{color}"></rect>'
            f'<text x="{label_w + w + 6}" y="{y + 13}" font-size="12" fill="#1b1f24" '
            f'data-value="{escape(label)}">{value}</text>')
    parts.append("</svg>")
    return f'<figure class="chart" id="{chart_id}"><figcaption>{escape(title)}</figcaption>{"".join(parts)}</figure>'


def _slug(index: int, doc: str) -> str:
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", doc)[-60:].strip("._") or "document"
    digest = hashlib.sha256(doc.encode("utf-8")).hexdigest()[:8]
    return f"{index:03d}-{base}-{digest}.html"


def _card(key: str, label: str, value: int) -> str:
    return f'<div class="card"><span class="n" data-count="{key}">{value}</span><span class="k">{escape(label)}</span></div>'


def render(data: RunData, *, top: int = 25, summary: Any = None) -> tuple[str, dict[str, str]]:
    """``(report.html, {relative path of a side-by-side page: html})``."""
    from esgtext.serve import view

    totals = data.totals()
    cards = "".join([
        _card("files", "files", totals["files"]),
        _card("documents", "documents with records", totals["documents"]),
        _card("failed", "failed files", totals["failed"]),
        _card("segments", "segments", totals["segments"]),
        *(_card(s, s, totals[s]) for s in STATUSES),
    ])
    notes = []
    if summary is not None:
        mismatch = [k for k in ("files", "segments", *STATUSES, "failed")
                    if getattr(summary, k, totals[k]) != totals[k]]
        if mismatch:
            notes.append("This folder also holds documents of earlier runs over other inputs; the numbers "
                         "count every document in the folder, not only the latest run's.")
    if data.missing_records:
        notes.append(f"{data.missing_records} documents have no JSONL records (run with --format jsonl for "
                     "flags, edits and side-by-side pages).")
    if totals["untranslated"]:
        notes.append(f"{totals['untranslated']} segments are untranslated: no model for their language "
                     "(`esgtext models pull`).")
    notes_html = "".join(f'<p class="notice warn">{escape(n)}</p>' for n in notes)

    status_chart = bar_chart("Segments per status", [(s, totals[s]) for s in STATUSES if totals[s]],
                             _PALETTE["status"], chart_id="chart-status")
    flags_chart = bar_chart("Flags per kind", data.flags.most_common(), _PALETTE["flags"], chart_id="chart-flags")
    edits_chart = bar_chart("Repair edits per kind", data.edits.most_common(), _PALETTE["edits"], chart_id="chart-edits")
    lang_chart = bar_chart("Segments per language", data.languages.most_common(), _PALETTE["languages"],
                           chart_id="chart-languages")

    ranked = sorted((d for d in data.documents if d.records is not None and d.score > 0),
                    key=lambda d: (-d.score, d.doc))[:top]
    pages: dict[str, str] = {}
    rows = []
    for i, d in enumerate(ranked):
        rel = f"{STATE_DIR}/{REVIEW_DIR}/{_slug(i, d.doc)}"
        d.page = rel
        pages[rel] = view.document_page(d.records or [], title=d.doc, back="../../" + REPORT_FILE,
                                        note=f"{d.counts.get('segments', 0)} segments, {d.edits} edits, "
                                             f"{d.warnings} warning flags")
        conf = "–" if d.min_confidence is None else f"{round(d.min_confidence * 100)} %"
        rows.append(f'<tr><td><a href="{escape(rel)}">{escape(d.doc)}</a></td><td class="num">{d.warnings}</td>'
                    f'<td class="num">{d.low_edits}</td><td class="num">{conf}</td><td class="num">{d.edits}</td>'
                    f'<td class="num">{d.counts.get("untranslated", 0)}</td><td class="num">{d.counts.get("segments", 0)}</td></tr>')
    attention = (
        '<table class="list" id="attention"><thead><tr><th scope="col">document</th><th scope="col">warning flags</th>'
        f'<th scope="col">edits &lt; {round(LOW_CONFIDENCE * 100)} %</th><th scope="col">least confident edit</th>'
        '<th scope="col">edits</th><th scope="col">untranslated</th><th scope="col">segments</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table>' if rows else '<p class="na">Nothing stands out: no warning flags, no low-confidence edits.</p>'
    )
    if data.errors:
        err_rows = "".join(f'<tr><td>{escape(str(e.get("doc", "")))}</td><td>{escape(str(e.get("error", "")))}</td>'
                           f'<td>{escape(str(e.get("reason", "")))}</td></tr>' for e in data.errors)
        errors_html = ('<table class="list" id="errors"><thead><tr><th scope="col">file</th><th scope="col">error</th>'
                       f'<th scope="col">reason</th></tr></thead><tbody>{err_rows}</tbody></table>')
    else:
        errors_html = '<p class="na" id="errors">No errors.</p>'
    body = (
        '<header class="top"><h1>esgtext run report</h1></header><main>'
        f'<section aria-labelledby="h-counts"><h2 id="h-counts">Counts</h2><div class="cards">{cards}</div>{notes_html}</section>'
        f'<section aria-labelledby="h-first"><h2 id="h-first">Documents to look at first</h2>'
        '<p class="legend">Ranked by warning flags, then edits of low confidence; each opens side by side.</p>'
        f'{attention}</section>'
        f'<section aria-labelledby="h-charts"><h2 id="h-charts">Flags, edits and languages</h2>'
        f'<div class="charts">{status_chart}{flags_chart}{edits_chart}{lang_chart}</div></section>'
        f'<section aria-labelledby="h-errors"><h2 id="h-errors">Errors ({len(data.errors)})</h2>{errors_html}</section>'
        "</main>"
    )
    return view.page("esgtext run report", body), pages


def _write(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return  # unchanged: keep the file (and its time stamp) as it is
    except OSError:
        pass
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".esgtext-tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)  # never seen half-written
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_report(out: str | os.PathLike, summary: Any = None, *, top: int = 25) -> Path:
    """Write ``OUT/report.html`` and its side-by-side pages; returns the report's path.

    Raises :class:`ReportError` when ``out`` is not a run's output folder.
    """
    out = Path(out)
    data = collect(out)
    html, pages = render(data, top=top, summary=summary)
    review = out / STATE_DIR / REVIEW_DIR
    keep = {out / rel for rel in pages}
    if review.is_dir():
        for old in review.glob("*.html"):
            if old not in keep:
                old.unlink(missing_ok=True)
    from esgtext.inputs import output_path  # never written through a symlink inside OUT

    for rel, page_html in pages.items():
        _write(output_path(out, rel), page_html)
    path = output_path(out, REPORT_FILE)
    _write(path, html)
    return out / REPORT_FILE


def write_run_report(out: str | os.PathLike, summary: Any = None) -> Path | None:
    """The end of a bulk run: :func:`write_report`, with a one-line warning instead of an error
    (a report that cannot be written never fails the run)."""
    try:
        return write_report(out, summary)
    except Exception as exc:  # the records are written; the report is a convenience
        print(f"esgtext: warning: {out}/{REPORT_FILE} not written: {type(exc).__name__}: "
              f"{' '.join(str(exc).split())[:200]}", file=sys.stderr)
        return None


def totals_of(out: str | os.PathLike) -> dict[str, int]:
    """The report's counts for ``out`` (what the page shows)."""
    return collect(out).totals()


__all__ = ["ReportError", "RunData", "bar_chart", "collect", "render", "totals_of", "write_report",
           "write_run_report"]
