"""Word classes of French (part of speech, gender, number) for the bigram model's back-off.

Where the word-pair counts never saw a pair, :class:`esgtext.repair.lexicon.BigramModel` falls
back on the next word's frequency alone, so in ``l’eau filtre`` / ``l’eau filtrée`` the frequent
noun "filtre" wins. :meth:`WordClasses.ratio` says how much more (or less) likely than usual the
classes of a word are after those of the word before: a feminine participle follows a feminine
noun 4 times more often than chance, a masculine noun far less. The model multiplies its back-off
by that ratio (a class-based back-off, as in Brown et al.'s class n-grams).

The classes of each word come from Grammalecte's lexicon, and the chaining of classes and how a
word's classes share its uses from news French (``scripts/build_french_classes.py``, which writes
``fr_classes.txt.gz``: tables only).

    >>> classes = word_classes()
    >>> classes.ratio("eau", "filtrée") > 1.0 > classes.ratio("eau", "filtre")
    True
    >>> classes.names_of("filtrée")
    ('Qfs',)
"""

from __future__ import annotations

from array import array
from functools import lru_cache

from esgtext.repair.memo import make_room
from esgtext.repair.tables import SortedLines, data_text, sections as table_sections

__all__ = ["WordClasses", "word_classes", "class_names", "is_name", "known_only_as"]

_UNKNOWN = "U"
MAX_CONTEXTS = 20_000  # contexts whose ratios are kept (then the older half goes): 14 MB at most
_SPECIAL = {"<num>": "NUM", "<p>": "P"}


class WordClasses:
    """The tables of ``fr_classes.txt.gz`` (see ``scripts/build_french_classes.py``)."""

    def __init__(self, text: str):
        sections = table_sections(text)
        self.names = tuple(sections["classes"].split())
        self._index = {name: i for i, name in enumerate(self.names)}
        self._ratios = [array("d", map(float, line.split()))
                        for line in sections["ratios"].splitlines()]
        self._sets = {key: self._shares(value) for key, value in
                      (line.split("\t") for line in sections["sets"].splitlines())}
        self._words = SortedLines(sections["words"])
        # per-process caches (bounded): a word's shares, and a context's ratios to every class
        self._of: dict[str, tuple[tuple[int, float], ...]] = {}
        self._after: dict[str, array] = {}

    def _shares(self, value: str) -> tuple[tuple[int, float], ...]:
        pairs = [item.split(":") for item in value.split()]
        total = sum(float(share) for _, share in pairs)
        return tuple((self._index[name], float(share) / total) for name, share in pairs)

    def classes_of(self, word: str) -> tuple[tuple[int, float], ...]:
        """(class index, share) of each class of ``word`` (a token of ``context_tokens``)."""
        found = self._of.get(word)
        if found is None:
            special = _SPECIAL.get(word)
            value = self._words.find(word) if special is None else special + ":1"
            if value is None:
                found = ((self._index[_UNKNOWN], 1.0),)
            elif ":" in value:
                found = self._shares(value)
            else:  # a set of classes, shared as news shares the words that have them
                found = self._sets.get(value) or self._shares(
                    " ".join(name + ":1" for name in value.split("+")))
            make_room(self._of)
            self._of[word] = found
        return found

    def names_of(self, word: str) -> tuple[str, ...]:
        return tuple(self.names[c] for c, _ in self.classes_of(word))

    def ratio(self, before: str, word: str) -> float:
        """P(classes of ``word`` | classes of ``before``) / P(classes of ``word``), each word's
        classes weighed by its shares; ``before`` may be a two-word context ("à la"). (On every
        new word pair of the decoder: both look-ups are inlined.)"""
        after = self._after.get(before)
        if after is None:
            after = self._ratios_after(before)
        shares = self._of.get(word)
        if shares is None:
            shares = self.classes_of(word)
        if len(shares) == 1:  # (most words: one class, of share 1)
            return after[shares[0][0]]
        total = 0.0
        for c, share in shares:
            total += share * after[c]
        return total

    def _ratios_after(self, before: str) -> array:
        """The ratio of each class after the context ``before``, computed once (bounded: an
        array of 77 doubles is 0.7 KB, a list of floats 2.5 KB; a context of one class shares
        its class's row)."""
        shares = self.classes_of(before.rpartition(" ")[2])
        if len(shares) == 1:  # (most contexts: one class, whose row is the answer)
            after = self._ratios[shares[0][0]]
        else:
            rows = self._ratios
            after = array("d", [sum(share * rows[c][d] for c, share in shares)
                                for d in range(len(self.names))])
        make_room(self._after, MAX_CONTEXTS)
        self._after[before] = after
        return after


@lru_cache(maxsize=1)
def word_classes() -> WordClasses | None:
    """The tables, loaded on first use; None in a build without them."""
    try:
        return WordClasses(data_text("fr_classes.txt.gz"))
    except OSError:
        return None


def class_names(word: str) -> tuple[str, ...]:
    """The names of the classes the tables give ``word`` (``()`` in a build without them)."""
    classes = word_classes()
    return classes.names_of(word) if classes is not None else ()


def known_only_as(word: str, initials: str) -> bool:
    """Whether the word classes know ``word``, and only in classes whose names begin with one of
    ``initials`` ("N" a noun, "A" an adjective, "Y" an infinitive, "VEH" a finite verb)."""
    names = class_names(word)
    return bool(names) and all(name[:1] in initials for name in names)


def is_name(word: str) -> bool:
    """Whether ``word`` is only ever a proper noun ("édimbourg", "évry": a city, "étienne"), by
    the word classes (Grammalecte's lexicon)."""
    classes = word_classes()
    return classes is not None and classes.names_of(word) in (("M",), ("MC",))
