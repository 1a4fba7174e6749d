"""How French a Latin-script text reads, damaged or not: the share of French marker words,
against English ones, counting words that lost their accents ("dveloppement") as French.

    >>> french_score("Le groupe a t reconnu pour son dveloppement durable.") > 0.5
    True
    >>> french_score("The group was recognised for its sustainable development.") < 0.5
    True
"""

from __future__ import annotations

import re

from esgtext.charsets import CJK_RE
from esgtext.repair.lexicon import french_lexicon
from esgtext.repair.spacing import MONTHS


# --- language score ---------------------------------------------------------------------------

_FRENCH_MARKERS = frozenset(
    "le la les de des du et est un une que qui dans pour sur par avec au aux en ce cette il elle "
    "ils elles ne pas plus son sa ses leur leurs nous vous se sont ont été t tre entre mais ou "
    "comme aussi lors afin ainsi selon chez sous dont".split()
)
_ENGLISH_MARKERS = frozenset(
    "the of and to in is for on with that by as at from was are be it this an which has have "
    "its their were will been or not but also into more than after about said you i do does did "
    "can could would should my your we they he she his him them our what how why who when there "
    "here just any some yes".split()
)
# English contractions ("doesn't", "it's"): their "t" and "s" are no French words ("a t reconnue")
_ENGLISH_CONTRACTION = re.compile(r"(?<=[a-z])(?:n['’]t|['’](?:s|re|ve|ll|d|m))\b", re.IGNORECASE)
_CJK = CJK_RE
_LATIN_WORD = re.compile(r"[^\W\d_]+")
# An elided article or pronoun before a word ("l’existence", "n’admet", "jusqu’à"): French
# (English contractions are taken out first).
_ELISION = re.compile(r"(?<![^\W\d_])(?:jusqu|lorsqu|puisqu|qu|[cdjlmns])['’](?=[^\W\d_])",
                      re.IGNORECASE)


def _damaged_french_words(words: list[str], elided_only: bool = False) -> float:
    """How many of ``words`` are no word of French or English but French words once their
    deleted or stripped accents are put back ("dveloppement", "egalement"), an elided pair whose
    apostrophe vanished ("lexistence") counting half, as an elision does (``elided_only``: only
    those)."""
    from wordfreq import zipf_frequency

    from esgtext.repair.french.elision import _elision_splits

    lexicon = french_lexicon()
    found = 0.0
    for word in words:
        lower = word.lower()
        if len(lower) < 4 or not lower.isascii():
            continue
        own = lexicon.zipf.get(lower, 0.0)
        # (a web misspelling such as "egalement" is still a stripped word)
        accented = not elided_only and (
            (own < 1.6 and lexicon.best_zipf(lower, "deleted") >= 3.0)
            or lexicon.best_zipf(lower, "stripped") >= max(3.0, own + 1.5))
        # an elision whose apostrophe vanished ("lexistence") counts half, as one with it does
        elided = not accented and own < 1.6 and any(
            lexicon.zipf.get(w, 0.0) >= 3.0 for _, w in _elision_splits(lower, lexicon, True))
        if (accented or elided) and zipf_frequency(lower, "en") < 1.5:
            found += 1.0 if accented else 0.5
    return found


_FRENCH_DATE = re.compile(rf"(?<![\d.,])\d{{1,2}}(?:er)? ?(?:{MONTHS})(?![^\W\d_])",
                          re.IGNORECASE)


# A word of a few-marker line that only one of the two languages uses counts half a marker:
# frequent in it (Zipf) and at least VOCABULARY_MARGIN rarer in the other ("aimait", "emplois",
# "recommandations"; "routine", "menace", "efforts" are both).
VOCABULARY_ZIPF = 3.0
VOCABULARY_MARGIN = 2.0


def _vocabulary_words(words: list[str]) -> tuple[float, float]:
    """(French, English): half a marker for each word of ``words`` that is frequent in one
    language and rare in the other ("Lukas Pytloun aimait voyager.": "aimait")."""
    from wordfreq import zipf_frequency

    zipf = french_lexicon().zipf
    french = english = 0.0
    for word in words:
        lower = word.lower()
        if len(lower) < 3 or word.isupper():
            continue
        fr, en = zipf.get(lower, 0.0), zipf_frequency(lower, "en")
        if fr >= VOCABULARY_ZIPF and fr - en >= VOCABULARY_MARGIN:
            french += 0.5
        elif en >= VOCABULARY_ZIPF and en - fr >= VOCABULARY_MARGIN:
            english += 0.5
    return french, english


def french_score(text: str, *, words: list[str] | None = None) -> float:
    """0..1: how French a possibly damaged text looks (deleted/stripped accents included);
    used by repair_text(lang=None) to decide whether to run restore_french. English and
    Chinese news must score low, damaged French high.

    >>> french_score("La mdaille a t reconnue dans le monde entier") > 0.8
    True
    >>> french_score("The medal was awarded to the company in Pretoria") < 0.2
    True
    >>> french_score("中国汽车出口增长了百分之六十七") < 0.1
    True

    ``words``: the Latin-script words of ``text`` (the matches of ``_LATIN_WORD``), when the
    caller has found them already.
    """
    contractions, elisions = 0, 0.0
    if "'" in text or "’" in text:
        contractions = len(_ENGLISH_CONTRACTION.findall(text))
        if contractions:
            text = _ENGLISH_CONTRACTION.sub(" ", text)
            words = None
        elisions = 0.5 * len(_ELISION.findall(text))  # ("d'Estaing" in English: half a marker)
    if words is None:
        words = _LATIN_WORD.findall(text)
    cjk = len(_CJK.findall(text))
    if cjk:
        words = [word for word in words if not _CJK.search(word)]
    latin_letters = sum(map(len, words))
    # a French date counts as a marker, its accents gone or not ("28aot 2009", "le 1er fvrier")
    french: float = elisions + len(_FRENCH_DATE.findall(text))
    english = contractions
    for lower in map(str.lower, words):
        if lower in _FRENCH_MARKERS:
            french += 1
        elif lower in _ENGLISH_MARKERS:
            english += 1
    if french + english < 3 and len(words) >= 2:
        # Few markers (a title, a short line): words that are French once their deleted or
        # stripped accents come back ("videmment", "egalement") and no English word count as
        # French; in a line of two words only an elided pair whose apostrophe vanished does
        # ("Lopinion publique."; "cmn_Hant", a Tatoeba label, is no damaged "hanté")
        french += _damaged_french_words(words, elided_only=len(words) < 3)
        # and the words only one of the two languages uses ("Voici quelques recommandations.")
        vocabulary = _vocabulary_words([w for w in words if w.lower() not in _FRENCH_MARKERS
                                        and w.lower() not in _ENGLISH_MARKERS])
        french += vocabulary[0]
        english += vocabulary[1]
    if french + english == 0:
        return 0.0
    share = (french + 0.25) / (french + english + 0.5)
    latin_share = latin_letters / (latin_letters + 2 * cjk) if latin_letters + cjk else 0.0
    evidence = 1.0 if french + english >= 3 else 0.75  # one or two markers are weak evidence
    return round(share * latin_share * evidence, 4)
