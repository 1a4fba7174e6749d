"""The bulk run on a Ray cluster: :func:`translate_dataset` (``esgtext translate --ray``).

The same run as :func:`esgtext.run.translate_folder`, with Ray Data as the scheduler, and the same
files under OUT (byte for byte) for the same input and settings. What runs where:

* the driver (this process): finds the inputs (:func:`esgtext.inputs.find_inputs`, the one input
  walker), reads them and skips those the manifest says are unchanged (they are never sent to the
  cluster), resolves the models once (:class:`~esgtext.translator.Translator`), holds OUT's lock,
  appends each finished document's manifest line as its row comes back, and at the end writes
  ``OUT/.esgtext/errors.jsonl``, the corpus files, the Parquet dataset and the report
  (:func:`esgtext.run.finish_outputs`);
* CPU tasks (``map_batches``, ``max_retries``): decoding, HTML extraction, repair, languages and
  segments (:func:`esgtext.run._prepare_job`, as the local ``--jobs`` workers);
* an actor pool (``ActorPoolStrategy``, ``max_restarts``/``max_task_retries``), one Translator per
  actor whose models are loaded once: translation in batches of ``batch_size`` segments, as the
  local run, then each document's records rendered and written atomically, mirroring the input
  (:func:`esgtext.run.render_document`, :func:`esgtext.run.write_outputs`). With ``--device
  cuda`` each actor holds one GPU (``num_gpus=1``). A run without any model writes from CPU tasks.

OUT must be a folder the workers can write (local Ray: any folder; a cluster: a shared
filesystem). A document whose task or actor fails all its retries is listed in ``errors.jsonl``
(kind ``lost``) and redone by the next run; a record is never written twice (outputs are whole
files replaced atomically; the manifest holds one line per document and run).
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import sys
import time
import warnings
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from esgtext.errors import MissingExtra, OutputError, UsageError, reraise_interrupt
from esgtext.inputs import INPUT_SUFFIXES, InputFile, find_inputs, output_path
from esgtext.run import (
    BATCH_DOCUMENTS,
    BATCH_SEGMENTS,
    DEFAULT_MAX_BYTES,
    FolderRun,
    RunSummary,
    _needs_model,
    _one_line,
    _prepare_job,
    finish_outputs,
    manifest_entry,
    remove_stale_outputs,
    render_document,
    resolve_formats,
    translate_batch,
    write_outputs,
)
from esgtext.store import CACHE_FILE, ERRORS_PATH, MANIFEST, STATE_DIR, hold_output, remove_temp_files
from esgtext.translator import Translator

#: retries of a CPU task, restarts of a translation actor and retries of its batches
MAX_RETRIES = 3
PREPARE_BATCH = 16  # documents per CPU task
_COLUMNS = ("doc", "input", "state", "data", "error", "reason", "outputs", "counts")


def _ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise MissingExtra("--ray needs the 'ray' extra (ray[data] is not installed): "
                           "pip install 'esgtext[ray]'") from None
    return ray


def _schema():
    import pyarrow as pa

    return pa.schema([("doc", pa.string()), ("input", pa.string()), ("state", pa.string()),
                      ("data", pa.large_binary()), ("error", pa.string()), ("reason", pa.string()),
                      ("outputs", pa.string()), ("counts", pa.string())])


def _table(rows: list[dict]):
    import pyarrow as pa

    return pa.Table.from_pylist([{c: row.get(c, b"" if c == "data" else "") for c in _COLUMNS} for row in rows],
                                schema=_schema())


def _row(doc: str, input_hash: str, data: bytes = b"", state: str = "todo") -> dict:
    return {"doc": doc, "input": input_hash, "state": state, "data": data, "error": "", "reason": "",
            "outputs": "[]", "counts": "{}"}


# -- the stages ---------------------------------------------------------------------------------


def _prepare_stage(batch, *, repair: Any = None, current: Mapping[str, str] | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES):
    """CPU task: hash what comes unhashed (a Dataset or a filesystem path), skip what the
    manifest says is current, then decode, repair, languages and segments."""
    import hashlib

    rows = []
    for row in batch.to_pylist():
        if row["state"] != "todo":
            rows.append(row)
            continue
        data = row["data"]
        if not row["input"]:
            row["input"] = hashlib.sha256(data).hexdigest()
        if current and current.get(row["doc"]) == row["input"]:
            rows.append({**row, "state": "skipped", "data": b""})
            continue
        if len(data) > max_bytes:
            rows.append({**row, "state": "failed", "data": b"", "error": "too-large",
                         "reason": f"{len(data)} bytes, more than the limit of {max_bytes}"})
            continue
        prepared = _prepare_job(data, row["doc"], repair)
        if isinstance(prepared, tuple):
            rows.append({**row, "state": "failed", "data": b"", "error": prepared[0], "reason": prepared[1]})
        else:
            rows.append({**row, "state": "prepared", "data": pickle.dumps(prepared, protocol=5)})
    return _table(rows)


def _translate_rows(rows: list[dict], translator: Translator, *, out: Path, formats: Sequence[str],
                    batch_size: int) -> list[dict]:
    """Translate the prepared documents of ``rows`` (``batch_size`` segments at a time, as the
    local run) and write each one's outputs; the rows say what became of each."""
    from esgtext.translate.registry import ModelNotAvailable

    waiting: list[tuple[dict, Any]] = []
    need = 0

    def flush() -> None:
        nonlocal need
        for (row, prepared), done in zip(waiting, translate_batch([p for _, p in waiting], translator)):
            if isinstance(done, tuple):
                row.update(state="failed", error=done[0], reason=done[1])
                continue
            try:
                files, counts = render_document(row["doc"], prepared, translator, done, formats)
                write_outputs(out, files)
            except ModelNotAvailable as exc:  # a model this document needs is missing: the run stops
                row.update(state="fatal", error="model-missing", reason=str(exc))
                continue
            except OutputError as exc:
                row.update(state="failed", error="output", reason=str(exc))
                continue
            except Exception as exc:  # one bad document must not stop a bulk run
                reraise_interrupt(exc)
                row.update(state="failed", error="internal", reason=f"{type(exc).__name__}: {_one_line(exc)}")
                continue
            row.update(state="done", outputs=json.dumps(sorted(files)), counts=json.dumps(counts))
        waiting.clear()
        need = 0

    for row in rows:
        if row["state"] != "prepared":
            continue
        prepared = pickle.loads(row["data"])
        row["data"] = b""
        waiting.append((row, prepared))
        need += sum(1 for s in prepared.segments if _needs_model(s, translator))
        if need >= batch_size or len(waiting) >= BATCH_DOCUMENTS:
            flush()
    if waiting:
        flush()
    return rows


