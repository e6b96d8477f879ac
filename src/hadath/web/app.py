"""The FastAPI application: `create_app(db_dir, settings=...)`.

Read-only unless `settings.allow_writes` (then every writing route needs the bearer token).
The OpenAPI schema is at /api/openapi.json and rendered by our own page at /api/docs:
FastAPI's Swagger page loads its scripts from a CDN, which the no-external-requests rule
and the Content-Security-Policy both forbid.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from hadath.web.coder import TextCoder
from hadath.web.data import BadRequestError, NotFoundError, StoreData
from hadath.web.render import render, wants_json
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
        yield
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

    async def not_found(request: Request, error: Exception) -> Response:
        return _error(request, 404, str(error))

    async def invalid(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": error.errors()}, status_code=422)
        return _error(request, 400, "invalid request parameters")

    app.add_exception_handler(BadRequestError, bad_request)
    app.add_exception_handler(NotFoundError, not_found)
    app.add_exception_handler(RequestValidationError, invalid)


def _error(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/") or wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    title = "not_found" if status == 404 else "bad_request"
    view = View("error.html", {"status": status, "detail": message}, status, title, "error")
    return render(request, view)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("hadath")
    except PackageNotFoundError:
        return "0"
