"""esgtext: repair, language-tag and translate multilingual press releases.

The public API is re-exported here and imported lazily, so that ``import esgtext`` is cheap and
never imports torch or transformers (heavy things load on first use).

    >>> import esgtext
    >>> esgtext.repair_text("la mdaille").text      # doctest: +SKIP
    'la médaille'
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

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
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'esgtext' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
