"""Memory of a long repair run: resident set size and the French decoder's per-process caches after
each step of thousands of distinct documents (they must stay flat, not grow with the run).

    .venv/bin/python benchmarks/repair_memory.py [--documents 3000] [--every 500]

Documents: the WMT news test sets from ../shared (every French file), 12 sentences each, damaged
in turn by the three kinds of damage (every non-ASCII character deleted, turned into ``?``,
accents stripped) so that documents do not repeat; repaired with ``repair_text(lang="fr")``.
Exits 0 with a message without ../shared.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from esgtext.damage import french_typography, lossy_ascii, strip_accents  # noqa: E402
from esgtext.repair import repair_text  # noqa: E402

DAMAGE = (lambda t: lossy_ascii(t, capitals=False), lambda t: lossy_ascii(t, replacement="?"),
          strip_accents)


def rss_mib() -> float:
    """Current resident set size (Linux /proc), in MiB."""
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def cache_entries() -> int:
    from esgtext.repair import french, lexicon

    model = lexicon.bigram_model()
    total = len(model.cache) + len(model._parsed) + len(french._EVIDENCE)
    total += sum(len(memo) for memos in french._CANDIDATE_MEMO.values() for memo in memos.values())
    total += sum(len(keys) for keys in lexicon.french_lexicon()._keys.values())
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "wmt-news")
    parser.add_argument("--documents", type=int, default=3000)
    parser.add_argument("--every", type=int, default=500)
    args = parser.parse_args(argv)
    files = sorted(args.data.glob("*.fra-eng.fra"))
    if not files:
        print(f"no WMT news data at {args.data}; nothing to measure")
        return 0
    lines = [line for path in files for line in path.read_text(encoding="utf-8").splitlines()]
    docs = ["\n".join(french_typography(x, seed=i) for x in lines[i:i + 12])
            for i in range(0, len(lines), 12)]
    print(f"{'documents':>10} {'RSS MiB':>8} {'cache entries':>14} {'seconds':>8}")
    start = time.perf_counter()
    for n in range(1, args.documents + 1):
        index = n - 1
        damage = DAMAGE[(index // len(docs)) % len(DAMAGE)]
        repair_text(damage(docs[index % len(docs)]), lang="fr")
        if n % args.every == 0 or n == 1:
            print(f"{n:>10} {rss_mib():8.1f} {cache_entries():>14} {time.perf_counter() - start:8.1f}",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
