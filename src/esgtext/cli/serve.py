"""``esgtext serve`` (the HTTP API and the review page) and ``esgtext report`` (the run report)."""

from __future__ import annotations

import ipaddress
import os
import socket
import sys

import click

from esgtext.cli import EXIT_CODES_HELP, EXIT_MODEL_MISSING, EXIT_OK, EXIT_USAGE

SERVE_HELP_EPILOG = (
    """\b
Endpoints (LibreTranslate-compatible where named so):
  GET  /                 the review page: paste or drop a release, see every edit
  POST /translate        {"q", "source": auto|fr|zh|en, "target": "en", "format": text|html}
  POST /detect           {"q"} -> [{"language", "confidence"}]
  GET  /languages        [{"code", "name", "targets"}]
  POST /repair           {"q", "lang"} -> {"text", "edits", "lang"}
  POST /process          text or a file -> records (?format=jsonl|tmx|moses to download)
  GET  /docs             the API (OpenAPI at /openapi.json)

\b
Examples:
  esgtext serve --model fr-en=./models/fr-en --model zh-en=./models/zh-en
  esgtext serve --engine ctranslate2 --cache tm.sqlite      share the CLI's translation cache
  ESGTEXT_API_KEY=secret esgtext serve --host 0.0.0.0 --port 5000
  curl -s localhost:8000/translate -H 'Content-Type: application/json' \\
       -d '{"q": "Le rapport a t publi.", "source": "auto", "target": "en"}'
"""
    + EXIT_CODES_HELP
)


def _error(message: str) -> None:
    click.echo(f"esgtext: error: {message}", err=True)


def _is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve", epilog=SERVE_HELP_EPILOG)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (local only by default; 0.0.0.0 for every interface).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port (0: any free port, printed at start).")
@click.option("--model", "models", multiple=True, metavar="PAIR=PATH_OR_HUB_ID",
              help="Model for a pair, e.g. fr-en=./my-model (repeatable).")
@click.option("--engine", type=click.Choice(["transformers", "ctranslate2"]), default="transformers",
              show_default=True, help="Translation engine.")
@click.option("--device", default="cpu", show_default=True, help="cpu, cuda or cuda:N.")
@click.option("--beam-size", type=click.IntRange(1, 64), help="Beam search width (default 4).")
@click.option("--glossary", type=click.Path(exists=True, dir_okay=False),
              help="TSV of terms, as for `esgtext translate`.")
@click.option("--cache", type=click.Path(dir_okay=False),
              help="Translation cache (SQLite) file, e.g. the one of an `esgtext translate` run "
                   "(OUT/.esgtext/translations.sqlite). Default: none.")
@click.option("--api-key", envvar="ESGTEXT_API_KEY", metavar="KEY",
              help="Require this key (Authorization: Bearer KEY, or api_key in the body) on every "
                   "POST. Default: $ESGTEXT_API_KEY.")
@click.option("--batch-wait-ms", type=click.FloatRange(0, 1000), default=5.0, show_default=True,
              help="How long concurrent requests are collected into one engine call.")
@click.option("--max-batch", type=click.IntRange(1), default=256, show_default=True,
              help="Most segments in one engine call (1: no batching).")
@click.option("--max-queue", type=click.IntRange(1), default=2048, show_default=True,
              help="Segments waiting for the engine before requests get 503 + Retry-After.")
@click.option("--max-requests", type=click.IntRange(1), default=1024, show_default=True,
              help="Requests in progress before new ones get 503 + Retry-After.")
@click.option("--char-limit", type=click.IntRange(1), default=20_000, show_default=True,
              help="Most characters of q in /translate, /detect and /repair.")
@click.option("--max-upload-bytes", type=click.IntRange(1), default=20 * 1024 * 1024, show_default=True,
              help="Largest document for /process and the review page.")
@click.option("--log-requests", is_flag=True, help="Log every request on stderr.")
def serve(host, port, models, engine, device, beam_size, glossary, cache, api_key, batch_wait_ms,
          max_batch, max_queue, max_requests, char_limit, max_upload_bytes, log_requests) -> None:
    """Serve esgtext over HTTP: a LibreTranslate-compatible API, repair and records, and a review
    page that shows every edit side by side.

    Models are resolved at start and loaded once, on the first translation, for every request;
    concurrent requests are batched into the engine. Without a model, /translate answers a JSON
    error and the review page and /process show repair and languages only.
    """
    sys.exit(run_serve(host=host, port=port, models=models, engine=engine, device=device,
                       beam_size=beam_size, glossary=glossary, cache=cache, api_key=api_key,
                       batch_wait_ms=batch_wait_ms, max_batch=max_batch, max_queue=max_queue,
                       max_requests=max_requests, char_limit=char_limit,
                       max_upload_bytes=max_upload_bytes, log_requests=log_requests))


