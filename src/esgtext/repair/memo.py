"""Memory of the repair: per-process caches that stay bounded without forgetting what the current
documents need, and the garbage collector paused while the decoder allocates.

The repair keeps a few caches per process (word candidates, bigram scores, parsed contexts):
most words of a text repeat, and most of a bulk run's vocabulary repeats across documents. A
cache that is emptied when full makes a long run pay for every word again each time it fills
(on 900k characters of news, half the repair time went to refilling); :func:`make_room` instead
drops the older half (a dict keeps its insertion order), so memory stays bounded and the words of
the documents being repaired stay cached.

    >>> cache = {n: n for n in range(5)}
    >>> make_room(cache, 4)
    >>> sorted(cache)
    [2, 3, 4]
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from itertools import islice


# Entries of each per-process cache of the French restorer before its older half goes: memory
# stays flat in a long run (benchmarks/repair_memory.py).
CACHE_LIMIT = 50_000


def make_room(cache: dict, limit: int | None = None) -> None:
    """When ``cache`` holds more than ``limit`` entries (default :data:`CACHE_LIMIT`), keep only
    its newer half (in place: the callers' references to the dict stay valid)."""
    if limit is None:
        limit = CACHE_LIMIT
    if len(cache) > limit:
        kept = list(islice(cache.items(), len(cache) // 2, None))
        cache.clear()
        cache.update(kept)


_PAUSE_LOCK = threading.Lock()
_PAUSES = 0  # repairs running with the collector paused (threads of one process)
_WAS_ENABLED = False


@contextmanager
def collector_paused():
    """Run the block with Python's cyclic garbage collector paused, as it was before afterwards.

    The decoder allocates millions of short-lived tuples (lattice states, back-pointers) that
    trigger collections, and each full collection walks the hundreds of thousands of long-lived
    objects of the lexicon and the caches: on 900k characters of damaged news a third of the repair
    time. Nothing the repair allocates forms a reference cycle (reference counting frees it all),
    so pausing loses nothing; concurrent repairs in threads share one pause, and the collector
    comes back (if it was on) when the last of them ends.

        >>> import gc
        >>> with collector_paused():
        ...     gc.isenabled()
        False
    """
    global _PAUSES, _WAS_ENABLED
    with _PAUSE_LOCK:
        if _PAUSES == 0:
            _WAS_ENABLED = gc.isenabled()
            gc.disable()
        _PAUSES += 1
    try:
        yield
    finally:
        with _PAUSE_LOCK:
            _PAUSES -= 1
            if _PAUSES == 0 and _WAS_ENABLED:
                gc.enable()
