"""Mixed sentences: Chinese spans inside English text, translated on their own and put back.

The spans come from :func:`esgtext.language.language_spans` (objects with ``start``, ``end`` and
``lang``; ``(start, end, lang)`` tuples work too). Only spans in the source language are sent to
the model; every character outside them is kept exactly. Around a translated span a space is
added only where the translation would otherwise glue two words together, and a final period
the model added to a span that had none is dropped (the sentence goes on after it).

    >>> translate_mixed("The 碳中和 target is 2030.", [(4, 7, "zh")], src="zh").target  # doctest: +SKIP
    'The carbon neutrality target is 2030.'
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence

from .core import Translation, translate_segments

_SENTENCE_END = ".。!！?？"


def _span_fields(span: Any) -> tuple[int, int, str]:
    if isinstance(span, (tuple, list)):
        start, end, lang = span[:3]
    else:
        start, end, lang = span.start, span.end, span.lang
    return int(start), int(end), str(lang)


def _selected(text: str, spans: Iterable[Any], src: str) -> list[tuple[int, int]]:
    chosen = []
    for span in spans:
        start, end, lang = _span_fields(span)
        if not lang.lower().startswith(src.lower()):
            continue
        if not 0 <= start < end <= len(text):
            raise ValueError(f"span ({start}, {end}) is outside the text (length {len(text)})")
        # keep the span's own leading/trailing spaces outside it: they belong to the English
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            chosen.append((start, end))
    chosen.sort()
    for (s1, e1), (s2, _e2) in zip(chosen, chosen[1:]):
        if s2 < e1:
            raise ValueError(f"spans ({s1}, {e1}) and ({s2}, ...) overlap")
    return chosen


def _fit(translation: str, source_span: str, before: str, after: str) -> str:
    out = translation.strip()
    if out.endswith(".") and not source_span.rstrip().endswith(tuple(_SENTENCE_END)) and after.strip():
        out = out[:-1].rstrip()
    if out and before and before[-1].isalnum() and out[0].isalnum():
        out = " " + out
    if out and after and after[0].isalnum() and out[-1].isalnum():
        out = out + " "
    return out


def translate_mixed_many(
    items: Sequence[tuple[str, Iterable[Any]]], *, src: str = "zh", tgt: str = "en", **options: Any
) -> list[Translation]:
    """:func:`translate_mixed` for many sentences, with all their spans translated in one call."""
    selections = [(text, _selected(text, spans, src)) for text, spans in items]
    span_texts = [text[s:e] for text, chosen in selections for s, e in chosen]
    translated = translate_segments(span_texts, src, tgt, **options) if span_texts else []
    results: list[Translation] = []
    k = 0
    for text, chosen in selections:
        parts: list[str] = []
        flags: list[str] = []
        last = 0
        model_id = revision = engine = ""
        cached = bool(chosen)
        for start, end in chosen:
            t = translated[k]
            k += 1
            parts.append(text[last:start])
            parts.append(_fit(t.target, text[start:end], text[:start], text[end:]))
            flags.extend(f for f in t.flags if f not in flags)
            model_id, revision, engine = t.model_id, t.revision, t.engine
            cached = cached and t.cached
            last = end
        parts.append(text[last:])
        if chosen:
            flags.insert(0, "mixed")
        results.append(Translation(text, "".join(parts), flags, model_id, revision, engine, cached))
    return results


def translate_mixed(text: str, spans: Iterable[Any], *, src: str = "zh", tgt: str = "en", **options: Any) -> Translation:
    """``text`` (English) with its ``src`` spans translated and put back in place.

    Takes the keyword options of :func:`translate_segments` (engine, model, glossary, cache...).
    The result's ``source`` is ``text``; its ``flags`` start with ``"mixed"`` and include the
    flags of each span's translation. A text without ``src`` spans comes back unchanged, with
    no model call.
    """
    return translate_mixed_many([(text, spans)], src=src, tgt=tgt, **options)[0]