def _write_stage(batch, *, translator: Translator, out: str, formats: Sequence[str], batch_size: int):
    """CPU task of a run without models: records rendered and written here."""
    return _table(_translate_rows(batch.to_pylist(), translator, out=Path(out), formats=formats,
                                  batch_size=batch_size))


class _TranslationActor:
    """One translation actor: its Translator (models loaded once, on first use) and its writes."""

    def __init__(self, translator: Translator, out: str, formats: Sequence[str], batch_size: int,
                 threads: int = 1):
        os.environ.setdefault("ESGTEXT_THREADS", str(threads))  # no more torch threads than CPUs held
        self.translator = translator
        self.out = Path(out)
        self.formats = list(formats)
        self.batch_size = batch_size
        # the models load once per actor, in the background from now on: while the CPU tasks
        # prepare the first documents, and never waited for by a batch that translates nothing
        import threading

        self._loading: threading.Thread | None = threading.Thread(target=self._load, daemon=True)
        self._loading.start()

    def _load(self) -> None:
        from esgtext.translate.engines import get_translator

        for spec in self.translator.specs.values():
            try:
                get_translator(spec, self.translator.engine, self.translator.device or "cpu")
            except Exception:  # the documents that need it fail as in the local run, one by one
                pass

    def __call__(self, batch):
        rows = batch.to_pylist()
        if self._loading is not None and any(row["state"] == "prepared" for row in rows):
            self._loading.join()
            self._loading = None
        return _table(_translate_rows(rows, self.translator, out=self.out, formats=self.formats,
                                      batch_size=self.batch_size))


