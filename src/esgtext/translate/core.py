"""``translate_segments``: the one verb of the translation package.

The steps, each visible in the result's ``flags``:

1. empty segments get an empty target without a model call; segments with no letters at all
   (``"2023"``, ``"• 12,5 %"``) are copied verbatim (``copied_verbatim``);
2. glossary terms become placeholders (``glossary``), a segment that is one term is not translated;
3. the cache answers what it knows (``cached=True``); identical segments are translated once;
4. the rest is tokenized, inputs longer than the model's limit are split at punctuation or spaces
   and rejoined (``split_long_input``), never truncated; batches are planned by token budget with
   the longest sentences first, and outputs go back in input order;
5. outputs that hit the length cap are flagged ``max_length_reached``; placeholders are restored;
   numbers, URLs, e-mails, names and repetition are checked (:mod:`esgtext.translate.checks`).
"""

from __future__ import annotations

import os

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Callable, Mapping, Sequence

from .batching import plan_batches, split_long_text
from .cache import TranslationCache
from .checks import check_translation
from .glossary import Glossary, Protected
from .registry import ModelSpec, resolve_model
from .settings import DEFAULT_BEAM_SIZE, DEFAULT_MAX_BATCH_TOKENS, TranslateSettings



@dataclass(frozen=True)
class Translation:
    """One translated segment and how it was made (enough to trace and regenerate it)."""

    source: str
    target: str
    flags: list[str] = field(default_factory=list)
    model_id: str = ""
    revision: str = ""
    engine: str = ""
    cached: bool = False

    def to_dict(self) -> dict:
        return asdict(self)


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def output_cap(n_source_tokens: int, limit: int) -> int:
    """Most target tokens for a source of ``n_source_tokens``: room for English being longer than
    Chinese or French, with a cap that stops runaway repetition (hitting it is flagged)."""
    return max(8, min(limit, 2 * n_source_tokens + 16))


def _as_spec(model: str | ModelSpec | None, pair: str, overrides: Mapping[str, str] | None) -> ModelSpec:
    if isinstance(model, ModelSpec):
        return model
    overrides = dict(overrides or {})
    if model:
        overrides[pair] = model.partition("=")[2] if model.startswith(f"{pair}=") else model
    return resolve_model(pair, overrides)


def translate_segments(
    texts: Sequence[str],
    src: str,
    tgt: str = "en",
    *,
    engine: str = "transformers",
    model: str | ModelSpec | None = None,
    overrides: Mapping[str, str] | None = None,
    device: str = "cpu",
    compute_type: str | None = None,
    beam_size: int = DEFAULT_BEAM_SIZE,
    max_batch_tokens: int = DEFAULT_MAX_BATCH_TOKENS,
    max_input_tokens: int | None = None,
    glossary: Glossary | str | os.PathLike | None = None,
    cache: TranslationCache | str | os.PathLike | None = None,
    progress: Callable[[int, int], None] | None = None,
    settings: TranslateSettings | None = None,
) -> list[Translation]:
    """Translate ``texts`` from ``src`` into ``tgt``; one :class:`Translation` per text, in order.

    Args:
        texts: segments (sentences or short paragraphs) in language ``src`` (``"fr"``, ``"zh"``).
        engine: ``"transformers"`` (default) or ``"ctranslate2"``.
        model: a :class:`ModelSpec` (from :func:`resolve_model`), a local folder or a Hub id;
            default: the registry's model for ``src-tgt``.
        overrides: ``{pair: PATH_OR_HUB_ID}`` as given by ``--model`` (used when ``model`` is None).
        device: ``"cpu"``, ``"cuda"`` or ``"cuda:N"``.
        compute_type: engine precision; default float32 (transformers, CPU), int8 (CTranslate2,
            CPU), float16 (CUDA).
        beam_size: beam search width (1 = greedy).
        max_batch_tokens: padded source tokens per batch.
        max_input_tokens: split inputs longer than this (default: the model's limit, 512).
        glossary: terms to keep or to translate in a fixed way (a :class:`Glossary` or a TSV path).
        cache: a :class:`TranslationCache` (or the path of one); hits cost no model call (and no
            model load).
        progress: called as ``progress(done, total)`` with segment counts after each batch.
        settings: a :class:`TranslateSettings` (engine, device, compute type, beam, batch budget
            and ``--model`` overrides in one object); when given, it replaces those arguments.

    Raises:
        ModelNotAvailable: the model is not local and cannot be downloaded (before any work).

    >>> [t.target for t in translate_segments(["", "Bonjour."], "fr")]   # doctest: +SKIP
    ['', 'Hello.']
    """
    if glossary is not None and not isinstance(glossary, Glossary):  # a path, as --glossary gives
        glossary = Glossary.from_file(glossary)
    if settings is None:  # None means "the default" (callers pass their CLI options through)
        settings = TranslateSettings.from_options(
            engine=engine, device=device, compute_type=compute_type, beam_size=beam_size or None,
            max_batch_tokens=max_batch_tokens or None, models=overrides)
    elif overrides is None:
        overrides = settings.overrides
    if cache is not None and not isinstance(cache, TranslationCache):  # a path: opened for this call
        with TranslationCache(cache) as opened:
            return _translate(list(texts), src, tgt, settings, model, overrides, max_input_tokens,
                              glossary, opened, progress)
    return _translate(list(texts), src, tgt, settings, model, overrides, max_input_tokens, glossary,
                      cache, progress)


