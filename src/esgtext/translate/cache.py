"""A persistent translation cache (SQLite) so that re-runs and repeated boilerplate cost nothing.

Keyed by model id + revision + engine settings (engine, compute type, beam size) + the exact text
sent to the model (after glossary placeholders). It stores the model's raw output and the flags
of the model stage (``split_long_input``, ``max_length_reached``); the glossary and the checks are
applied again on every run, so a changed glossary never needs the cache cleared.

Safe across threads (one connection, a lock) and processes (WAL journal, busy timeout).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    key TEXT PRIMARY KEY,
    model_id TEXT NOT NULL,
    revision TEXT NOT NULL,
    engine TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    flags TEXT NOT NULL,
    created REAL NOT NULL
)
"""


def cache_key(model_id: str, revision: str, engine: str, source: str) -> str:
    blob = json.dumps([model_id, revision, engine, source], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class TranslationCache:
    """``TranslationCache(path)``: open (or create) the cache file; ``":memory:"`` for a private one.

    >>> cache = TranslationCache(":memory:")
    >>> cache.put_many([("m", "r", "transformers", "bonjour", "hello", [])])
    >>> cache.get_many("m", "r", "transformers", ["bonjour", "salut"])
    {'bonjour': ('hello', [])}
    """

    def __init__(self, path: Path | str):
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        with self._lock:
            if self.path != ":memory:":
                self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(_SCHEMA)
            self._db.commit()
        self.hits = 0
        self.misses = 0

    def get_many(self, model_id: str, revision: str, engine: str, sources: list[str]) -> dict[str, tuple[str, list[str]]]:
        """``{source: (target, flags)}`` for the sources found in the cache."""
        keys = {cache_key(model_id, revision, engine, s): s for s in set(sources)}
        found: dict[str, tuple[str, list[str]]] = {}
        items = list(keys)
        with self._lock:
            for start in range(0, len(items), 500):
                chunk = items[start : start + 500]
                rows = self._db.execute(
                    f"SELECT key, target, flags FROM translations WHERE key IN ({','.join('?' * len(chunk))})", chunk
                ).fetchall()
                for key, target, flags in rows:
                    found[keys[key]] = (target, json.loads(flags))
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        return found

    def put_many(self, rows: list[tuple[str, str, str, str, str, list[str]]]) -> None:
        """Store ``(model_id, revision, engine, source, target, flags)`` rows."""
        now = time.time()
        data = [
            (cache_key(m, r, e, s), m, r, e, s, t, json.dumps(f), now) for m, r, e, s, t, f in rows
        ]
        with self._lock:
            self._db.executemany("INSERT OR REPLACE INTO translations VALUES (?,?,?,?,?,?,?,?)", data)
            self._db.commit()

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM translations").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> "TranslationCache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
