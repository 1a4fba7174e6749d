"""Document and folder orchestration: repair → language → segments → translation → records.

Two public functions, the library behind ``esgtext translate``:

* :func:`process_document` -- one text (or the bytes of a file) to a :class:`Document` holding its
  bilingual :class:`~esgtext.records.Record` list.
* :func:`translate_folder` -- files and folders to ``OUT/<relative path>.jsonl`` (``.tmx``, Moses),
  with ``OUT/.esgtext/errors.jsonl``, parallel repair and language work, and resumable runs.

They live in modules of one idea each, re-exported here:

* :mod:`esgtext.document` -- one document: :class:`Prepared`, :class:`Document`,
  :func:`prepare_text`, :func:`prepare_bytes`, :func:`build_records`, :func:`process_document`;
* :mod:`esgtext.translator` -- the :class:`Translator` session (models resolved once, signatures);
* :mod:`esgtext.store` -- the manifest, ``errors.jsonl``, temporary files; :mod:`esgtext.inputs` --
  finding and reading inputs, atomic and symlink-safe writes;
* :mod:`esgtext.run` -- :func:`translate_folder` and the :class:`FolderRun` behind it.
"""

from __future__ import annotations

from esgtext.document import (
    SEGMENT_OVERRIDE_CONFIDENCE,
    Document,
    Prepared,
    PreparedSegment,
    _document,
    _needs_model,
    _OffsetMap,
    _repair,
    _segment_language,
    build_records,
    prepare_bytes,
    prepare_text,
    process_document,
    translate_documents,
)
from esgtext.errors import UsageError
from esgtext.inputs import INPUT_SUFFIXES, TMP_SUFFIX, InputFile, atomic_write, find_inputs
from esgtext.run import (
    BATCH_DOCUMENTS,
    BATCH_SEGMENTS,
    DEFAULT_MAX_BYTES,
    FolderRun,
    RunSummary,
    _one_line,
    _prepare_job,
    _settings_hash,
    translate_folder,
)
from esgtext.store import (
    CACHE_FILE,
    ERRORS_FILE,
    MANIFEST,
    STATE_DIR,
    Manifest,
    remove_temp_files,
    write_if_changed,
)
from esgtext.translator import TARGET_LANG, Translator, repair_settings

_write_if_changed = write_if_changed


def discover_inputs(paths, out=None, exclude=(), *, follow_symlinks: bool = False) -> list[InputFile]:
    """The input files of ``paths`` in a stable order (see :func:`esgtext.inputs.find_inputs`)."""
    return find_inputs(paths, out=out, exclude=exclude, follow_symlinks=follow_symlinks).files


__all__ = [
    "Document",
    "FolderRun",
    "Manifest",
    "Prepared",
    "RunSummary",
    "Translator",
    "UsageError",
    "atomic_write",
    "build_records",
    "discover_inputs",
    "prepare_bytes",
    "prepare_text",
    "process_document",
    "translate_folder",
]
