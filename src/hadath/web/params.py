"""Request parameters shared by the API and the pages, declared once for the OpenAPI docs."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request

from hadath.web.coder import TextCoder
from hadath.web.data import BadRequestError, EventFilters, Page, StoreData
from hadath.web.settings import WebSettings


def event_filters(
    *,
    actor: Annotated[str | None, Query(description="actor code as source or target")] = None,
    root: Annotated[str | None, Query(description="CAMEO root, two digits (04)")] = None,
    code: Annotated[str | None, Query(description="CAMEO code (043)")] = None,
    plover_type: Annotated[str | None, Query(description="PLOVER type (CONSULT)")] = None,
    quad_class: Annotated[str | None, Query(description="QuadClass 1-4")] = None,
    place: Annotated[str | None, Query(description="place name or country code")] = None,
    since: Annotated[str | None, Query(description="first day, YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="last day, YYYY-MM-DD")] = None,
    q: Annotated[str | None, Query(description="text search in the source sentences")] = None,
) -> EventFilters:
    return EventFilters.parse(
        {
            "actor": actor,
            "root": root,
            "code": code,
            "plover_type": plover_type,
            "quad_class": quad_class,
            "place": place,
            "since": since,
            "until": until,
            "q": q,
        }
    )


def settings_of(request: Request) -> WebSettings:
    settings: WebSettings = request.app.state.settings
    return settings


def coder_of(request: Request) -> TextCoder:
    coder: TextCoder = request.app.state.coder
    return coder


def store_of(request: Request) -> StoreData:
    data: StoreData = request.app.state.data
    return data


def page_of(
    request: Request,
    limit: Annotated[str | None, Query(description="rows per page, at most max_page_size")] = None,
    offset: Annotated[str | None, Query(description="rows to skip")] = None,
) -> Page:
    """A page of rows; a limit above the server's maximum is lowered to it, not refused."""
    settings = settings_of(request)
    wanted = _natural(limit, "limit", settings.default_page_size)
    skip = _natural(offset, "offset", 0)
    if wanted < 1:
        raise BadRequestError("limit must be at least 1")
    if skip > settings.max_offset:
        raise BadRequestError(f"offset must be at most {settings.max_offset}; narrow the filters")
    return Page(limit=min(wanted, settings.max_page_size), offset=skip)


def natural_number(value: str | None, name: str, default: int) -> int:
    return _natural(value, name, default)


def _natural(value: str | None, name: str, default: int) -> int:
    if value is None or value.strip() == "":
        return default
    if not value.strip().isdigit() or len(value.strip()) > 9:
        raise BadRequestError(f"{name} must be a whole number ≥ 0, not {value!r}")
    return int(value)
