"""Generate ``src/esgtext/data/en_possessives.txt.gz``: the English names and words that English
writes with a possessive ``'s`` far more often than as a plural, for the names in French news
whose apostrophe a lossy conversion deleted ("McDonalds" for "McDonald’s", "Sothebys" for
"Sotheby’s"; see ``esgtext.repair.french.names.english_possessives``).

Source: the ``wordfreq`` package (a declared dependency): its English and French lists. Kept: the
English words ``<base>'s`` of Zipf ``MIN_ZIPF`` or more, letters only before the ``'s``, that
English writes at least ``MARGIN`` (Zipf) more often than ``<base>s`` and that French does not
write as ``<base>s`` as often ("Lloyds", "Queens", "Americas" are no possessives; "mens" is
French). One line per word, tab-separated: the base in lower case, then Zipf numbers in tenths
(the possessive in English, the plain form in English, the plain form in French)::

    mcdonald    39    34    24

Counts only, no text. Never edit the file by hand: rerun

    .venv/bin/python scripts/build_english_possessives.py
"""

from __future__ import annotations

import gzip
import sys
from importlib.metadata import version
from pathlib import Path

import wordfreq
from wordfreq_words import words_down_to  # (scripts/wordfreq_words.py)

OUTPUT = Path(__file__).resolve().parents[1] / "src" / "esgtext" / "data" / "en_possessives.txt.gz"
MIN_ZIPF = 2.5
MARGIN = 0.5


def main() -> int:
    zipf = wordfreq.zipf_frequency
    rows = []
    for word, own in words_down_to("en", MIN_ZIPF):
        base = word[:-2]
        if not word.endswith("'s") or len(base) < 3 or not base.isascii() or not base.isalpha():
            continue
        plain_en, plain_fr = zipf(base + "s", "en"), zipf(base + "s", "fr")
        if own - plain_en >= MARGIN and own - plain_fr >= MARGIN:
            rows.append((base, own, plain_en, plain_fr))
    rows.sort()
    header = (f"# English possessives, from wordfreq {version('wordfreq')} "
              f"(scripts/build_english_possessives.py); Zipf x 10\n")
    body = "".join(f"{base}\t{round(own * 10)}\t{round(en * 10)}\t{round(fr * 10)}\n"
                   for base, own, en, fr in rows)
    OUTPUT.write_bytes(gzip.compress((header + body).encode("utf-8"), mtime=0))
    print(f"{len(rows)} words -> {OUTPUT} ({OUTPUT.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
