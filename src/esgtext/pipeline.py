"""Document and folder orchestration: repair → language → segments → translation → records.

Two public functions, the library behind ``esgtext translate``:

* :func:`process_document` -- one text (or the bytes of a file) to a :class:`Document` holding its
  bilingual :class:`~esgtext.records.Record` list.
* :func:`translate_folder` -- files and folders to ``OUT/<relative path>.jsonl`` (``.tmx``, Moses),
  with ``OUT/errors.jsonl``, parallel repair and language work, and resumable runs.

How a document becomes records:

1. bytes are decoded (:func:`esgtext.repair.decode.decode_bytes`; binary input raises
   :class:`~esgtext.repair.decode.UndecodableInput`); HTML goes through article extraction
   (:func:`esgtext.html.extract_article`) so navigation and footers never become content;
2. the text is repaired (:func:`esgtext.repair.repair_text`); ``source_raw`` of each record is the
   same segment *before* repair, found by mapping the segment's offsets back through the repair
   edits (which are relative to the decoded text);
3. the repaired text is cut into segments (:func:`esgtext.segmentation.segment`) and each segment gets
   a language from :func:`esgtext.language.language_spans` (the language with most letters, a Han
   character weighing as three letters); a Chinese span inside a Latin-script segment makes it
   *mixed*;
4. web chrome (:func:`esgtext.boilerplate.find_boilerplate`) → ``boilerplate``; English (and text
   without letters) → ``kept``; French, Chinese and mixed → ``translated`` by the model of the pair,
   or ``untranslated`` when that model is missing and ``allow_untranslated`` is set.

Resume (``translate_folder``): ``OUT/.esgtext/manifest.jsonl`` holds, per document, the SHA-256 of
its input bytes, a hash of the settings (esgtext version, formats, engine, resolved model ids and
revisions, beam size, glossary content) and the output files written. A document is skipped when
both hashes match and its outputs exist. Outputs are written to temporary files in their folder and
renamed into place (``os.replace``); the manifest line is appended last, so a run killed at any
moment leaves whole files only and the next run redoes exactly the documents without a manifest
entry. Leftover temporary files (``*.esgtext-tmp``) are removed when a run starts.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
import sys
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from esgtext._version import __version__
from esgtext.errors import InputError, OutputError, UsageError, reraise_interrupt
from esgtext.inputs import (
    INPUT_SUFFIXES,
    TMP_SUFFIX,
    InputFile,
    atomic_write,
    find_inputs,
    output_path,
    read_input,
)
from esgtext.records import FORMATS, Record, make_signature, render_outputs

TARGET_LANG = "en"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
STATE_DIR = ".esgtext"
MANIFEST = "manifest.jsonl"
ERRORS_FILE = "errors.jsonl"
CACHE_FILE = "translations.sqlite"
SEGMENT_OVERRIDE_CONFIDENCE = 0.95
BATCH_SEGMENTS = 128  # segments of consecutive documents translated in one call
BATCH_DOCUMENTS = 64
_HAN_WEIGHT = 3  # one Han character carries about as much as three Latin letters
_CJK_LANGS = ("zh", "ja", "ko")


# ---------------------------------------------------------------------------------------------
# Documents


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


@dataclass
class Document:
    """The result of :func:`process_document`: the repaired text and its records."""

    doc: str
    text: str
    raw_text: str
    encoding: str | None
    lang: str
    lang_confidence: float
    records: list[Record]
    warnings: tuple[str, ...] = ()
    extraction: str | None = None

    def counts(self) -> dict[str, int]:
        """Records per status, e.g. ``{"segments": 12, "translated": 8, "kept": 3, ...}``."""
        c = Counter(r.status for r in self.records)
        return {"segments": len(self.records), **{s: c.get(s, 0) for s in _STATUS_KEYS}}

    def outputs(self, rel: str, formats: Iterable[str] = ("jsonl",)) -> dict[str, bytes]:
        """The output files of this document: ``{path relative to OUT: bytes}``."""
        return render_outputs(rel, self.records, formats)


_STATUS_KEYS = ("translated", "kept", "boilerplate", "untranslated")


@lru_cache(maxsize=1)
def repair_settings() -> str:
    """The repair configuration as it appears after ``repair:`` in record signatures.

    >>> repair_settings()
    'mojibake=yes,compose=yes,qmark=yes,french=auto@0.5'
    """
    from esgtext.repair import DEFAULT_CONFIG

    return DEFAULT_CONFIG.signature().replace("|", ",").replace(":", "=")


class _OffsetMap:
    """Maps offsets in repaired text back to the text the repair received, through its edits."""

    def __init__(self, edits: Sequence[Any]):
        self.edits = sorted(edits, key=lambda e: (e.start, e.end))
        self.rstarts: list[int] = []
        self.rends: list[int] = []
        self.cum: list[int] = []
        self.ends = [e.end for e in self.edits]
        delta = 0
        for e in self.edits:
            rs = e.start + delta
            self.rstarts.append(rs)
            self.rends.append(rs + len(e.after))
            delta += len(e.after) - (e.end - e.start)
            self.cum.append(delta)

    def start(self, pos: int) -> int:
        i = bisect.bisect_right(self.rstarts, pos) - 1
        if i < 0:
            return pos
        if pos < self.rends[i]:  # inside the text an edit produced: take all of its source
            return self.edits[i].start
        return pos - self.cum[i]

    def end(self, pos: int) -> int:
        i = bisect.bisect_left(self.rstarts, pos) - 1
        if i < 0:
            return pos
        if pos < self.rends[i]:
            return self.edits[i].end
        return pos - self.cum[i]

    def touching(self, raw_start: int, raw_end: int) -> list[Any]:
        """The edits inside or overlapping ``raw[raw_start:raw_end]`` (an insertion counts at
        either border), found by bisection: O(log n + k) per segment, so that building the
        records of a document stays linear in its size (the edits are sorted and do not
        overlap, so their ends are sorted too)."""
        found = []
        i = bisect.bisect_left(self.ends, raw_start)
        edits = self.edits
        while i < len(edits) and edits[i].start <= raw_end:
            e = edits[i]
            if (e.start < raw_end and e.end > raw_start) or (
                e.start == e.end and raw_start <= e.start <= raw_end
            ):
                found.append(e)
            i += 1
        return found


def _repair(raw: str) -> tuple[str, list[Any], _OffsetMap]:
    """The repaired text, its edits, and the map back to ``raw``.

    Invariant: the edits rebuild the repaired text from ``raw`` exactly; every record's
    ``source_raw``, ``raw_start``/``raw_end`` and ``edits`` rest on it. A violation is a bug in a
    repair step and raises :class:`~esgtext.repair.edits.EditsMismatch` (the document fails
    loudly, as an internal error) instead of records that silently lose their provenance.
    """
    from esgtext.repair import repair_text
    from esgtext.repair.edits import check_edits

    result = repair_text(raw)
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
                 extraction: str | None = None, warnings: Sequence[str] = ()) -> Prepared:
    """Repair, language and segments of one decoded text (no translation, no model)."""
    from esgtext.boilerplate import find_boilerplate
    from esgtext.language import detect_language, language_spans
    from esgtext.segmentation import segment

    text, edits, offsets = _repair(raw)
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


def prepare_bytes(data: bytes, doc: str = "-", *, html: bool | None = None) -> Prepared:
    """Decode (refusing binary input with ``UndecodableInput``), extract HTML, then
    :func:`prepare_text`. ``html=None`` decides from the document name or the content."""
    from esgtext.html import HTML_SUFFIXES, extract_article, looks_like_html
    from esgtext.repair.decode import decode_bytes

    decoded = decode_bytes(data)
    text = decoded.text
    if html is None:
        html = doc.lower().endswith(HTML_SUFFIXES) or (doc == "-" and looks_like_html(text))
    extraction = None
    if html:
        extracted = extract_article(text)
        text, extraction = extracted.text, extracted.method
    return prepare_text(text, doc, encoding=decoded.encoding, extraction=extraction,
                        warnings=decoded.warnings)


# ---------------------------------------------------------------------------------------------
# Translation


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
        glossary: str | os.PathLike | None = None,
        cache: str | os.PathLike | None = None,
        allow_untranslated: bool = False,
        pairs: Iterable[str] | None = None,
        download: bool = False,
    ):
        from esgtext.translate.registry import (
            ModelNotAvailable,
            load_registry,
            not_downloaded_message,
            resolve_model,
        )

        self.engine = engine
        self.models = dict(models or {})
        self.device = device
        self.beam_size = beam_size
        self.max_batch_tokens = max_batch_tokens
        self.allow_untranslated = allow_untranslated
        self.download = download
        self.glossary_path = Path(glossary) if glossary else None
        self.glossary_hash = (
            hashlib.sha256(self.glossary_path.read_bytes()).hexdigest()[:12]
            if self.glossary_path else None
        )
        self.cache_path = Path(cache) if cache else None
        self._glossary = None
        if self.glossary_path is not None:  # a bad glossary is a usage error, before any work
            from esgtext.translate.glossary import Glossary

            try:
                self._glossary = Glossary.from_file(self.glossary_path)
            except ValueError as exc:
                raise UsageError(str(exc)) from None
        if pairs is None:
            pairs = [p for p in load_registry() if p.endswith(f"-{TARGET_LANG}")]
            pairs += [p for p in self.models if p not in pairs]
        self.specs: dict[str, Any] = {}
        self.missing: dict[str, str] = {}
        for pair in sorted(set(pairs)):
            try:
                spec = resolve_model(pair, self.models, check_hub=download)
                if spec.local_path is None and not download:  # no network unless asked
                    raise ModelNotAvailable(not_downloaded_message(spec))
                self.specs[pair] = spec
            except ModelNotAvailable as exc:
                if not allow_untranslated:
                    raise
                self.missing[pair] = str(exc)
        self._cache = None

    @classmethod
    def untranslated(cls) -> "Translator":
        """A translator without models: every French/Chinese segment is ``untranslated``."""
        return cls(allow_untranslated=True, pairs=())

    def spec(self, src: str):
        return self.specs.get(f"{src}-{TARGET_LANG}")

    def settings(self) -> dict[str, Any]:
        """What decides the records' content (speed knobs such as device are left out)."""
        return {
            "engine": self.engine,
            "models": {
                pair: [spec.model_id, spec.revision, str(spec.local_path or "")]
                for pair, spec in sorted(self.specs.items())
            },
            "beam_size": self.beam_size,
            "glossary": self.glossary_hash,
        }

    def signature(self, translation: Any = None) -> str:
        """The record signature: untranslated records name no model; translated ones name the
        engine, model id and revision that produced them."""
        if translation is None:
            return make_signature(repair=repair_settings())
        from esgtext.translate import DEFAULT_BEAM_SIZE

        return make_signature(repair=repair_settings(), engine=translation.engine,
                              model=translation.model_id, revision=translation.revision,
                              beam_size=self.beam_size or DEFAULT_BEAM_SIZE,
                              glossary=self.glossary_hash)

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
        if self._cache is not None and hasattr(self._cache, "close"):
            self._cache.close()
        self._cache = None


