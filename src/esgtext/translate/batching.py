"""Token-budget batching and splitting of inputs longer than the model's limit.

Both engines translate lists of token-id sequences planned here, so that they do the same work:
sentences are sorted by length (little padding), cut into batches whose padded size stays under a
token budget, and the results are put back in input order by the caller.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

# Where a long input may be cut, best first: after a sentence end, after a clause mark, at a space.
_SENTENCE_END = re.compile(r"[.!?。！？…]+[\"'”’»）)]*\s*")
_CLAUSE_END = re.compile(r"[;；:：,，、]\s*")
_SPACE = re.compile(r"\s+")


def plan_batches(lengths: Sequence[int], max_batch_tokens: int, max_batch_size: int = 256) -> list[list[int]]:
    """Indices of ``lengths`` grouped into batches, longest first.

    A batch's padded size (its longest item times its number of items) stays within
    ``max_batch_tokens``; an item longer than the budget gets a batch of its own.

    >>> plan_batches([3, 10, 4, 9], max_batch_tokens=20)
    [[1, 3], [2, 0]]
    """
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    longest = 0
    for i in order:
        n = max(1, lengths[i])
        width = max(longest, n)
        if current and (width * (len(current) + 1) > max_batch_tokens or len(current) >= max_batch_size):
            batches.append(current)
            current, width = [], n
        current.append(i)
        longest = width
    if current:
        batches.append(current)
    return batches


def _largest_fitting_prefix(text: str, count_tokens: Callable[[str], int], limit: int) -> int:
    """The largest ``p`` with ``count_tokens(text[:p]) <= limit`` (binary search; at least 1)."""
    lo, hi = 1, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if count_tokens(text[:mid]) <= limit:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _cut_point(text: str, count_tokens: Callable[[str], int], limit: int) -> int:
    fit = _largest_fitting_prefix(text, count_tokens, limit)
    floor = fit // 3  # do not cut a tiny piece off when a boundary is far back
    for pattern in (_SENTENCE_END, _CLAUSE_END, _SPACE):
        ends = [m.end() for m in pattern.finditer(text, 0, fit) if floor < m.end() <= fit]
        if ends:
            return ends[-1]
    return fit


def split_long_text(text: str, count_tokens: Callable[[str], int], limit: int) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` tokens (as counted by ``count_tokens``,
    which includes the end-of-sentence token), never dropping a character but spaces at the cuts.

    Cuts fall after a sentence end if one is near the limit, else after a clause mark, else at a
    space, else (a long run of Chinese without punctuation) at the last character that fits.

    >>> split_long_text("aaa bbb. ccc ddd", lambda s: len(s.split()) + 1, 3)
    ['aaa bbb.', 'ccc ddd']
    """
    if count_tokens(text) <= limit:
        return [text]
    pieces: list[str] = []
    rest = text
    while rest and count_tokens(rest) > limit:
        cut = _cut_point(rest, count_tokens, limit)
        piece = rest[:cut].strip()
        if piece:
            pieces.append(piece)
        rest = rest[cut:].lstrip()
    if rest.strip():
        pieces.append(rest.strip())
    return pieces
