"""One document: repair → language → segments → translation → records.

How a document becomes records:

1. bytes are decoded (:func:`esgtext.repair.decode.decode_bytes`; binary input raises
   :class:`~esgtext.repair.decode.UndecodableInput`); HTML goes through article extraction
   (:func:`esgtext.html.extract_article`) so navigation and footers never become content;
2. the text is repaired (:func:`esgtext.repair.repair_text`); ``source_raw`` of each record is the
   same segment *before* repair, found by mapping the segment's offsets back through the repair
   edits (which are relative to the decoded text, and must rebuild the repaired text exactly);
3. the repaired text is cut into segments (:func:`esgtext.segmentation.segment`) and each segment gets
   a language from :func:`esgtext.language.language_spans` (the language with most letters, a Han
   character weighing as three letters); a Chinese span inside a Latin-script segment makes it
   *mixed*;
4. web chrome (:func:`esgtext.boilerplate.find_boilerplate`) → ``boilerplate``; English (and text
   without letters) → ``kept``; French, Chinese and mixed → ``translated`` by the model of the pair,
   or ``untranslated`` when that model is missing and ``allow_untranslated`` is set.

:func:`prepare_text` / :func:`prepare_bytes` do steps 1-4 without a model (plain data that crosses
process boundaries: :class:`Prepared`); :func:`translate_documents` and :func:`build_records`
finish them; :func:`process_document` does it all for one text.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping, Sequence

from esgtext.records import Record, render_outputs
from esgtext.repair.edits import OffsetMap
from esgtext.translator import TARGET_LANG, Translator

SEGMENT_OVERRIDE_CONFIDENCE = 0.95
_HAN_WEIGHT = 3  # one Han character carries about as much as three Latin letters
_CJK_LANGS = ("zh", "ja", "ko")
_STATUS_KEYS = ("translated", "kept", "boilerplate", "untranslated")


@dataclass(frozen=True, slots=True)
class PreparedSegment:
    """One segment after the CPU work (repair, language, boilerplate), before translation."""

    seg: int
    paragraph: int
    start: int
    end: int
    text: str
    raw_text: str | None
    raw_start: int | None
    raw_end: int | None
    lang: str
    confidence: float
    mixed: bool
    spans: tuple[tuple[int, int, str], ...]  # language spans, offsets relative to ``text``
    boilerplate: str | None
    edits: tuple[dict, ...]


@dataclass(frozen=True, slots=True)
class Prepared:
    """A document ready for translation (plain data: it crosses process boundaries)."""

    doc: str
    text: str
    raw_text: str
    encoding: str | None
    lang: str
    lang_confidence: float
    extraction: str | None
    warnings: tuple[str, ...]
    segments: tuple[PreparedSegment, ...]


class _Counts(dict):
    """Records per status; also callable, for callers of the former ``Document.counts()``."""

    def __call__(self) -> "_Counts":
        return self


@dataclass
class Document:
    """The result of :func:`process_document`: its :class:`Prepared` form and its records.

    ``doc``, ``text`` (repaired), ``raw_text`` (decoded, before repair), ``encoding``, ``lang``,
    ``lang_confidence``, ``warnings`` and ``extraction`` are those of :attr:`prepared`.
    """

    prepared: Prepared
    records: list[Record]

    doc = property(lambda self: self.prepared.doc)
    text = property(lambda self: self.prepared.text)
    raw_text = property(lambda self: self.prepared.raw_text)
    encoding = property(lambda self: self.prepared.encoding)
    lang = property(lambda self: self.prepared.lang)
    lang_confidence = property(lambda self: self.prepared.lang_confidence)
    warnings = property(lambda self: self.prepared.warnings)
    extraction = property(lambda self: self.prepared.extraction)

    @property
    def counts(self) -> dict[str, int]:
        """Records per status, e.g. ``{"segments": 12, "translated": 8, "kept": 3, ...}``."""
        c = Counter(r.status for r in self.records)
        return _Counts({"segments": len(self.records), **{s: c.get(s, 0) for s in _STATUS_KEYS}})

    def outputs(self, rel: str, formats: Iterable[str] = ("jsonl",)) -> dict[str, bytes]:
        """The output files of this document: ``{path relative to OUT: bytes}``."""
        return render_outputs(rel, self.records, formats)


_OffsetMap = OffsetMap  # (the name pipeline.py re-exports)


def _repair(raw: str, config: Any = None) -> tuple[str, list[Any], _OffsetMap]:
    """The repaired text, its edits, and the map back to ``raw``.

    Invariant: the edits rebuild the repaired text from ``raw`` exactly; every record's
    ``source_raw``, ``raw_start``/``raw_end`` and ``edits`` rest on it. A violation is a bug in a
    repair step and raises :class:`~esgtext.repair.edits.EditsMismatch` (the document fails
    loudly, as an internal error) instead of records that silently lose their provenance.
    """
    from esgtext.repair import repair_text
    from esgtext.repair.edits import check_edits

    result = repair_text(raw, config=config) if config is not None else repair_text(raw)
    edits = list(result.edits)
    check_edits(raw, edits, result.text)
    return result.text, edits, _OffsetMap(edits)


def _segment_language(
    text: str, start: int, end: int, spans: list[Any], span_starts: list[int]
) -> tuple[str, bool, tuple[tuple[int, int, str], ...]]:
    """(language, mixed, spans relative to the segment) from the document's language spans."""
    weights: Counter[str] = Counter()
    local: list[tuple[int, int, str]] = []
    i = max(0, bisect.bisect_right(span_starts, start) - 1)
    while i < len(spans) and spans[i].start < end:
        sp = spans[i]
        s, e = max(sp.start, start), min(sp.end, end)
        if s < e:
            local.append((s - start, e - start, sp.lang))
            letters = sum(1 for ch in text[s:e] if ch.isalpha())
            if sp.lang != "und" and letters:
                weights[sp.lang] += letters * (_HAN_WEIGHT if sp.lang in _CJK_LANGS else 1)
        i += 1
    if not weights:
        return "und", False, tuple(local)
    main = max(sorted(weights), key=lambda k: weights[k])
    # Chinese next to a Latin-script language in one segment ("Source:中国机电产品进出口商会"):
    # translate_mixed translates the Chinese spans in place and keeps the rest.
    mixed = "zh" in weights and any(k not in _CJK_LANGS for k in weights)
    return ("zh" if mixed else main), mixed, tuple(local)


