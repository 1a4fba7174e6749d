"""The unit of explanation shared by every repair step.

Every fixer returns the edits it made so that a user can always see *why* a character changed
(in the spirit of ftfy's ``fix_and_explain``).
"""

from __future__ import annotations

from dataclasses import dataclass


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
