"""Folders of documents: :func:`translate_folder` and the :class:`FolderRun` behind it.

A run finds its inputs (:func:`esgtext.inputs.find_inputs`), resolves the models once
(:class:`~esgtext.translator.Translator`), then for each input: reads it (special files refused
unopened), skips it when the manifest says it is unchanged (:mod:`esgtext.store`), prepares it
(repair, languages, segments; in ``jobs`` worker processes), translates the segments of
consecutive documents together, and writes its outputs atomically, the manifest line last.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from esgtext import document
from esgtext.document import _STATUS_KEYS, Prepared, _document, _needs_model, build_records, translate_documents
from esgtext.errors import InputError, OutputError, UsageError, reraise_interrupt
from esgtext.inputs import InputFile, atomic_write, find_inputs, output_path, read_input
from esgtext.progress import RunProgress
from esgtext.records import FORMATS, OUTPUT_LAYOUT
from esgtext.store import (
    CACHE_FILE,
    ERRORS_FILE,
    ERRORS_PATH,
    MANIFEST,
    STATE_DIR,
    Manifest,
    hold_output,
    remove_temp_files,
    write_corpus,
    write_if_changed,
)
from esgtext.translator import Translator

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
BATCH_SEGMENTS = 128  # segments of consecutive documents translated in one call
BATCH_DOCUMENTS = 64


@dataclass
class RunSummary:
    """What :func:`translate_folder` did; :meth:`line` is the CLI's closing summary."""

    files: int = 0
    processed: int = 0
    skipped: int = 0
    failed: int = 0
    segments: int = 0
    translated: int = 0
    kept: int = 0
    boilerplate: int = 0
    untranslated: int = 0
    seconds: float = 0.0
    errors: list[dict] = field(default_factory=list)
    missing_models: dict[str, str] = field(default_factory=dict)
    #: symlinks inside a folder given that point outside it, not read (``follow_symlinks``)
    skipped_symlinks: list[str] = field(default_factory=list)
    #: one-line warnings about the run itself (a damaged manifest, ...)
    warnings: list[str] = field(default_factory=list)
    #: files of unknown kinds in the folders given, not read (``.xlsx``, ``.jpg``, ...)
    skipped_unknown: list[str] = field(default_factory=list)
    #: records per flag (``number_mismatch``, ``repetition``, ...), unchanged files included
    flags: dict[str, int] = field(default_factory=dict)

    def add_counts(self, counts: Mapping[str, int]) -> None:
        self.segments += counts.get("segments", 0)
        for key in _STATUS_KEYS:
            setattr(self, key, getattr(self, key) + counts.get(key, 0))
        for key, n in counts.items():
            if key.startswith(FLAG_COUNT_PREFIX) and isinstance(n, int):
                name = key[len(FLAG_COUNT_PREFIX):]
                self.flags[name] = self.flags.get(name, 0) + n

    def flag_line(self) -> str:
        """``number_mismatch 683, repetition 1,052`` (most frequent first), or ``""``."""
        ranked = sorted(self.flags.items(), key=lambda item: (-item[1], item[0]))
        return ", ".join(f"{name} {n:,}" for name, n in ranked if n)

    def line(self, unknown_hint: str = "") -> str:
        """The closing summary; ``unknown_hint`` follows the count of files of unknown kinds."""
        flags = self.flag_line()
        return (
            f"{_count(self.files, 'file')} ({self.processed:,} processed, {self.skipped:,} unchanged, "
            f"{self.failed:,} failed), {_count(self.segments, 'segment')}: {self.translated:,} translated, "
            f"{self.kept:,} kept, {self.boilerplate:,} boilerplate, {self.untranslated:,} untranslated"
            + (f"; flags: {flags}" if flags else "")
            + f"; {self.seconds:.1f} s"
            + (f"; {_count(len(self.skipped_symlinks), 'symlink')} out of the input folder skipped"
               if self.skipped_symlinks else "")
            + (f"; skipped {_count(len(self.skipped_unknown), 'file')} of unknown kinds{unknown_hint}"
               if self.skipped_unknown else "")
        )


#: Flag counts ride in a document's counts (and so in the manifest) as ``flag:<name>``.
FLAG_COUNT_PREFIX = "flag:"


