"""Where a vanished "à" stood, read from the words around each gap of the damaged text.

A lossy conversion deletes the word "à" and closes the gap (``enfants à Pretoria`` ->
``enfants Pretoria``). The bigram model sees one word on each side of a gap; news French says
more: ``potion base de`` was "à base de", ``se trouve Sydney`` "à Sydney", ``veut porter``
never had one. :class:`GapModel` is a logistic model over six views of a gap, each a key of the
damaged text (lower case, accents as the damage left them):

========================  ==================  ====================
view                      key                 ``potion base de``
========================  ==================  ====================
the pair across the gap   ``l1 r1``           ``potion base``
the two words after it    ``r1 r2``           ``base de``
the two words before it   ``l2 l1``           ``une potion``
the word after it         ``r1``              ``base``
the word before it        ``l1``              ``potion``
the word before + shape   ``l1 <shape r1>``   ``potion W``
========================  ==================  ====================

(the shape of a token: ``C`` a capitalised word, ``N`` a number, ``I`` a word ending like an
infinitive, ``W`` another word, ``P`` punctuation). For each view a table holds how often news
French (the LM split of the WMT news test sets) had an "à" at such a gap;
``scripts/build_french_a_gaps.py`` writes the tables with the model's weights, fitted on the tune
split (counts and weights only, never text). The decoder adds the log odds to its score for
putting an "à" back, and considers a gap that the bigram model alone would not.

    >>> model = gap_model()
    >>> model.log_odds(gap_keys("une", "potion", "base", "de", "W")) > model.log_odds(
    ...     gap_keys("une", "potion", "de", "base", "W"))
    True
    >>> shape_of("word", "Sydney"), shape_of("word", "limiter"), shape_of("num", "20")
    ('C', 'I', 'N')
"""

from __future__ import annotations

import math
from functools import lru_cache
from itertools import compress, repeat
from operator import is_

from esgtext.repair.memo import make_room
from esgtext.repair.tables import SortedLines, data_text, sections as table_sections

__all__ = ["GapModel", "gap_model", "gap_keys", "shape_of", "VIEWS", "SMOOTHING", "OUTSIDE"]

VIEWS = ("across", "after2", "before2", "after", "before", "before_shape")
AFTER, BEFORE = VIEWS.index("after"), VIEWS.index("before")
SMOOTHING = 2.0  # pseudo-gaps at the overall rate added to each key's counts
OUTSIDE = "<p>"  # the key of a token beyond either end of the text
_INFINITIVE_LIKE = ("er", "ir", "re", "oir")


def shape_of(kind: str, surface: str) -> str:
    """The shape of a token (its kind, and for a word its case or an infinitive's ending)."""
    if kind == "num":
        return "N"
    if kind not in ("word", "elided"):
        return "P"
    if surface[:1].isupper():
        return "C"
    return "I" if surface.lower().endswith(_INFINITIVE_LIKE) else "W"


def gap_keys(l2: str, l1: str, r1: str, r2: str, shape_r1: str) -> tuple[str, ...]:
    """The key of each view (see :data:`VIEWS`) of the gap between ``l1`` and ``r1``."""
    return (l1 + " " + r1, r1 + " " + r2, l2 + " " + l1, r1, l1, l1 + " " + shape_r1)


def evidence(positive: int, total: int, rate: float) -> float:
    """The smoothed log odds (natural) of an "à" at a gap with a key seen ``total`` times,
    ``positive`` of them with an "à", relative to the overall ``rate``: 0 for an unseen key."""
    negative = total - positive
    return (math.log((positive + SMOOTHING * rate) / (negative + SMOOTHING * (1 - rate)))
            - math.log(rate / (1 - rate)))


