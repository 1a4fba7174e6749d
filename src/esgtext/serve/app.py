"""The ASGI application of ``esgtext serve`` (Starlette): LibreTranslate's API, esgtext's own
endpoints and the review page.

Every answer that is not a page is JSON; every error is ``{"error": "one line"}`` with a 4xx
status (5xx only for an internal error or a full queue), never a traceback. Handlers do their CPU
work (repair, languages, segmentation) in worker threads, and translation through the batching
queue, so the event loop keeps answering (``/languages``, 503s) while the engine works.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from html import escape
from importlib import resources
from typing import Any, Awaitable, Callable
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from esgtext import __version__
from esgtext.serve import view
from esgtext.serve.batching import BatcherClosed, QueueFull
from esgtext.serve.openapi import openapi_document
from esgtext.serve.service import (DOWNLOAD_FORMATS, SOURCES, TARGET, UPLOAD_SUFFIXES, ApiError,
                                   ServeConfig, Service)

JSON_BODY_LIMIT = 4 * 1024 * 1024
RETRY_AFTER_S = "1"
_STATIC = {"review.js": "text/javascript; charset=utf-8", "review.css": "text/css; charset=utf-8"}


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _log(message: str) -> None:
    print(f"esgtext serve: {message}", file=sys.stderr, flush=True)


class _App:
    """State shared by the handlers: the service, the worker threads, the request gate."""

    def __init__(self, service: Service):
        self.service = service
        self.config: ServeConfig = service.config
        self.pool = ThreadPoolExecutor(max_workers=max(1, self.config.workers), thread_name_prefix="esgtext-serve")
        self.in_flight = 0
        self._gate = threading.Lock()

    async def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.wrap_future(self.pool.submit(fn, *args))

    # -- request plumbing ------------------------------------------------------------------------

    async def read_body(self, request: Request, limit: int) -> bytes:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > limit:
            raise ApiError(413, f"request body of {length} bytes is over the limit of {limit}")
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise ApiError(413, f"request body is over the limit of {limit} bytes")
            chunks.append(chunk)
        body = b"".join(chunks)
        request._body = body  # starlette's form parser reads it from here
        return body

    async def parse(self, request: Request, limit: int = JSON_BODY_LIMIT) -> dict[str, Any]:
        """The request's fields: a JSON object, or a form (urlencoded or multipart; a field given
        several times is a list; uploaded files are :class:`UploadFile`)."""
        body = await self.read_body(request, limit)
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            try:
                form = await request.form(max_files=4, max_fields=1000, max_part_size=limit)
            except Exception as exc:  # malformed multipart, too many parts
                raise ApiError(400, f"malformed form data: {_short(exc)}") from None
            fields: dict[str, Any] = {}
            for key in form.keys():
                values = form.getlist(key)
                fields[key] = values[0] if len(values) == 1 else list(values)
            return fields
        if not body.strip():
            if request.query_params:
                return dict(request.query_params)
            raise ApiError(400, "empty request: send a JSON object or a form")
        try:
            data = json.loads(body)
        except (UnicodeDecodeError, ValueError) as exc:
            raise ApiError(400, f"invalid JSON: {_short(exc)}") from None
        if not isinstance(data, dict):
            raise ApiError(400, "the JSON body must be an object, e.g. {\"q\": \"...\"}")
        return data

    def check_key(self, request: Request, fields: dict[str, Any] | None = None) -> None:
        expected = self.config.api_key
        if not expected:
            return
        given = ""
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            given = auth[7:].strip()
        elif fields and isinstance(fields.get("api_key"), str):
            given = fields["api_key"]  # LibreTranslate clients send it in the body
        if not given or not hmac.compare_digest(given.encode(), expected.encode()):
            raise ApiError(401, "missing or wrong API key (send Authorization: Bearer KEY, or api_key)",
                           {"WWW-Authenticate": "Bearer"})

    def endpoint(self, handler: Callable[[Request], Awaitable[Response]], *, html: bool = False):
        """Wrap ``handler``: the request gate (503 when too many are in progress) and the one-line
        error answers (JSON, or a page for the HTML form endpoints)."""

        async def wrapped(request: Request) -> Response:
            with self._gate:
                if self.in_flight >= self.config.max_requests:
                    return self._answer(html, 503, "server busy: too many requests in progress; retry shortly",
                                        {"Retry-After": RETRY_AFTER_S})
                self.in_flight += 1
            try:
                return await handler(request)
            except ApiError as exc:
                return self._answer(html, exc.status, exc.message, exc.headers)
            except QueueFull as exc:
                return self._answer(html, 503, f"server busy: {exc}; retry shortly", {"Retry-After": RETRY_AFTER_S})
            except BatcherClosed as exc:
                return self._answer(html, 503, str(exc), {"Retry-After": RETRY_AFTER_S})
            except TimeoutError:
                return self._answer(html, 503, "translation timed out; retry shortly", {"Retry-After": RETRY_AFTER_S})
            except Exception as exc:  # never a traceback, never a dead server
                _log(f"internal error on {request.method} {request.url.path}: {type(exc).__name__}: {_short(exc)}")
                return self._answer(html, 500, f"internal error: {type(exc).__name__}: {_short(exc)}")
            finally:
                with self._gate:
                    self.in_flight -= 1

        return wrapped

    def _answer(self, html: bool, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
        if html:
            return HTMLResponse(self.form_page(error=message), status_code=status, headers=headers)
        return _error(status, message, headers)

    # -- LibreTranslate ----------------------------------------------------------------------------

    async def translate(self, request: Request) -> Response:
        fields = await self.parse(request)
        self.check_key(request, fields)
        s = self.service
        q = s.text_field(fields, "q")
        source = s.choice(fields, "source", SOURCES, "auto")
        s.choice(fields, "target", (TARGET,), TARGET)
        fmt = s.choice(fields, "format", ("text", "html"), "text")
        items = q if isinstance(q, list) else [q]
        results = await asyncio.gather(*(self.run(s.translate_one, item, source, fmt) for item in items))
        texts = [r[0] for r in results]
        body: dict[str, Any] = {"translatedText": texts if isinstance(q, list) else texts[0]}
        if source == "auto":
            detected = [r[1] for r in results]
            body["detectedLanguage"] = detected if isinstance(q, list) else detected[0]
        return JSONResponse(body)

    async def detect(self, request: Request) -> Response:
        fields = await self.parse(request)
        self.check_key(request, fields)
        q = self.service.text_field(fields, "q", allow_list=False)
        return JSONResponse(await self.run(self.service.detect, q))

    async def languages(self, request: Request) -> Response:
        return JSONResponse(self.service.languages())

    async def frontend_settings(self, request: Request) -> Response:
        """LibreTranslate's ``/frontend/settings`` (some clients read the limits from it)."""
        return JSONResponse({
            "charLimit": self.config.char_limit, "frontendTimeout": 500,
            "apiKeys": bool(self.config.api_key), "keyRequired": bool(self.config.api_key),
            "suggestions": False, "filesTranslation": False,
            "supportedFilesFormat": list(UPLOAD_SUFFIXES),
            "language": {"source": {"code": "auto", "name": "Auto Detect"},
                         "target": {"code": TARGET, "name": "English"}},
        })

    # -- esgtext's own ------------------------------------------------------------------------------

    async def repair(self, request: Request) -> Response:
        fields = await self.parse(request)
        self.check_key(request, fields)
        q = self.service.text_field(fields, "q", allow_list=False)
        lang = self.service.choice(fields, "lang", ("auto", "fr", "zh", "en"), "auto")
        typography = self.service.choice(fields, "typography", ("auto", "french", "none", "default"),
                                         "auto")
        setting = {"french": True, "none": False}.get(typography, "auto")  # ("default": "auto")
        return JSONResponse(await self.run(self.service.repair, q, None if lang == "auto" else lang,
                                           setting))

    async def _document_input(self, request: Request) -> tuple[dict[str, Any], str | bytes, str]:
        fields = await self.parse(request, self.config.max_upload_bytes + 64 * 1024)
        self.check_key(request, fields)
        upload = fields.get("file")
        if isinstance(upload, list):
            raise ApiError(400, "send one file at a time")
        if isinstance(upload, UploadFile) and upload.filename:
            name = upload.filename.replace("\\", "/").rsplit("/", 1)[-1]
            if not name.lower().endswith(UPLOAD_SUFFIXES):
                raise ApiError(415, f"{name}: unsupported file type; send {', '.join(UPLOAD_SUFFIXES)}")
            data: str | bytes = await upload.read()
            if len(data) > self.config.max_upload_bytes:
                raise ApiError(413, f"{name}: {len(data)} bytes, over the limit of {self.config.max_upload_bytes}")
            return fields, data, name
        text = fields.get("q", fields.get("text"))
        if isinstance(text, UploadFile) or text is None or text == "":
            raise ApiError(400, "send the text as 'q' (JSON or form) or a file as 'file' (multipart)")
        if not isinstance(text, str):
            raise ApiError(400, "'q' must be a string")
        if len(text) > self.config.max_upload_bytes:
            raise ApiError(413, f"'q' has {len(text)} characters, over the limit of {self.config.max_upload_bytes}")
        doc = fields.get("doc")
        return fields, text, doc if isinstance(doc, str) and doc else "pasted.txt"

    async def process(self, request: Request) -> Response:
        fmt = request.query_params.get("format", "json").lower()
        if fmt not in ("json", *DOWNLOAD_FORMATS):
            raise ApiError(400, f"format {fmt!r} is not supported; choose json, {', '.join(DOWNLOAD_FORMATS)}")
        _, data, doc = await self._document_input(request)
        document = await self.run(self.service.process, data, doc)
        if fmt == "json":
            return JSONResponse(self.service.document_json(document))
        return self._download(doc, document.records, fmt)

    def _download(self, doc: str, records: list[Any], fmt: str) -> Response:
        payload, media, filename = self.service.download(doc, records, fmt)
        disposition = f"attachment; filename=\"{_ascii_name(filename)}\"; filename*=UTF-8''{quote(filename)}"
        return Response(payload, media_type=media, headers={"Content-Disposition": disposition})

    async def records(self, request: Request) -> Response:
        """Render records (as the review page holds them, edits rejected) into a download."""
        from esgtext.records import Record

        fields = await self.parse(request, self.config.max_upload_bytes * 4)
        self.check_key(request, fields)
        fmt = str(fields.get("format") or request.query_params.get("format") or "jsonl").lower()
        if fmt not in DOWNLOAD_FORMATS:
            raise ApiError(400, f"format {fmt!r} is not supported; choose {', '.join(DOWNLOAD_FORMATS)}")
        raw = fields.get("records")
        if isinstance(raw, str):
            try:
                raw = json.loads(raw)
            except ValueError as exc:
                raise ApiError(400, f"'records' is not JSON: {_short(exc)}") from None
        if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
            raise ApiError(400, "'records' must be a list of record objects")
        try:
            recs = [Record.from_dict(r) for r in raw]
        except (TypeError, ValueError) as exc:
            raise ApiError(400, f"not a record: {_short(exc)}") from None
        doc = recs[0].doc if recs else "records"
        return self._download(doc, recs, fmt)

    async def health(self, request: Request) -> Response:
        return JSONResponse(self.service.health())

    async def openapi(self, request: Request) -> Response:
        return JSONResponse(openapi_document(self.config))

    async def docs(self, request: Request) -> Response:
        return HTMLResponse(_docs_page(openapi_document(self.config)))

    async def static(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in _STATIC:
            raise ApiError(404, f"no static file {name!r}")
        data = resources.files("esgtext.serve").joinpath(f"static/{name}").read_bytes()
        return Response(data, media_type=_STATIC[name], headers={"Cache-Control": "no-cache"})

    # -- the review page ---------------------------------------------------------------------------

    def form_page(self, *, text: str = "", error: str = "", results: str = "", api_key: str = "") -> str:
        missing = self.service.missing
        notices = []
        if missing:
            pairs = ", ".join(sorted(missing))
            if self.service.translator.specs:  # some pairs translate, others do not
                notices.append(f'<p class="notice warn" id="no-model">No translation model for {escape(pairs)} on '
                               "this server: sentences in that language are shown repaired, untranslated.</p>")
            else:
                notices.append(f'<p class="notice warn" id="no-model">No translation model on this server '
                               f"({escape(pairs)}): the page shows repair and languages only (start <code>esgtext "
                               "serve --model fr-en=PATH</code> to translate).</p>")
        if error:
            notices.append(f'<p class="notice error" role="alert" id="error">{escape(error)}</p>')
        key_field = ""
        if self.config.api_key:
            key_field = (f'<label>API key <input type="password" name="api_key" id="api-key" '
                         f'value="{escape(api_key)}" autocomplete="off" required></label>')
        form = (
            '<form class="input" method="post" action="review" enctype="multipart/form-data">'
            '<label for="text"><strong>Paste a release</strong></label>'
            f'<textarea id="text" name="q" spellcheck="false" placeholder="Communiqu de presse ...">{escape(text)}</textarea>'
            '<div class="dropzone" id="dropzone"><label for="file">…or drop a file here / choose one '
            '(.txt, .md, .html, .pdf, .docx)</label> <input type="file" id="file" name="file" accept=".txt,.md,.html,.htm,.pdf,.docx"> '
            '<span id="file-name"></span></div>'
            f'<div class="actions"><button type="submit" class="primary" id="review-button">Review</button>{key_field}</div>'
            "</form>"
        )
        body = (
            '<header class="top"><h1>esgtext review</h1><span class="legend">repair · languages · '
            f'translation · esgtext {escape(__version__)} · <a href="docs">API</a></span></header>'
            f'<main>{"".join(notices)}{form}<p id="status" role="status" aria-live="polite"></p>{results}</main>'
        )
        return view.page("esgtext review", body, scripts=("static/review.js",))

    async def index(self, request: Request) -> Response:
        return HTMLResponse(self.form_page())

    async def review(self, request: Request) -> Response:
        fields, data, doc = await self._document_input(request)
        given = fields.get("api_key")
        key: str = given if isinstance(given, str) else ""
        document = await self.run(self.service.process, data, doc)
        records = [r.to_dict() for r in document.records]
        counts = document.counts()
        n_edits = sum(len(r["edits"]) for r in records)
        summary = (f'<h2 id="results">{escape(doc)}: {counts["segments"]} sentences, {n_edits} edits, '
                   f'language {escape(document.lang)} ({round(document.lang_confidence * 100)} %)</h2>')
        untranslated = ""
        if counts.get("untranslated"):
            untranslated = (f'<p class="notice warn">{counts["untranslated"]} sentences are not translated: no '
                            "model for their language on this server.</p>")
        hidden_key = f'<input type="hidden" name="api_key" value="{escape(key)}">' if self.config.api_key else ""
        downloads = (
            '<form class="download" method="post" action="records" id="download-form">'
            # filled here (downloads work without script) and kept in step by review.js
            f'<input type="hidden" name="records" value="{escape(json.dumps(records, ensure_ascii=False))}">'
            + hidden_key +
            '<span>Download the records:</span>'
            '<button type="submit" name="format" value="jsonl" id="download-jsonl">JSONL</button>'
            '<button type="submit" name="format" value="tmx" id="download-tmx">TMX</button>'
            '<button type="submit" name="format" value="moses" id="download-moses">Moses (zip)</button></form>'
        )
        key_holder = f'<input type="hidden" id="api-key-value" value="{escape(key)}">' if self.config.api_key else ""
        results = (summary + untranslated + view.legend() + f'<div class="actions">{downloads}</div>'
                   + view.render_table(records, interactive=True)
                   + view.json_script("records-data", records) + key_holder)
        text = data if isinstance(data, str) else ""
        return HTMLResponse(self.form_page(text=text, results=results, api_key=key))

    async def review_segment(self, request: Request) -> Response:
        fields = await self.parse(request)
        self.check_key(request, fields)
        record = fields.get("record")
        if not isinstance(record, dict):
            raise ApiError(400, "'record' must be a record object")
        reject = fields.get("reject", [])
        row = fields.get("row")
        new, delta = await self.run(self.service.reject_edits, record, reject)
        data = new.to_dict()
        index = row if isinstance(row, int) and not isinstance(row, bool) else 0
        return JSONResponse({"record": data, "delta": delta,
                             "cells": view.render_cells(data, index, interactive=True)})


def _short(exc: BaseException, limit: int = 200) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _ascii_name(name: str) -> str:
    return "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\' else "_" for ch in name)


def _docs_page(spec: dict[str, Any]) -> str:
    """The API described from the OpenAPI document, as a plain page (no CDN, no script)."""
    rows = []
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            params = op.get("requestBody", {}).get("content", {})
            first: dict[str, Any] = next(iter(params.values()), {}) if params else {}
            schema = first.get("schema", {})
            props = schema.get("properties", {})
            fields = "".join(f"<li><code>{escape(k)}</code>: {escape(v.get('description', ''))}</li>"
                             for k, v in props.items())
            query = "".join(f"<li><code>?{escape(p['name'])}</code>: {escape(p.get('description', ''))}</li>"
                            for p in op.get("parameters", ()))
            rows.append(f'<section><h2><code>{method.upper()} {escape(path)}</code></h2>'
                        f'<p>{escape(op.get("summary", ""))}</p><p class="legend">{escape(op.get("description", ""))}</p>'
                        f'<ul>{fields}{query}</ul></section>')
    body = (f'<main><h1>{escape(spec["info"]["title"])} {escape(spec["info"]["version"])}</h1>'
            f'<p>{escape(spec["info"]["description"])}</p><p>Machine-readable: '
            f'<a href="openapi.json">openapi.json</a> (OpenAPI {escape(spec["openapi"])}).</p>{"".join(rows)}</main>')
    return view.page("esgtext API", body)


def create_app(config: ServeConfig | None = None, *, service: Service | None = None) -> Starlette:
    """The ASGI app; ``service`` defaults to a :class:`Service` built from ``config``."""
    service = service or Service(config)
    state = _App(service)
    ep = state.endpoint

    @asynccontextmanager
    async def lifespan(app: Starlette):
        yield
        state.pool.shutdown(wait=False, cancel_futures=True)
        service.close()

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        detail = getattr(exc, "detail", "") or ""
        message = "not found" if status == 404 else ("method not allowed" if status == 405 else str(detail))
        return _error(status, f"{message}: {request.method} {request.url.path}")

    async def internal(request: Request, exc: Exception) -> Response:
        _log(f"internal error: {type(exc).__name__}: {_short(exc)}")
        return _error(500, f"internal error: {type(exc).__name__}")

    routes = [
        Route("/", ep(state.index, html=True), methods=["GET"]),
        Route("/review", ep(state.review, html=True), methods=["POST"]),
        Route("/review/segment", ep(state.review_segment), methods=["POST"]),
        Route("/records", ep(state.records), methods=["POST"]),
        Route("/translate", ep(state.translate), methods=["POST"]),
        Route("/detect", ep(state.detect), methods=["POST"]),
        Route("/languages", ep(state.languages), methods=["GET"]),
        Route("/frontend/settings", ep(state.frontend_settings), methods=["GET"]),
        Route("/repair", ep(state.repair), methods=["POST"]),
        Route("/process", ep(state.process), methods=["POST"]),
        Route("/health", ep(state.health), methods=["GET"]),
        Route("/openapi.json", ep(state.openapi), methods=["GET"]),
        Route("/docs", ep(state.docs), methods=["GET"]),
        Route("/static/{name}", ep(state.static), methods=["GET"]),
    ]
    app = Starlette(routes=routes, lifespan=lifespan,
                    exception_handlers={HTTPException: not_found, Exception: internal})
    app.state.esgtext = state
    return app


__all__ = ["create_app"]