# -- sources ------------------------------------------------------------------------------------


def _is_filesystem_uri(source: Any) -> bool:
    return isinstance(source, str) and "://" in source and not os.path.exists(source)


def _dataset_source(ray, source, exclude: Sequence[str]) -> tuple[Any, list[str]]:
    """A ``ray.data.Dataset`` of documents (``doc`` and ``text`` or ``bytes``) in the stages'
    row form, and the names of its documents (which must be unique)."""
    columns = set(source.columns() or ())
    if "doc" not in columns or not ({"text", "bytes"} & columns):
        raise UsageError(f"a Dataset of documents needs a 'doc' column and a 'text' or 'bytes' "
                         f"column (it has {', '.join(sorted(columns)) or 'none'})")
    body = "bytes" if "bytes" in columns else "text"
    docs = [r["doc"] for r in source.select_columns(["doc"]).take_all()]
    _check_names(docs)

    def to_rows(batch):
        rows = []
        for doc, value in zip(batch.column("doc").to_pylist(), batch.column(body).to_pylist()):
            data = value if isinstance(value, bytes) else str(value or "").encode("utf-8")
            rows.append(_row(str(doc), "", data))
        return _table(rows)

    return source.select_columns(["doc", body]).map_batches(to_rows, batch_format="pyarrow"), docs


def _check_names(docs: Sequence[str]) -> None:
    """Document names are output names: unique, relative, inside OUT."""
    seen: set[str] = set()
    for doc in docs:
        if not isinstance(doc, str) or not doc or doc in seen:
            raise UsageError(f"document name {doc!r}: names must be unique non-empty strings")
        path = Path(doc)
        if path.is_absolute() or ".." in path.parts:
            raise UsageError(f"document name {doc!r}: outside OUT")
        seen.add(doc)


def _filesystem_source(ray, uri: str, exclude: Sequence[str]) -> tuple[Any, list[str]]:
    """Every input under a pyarrow filesystem URI (``s3://bucket/prefix``): listed here, read by
    the cluster (``ray.data.read_binary_files``)."""
    from fnmatch import fnmatchcase

    import pyarrow.fs as pafs

    try:
        fs, root = pafs.FileSystem.from_uri(uri)
        infos = fs.get_file_info(pafs.FileSelector(root, recursive=True))
    except (OSError, ValueError) as exc:
        raise UsageError(f"{uri}: {_one_line(exc)}") from None
    root = root.rstrip("/")
    files: dict[str, str] = {}
    for info in infos:
        if info.type != pafs.FileType.File:
            continue
        rel = info.path[len(root):].lstrip("/")
        if any(part.startswith(".") for part in rel.split("/")) or not rel.lower().endswith(INPUT_SUFFIXES):
            continue
        if any(fnmatchcase(rel, pattern) for pattern in exclude):
            continue
        files[info.path] = rel
    if not files:
        raise UsageError(f"{uri}: no input file ({', '.join(INPUT_SUFFIXES)}) there")
    paths = sorted(files)
    ds = ray.data.read_binary_files(paths, filesystem=fs, include_paths=True)

    def to_rows(batch):
        return _table([_row(files.get(p) or files.get(p.lstrip("/")) or p, "", data)
                       for p, data in zip(batch.column("path").to_pylist(), batch.column("bytes").to_pylist())])

    return ds.map_batches(to_rows, batch_format="pyarrow"), [files[p] for p in paths]


# -- the run ------------------------------------------------------------------------------------


