"""How well esgtext restores French accents: word error rate before/after, per kind of damage.

Reads FLORES-200 devtest (French, English, Chinese) and Tatoeba fra from ``../shared`` (or
``--data``), damages the French with ``esgtext.damage``, repairs it and prints one table per data set:

    .venv/bin/python benchmarks/repair_quality.py [--data PATH] [--json] [--limit N]

Rows: deleted accents (``restore_french``), deleted accents gated by ``french_score`` (what
``repair_text(lang=None)`` does), deleted accents + typographic apostrophes (reference apostrophes
made typographic first, since only U+2019 is lost), ``?``-replaced, stripped, and the share of words
changed in clean French / English / Chinese. Exits 0 with a message when the data is missing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from esgtext.damage import (  # noqa: E402
    delete_accents,
    question_mark_accents,
    strip_accents,
    corpus_word_error_rate,
)
from esgtext.repair.edits import apply_edits  # noqa: E402
from esgtext.repair.french import french_score, restore_french, restore_question_marks  # noqa: E402

FRENCH_GATE = 0.5  # the threshold repair_text(lang=None) is expected to use


def _repair(text: str) -> str:
    return apply_edits(text, restore_french(text))


def _repair_gated(text: str) -> str:
    if french_score(text) >= FRENCH_GATE:
        return _repair(text)
    return apply_edits(text, restore_question_marks(text))


def _documents(lines: list[str], size: int) -> list[str]:
    """Group sentences into short documents (news paragraphs), as the repair sees them."""
    return ["\n".join(lines[i:i + size]) for i in range(0, len(lines), size)]


def evaluate(french: list[str], others: dict[str, list[str]], doc_size: int) -> list[dict]:
    docs = _documents(french, doc_size)
    typographic = [d.replace("'", "\u2019") for d in docs]
    rows = []

    def row(name, refs, damaged, repair):
        start = time.perf_counter()
        repaired = [repair(d) for d in damaged]
        seconds = time.perf_counter() - start
        rows.append({
            "damage": name,
            "wer_before": round(corpus_word_error_rate(zip(damaged, refs)), 2),
            "wer_after": round(corpus_word_error_rate(zip(repaired, refs)), 2),
            "seconds": round(seconds, 3),
        })

    deleted = [delete_accents(d) for d in docs]
    row("deleted", docs, deleted, _repair)
    row("deleted, lang=None", docs, deleted, _repair_gated)
    row("deleted lowercase only", docs, [delete_accents(d, capitals=False) for d in docs], _repair)
    row("deleted + apostrophes", typographic,
        [delete_accents(d, apostrophes=True) for d in typographic], _repair)
    row("question marks", docs, [question_mark_accents(d) for d in docs], _repair)
    row("stripped", docs, [strip_accents(d) for d in docs], _repair)
    row("clean fr", docs, docs, _repair)
    row("clean fr, lang=None", docs, docs, _repair_gated)
    for lang, lines in others.items():
        other_docs = _documents(lines, doc_size)
        row(f"clean {lang}, lang=None", other_docs, other_docs, _repair_gated)
    return rows


def _print(title: str, rows: list[dict]) -> None:
    print(f"\n{title}")
    print(f"{'damage':28} {'WER before':>10} {'WER after':>10} {'seconds':>8}")
    for r in rows:
        print(f"{r['damage']:28} {r['wer_before']:9.2f}% {r['wer_after']:9.2f}% {r['seconds']:8.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N sentences")
    parser.add_argument("--doc-size", type=int, default=8, help="sentences per document")
    args = parser.parse_args(argv)
    flores = args.data / "flores200-devtest"
    tatoeba = args.data / "tatoeba-test" / "fra-eng.fra"
    if not flores.is_dir():
        print(f"no FLORES data at {flores}; nothing to measure")
        return 0

    def read(path: Path) -> list[str]:
        lines = path.read_text(encoding="utf-8").splitlines()
        return lines[: args.limit] if args.limit else lines

    results = {
        "flores200-devtest": evaluate(
            read(flores / "fra_Latn.devtest"),
            {"en": read(flores / "eng_Latn.devtest"), "zh": read(flores / "zho_Hans.devtest")},
            args.doc_size,
        )
    }
    if tatoeba.is_file():
        results["tatoeba fra"] = evaluate(read(tatoeba), {}, args.doc_size)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for name, rows in results.items():
            _print(name, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
