"""The side-by-side view of a document's records, as plain HTML (standard library only).

One table row per record (sentence aligned): the raw text, the repaired text with every repair
edit highlighted (colour by confidence; hover *or keyboard focus* shows before -> after, the kind,
the confidence and the reason), language spans marked, and the English with its flags.

The review page (``esgtext serve``, interactive: each edit has a *Reject* button) and the run
report's static pages (:mod:`esgtext.report`, no script at all) render the same rows from here.
Records are plain dicts as in the JSONL files (:meth:`esgtext.records.Record.to_dict`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from importlib import resources
from typing import Any, Iterable, Mapping, Sequence

CONF_HIGH = 0.9
CONF_MID = 0.6

#: Flags that warn (the translation may be wrong); the others only inform.
WARNING_FLAGS = ("number_mismatch", "url_mismatch", "name_mismatch", "repetition", "empty_output",
                 "max_length_reached", "glossary_lost", "model-missing")

FLAG_HELP = {
    "number_mismatch": "a number of the source is missing from the translation",
    "url_mismatch": "a URL or e-mail of the source is missing from the translation",
    "name_mismatch": "a name of the source is missing from the translation",
    "repetition": "the translation repeats itself (a model hallucination on short input)",
    "empty_output": "the model produced no text",
    "max_length_reached": "the translation hit the length cap and may be cut",
    "split_long_input": "the source was too long for the model and was translated in pieces",
    "glossary": "glossary terms were protected or fixed",
    "glossary_lost": "a glossary term did not survive translation",
    "copied_verbatim": "no letters: copied as it is",
    "mixed": "Chinese spans inside another language, translated in place",
    "model-missing": "no translation model for this language on this machine",
    "boilerplate": "web chrome (navigation, share bars): not translated",
    "rejected-edit": "a reviewer rejected a repair edit in this sentence",
}


def conf_class(confidence: float) -> str:
    """CSS class of an edit's confidence: ``conf-high`` (>= 0.9), ``conf-mid``, ``conf-low`` (< 0.6)."""
    if confidence >= CONF_HIGH:
        return "conf-high"
    if confidence >= CONF_MID:
        return "conf-mid"
    return "conf-low"


def flag_kind(flag: str) -> str:
    """``model-missing:fr-en`` -> ``model-missing``; ``boilerplate:share`` -> ``boilerplate``."""
    return flag.split(":", 1)[0]


@dataclass(frozen=True)
class LocatedEdit:
    """An edit of a record placed in the record's ``source_raw`` and ``source`` (local offsets)."""

    index: int  # position in the record's ``edits``
    raw_start: int
    raw_end: int
    src_start: int
    src_end: int
    edit: Mapping[str, Any]


def locate_edits(record: Mapping[str, Any]) -> list[LocatedEdit]:
    """Where each edit of ``record`` sits in its raw and repaired text.

    Edits carry offsets in the decoded input; the segment's raw text starts at ``raw_start``. The
    repaired position of an edit is its raw position shifted by what earlier edits of the segment
    added or removed. An edit that cannot be placed exactly (not inside the raw text, or the
    repaired text does not show its ``after`` there) is left out.
    """
    raw = record.get("source_raw")
    raw_start = record.get("raw_start")
    source = record.get("source") or ""
    edits = record.get("edits") or ()
    if raw is None or raw_start is None:
        return []
    out: list[LocatedEdit] = []
    delta = 0
    order = sorted(range(len(edits)), key=lambda i: (edits[i].get("start", 0), edits[i].get("end", 0)))
    for i in order:
        e = edits[i]
        try:
            rs, re_ = int(e["start"]) - raw_start, int(e["end"]) - raw_start
            before, after = str(e["before"]), str(e["after"])
        except (KeyError, TypeError, ValueError):
            continue
        if rs < 0 or re_ > len(raw) or raw[rs:re_] != before:
            continue
        ss = rs + delta
        se = ss + len(after)
        delta += len(after) - len(before)
        if source[ss:se] != after:
            continue
        out.append(LocatedEdit(i, rs, re_, ss, se, e))
    return out


def _lang_runs(text: str, main: str, mixed: bool = False) -> list[tuple[int, int, str]]:
    """Spans of ``text`` in a language other than ``main`` (a Chinese name in English). In a
    *mixed* sentence (labelled ``zh``) the Chinese spans are the ones marked."""
    if not text or not any(ch.isalpha() for ch in text):
        return []
    from esgtext.language import language_spans

    spans = language_spans(text)
    if mixed:
        main = next((s.lang for s in spans if s.lang not in ("zh", "und")), main)
    runs = []
    for s in spans:
        if s.lang not in (main, "und") and any(ch.isalpha() for ch in s.text):
            runs.append((s.start, s.end, s.lang))
    return runs


