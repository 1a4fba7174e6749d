"""Generate ``src/esgtext/data/fr_lexicon.txt.gz``, the French word list behind accent restoration.

Source: the ``wordfreq`` package (a declared dependency; its French "large" list merges Wikipedia,
subtitles, news, books, web text and Twitter). The file is plain text in sections, so that loading
is a few string splits (the runtime parses a section on first use):

``@zipf``
    one line per Zipf bucket (one decimal): ``<zipf×10>\\t<word> <word> …``. Accented words of
    Zipf ≥ ``MIN_ZIPF``; unaccented words of Zipf ≥ ``MIN_ZIPF_PLAIN``, or rarer when a damaged
    accented word looks like them (the repair must know "mission" is a word too); elided articles
    as ``l'``/``qu'`` with the frequency wordfreq gives the bare letter, and the bare letters
    themselves capped at ``BARE_LETTER_ZIPF`` (a lone "t" in damaged text is "été").
``@deleted``, ``@stripped``, ``@question_mark``
    ``<damaged form>\\t<accented word> …`` (most frequent first), the damaged form as
    ``esgtext.repair.lexicon.damage_key`` computes it. Accented words that are an elided article
    glued to a more frequent word ("lhôpital", "lécole") are web damage and are left out, unless
    Grammalecte's lexicon knows them as words ("têtes", "détendue", "légalement", "centrée":
    without it, 394 such words were dropped, 24 of them real words of Zipf 2.5 or more).

Needs Grammalecte's lexicon (Debian's ``python3-grammalecte``, GPL, read at build time only; as
``scripts/build_french_classes.py``).

The generated file lives under ``src/esgtext/data/`` so that it ships with a non-editable install
(``pyproject.toml`` declares ``esgtext/data/*`` as package data). Never edit it by hand: rerun

    .venv/bin/python scripts/build_french_lexicon.py
"""

from __future__ import annotations

import gzip
import math
import re
import sys
from importlib.metadata import version
from pathlib import Path

import wordfreq

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from esgtext.repair.lexicon import DAMAGE_KINDS, ELISIONS, damage_key  # noqa: E402

MIN_ZIPF = 1.0  # accented words: the candidates a repair can restore
MIN_ZIPF_PLAIN = 2.0  # unaccented words: rarer ones are mostly damaged forms seen on the web
MIN_ZIPF_PLAIN_COLLIDING = 1.0  # ... unless an accented word's damaged form is spelt like them
OUTPUT = Path(__file__).resolve().parents[1] / "src" / "esgtext" / "data" / "fr_lexicon.txt.gz"
KEPT_SINGLE_LETTERS = frozenset("aàyôù")
BARE_LETTER_ZIPF = 3.0
DEBIAN_PYTHON = "/usr/lib/python3/dist-packages"  # where Debian installs python3-grammalecte
FRENCH_WORD = re.compile(r"^[a-zàâäáçéèêëîïíôöóùûüúÿñœæ]+$")


def _glued_elision(word: str, zipf: dict[str, float], known) -> bool:
    """"lhôpital", "lécole": web text whose apostrophe vanished, not a French word (the repair
    must not offer it for "lhpital"; it restores "l’hôpital"). ``known(word)``: whether the
    spelling lexicon knows ``word`` ("têtes" is no "t’êtes", "détendue" no "d’étendue")."""
    if known(word):
        return False
    for elision in ELISIONS:
        rest = word[len(elision):]
        if word.startswith(elision) and len(rest) > 2 and rest[0] in "aeiouyhàâéèêëîïôœ":
            if zipf.get(rest, 0.0) >= zipf[word] + 1.0:
                return True
    return False


def grammalecte_checker():
    """Grammalecte's French spelling checker (its lexicon), from Debian's python3-grammalecte
    where the environment does not have it; also read by ``build_french_classes.py``."""
    try:
        from grammalecte.graphspell import SpellChecker
    except ImportError:
        sys.path.insert(0, DEBIAN_PYTHON)
        try:
            from grammalecte.graphspell import SpellChecker
        except ImportError:
            sys.exit("python3-grammalecte is not installed (apt-get install python3-grammalecte)")
    return SpellChecker("fr")


def spelling_lexicon():
    """``known(word)``: whether Grammalecte's lexicon has ``word`` as a word."""
    checker = grammalecte_checker()
    return lambda word: bool(checker.getMorph(word))


def main() -> None:
    known = spelling_lexicon()
    zipf: dict[str, float] = {}
    for word, freq in wordfreq.get_frequency_dict("fr", "large").items():
        if FRENCH_WORD.match(word):
            zipf[word] = round(math.log10(freq) + 9, 1)
    accented = sorted((w for w in zipf if not w.isascii() and zipf[w] >= MIN_ZIPF
                       and not _glued_elision(w, zipf, known)), key=lambda w: (-zipf[w], w))
    keys: dict[str, dict[str, list[str]]] = {kind: {} for kind in DAMAGE_KINDS}
    for word in accented:
        for kind in DAMAGE_KINDS:
            key = damage_key(word, kind)
            if key:
                keys[kind].setdefault(key, []).append(word)
    colliding = set(keys["deleted"]) | set(keys["stripped"])
    kept = {
        w: z for w, z in zipf.items()
        if (not w.isascii() and z >= MIN_ZIPF)
        or z >= MIN_ZIPF_PLAIN
        or (w in colliding and z >= MIN_ZIPF_PLAIN_COLLIDING)
    }
    # wordfreq splits "l'avenir" into "l" + "avenir": the elided article keeps that frequency.
    for elision in ELISIONS:
        if elision in zipf:
            kept[elision + "'"] = zipf[elision]
    for word in list(kept):
        if len(word) == 1 and word not in KEPT_SINGLE_LETTERS:
            kept[word] = min(kept[word], BARE_LETTER_ZIPF)
    buckets: dict[int, list[str]] = {}
    for word, z in kept.items():
        buckets.setdefault(round(z * 10), []).append(word)
    lines = [
        f"# generated by scripts/build_french_lexicon.py from wordfreq {version('wordfreq')} "
        "(fr, large)",
        "@zipf",
    ]
    for bucket in sorted(buckets, reverse=True):
        lines.append(f"{bucket}\t{' '.join(sorted(buckets[bucket]))}")
    for kind in DAMAGE_KINDS:
        lines.append(f"@{kind}")
        lines += [f"{key}\t{' '.join(words)}" for key, words in sorted(keys[kind].items())]
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(OUTPUT, "wb", mtime=0) as fh:  # mtime=0: byte-identical rebuilds
        fh.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"wrote {OUTPUT} ({len(kept)} words, {len(accented)} accented, "
          f"{OUTPUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
