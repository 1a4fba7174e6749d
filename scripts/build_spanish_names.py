"""Generate ``src/esgtext/data/es_accented.txt.gz``: the Spanish words that Spanish writes with an
accent far more often than without, for the names of Spanish-speaking places and people in French
news whose accents a damaged text lost ("Fernandez" for "Fernández", "Mazatln" for "Mazatlán";
see ``esgtext.repair.french.names``).

Source: the ``wordfreq`` package (a declared dependency): its Spanish and French lists. Kept: the
Spanish words of Zipf ``MIN_ZIPF`` to ``MAX_ZIPF`` whose non-ASCII letters are one or two of
Spanish's own (``á é í ó ú ñ ü``). One line per word, tab-separated: the word, its stripped and
deleted forms (``esgtext.repair.lexicon.damage_key``), then Zipf numbers in tenths::

    <word>  <stripped form>  <deleted form>  <Zipf in Spanish>  <Zipf in French>
            <Zipf in Spanish, in French of its stripped form ("fernandez")>
            <Zipf in Spanish, in French of its deleted form ("fernndez")>

The runtime applies its own thresholds on these numbers (tuned on newstest2011). Counts only,
no text. Never edit the file by hand: rerun

    .venv/bin/python scripts/build_spanish_names.py
"""

from __future__ import annotations

import gzip
import re
import sys
from importlib.metadata import version
from pathlib import Path

import wordfreq

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from esgtext.repair.lexicon import damage_key  # noqa: E402
from wordfreq_words import words_down_to  # noqa: E402  (scripts/wordfreq_words.py)

OUTPUT = Path(__file__).resolve().parents[1] / "src" / "esgtext" / "data" / "es_accented.txt.gz"
MIN_ZIPF = 2.5  # (the runtime needs no rarer word: see esgtext.repair.french.names)
MAX_ZIPF = 6.0
SPANISH_WORD = re.compile(r"^[a-záéíóúñü]+$")


def main() -> int:
    zipf = wordfreq.zipf_frequency
    rows = []
    for word, own in words_down_to("es", MIN_ZIPF):
        if own > MAX_ZIPF or word.isascii() or not SPANISH_WORD.match(word):
            continue
        if sum(not c.isascii() for c in word) > 2:
            continue
        plain, deleted = damage_key(word, "stripped"), damage_key(word, "deleted")
        rows.append((word, plain, deleted, own, zipf(word, "fr"), zipf(plain, "es"),
                     zipf(plain, "fr"), zipf(deleted, "es"), zipf(deleted, "fr")))
    rows.sort()
    header = (f"# Spanish words written accented, from wordfreq {version('wordfreq')} "
              f"(scripts/build_spanish_names.py); Zipf x 10\n")
    body = "".join("\t".join((word, plain, deleted))
                   + "".join(f"\t{round(value * 10)}" for value in values) + "\n"
                   for word, plain, deleted, *values in rows)
    OUTPUT.write_bytes(gzip.compress((header + body).encode("utf-8"), mtime=0))
    print(f"{len(rows)} words -> {OUTPUT} ({OUTPUT.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
