"""French restoration on press releases, the documents esgtext is for, with the whole lossy ASCII
conversion; by default (French typography put back where a document reads as a release), and
with ``RepairConfig(french_typography=False)`` and ``True``.

    .venv/bin/python benchmarks/repair_releases.py [--set dev|dev2|dev3|dev4|dev5|heldout|all] [--json]

The releases are in ``benchmarks/press_releases/``: 64 French ESG and corporate releases (380 to
650 words each: headings, datelines, lists, quotations, contacts, figures) written for esgtext in
December 2026 by writers who never saw the repair's code or errors, and part of the repository
(no outside text). ``dev`` (8), ``dev2`` (12, written at stop 32: more sectors and regions, a
wire dispatch, a newsletter, a Québec release, a table of indicators) and ``dev3`` (12, written at
stop 33: an interview, half-year results, a fund's indicators, a joint release from Dakar …) and
``dev4`` (12, written at stop 34: a hospital group, a wine cooperative, a Québec town's snow
removal, a green bond's terms, a question-and-answer interview …) are what the repair's
press-release changes were read off; ``dev5`` (12, written at stop 35: a water utility, a
Belgian insurer, a coach network, a dairy cooperative, a Swiss bank's interview, a Québec ski
resort, a university in Thiès, a wire dispatch …) was measured only at stop 35 (at its start and
end: a fresh check of that stop's release changes) and is for development from stop 36;
``heldout`` (8) is measured only, once the changes are made. Each release is one document: dressed in
French typography (``esgtext.damage.french_typography``, seeded by its file name), damaged as
``benchmarks/repair_news.py`` damages news, and repaired with ``repair_text`` (the language
detected, as a user would).

Rows: word error rate (whitespace tokens) of the damaged text and of the repair: by default
(``french_typography="auto"``: the no-break spaces before ``: ; ! ?`` and of four-digit counts and
the guillemets of quotations are put back in a document that reads as a press release typed in a
word processor's French mode, :func:`esgtext.repair.releases.wants_french_typography`), never
(``False``, as news sites write, the default before it) and always (``True``); and how many of the
damaged releases the default read as such.
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))

from esgtext.damage import corpus_word_error_rate, french_typography  # noqa: E402
from esgtext.repair import RepairConfig, repair_text  # noqa: E402
from esgtext.repair.releases import wants_french_typography  # noqa: E402
from repair_news import DAMAGE  # noqa: E402

RELEASES = REPO / "benchmarks" / "press_releases"
SETS = ("dev", "dev2", "dev3", "dev4", "dev5", "heldout")
TYPOGRAPHY = RepairConfig(french_typography=True)
NO_TYPOGRAPHY = RepairConfig(french_typography=False)


def releases(which: str) -> list[str]:
    folders = list(SETS) if which == "all" else [which]
    paths = sorted(p for folder in folders for p in (RELEASES / folder).glob("*.txt"))
    return [french_typography(p.read_text(encoding="utf-8").strip() + "\n",
                              seed=zlib.crc32(f"{p.parent.name}/{p.name}".encode()))
            for p in paths]


def measure(documents: list[str]) -> dict:
    rows = {}
    for name, damage in DAMAGE.items():
        damaged = [damage(d) for d in documents]
        rows[name] = {
            "damaged": round(corpus_word_error_rate(zip(damaged, documents)), 2),
            "repaired": round(corpus_word_error_rate(
                zip((repair_text(d).text for d in damaged), documents)), 2),
            "no_typography": round(corpus_word_error_rate(
                zip((repair_text(d, config=NO_TYPOGRAPHY).text for d in damaged), documents)), 2),
            "french_typography": round(corpus_word_error_rate(
                zip((repair_text(d, config=TYPOGRAPHY).text for d in damaged), documents)), 2),
            "read_as_releases": sum(map(wants_french_typography, damaged)),
        }
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=(*SETS, "all"), default="all")
    parser.add_argument("--json", action="store_true", help="print only the JSON line")
    args = parser.parse_args(argv)
    results = {}
    for which in (SETS if args.set == "all" else [args.set]):
        documents = releases(which)
        words = sum(len(d.split()) for d in documents)
        results[which] = {"releases": len(documents), "words": words, "rows": measure(documents)}
    if not args.json:
        for which, result in results.items():
            print(f"{which}: {result['releases']} releases, {result['words']:,} words "
                  "(WER %: damaged -> repaired by default; french_typography False, True; "
                  "read as releases)")
            for name, row in result["rows"].items():
                print(f"  {name:34s} {row['damaged']:6.2f} -> {row['repaired']:5.2f}; "
                      f"{row['no_typography']:5.2f}, {row['french_typography']:5.2f}; "
                      f"{row['read_as_releases']} of {result['releases']}")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
