"""``--format parquet``: the records of a run as one Parquet dataset, partitioned by source language.

``OUT/parquet/src_lang=<lang>/part-00000.parquet`` (Hive-style partitions, so that Spark, DuckDB,
``pyarrow.dataset`` and ``datasets`` read the folder as one table with a ``src_lang`` column):

    >>> import pyarrow.dataset as ds                                          # doctest: +SKIP
    >>> ds.dataset("OUT/parquet", format="parquet", partitioning="hive").to_table().num_rows  # doctest: +SKIP

One row per record, with the columns of the JSONL rows (:meth:`esgtext.records.Record.to_row`:
``flags`` and ``edits`` as JSON text, ``""``/``-1`` for a missing value), ``src_lang`` being the
partition. Like the corpus files it is rebuilt at the end of every run (local or ``--ray``) from the
JSONL records of every document in the manifest, documents sorted by name and each in segment
order, in files of at most :data:`ROWS_PER_FILE` rows: the same records give the same bytes, and
files that did not change are not touched. Needs ``pyarrow`` (the ``ray`` extra and ``datasets``
bring it).
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Iterable, Mapping

from esgtext.errors import OutputError, UsageError
from esgtext.inputs import output_path
from esgtext.records import parse_jsonl

PARQUET_DIR = "parquet"
PARTITION = "src_lang"
ROWS_PER_FILE = 1_000_000
ROW_GROUP = 65_536

_STRINGS = ("doc", "status", "source", "source_raw", "target", "flags", "edits", "engine", "model",
            "revision", "signature")
_INTS = ("seg", "paragraph", "start", "end", "raw_start", "raw_end")
#: the columns of a file, in JSONL order (``src_lang`` is the partition folder)
COLUMNS = ("doc", "seg", "paragraph", "start", "end", "lang_confidence", "status", "source",
           "source_raw", "target", "raw_start", "raw_end", "flags", "edits", "engine", "model",
           "revision", "signature")


def _pyarrow():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError("--format parquet needs pyarrow: pip install 'esgtext[ray]' (or pyarrow)") from None
    return pa, pq


def check_available() -> None:
    """:class:`UsageError` before any work when pyarrow is missing."""
    _pyarrow()


def schema():
    """The Arrow schema of one file (every column non-null: the typed row form has no nulls)."""
    pa, _ = _pyarrow()
    types = {**{k: pa.string() for k in _STRINGS}, **{k: pa.int64() for k in _INTS},
             "lang_confidence": pa.float64()}
    return pa.schema([pa.field(name, types[name], nullable=False) for name in COLUMNS])


def _rows(out: Path, entries: Mapping[str, dict], skip: Iterable[str]) -> Iterable[dict]:
    skip = set(skip)
    for doc in sorted(entries):
        name = f"{doc}.jsonl"
        if doc in skip or name not in entries[doc].get("outputs", ()):
            continue
        try:
            records = parse_jsonl(output_path(out, name, create=False).read_bytes())
        except (OSError, OutputError, ValueError, TypeError):
            continue  # removed or damaged by hand since: the next run of that document redoes it
        for r in records:
            yield r.to_row()


def render_parquet(rows: Iterable[dict]) -> dict[str, bytes]:
    """``{path relative to OUT: bytes}`` of the dataset holding ``rows`` (typed JSONL rows, in
    the order wanted)."""
    pa, pq = _pyarrow()
    sch = schema()
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row["src_lang"], []).append(row)
    files: dict[str, bytes] = {}
    for lang in sorted(groups):
        group = groups[lang]
        for part, start in enumerate(range(0, len(group), ROWS_PER_FILE)):
            chunk = group[start:start + ROWS_PER_FILE]
            table = pa.table({c: [r[c] for r in chunk] for c in COLUMNS}, schema=sch)
            buf = io.BytesIO()
            pq.write_table(table, buf, row_group_size=ROW_GROUP, compression="zstd")
            files[f"{PARQUET_DIR}/{PARTITION}={lang}/part-{part:05d}.parquet"] = buf.getvalue()
    return files


def write_parquet(out: Path, entries: Mapping[str, dict], skip: Iterable[str] = ()) -> list[str]:
    """Rebuild ``OUT/parquet/`` from the JSONL records of the manifest ``entries`` (but ``skip``);
    stale files of an earlier run (a language no longer there) are removed. Returns the names."""
    from esgtext.store import write_if_changed

    files = render_parquet(_rows(out, entries, skip))
    for name, data in files.items():
        write_if_changed(output_path(out, name), data)
    root = out / PARQUET_DIR
    if root.is_dir() and not root.is_symlink():
        for path in sorted(root.rglob("*.parquet"), reverse=True):
            if path.relative_to(out).as_posix() not in files and not path.is_symlink():
                path.unlink(missing_ok=True)
        for folder in sorted((p for p in root.iterdir() if p.is_dir() and not p.is_symlink()), reverse=True):
            if not any(folder.iterdir()):
                os.rmdir(folder)
    return sorted(files)


__all__ = ["COLUMNS", "PARQUET_DIR", "check_available", "render_parquet", "schema", "write_parquet"]
