"""One `View` -> an HTML page (Jinja2, autoescaped) or its JSON twin."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any
from urllib.parse import quote_plus, urlencode

import jinja2
from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates

from hadath.web.i18n import UiText, choose_language
from hadath.web.views import View


@functools.lru_cache(maxsize=1)
def templates() -> Jinja2Templates:
    folder = resources.files("hadath").joinpath("web/templates")
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        # Every template is HTML and every value is untrusted until proven otherwise.
        autoescape=True,
        undefined=jinja2.ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    from hadath.web import template_helpers

    environment.globals.update(template_helpers.GLOBALS)
    return Jinja2Templates(env=environment)


def wants_json(request: Request) -> bool:
    """`?format=json`, or an Accept header that names JSON before HTML (`*/*` is HTML)."""
    asked = request.query_params.get("format")
    if asked is not None:
        return asked == "json"
    for media in _accepted(request):
        if media in ("text/html", "application/xhtml+xml", "*/*", "text/*"):
            return False
        if media == "application/json":
            return True
    return False


def prefers_html(request: Request) -> bool:
    """A browser: HTML named in the Accept header (an error page for it, JSON for others)."""
    if request.query_params.get("format") == "json":
        return False
    return any(media in ("text/html", "application/xhtml+xml") for media in _accepted(request))


def _accepted(request: Request) -> list[str]:
    accept = request.headers.get("accept", "").lower()
    return [part.split(";")[0].strip() for part in accept.split(",") if part.strip()]


def render(request: Request, view: View, *, force_html: bool = False) -> Response:
    headers = {"X-Hadath-View": view.name}
    if wants_json(request) and not force_html:
        return JSONResponse(jsonable_encoder(view.data), status_code=view.status, headers=headers)
    return templates().TemplateResponse(
        request,
        view.template,
        page_context(request, view),
        status_code=view.status,
        headers=headers,
    )


def query_string(params: dict[str, Any]) -> str:
    """`urlencode(params)`, each key and value quoted once per process: a chart links each
    of its ~600 bars and points to its events, with the same few codes and dates in all of
    them (urlencode was a third of the actor page's rendering)."""
    return "&".join(f"{_quoted(str(k))}={_quoted(str(v))}" for k, v in params.items())


@functools.lru_cache(maxsize=8192)
def _quoted(text: str) -> str:
    return quote_plus(text)


def page_context(request: Request, view: View) -> dict[str, Any]:
    settings = request.app.state.settings
    lang = choose_language(request.query_params.get("lang"), settings.default_lang)
    ui = UiText(lang)
    keep_lang = {"lang": lang} if lang != settings.default_lang else {}

    def link(path: str, params: dict[str, Any] | None = None) -> str:
        query = {k: v for k, v in {**(params or {}), **keep_lang}.items() if v not in (None, "")}
        return f"{path}?{query_string(query)}" if query else path

    here = [(k, v) for k, v in request.query_params.multi_items() if k not in ("lang", "format")]
    other = "en" if lang == "ar" else "ar"
    switch = [*here, ("lang", other)] if other != settings.default_lang else here
    return {
        "d": view.data,
        "view": view,
        "ui": ui,
        "lang": lang,
        "default_lang": settings.default_lang,
        "dir": ui.direction,
        "link": link,
        "page_title": ui(view.title) if view.title else ui("app_name"),
        "lang_url": f"{request.url.path}?{urlencode(switch)}" if switch else request.url.path,
        "json_url": f"{request.url.path}?{urlencode([*here, ('format', 'json')])}",
        "path": request.url.path,
    }
