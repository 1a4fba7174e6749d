"""esgtext: repair, language-tag and translate multilingual press releases.

The public API is re-exported here. At run time the names are imported lazily, on first use, so
that ``import esgtext`` is cheap and never imports torch or transformers; type checkers (mypy,
pyright) read the real imports under ``if TYPE_CHECKING:`` below, so ``esgtext.repair_text`` has
its real signature for them, not ``Any`` (the pattern transformers uses).

    >>> import esgtext
    >>> esgtext.repair_text("la mdaille").text      # doctest: +SKIP
    'la médaille'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from esgtext._version import __version__

if TYPE_CHECKING:  # what type checkers see; keep in step with _EXPORTS (a test checks it)
    from esgtext.errors import EsgtextError
    from esgtext.language import LanguageGuess, Span, detect_language, language_spans
    from esgtext.pipeline import Document, Translator, process_document, translate_folder
    from esgtext.repair import (
        RepairConfig,
        RepairResult,
        UndecodableInput,
        repair_bytes,
        repair_file,
        repair_text,
    )
    from esgtext.repair.edits import Edit
    from esgtext.segmentation import Segment, segment
    from esgtext.translate import translate_segments

# public name -> module that defines it
_EXPORTS = {
    "repair_text": "esgtext.repair",
    "repair_bytes": "esgtext.repair",
    "repair_file": "esgtext.repair",
    "RepairResult": "esgtext.repair",
    "RepairConfig": "esgtext.repair",
    "UndecodableInput": "esgtext.repair",
    "Edit": "esgtext.repair.edits",
    "detect_language": "esgtext.language",
    "language_spans": "esgtext.language",
    "LanguageGuess": "esgtext.language",
    "Span": "esgtext.language",
    "segment": "esgtext.segmentation",
    "Segment": "esgtext.segmentation",
    "translate_segments": "esgtext.translate",
    "process_document": "esgtext.pipeline",
    "translate_folder": "esgtext.pipeline",
    "Document": "esgtext.pipeline",
    "Translator": "esgtext.pipeline",
    "EsgtextError": "esgtext.errors",
}

__all__ = ["__version__", *_EXPORTS]


if not TYPE_CHECKING:  # hidden from type checkers, so that a misspelt name is an error for them

    def __getattr__(name: str) -> Any:
        module = _EXPORTS.get(name)
        if module is None:
            raise AttributeError(f"module 'esgtext' has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted(__all__)
