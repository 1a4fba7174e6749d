"""Elided articles whose apostrophe vanished: "lenvironnement" for "l’environnement",
"dÉtat" for "d’État", "aujourdhui" for "aujourd’hui".

    >>> from esgtext.repair.lexicon import french_lexicon
    >>> _elision_splits("lenvironnement", french_lexicon(), True)
    [('l', 'environnement')]
"""

from __future__ import annotations

import re

from esgtext.repair.lexicon import ELISIONS, FrenchLexicon


from esgtext.repair.french.tokens import _VOWEL_START


_ELISIONS_BY_LETTER: dict[str, tuple[str, ...]] = {}
for _elision in ELISIONS:
    _ELISIONS_BY_LETTER[_elision[0]] = _ELISIONS_BY_LETTER.get(_elision[0], ()) + (_elision,)


def _elision_splits(lower: str, lexicon: FrenchLexicon, deleted: bool) -> list[tuple[str, str]]:
    """("l", "environnement") for "lenvironnement": an elided article whose apostrophe vanished."""
    out = []
    for elision in _ELISIONS_BY_LETTER.get(lower[:1], ()):
        if not lower.startswith(elision):
            continue
        rest = lower[len(elision):]
        if len(rest) < 2 and rest not in ("a", "y") and not (
                deleted and (rest == "t" or (rest == "o" and elision == "d"))):
            continue  # ("na" -> "n’a", "sy" -> "s’y", "lt" -> "l’été", "do" -> "d’où")
        options = []
        if rest[0] in _VOWEL_START and lexicon.zipf.get(rest, 0.0) >= 2.0:
            options.append(rest)
        if deleted:
            options += [w for w in lexicon.candidates(rest, "deleted") if w[0] in _VOWEL_START][:2]
        out += [(elision, w) for w in options]
    return out


# "lAustralie", "dIvoire", "LAfrique": a lower-case elided article glued to a capitalised word;
# and the "O’" of Irish names ("ODonovan": "O’Donovan"; not "OTAN")
_GLUED_ELISION = re.compile(r"^(?:[LDNSJCMT]|Qu|Jusqu|Lorsqu|Puisqu|[ldnsjcmt]|qu|jusqu|lorsqu|puisqu)"
                            r"(?=[A-ZÀ-Ý][^\W\d_])|^O(?=[A-Z][a-z]{2})")
# Real words that, in text whose apostrophes vanished, are usually an elided pair.
_OFTEN_ELIDED_WORDS = frozenset(
    "dune dunes quelle quelles lune nest quon sil sils lun larme larmes mont lest lan do my".split())
# Words that keep an apostrophe inside: "aujourdhui" -> "aujourd’hui".
_APOSTROPHE_WORDS = {
    "aujourdhui": "aujourd’hui",
    "quelquun": "quelqu’un",
    "quelquune": "quelqu’une",
    "presquile": "presqu’île",
}
