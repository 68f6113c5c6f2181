"""The ASGI app: pages, JSON API, assets and the security around them.

    >>> from bilateral.serve import create_app
    >>> app = create_app("bilateral.db")                 # read-only
    >>> app = create_app("bilateral.db", token="s3cret")  # and POST /api/ingest with that token
"""

from __future__ import annotations

import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from bilateral import __version__
from bilateral.errors import BilateralError, UsageError
from bilateral.query import NotFound
from bilateral.read import DEFAULT_MAX_BYTES
from bilateral.serve import assets
from bilateral.serve.cache import StoreCache
from bilateral.serve.security import BodyLimit, SecurityHeaders
from bilateral.store import Store, open_store

DEFAULT_MAX_BODY = DEFAULT_MAX_BYTES  # 20 MB, the same limit as a document read from disk


@dataclass(slots=True)
class Settings:
    """How the server was started: ``token`` turns on ingest over HTTP (None: read-only)."""

    token: str | None = None
    max_body: int = DEFAULT_MAX_BODY
    allow_private: bool = False  # the URL guard of ingest; only for tests on a local server
    ingest_lock: threading.Lock = field(default_factory=threading.Lock)  # one writer at a time


def json_response(data: Any, status_code: int = 200) -> Response:
    """Query results are JSON-ready already: encode them without a validation pass.

    orjson writes the same compact UTF-8 JSON as ``json.dumps`` several times
    faster (a series of a busy pair is a quarter of its request's CPU with json)."""
    body = orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)
    return Response(body, status_code=status_code, media_type="application/json")


def create_app(db: str | os.PathLike[str] | Store, *, token: str | None = None, max_body: int = DEFAULT_MAX_BODY,
               allow_private: bool = False) -> FastAPI:
    """The web UI and HTTP API over the store at ``db`` (a path, a postgresql:// URL or a ``Store``)."""
    if token is not None and len(token) < 8:
        raise UsageError("--token must be at least 8 characters long")
    if max_body <= 0:
        raise UsageError(f"--max-body must be positive, not {max_body}")
    own_store = not isinstance(db, Store)
    store = open_store(db) if own_store else db

    @asynccontextmanager
    async def lifespan(started: FastAPI) -> AsyncIterator[None]:
        pages.warm_up(started)
        yield
        if own_store:
            store.close()

    from bilateral.serve import api, pages

    app = FastAPI(
        title="bilateral", version=__version__, lifespan=lifespan,
        description=("A sourced record of the relations between two countries: reconciled facts with every "
                     "report behind them, canonical events, conflicts between sources, documents and search. "
                     "Every figure links to the sentence and document it came from."),
        # FastAPI's interactive docs load their script from a CDN; ours (/api) are a page of the app.
        docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
    )
    app.state.store = store
    app.state.settings = Settings(token=token, max_body=max_body, allow_private=allow_private)
    app.state.assets = assets.load()
    app.state.cache = StoreCache(store)
    app.include_router(api.router)
    app.include_router(pages.router)
    pages.compile_templates()
    _errors(app)
    app.add_middleware(BodyLimit, max_bytes=max_body)
    # Pages with charts run to a few hundred kB of markup that compresses tenfold; a low level costs little.
    app.add_middleware(GZipMiddleware, minimum_size=4096, compresslevel=4)
    app.add_middleware(SecurityHeaders)
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _errors(app: FastAPI) -> None:
    from bilateral.serve.pages import error_page

    def respond(request: Request, status: int, detail: Any) -> Response:
        if _wants_json(request):
            return json_response({"detail": detail}, status)
        return error_page(request, status, detail if isinstance(detail, str) else None)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return respond(request, 404, str(exc))

    @app.exception_handler(BilateralError)
    async def bad_request(request: Request, exc: BilateralError) -> Response:
        return respond(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        if _wants_json(request):
            return json_response({"detail": problems}, 422)
        text = "; ".join(f"{'.'.join(str(x) for x in p['loc'][1:])}: {p['msg']}" for p in problems)
        return error_page(request, 422, text)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        response = respond(request, exc.status_code, exc.detail)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response
