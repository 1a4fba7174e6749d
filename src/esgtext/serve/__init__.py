"""``esgtext serve``: a LibreTranslate-compatible HTTP API, esgtext's own endpoints and the review page.

Needs the optional ``serve`` extra (``pip install 'esgtext[serve]'``: starlette, uvicorn,
python-multipart). ``import esgtext`` never imports this package.

    from esgtext.serve import ServeConfig, create_app
    app = create_app(ServeConfig(models={"fr-en": "./fr-en"}))     # any ASGI server runs it

* :mod:`esgtext.serve.app` -- the Starlette application (routes, errors, the review page);
* :mod:`esgtext.serve.service` -- what each endpoint does, without HTTP;
* :mod:`esgtext.serve.batching` -- the bounded queue that batches concurrent translations;
* :mod:`esgtext.serve.view` -- the side-by-side HTML view (also used by :mod:`esgtext.report`).
"""

from __future__ import annotations

from typing import Any

__all__ = ["ServeConfig", "Service", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from esgtext.serve.app import create_app

        return create_app
    if name in ("ServeConfig", "Service"):
        from esgtext.serve import service

        return getattr(service, name)
    raise AttributeError(f"module 'esgtext.serve' has no attribute {name!r}")