def run_serve(*, host="127.0.0.1", port=8000, models=(), engine="transformers", device="cpu",
              beam_size=None, glossary=None, cache=None, api_key=None, batch_wait_ms=5.0,
              max_batch=256, max_queue=2048, max_requests=1024, char_limit=20_000,
              max_upload_bytes=20 * 1024 * 1024, log_requests=False) -> int:
    try:
        import uvicorn

        from esgtext.serve.app import create_app
        from esgtext.serve.service import ServeConfig, Service
    except ModuleNotFoundError as exc:
        _error(f"esgtext serve needs the 'serve' extra ({exc.name} is missing): "
               "pip install 'esgtext[serve]'")
        return EXIT_USAGE
    from esgtext.pipeline import UsageError
    from esgtext.translate.registry import ModelNotAvailable, parse_model_overrides

    try:
        overrides = parse_model_overrides(models)
    except ValueError as exc:
        _error(str(exc))
        return EXIT_USAGE
    config = ServeConfig(engine=engine, models=overrides, device=device, beam_size=beam_size,
                         cache=cache, glossary=glossary, api_key=api_key or None,
                         max_wait_ms=batch_wait_ms, max_batch=max_batch, max_queue=max_queue,
                         max_requests=max_requests, char_limit=char_limit,
                         max_upload_bytes=max_upload_bytes)
    try:
        service = Service(config)
    except UsageError as exc:
        _error(str(exc))
        return EXIT_USAGE
    except ModelNotAvailable as exc:
        _error(str(exc))
        return EXIT_MODEL_MISSING
    bad = sorted(p for p in overrides if p in service.missing)
    if bad:
        _error(service.missing[bad[0]])
        service.close()
        return EXIT_MODEL_MISSING
    for pair in sorted(service.missing):
        click.echo(f"esgtext serve: warning: no model for {pair}: /translate answers an error for it; "
                   f"/process and the review page give untranslated records (--model {pair}=PATH)", err=True)
    if not _is_loopback(host) and not config.api_key:
        click.echo(f"esgtext serve: warning: listening on {host} without an API key: anyone who "
                   "reaches this machine can use it (--api-key or ESGTEXT_API_KEY)", err=True)

    service.warm_up()
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError as exc:
        _error(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
        service.close()
        return EXIT_USAGE
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"esgtext serve: listening on http://{shown}:{bound}/ (review page /, API docs /docs); "
               f"engine {engine}; models: "
               + (", ".join(f"{p}={s.model_id}" for p, s in sorted(service.translator.specs.items())) or "none"),
               err=True)
    app = create_app(config, service=service)
    server = uvicorn.Server(uvicorn.Config(app, log_level="info" if log_requests else "warning",
                                           access_log=log_requests, lifespan="on",
                                           timeout_graceful_shutdown=5))
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    return EXIT_OK


@click.command("report", epilog="""\b
Example:
  esgtext translate inbox/ -o out/ && esgtext report out/   (translate writes it too)
  open out/report.html
""" + EXIT_CODES_HELP)
@click.argument("out", type=click.Path(file_okay=False))
@click.option("--top", type=click.IntRange(0), default=25, show_default=True,
              help="How many documents to list (and render side by side) under 'look at first'.")
def report(out, top) -> None:
    """Rebuild OUT/report.html from a finished `esgtext translate` run: counts, flags, edits,
    languages, errors and the documents that need a look first (no network needed to open it)."""
    from esgtext.report import ReportError, write_report

    try:
        path = write_report(out, top=top)
    except ReportError as exc:
        _error(str(exc))
        sys.exit(EXIT_USAGE)
    except OSError as exc:
        _error(f"{getattr(exc, 'filename', None) or out}: {exc.strerror or exc}")
        sys.exit(1)
    click.echo(os.fspath(path))
    sys.exit(EXIT_OK)