def _count(n: int, word: str) -> str:
    """``1 file``, ``2 files``, ``1,052 files``."""
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def flag_counts(records: Sequence[Any]) -> dict[str, int]:
    """``{"flag:<name>": records}`` for the flags of a document's records; the flags that repeat a
    status (``boilerplate:*``, ``model-missing:*``) are left out."""
    counts: dict[str, int] = {}
    for r in records:
        for flag in r.flags:
            if flag.startswith(("boilerplate:", "model-missing:")):
                continue
            key = FLAG_COUNT_PREFIX + flag.split(":", 1)[0]
            counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))


def _prepare_job(data: bytes, rel: str, repair: Any = None) -> Prepared | tuple[str, str]:
    """Worker entry point: a :class:`Prepared` document or ``(kind, reason)`` on failure."""
    from esgtext.repair.decode import UndecodableInput

    try:
        return document.prepare_bytes(data, rel, repair=repair)
    except UndecodableInput as exc:
        return ("undecodable", _one_line(exc))
    except InputError as exc:  # a PDF without a text layer, a damaged PDF or .docx
        return (exc.kind, _one_line(exc))
    except Exception as exc:  # one bad file must not stop a bulk run; Ctrl-C must
        reraise_interrupt(exc)
        return ("internal", f"{type(exc).__name__}: {_one_line(exc)}")


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."


def _settings_hash(translator: Translator, formats: Sequence[str]) -> str:
    # the output layout too: outputs of an older layout are rewritten, not skipped; parquet is
    # rebuilt from the JSONL records at the end of a run: no document is redone for it
    return translator.settings_hash([*(f for f in formats if f != "parquet"), f"layout:{OUTPUT_LAYOUT}"])


