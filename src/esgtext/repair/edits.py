"""The unit of explanation shared by every repair step.

Every fixer returns the edits it made so that a user can always see *why* a character changed
(in the spirit of ftfy's ``fix_and_explain``).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any, Sequence


@dataclass(frozen=True, slots=True)
class Edit:
    """One change: ``text[start:end]`` (== ``before``) was replaced by ``after``.

    ``start``/``end`` are character offsets in the text the step received (``repair_text`` maps
    them back to its own input). ``kind`` names the damage, e.g. ``"deleted_accent"``,
    ``"stripped_accent"``, ``"question_mark"``, ``"deleted_apostrophe"``, ``"inserted_word"``,
    ``"mojibake"``, ``"html_entity"``. ``confidence`` is in [0, 1]; ``reason`` is a short
    human-readable why, shown by ``esgtext repair --explain``.
    """

    kind: str
    start: int
    end: int
    before: str
    after: str
    confidence: float = 1.0
    reason: str = ""

    def shifted(self, delta: int) -> Edit:
        """The same edit ``delta`` characters further on (a piece's edits in the whole text).

        >>> Edit("deleted_accent", 3, 10, "mdaille", "médaille").shifted(5).start
        8
        """
        if not delta:
            return self
        return Edit(self.kind, self.start + delta, self.end + delta, self.before, self.after,
                    self.confidence, self.reason)

    def with_confidence(self, confidence: float) -> Edit:
        """The same edit with another confidence (``dataclasses.replace``, without its cost)."""
        if confidence == self.confidence:
            return self
        return Edit(self.kind, self.start, self.end, self.before, self.after, confidence,
                    self.reason)

    def to_dict(self) -> dict:
        """The fields in order, as JSON-ready values (``dataclasses.asdict`` without its deep copy)."""
        return {"kind": self.kind, "start": self.start, "end": self.end, "before": self.before,
                "after": self.after, "confidence": self.confidence, "reason": self.reason}


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits (offsets relative to ``text``) and return the new text.

    >>> apply_edits("la mdaille", [Edit("deleted_accent", 3, 10, "mdaille", "médaille")])
    'la médaille'
    """
    out: list[str] = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < pos:
            raise ValueError(f"overlapping edits at {e.start}")
        if text[e.start:e.end] != e.before:
            raise ValueError(f"edit does not match text at {e.start}: {e.before!r}")
        out.append(text[pos:e.start])
        out.append(e.after)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


class EditsMismatch(RuntimeError):
    """Repair edits that do not rebuild the repaired text from the original (a bug in a step)."""


def check_edits(original: str, edits: list[Edit], text: str) -> None:
    """Raise :class:`EditsMismatch` unless applying ``edits`` to ``original`` gives ``text``.

    >>> check_edits("la mdaille", [Edit("deleted_accent", 3, 10, "mdaille", "médaille")], "la médaille")
    >>> check_edits("la \x0bmdaille", [Edit("deleted_accent", 4, 11, "mdaille", "médaille")], "la médaille")
    Traceback (most recent call last):
    ...
    esgtext.repair.edits.EditsMismatch: repair edits do not rebuild the repaired text (first difference at character 3 of 11); please report this input
    """
    try:
        rebuilt = apply_edits(original, edits)
    except ValueError as exc:
        raise EditsMismatch(f"repair edits do not apply to the text ({exc}); please report this input") from None
    if rebuilt != text:
        first = next((i for i, (a, b) in enumerate(zip(rebuilt, text)) if a != b), min(len(rebuilt), len(text)))
        raise EditsMismatch(
            f"repair edits do not rebuild the repaired text (first difference at character {first} "
            f"of {len(text)}); please report this input"
        )


class OffsetMap:
    """Maps offsets in edited text back to the text the edits were made on (one home for it: the
    records' ``raw_start``/``raw_end`` and :func:`esgtext.repair.compose.compose_edits`).

    ``start(pos)`` and ``end(pos)`` map a position of the edited text; a position inside the text
    an edit produced maps to the start (or end) of what that edit replaced.

        >>> m = OffsetMap([Edit("deleted_accent", 3, 10, "mdaille", "médaille")])
        >>> m.start(12), m.start(5), m.end(5)
        (11, 3, 10)
    """

    def __init__(self, edits: Sequence[Any]):
        self.edits = sorted(edits, key=lambda e: (e.start, e.end))
        self.rstarts: list[int] = []
        self.rends: list[int] = []
        self.cum: list[int] = []
        self.ends = [e.end for e in self.edits]
        delta = 0
        for e in self.edits:
            rs = e.start + delta
            self.rstarts.append(rs)
            self.rends.append(rs + len(e.after))
            delta += len(e.after) - (e.end - e.start)
            self.cum.append(delta)

    def start(self, pos: int) -> int:
        i = bisect.bisect_right(self.rstarts, pos) - 1
        if i < 0:
            return pos
        if pos < self.rends[i]:  # inside the text an edit produced: take all of its source
            return self.edits[i].start
        return pos - self.cum[i]

    def end(self, pos: int) -> int:
        i = bisect.bisect_left(self.rstarts, pos) - 1
        if i < 0:
            return pos
        if pos < self.rends[i]:
            return self.edits[i].end
        return pos - self.cum[i]

    def touching(self, raw_start: int, raw_end: int) -> list[Any]:
        """The edits inside or overlapping ``raw[raw_start:raw_end]`` (an insertion counts at
        either border), found by bisection: O(log n + k) per segment, so that building the
        records of a document stays linear in its size (the edits are sorted and do not
        overlap, so their ends are sorted too)."""
        found = []
        i = bisect.bisect_left(self.ends, raw_start)
        edits = self.edits
        while i < len(edits) and edits[i].start <= raw_end:
            e = edits[i]
            if (e.start < raw_end and e.end > raw_start) or (
                e.start == e.end and raw_start <= e.start <= raw_end
            ):
                found.append(e)
            i += 1
        return found