def prepare_text(raw: str, doc: str = "-", *, encoding: str | None = None,
                 extraction: str | None = None, warnings: Sequence[str] = (),
                 repair: Any = None) -> Prepared:
    """Repair (with the ``RepairConfig`` ``repair``, default ``DEFAULT_CONFIG``), language and
    segments of one decoded text (no translation, no model)."""
    from esgtext.boilerplate import find_boilerplate
    from esgtext.language import detect_language, language_spans
    from esgtext.segmentation import segment

    text, edits, offsets = _repair(raw, repair)
    if not text.strip():
        return Prepared(doc, text, raw, encoding, "und", 0.0, extraction, tuple(warnings), ())
    guess = detect_language(text)
    spans = language_spans(text)
    span_starts = [s.start for s in spans]
    segs = segment(text)
    reasons = find_boilerplate([s.text for s in segs])
    prepared: list[PreparedSegment] = []
    for index, (s, reason) in enumerate(zip(segs, reasons)):
        lang, mixed, local = _segment_language(text, s.start, s.end, spans, span_starts)
        if lang == "und":
            confidence = 0.0
        else:
            seg_guess = detect_language(s.text)
            if seg_guess.lang == lang:
                confidence = seg_guess.confidence
            elif mixed:  # the Chinese part is identified by its script
                confidence = 1.0
            elif seg_guess.lang != "und" and seg_guess.confidence >= SEGMENT_OVERRIDE_CONFIDENCE:
                # language_spans gives short sentences the document's language; a sentence that
                # is clearly another language on its own ("The company grew.") keeps its own
                lang, confidence = seg_guess.lang, seg_guess.confidence
            else:
                confidence = round(max(0.0, 1.0 - seg_guess.confidence), 4)
        raw_start, raw_end = offsets.start(s.start), offsets.end(s.end)
        raw_text = raw[raw_start:raw_end]
        seg_edits = tuple(e.to_dict() for e in offsets.touching(raw_start, raw_end))
        prepared.append(
            PreparedSegment(index, s.paragraph, s.start, s.end, s.text, raw_text, raw_start,
                            raw_end, lang, confidence, mixed, local, reason, seg_edits)
        )
    return Prepared(doc, text, raw, encoding, guess.lang, guess.confidence, extraction,
                    tuple(warnings), tuple(prepared))