def _marked(text: str, marks: Sequence[tuple[int, int, str, str]], langs: Sequence[tuple[int, int, str]],
            main: str) -> str:
    """``text`` as HTML with ``marks`` ``(start, end, open_html, close_html)`` (non-overlapping;
    an empty one shows a caret) and foreign-language runs as ``<span lang>``."""
    cuts = {0, len(text)}
    for s, e, *_ in marks:
        cuts.update((s, e))
    for s, e, _ in langs:
        cuts.update((s, e))
    points = sorted(c for c in cuts if 0 <= c <= len(text))

    def lang_at(pos: int) -> str | None:
        for s, e, lang in langs:
            if s <= pos < e:
                return lang
        return None

    starts: dict[int, list[tuple[int, int, str, str]]] = {}
    for m in marks:
        starts.setdefault(m[0], []).append(m)
    out: list[str] = []
    open_close: str | None = None
    open_end = -1
    for a, b in zip(points, points[1:] + [None]):  # type: ignore[operator]
        if open_close is not None and a >= open_end:
            out.append(open_close)
            open_close = None
        for m in sorted(starts.get(a, ()), key=lambda m: m[1] - m[0]):
            s, e, opening, closing = m
            if s == e:  # nothing left on this side (an inserted word seen in the raw text)
                out.append(opening + '<span class="caret" aria-hidden="true">‸</span>' + closing)
            elif open_close is None:
                out.append(opening)
                open_close, open_end = closing, e
        if b is None:
            break
        piece = escape(text[a:b], quote=False)
        lang = lang_at(a)
        if lang:
            piece = f'<span class="lang-span lang-{escape(lang)}" lang="{escape(lang)}" title="{escape(lang)} span">{piece}</span>'
        out.append(piece)
    if open_close is not None:
        out.append(open_close)
    return "".join(out)


def _tip(row: int, e: Mapping[str, Any], tip_id: str, interactive: bool) -> str:
    conf = float(e.get("confidence", 1.0))
    before = escape(str(e.get("before", ""))) or "∅"
    after = escape(str(e.get("after", ""))) or "∅"
    reason = escape(str(e.get("reason", "") or ""))
    button = ""
    if interactive:
        button = (f' <button type="button" class="reject" data-row="{row}" data-edit="{e["_index"]}">'
                  f'Reject this edit</button>')
    return (f'<span class="tip" role="tooltip" id="{tip_id}"><span class="tip-change">'
            f'<del>{before}</del> → <ins>{after}</ins></span> '
            f'<span class="tip-kind">{escape(str(e.get("kind", "")))} · {round(conf * 100)} %</span>'
            f'{f" <span class=tip-reason>{reason}</span>" if reason else ""}{button}</span>')


def render_cells(record: Mapping[str, Any], row: int, *, interactive: bool = False) -> dict[str, str]:
    """The four cells of one row as HTML: ``head``, ``raw``, ``repaired``, ``target``."""
    source = record.get("source") or ""
    raw = record.get("source_raw")
    lang = str(record.get("src_lang") or "und")
    located = locate_edits(record)
    placed = {loc.index for loc in located}
    raw_marks = []
    src_marks = []
    for loc in located:
        e = dict(loc.edit, _index=loc.index)
        cls = conf_class(float(e.get("confidence", 1.0)))
        title = escape(f"{e.get('before', '')} → {e.get('after', '')}: {e.get('kind', '')}")
        raw_marks.append((loc.raw_start, loc.raw_end, f'<mark class="raw-edit {cls}" title="{title}">', "</mark>"))
        tip_id = f"tip-{row}-{loc.index}"
        src_marks.append((
            loc.src_start, loc.src_end,
            f'<span class="ed"><mark class="edit {cls}" tabindex="0" data-edit="{loc.index}" '
            f'aria-describedby="{tip_id}">',
            "</mark>" + _tip(row, e, tip_id, interactive) + "</span>",
        ))
    langs = _lang_runs(source, lang, "mixed" in (record.get("flags") or ()))
    repaired = _marked(source, src_marks, langs, lang)
    unplaced = [i for i in range(len(record.get("edits") or ())) if i not in placed]
    if unplaced:
        items = "".join(
            f"<li>{escape(str(record['edits'][i].get('before', '')))} → "
            f"{escape(str(record['edits'][i].get('after', '')))} "
            f"({escape(str(record['edits'][i].get('kind', '')))})</li>" for i in unplaced)
        repaired += f'<ul class="unplaced" aria-label="edits at the sentence border">{items}</ul>'
    raw_html = _marked(raw, raw_marks, (), lang) if raw is not None else '<span class="na">(not mapped)</span>'

    status = str(record.get("status") or "")
    target = record.get("target")
    flags = list(record.get("flags") or ())
    badges = "".join(
        f'<span class="flag {"flag-warn" if flag_kind(f) in WARNING_FLAGS else "flag-info"}" '
        f'title="{escape(FLAG_HELP.get(flag_kind(f), f))}">{escape(f)}</span>' for f in flags)
    if target is None:
        why = "boilerplate: not translated" if status == "boilerplate" else "not translated (no model)"
        target_html = f'<span class="na">{why}</span>'
    else:
        target_html = escape(str(target), quote=False)
        if status == "kept":
            target_html = f'<span class="kept" title="English: kept as it is">{target_html}</span>'
    target_cell = target_html + (f'<span class="flags">{badges}</span>' if badges else "")
    conf = record.get("lang_confidence")
    conf_text = f" {round(float(conf) * 100)} %" if isinstance(conf, (int, float)) else ""
    head = (f'<span class="segno">{escape(str(record.get("seg", row)))}</span> '
            f'<span class="lang-badge lang-{escape(lang)}" title="language of the sentence, confidence{conf_text}">'
            f'{escape(lang)}{conf_text}</span> <span class="status status-{escape(status)}">{escape(status)}</span>')
    return {"head": head, "raw": raw_html, "repaired": repaired, "target": target_cell}