def _connect(ray, address: str | None) -> bool:
    """Join or start Ray; True when this call started it (and so shuts it down)."""
    if ray.is_initialized():
        return False
    if address in (None, "auto"):
        address = os.environ.get("RAY_ADDRESS") or None
    kwargs: dict[str, Any] = {"logging_level": logging.WARNING, "log_to_driver": False}
    if address is None:
        kwargs["include_dashboard"] = False
    try:
        ray.init(address=address, **kwargs)
    except (ConnectionError, ValueError, RuntimeError) as exc:
        raise UsageError(f"--ray {address or 'auto'}: cannot start or join Ray: {_one_line(exc)}") from None
    return True


def _check_reachable(ray, address: str | None) -> None:
    """Ray retries an address nobody answers at for minutes: a usage error at once instead,
    before any work."""
    import socket

    if ray.is_initialized():
        return
    if address in (None, "auto"):
        address = os.environ.get("RAY_ADDRESS") or None
    if address is None:
        return
    host, _, port = address.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():
        return  # not host:port: Ray judges it
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=5).close()
    except OSError as exc:
        raise UsageError(f"--ray {address}: no Ray there ({exc.strerror or type(exc).__name__}); "
                         f"give the head's address (host:6379, ray://host:10001) or --ray alone "
                         f"for a local Ray") from None


def translate_dataset(
    source: Any,
    out: str | os.PathLike,
    *,
    formats: Sequence[str] = ("jsonl",),
    translator: Translator | None = None,
    ray_address: str | None = None,
    actors: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: bool | None = None,
    on_document: Callable[[str, dict], None] | None = None,
    on_start: Callable[[dict[str, str]], None] | None = None,
    exclude: Sequence[str] = (),
    batch_size: int = BATCH_SEGMENTS,
    docs_per_batch: int = BATCH_DOCUMENTS,
    follow_symlinks: bool = False,
    wait: bool = False,
    **translator_options: Any,
) -> RunSummary:
    """The records of :func:`~esgtext.run.translate_folder`, computed on a Ray cluster.

    ``source`` is a folder or file (or a list of them, as ``translate_folder`` takes), a URI that
    pyarrow's filesystems read (``s3://bucket/releases``, ``gs://...``), or a ``ray.data.Dataset``
    of documents with a ``doc`` column (the output name, e.g. ``"2024/a.txt"``) and a ``text`` or
    ``bytes`` column. ``ray_address``: ``None`` joins the Ray this process already runs, else
    ``$RAY_ADDRESS``, else starts a local one (``"auto"`` the same; any other value is the address of
    a cluster). ``actors`` translation actors (default: one per GPU with ``device="cuda"``, else
    one per 4 CPUs of the cluster, at least one), each translating ``docs_per_batch`` documents
    per call. Every other argument is ``translate_folder``'s. See the module docstring.
    """
    ray = _ray()
    started = time.monotonic()
    _check_reachable(ray, ray_address)
    formats = resolve_formats(formats)
    out = Path(out).absolute()
    is_dataset = hasattr(source, "map_batches") and hasattr(source, "columns")
    found = None
    if not is_dataset and not _is_filesystem_uri(source):
        paths = [source] if isinstance(source, (str, os.PathLike)) else list(source)
        found = find_inputs(paths, out=out, exclude=exclude, follow_symlinks=follow_symlinks)
    try:  # the run's own files: never through a symlink inside OUT either
        for name in (ERRORS_PATH, f"{STATE_DIR}/{MANIFEST}", f"{STATE_DIR}/{CACHE_FILE}"):
            output_path(out, name, create=False)
    except OutputError as exc:
        raise UsageError(str(exc)) from None
    device = translator_options.get("device") or "cpu"
    gpu = device.startswith("cuda")
    if translator is None:
        translator_options.setdefault("cache", out / STATE_DIR / CACHE_FILE)
        if gpu:  # the driver needs no GPU: the actors hold them
            translator_options["device"] = "cpu"
        translator = Translator(**translator_options)
    if on_start is not None:
        on_start(dict(translator.missing))
    owns_ray = False
    try:
        out.mkdir(parents=True, exist_ok=True)
        with hold_output(out, wait=wait):
            remove_temp_files(out)
            run = FolderRun(out, translator, formats=formats, max_bytes=max_bytes, batch_size=batch_size)
            if getattr(run, "bar", None) is None:  # what submit() moves: nothing to show here
                from tqdm import tqdm

                run.bar = tqdm(disable=True)
            summary = run.summary
            if found is not None:
                summary.files = len(found.files)
                summary.skipped_symlinks = [str(link) for link, _ in found.skipped_symlinks]
                summary.skipped_unknown = [str(path) for path in found.skipped_unknown]
            if found is not None:  # read here, as the local run does: skips and read errors
                blocks, sent = _read_folder(run, found)
                if sent:  # nothing to do (a resumed run that is complete): no Ray started
                    owns_ray = _connect(ray, ray_address)
                    ds = ray.data.from_arrow(blocks)
            else:
                owns_ray = _connect(ray, ray_address)
                reader = _filesystem_source if _is_filesystem_uri(source) else _dataset_source
                ds, sent = reader(ray, source, exclude)
                summary.files = len(sent)
                for doc in sent:
                    run.seen[doc] = Path(doc)
            if sent:
                inputs = {inp.rel: inp for inp in found.files} if found is not None else {}
                current = _current(run) if found is None else {}
                _run_cluster(ray, ds, sent, run, translator, out=out, inputs=inputs, current=current,
                             formats=formats, gpu=gpu,
                             device=device, actors=actors, batch_size=batch_size,
                             docs_per_batch=docs_per_batch, max_bytes=max_bytes,
                             progress=sys.stderr.isatty() if progress is None else progress,
                             on_document=on_document)
            translator.close()
            finish_outputs(out, summary, run.errors, run.manifest, formats)
            summary.seconds = time.monotonic() - started
            from esgtext.report import write_run_report

            write_run_report(out, summary)
    finally:
        if owns_ray:
            ray.shutdown()
    return summary


