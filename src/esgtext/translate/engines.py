"""Translation engines by name, and the per-process engine cache.

Two engines share the tokenizer, the batching plan and the interface of
:class:`~esgtext.translate.engine.Engine`:

* ``transformers`` (default): ``MarianMTModel.generate`` on CPU (float32) or CUDA (float16).
* ``ctranslate2``: the same checkpoint converted once by CTranslate2's converter into
  esgtext's model cache (``<models dir>/ct2/``; int8 on CPU, float16 on CUDA) and run by ``ctranslate2.Translator``.

They are found by name in :data:`ENGINE_CLASSES` (``name -> "module:Class"``, imported on first
use; :func:`register_engine` adds one), the way sacrebleu finds its tokenizers: this module never
imports an engine module, and they import only :mod:`esgtext.translate.engine`.
:func:`get_translator` loads each (engine, model, device, compute type) once per process.
"""

from __future__ import annotations

import importlib
import importlib.util
import threading
from pathlib import Path

from esgtext.errors import MissingExtra

from .engine import (
    ENGINE_CLASSES,
    ENGINE_EXTRAS,
    Engine,
    Generated,
    default_compute_type,
    default_threads,
    load_tokenizer,
)
from .registry import ModelSpec, pull_model

ENGINES = tuple(ENGINE_CLASSES)
def register_engine(name: str, target: str, extra: str | None = None, modules: tuple[str, ...] = ()) -> None:
    """Make ``target`` (``"package.module:Class"``, an :class:`Engine` subclass) the engine
    called ``name``; it is imported when first used. ``modules`` are what it needs installed
    (``extra``: the pip extra that installs them, named when one is missing)."""
    global ENGINES
    ENGINE_CLASSES[name] = target
    ENGINE_EXTRAS[name] = (extra or name, tuple(modules))
    ENGINES = tuple(ENGINE_CLASSES)


def _module_available(name: str) -> bool:
    return importlib.util.find_spec(name) is not None  # looks for it, imports nothing


def check_engine_installed(name: str) -> None:
    """Raise :class:`~esgtext.errors.MissingExtra` (one line naming the extra, exit code 3) when
    what engine ``name`` imports is not installed: the core install has no torch."""
    extra, modules = ENGINE_EXTRAS.get(name, (name, ()))
    missing = [m for m in modules if not _module_available(m)]
    if missing:
        raise MissingExtra(
            f"--engine {name} needs the '{extra}' extra ({', '.join(missing)} not installed): "
            f"pip install 'esgtext[{extra}]'"
        )


def engine_class(name: str) -> type[Engine]:
    """The :class:`Engine` subclass called ``name`` (imported now)."""
    try:
        module_name, _, attr = ENGINE_CLASSES[name].partition(":")
    except KeyError:
        raise ValueError(f"unknown engine {name!r}; choose one of {', '.join(ENGINE_CLASSES)}") from None
    return getattr(importlib.import_module(module_name), attr)


_ENGINES: dict[tuple, Engine] = {}
_ENGINES_LOCK = threading.Lock()


def get_translator(
    model: ModelSpec, engine: str = "transformers", device: str = "cpu", compute_type: str | None = None
) -> Engine:
    """The loaded engine for ``model`` (downloaded first if the spec has no local path).

    One instance per (engine, model folder, device, compute type) per process.
    """
    check_engine_installed(engine)
    cls = engine_class(engine)  # ValueError for an unknown name
    compute_type = compute_type or default_compute_type(engine, device)  # one instance per real type
    if model.local_path is None:
        model = pull_model(model.pair, {model.pair: f"{model.model_id}@{model.requested_revision or model.revision}"})
    key = (engine, str(Path(model.local_path).resolve()), model.revision, device, compute_type)
    with _ENGINES_LOCK:
        instance = _ENGINES.get(key)
        if instance is None:
            instance = cls(model, device=device, compute_type=compute_type)
            _ENGINES[key] = instance
        return instance


def clear_engine_cache() -> None:
    """Forget the loaded engines (tests; frees memory once no one holds them)."""
    with _ENGINES_LOCK:
        _ENGINES.clear()


__all__ = ["ENGINES", "ENGINE_CLASSES", "ENGINE_EXTRAS", "Engine", "check_engine_installed", "Generated", "clear_engine_cache", "default_threads",
           "engine_class", "get_translator", "load_tokenizer", "register_engine"]
