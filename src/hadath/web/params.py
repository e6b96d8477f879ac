"""Request parameters shared by the API and the pages: one parser for both.

Filters are parsed by `hadath.store.filters.EventQuery.parse` for every page and API route;
this module adds what is the web's own: paging, sorting, the answer's format, and refusing
parameters a route does not know (`?colour=red` is a 400 naming the known ones, not a page
that silently ignores it).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from typing import Annotated, Any

from fastapi import Query, Request

from hadath.store.filters import FILTER_PARAMS, EventQuery, FilterError
from hadath.web.coder import TextCoder
from hadath.web.data import BadRequestError, NotAcceptableError, Page, StoreData
from hadath.web.settings import WebSettings

#: Accepted by every route: the page language and the answer's format.
COMMON_PARAMS = frozenset({"lang", "format"})
PAGING_PARAMS = frozenset({"limit", "offset", "sort"})
#: Downloads a list of events can be answered as (`?format=csv`), besides html and json.
DOWNLOAD_FORMATS = ("csv", "jsonl", "parquet")
_MEDIA = {
    "html": ("text/html", "application/xhtml+xml"),
    "json": ("application/json",),
    "csv": ("text/csv",),
    "jsonl": ("application/x-ndjson", "application/jsonl"),
    "parquet": ("application/vnd.apache.parquet", "application/octet-stream"),
}


def check_known(request: Request, allowed: Iterable[str]) -> None:
    """Refuse parameters the route does not take, naming the ones it does."""
    known = COMMON_PARAMS | set(allowed)
    unknown = sorted({key for key in request.query_params if key not in known})
    if unknown:
        raise BadRequestError(
            f"unknown parameter {', '.join(unknown)}; this page takes {', '.join(sorted(known))}"
        )


def parse_query(request: Request, allowed: Iterable[str] = FILTER_PARAMS) -> EventQuery:
    """The request's event filters (only the `allowed` names) through the one parser."""
    names = set(allowed)
    items = [(k, v) for k, v in request.query_params.multi_items() if k in names]
    try:
        return EventQuery.parse(items)
    except FilterError as error:
        raise BadRequestError(str(error)) from None


def answer_format(request: Request, formats: Iterable[str] = ("html", "json")) -> str:
    """The format the client asked for: `?format=`, else the Accept header, else the first
    of `formats`. A format the route cannot give is a 406, never a silent HTML page."""
    offered = list(formats)
    asked = request.query_params.get("format")
    if asked is not None:
        if asked not in offered:
            raise NotAcceptableError(f"format must be one of {', '.join(offered)}, not {asked!r}")
        return asked
    accept = request.headers.get("accept", "").lower()
    if not accept.strip():
        return offered[0]
    ranges = [part.split(";")[0].strip() for part in accept.split(",") if part.strip()]
    for media in ranges:
        if media in ("*/*", "text/*", "application/*"):
            return offered[0]
        for name in offered:
            if media in _MEDIA.get(name, ()):
                return name
    raise NotAcceptableError(f"cannot answer {accept!r}; this route gives {', '.join(offered)}")


def api_filters() -> Callable[..., EventQuery]:
    """A FastAPI dependency declaring every filter for the OpenAPI docs (from FILTER_PARAMS,
    so the list is written once) and parsing them with the one parser."""

    def dependency(request: Request, **_: Any) -> EventQuery:
        return parse_query(request)

    parameters = [inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY, annotation=Request)]
    for name, help_text in FILTER_PARAMS.items():
        kind = list[str] | None if name == "hide" else str | None
        parameters.append(
            inspect.Parameter(
                name,
                inspect.Parameter.KEYWORD_ONLY,
                default=None,
                annotation=Annotated[kind, Query(description=help_text)],
            )
        )
    dependency.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    return dependency


def settings_of(request: Request) -> WebSettings:
    settings: WebSettings = request.app.state.settings
    return settings


def coder_of(request: Request) -> TextCoder:
    coder: TextCoder = request.app.state.coder
    return coder


def store_of(request: Request) -> StoreData:
    data: StoreData = request.app.state.data
    return data


def page_of(request: Request) -> Page:
    """The page of rows asked for; a limit above the server's maximum is lowered to it."""
    settings = settings_of(request)
    wanted = natural_number(request.query_params.get("limit"), "limit", settings.default_page_size)
    skip = natural_number(request.query_params.get("offset"), "offset", 0)
    if wanted < 1:
        raise BadRequestError("limit must be at least 1")
    if skip > settings.max_offset:
        raise BadRequestError(f"offset must be at most {settings.max_offset}; narrow the filters")
    sort = request.query_params.get("sort") or None
    return Page(limit=min(wanted, settings.max_page_size), offset=skip, sort=sort)


def paging_params() -> Callable[..., Page]:
    """`page_of` with limit, offset and sort declared for the OpenAPI docs."""

    def dependency(
        request: Request,
        limit: Annotated[
            str | None, Query(description="rows per page, at most max_page_size")
        ] = None,
        offset: Annotated[str | None, Query(description="rows to skip")] = None,
        sort: Annotated[
            str | None,
            Query(description="date, mentions, confidence, goldstein, cameo, …; -name descends"),
        ] = None,
    ) -> Page:
        del limit, offset, sort  # read from the request by page_of, declared for the docs
        return page_of(request)

    return dependency


def natural_number(value: str | None, name: str, default: int) -> int:
    if value is None or value.strip() == "":
        return default
    if not value.strip().isdigit() or len(value.strip()) > 9:
        raise BadRequestError(f"{name} must be a whole number ≥ 0, not {value!r}")
    return int(value)