def _read_folder(run: FolderRun, found) -> tuple[list[Any], list[str]]:
    """The inputs of a local folder read and hashed by :meth:`FolderRun.submit` (unchanged ones
    skipped, unreadable ones listed), in Arrow blocks of :data:`PREPARE_BATCH` documents (a CPU
    task's work), and the names of the documents to send."""
    for inp in found.files:
        run.submit(inp)
    items = [_row(inp.rel, input_hash, data) for inp, input_hash, data in run.window]
    run.window.clear()
    blocks = [_table(items[i:i + PREPARE_BATCH]) for i in range(0, len(items), PREPARE_BATCH)]
    return blocks, [row["doc"] for row in items]


def _current(run: FolderRun) -> dict[str, str]:
    """The documents of the manifest a Dataset or URI run may skip: ``{doc: input hash}``."""
    return {doc: entry["input"] for doc, entry in run.manifest.entries.items()
            if entry.get("settings") == run.settings_hash
            and all((run.out / name).is_file() for name in entry.get("outputs", ()))}


def _run_cluster(ray, ds, sent: list[str], run: FolderRun, translator: Translator, *, out: Path,
                 inputs: Mapping[str, InputFile], current: Mapping[str, str],
                 formats: list[str], gpu: bool, device: str, actors: int | None, batch_size: int,
                 docs_per_batch: int, max_bytes: int, progress: bool,
                 on_document: Callable[[str, dict], None] | None) -> None:
    from ray.data import ActorPoolStrategy

    warnings.filterwarnings("ignore", message=".*ray_remote_args.*deprecated", category=Warning)
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    ds = ds.map_batches(_prepare_stage, batch_format="pyarrow", batch_size=PREPARE_BATCH,
                        fn_kwargs={"repair": translator.config.repair, "current": current or None,
                                   "max_bytes": max_bytes},
                        max_retries=MAX_RETRIES, retry_exceptions=False)
    if translator.specs:
        resources = ray.cluster_resources()
        if actors is None:
            actors = int(resources.get("GPU", 0)) if gpu else int(resources.get("CPU", 1)) // 4
        actor_translator = translator
        if gpu:
            import copy
            import dataclasses

            actor_translator = copy.copy(translator)
            actor_translator.device = device
            actor_translator.config = dataclasses.replace(translator.config, device=device)
        ds = ds.map_batches(
            _TranslationActor, batch_format="pyarrow", batch_size=docs_per_batch,
            fn_constructor_kwargs={"translator": actor_translator, "out": str(out), "formats": formats,
                                   "batch_size": batch_size},
            compute=ActorPoolStrategy(size=max(1, actors)), num_gpus=1 if gpu else None, num_cpus=1,
            max_restarts=MAX_RETRIES, max_task_retries=MAX_RETRIES)
    else:  # nothing to translate: written by CPU tasks (fused with the preparation)
        ds = ds.map_batches(_write_stage, batch_format="pyarrow", batch_size=PREPARE_BATCH,
                            fn_kwargs={"translator": translator, "out": str(out), "formats": formats,
                                       "batch_size": batch_size},
                            max_retries=MAX_RETRIES, retry_exceptions=False)
    # the Dataset's own context (a copy taken when it was made, so set here)
    ds.context.max_errored_blocks = -1  # a batch that fails all its retries: listed, the run goes on
    ds.context.enable_progress_bars = progress
    returned: set[str] = set()
    fatal: list[str] = []
    lost = (f"its Ray task failed {MAX_RETRIES + 1} times (a worker or actor died); the next run "
            f"redoes it")
    try:
        for batch in ds.iter_batches(batch_format="pyarrow", batch_size=None):
            _take_rows(batch.to_pylist(), run, out, inputs, returned, on_document, fatal)
    except ray.exceptions.RayError as exc:  # the pool gave up (restarts spent): what is missing is listed
        lost = f"the Ray run stopped ({type(exc).__name__}: {_one_line(exc)[:200]}); the next run redoes it"
    for doc in sent:
        if doc not in returned:
            run.fail(inputs.get(doc) or InputFile(Path(doc), doc), "lost", lost)
    if fatal:
        from esgtext.translate.registry import ModelNotAvailable

        raise ModelNotAvailable(fatal[0])