def resolve_formats(formats: Sequence[str]) -> list[str]:
    """The formats of a run, checked (:class:`UsageError`); ``parquet`` brings ``jsonl`` (it is
    built from the JSONL records)."""
    formats = list(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise UsageError(f"unknown format {','.join(unknown) or '(none)'}; choose from {','.join(FORMATS)}")
    if "parquet" in formats:
        from esgtext.parquet import check_available

        check_available()
        if "jsonl" not in formats:
            formats.insert(0, "jsonl")
    return formats


def translate_folder(
    paths: Sequence[str | os.PathLike],
    out: str | os.PathLike,
    *,
    formats: Sequence[str] = ("jsonl",),
    jobs: int = 1,
    translator: Translator | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: bool | None = None,
    on_document: Callable[[str, dict], None] | None = None,
    on_start: Callable[[dict[str, str]], None] | None = None,
    exclude: Sequence[str] = (),
    batch_size: int = BATCH_SEGMENTS,
    follow_symlinks: bool = False,
    wait: bool = False,
    **translator_options: Any,
) -> RunSummary:
    """Bilingual records for every input file under ``out``; see the module docstring.

    ``paths`` are files and folders (folders are searched recursively for ``.txt``, ``.md``,
    ``.html`` and ``.htm``; ``exclude`` globs match paths relative to the folder). Each input
    ``rel`` gets ``out/<rel>.jsonl`` (and ``.tmx``, Moses files, per ``formats``). Files that
    cannot be processed (binary, undecodable, larger than ``max_bytes``, unreadable) are listed in
    ``out/.esgtext/errors.jsonl`` and counted in :attr:`RunSummary.failed`; an empty file is processed (no
    records). ``jobs`` > 1 runs repair, language and segmentation in that many worker processes;
    translation stays in this process (one model instance per engine). Output is the same
    whatever ``jobs`` is. ``on_start`` is called with :attr:`Translator.missing` once models are
    resolved, ``on_document`` with each finished document's name and counts. Segments of
    consecutive documents are translated together, ``batch_size`` segments at a time (documents
    are written, in order, once translated).
    Inside a folder, symlinks pointing outside it are not read (listed in
    :attr:`RunSummary.skipped_symlinks`) unless ``follow_symlinks``; FIFOs, devices and sockets
    are never opened (errors, kind ``special-file``); no output is written through a symlink
    inside ``out`` (errors, kind ``output``).
    A run holds ``out`` (a lock, :func:`esgtext.store.hold_output`): another run on the same
    folder raises :class:`UsageError` naming the holder, or waits for it with ``wait``.
    Raises :class:`UsageError` for a missing path or an unknown format, and ``ModelNotAvailable``
    (before any work) when a model is missing without ``allow_untranslated``.
    """
    started = time.monotonic()
    formats = resolve_formats(formats)
    out = Path(out)
    # usage errors before models are resolved
    found = find_inputs(paths, out=out, exclude=exclude, follow_symlinks=follow_symlinks)
    try:  # the run's own files: never through a symlink inside OUT either
        for name in (ERRORS_PATH, f"{STATE_DIR}/{MANIFEST}", f"{STATE_DIR}/{CACHE_FILE}"):
            output_path(out, name, create=False)
    except OutputError as exc:
        raise UsageError(str(exc)) from None
    if translator is None:
        translator_options.setdefault("cache", out / STATE_DIR / CACHE_FILE)
        translator = Translator(**translator_options)
    if on_start is not None:
        on_start(dict(translator.missing))
    out.mkdir(parents=True, exist_ok=True)
    with hold_output(out, wait=wait):  # one run at a time on OUT; the manifest is read under it
        remove_temp_files(out)
        run = FolderRun(out, translator, formats=formats, jobs=jobs, max_bytes=max_bytes,
                        progress=sys.stderr.isatty() if progress is None else progress,
                        on_document=on_document, batch_size=batch_size)
        run.summary.files = len(found.files)
        run.summary.skipped_symlinks = [str(link) for link, _ in found.skipped_symlinks]
        run.summary.skipped_unknown = [str(path) for path in found.skipped_unknown]
        summary = run.run(found.files)
        summary.seconds = time.monotonic() - started
        from esgtext.report import write_run_report  # OUT/report.html (`esgtext report OUT` rebuilds it)
        write_run_report(out, summary)
    return summary


class FolderRun:
    """The state of one :func:`translate_folder` run and its steps, one method each.

    :meth:`run` reads the inputs in order and hands each to a worker (or prepares it here);
    :meth:`finish` takes a prepared document: one that needs no model is written at once, the
    others wait in a batch until enough segments need the model (:meth:`flush`);
    :meth:`write_document` writes its outputs and then its manifest line.
    """

    def __init__(self, out: Path, translator: Translator, *, formats: Sequence[str], jobs: int = 1,
                 max_bytes: int = DEFAULT_MAX_BYTES, progress: bool = False,
                 on_document: Callable[[str, dict], None] | None = None,
                 batch_size: int = BATCH_SEGMENTS):
        self.out = out
        self.translator = translator
        self.formats = list(formats)
        self.jobs = jobs
        self.max_bytes = max_bytes
        self.progress = progress
        self.on_document = on_document
        self.batch_size = batch_size
        self.manifest = Manifest(out)
        self.settings_hash = _settings_hash(translator, self.formats)
        self.summary = RunSummary(missing_models=dict(translator.missing),
                                  warnings=list(self.manifest.warnings))
        self.errors: dict[str, dict] = {}
        self.seen: dict[str, Path] = {}
        # documents waiting until enough segments need the model to fill its batches
        self.batch: list[tuple[InputFile, str, Prepared]] = []
        self.batch_segments = 0
        self.window: deque = deque()  # documents handed to workers, in input order
        self.pool = None
        self.bar: Any = RunProgress(0, enabled=False)  # run() shows one (esgtext.progress)

    # -- the run ---------------------------------------------------------------------------------

    def run(self, inputs: Sequence[InputFile]) -> RunSummary:
        self.bar = RunProgress(len(inputs), enabled=self.progress)
        try:
            self.pool = self._start_pool()
            limit = max(1, self.jobs) * 4
            for inp in inputs:
                self.submit(inp)
                while len(self.window) >= limit:
                    self._drain_one()
            while self.window:
                self._drain_one()
            if self.batch:
                self.flush()
        finally:
            self.bar.close()
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)
            self.translator.close()
        finish_outputs(self.out, self.summary, self.errors, self.manifest, self.formats)
        return self.summary

    def _start_pool(self):
        if self.jobs <= 1:
            return None
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # fork is fast (workers inherit the loaded language tables) and safe while this process
        # runs no torch threads; once torch is loaded, start clean interpreters instead.
        method = "fork" if "torch" not in sys.modules and sys.platform == "linux" else "spawn"
        return ProcessPoolExecutor(max_workers=self.jobs, mp_context=multiprocessing.get_context(method))

    def submit(self, inp: InputFile) -> None:
        """Read one input; skip it if unchanged; else hand it to a worker (or keep its bytes)."""
        if inp.rel in self.seen:
            self.fail(inp, "collision", f"same output name as {self.seen[inp.rel]}")
            return
        self.seen[inp.rel] = inp.path
        try:  # FIFOs, devices and sockets are refused without being opened
            data = read_input(inp.path, self.max_bytes)
        except InputError as exc:
            self.fail(inp, exc.kind, _one_line(exc))
            return
        input_hash = hashlib.sha256(data).hexdigest()
        if self.manifest.is_current(self.out, inp.rel, input_hash, self.settings_hash):
            self.summary.skipped += 1
            self.summary.add_counts(self.manifest.entries[inp.rel].get("counts", {}))
            self._file_done(worked=False)
            return
        repair = self.translator.config.repair
        pending = self.pool.submit(_prepare_job, data, inp.rel, repair) if self.pool is not None else data
        self.window.append((inp, input_hash, pending))

    def _drain_one(self) -> None:
        inp, input_hash, pending = self.window.popleft()
        prepared = (pending.result() if self.pool is not None
                    else _prepare_job(pending, inp.rel, self.translator.config.repair))
        self.finish(inp, prepared, input_hash)

    def fail(self, inp: InputFile, kind: str, reason: str) -> None:
        self.errors[inp.rel] = {"doc": inp.rel, "path": str(inp.path), "error": kind, "reason": reason}
        self._file_done()

    def _file_done(self, **kwargs: Any) -> None:
        """The bar moves at once for each file finished (a plain tqdm bar works too)."""
        done = getattr(self.bar, "file_done", None)
        if done is not None:
            done(**kwargs)
        else:
            self.bar.update(1)

    # -- documents -------------------------------------------------------------------------------

    def finish(self, inp: InputFile, prepared: Prepared | tuple[str, str], input_hash: str) -> None:
        if isinstance(prepared, tuple):
            self.fail(inp, *prepared)
            return
        need = sum(1 for s in prepared.segments if _needs_model(s, self.translator))
        if need == 0 and not self.batch:
            self.write_document(inp, prepared, input_hash, {})
            return
        self.batch.append((inp, input_hash, prepared))
        self.batch_segments += need
        if self.batch_segments >= self.batch_size or len(self.batch) >= BATCH_DOCUMENTS:
            self.flush()

    def flush(self) -> None:
        """Translate the waiting documents together, then write them in order."""
        translations = translate_batch([prepared for _, _, prepared in self.batch], self.translator,
                                       progress=getattr(self.bar, "translated", None))
        for (inp, input_hash, prepared), done in zip(self.batch, translations):
            if isinstance(done, tuple):  # a model error on one document: retried by the next run
                self.fail(inp, *done)
            else:
                self.write_document(inp, prepared, input_hash, done)
        self.batch.clear()
        self.batch_segments = 0

    def write_document(self, inp: InputFile, prepared: Prepared, input_hash: str,
                       translations: Mapping[int, Any]) -> None:
        files, counts = render_document(inp.rel, prepared, self.translator, translations, self.formats)
        try:
            write_outputs(self.out, files)
        except OutputError as exc:
            self.fail(inp, "output", str(exc))
            return
        remove_stale_outputs(self.out, self.manifest.entries.get(inp.rel), files)
        # last: a document without its manifest line is redone by the next run
        self.manifest.add(manifest_entry(inp.rel, input_hash, self.settings_hash, files, counts))
        self.summary.processed += 1
        self.summary.add_counts(counts)
        self._file_done(segments=counts.get("segments", 0))
        if self.on_document is not None:
            self.on_document(inp.rel, counts)



