"""Generate ``src/esgtext/data/confidence.json``: how often each kind of repair edit is right, per
band of its raw score (see ``esgtext.repair.calibration``).

Reads the *tune* split of the WMT news test sets (newstest2011, which the news bigram counts of
``build_french_news_counts.py`` leave out) from ``../shared/data/wmt-news`` (never the check
split, never copied: only counts are written), dresses the French in French typography, damages it four ways (every
non-ASCII character deleted with accented capitals kept or not, turned into ``?``, accents
stripped), repairs it with calibration off, and counts per (kind, score bin) the edits that were
right (undoing the edit alone makes its line worse):

    .venv/bin/python scripts/build_confidence_table.py [--data PATH] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from esgtext.damage import edit_correctness, french_typography, lossy_ascii, strip_accents  # noqa: E402
from esgtext.repair import RepairConfig, repair_text  # noqa: E402
from esgtext.repair.calibration import BINS, edit_key, score_bin  # noqa: E402

TUNE = ["newstest2011"]  # not counted by build_french_news_counts.py, not in the check split
DAMAGE = (
    lambda t: lossy_ascii(t, capitals=False),
    lossy_ascii,
    lambda t: lossy_ascii(t, replacement="?"),
    strip_accents,
)
DOC_SIZE = 12


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "wmt-news")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--out", type=Path, default=REPO / "src" / "esgtext" / "data" / "confidence.json")
    args = parser.parse_args(argv)
    lines: list[str] = []
    for name in TUNE:
        path = args.data / f"{name}.fra-eng.fra"
        if not path.is_file():
            print(f"missing {path}", file=sys.stderr)
            return 1
        lines += path.read_text(encoding="utf-8").splitlines()
    if args.limit:
        lines = lines[:args.limit]
    french = [french_typography(line, seed=i) for i, line in enumerate(lines)]
    docs = ["\n".join(french[i:i + DOC_SIZE]) for i in range(0, len(french), DOC_SIZE)]
    config = RepairConfig(calibrate=False)
    kinds: dict[str, dict] = {}
    for damage in DAMAGE:
        for doc in docs:
            damaged = damage(doc)
            result = repair_text(damaged, lang="fr", config=config)
            for edit, right in edit_correctness(damaged, doc, result.edits):
                entry = kinds.setdefault(edit_key(edit), {"all": [0, 0],
                                                     "bins": [[0, 0] for _ in range(len(BINS) + 1)]})
                for cell in (entry["all"], entry["bins"][score_bin(edit.confidence)]):
                    cell[0] += right
                    cell[1] += 1
    table = {"source": "WMT news tune split (" + ", ".join(TUNE) + "), "
                       f"{len(lines)} sentences x {len(DAMAGE)} damage modes",
             "bins": list(BINS), "kinds": dict(sorted(kinds.items()))}
    args.out.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    for kind, entry in sorted(kinds.items()):
        right, total = entry["all"]
        print(f"{kind:20} {total:7d} edits, {right / max(total, 1):.3f} right")
    return 0


if __name__ == "__main__":
    sys.exit(main())
