"""The web application: JSON API under /api, server-rendered pages elsewhere.

``create_app`` is the one entry point; ``warta serve`` and the tests both use
it. The app is a thin shell over the store API: every endpoint is one or two
store calls, so what the page shows is exactly what the library returns.
"""

from __future__ import annotations

import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import HTTPException, RequestValidationError
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import views
from .auth import ensure_schema

# The page loads only its own stylesheet and script; anything injected into
# the HTML (should escaping ever fail) could not load or run inline script.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]


class ThreadStore:
    """The store of whichever thread calls it: ``proxy.events(...)`` runs on that thread's connection."""

    def __init__(self, access: StoreAccess):
        self._access = access

    def __getattr__(self, name: str) -> Any:
        return getattr(self._access.get(), name)


class StoreAccess:
    """One store connection per server thread.

    SQLite connections must not be shared across threads, and the server runs
    blocking endpoints on a pool of worker threads; a connection per thread
    lets reads run side by side (the store uses WAL), while writes take
    ``write_lock`` so that concurrent ingests queue instead of failing.
    """

    def __init__(self, url: str):
        self.url = url
        self.write_lock = threading.Lock()
        self._local = threading.local()
        self._all: list[Any] = []
        self._guard = threading.Lock()
        self.proxy = ThreadStore(self)

    def get(self) -> Any:
        store = getattr(self._local, "store", None)
        if store is None:
            from ..store import open_store

            store = open_store(self.url)
            self._local.store = store
            with self._guard:
                self._all.append(store)
        return store

    def close(self) -> None:
        """Close every connection opened so far (at shutdown)."""
        with self._guard:
            stores, self._all = self._all, []
        for store in stores:
            try:
                store.close()
            except Exception:  # noqa: BLE001 - a connection owned by a finished thread
                pass


class SecurityHeaders:
    """Adds the security headers to every response (plain ASGI: no per-request cost)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _templates() -> Jinja2Templates:
    """The page templates, with autoescaping on for every template."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("warta.web", "templates"),
        autoescape=True,
        undefined=jinja2.ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = views.safe_url
    env.filters["urlencode_with"] = views.urlencode_with
    env.filters["snippet"] = views.snippet
    return Jinja2Templates(env=env)


def _is_page(request: Request) -> bool:
    return not request.url.path.startswith("/api") and request.url.path != "/openapi.json"


def _install_error_pages(app: FastAPI) -> None:
    """Errors are JSON under /api and an HTML page for the browser elsewhere."""

    @app.exception_handler(HTTPException)
    async def on_http_error(request: Request, exc: HTTPException) -> Any:
        if not _is_page(request):
            return await http_exception_handler(request, exc)
        return app.state.templates.TemplateResponse(
            request,
            "error.html",
            {"status": exc.status_code, "message": exc.detail, "q": ""},
            status_code=exc.status_code,
            headers=exc.headers,
        )

    @app.exception_handler(RequestValidationError)
    async def on_bad_request(request: Request, exc: RequestValidationError) -> Any:
        if not _is_page(request):
            return await request_validation_exception_handler(request, exc)
        fields = ", ".join(str(e.get("loc", ["?"])[-1]) for e in exc.errors())
        return app.state.templates.TemplateResponse(
            request,
            "error.html",
            {"status": 400, "message": f"invalid value for: {fields}", "q": ""},
            status_code=400,
        )


def _declare_closed_reads(app: FastAPI) -> None:
    """Mark every API read as needing the bearer token in the OpenAPI schema."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = build()
        for ops in schema["paths"].values():
            for op in ops.values():
                op.setdefault("security", [{"HTTPBearer": []}])
                op["responses"].setdefault("401", {"description": "missing or invalid API token"})
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def create_app(store_url: str, *, open_reads: bool = True) -> FastAPI:
    """The warta web app over the store at ``store_url``.

    With ``open_reads=False`` every read (API and pages) needs an API token as
    well; writes always do.
    """
    from .api import router as api_router
    from .pages import router as page_router

    stores = StoreAccess(store_url)
    ensure_schema(stores.get())

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        stores.close()

    app = FastAPI(
        lifespan=lifespan,
        title="warta",
        summary="Structured knowledge from Indonesian online news.",
        description=(
            "Articles with their entities, quotations and CAMEO/PLOVER events, and the "
            "stories they form. Lists are paged with `limit` and `offset`; `next_offset` "
            "is null on the last page. Writing needs an API token (`warta token create`) "
            "sent as `Authorization: Bearer <token>`."
        ),
        version="1",
        docs_url=None,  # the bundled API explorers load assets from a CDN
        redoc_url=None,
    )
    app.state.stores = stores
    app.state.open_reads = open_reads
    app.state.templates = _templates()
    app.include_router(api_router)
    app.include_router(page_router)
    static = files("warta.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.add_middleware(SecurityHeaders)
    _install_error_pages(app)
    if not open_reads:
        _declare_closed_reads(app)

    return app


#: Where ``app_from_environment`` finds its settings (set by ``warta serve --workers``).
ENV_STORE = "WARTA_SERVE_STORE"
ENV_OPEN_READS = "WARTA_SERVE_OPEN_READS"


def app_from_environment() -> FastAPI:
    """The app for each worker process of a multi-process server.

    Worker processes import the app by name, so its settings travel through
    the environment rather than as arguments.
    """
    return create_app(os.environ[ENV_STORE], open_reads=os.environ.get(ENV_OPEN_READS) != "0")
