"""The OpenAPI 3.1 description of ``esgtext serve`` (``GET /openapi.json``, rendered at ``/docs``)."""

from __future__ import annotations

from typing import Any

from esgtext import __version__

_ERROR = {"type": "object", "properties": {"error": {"type": "string", "description": "one line"}},
          "required": ["error"]}
_DETECTED = {"type": "object", "properties": {
    "language": {"type": "string", "description": "ISO 639-1 code (und: no letters)"},
    "confidence": {"type": "number", "minimum": 0, "maximum": 100}}}


def _errors(*codes: int) -> dict[str, Any]:
    meaning = {400: "bad input", 401: "missing or wrong API key", 413: "input over a size limit",
               415: "unsupported file type", 422: "undecodable input", 503: "queue full or busy (Retry-After)"}
    return {str(c): {"description": meaning[c], "content": {"application/json": {"schema": _ERROR}}}
            for c in codes}


def _body(properties: dict[str, Any], required: list[str], *, multipart: bool = False) -> dict[str, Any]:
    schema = {"type": "object", "properties": properties, "required": required}
    content = {"application/json": {"schema": schema},
               "application/x-www-form-urlencoded": {"schema": schema}}
    if multipart:
        content["multipart/form-data"] = {"schema": schema}
    return {"required": True, "content": content}


def _json(schema: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def openapi_document(config: Any = None) -> dict[str, Any]:
    char_limit = getattr(config, "char_limit", 20_000)
    api_key = {"api_key": {"type": "string", "description": "the API key, when the server has one "
                           "(or send Authorization: Bearer KEY)"}}
    q_any = {"q": {"description": f"text, or a list of texts (at most {char_limit} characters in all)",
                   "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}}
    q_str = {"q": {"type": "string", "description": f"text (at most {char_limit} characters)"}}
    paths: dict[str, Any] = {
        "/translate": {"post": {
            "summary": "Translate French or Chinese into English (LibreTranslate-compatible).",
            "description": "The text is repaired (encodings, mojibake, deleted French accents) and "
                           "segmented first; concurrent requests are batched into the engine.",
            "requestBody": _body({
                **q_any,
                "source": {"type": "string", "enum": ["auto", "fr", "zh", "en"], "default": "auto",
                           "description": "source language (auto: detected)"},
                "target": {"type": "string", "enum": ["en"], "default": "en", "description": "target language"},
                "format": {"type": "string", "enum": ["text", "html"], "default": "text",
                           "description": "html: markup kept, text nodes translated"},
                **api_key}, ["q"]),
            "responses": {"200": _json({"type": "object", "properties": {
                "translatedText": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
                "detectedLanguage": {"oneOf": [_DETECTED, {"type": "array", "items": _DETECTED}],
                                     "description": "only when source is auto"}}}),
                **_errors(400, 401, 413, 503)}}},
        "/detect": {"post": {
            "summary": "Detect the language of a text (LibreTranslate-compatible).",
            "description": "Best guess first, then other languages found inside the text.",
            "requestBody": _body({**q_str, **api_key}, ["q"]),
            "responses": {"200": _json({"type": "array", "items": _DETECTED}), **_errors(400, 401, 413)}}},
        "/languages": {"get": {
            "summary": "Languages and the targets each has on this server (LibreTranslate-compatible).",
            "responses": {"200": _json({"type": "array", "items": {"type": "object", "properties": {
                "code": {"type": "string"}, "name": {"type": "string"},
                "targets": {"type": "array", "items": {"type": "string"}}}}})}}},
        "/repair": {"post": {
            "summary": "Repair a text: encodings, mojibake, entities, deleted/stripped/? French accents.",
            "requestBody": _body({**q_str, "lang": {"type": "string", "enum": ["auto", "fr", "en", "zh"],
                                                     "default": "auto", "description": "language of the text"},
                                  "typography": {"type": "string",
                                                 "enum": ["auto", "french", "none", "default"],
                                                 "default": "auto", "description":
                                                 "french: damaged French also gets back the no-break "
                                                 "spaces before : ; ! ? and the guillemets of "
                                                 "quotations (esgtext repair --french-typography); "
                                                 "auto (or default): only in a text that reads as a "
                                                 "press release typed in a word processor's French "
                                                 "mode, and only the spaces before : ; ! ? in one "
                                                 "that reads as a conversation; none: never"},
                                  **api_key}, ["q"]),
            "responses": {"200": _json({"type": "object", "properties": {
                "text": {"type": "string"}, "lang": {"type": "string"},
                "edits": {"type": "array", "items": {"type": "object", "description":
                          "kind, start, end (in q), before, after, confidence, reason"}}}}),
                **_errors(400, 401, 413)}}},
        "/process": {"post": {
            "summary": "A whole document (text or an uploaded .txt/.md/.html/.pdf/.docx file) to bilingual records.",
            "description": "Without a model for a language its records are untranslated, and the answer says so.",
            "parameters": [{"name": "format", "in": "query", "required": False,
                            "schema": {"type": "string", "enum": ["json", "jsonl", "tmx", "moses"]},
                            "description": "json (default) or a download: jsonl, tmx, moses (a zip)"}],
            "requestBody": _body({"q": {"type": "string", "description": "the document's text"},
                                  "file": {"type": "string", "format": "binary", "description": "an uploaded file"},
                                  "doc": {"type": "string", "description": "the document's name in the records"},
                                  **api_key}, [], multipart=True),
            "responses": {"200": _json({"type": "object", "description": "doc, lang, counts, translated, "
                                        "records (the JSONL record schema), warning when untranslated"}),
                          **_errors(400, 401, 413, 415, 422, 503)}}},
        "/records": {"post": {
            "summary": "Render records (as JSON objects) as a JSONL, TMX or Moses download.",
            "requestBody": _body({"records": {"type": "array", "items": {"type": "object"}},
                                  "format": {"type": "string", "enum": ["jsonl", "tmx", "moses"]},
                                  **api_key}, ["records"]),
            "responses": {"200": {"description": "the file"}, **_errors(400, 401, 413)}}},
        "/review/segment": {"post": {
            "summary": "Reject edits of one record: the sentence is rebuilt without them and translated again.",
            "requestBody": _body({"record": {"type": "object"},
                                  "reject": {"type": "array", "items": {"type": "integer"},
                                             "description": "indices into the record's edits"},
                                  **api_key}, ["record", "reject"]),
            "responses": {"200": _json({"type": "object", "description": "record, delta, cells (HTML)"}),
                          **_errors(400, 401, 422)}}},
        "/health": {"get": {"summary": "Models, engine and batching counters.",
                            "responses": {"200": _json({"type": "object"})}}},
        "/": {"get": {"summary": "The review page (HTML).", "responses": {"200": {"description": "HTML"}}}},
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "esgtext", "version": __version__,
                 "description": "Repair, language identification and fr/zh -> en translation of press "
                                "releases; LibreTranslate-compatible /translate, /detect and /languages."},
        "paths": paths,
    }


__all__ = ["openapi_document"]