class GapModel:
    """The log odds of an "à" at a gap, from the counts and weights of ``fr_a_gaps.txt.gz``.

    The file has one table of counts per view, with the view's weights and the overall rate of an
    "à" at a gap. A table's counts are sorted "key<TAB>positive<TAB>total" lines, searched as
    :class:`esgtext.repair.tables.SortedLines` (a one-line document needs a few dozen keys); a
    key's contribution (its weight times its evidence) is cached once computed. (``views``: the
    names of the file's views, in the order of the keys; another file of the same form models
    another choice, :mod:`esgtext.repair.french.participles`.)"""

    def __init__(self, text: str, views: tuple[str, ...] = VIEWS):
        sections = table_sections(text)
        model = {fields[0]: fields[1:] for fields in
                 (line.split("\t") for line in sections.pop("model").splitlines())}
        self.bias = float(model.pop("bias")[0])
        # per view: (seen, unseen, rate) and its table of "key<TAB>positive<TAB>total" lines
        self._weights = [tuple(map(float, model[view])) for view in views]
        self.rates = {view: rate for view, (_, _, rate) in zip(views, self._weights)}
        self._tables = [SortedLines(sections["counts " + view]) for view in views]
        self._cache: list[dict[str, float]] = [{} for _ in views]

    def _lookup(self, view: int, key: str) -> float:
        seen, unseen, rate = self._weights[view]
        found = self._tables[view].find(key)
        if found is None:
            return unseen
        positive, total = found.split("\t")
        return seen * evidence(int(positive), int(total), rate)

    def contributions(self, view: int, keys) -> list[float]:
        """What each of ``keys`` of the view ``VIEWS[view]`` adds to the log odds (natural; the
        cache's hits looked up at C speed)."""
        cache = self._cache[view]
        found = list(map(cache.get, keys))
        missing = list(compress(range(len(found)), map(is_, found, repeat(None))))
        if missing:
            make_room(cache)
            for i in missing:
                key = keys[i]
                value = cache.get(key)  # (the same key may be missing twice)
                found[i] = cache[key] = self._lookup(view, key) if value is None else value
        return found

    def log_odds(self, keys: tuple[str, ...]) -> float:
        """log10 of the odds that an "à" stood at a gap with these :func:`gap_keys`."""
        return (self.bias + sum(self.contributions(view, [key])[0]
                                for view, key in enumerate(keys))) / _LN10

    def log_odds_of_gaps(self, l2: list[str], l1: list[str], r1: list[str], r2: list[str],
                         shapes: list[str], after: list[float] | None = None,
                         before: list[float] | None = None) -> list[float]:
        """:meth:`log_odds` of many gaps at once, given as columns of :func:`gap_keys`'s
        arguments (``after``/``before``: the contributions of ``r1``/``l1``, where known).

            >>> model = gap_model()
            >>> gap = ("une", "potion", "base", "de", "W")
            >>> [round(x, 6) for x in model.log_odds_of_gaps(*zip(gap))] == [
            ...     round(model.log_odds(gap_keys(*gap)), 6)]
            True
        """
        columns = [None] * len(VIEWS)
        columns[VIEWS.index("across")] = [a + " " + b for a, b in zip(l1, r1)]
        columns[VIEWS.index("after2")] = [a + " " + b for a, b in zip(r1, r2)]
        columns[VIEWS.index("before2")] = [a + " " + b for a, b in zip(l2, l1)]
        columns[VIEWS.index("before_shape")] = [a + " " + b for a, b in zip(l1, shapes)]
        parts = [self.contributions(view, column) for view, column in enumerate(columns)
                 if column is not None]
        parts.append(after if after is not None else self.contributions(AFTER, r1))
        parts.append(before if before is not None else self.contributions(BEFORE, l1))
        bias = self.bias
        return [(bias + sum(values)) / _LN10 for values in zip(*parts)]


_LN10 = math.log(10)


def _gap_text() -> str:
    return data_text("fr_a_gaps.txt.gz")


@lru_cache(maxsize=1)
def gap_model() -> GapModel | None:
    """The model, loaded on first use; None in a build without its table."""
    try:
        return GapModel(_gap_text())
    except OSError:
        return None
