"""Deterministic simulators of the accent damage esgtext repairs, and the word error rate used to
measure the repair.

They reproduce what real press releases look like when they reach us (see the project's seed
documents): accented letters *deleted* by a lossy ASCII conversion, *replaced by ``?``* by an
``encode("ascii", "replace")``, or *stripped* to their base letter. Tests and benchmarks of every
module damage clean text with these functions and measure how much of it a repair gets back.

    >>> delete_accents("La médaille a été reconnue à Pretoria")
    'La mdaille a t reconnue Pretoria'
    >>> question_mark_accents("Côte d'Ivoire")
    "C?te d'Ivoire"
    >>> strip_accents("développement à l'été")
    "developpement a l'ete"
    >>> word_error_rate("la mdaille", "la médaille")
    0.5
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "delete_accents",
    "question_mark_accents",
    "strip_accents",
    "is_accented_letter",
    "word_error_rate",
    "word_errors",
]

TYPOGRAPHIC_APOSTROPHE = "\u2019"
# Letters that a lossy ASCII conversion loses although NFD does not decompose them.
_SPECIAL_NON_ASCII_LETTERS = frozenset("œæŒÆ")


def is_accented_letter(char: str) -> bool:
    """True for a Latin letter that carries a diacritic (é, À, ç, ï …) or is a ligature (œ).

    >>> [is_accented_letter(c) for c in "eéÀçœ?"]
    [False, True, True, True, True, False]
    """
    if char in _SPECIAL_NON_ASCII_LETTERS:
        return True
    if char.isascii() or not char.isalpha():
        return False
    base = unicodedata.normalize("NFD", char)
    return len(base) > 1 and base[0].isascii() and base[0].isalpha()


def delete_accents(text: str, *, capitals: bool = True, apostrophes: bool = False) -> str:
    """Delete every accented letter, as a lossy ASCII conversion does.

    ``capitals=False`` keeps accented capitals (seed 000 kept "Équateur" and "À l'avenir").
    ``apostrophes=True`` also deletes the typographic apostrophe U+2019 (a straight ``'`` is ASCII and
    survives). A word that vanishes entirely (the preposition "à") takes one of its spaces with it,
    as in the seed documents ("des collations 80 enfants Pretoria").

    >>> delete_accents("Début 2023, à l’avenir")
    'Dbut 2023, l’avenir'
    >>> delete_accents("Début 2023, À l’avenir", capitals=False, apostrophes=True)
    'Dbut 2023, À lavenir'
    """

    def damage_word(word: str) -> str:
        return "".join(
            c
            for c in word
            if not (is_accented_letter(c) and (capitals or not c.isupper()))
            and not (apostrophes and c == TYPOGRAPHIC_APOSTROPHE)
        )

    pieces = re.split(r"(\s+)", text)
    out: list[str] = []
    drop_next_space = False
    for i, piece in enumerate(pieces):
        if i % 2:  # whitespace
            if drop_next_space and piece.strip(" ") == "":
                drop_next_space = False
                continue
            drop_next_space = False
            out.append(piece)
            continue
        damaged = damage_word(piece)
        if piece and not damaged:
            # The vanished word takes one neighbouring space with it (never a line break).
            if out and out[-1] and out[-1].strip(" ") == "":
                out.pop()
            else:
                drop_next_space = True
        out.append(damaged)
    return "".join(out)


def question_mark_accents(text: str) -> str:
    """Replace every accented letter by ``?``, as ``encode("ascii", "replace")`` does.

    >>> question_mark_accents("Université Félix Houphouët-Boigny, réalisé")
    'Universit? F?lix Houphou?t-Boigny, r?alis?'
    """
    return "".join("?" if is_accented_letter(c) else c for c in text)


def strip_accents(text: str) -> str:
    """Replace every accented letter by its base letter (ligatures œ/æ are kept).

    >>> strip_accents("Où est passé l'élève ? À côté.")
    "Ou est passe l'eleve ? A cote."
    """
    out = []
    for char in text:
        if char not in _SPECIAL_NON_ASCII_LETTERS and is_accented_letter(char):
            out.append(unicodedata.normalize("NFD", char)[0])
        else:
            out.append(char)
    return "".join(out)


def word_errors(hypothesis: str, reference: str) -> tuple[int, int]:
    """(edit distance over whitespace tokens, number of reference tokens); case-sensitive.

    >>> word_errors("a t reconnue", "a été reconnue")
    (1, 3)
    """
    hyp = hypothesis.split()
    ref = reference.split()
    if hyp == ref:
        return 0, len(ref)
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        current = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h))
        previous = current
    return previous[-1], len(ref)


def word_error_rate(hypothesis: str, reference: str) -> float:
    """Word error rate: Levenshtein distance over whitespace tokens divided by the reference length.

    >>> word_error_rate("des collations 80 enfants", "des collations à 80 enfants")
    0.2
    """
    errors, total = word_errors(hypothesis, reference)
    if total == 0:
        return 0.0 if errors == 0 else 1.0
    return errors / total


def corpus_word_error_rate(pairs) -> float:
    """Word error rate, in percent, over many (hypothesis, reference) pairs: all errors divided by
    all reference words (not a mean of per-sentence rates).

    >>> corpus_word_error_rate([("la mdaille", "la médaille"), ("un deux", "un deux")])
    25.0
    """
    errors = total = 0
    for hypothesis, reference in pairs:
        e, n = word_errors(hypothesis, reference)
        errors += e
        total += n
    return 100.0 * errors / max(total, 1)