def _take_rows(rows: list[dict], run: FolderRun, out: Path, inputs: Mapping[str, InputFile],
               returned: set[str], on_document: Callable[[str, dict], None] | None, fatal: list[str]) -> None:
    """The driver's part for each document that comes back: its manifest line (after its files
    are in place, written by the worker), its counts, or its error."""
    summary = run.summary
    for row in rows:
        doc = row["doc"]
        if doc in returned:  # a retried batch never comes back twice; never count it twice
            continue
        returned.add(doc)
        state = row["state"]
        inp = inputs.get(doc) or InputFile(Path(doc), doc)
        if state == "skipped":
            summary.skipped += 1
            summary.add_counts(run.manifest.entries[doc].get("counts", {}))
        elif state == "done":
            outputs = json.loads(row["outputs"])
            counts = json.loads(row["counts"])
            remove_stale_outputs(out, run.manifest.entries.get(doc), dict.fromkeys(outputs, b""))
            # last: a document without its manifest line is redone by the next run
            run.manifest.add(manifest_entry(doc, row["input"], run.settings_hash, dict.fromkeys(outputs, b""),
                                            counts))
            summary.processed += 1
            summary.add_counts(counts)
            if on_document is not None:
                on_document(doc, counts)
        elif state == "fatal":
            fatal.append(row["reason"])
        else:
            run.fail(inp, row["error"] or "internal", row["reason"] or "not processed")


__all__ = ["MAX_RETRIES", "translate_dataset"]