def prepare_bytes(data: bytes, doc: str = "-", *, html: bool | None = None, repair: Any = None) -> Prepared:
    """Decode (refusing binary input with ``UndecodableInput``), extract HTML, then
    :func:`prepare_text`. ``html=None`` decides from the document name or the content.
    A ``.pdf``/``.docx`` name (or, for ``doc == "-"``, PDF or Word bytes) is read through
    :func:`esgtext.documents.extract_document` (``InputError`` ``no-text-layer`` for a scan)."""
    from esgtext.documents import extract_document, is_document, sniff_document
    from esgtext.html import HTML_SUFFIXES, extract_article, looks_like_html
    from esgtext.repair.decode import decode_bytes

    kind = doc if is_document(doc) else (sniff_document(data) if doc == "-" and not html else None)
    if kind is not None:
        extracted_document = extract_document(data, kind)
        return prepare_text(extracted_document.text, doc, extraction=extracted_document.method,
                            warnings=extracted_document.warnings, repair=repair)
    decoded = decode_bytes(data)
    text = decoded.text
    if html is None:
        html = doc.lower().endswith(HTML_SUFFIXES) or (doc == "-" and looks_like_html(text))
    extraction = None
    if html:
        extracted = extract_article(text)
        text, extraction = extracted.text, extracted.method
    return prepare_text(text, doc, encoding=decoded.encoding, extraction=extraction,
                        warnings=decoded.warnings, repair=repair)


def _needs_model(s: PreparedSegment, translator: Translator) -> bool:
    """Content in a language other than English that a resolved model translates."""
    return not s.boilerplate and s.lang not in (TARGET_LANG, "und") and translator.spec(s.lang) is not None


#: Segments per call to the model inside :func:`translate_documents` (the engine batches each call
#: by length into batches of ``max_batch_tokens``, 4,096 by default: 256 segments fill several);
#: between calls the progress bar moves, so a large file is seen to advance.
TRANSLATE_CHUNK = 256


def translate_documents(docs: Sequence[Prepared], translator: Translator,
                        progress: Callable[[int, int], None] | None = None) -> list[dict[int, Any]]:
    """The translations each document needs, ``{segment index: Translation}`` per document.

    All plain segments of one source language, across every document, go to the model together
    (:data:`TRANSLATE_CHUNK` at a time; the engine batches them by length), and all mixed
    segments after them: with many small files this keeps batches full. ``progress(done,
    total)`` is called after each call to the model.
    """
    plain: dict[str, list[tuple[int, int]]] = {}
    mixed: list[tuple[int, int]] = []
    for d, prepared in enumerate(docs):
        for i, s in enumerate(prepared.segments):
            if not _needs_model(s, translator):
                continue
            if s.mixed:
                mixed.append((d, i))
            else:
                plain.setdefault(s.lang, []).append((d, i))
    done: list[dict[int, Any]] = [{} for _ in docs]
    total = sum(map(len, plain.values())) + len(mixed)
    finished = 0
    for lang, keys in sorted(plain.items()):
        for c in range(0, len(keys), TRANSLATE_CHUNK):
            chunk = keys[c:c + TRANSLATE_CHUNK]
            results = translator.translate([docs[d].segments[i].text for d, i in chunk], lang)
            for (d, i), result in zip(chunk, results):
                done[d][i] = result
            finished += len(chunk)
            if progress is not None:
                progress(finished, total)
    for c in range(0, len(mixed), TRANSLATE_CHUNK):
        chunk = mixed[c:c + TRANSLATE_CHUNK]
        items = [(docs[d].segments[i].text, docs[d].segments[i].spans) for d, i in chunk]
        for (d, i), result in zip(chunk, translator.translate_mixed(items)):
            done[d][i] = result
        finished += len(chunk)
        if progress is not None:
            progress(finished, total)
    return done


