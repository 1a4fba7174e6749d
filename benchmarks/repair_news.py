"""French restoration on news documents with the whole lossy ASCII conversion, and how much the
edits' confidences can be trusted.

Reads the WMT news test sets from ``../shared/data/wmt-news`` (or ``--data``), dresses the French
in French typography (``esgtext.damage.french_typography``: ``’``, no-break spaces), damages it
the way a lossy conversion does (``lossy_ascii``: every non-ASCII character deleted or turned into
``?``; or accents stripped) and repairs it with ``repair_text``, as a user would:

    .venv/bin/python benchmarks/repair_news.py [--split check|tune|all] [--limit N] [--json]

Splits: ``lm`` (news-test2008, newssyscomb2009, newstest2009, newstest2010) is what
``scripts/build_french_news_counts.py`` and ``scripts/build_french_a_gaps.py`` count; ``tune``
(newstest2011) is what the decoder's constants, the gap model's weights and the confidence table
were tuned on; ``check`` (newstest2012, newstest2013, newsdiscusstest2015) is never read by any
of them. Documents are runs of
``--doc-size`` consecutive sentences, one per line.

Rows: word error rate (whitespace tokens, case-sensitive) before -> after for each kind of damage,
on documents and on single sentences; the share of words changed in clean French, English and
Chinese; and how many documents the default ``french_typography="auto"`` took for press releases
(:func:`esgtext.repair.releases.wants_french_typography`; news should give none). Then the calibration of the edits of the three damage modes: an edit is right when
undoing it alone makes its line worse; expected calibration error over ten bins, and the share of
the wrong edits that sit among the least confident 10 %. Exits 0 with a message when the data is
missing.
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
    corpus_word_error_rate,
    edit_correctness,
    french_typography,
    lossy_ascii,
    strip_accents,
)
from esgtext.repair import repair_text  # noqa: E402
from esgtext.repair.releases import wants_french_typography  # noqa: E402

SPLITS = {
    "lm": ["news-test2008", "newssyscomb2009", "newstest2009", "newstest2010"],
    "tune": ["newstest2011"],
    "check": ["newstest2012", "newstest2013", "newsdiscusstest2015"],
}
SPLITS["all"] = SPLITS["lm"] + SPLITS["tune"] + SPLITS["check"]

DAMAGE = {
    "deleted, accented capitals kept": lambda t: lossy_ascii(t, capitals=False),
    "deleted, capitals too": lambda t: lossy_ascii(t),
    "? for every non-ASCII character": lambda t: lossy_ascii(t, replacement="?"),
    "accents stripped": strip_accents,
}
CALIBRATED = ("deleted, accented capitals kept", "? for every non-ASCII character",
              "accents stripped")


def read_split(data: Path, split: str, side: str, limit: int) -> list[str]:
    suffix = {"fra": "fra-eng.fra", "eng": "fra-eng.eng"}[side]
    lines: list[str] = []
    for name in SPLITS[split]:
        path = data / f"{name}.{suffix}"
        if path.is_file():
            lines += path.read_text(encoding="utf-8").splitlines()
    return lines[:limit] if limit else lines


def documents(lines: list[str], size: int) -> list[str]:
    return ["\n".join(lines[i:i + size]) for i in range(0, len(lines), size)]


def calibration(scored: list[tuple[float, bool]], bins: int = 10) -> dict:
    """Expected calibration error over ``bins`` equal-width bins, and the share of wrong edits
    among the least confident 10 %."""
    if not scored:
        return {"edits": 0}
    total = len(scored)
    ece = 0.0
    table = []
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        members = [(c, ok) for c, ok in scored if low <= c < high or (b == bins - 1 and c == 1.0)]
        if not members:
            continue
        mean_conf = sum(c for c, _ in members) / len(members)
        accuracy = sum(ok for _, ok in members) / len(members)
        ece += len(members) / total * abs(mean_conf - accuracy)
        table.append({"bin": f"{low:.1f}-{high:.1f}", "edits": len(members),
                      "confidence": round(mean_conf, 3), "accuracy": round(accuracy, 3)})
    ranked = sorted(scored, key=lambda item: item[0])
    wrong = sum(not ok for _, ok in scored)
    lowest = ranked[:max(1, total // 10)]
    return {
        "edits": total,
        "accuracy": round(1 - wrong / total, 4),
        "ece": round(ece, 4),
        "wrong_in_lowest_10pct": round(sum(not ok for _, ok in lowest) / max(wrong, 1), 4),
        "distinct_confidences": len({c for c, _ in scored}),
        "bins": table,
    }


def evaluate(data: Path, split: str, limit: int, doc_size: int) -> dict:
    french = [french_typography(line, seed=i) for i, line in
              enumerate(read_split(data, split, "fra", limit))]
    english = read_split(data, split, "eng", limit)
    docs = documents(french, doc_size)
    rows = []
    scored: list[tuple[float, bool]] = []

    def row(name: str, refs: list[str], damaged: list[str], lang: str | None, calibrate=False):
        start = time.perf_counter()
        results = [repair_text(d, lang=lang) for d in damaged]
        seconds = time.perf_counter() - start
        if calibrate:
            for d, ref, r in zip(damaged, refs, results):
                scored.extend((e.confidence, ok) for e, ok in edit_correctness(d, ref, r.edits))
        rows.append({
            "damage": name,
            # documents the default french_typography="auto" took for press releases (news: none)
            "read_as_releases": sum(map(wants_french_typography, damaged)),
            "wer_before": round(corpus_word_error_rate(zip(damaged, refs)), 2),
            "wer_after": round(corpus_word_error_rate((r.text, ref) for r, ref in
                                                      zip(results, refs)), 2),
            "seconds": round(seconds, 2),
        })

    for name, damage in DAMAGE.items():
        damaged = [damage(d) for d in docs]
        row(name, docs, damaged, "fr", calibrate=name in CALIBRATED)
        if name == "deleted, accented capitals kept":
            row(name + ", lang=None", docs, damaged, None)
    row("single sentences, deleted, lang=None", french,
        [lossy_ascii(s, capitals=False) for s in french], None)
    row("clean French (words changed)", docs, docs, None)
    row("clean English (words changed)", documents(english, doc_size),
        documents(english, doc_size), None)
    zh_path = data / "newstest2018.zho-eng.zho"
    if zh_path.is_file():
        chinese = zh_path.read_text(encoding="utf-8").splitlines()[: limit or None]
        row("clean Chinese (characters' words changed)", documents(chinese, doc_size),
            documents(chinese, doc_size), None)
    return {"split": split, "sentences": len(french), "rows": rows,
            "calibration": calibration(scored)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "wmt-news")
    parser.add_argument("--split", choices=sorted(SPLITS), default="check")
    parser.add_argument("--limit", type=int, default=0, help="only the first N sentences")
    parser.add_argument("--doc-size", type=int, default=12, help="sentences per document")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no WMT news data at {args.data}; nothing to measure")
        return 0
    result = evaluate(args.data, args.split, args.limit, args.doc_size)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"WMT news, split {result['split']}: {result['sentences']} French sentences, "
          f"documents of {args.doc_size}")
    print(f"{'damage':45} {'WER before':>10} {'WER after':>10} {'seconds':>8} {'releases':>8}")
    for r in result["rows"]:
        print(f"{r['damage']:45} {r['wer_before']:9.2f}% {r['wer_after']:9.2f}% {r['seconds']:8.2f} "
              f"{r['read_as_releases']:8d}")
    cal = result["calibration"]
    if cal.get("edits"):
        print(f"\ncalibration over {cal['edits']} edits (deleted, ?, stripped): accuracy "
              f"{cal['accuracy']:.3f}, ECE {cal['ece']:.3f}, least confident 10 % hold "
              f"{100 * cal['wrong_in_lowest_10pct']:.1f} % of the wrong edits, "
              f"{cal['distinct_confidences']} distinct confidences")
        for b in cal["bins"]:
            print(f"  {b['bin']}: {b['edits']:6d} edits, confidence {b['confidence']:.3f}, "
                  f"right {b['accuracy']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
