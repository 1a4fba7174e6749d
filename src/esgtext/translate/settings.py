"""Every translation setting in one frozen object, its defaults resolved once.

:class:`TranslateSettings` is what ``--engine``, ``--device``, ``--beam-size``, ``--batch-tokens``,
``--model``, ``--glossary`` and ``--cache`` become. It gives the three descriptions of the
settings that used to be written in three places (in the spirit of sacrebleu's ``Signature``):

* :meth:`~TranslateSettings.signature` -- the recipe in every record
  (``esgtext:0.1.0|repair:…|engine:transformers|model:…|rev:…|beam:4|glossary:none``);
* :meth:`~TranslateSettings.cache_key` -- what, with the model and its revision, keys the
  translation cache (``transformers:float32:beam4``);
* :meth:`~TranslateSettings.settings_hash` -- what decides whether a resumed run may skip a
  document (``OUT/.esgtext/manifest.jsonl``).

    >>> s = TranslateSettings.from_options(engine="ctranslate2")
    >>> s.beam_size, s.compute_type, s.cache_key()
    (4, 'int8', 'ctranslate2:int8:beam4')
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Sequence

from esgtext._version import __version__
from esgtext.errors import UsageError
from esgtext.records import make_signature
from esgtext.translate.engine import ENGINE_CLASSES, default_compute_type

DEFAULT_ENGINE = "transformers"
DEFAULT_DEVICE = "cpu"
DEFAULT_BEAM_SIZE = 4
DEFAULT_MAX_BATCH_TOKENS = 4096


@lru_cache(maxsize=8)
def repair_settings(config: Any = None) -> str:
    """The repair configuration (``config``, default ``DEFAULT_CONFIG``) as it appears after
    ``repair:`` in record signatures.

    >>> repair_settings().split(",")[:4]
    ['mojibake=yes', 'compose=yes', 'qmark=yes', 'french=auto@0.5']
    """
    from esgtext.repair import DEFAULT_CONFIG

    return (config or DEFAULT_CONFIG).signature().replace("|", ",").replace(":", "=")


@dataclass(frozen=True)
class TranslateSettings:
    """The settings of a translation run; build it with :meth:`from_options` (None = default)."""

    engine: str = DEFAULT_ENGINE
    device: str = DEFAULT_DEVICE
    compute_type: str = "float32"
    beam_size: int = DEFAULT_BEAM_SIZE
    max_batch_tokens: int = DEFAULT_MAX_BATCH_TOKENS
    models: tuple[tuple[str, str], ...] = ()  # --model overrides, sorted (pair, PATH_OR_HUB_ID)
    glossary: Path | None = None
    glossary_hash: str | None = None  # SHA-256 (12 hex) of the glossary file's bytes
    cache: Path | None = None
    repair: Any = None  # the RepairConfig the documents are repaired with (None: the default)

    @classmethod
    def from_options(
        cls,
        *,
        engine: str | None = None,
        device: str | None = None,
        compute_type: str | None = None,
        beam_size: int | None = None,
        max_batch_tokens: int | None = None,
        models: Mapping[str, str] | None = None,
        glossary: str | os.PathLike | None = None,
        cache: str | os.PathLike | None = None,
        repair: Any = None,
    ) -> "TranslateSettings":
        """Resolve every default once and validate (:class:`~esgtext.errors.UsageError`)."""
        engine = engine or DEFAULT_ENGINE
        device = device or DEFAULT_DEVICE
        if engine not in ENGINE_CLASSES:
            raise UsageError(f"--engine {engine}: unknown engine; choose one of {', '.join(ENGINE_CLASSES)}")
        beam_size = DEFAULT_BEAM_SIZE if beam_size is None else beam_size
        max_batch_tokens = DEFAULT_MAX_BATCH_TOKENS if max_batch_tokens is None else max_batch_tokens
        if beam_size < 1 or max_batch_tokens < 1:
            raise UsageError("beam_size and max_batch_tokens must be positive")
        glossary_path = Path(glossary) if glossary else None
        glossary_hash = None
        if glossary_path is not None:
            try:
                glossary_hash = hashlib.sha256(glossary_path.read_bytes()).hexdigest()[:12]
            except OSError as exc:
                raise UsageError(f"{glossary_path}: {exc.strerror or exc}") from None
        return cls(engine, device, compute_type or default_compute_type(engine, device), beam_size,
                   max_batch_tokens, tuple(sorted((models or {}).items())), glossary_path,
                   glossary_hash, Path(cache) if cache else None, repair)

    @property
    def overrides(self) -> dict[str, str]:
        return dict(self.models)

    def cache_key(self) -> str:
        """Engine, precision and beam: with the model id, revision and source, a cache entry."""
        return f"{self.engine}:{self.compute_type}:beam{self.beam_size}"

    def signature(self, translation: Any = None) -> str:
        """The record signature: untranslated records name no model; translated ones name the
        engine, model id and revision that produced them."""
        if translation is None:
            return make_signature(repair=repair_settings(self.repair))
        return make_signature(repair=repair_settings(self.repair), engine=translation.engine,
                              model=translation.model_id, revision=translation.revision,
                              beam_size=self.beam_size, glossary=self.glossary_hash)

    def content(self, specs: Mapping[str, Any]) -> dict[str, Any]:
        """What decides the records' content (speed knobs such as device are left out).

        The default beam is written ``None``, as the manifests of earlier runs have it.
        """
        return {
            "engine": self.engine,
            "models": {
                pair: [spec.model_id, spec.revision, str(spec.local_path or "")]
                for pair, spec in sorted(specs.items())
            },
            "beam_size": None if self.beam_size == DEFAULT_BEAM_SIZE else self.beam_size,
            "glossary": self.glossary_hash,
        }

    def settings_hash(self, specs: Mapping[str, Any], formats: Sequence[str]) -> str:
        """The hash a resumed run compares (manifest ``settings``): esgtext version, repair
        settings, output formats and :meth:`content`."""
        payload = {
            "esgtext": __version__,
            "repair": repair_settings(self.repair),
            "formats": sorted(formats),
            **self.content(specs),
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]


__all__ = ["DEFAULT_BEAM_SIZE", "DEFAULT_MAX_BATCH_TOKENS", "TranslateSettings", "default_compute_type",
           "repair_settings"]
