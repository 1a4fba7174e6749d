"""Paragraph and sentence segmentation with exact character offsets.

:func:`segment` returns :class:`Segment` objects such that ``text[s.start:s.end] == s.text``.
The splitting itself (paragraphs, pysbd plus fixes for French and English, Chinese rules) lives in
:mod:`esgtext.sentences`; this module adds what ``lang=None`` needs: each paragraph's language,
from :func:`esgtext.language.detect_language`.
"""

from __future__ import annotations

from esgtext.language import detect_language
from esgtext.sentences import ABBREVIATIONS, Segment, paragraph_spans, split_sentences

__all__ = ["ABBREVIATIONS", "Segment", "segment", "paragraph_spans"]


def segment(text: str, lang: str | None = None) -> list[Segment]:
    """Sentences of ``text`` with exact offsets and paragraph numbers.

    ``lang`` is an ISO 639-1 code (``fr``, ``en``, ``zh``, ...) used for the abbreviation rules
    of Latin-script paragraphs; ``None`` detects it per paragraph. Paragraphs written mostly in
    CJK characters use the Chinese rules whatever ``lang`` says, and the other way round.

    >>> [s.text for s in segment("M. Dupont a vendu 1 233 000 unités.Aujourd'hui, 67,7 %.", "fr")]
    ['M. Dupont a vendu 1 233 000 unités.', "Aujourd'hui, 67,7 %."]
    >>> [s.text for s in segment("他说：“好。”我们走吧！", "zh")]
    ['他说：“好。”', '我们走吧！']
    """
    return split_sentences(text, lang, paragraph_language=_paragraph_language)


def _paragraph_language(para: str) -> str:
    return detect_language(para[:2000]).lang
