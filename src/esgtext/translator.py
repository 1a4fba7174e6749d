"""The translation session of a run: :class:`Translator` resolves the models once, before any
work, and loads each one once per process; it also writes the records' signatures."""

from __future__ import annotations

import dataclasses
from typing import Any, Iterable, Mapping, Sequence

from esgtext.errors import UsageError
from esgtext.translate.settings import TranslateSettings, repair_settings

TARGET_LANG = "en"


class Translator:
    """The models of a run, resolved once before any work, and loaded once per process.

    ``models`` are ``--model`` overrides ``{"fr-en": "PATH_OR_HUB_ID"}``. When a pair's model is
    missing, construction raises :class:`~esgtext.translate.registry.ModelNotAvailable` unless
    ``allow_untranslated`` is set; then that pair's segments become ``untranslated`` records and
    :attr:`missing` says why. Nothing touches the network unless ``download`` is set: then a
    model missing from the cache is looked up on the Hub and downloaded on first use.
    """

    def __init__(
        self,
        *,
        engine: str = "transformers",
        models: Mapping[str, str] | None = None,
        device: str | None = None,
        beam_size: int | None = None,
        max_batch_tokens: int | None = None,
        glossary: Any = None,  # a path, or a Glossary
        cache: Any = None,  # a path, or a TranslationCache
        allow_untranslated: bool = False,
        pairs: Iterable[str] | None = None,
        download: bool = False,
        settings: TranslateSettings | None = None,
        repair_config: Any = None,
    ):
        from esgtext.translate.registry import (
            ModelNotAvailable,
            load_registry,
            not_downloaded_message,
            resolve_model,
        )

        from esgtext.translate.cache import TranslationCache
        from esgtext.translate.glossary import Glossary

        # objects or paths, as translate_segments takes them
        glossary_obj = glossary if isinstance(glossary, Glossary) else None
        cache_obj = cache if isinstance(cache, TranslationCache) else None
        if settings is None:  # every default resolved once, in one frozen object
            settings = TranslateSettings.from_options(
                engine=engine, device=device, beam_size=beam_size, max_batch_tokens=max_batch_tokens,
                models=models, glossary=None if glossary_obj is not None else glossary,
                cache=None if cache_obj is not None else cache, repair=repair_config)
        if glossary_obj is not None:
            settings = dataclasses.replace(settings, glossary=None, glossary_hash=glossary_obj.content_hash())
        self.config = settings
        self.engine = settings.engine
        self.models = settings.overrides
        self.device = settings.device
        self.beam_size = settings.beam_size
        self.max_batch_tokens = settings.max_batch_tokens
        self.allow_untranslated = allow_untranslated
        self.download = download
        self.glossary_path = settings.glossary
        self.glossary_hash = settings.glossary_hash
        self.cache_path = settings.cache
        engine, device = settings.engine, settings.device
        self._glossary = glossary_obj
        if self.glossary_path is not None:  # a bad glossary is a usage error, before any work
            from esgtext.translate.glossary import Glossary

            try:
                self._glossary = Glossary.from_file(self.glossary_path)
            except ValueError as exc:
                raise UsageError(str(exc)) from None
        explicit = pairs is not None
        if pairs is None:
            registry = load_registry()
            unknown = sorted(p for p in self.models if p not in registry)
            if unknown:  # `--model de-en=...` would be silently ignored: no segment is ever de-en
                raise UsageError(f"--model {unknown[0]}=...: no such pair; esgtext translates "
                                 f"{', '.join(sorted(registry))}")
            pairs = [p for p in registry if p.endswith(f"-{TARGET_LANG}")]
        self.specs: dict[str, Any] = {}
        self.missing: dict[str, str] = {}
        #: pairs whose model is missing and that no input has needed yet: a segment that needs
        #: one raises ModelNotAvailable then (only the pairs the inputs need are required)
        self.deferred: dict[str, str] = {}
        for pair in sorted(set(pairs)):
            try:
                spec = resolve_model(pair, self.models, check_hub=download)
                if spec.local_path is None and not download:  # no network unless asked
                    raise ModelNotAvailable(not_downloaded_message(spec))
                self.specs[pair] = spec
            except ModelNotAvailable as exc:
                if not allow_untranslated and (explicit or pair in self.models):
                    raise
                (self.missing if allow_untranslated else self.deferred)[pair] = str(exc)
        if self.deferred and not self.specs:  # no model at all: stop before any work
            raise ModelNotAvailable(self.deferred[min(self.deferred)])
        if self.specs:  # a model will be used: the engine must be installed (core install: no torch)
            from esgtext.translate.engines import check_engine_installed

            check_engine_installed(engine)
            _check_device(device, engine)
        self._cache = cache_obj
        self._own_cache = cache_obj is None  # a cache object given by the caller stays open

    def require(self, src: str) -> None:
        """Raise ModelNotAvailable when a segment in ``src`` needs a model that is missing (and
        ``allow_untranslated`` was not set)."""
        message = self.deferred.get(f"{src}-{TARGET_LANG}")
        if message is not None:
            from esgtext.translate.registry import ModelNotAvailable

            raise ModelNotAvailable(message)

    @classmethod
    def untranslated(cls) -> "Translator":
        """A translator without models: every French/Chinese segment is ``untranslated``."""
        return cls(allow_untranslated=True, pairs=())

    def spec(self, src: str):
        return self.specs.get(f"{src}-{TARGET_LANG}")

    def settings(self) -> dict[str, Any]:
        """What decides the records' content (see :meth:`TranslateSettings.content`)."""
        return self.config.content(self.specs)

    def settings_hash(self, formats: Sequence[str]) -> str:
        """The manifest's settings hash of a run writing ``formats`` with these models."""
        return self.config.settings_hash(self.specs, formats)

    def signature(self, translation: Any = None) -> str:
        """The record signature (see :meth:`TranslateSettings.signature`)."""
        return self.config.signature(translation)

    def _common_kwargs(self) -> dict[str, Any]:
        from esgtext import translate as tr

        if self._cache is None and self.cache_path is not None:
            self._cache = tr.TranslationCache(self.cache_path)
        kwargs: dict[str, Any] = {
            "engine": self.engine,
            "device": self.device,
            "beam_size": self.beam_size,
            "max_batch_tokens": self.max_batch_tokens,
            "glossary": self._glossary,
            "cache": self._cache,
            "progress": False,
        }
        return {k: v for k, v in kwargs.items() if v is not None}

    def translate(self, texts: list[str], src: str) -> list[Any]:
        from esgtext.translate import translate_segments

        return translate_segments(texts, src, TARGET_LANG, model=self.spec(src),
                                  **self._common_kwargs())

    def translate_mixed(self, items: Sequence[tuple[str, Sequence[tuple[int, int, str]]]]) -> list[Any]:
        """Sentences with Chinese spans inside another language, all spans in one model call."""
        from esgtext.language import Span
        from esgtext.translate import translate_mixed_many

        span_items = [(text, [Span(s, e, lang, text[s:e]) for s, e, lang in spans]) for text, spans in items]
        return translate_mixed_many(span_items, model=self.spec("zh"), **self._common_kwargs())

    def close(self) -> None:
        if self._own_cache and self._cache is not None and hasattr(self._cache, "close"):
            self._cache.close()
            self._cache = None


def _check_device(device: str | None, engine: str) -> None:
    """``--device cuda`` where no CUDA device can be used is a usage error, before any work."""
    if not device or not device.startswith("cuda"):
        return
    if engine == "ctranslate2":
        import ctranslate2

        available = ctranslate2.get_cuda_device_count() > 0
    else:
        import torch

        available = torch.cuda.is_available()
    if not available:
        raise UsageError(f"--device {device}: no CUDA device can be used here ({engine}); use --device cpu")


__all__ = ["TARGET_LANG", "TranslateSettings", "Translator", "repair_settings"]
