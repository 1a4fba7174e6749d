"""The batching queue of ``esgtext serve`` (standard library only, no server, no model)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from esgtext.serve.batching import Batcher, BatcherClosed, QueueFull


class Engine:
    """Upper-cases; records each call; can be slowed down or made to fail on a word."""

    def __init__(self, delay: float = 0.0, fail_on: str | None = None):
        self.calls: list[tuple[str, list[str]]] = []
        self.delay = delay
        self.fail_on = fail_on
        self.lock = threading.Lock()

    def plain(self, texts, lang):
        with self.lock:
            self.calls.append((lang, list(texts)))
        if self.fail_on and self.fail_on in texts:
            raise RuntimeError(f"cannot translate {self.fail_on!r}")
        time.sleep(self.delay)
        return [f"{lang}:{t.upper()}" for t in texts]

    def mixed(self, items):
        return [f"mixed:{text}" for text, _spans in items]


def test_concurrent_callers_share_engine_calls_and_get_their_own_results():
    engine = Engine(delay=0.02)
    batcher = Batcher(engine.plain, engine.mixed, max_wait=0.05, max_batch=1000)
    try:
        def one(i):
            lang = "fr" if i % 2 else "zh"
            return i, lang, batcher.submit("plain", lang, [f"a{i}", f"b{i}"]).result(timeout=30)

        with ThreadPoolExecutor(max_workers=50) as pool:
            results = list(pool.map(one, range(100)))
    finally:
        batcher.close()
    for i, lang, out in results:
        assert out == [f"{lang}:A{i}", f"{lang}:B{i}"]
    assert len(engine.calls) < 50  # collected: far fewer calls than requests
    assert all(len({lang for lang, _ in [c]}) == 1 for c in engine.calls)  # one language per call
    assert batcher.stats.requests == 100 and batcher.stats.segments == 200


def test_max_batch_caps_one_engine_call():
    engine = Engine()
    batcher = Batcher(engine.plain, engine.mixed, max_wait=0.05, max_batch=4)
    try:
        futures = [batcher.submit("plain", "fr", [f"t{i}"]) for i in range(10)]
        assert [f.result(timeout=10) for f in futures] == [[f"fr:T{i}"] for i in range(10)]
    finally:
        batcher.close()
    assert max(len(texts) for _, texts in engine.calls) <= 4


def test_a_full_queue_refuses_at_once_instead_of_waiting():
    engine = Engine(delay=0.3)
    batcher = Batcher(engine.plain, engine.mixed, max_wait=0.0, max_batch=2, max_pending=3)
    try:
        first = batcher.submit("plain", "fr", ["a", "b"])
        batcher.submit("plain", "fr", ["c"])
        started = time.monotonic()
        with pytest.raises(QueueFull):
            batcher.submit("plain", "fr", ["d"])
        assert time.monotonic() - started < 0.1
        assert batcher.stats.refused == 1
        assert first.result(timeout=10) == ["fr:A", "fr:B"]
    finally:
        batcher.close()


def test_an_oversized_request_still_runs_when_the_queue_is_empty():
    engine = Engine()
    batcher = Batcher(engine.plain, engine.mixed, max_wait=0.0, max_batch=2, max_pending=2)
    try:
        assert batcher.submit("plain", "fr", ["a", "b", "c"]).result(timeout=10) == ["fr:A", "fr:B", "fr:C"]
    finally:
        batcher.close()


def test_one_failing_request_does_not_fail_the_others_in_its_batch():
    engine = Engine(fail_on="bad")
    batcher = Batcher(engine.plain, engine.mixed, max_wait=0.1, max_batch=100)
    try:
        good = batcher.submit("plain", "fr", ["ok"])
        bad = batcher.submit("plain", "fr", ["bad"])
        other = batcher.submit("mixed", "zh", [("x 中文", [(2, 4, "zh")])])
        assert good.result(timeout=10) == ["fr:OK"]
        with pytest.raises(RuntimeError, match="cannot translate"):
            bad.result(timeout=10)
        assert other.result(timeout=10) == ["mixed:x 中文"]
        assert batcher.submit("plain", "fr", ["again"]).result(timeout=10) == ["fr:AGAIN"]
    finally:
        batcher.close()


def test_empty_submissions_and_close():
    engine = Engine()
    batcher = Batcher(engine.plain, engine.mixed)
    assert batcher.submit("plain", "fr", []).result(timeout=1) == []
    batcher.close()
    with pytest.raises(BatcherClosed):
        batcher.submit("plain", "fr", ["late"])
    with pytest.raises(ValueError):
        Batcher(engine.plain, engine.mixed, max_batch=0)
