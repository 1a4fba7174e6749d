"""Whether a word whose accents were stripped is a past participle ("proposé") or the present
or a noun ("propose"), read from the words around it.

Stripped text writes both alike, and the bigram model sees one word on each side; where no cue
decides (an auxiliary before it, "par" after it, an object after a present), news French says
more: ``un distributeur base a`` was "basé à", ``le portefeuille finance permettra`` "financé",
``l’entreprise exploite des`` the present. :func:`participle_model` is a logistic model of the
same form as :class:`esgtext.repair.french.gaps.GapModel` over eight views of such a word, each a
key of the stripped text (lower case):

==================  ==============  ==============================
view                key             ``un distributeur base a Lyon``
==================  ==============  ==============================
the word            ``w``           ``base``
the word before     ``l1``          ``distributeur``
the word after      ``r1``          ``a``
the pair around     ``l1 r1``       ``distributeur a``
the two before      ``l2 l1``       ``un distributeur``
the two after       ``r1 r2``       ``a lyon``
before + the word   ``l1 w``        ``distributeur base``
the word + after    ``w r1``        ``base a``
==================  ==============  ==============================

The counts are of the LM split of the WMT news test sets (every word of its stripped text that
ends in "e" or "es" and has readings in "é"/"és" and others), the weights fitted on the tune
split; ``scripts/build_french_participles.py`` writes them (counts and weights, never text).

    >>> model = participle_model()
    >>> model.log_odds(participle_keys("un", "distributeur", "base", "a", "lyon")) > (
    ...     model.log_odds(participle_keys("le", "groupe", "precise", "que", "ses")))
    True
"""

from __future__ import annotations

import math
from functools import lru_cache

from esgtext.repair.classes import known_only_as
from esgtext.repair.french.cues import _OBJECT_DETERMINERS, _REFLEXIVE_ELISIONS
from esgtext.repair.french.gaps import GapModel
from esgtext.repair.tables import data_text

__all__ = ["PARTICIPLE_VIEWS", "participle_keys", "participle_model", "participle_cue",
           "PARTICIPLE_MODEL_WEIGHT", "PARTICIPLE_ENDINGS"]

PARTICIPLE_VIEWS = ("word", "before", "after", "across", "before2", "after2", "before_word",
                    "word_after")
PARTICIPLE_ENDINGS = ("é", "és")  # (a reading in "-ée" is no stripped word in "-e")
# What the model's log10 odds (beyond the overall rate) weigh in the decoder's score: the
# bigrams already read the word's neighbours (tune split, stripped: 0.954 % without it, 0.944 %
# at 0.35, 0.942 % at 0.5, 0.938 % at 0.65, 0.952 % at 0.8; Tatoeba's first half 0.796 % without,
# 0.765 % at 0.35 and 0.5, 0.772 % at 0.65)
PARTICIPLE_MODEL_WEIGHT = 0.5
# Where the model says participle it is overruled in two places. Before "que", a number or an
# object's determiner the word is a verb with its object or its clause far more often ("le
# groupe précise que", "exploite des centrales", "transporte chaque année"): the model may speak
# for the present there, never for the participle (the development releases had read "Le groupe
# précisé que", "Retisse développé des solutions"). And a word at the start of its sentence, or
# after the determiner and the noun that start it, with no word only a finite verb elsewhere in
# the sentence, is the sentence's verb (Tatoeba: "Le bébé pleure", "Son anniversaire tombe
# dimanche", "Arrête simplement"; news has "Le portefeuille financé permettra", whose
# "permettra" is the verb): tune split 0.942 -> 0.941 %, Tatoeba's first half 0.765 -> 0.761 %,
# its second half 1.253 -> 1.227 % (the model alone had made it 1.225 -> 1.253 %)
# No participle right after "ne", a reflexive or object pronoun, or "qui": the auxiliary would
# stand between them ("l’Insee ne publie plus", "qui se spécialise", "s’interroge sur"; "ne l’a
# pas publié", "s’est spécialisé"). The LM and tune splits and Tatoeba's first half have 8 words
# in "é"/"ée"/"és"/"ées" there, all typing errors of their sources but "se crée" and "qui crée",
# presents; the participle reading of such a word gets this penalty (log10). Tune split,
# stripped: 0.941 -> 0.937 % at 1.0, 0.934 % at 2.0 and at 4.0; Tatoeba's first half 0.761 ->
# 0.755 % at each; LM split 0.672 -> 0.673 % ("qui achète", whose source wrote "qui acheté")
NO_PARTICIPLE_PENALTY = 2.0
_NO_PARTICIPLE_AFTER = _REFLEXIVE_ELISIONS | {"ne", "n'", "qui"}
_VERB_BEFORE = _OBJECT_DETERMINERS | {"que", "qu'", "<num>", "des", "chaque"}
_STARTING_DETERMINERS = _OBJECT_DETERMINERS | {"ton", "ta", "tes", "chaque"}