def _needs_model(s: PreparedSegment, translator: Translator) -> bool:
    """Content in a language other than English that a resolved model translates."""
    return not s.boilerplate and s.lang not in (TARGET_LANG, "und") and translator.spec(s.lang) is not None


def translate_documents(docs: Sequence[Prepared], translator: Translator) -> list[dict[int, Any]]:
    """The translations each document needs, ``{segment index: Translation}`` per document.

    All plain segments of one source language, across every document, go to the model in one
    call (the engine batches them by length), and all mixed segments in another: with many small
    files this keeps batches full.
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
    for lang, keys in sorted(plain.items()):
        results = translator.translate([docs[d].segments[i].text for d, i in keys], lang)
        for (d, i), result in zip(keys, results):
            done[d][i] = result
    if mixed:
        items = [(docs[d].segments[i].text, docs[d].segments[i].spans) for d, i in mixed]
        for (d, i), result in zip(mixed, translator.translate_mixed(items)):
            done[d][i] = result
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
    ``beam_size``, ``max_batch_tokens``, ``glossary``, ``cache``).

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
    if isinstance(text, bytes):
        prepared = prepare_bytes(text, doc, html=html)
    else:
        if html:
            from esgtext.html import extract_article

            extracted = extract_article(text)
            prepared = prepare_text(extracted.text, doc, extraction=extracted.method)
        else:
            prepared = prepare_text(text, doc)
    return _document(prepared, build_records(prepared, translator))


def _document(prepared: Prepared, records: list[Record]) -> Document:
    return Document(prepared.doc, prepared.text, prepared.raw_text, prepared.encoding,
                    prepared.lang, prepared.lang_confidence, records, prepared.warnings,
                    prepared.extraction)


# ---------------------------------------------------------------------------------------------
# Folders


@dataclass
class RunSummary:
    """What :func:`translate_folder` did; :meth:`line` is the CLI's closing summary."""

    files: int = 0
    processed: int = 0
    skipped: int = 0
    failed: int = 0
    segments: int = 0
    translated: int = 0
    kept: int = 0
    boilerplate: int = 0
    untranslated: int = 0
    seconds: float = 0.0
    errors: list[dict] = field(default_factory=list)
    missing_models: dict[str, str] = field(default_factory=dict)
    #: symlinks inside a folder given that point outside it, not read (``follow_symlinks``)
    skipped_symlinks: list[str] = field(default_factory=list)
    #: one-line warnings about the run itself (a damaged manifest, ...)
    warnings: list[str] = field(default_factory=list)

    def add_counts(self, counts: Mapping[str, int]) -> None:
        self.segments += counts.get("segments", 0)
        for key in _STATUS_KEYS:
            setattr(self, key, getattr(self, key) + counts.get(key, 0))

    def line(self) -> str:
        return (
            f"{self.files} files ({self.processed} processed, {self.skipped} unchanged, "
            f"{self.failed} failed), {self.segments} segments: {self.translated} translated, "
            f"{self.kept} kept, {self.boilerplate} boilerplate, {self.untranslated} untranslated; "
            f"{self.seconds:.1f} s"
            + (f"; {len(self.skipped_symlinks)} symlinks out of the input folder skipped"
               if self.skipped_symlinks else "")
        )