# -- the steps of a run that a distributed run (esgtext.distributed) shares --------------------------


def translate_batch(docs: Sequence[Prepared], translator: Translator,
                    progress: Callable[[int, int], None] | None = None) -> list[Mapping[int, Any] | tuple[str, str]]:
    """The translations of documents translated together (:func:`translate_documents`); when the
    batch fails, each document alone, so that one document's model error ``("translation",
    reason)`` does not fail the others. ``progress(done, total)`` follows the segments."""
    try:
        return list(translate_documents(docs, translator, progress=progress))
    except Exception:  # find the document that fails, translate the others
        results: list[Mapping[int, Any] | tuple[str, str]] = []
        for prepared in docs:
            try:
                results.append(translate_documents([prepared], translator)[0])
            except Exception as exc:
                reraise_interrupt(exc)
                results.append(("translation", f"{type(exc).__name__}: {_one_line(exc)}"))
        return results


def render_document(rel: str, prepared: Prepared, translator: Translator, translations: Mapping[int, Any],
                    formats: Sequence[str]) -> tuple[dict[str, bytes], dict[str, int]]:
    """The output files of one document ``{name relative to OUT: bytes}`` and its counts."""
    doc = _document(prepared, build_records(prepared, translator, translations))
    return doc.outputs(rel, formats), {**doc.counts, **flag_counts(doc.records)}


