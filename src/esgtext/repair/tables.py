"""The generated data tables of ``esgtext/data/``: read (:func:`data_text`), cut into their
``@name`` sections (:func:`sections`), and sorted "key<TAB>value" tables looked up without a parse
at load time (:class:`SortedLines`).

The French restorer ships tables of tens of thousands of lines (the gap model's views, the word
classes). A one-line document needs a few dozen keys of them, so a table is kept as one string
and searched by bisection over its characters; once it has been looked up :data:`SPLIT_AFTER`
times (a long document, a bulk run) its lines are split once and searched by bisection over the
list, which is faster per look-up.

    >>> table = SortedLines("a\\t1\\nb c\\t2\\nd\\t3\\n")
    >>> table.find("b c"), table.find("d"), table.find("c")
    ('2', '3', None)
"""

from __future__ import annotations

import gzip
from bisect import bisect_left
from importlib import resources

__all__ = ["SortedLines", "SPLIT_AFTER", "data_text", "sections"]

SPLIT_AFTER = 256  # look-ups of a table before its lines are split (a one-line text needs dozens)


def data_text(name: str) -> str:
    """The text of the gzipped table ``esgtext/data/<name>`` (OSError in a build without it)."""
    with resources.files("esgtext").joinpath("data", name).open("rb") as fh:
        return gzip.decompress(fh.read()).decode("utf-8")


def sections(text: str) -> dict[str, str]:
    r"""The ``@name`` sections of a table's text, each name to its body (a header before the
    first is skipped).

        >>> sections("# header\n@a\n1\n2\n@b\n3\n")
        {'a': '1\n2', 'b': '3\n'}
    """
    out = {}
    for chunk in text.split("\n@")[1:]:
        name, _, body = chunk.partition("\n")
        out[name] = body
    return out


class SortedLines:
    """``find(key)``: the value of the line "key<TAB>value" of a text whose lines are sorted."""

    __slots__ = ("_text", "_lines", "_lookups")

    def __init__(self, text: str):
        self._text = "\n" + text.strip("\n") + "\n"
        self._lines: list[str] | None = None
        self._lookups = 0

    @property
    def split(self) -> bool:
        """Whether the lines have been split (after :data:`SPLIT_AFTER` look-ups)."""
        return self._lines is not None

    def find(self, key: str) -> str | None:
        probe = key + "\t"
        lines = self._lines
        if lines is None:
            self._lookups += 1
            if self._lookups > SPLIT_AFTER:
                lines = self._lines = self._text[1:-1].split("\n")
        if lines is not None:
            i = bisect_left(lines, probe)
            found = lines[i] if i < len(lines) and lines[i].startswith(probe) else None
        else:
            found = _find_line(self._text, probe)
        return None if found is None else found[len(probe):]


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