def _translate(texts: list[str], src: str, tgt: str, settings: TranslateSettings,
               model: str | ModelSpec | None, overrides: Mapping[str, str] | None,
               max_input_tokens: int | None, glossary: Glossary | None,
               cache: TranslationCache | None,
               progress: Callable[[int, int], None] | None) -> list[Translation]:
    """:func:`translate_segments` once its arguments are objects."""
    engine, device, beam_size = settings.engine, settings.device, settings.beam_size
    compute_type, max_batch_tokens = settings.compute_type, settings.max_batch_tokens
    pair = f"{src}-{tgt}"
    spec = _as_spec(model, pair, overrides)
    engine_label = engine
    results: list[Translation | None] = [None] * len(texts)

    def done(i: int, target: str, flags: list[str], cached: bool = False) -> None:
        results[i] = Translation(texts[i], target, flags, spec.model_id, spec.revision, engine_label, cached)

    # 1-2: no model needed
    protected: dict[int, Protected] = {}
    for i, text in enumerate(texts):
        if not text or not text.strip():
            done(i, "", [])
        elif not _has_letters(text):
            done(i, text.strip(), ["copied_verbatim"])
        elif glossary is not None and (fixed := glossary.whole_term(text, src)) is not None:
            done(i, fixed, ["glossary"])
        else:
            protected[i] = glossary.protect(text, src) if glossary is not None else Protected(text)

    unique = list(dict.fromkeys(p.text.strip() for p in protected.values()))
    outputs: dict[str, tuple[str, list[str], bool]] = {}  # model input -> (raw target, flags, cached)
    total = len(texts)
    finished = total - len(protected)
    if progress:
        progress(finished, total)

    if unique:
        # 3: cache
        cache_key = settings.cache_key()
        if cache is not None:
            for source, (target, flags) in cache.get_many(spec.model_id, spec.revision, cache_key, unique).items():
                outputs[source] = (target, flags, True)
        missing = [s for s in unique if s not in outputs]
        if missing:
            from .engines import get_translator

            translator = get_translator(spec, engine, device, compute_type)
            spec = translator.spec  # a pulled model knows its resolved revision
            fresh = _translate_with(
                translator, missing, beam_size=beam_size, max_batch_tokens=max_batch_tokens,
                max_input_tokens=max_input_tokens,
                progress=(lambda n: progress(finished + n, total)) if progress else None,
                counts=Counter(p.text.strip() for p in protected.values()),
            )
            for source, (target, flags) in fresh.items():
                outputs[source] = (target, flags, False)
            if cache is not None:
                cache.put_many([(spec.model_id, spec.revision, cache_key, s, t, f) for s, (t, f) in fresh.items()])

    # 5: put back, check
    for i, prot in protected.items():
        raw, model_flags, cached = outputs[prot.text.strip()]
        target, glossary_flags = prot.restore(raw)
        checks = check_translation(texts[i], target, src, skip_names=prot.terms)
        done(i, target, [*model_flags, *glossary_flags, *checks], cached)
    if progress:
        progress(total, total)
    assert all(r is not None for r in results)
    return results  # type: ignore[return-value]


def _settings(engine: str, device: str, compute_type: str | None, beam_size: int) -> str:
    """The cache key of these settings (see :meth:`TranslateSettings.cache_key`)."""
    return TranslateSettings.from_options(engine=engine, device=device, compute_type=compute_type,
                                          beam_size=beam_size).cache_key()


def _translate_with(
    translator,
    sources: list[str],
    *,
    beam_size: int,
    max_batch_tokens: int,
    max_input_tokens: int | None,
    progress: Callable[[int], None] | None,
    counts: Mapping[str, int],
) -> dict[str, tuple[str, list[str]]]:
    """Run ``sources`` (unique, non-empty) through ``translator``; ``{source: (target, flags)}``."""
    limit = min(max_input_tokens or translator.max_input_tokens, translator.max_input_tokens)
    pieces: list[str] = []
    owner: list[int] = []  # pieces[k] belongs to sources[owner[k]]
    split: set[int] = set()
    for n, source in enumerate(sources):
        parts = split_long_text(source, translator.count_tokens, limit)
        if len(parts) > 1:
            split.add(n)
        pieces.extend(parts)
        owner.extend([n] * len(parts))
    encoded = translator.encode(pieces)
    targets: list[str | None] = [None] * len(pieces)
    capped: set[int] = set()
    pieces_left = [owner.count(n) for n in range(len(sources))]
    segments_done = 0
    for batch in plan_batches([len(ids) for ids in encoded], max_batch_tokens):
        ids = [encoded[k] for k in batch]
        cap = max(output_cap(len(x), translator.max_input_tokens) for x in ids)
        for k, generated in zip(batch, translator.translate_ids(ids, beam_size=beam_size, max_new_tokens=cap)):
            # The batch ran to its longest item's cap; hold each item to its own, so that an
            # output never depends on which sentences shared its batch.
            own_cap = output_cap(len(encoded[k]), translator.max_input_tokens)
            out_ids = generated.ids
            if generated.hit_max_length or len(out_ids) >= own_cap:
                out_ids = out_ids[:own_cap]
                capped.add(owner[k])
            targets[k] = translator.decode(out_ids)
            pieces_left[owner[k]] -= 1
            if pieces_left[owner[k]] == 0:
                segments_done += counts.get(sources[owner[k]], 1)
        if progress:
            progress(segments_done)
    result: dict[str, tuple[str, list[str]]] = {}
    joined: dict[int, list[str]] = {}
    for k, n in enumerate(owner):
        joined.setdefault(n, []).append(targets[k] or "")
    for n, source in enumerate(sources):
        flags = []
        if n in split:
            flags.append("split_long_input")
        if n in capped:
            flags.append("max_length_reached")
        result[source] = (" ".join(t for t in joined[n] if t), flags)
    return result
