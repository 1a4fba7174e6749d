"""What the server does, without the HTTP layer (no server imports: testable on its own).

:class:`Service` holds the run's :class:`BatchingTranslator` (models resolved once at start,
loaded on first use, shared by every request) and implements each endpoint as a plain function
that returns JSON-ready data or raises :class:`ApiError` (a 4xx answer with a one-line reason).

Every text goes through the same path as ``esgtext translate``: :func:`esgtext.process_document`
repairs it, finds its languages and segments, and translates what needs a model; the
translations of concurrent requests are collected by the :class:`~esgtext.serve.batching.Batcher`
into one ``translate_segments`` call per language.
"""

from __future__ import annotations

import html as html_lib
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from esgtext.pipeline import Translator
from esgtext.serve.batching import Batcher

#: Languages the server knows: LibreTranslate's ``/languages`` shape is built from this.
LANGUAGES = {"en": "English", "fr": "French", "zh": "Chinese"}
TARGET = "en"
SOURCES = ("auto", "fr", "zh", "en")
UPLOAD_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")
DOWNLOAD_FORMATS = ("jsonl", "tmx", "moses")


class ApiError(Exception):
    """An answer other than 200: ``status`` and a one-line ``message`` (``{"error": message}``)."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


@dataclass
class ServeConfig:
    """Settings of ``esgtext serve`` (the CLI options, with their defaults)."""

    engine: str = "transformers"
    models: dict[str, str] = field(default_factory=dict)
    device: str = "cpu"
    beam_size: int | None = None
    cache: str | None = None  # a TranslationCache file, shared with `esgtext translate --cache`
    glossary: str | None = None
    api_key: str | None = None
    max_wait_ms: float = 5.0  # how long the batcher collects requests
    max_batch: int = 256  # segments per engine call
    max_queue: int = 2048  # segments waiting for the engine before 503
    max_requests: int = 1024  # requests in progress before 503
    char_limit: int = 20_000  # characters of q per /translate, /detect, /repair request
    max_upload_bytes: int = 20 * 1024 * 1024  # /process, /review
    max_items: int = 128  # strings in one q list
    request_timeout: float = 300.0  # seconds a request may wait for its translations
    workers: int = 64  # threads for repair/language work and waiting on the batcher
    pairs: tuple[str, ...] | None = None  # pairs to resolve (default: the registry's *-en)


class BatchingTranslator(Translator):
    """A :class:`~esgtext.pipeline.Translator` whose model calls go through a :class:`Batcher`.

    ``process_document(..., translator=this)`` works unchanged from any number of threads: each
    call's segments wait in the batcher's queue and are translated together with everyone
    else's, one engine call per language.
    """

    def __init__(self, *, max_wait: float = 0.005, max_batch: int = 256, max_pending: int = 2048,
                 timeout: float = 300.0, **options: Any):
        super().__init__(allow_untranslated=True, **options)
        self.timeout = timeout
        self.batcher = Batcher(
            lambda texts, lang: Translator.translate(self, texts, lang),
            lambda items: Translator.translate_mixed(self, items),
            max_wait=max_wait, max_batch=max_batch, max_pending=max_pending,
        )

    def translate(self, texts: list[str], src: str) -> list[Any]:
        return self.batcher.submit("plain", src, texts).result(timeout=self.timeout)

    def translate_mixed(self, items: Sequence[tuple[str, Sequence[tuple[int, int, str]]]]) -> list[Any]:
        return self.batcher.submit("mixed", "zh", items).result(timeout=self.timeout)

    def close(self) -> None:
        self.batcher.close()
        super().close()


def _one_line(text: object, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


class Service:
    """The endpoints' logic; see the module docstring."""

    def __init__(self, config: ServeConfig | None = None, translator: Translator | None = None):
        self.config = config or ServeConfig()
        c = self.config
        if translator is None:
            options: dict[str, Any] = dict(engine=c.engine, models=c.models, device=c.device,
                                           beam_size=c.beam_size, cache=c.cache, glossary=c.glossary)
            if c.pairs is not None:
                options["pairs"] = c.pairs
            translator = BatchingTranslator(max_wait=c.max_wait_ms / 1000.0, max_batch=c.max_batch,
                                            max_pending=c.max_queue, timeout=c.request_timeout,
                                            **options)
        self.translator = translator

    def warm_up(self) -> None:
        """Load the repair and language tables now (about a second), before requests race to."""
        from esgtext import detect_language, language_spans, repair_text, segment

        text = repair_text("Le rapport a t publi par la socit.", lang=None).text
        detect_language(text)
        language_spans(text + " 公司")
        segment(text, "fr")

    # -- what the server can do --------------------------------------------------------------------

    def available(self, lang: str) -> bool:
        """A model translates ``lang`` into English here (English itself always "translates")."""
        return lang == TARGET or self.translator.spec(lang) is not None

    @property
    def missing(self) -> dict[str, str]:
        return dict(self.translator.missing)

    def no_model_message(self, lang: str) -> str:
        pair = f"{lang}-{TARGET}"
        return (f"no translation model for {pair} on this server; restart `esgtext serve` with "
                f"--model {pair}=PATH, or run `esgtext models pull {pair}` first")

    def languages(self) -> list[dict[str, Any]]:
        """LibreTranslate's ``GET /languages``: every language, with the targets it has here."""
        out = []
        for code in ("en", "fr", "zh"):
            targets = [TARGET] if code == TARGET or self.available(code) else []
            out.append({"code": code, "name": LANGUAGES[code], "targets": targets})
        return out

    def health(self) -> dict[str, Any]:
        models = {pair: {"model": spec.model_id, "revision": spec.revision}
                  for pair, spec in sorted(self.translator.specs.items())}
        stats = getattr(self.translator, "batcher", None)
        return {"status": "ok", "engine": self.translator.engine, "models": models,
                "missing_models": sorted(self.missing),
                "batching": stats.stats.to_dict() if stats is not None else None}

    # -- validation ----------------------------------------------------------------------------------

    def text_field(self, body: Mapping[str, Any], name: str = "q", *, allow_list: bool = True,
                   required: bool = True) -> str | list[str] | None:
        value = body.get(name)
        if value is None:
            if required:
                raise ApiError(400, f"missing parameter {name!r}")
            return None
        if isinstance(value, list):
            if not allow_list:
                raise ApiError(400, f"{name!r} must be a string")
            if not value:
                raise ApiError(400, f"{name!r} is an empty list")
            if len(value) > self.config.max_items:
                raise ApiError(413, f"{name!r} holds {len(value)} texts, more than the limit of {self.config.max_items}")
            if not all(isinstance(v, str) for v in value):
                raise ApiError(400, f"{name!r} must be a string or a list of strings")
            total = sum(len(v) for v in value)
        elif isinstance(value, str):
            total = len(value)
        else:
            raise ApiError(400, f"{name!r} must be a string" + (" or a list of strings" if allow_list else ""))
        if total > self.config.char_limit:
            raise ApiError(413, f"{name!r} has {total} characters, more than the limit of {self.config.char_limit}")
        return value

    @staticmethod
    def choice(body: Mapping[str, Any], name: str, allowed: Sequence[str], default: str) -> str:
        value = body.get(name, default)
        if value is None or value == "":
            value = default
        if not isinstance(value, str):
            raise ApiError(400, f"{name!r} must be a string")
        value = value.strip().lower()
        if value not in allowed:
            raise ApiError(400, f"{name} {value!r} is not supported; choose one of {', '.join(allowed)}")
        return value

    # -- LibreTranslate: /translate, /detect ------------------------------------------------------

    def translate_one(self, q: str, source: str, fmt: str) -> tuple[str, dict[str, Any]]:
        """One text: its English and the detected language (LibreTranslate's shapes)."""
        if fmt == "html":
            return self._translate_html(q, source)
        return self._translate_text(q, source)

    def _translate_text(self, q: str, source: str) -> tuple[str, dict[str, Any]]:
        from esgtext import process_document

        if source not in ("auto", TARGET) and not self.available(source):
            raise ApiError(400, self.no_model_message(source))
        if not q.strip():
            return q, {"language": source if source != "auto" else "und", "confidence": 0.0}
        if source == TARGET:
            return q, {"language": TARGET, "confidence": 100.0}
        document = process_document(q, "q", translator=self.translator)
        detected = {"language": document.lang, "confidence": round(document.lang_confidence * 100, 1)}
        missing = sorted({f.split(":", 1)[1] for r in document.records for f in r.flags
                          if f.startswith("model-missing:")})
        if missing:
            raise ApiError(400, self.no_model_message(missing[0].split("-")[0]))
        text = document.text
        pieces: list[str] = []
        pos = 0
        for r in document.records:
            pieces.append(text[pos:r.start])
            pieces.append(r.target if r.target is not None else r.source)
            pos = r.end
        pieces.append(text[pos:])
        return "".join(pieces), detected

    _HTML_TOKEN = re.compile(r"(<!--.*?-->|<script\b.*?</script\s*>|<style\b.*?</style\s*>|<[^>]*>)",
                             re.IGNORECASE | re.DOTALL)

    def _translate_html(self, q: str, source: str) -> tuple[str, dict[str, Any]]:
        """Markup kept as it is, each text node translated (LibreTranslate's ``format=html``)."""
        parts = self._HTML_TOKEN.split(q)
        texts = [html_lib.unescape(p) for p in parts[0::2]]
        detected: dict[str, Any] = {"language": "und", "confidence": 0.0}
        joined = " ".join(t for t in texts if t.strip())
        if joined.strip():
            from esgtext import detect_language

            guess = detect_language(joined)
            detected = {"language": guess.lang, "confidence": round(guess.confidence * 100, 1)}
        for i in range(0, len(parts), 2):
            node = texts[i // 2]
            if not node.strip():
                continue
            lead = node[: len(node) - len(node.lstrip())]
            trail = node[len(node.rstrip()):]
            out, _ = self._translate_text(node.strip(), source)
            parts[i] = lead + html_lib.escape(out, quote=False) + trail
        return "".join(parts), detected

    def detect(self, q: str) -> list[dict[str, Any]]:
        """LibreTranslate's ``POST /detect``: candidates, best first, confidence 0-100."""
        from esgtext import detect_language, language_spans

        if not q.strip():
            return [{"language": "und", "confidence": 0.0}]
        guess = detect_language(q)
        out = [{"language": guess.lang, "confidence": round(guess.confidence * 100, 1)}]
        # other languages inside the text (a Chinese name in an English release), by share of letters
        letters: dict[str, int] = {}
        for span in language_spans(q):
            n = sum(1 for ch in span.text if ch.isalpha())
            if span.lang not in ("und", guess.lang) and n:
                letters[span.lang] = letters.get(span.lang, 0) + n
        total = sum(1 for ch in q if ch.isalpha()) or 1
        for lang, n in sorted(letters.items(), key=lambda kv: -kv[1]):
            out.append({"language": lang, "confidence": round(100.0 * n / total, 1)})
        return out

    # -- esgtext's own: /repair, /process ----------------------------------------------------------

    def repair(self, q: str, lang: str | None, french_typography: bool | str = "auto") -> dict[str, Any]:
        """``french_typography``: see :attr:`esgtext.repair.RepairConfig.french_typography`."""
        from esgtext import detect_language, repair_text
        from esgtext.repair import RepairConfig

        config = RepairConfig(french_typography=french_typography)
        result = repair_text(q, lang=lang, config=config)
        used = lang or (detect_language(result.text).lang if result.text.strip() else "und")
        return {"text": result.text, "edits": [e.to_dict() for e in result.edits], "lang": used}

    def process(self, data: str | bytes, doc: str) -> Any:
        """A :class:`esgtext.pipeline.Document`; ``UndecodableInput`` and an unreadable PDF or Word
        file (``InputError``: a scan without a text layer, a damaged file) become a 422."""
        from esgtext import process_document
        from esgtext.errors import InputError
        from esgtext.repair import UndecodableInput

        try:
            return process_document(data, doc, translator=self.translator)
        except (UndecodableInput, InputError) as exc:
            raise ApiError(422, f"{doc}: {_one_line(exc)}") from None

    def document_json(self, document: Any) -> dict[str, Any]:
        records = [r.to_dict() for r in document.records]
        missing = sorted({f.split(":", 1)[1] for r in document.records for f in r.flags
                          if f.startswith("model-missing:")})
        out: dict[str, Any] = {
            "doc": document.doc,
            "lang": document.lang,
            "lang_confidence": document.lang_confidence,
            "encoding": document.encoding,
            "extraction": document.extraction,
            "warnings": list(document.warnings),
            "counts": document.counts(),
            "translated": not missing,
            "records": records,
        }
        if missing:
            out["warning"] = ("untranslated: no translation model for " + ", ".join(missing)
                              + " on this server (repair, languages and segments only)")
        return out

    @staticmethod
    def download(doc: str, records: list[Any], fmt: str) -> tuple[bytes, str, str]:
        """``(bytes, media type, file name)`` of the records in ``fmt`` (Moses: a zip)."""
        from esgtext.records import render_outputs

        name = (doc or "document").replace("\\", "/").rsplit("/", 1)[-1] or "document"
        files = render_outputs(name, records, [fmt])
        if fmt == "jsonl":
            return files[f"{name}.jsonl"], "application/x-ndjson; charset=utf-8", f"{name}.jsonl"
        if fmt == "tmx":  # one TMX per source language: one file, or a zip of them
            if len(files) <= 1:
                from esgtext.records import render_tmx

                return files.get(f"{name}.tmx") or render_tmx([]), "application/x-tmx+xml", f"{name}.tmx"
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for path, data in sorted(files.items()):
                info = zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0))
                zf.writestr(info, data)
        return buffer.getvalue(), "application/zip", f"{name}.{fmt}.zip"

    # -- the review page: reject an edit -----------------------------------------------------------

    def reject_edits(self, record: Mapping[str, Any], reject: Sequence[int]) -> tuple[Any, int]:
        """The record rebuilt from its raw text without the edits ``reject`` (indices into its
        ``edits``), re-translated; and how many characters its source grew (negative: shrank)."""
        from esgtext.records import Record
        from esgtext.serve.view import locate_edits

        try:
            rec = Record.from_dict(dict(record))
        except (TypeError, ValueError) as exc:
            raise ApiError(400, f"not a record: {_one_line(exc)}") from None
        if not isinstance(reject, (list, tuple)) or not all(isinstance(i, int) and not isinstance(i, bool) for i in reject):
            raise ApiError(400, "'reject' must be a list of edit indices")
        bad = [i for i in reject if not 0 <= i < len(rec.edits)]
        if bad:
            raise ApiError(400, f"no edit {bad[0]} in this record ({len(rec.edits)} edits)")
        located = {loc.index: loc for loc in locate_edits(rec.to_dict())}
        cannot = [i for i in reject if i not in located]
        if cannot:
            raise ApiError(422, f"edit {cannot[0]} cannot be undone here (it is not inside this sentence's raw text)")
        source = rec.source
        for i in sorted(reject, key=lambda i: located[i].src_start, reverse=True):
            loc = located[i]
            source = source[:loc.src_start] + loc.edit["before"] + source[loc.src_end:]
        delta = len(source) - len(rec.source)
        kinds = sorted({rec.edits[i]["kind"] for i in reject})
        edits = tuple(e for i, e in enumerate(rec.edits) if i not in set(reject))
        flags = [f for f in rec.flags if not f.startswith("rejected-edit:")]
        flags += [f"rejected-edit:{k}" for k in kinds]
        common = dict(rec.to_dict(), source=source, end=rec.start + len(source), edits=edits)
        if rec.status == "kept":
            common.update(target=source, flags=tuple(flags))
            return Record.from_dict(common), delta
        model_lang = "zh" if "mixed" in rec.flags else rec.src_lang  # mixed: the Chinese spans
        if rec.status == "boilerplate" or rec.src_lang in (TARGET, "und") or not self.translator.spec(model_lang):
            common.update(flags=tuple(flags))
            return Record.from_dict(common), delta
        if "mixed" in rec.flags:
            from esgtext import language_spans

            spans = [(s.start, s.end, s.lang) for s in language_spans(source)]
            t = self.translator.translate_mixed([(source, spans)])[0]
        else:
            t = self.translator.translate([source], rec.src_lang)[0]
        keep = ["mixed"] if "mixed" in rec.flags else []
        new_flags = keep + [f for f in (t.flags or ()) if f not in keep] + [f"rejected-edit:{k}" for k in kinds]
        common.update(status="translated", target=t.target, flags=tuple(new_flags), engine=t.engine,
                      model=t.model_id, revision=t.revision, signature=self.translator.signature(t))
        return Record.from_dict(common), delta

    def close(self) -> None:
        self.translator.close()


__all__ = ["ApiError", "BatchingTranslator", "LANGUAGES", "ServeConfig", "Service"]
