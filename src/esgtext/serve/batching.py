"""The batching queue between concurrent requests and the translation engine.

Requests do not call the engine themselves: they hand their segments to a :class:`Batcher` and wait
for a :class:`concurrent.futures.Future`. One worker thread takes the first waiting item, collects
whatever else arrives within ``max_wait`` seconds (or until ``max_batch`` segments are waiting),
and runs one engine call per source language for all of them; the results go back to each
request's future, in its own order. The queue is bounded (``max_pending`` segments): a request
that would overflow it is refused at once with :class:`QueueFull` (the server answers 503 with
``Retry-After``), so a burst never turns into a hang.

Standard library only (no server imports): the batcher works from threads and from asyncio alike
(``asyncio.wrap_future``).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence


class QueueFull(RuntimeError):
    """The batching queue holds ``max_pending`` segments already; retry in a moment."""


class BatcherClosed(RuntimeError):
    """The server is shutting down."""


@dataclass
class _Item:
    kind: str  # "plain" (segments of one language) or "mixed" (sentences with Chinese spans)
    lang: str
    payload: list[Any]
    future: Future = field(default_factory=Future)

    @property
    def size(self) -> int:
        return max(1, len(self.payload))


@dataclass
class BatchStats:
    """What the batcher did so far (``GET /health`` shows it)."""

    requests: int = 0
    segments: int = 0
    batches: int = 0
    engine_calls: int = 0
    largest_batch: int = 0
    refused: int = 0
    failed: int = 0

    def to_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


class Batcher:
    """Collects translation work from concurrent callers into few engine calls.

    ``run_plain(texts, lang)`` and ``run_mixed(items)`` do the work (normally
    :meth:`esgtext.pipeline.Translator.translate` / ``translate_mixed``); each returns one result
    per input, in order. They run in the batcher's single worker thread, one call at a time.

    >>> b = Batcher(lambda texts, lang: [t.upper() for t in texts], lambda items: [], max_wait=0.001)
    >>> b.submit("plain", "fr", ["a", "b"]).result(timeout=5)
    ['A', 'B']
    >>> b.close()
    """

    def __init__(
        self,
        run_plain: Callable[[list[str], str], Sequence[Any]],
        run_mixed: Callable[[list[Any]], Sequence[Any]],
        *,
        max_wait: float = 0.005,
        max_batch: int = 256,
        max_pending: int = 4096,
    ):
        if max_batch < 1 or max_pending < 1 or max_wait < 0:
            raise ValueError("max_batch and max_pending must be positive, max_wait not negative")
        self.run_plain = run_plain
        self.run_mixed = run_mixed
        self.max_wait = max_wait
        self.max_batch = max_batch
        self.max_pending = max_pending
        self.stats = BatchStats()
        self._items: deque[_Item] = deque()
        self._pending = 0  # segments waiting or being translated
        self._cond = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._loop, name="esgtext-batcher", daemon=True)
        self._thread.start()

    # -- callers ---------------------------------------------------------------------------------

    @property
    def pending(self) -> int:
        with self._cond:
            return self._pending

    def submit(self, kind: str, lang: str, payload: Sequence[Any]) -> Future:
        """Queue ``payload`` (segments, or ``(text, spans)`` items for ``kind="mixed"``); the
        future's result is the list of translations. Raises :class:`QueueFull` at once when the
        queue has no room, :class:`BatcherClosed` after :meth:`close`."""
        if kind not in ("plain", "mixed"):
            raise ValueError(f"unknown kind {kind!r}")
        item = _Item(kind, lang, list(payload))
        if not item.payload:
            item.future.set_result([])
            return item.future
        with self._cond:
            if self._closed:
                raise BatcherClosed("the server is shutting down")
            if self._pending + item.size > self.max_pending and self._pending > 0:
                self.stats.refused += 1
                raise QueueFull(f"the translation queue is full ({self._pending} segments waiting)")
            self._pending += item.size
            self.stats.requests += 1
            self.stats.segments += item.size
            self._items.append(item)
            self._cond.notify()
        return item.future

    def close(self, timeout: float = 5.0) -> None:
        """Stop taking work; waiting callers get :class:`BatcherClosed`."""
        with self._cond:
            self._closed = True
            left = list(self._items)
            self._items.clear()
            self._cond.notify_all()
        for item in left:
            if not item.future.done():
                item.future.set_exception(BatcherClosed("the server is shutting down"))
        self._thread.join(timeout)

    # -- the worker ------------------------------------------------------------------------------

    def _take(self) -> list[_Item] | None:
        with self._cond:
            while not self._items and not self._closed:
                self._cond.wait()
            if self._closed:
                return None
            deadline = time.monotonic() + self.max_wait
            while sum(i.size for i in self._items) < self.max_batch and not self._closed:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
            batch: list[_Item] = []
            size = 0
            while self._items and (not batch or size + self._items[0].size <= self.max_batch):
                item = self._items.popleft()
                batch.append(item)
                size += item.size
            return batch

    def _loop(self) -> None:
        while True:
            batch = self._take()
            if batch is None:
                return
            size = sum(i.size for i in batch)
            self.stats.batches += 1
            self.stats.largest_batch = max(self.stats.largest_batch, size)
            groups: dict[tuple[str, str], list[_Item]] = {}
            for item in batch:
                groups.setdefault((item.kind, item.lang), []).append(item)
            for (kind, lang), items in groups.items():
                self._run_group(kind, lang, items)
            with self._cond:
                self._pending -= size

    def _call(self, kind: str, lang: str, payload: list[Any]) -> list[Any]:
        self.stats.engine_calls += 1
        out = self.run_plain(payload, lang) if kind == "plain" else self.run_mixed(payload)
        out = list(out)
        if len(out) != len(payload):
            raise RuntimeError(f"the engine returned {len(out)} results for {len(payload)} inputs")
        return out

    def _run_group(self, kind: str, lang: str, items: list[_Item]) -> None:
        payload = [p for item in items for p in item.payload]
        try:
            results = self._call(kind, lang, payload)
        except BaseException:
            if len(items) == 1:
                self._fail(items[0])
                return
            # one request's input must not fail the others: retry each on its own
            for item in items:
                try:
                    item.future.set_result(self._call(kind, lang, item.payload))
                except BaseException:
                    self._fail(item)
            return
        pos = 0
        for item in items:
            n = len(item.payload)
            item.future.set_result(results[pos:pos + n])
            pos += n

    def _fail(self, item: _Item) -> None:
        import sys

        self.stats.failed += 1
        exc = sys.exc_info()[1]
        item.future.set_exception(exc if isinstance(exc, Exception) else RuntimeError(str(exc)))


__all__ = ["BatchStats", "Batcher", "BatcherClosed", "QueueFull"]