def render_rows(records: Sequence[Mapping[str, Any]], *, interactive: bool = False) -> str:
    rows = []
    last_paragraph = None
    for i, rec in enumerate(records):
        cells = render_cells(rec, i, interactive=interactive)
        para = rec.get("paragraph")
        cls = "para-start" if para != last_paragraph and i else ""
        last_paragraph = para
        lang = escape(str(rec.get("src_lang") or "und"))
        html_lang = lang if lang not in ("und",) else "en"
        rows.append(
            f'<tr id="row-{i}" data-row="{i}" class="{cls}">'
            f'<th scope="row" class="head">{cells["head"]}</th>'
            f'<td class="raw" lang="{html_lang}">{cells["raw"]}</td>'
            f'<td class="repaired" lang="{html_lang}">{cells["repaired"]}</td>'
            f'<td class="target" lang="en">{cells["target"]}</td></tr>'
        )
    return "".join(rows)


def render_table(records: Sequence[Mapping[str, Any]], *, interactive: bool = False) -> str:
    return (
        '<table class="review" id="review-table"><caption class="visually-hidden">Sentences side by side</caption>'
        '<colgroup><col class="c-head"><col class="c-raw"><col class="c-repaired"><col class="c-target"></colgroup>'
        '<thead><tr><th scope="col">#</th><th scope="col">Raw</th>'
        '<th scope="col">Repaired (edits highlighted)</th><th scope="col">English</th></tr></thead>'
        f"<tbody>{render_rows(records, interactive=interactive)}</tbody></table>"
    )


def legend() -> str:
    return (
        '<p class="legend">Edits: <mark class="edit conf-high">high confidence (≥ 90 %)</mark> '
        '<mark class="edit conf-mid">medium (60–90 %)</mark> <mark class="edit conf-low">low (&lt; 60 %)</mark>'
        ' · <span class="lang-span">another language</span> · hover or focus (Tab) an edit for '
        'before → after and its reason · <span class="flag flag-warn">warning flag</span> '
        '<span class="flag flag-info">information flag</span></p>'
    )


def stylesheet() -> str:
    """The page's CSS (shipped as package data, inlined so static pages stand alone)."""
    return resources.files("esgtext.serve").joinpath("static/review.css").read_text("utf-8")


def json_script(element_id: str, data: Any) -> str:
    """``<script type="application/json">`` holding ``data`` safely (no ``</script>`` break-out)."""
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def page(title: str, body: str, *, scripts: Iterable[str] = ()) -> str:
    """A whole HTML page: inline CSS, no external resource but ``scripts`` (same-origin URLs)."""
    tags = "".join(f'<script src="{escape(s)}" defer></script>' for s in scripts)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{escape(title)}</title><link rel="icon" href="data:,">'
        f"<style>{stylesheet()}</style>{tags}</head><body>{body}</body></html>"
    )


def document_page(records: Sequence[Mapping[str, Any]], *, title: str, back: str | None = None,
                  note: str = "") -> str:
    """A static side-by-side page (the run report links to these): no script, no buttons."""
    nav = f'<p><a href="{escape(back)}">← back to the run report</a></p>' if back else ""
    note_html = f'<p class="notice">{escape(note)}</p>' if note else ""
    body = (f'<main><h1>{escape(title)}</h1>{nav}{note_html}{legend()}'
            f"{render_table(records, interactive=False)}</main>")
    return page(title, body)


__all__ = [
    "LocatedEdit",
    "conf_class",
    "document_page",
    "json_script",
    "legend",
    "locate_edits",
    "page",
    "render_cells",
    "render_rows",
    "render_table",
    "stylesheet",
]
