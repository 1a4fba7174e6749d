"""Generate ``src/esgtext/data/es_accented.txt.gz``: the Spanish words that Spanish writes with an
accent far more often than without, for the names of Spanish-speaking places and people in French
news whose accents a damaged text lost ("Fernandez" for "Fernández", "Mazatln" for "Mazatlán";
see ``esgtext.repair.french.names``).

Source: the ``wordfreq`` package (a declared dependency): its Spanish and French lists. Kept: the
Spanish words of Zipf ``MIN_ZIPF`` to ``MAX_ZIPF`` whose non-ASCII letters are one or two of
Spanish's own (``á é í ó ú ñ ü``). One line per word, tab-separated, its numbers in tenths of
Zipf::

    <word>  <Zipf in Spanish>  <Zipf in French>
            <Zipf in Spanish, in French of its unaccented form ("fernandez")>
            <Zipf in Spanish, in French of what a deletion leaves of it ("fernndez")>

The runtime applies its own thresholds on these numbers (tuned on newstest2011). Counts only,
no text. Never edit the file by hand: rerun

    .venv/bin/python scripts/build_spanish_names.py
"""

from __future__ import annotations

import gzip
import re
import sys
import unicodedata
from importlib.metadata import version
from pathlib import Path

import wordfreq

OUTPUT = Path(__file__).resolve().parents[1] / "src" / "esgtext" / "data" / "es_accented.txt.gz"
MIN_ZIPF = 2.5  # (the runtime needs no rarer word: see esgtext.repair.french.names)
MAX_ZIPF = 6.0
SPANISH_WORD = re.compile(r"^[a-záéíóúñü]+$")


def unaccented(word: str) -> str:
    return "".join(unicodedata.normalize("NFD", c)[0] for c in word)


def main() -> int:
    zipf = wordfreq.zipf_frequency
    rows = []
    for word in wordfreq.iter_wordlist("es", "best"):
        own = zipf(word, "es")
        if own < MIN_ZIPF:
            break
        if own > MAX_ZIPF or word.isascii() or not SPANISH_WORD.match(word):
            continue
        if sum(not c.isascii() for c in word) > 2:
            continue
        plain = unaccented(word)
        deleted = "".join(c for c in word if c.isascii())
        rows.append((word, own, zipf(word, "fr"), zipf(plain, "es"), zipf(plain, "fr"),
                     zipf(deleted, "es"), zipf(deleted, "fr")))
    rows.sort()
    header = (f"# Spanish words written accented, from wordfreq {version('wordfreq')} "
              f"(scripts/build_spanish_names.py); Zipf x 10\n")
    body = "".join(word + "".join(f"\t{round(value * 10)}" for value in values) + "\n"
                   for word, *values in rows)
    OUTPUT.write_bytes(gzip.compress((header + body).encode("utf-8"), mtime=0))
    print(f"{len(rows)} words -> {OUTPUT} ({OUTPUT.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