def discover_inputs(paths: Sequence[str | os.PathLike], out: Path | None = None,
                    exclude: Sequence[str] = (), *, follow_symlinks: bool = False) -> list[InputFile]:
    """The input files of ``paths`` in a stable order (see :func:`esgtext.inputs.find_inputs`)."""
    return find_inputs(paths, out=out, exclude=exclude, follow_symlinks=follow_symlinks).files


def _write_if_changed(path: Path, data: bytes) -> None:
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    atomic_write(path, data)


def remove_temp_files(out: Path) -> int:
    """Delete temporary files a killed run left in ``out``; returns how many."""
    n = 0
    for root, _dirs, names in os.walk(out):  # never into a symlinked folder
        for name in names:
            if name.endswith(TMP_SUFFIX):
                Path(root, name).unlink(missing_ok=True)
                n += 1
    return n


class Manifest:
    """``OUT/.esgtext/manifest.jsonl``: one JSON line per finished document, last one wins.

    Lines are appended with a single ``write`` after the document's outputs are in place. Each
    line is read on its own: a line cut by a kill (the last one) or damaged by hand (anywhere) is
    skipped, never the valid lines around it; damaged lines are reported in :attr:`warnings`
    (their documents are simply redone), and the file is rewritten without them (atomically).
    An append always starts on a new line, so a cut line cannot swallow the next entry.
    """

    def __init__(self, out: Path):
        self.out = out
        self.path = out / STATE_DIR / MANIFEST
        self.entries: dict[str, dict] = {}
        self.warnings: list[str] = []
        try:
            output_path(out, f"{STATE_DIR}/{MANIFEST}", create=False)
            data = read_input(self.path) if self.path.exists() else None
        except (InputError, OutputError) as exc:
            raise UsageError(f"{self.path}: cannot read the manifest: {exc}") from None
        if data is None:
            return
        lines = data.split(b"\n")
        last = lines.pop()  # b"" when the file ends with a line break
        kept: list[bytes] = []
        damaged = 0
        for line in lines:
            entry = _manifest_entry(line)
            if entry is None:
                damaged += line.strip() != b""
                continue
            self.entries[entry["doc"]] = entry
            kept.append(line)
        if last:  # no line break after it: cut by a kill; complete ones are still good
            entry = _manifest_entry(last)
            if entry is not None:
                self.entries[entry["doc"]] = entry
                kept.append(last)
        if damaged:
            self.warnings.append(
                f"{self.path}: skipped {damaged} damaged line{'s' if damaged > 1 else ''} "
                f"(kept {len(kept)}); their documents are redone"
            )
        if damaged or last:
            atomic_write(self.path, b"".join(line + b"\n" for line in kept))

    def is_current(self, out: Path, rel: str, input_hash: str, settings_hash: str) -> bool:
        entry = self.entries.get(rel)
        return (
            entry is not None
            and entry.get("input") == input_hash
            and entry.get("settings") == settings_hash
            and all((out / name).is_file() for name in entry.get("outputs", ()))
        )

    def add(self, entry: dict) -> None:
        output_path(self.out, f"{STATE_DIR}/{MANIFEST}")
        line = (json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
        flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(self.path, flags, 0o666)
        try:
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                line = b"\n" + line  # never glue onto a line cut by an earlier failure
            os.write(fd, line)
        finally:
            os.close(fd)
        self.entries[entry["doc"]] = entry


def _safe_relative(name: object) -> bool:
    if not isinstance(name, str) or not name or "\x00" in name:
        return False
    path = Path(name)
    return not path.is_absolute() and ".." not in path.parts


def _manifest_entry(line: bytes) -> dict | None:
    """The entry on one manifest line, or None when the line is not a valid entry (outputs must
    be relative names inside OUT: a damaged manifest never points a run outside it)."""
    try:
        entry = json.loads(line)
    except ValueError:
        return None
    if not isinstance(entry, dict):
        return None
    outputs = entry.get("outputs", [])
    if not (
        _safe_relative(entry.get("doc"))
        and isinstance(entry.get("input"), str)
        and isinstance(entry.get("settings"), str)
        and isinstance(outputs, list)
        and all(_safe_relative(name) for name in outputs)
        and isinstance(entry.get("counts", {}), dict)
        and all(isinstance(v, int) for v in entry.get("counts", {}).values())
    ):
        return None
    return entry


def _prepare_job(data: bytes, rel: str) -> Prepared | tuple[str, str]:
    """Worker entry point: a :class:`Prepared` document or ``(kind, reason)`` on failure."""
    from esgtext.repair.decode import UndecodableInput

    try:
        return prepare_bytes(data, rel)
    except UndecodableInput as exc:
        return ("undecodable", _one_line(exc))
    except Exception as exc:  # one bad file must not stop a bulk run; Ctrl-C must
        reraise_interrupt(exc)
        return ("internal", f"{type(exc).__name__}: {_one_line(exc)}")


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."


def _settings_hash(translator: Translator, formats: Sequence[str]) -> str:
    payload = {
        "esgtext": __version__,
        "repair": repair_settings(),
        "formats": sorted(formats),
        **translator.settings(),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]


def translate_folder(
    paths: Sequence[str | os.PathLike],
    out: str | os.PathLike,
    *,
    formats: Sequence[str] = ("jsonl",),
    jobs: int = 1,
    translator: Translator | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: bool | None = None,
    on_document: Callable[[str, dict], None] | None = None,
    on_start: Callable[[dict[str, str]], None] | None = None,
    exclude: Sequence[str] = (),
    batch_size: int = BATCH_SEGMENTS,
    follow_symlinks: bool = False,
    **translator_options: Any,
) -> RunSummary:
    """Bilingual records for every input file under ``out``; see the module docstring.

    ``paths`` are files and folders (folders are searched recursively for ``.txt``, ``.md``,
    ``.html`` and ``.htm``; ``exclude`` globs match paths relative to the folder). Each input
    ``rel`` gets ``out/<rel>.jsonl`` (and ``.tmx``, Moses files, per ``formats``). Files that cannot be processed (binary, undecodable, larger than
    ``max_bytes``, unreadable) are listed in ``out/errors.jsonl`` and counted in
    :attr:`RunSummary.failed`; an empty file is processed (no records). ``jobs`` > 1 runs repair,
    language and segmentation in that many worker processes; translation stays in this process
    (one model instance per engine). Output is the same whatever ``jobs`` is. ``on_start`` is
    called with :attr:`Translator.missing` once models are resolved, ``on_document`` with each
    finished document's name and counts. Segments of consecutive documents are translated together,
    ``batch_size`` segments at a time (documents are written, in order, once translated).
    Inside a folder, symlinks pointing outside it are not read (listed in
    :attr:`RunSummary.skipped_symlinks`) unless ``follow_symlinks``; FIFOs, devices and sockets
    are never opened (errors, kind ``special-file``); no output is written through a symlink
    inside ``out`` (errors, kind ``output``).
    Raises :class:`UsageError` for a missing path or an unknown format, and ``ModelNotAvailable``
    (before any work) when a model is missing without ``allow_untranslated``.
    """
    started = time.monotonic()
    formats = list(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise UsageError(f"unknown format {','.join(unknown) or '(none)'}; choose from {','.join(FORMATS)}")
    out = Path(out)
    # usage errors before models are resolved
    found = find_inputs(paths, out=out, exclude=exclude, follow_symlinks=follow_symlinks)
    inputs = found.files
    try:  # the run's own files: never through a symlink inside OUT either
        for name in (ERRORS_FILE, f"{STATE_DIR}/{MANIFEST}", f"{STATE_DIR}/{CACHE_FILE}"):
            output_path(out, name, create=False)
    except OutputError as exc:
        raise UsageError(str(exc)) from None
    if translator is None:
        translator_options.setdefault("cache", out / STATE_DIR / CACHE_FILE)
        translator = Translator(**translator_options)
    if on_start is not None:
        on_start(dict(translator.missing))
    out.mkdir(parents=True, exist_ok=True)
    remove_temp_files(out)
    manifest = Manifest(out)
    settings_hash = _settings_hash(translator, formats)
    summary = RunSummary(files=len(inputs), missing_models=dict(translator.missing),
                         skipped_symlinks=[str(link) for link, _ in found.skipped_symlinks],
                         warnings=list(manifest.warnings))
    errors: dict[str, dict] = {}

    seen: dict[str, Path] = {}

    def fail(inp: InputFile, kind: str, reason: str) -> None:
        errors[inp.rel] = {"doc": inp.rel, "path": str(inp.path), "error": kind, "reason": reason}

    if progress is None:
        progress = sys.stderr.isatty()
    from tqdm import tqdm

    bar = tqdm(total=len(inputs), unit="file", disable=not progress, file=sys.stderr,
               dynamic_ncols=True, leave=False)

    def write_document(inp: InputFile, prepared: Prepared, input_hash: str,
                       translations: Mapping[int, Any]) -> None:
        document = _document(prepared, build_records(prepared, translator, translations))
        files = document.outputs(inp.rel, formats)
        try:
            targets = {name: output_path(out, name) for name in files}
        except OutputError as exc:
            fail(inp, "output", str(exc))
            bar.update(1)
            return
        for name, data in files.items():
            atomic_write(targets[name], data)
        previous = manifest.entries.get(inp.rel)
        for name in (previous or {}).get("outputs", ()):
            if name not in files:
                try:
                    output_path(out, name, create=False).unlink(missing_ok=True)
                except OutputError:
                    pass  # never delete through a symlink
        counts = document.counts()
        # last: a document without its manifest line is redone by the next run
        manifest.add({"doc": inp.rel, "input": input_hash, "settings": settings_hash,
                      "outputs": sorted(files), "counts": counts})
        summary.processed += 1
        summary.add_counts(counts)
        bar.update(1)
        bar.set_postfix(segments=summary.segments, refresh=False)
        if on_document is not None:
            on_document(inp.rel, counts)

    # Documents wait here until enough segments need the model to fill its batches.
    batch: list[tuple[InputFile, str, Prepared]] = []
    batch_segments = 0

    def flush() -> None:
        nonlocal batch_segments
        docs = [prepared for _, _, prepared in batch]
        try:
            translations: list[Mapping[int, Any] | None] = list(translate_documents(docs, translator))
        except Exception:  # find the document that fails, translate the others
            translations = []
            for (inp, _, prepared) in batch:
                try:
                    translations.append(translate_documents([prepared], translator)[0])
                except Exception as exc:  # a model error on one document: retried by the next run
                    fail(inp, "translation", f"{type(exc).__name__}: {_one_line(exc)}")
                    translations.append(None)
                    bar.update(1)
        for (inp, input_hash, prepared), done in zip(batch, translations):
            if done is not None:
                write_document(inp, prepared, input_hash, done)
        batch.clear()
        batch_segments = 0

    def finish(inp: InputFile, prepared: Prepared | tuple[str, str], input_hash: str) -> None:
        nonlocal batch_segments
        if isinstance(prepared, tuple):
            fail(inp, *prepared)
            bar.update(1)
            return
        need = sum(1 for s in prepared.segments if _needs_model(s, translator))
        if need == 0 and not batch:
            write_document(inp, prepared, input_hash, {})
            return
        batch.append((inp, input_hash, prepared))
        batch_segments += need
        if batch_segments >= batch_size or len(batch) >= BATCH_DOCUMENTS:
            flush()

    pool = None
    try:
        if jobs > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # fork is fast (workers inherit the loaded language tables) and safe while this process
            # runs no torch threads; once torch is loaded, start clean interpreters instead.
            method = "fork" if "torch" not in sys.modules and sys.platform == "linux" else "spawn"
            pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method))
        window: deque = deque()
        limit = max(1, jobs) * 4

        def drain_one() -> None:
            inp, input_hash, pending = window.popleft()
            prepared = pending.result() if pool is not None else _prepare_job(pending, inp.rel)
            finish(inp, prepared, input_hash)

        for inp in inputs:
            if inp.rel in seen:
                fail(inp, "collision", f"same output name as {seen[inp.rel]}")
                bar.update(1)
                continue
            seen[inp.rel] = inp.path
            try:  # FIFOs, devices and sockets are refused without being opened
                data = read_input(inp.path, max_bytes)
            except InputError as exc:
                fail(inp, exc.kind, _one_line(exc))
                bar.update(1)
                continue
            input_hash = hashlib.sha256(data).hexdigest()
            if manifest.is_current(out, inp.rel, input_hash, settings_hash):
                summary.skipped += 1
                summary.add_counts(manifest.entries[inp.rel].get("counts", {}))
                bar.update(1)
                continue
            pending = pool.submit(_prepare_job, data, inp.rel) if pool is not None else data
            window.append((inp, input_hash, pending))
            while len(window) >= limit:
                drain_one()
        while window:
            drain_one()
        if batch:
            flush()
    finally:
        bar.close()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        translator.close()

    summary.failed = len(errors)
    summary.errors = [errors[k] for k in sorted(errors)]
    _write_if_changed(output_path(out, ERRORS_FILE),
                      "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in summary.errors).encode("utf-8"))
    summary.seconds = time.monotonic() - started
    return summary


__all__ = [
    "Document",
    "Manifest",
    "Prepared",
    "RunSummary",
    "Translator",
    "UsageError",
    "atomic_write",
    "build_records",
    "discover_inputs",
    "prepare_bytes",
    "prepare_text",
    "process_document",
    "translate_folder",
]
