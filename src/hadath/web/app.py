"""The FastAPI application: `create_app(db_dir, settings=...)`.

Read-only unless `settings.allow_writes` (then every writing route needs the bearer token).
The OpenAPI schema is at /api/openapi.json and rendered by our own page at /api/docs:
FastAPI's Swagger page loads its scripts from a CDN, which the no-external-requests rule
and the Content-Security-Policy both forbid.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from hadath.store.filters import FilterError
from hadath.web.coder import TextCoder
from hadath.web.data import BadRequestError, NotAcceptableError, NotFoundError, StoreData
from hadath.web.render import prefers_html, render
from hadath.web.security import SecurityMiddleware, token_matches
from hadath.web.settings import WebSettings
from hadath.web.views import View


def create_app(
    db_dir: Path | str,
    *,
    settings: WebSettings | None = None,
    data: StoreData | None = None,
) -> FastAPI:
    """The web app over the store in `db_dir` (or over an already open `data`)."""
    settings = settings or WebSettings()
    writable = settings.allow_writes
    store = data if data is not None else StoreData.open(Path(db_dir), writable=writable)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        freeze_tables()
        try:
            yield
        finally:
            gc.unfreeze()  # the tables may be collected again (tests start many apps)
            if data is None:  # we opened it, we close it
                store.close()

    app = FastAPI(
        title="hadath",
        summary="Arabic political event data: events, actors, evidence",
        version=_version(),
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.data = store
    app.state.coder = TextCoder()
    _mount_routes(app, settings)
    _add_error_handlers(app)
    app.add_middleware(SecurityMiddleware, max_body_bytes=settings.max_body_bytes)
    return app


def freeze_tables() -> None:
    """Load the tables every page reads (dictionaries, code table, templates, gazetteer)
    and move them, with everything else alive at start, out of the garbage collector's
    reach (`gc.freeze`).

    Why: a full collection walks every live object, ~110,000 after one actor page, and took
    100-180 ms on a loaded machine; a heavy page triggered one every ~10 requests, which
    made the actor pages' p95 twice their median (/actors/SAUGOV at load 7: 155 ms median,
    340 ms p95; frozen, collections take 1-15 ms)."""
    from hadath.store.filters import place_candidates
    from hadath.web import names, render, template_helpers

    names.actor_names("SAU")
    names.country_names("SA")
    names.cameo_names("01")
    template_helpers.filter_choices()
    environment = render.templates().env
    for name in environment.list_templates():
        environment.get_template(name)
    place_candidates("صنعاء")
    gc.collect()
    gc.freeze()


def _mount_routes(app: FastAPI, settings: WebSettings) -> None:
    from hadath.web import api, docs_page, pages

    app.include_router(api.router)
    if settings.allow_writes:
        app.include_router(api.writing_router())
    app.include_router(docs_page.router)
    app.include_router(pages.router)
    static = resources.files("hadath").joinpath("web/static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")


def require_write_token(request: Request) -> None:
    settings: WebSettings = request.app.state.settings
    if not settings.allow_writes:
        raise HTTPException(status_code=403, detail="writes are disabled on this server")
    if not token_matches(request.headers.get("authorization"), settings.write_token):
        raise HTTPException(
            status_code=401,
            detail="a valid bearer token is required",
            headers={"WWW-Authenticate": "Bearer"},
        )


def _add_error_handlers(app: FastAPI) -> None:
    async def bad_request(request: Request, error: Exception) -> Response:
        return _error(request, 400, str(error))

    async def not_acceptable(request: Request, error: Exception) -> Response:
        return _error(request, 406, str(error))

    async def not_found(request: Request, error: Exception) -> Response:
        return _error(request, 404, str(error))

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        if error.status_code in (401, 403):  # the writing routes: keep their headers
            return JSONResponse(
                {"detail": error.detail}, status_code=error.status_code, headers=error.headers
            )
        return _error(request, error.status_code, str(error.detail))

    async def invalid(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": error.errors()}, status_code=422)
        return _error(request, 400, "invalid request parameters")

    app.add_exception_handler(BadRequestError, bad_request)
    app.add_exception_handler(FilterError, bad_request)
    app.add_exception_handler(NotAcceptableError, not_acceptable)
    app.add_exception_handler(NotFoundError, not_found)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)


def _error(request: Request, status: int, message: str) -> Response:
    """JSON for the API and for clients that do not ask for HTML; a page for browsers."""
    if request.url.path.startswith("/api/") or not prefers_html(request):
        return JSONResponse({"detail": message}, status_code=status)
    titles = {404: "not_found", 406: "not_acceptable", 405: "not_allowed"}
    view = View(
        "error.html",
        {"status": status, "detail": message},
        status,
        titles.get(status, "bad_request"),
        "error",
    )
    return render(request, view, force_html=True)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("hadath")
    except PackageNotFoundError:
        return "0"
