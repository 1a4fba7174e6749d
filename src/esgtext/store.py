"""What a folder run keeps in its output folder besides the outputs: the manifest that makes
runs resumable (``OUT/.esgtext/manifest.jsonl``), ``OUT/.esgtext/errors.jsonl`` and the temporary
files of atomic writes. Both stay out of the record tree, so that ``OUT/**/*.jsonl`` is records only. Finding inputs and writing outputs safely is :mod:`esgtext.inputs`.

Resume: the manifest holds, per document, the SHA-256 of its input bytes, a hash of the settings
(esgtext version, formats, engine, resolved model ids and revisions, beam size, glossary content)
and the output files written. A document is skipped when both hashes match and its outputs exist.
Outputs are written to temporary files in their folder and renamed into place (``os.replace``);
the manifest line is appended last, so a run killed at any moment leaves whole files only and the
next run redoes exactly the documents without a manifest entry. Leftover temporary files
(``*.esgtext-tmp``) are removed when a run starts.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from esgtext.errors import InputError, OutputError, UsageError
from esgtext.inputs import TMP_SUFFIX, atomic_write, output_path, read_input

STATE_DIR = ".esgtext"
MANIFEST = "manifest.jsonl"
ERRORS_FILE = "errors.jsonl"
ERRORS_PATH = f"{STATE_DIR}/{ERRORS_FILE}"  # relative to OUT
CACHE_FILE = "translations.sqlite"
LOCK_FILE = "run.lock"  # held (flock, through filelock) while a run writes OUT
HOLDER_FILE = "run.holder"  # who holds it: {"pid", "host", "command"}; removed on release


def write_if_changed(path: Path, data: bytes) -> None:
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    atomic_write(path, data)


def remove_temp_files(out: Path) -> int:
    """Delete temporary files a killed run left in ``out``; returns how many."""
    n = 0
    for root, _dirs, names in os.walk(out):  # never into a symlinked folder
        for name in names:
            if name.endswith(TMP_SUFFIX):
                Path(root, name).unlink(missing_ok=True)
                n += 1
    return n


class Manifest:
    """``OUT/.esgtext/manifest.jsonl``: one JSON line per finished document, last one wins.

    Lines are appended with a single ``write`` after the document's outputs are in place. Each
    line is read on its own: a line cut by a kill (the last one) or damaged by hand (anywhere) is
    skipped, never the valid lines around it; damaged lines are reported in :attr:`warnings`
    (their documents are simply redone), and the file is rewritten without them (atomically).
    An append always starts on a new line, so a cut line cannot swallow the next entry.
    """

    def __init__(self, out: Path):
        self.out = out
        self.path = out / STATE_DIR / MANIFEST
        self.entries: dict[str, dict] = {}
        self.warnings: list[str] = []
        try:
            output_path(out, f"{STATE_DIR}/{MANIFEST}", create=False)
            data = read_input(self.path) if self.path.exists() else None
        except (InputError, OutputError) as exc:
            raise UsageError(f"{self.path}: cannot read the manifest: {exc}") from None
        if data is None:
            return
        lines = data.split(b"\n")
        last = lines.pop()  # b"" when the file ends with a line break
        kept: list[bytes] = []
        damaged = 0
        for line in lines:
            entry = _manifest_entry(line)
            if entry is None:
                damaged += line.strip() != b""
                continue
            self.entries[entry["doc"]] = entry
            kept.append(line)
        if last:  # no line break after it: cut by a kill; complete ones are still good
            entry = _manifest_entry(last)
            if entry is not None:
                self.entries[entry["doc"]] = entry
                kept.append(last)
        if damaged:
            self.warnings.append(
                f"{self.path}: skipped {damaged} damaged line{'s' if damaged > 1 else ''} "
                f"(kept {len(kept)}); their documents are redone"
            )
        if damaged or last:
            atomic_write(self.path, b"".join(line + b"\n" for line in kept))

    def is_current(self, out: Path, rel: str, input_hash: str, settings_hash: str) -> bool:
        entry = self.entries.get(rel)
        return (
            entry is not None
            and entry.get("input") == input_hash
            and entry.get("settings") == settings_hash
            and all((out / name).is_file() for name in entry.get("outputs", ()))
        )

    def add(self, entry: dict) -> None:
        output_path(self.out, f"{STATE_DIR}/{MANIFEST}")
        line = (json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
        flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(self.path, flags, 0o666)
        try:
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                line = b"\n" + line  # never glue onto a line cut by an earlier failure
            os.write(fd, line)
        finally:
            os.close(fd)
        self.entries[entry["doc"]] = entry


def write_corpus(out: Path, entries: dict[str, dict], formats: list[str], skip: Iterable[str] = ()) -> list[str]:
    """Rebuild the corpus files of ``out`` (:func:`esgtext.records.render_corpus`) from the JSONL
    records of every document in the manifest ``entries`` (but those in ``skip``: failed in this
    run), sorted by name, so that a resumed or repeated run writes the same bytes (unchanged files
    are not touched). Returns the names written; nothing without ``tmx`` or ``moses`` in ``formats``.
    """
    from esgtext.records import parse_jsonl, render_corpus

    if not {"tmx", "moses"} & set(formats):
        return []
    skip = set(skip)
    records = []
    for doc in sorted(entries):
        name = f"{doc}.jsonl"
        if doc in skip or name not in entries[doc].get("outputs", ()):
            continue
        try:
            records.extend(parse_jsonl(output_path(out, name, create=False).read_bytes()))
        except (OSError, OutputError, ValueError, TypeError):
            continue  # removed or damaged by hand since: the next run of that document redoes it
    files = render_corpus(records, formats)
    for name, data in files.items():
        write_if_changed(output_path(out, name), data)
    return sorted(files)


@contextmanager
def hold_output(out: Path, *, wait: bool = False) -> Iterator[None]:
    """Hold ``out`` for one run: ``OUT/.esgtext/run.lock`` through ``filelock`` (released by the
    system when the process dies, even by ``kill -9``). Another run on the same folder raises
    :class:`UsageError` (exit code 2) naming the holder, or blocks until it is free with ``wait``.
    """
    from filelock import FileLock, Timeout

    try:
        lock_path = output_path(out, f"{STATE_DIR}/{LOCK_FILE}")
        holder = output_path(out, f"{STATE_DIR}/{HOLDER_FILE}")
    except OutputError as exc:
        raise UsageError(str(exc)) from None
    lock = FileLock(str(lock_path), timeout=-1 if wait else 0)
    try:
        lock.acquire()
    except Timeout:
        raise UsageError(f"{out}: in use by another esgtext run ({_holder(holder)}); wait for it "
                         f"to finish or pass --wait") from None
    try:
        info = {"pid": os.getpid(), "host": socket.gethostname(), "command": " ".join(sys.argv)}
        atomic_write(holder, json.dumps(info, ensure_ascii=False).encode("utf-8"))
        yield
    finally:
        holder.unlink(missing_ok=True)
        lock.release()


def _holder(path: Path) -> str:
    """Who holds the lock, in words (it may not have written it yet: a short wait)."""
    for _ in range(10):
        try:
            info = json.loads(path.read_bytes())
            return f"pid {info['pid']} on {info['host']}: {info['command']}"
        except (OSError, ValueError, KeyError, TypeError):
            time.sleep(0.05)
    return "holder unknown"


def _safe_relative(name: object) -> bool:
    if not isinstance(name, str) or not name or "\x00" in name:
        return False
    path = Path(name)
    return not path.is_absolute() and ".." not in path.parts


def _manifest_entry(line: bytes) -> dict | None:
    """The entry on one manifest line, or None when the line is not a valid entry (outputs must
    be relative names inside OUT: a damaged manifest never points a run outside it)."""
    try:
        entry = json.loads(line)
    except ValueError:
        return None
    if not isinstance(entry, dict):
        return None
    outputs = entry.get("outputs", [])
    if not (
        _safe_relative(entry.get("doc"))
        and isinstance(entry.get("input"), str)
        and isinstance(entry.get("settings"), str)
        and isinstance(outputs, list)
        and all(_safe_relative(name) for name in outputs)
        and isinstance(entry.get("counts", {}), dict)
        and all(isinstance(v, int) for v in entry.get("counts", {}).values())
    ):
        return None
    return entry