def write_outputs(out: Path, files: Mapping[str, bytes]) -> None:
    """Write a document's files atomically; :class:`OutputError` (nothing written) when one of
    them would go through a symlink inside ``out``."""
    targets = {name: output_path(out, name) for name in files}
    for name, data in files.items():
        atomic_write(targets[name], data)


def remove_stale_outputs(out: Path, previous: Mapping[str, Any] | None, files: Mapping[str, bytes]) -> None:
    """Remove the files an earlier run wrote for a document (its manifest entry ``previous``)
    that it no longer has."""
    for name in (previous or {}).get("outputs", ()):
        if name not in files:
            try:
                output_path(out, name, create=False).unlink(missing_ok=True)
            except OutputError:
                pass  # never delete through a symlink


def manifest_entry(rel: str, input_hash: str, settings_hash: str, files: Mapping[str, bytes],
                   counts: Mapping[str, int]) -> dict:
    return {"doc": rel, "input": input_hash, "settings": settings_hash, "outputs": sorted(files),
            "counts": dict(counts)}


def finish_outputs(out: Path, summary: RunSummary, errors: Mapping[str, dict], manifest: Manifest,
                   formats: Sequence[str]) -> None:
    """The files of a whole run, after its documents: ``OUT/.esgtext/errors.jsonl`` (sorted) and
    the corpus files, rebuilt from the JSONL records of every document in the manifest."""
    summary.failed = len(errors)
    summary.errors = [errors[k] for k in sorted(errors)]
    write_if_changed(output_path(out, ERRORS_PATH),
                     "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in summary.errors).encode("utf-8"))
    _remove_legacy_errors(out)
    if "jsonl" in formats:  # OUT/corpus/<lang>-en.tmx, Moses pairs: from the JSONL records
        write_corpus(out, manifest.entries, list(formats), skip=errors)
    elif {"tmx", "moses"} & set(formats):
        summary.warnings.append("no corpus files (OUT/corpus/): they are built from the "
                                "JSONL records; add jsonl to --format")
    if "parquet" in formats:  # OUT/parquet/src_lang=<lang>/: from the JSONL records too
        from esgtext.parquet import write_parquet

        write_parquet(out, manifest.entries, skip=errors)


def _remove_legacy_errors(out: Path) -> None:
    """Remove ``OUT/errors.jsonl`` left by an earlier esgtext (it sat among the records and broke
    ``OUT/**/*.jsonl`` globs), when every line of it is one of our error lines."""
    try:
        path = output_path(out, ERRORS_FILE, create=False)
        lines = path.read_bytes().splitlines() if path.is_file() else None
    except (OutputError, OSError):
        return  # never through a symlink
    if lines is None:
        return
    try:
        ours = all(set(json.loads(line)) == {"doc", "path", "error", "reason"} for line in lines if line.strip())
    except (ValueError, TypeError):
        return
    if ours:
        path.unlink(missing_ok=True)


__all__ = ["DEFAULT_MAX_BYTES", "FolderRun", "RunSummary", "finish_outputs", "manifest_entry",
           "remove_stale_outputs", "render_document", "translate_batch", "translate_folder",
           "write_outputs"]