def build_records(prepared: Prepared, translator: Translator,
                  translations: Mapping[int, Any] | None = None) -> list[Record]:
    """The records of a document; translates what needs it unless ``translations`` (from
    :func:`translate_documents`) are given."""
    done = translate_documents([prepared], translator)[0] if translations is None else translations
    records = []
    for i, s in enumerate(prepared.segments):
        flags: list[str] = ["mixed"] if s.mixed else []
        common = dict(doc=prepared.doc, seg=s.seg, paragraph=s.paragraph, start=s.start,
                      end=s.end, src_lang=s.lang, lang_confidence=s.confidence, source=s.text,
                      source_raw=s.raw_text, raw_start=s.raw_start, raw_end=s.raw_end,
                      edits=s.edits)
        if s.boilerplate:
            records.append(Record(status="boilerplate", target=None,
                                  flags=(f"boilerplate:{s.boilerplate}", *flags),
                                  signature=translator.signature(None), **common))
        elif s.lang in (TARGET_LANG, "und"):
            records.append(Record(status="kept", target=s.text, flags=tuple(flags),
                                  signature=translator.signature(None), **common))
        elif i in done:
            t = done[i]
            records.append(Record(
                status="translated", target=t.target,
                flags=tuple(flags + [f for f in (t.flags or ()) if f not in flags]),
                engine=t.engine, model=t.model_id, revision=t.revision,
                signature=translator.signature(t), **common))
        else:
            translator.require(s.lang)  # a missing model this document needs stops the run (exit 3)
            flags.append(f"model-missing:{s.lang}-{TARGET_LANG}")
            records.append(Record(status="untranslated", target=None, flags=tuple(flags),
                                  signature=translator.signature(None), **common))
    return records


def process_document(
    text: str | bytes,
    doc: str = "-",
    *,
    html: bool | None = None,
    translator: Translator | None = None,
    allow_untranslated: bool = False,
    **translator_options: Any,
) -> Document:
    """Repair, language-tag, segment and translate one document into records.

    ``text`` is a ``str`` (already decoded) or the ``bytes`` of a file (decoded like
    ``esgtext repair`` does; binary input raises ``UndecodableInput``). ``doc`` names the document
    in the records; for bytes, a ``.html``/``.htm`` name (or HTML content when ``doc == "-"``)
    selects article extraction, unless ``html`` says otherwise. Pass a :class:`Translator` to reuse
    loaded models across documents, or its options (``engine``, ``models``, ``device``,
    ``beam_size``, ``max_batch_tokens``, ``glossary``, ``cache``, ``repair_config``: the
    ``RepairConfig`` the text is repaired with, named in every record's signature).

        >>> d = process_document("Le rapport est publié.", allow_untranslated=True)  # doctest: +SKIP
        >>> d.records[0].status, d.records[0].target                             # doctest: +SKIP
        ('untranslated', None)
    """
    if translator is None:
        translator = Translator(allow_untranslated=allow_untranslated, **translator_options)
        try:
            return process_document(text, doc, html=html, translator=translator)
        finally:
            translator.close()
    repair = getattr(getattr(translator, "config", None), "repair", None)
    if isinstance(text, bytes):
        prepared = prepare_bytes(text, doc, html=html, repair=repair)
    else:
        if html:
            from esgtext.html import extract_article

            extracted = extract_article(text)
            prepared = prepare_text(extracted.text, doc, extraction=extracted.method, repair=repair)
        else:
            prepared = prepare_text(text, doc, repair=repair)
    return _document(prepared, build_records(prepared, translator))


def _document(prepared: Prepared, records: list[Record]) -> Document:
    return Document(prepared, records)