def participle_keys(l2: str, l1: str, word: str, r1: str, r2: str) -> tuple[str, ...]:
    """The key of each view (see :data:`PARTICIPLE_VIEWS`) of ``word`` between its neighbours."""
    return (word, l1, r1, l1 + " " + r1, l2 + " " + l1, r1 + " " + r2, l1 + " " + word,
            word + " " + r1)


@lru_cache(maxsize=1)
def participle_model() -> GapModel | None:
    """The model, loaded on first use; None in a build without its table."""
    try:
        return GapModel(data_text("fr_participles.txt.gz"), PARTICIPLE_VIEWS)
    except OSError:
        return None


def participle_cue(contexts: tuple[str, ...], index: int, readings, tokens=None,
                   options=None) -> tuple[str, ...] | tuple:
    """A reading cue for token ``index`` (see ``decoder._reading_bonus``): its readings in
    "é"/"és", and the weighted log10 odds that it is one, beyond the overall rate (a penalty
    right after "ne", a pronoun or "qui": :data:`NO_PARTICIPLE_PENALTY`); ``("", 0.0)`` where
    the word does not end in "e"/"es", or its readings are not both kinds.

        >>> from esgtext.repair.french.tokens import _Candidate
        >>> readings = [_Candidate(w, (w,), "stripped", 0.0) for w in ("base", "basé")]
        >>> cue = participle_cue(("un", "distributeur", "base", "a", "lyon"), 2, readings)
        >>> cue[0], cue[1] > 0
        ('basé', True)
    """
    word = contexts[index]
    if not word.endswith(("e", "es")):
        return ("", 0.0)
    participles = [c.output for c in readings if c.output.endswith(PARTICIPLE_ENDINGS)]
    if not participles or len(participles) == len(readings):
        return ("", 0.0)
    if index and contexts[index - 1] in _NO_PARTICIPLE_AFTER:
        return (participles[0], -NO_PARTICIPLE_PENALTY, *participles[1:])
    model = participle_model()
    if model is None:
        return ("", 0.0)
    count = len(contexts)
    r1 = contexts[index + 1] if index + 1 < count else "<p>"
    keys = participle_keys(contexts[index - 2] if index > 1 else "<p>",
                           contexts[index - 1] if index else "<p>", word, r1,
                           contexts[index + 2] if index + 2 < count else "<p>")
    rate = model.rates["word"]
    odds = model.log_odds(keys) - math.log10(rate / (1 - rate))
    if odds > 0 and (r1 in _VERB_BEFORE or (
            tokens is not None and _starts_clause(tokens, contexts, index)
            and not _other_verb(tokens, contexts, options, index))):
        odds = 0.0
    return (participles[0], PARTICIPLE_MODEL_WEIGHT * odds, *participles[1:])


_SENTENCE_ENDS = frozenset(".!?;")
_REACH = 60  # tokens each way


def _starts_clause(tokens, contexts: tuple[str, ...], index: int) -> bool:
    """Whether token ``index`` starts its sentence, or follows its first word or a determiner and
    a noun that start it ("Arrete", "Le bebe pleure", "Son anniversaire tombe")."""
    start = index
    for _ in range(3):
        if start == 0 or tokens[start - 1].kind == "newline" or (
                tokens[start - 1].surface in _SENTENCE_ENDS):
            return start >= index - 1 or contexts[start] in _STARTING_DETERMINERS
        start -= 1
    return False


def _other_verb(tokens, contexts: tuple[str, ...], options, index: int) -> bool:
    """Whether the sentence of token ``index`` has another word that one of its readings makes
    only a finite verb, by the word classes ("est", "permettra", "a"; not "branche", also a
    noun): without one, the word is the sentence's verb ("Le bébé pleure.")."""
    for step in (-1, 1):
        j = index + step
        while 0 <= j < len(tokens) and abs(j - index) <= _REACH:
            tok = tokens[j]
            if tok.kind == "newline" or tok.surface in _SENTENCE_ENDS:
                break
            if tok.kind == "word":
                words = [c.output for c in options[j]] if options and options[j] else [
                    contexts[j]]
                if any(_finite_only(word) for word in words):
                    return True
            j += step
    return False


def _finite_only(word: str) -> bool:
    """Whether the word classes know ``word`` only as a finite verb ("est", "permettra"; not
    "compte", also a noun)."""
    return known_only_as(word, "VEH")
