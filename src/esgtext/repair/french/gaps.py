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

import gzip
import math
from bisect import bisect_left
from functools import lru_cache
from importlib import resources
from itertools import compress, repeat
from operator import is_

from esgtext.repair.memo import make_room

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
    "à" at a gap. A table's counts are sorted "key<TAB>positive<TAB>total" lines, searched by
    bisection over the table's text until it has been looked up :data:`SPLIT_AFTER` times, then
    split into lines (a one-line document needs a few dozen keys); a key's contribution (its
    weight times its evidence) is cached once computed."""

    def __init__(self, text: str):
        sections = {}
        for chunk in text.split("\n@")[1:]:
            name, _, body = chunk.partition("\n")
            sections[name] = body
        model = {fields[0]: fields[1:] for fields in
                 (line.split("\t") for line in sections.pop("model").splitlines())}
        self.bias = float(model.pop("bias")[0])
        # per view: (seen, unseen, rate) and its table's lines as one text
        # ("\nkey<TAB>positive<TAB>total\n..."), split once looked up SPLIT_AFTER times
        self._weights = [tuple(map(float, model[view])) for view in VIEWS]
        self.rates = {view: rate for view, (_, _, rate) in zip(VIEWS, self._weights)}
        self._texts = ["\n" + sections["counts " + view].rstrip("\n") + "\n" for view in VIEWS]
        self._lines: list[list[str] | None] = [None] * len(VIEWS)
        self._lookups = [0] * len(VIEWS)
        self._cache: list[dict[str, float]] = [{} for _ in VIEWS]

    def _lookup(self, view: int, key: str) -> float:
        seen, unseen, rate = self._weights[view]
        probe = key + "\t"
        lines = self._lines[view]
        if lines is None:
            self._lookups[view] += 1
            if self._lookups[view] > SPLIT_AFTER:
                lines = self._lines[view] = self._texts[view][1:-1].split("\n")
        if lines is not None:
            i = bisect_left(lines, probe)
            found = lines[i] if i < len(lines) and lines[i].startswith(probe) else None
        else:
            found = _find_line(self._texts[view], probe)
        if found is None:
            return unseen
        _, positive, total = found.rsplit("\t", 2)
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
SPLIT_AFTER = 256  # look-ups of a table before its lines are split (a one-line text needs dozens)


def _find_line(text: str, probe: str) -> str | None:
    r"""The line of ``text`` ("\nline\nline\n", lines sorted) that starts with ``probe``, by
    bisection over its characters: no split, so a table of 100k lines costs nothing to load.

        >>> table = "\na\t1\nb c\t2\nd\t3\n"
        >>> _find_line(table, "b c\t"), _find_line(table, "d\t"), _find_line(table, "c\t")
        ('b c\t2', 'd\t3', None)
    """
    # the smallest position whose next line (after the first "\n" from there) is >= probe
    lo, hi = 0, len(text) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        start = text.index("\n", mid) + 1
        if start < len(text) and text[start:text.index("\n", start)] < probe:
            lo = mid + 1
        else:
            hi = mid
    start = text.index("\n", lo) + 1
    if start >= len(text):
        return None
    line = text[start:text.index("\n", start)]
    return line if line.startswith(probe) else None


def _gap_text() -> str:
    with resources.files("esgtext").joinpath("data", "fr_a_gaps.txt.gz").open("rb") as fh:
        return gzip.decompress(fh.read()).decode("utf-8")


@lru_cache(maxsize=1)
def gap_model() -> GapModel | None:
    """The model, loaded on first use; None in a build without its table."""
    try:
        return GapModel(_gap_text())
    except OSError:
        return None
