"""Generate ``src/esgtext/data/fr_bigrams.txt.gz``, the word-bigram counts that give accent
restoration its context ("a t reconnue" -> "a été reconnue", "continuera pratiquer" -> "continuera
à pratiquer", stripped "a la maison" vs "à la maison").

Sources, both shipped by Debian (CI does not install them: this script is run by a developer and
its output is committed; each package's licence is in ``/usr/share/doc/<package>/copyright``):

- French prose of documentation packages (manuals and FAQs, about 4 million tokens): modern
  French, but technical;
- the Littré dictionary (``stardict-xmlittre``, public domain text; about 13 million tokens of
  definitions, usage examples and quotations, the etymology and Old French sections left out):
  general vocabulary and, above all, how words are constructed ("renoncer à", "échapper à",
  "nécessaire à"), which manuals rarely show.

Adding the dictionary took the deleted-accent word error rate on FLORES devtest from 2.67 % to
2.37 % (``benchmarks/repair_quality.py``). To rebuild::

    apt-get install --no-install-recommends libreoffice-help-fr gimp-help-fr debian-reference-fr \\
        debian-faq-fr developers-reference-fr maint-guide-fr debian-edu-doc-fr kicad-doc-fr \\
        lilypond-doc-html-fr texworks-help-fr aptitude-doc-fr ubuntu-packaging-guide-html-fr \\
        stardict-xmlittre
    .venv/bin/python scripts/build_french_bigrams.py

Only counts are stored, never text: one line per left-context token ``v``::

    v<TAB>c(v)<TAB>w1:c(v,w1) w2:c(v,w2) ...

Tokens are produced by ``esgtext.repair.lexicon.context_tokens`` (the same function the runtime
uses): lower-cased words, elided articles as ``l'``/``d'``/``qu'``…, ``<num>`` for numbers and
``<p>`` for punctuation and line breaks. Contexts "à la", "à l'", … (``ARTICLES_AFTER_A``) count the word after "à" + article, so that
"à la fin" / "à l'hôpital" can be told from "la fin" / "l'hôpital". Pairs seen once and contexts
seen fewer than
``MIN_CONTEXT`` times are pruned. The file lives under ``src/esgtext/data/`` so that it ships with a
non-editable install. Never edit it by hand.
"""

from __future__ import annotations

import gzip
import html
import re
import struct
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from bigram_table import PairCounts  # noqa: E402  (scripts/bigram_table.py)

PACKAGES = (
    "libreoffice-help-fr",
    "gimp-help-fr",
    "debian-reference-fr",
    "debian-faq-fr",
    "developers-reference-fr",
    "maint-guide-fr",
    "debian-edu-doc-fr",
    "kicad-doc-fr",
    "lilypond-doc-html-fr",
    "texworks-help-fr",
    "aptitude-doc-fr",
    "ubuntu-packaging-guide-html-fr",
)
LITTRE = Path("/usr/share/stardict/dic/XMLittre")  # stardict-xmlittre: .idx + .dict.dz
MIN_PAIR = 2
MIN_CONTEXT = 3
OUTPUT = Path(__file__).resolve().parents[1] / "src" / "esgtext" / "data" / "fr_bigrams.txt.gz"
_MARKUP = re.compile(r"<(script|style|pre|code)\b.*?</\1>|<[^>]+>", re.S | re.I)


def package_files(package: str) -> list[str]:
    listing = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True, check=True)
    return sorted(
        f
        for f in listing.stdout.splitlines()
        if f.endswith((".html", ".txt.gz")) and "changelog" not in f and Path(f).is_file()
    )


def document_text(path: str) -> str:
    if path.endswith(".gz"):
        raw = gzip.open(path, "rt", encoding="utf-8", errors="replace").read()
    else:
        raw = Path(path).read_text(encoding="utf-8", errors="replace")
    if path.endswith(".html"):
        raw = html.unescape(_MARKUP.sub("\n", raw))
    return raw


_LITTRE_HEADING = re.compile(r"<b><big>(.*?)</big></b>")
_LITTRE_SKIPPED = ("HISTORIQUE", "ÉTYMOLOGIE")  # Old French quotations, Latin etymologies
_LITTRE_REFERENCE = re.compile(r'<span foreground="#(?:B22222|556B2F)">.*?</span>', re.S)  # authors
_TAG = re.compile(r"<[^>]+>")


def littre_articles() -> list[str]:
    """The text of each Littré article (stardict: a big-endian offset/size index into a gzip file),
    without its history and etymology sections and without the names of quoted authors/works."""
    index = LITTRE.with_suffix(".idx").read_bytes()
    data = gzip.open(LITTRE.with_suffix(".dict.dz")).read()
    articles = []
    i = 0
    while i < len(index):
        j = index.index(b"\0", i)
        offset, size = struct.unpack(">II", index[j + 1:j + 9])
        i = j + 9
        parts = _LITTRE_HEADING.split(data[offset:offset + size].decode("utf-8", "replace"))
        kept = [parts[0]] + [
            parts[k + 1] for k in range(1, len(parts), 2)
            if not parts[k].strip().upper().startswith(_LITTRE_SKIPPED)
        ]
        articles.append(html.unescape(_TAG.sub("", _LITTRE_REFERENCE.sub("", "\n".join(kept)))))
    return articles


def documents():
    """Every source text, one document at a time."""
    for package in PACKAGES:
        files = package_files(package)
        if not files:
            sys.exit(f"{package} is not installed (see the docstring)")
        for path in files:
            yield document_text(path)
    if not LITTRE.with_suffix(".idx").is_file():
        sys.exit("stardict-xmlittre is not installed (see the docstring)")
    yield from littre_articles()


def main() -> None:
    counts = PairCounts()
    for text in documents():
        counts.add(text)
    print(counts.write(OUTPUT, f"# generated by scripts/build_french_bigrams.py from {len(PACKAGES)} "
                       "Debian documentation packages and the Littré (stardict-xmlittre)",
                       MIN_PAIR, MIN_CONTEXT))


if __name__ == "__main__":
    main()
