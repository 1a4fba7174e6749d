"""Translation of French and Chinese segments into English with OPUS-MT (MarianMT).

Public API (importing it does not import torch, transformers or ctranslate2; they load on first
translation, once per process)::

    from esgtext.translate import (translate_segments, translate_mixed, Translation, resolve_model,
                                   ModelSpec, ModelNotAvailable, Glossary, TranslationCache,
                                   get_translator, pull_model, list_models)

* :func:`resolve_model` -- cheap, no torch: which model translates a pair, and whether it is local
  (raises :class:`ModelNotAvailable` with one line naming ``esgtext models pull`` otherwise).
* :func:`translate_segments` -- a list in, a list of :class:`Translation` out, same length and order.
* :func:`translate_mixed` -- an English sentence whose Chinese spans are translated in place.
* :class:`Glossary`, :class:`TranslationCache` -- do-not-translate/fixed terms; the SQLite cache.
* :func:`get_translator` -- the loaded engine (``"transformers"`` or ``"ctranslate2"``).
"""

from __future__ import annotations

from .cache import TranslationCache
from .core import DEFAULT_BEAM_SIZE, DEFAULT_MAX_BATCH_TOKENS, Translation, translate_segments
from .settings import TranslateSettings
from .engines import ENGINES, clear_engine_cache, get_translator
from .glossary import Glossary, GlossaryEntry
from .mixed import translate_mixed, translate_mixed_many
from .registry import (
    ModelNotAvailable,
    ModelSpec,
    list_models,
    load_registry,
    models_dir,
    parse_model_overrides,
    pull_model,
    resolve_model,
)

__all__ = [
    "DEFAULT_BEAM_SIZE",
    "DEFAULT_MAX_BATCH_TOKENS",
    "ENGINES",
    "Glossary",
    "GlossaryEntry",
    "ModelNotAvailable",
    "ModelSpec",
    "Translation",
    "TranslateSettings",
    "TranslationCache",
    "clear_engine_cache",
    "get_translator",
    "list_models",
    "load_registry",
    "models_dir",
    "parse_model_overrides",
    "pull_model",
    "resolve_model",
    "translate_mixed",
    "translate_mixed_many",
    "translate_segments",
]
