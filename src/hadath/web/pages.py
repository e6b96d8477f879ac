"""The HTML pages. Each route calls one view function and hands its `View` to `render`,
which answers with HTML or, for `?format=json` / `Accept: application/json`, the JSON twin.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import Response

from hadath.web import views
from hadath.web.coder import TextCoder
from hadath.web.data import EventFilters, Page, StoreData
from hadath.web.params import (
    coder_of,
    event_filters,
    natural_number,
    page_of,
    settings_of,
    store_of,
)
from hadath.web.render import render
from hadath.web.settings import WebSettings

router = APIRouter(include_in_schema=False)

Store = Annotated[StoreData, Depends(store_of)]
Settings = Annotated[WebSettings, Depends(settings_of)]
Filters = Annotated[EventFilters, Depends(event_filters)]
Paging = Annotated[Page, Depends(page_of)]
Coder = Annotated[TextCoder, Depends(coder_of)]


@router.get("/")
def overview_page(request: Request, store: Store) -> Response:
    return render(request, views.overview(store))


@router.get("/events")
def events_page(request: Request, store: Store, filters: Filters, page: Paging) -> Response:
    return render(request, views.events_table(store, filters, page))


@router.get("/events/{event_id}")
def event_page(request: Request, store: Store, event_id: str) -> Response:
    return render(request, views.event_detail(store, event_id))


@router.get("/actors/{code}")
def actor_page(request: Request, store: Store, code: str) -> Response:
    return render(request, views.actor_page(store, code))


@router.get("/documents/{doc_id}")
def document_page(request: Request, store: Store, doc_id: str) -> Response:
    return render(request, views.document_page(store, doc_id))


@router.get("/network")
def network_page(
    request: Request,
    store: Store,
    settings: Settings,
    filters: Filters,
    min_weight: Annotated[str | None, Query()] = None,
) -> Response:
    weight = max(natural_number(min_weight, "min_weight", 1), 1)
    return render(request, views.network_page(store, filters, weight, settings))


@router.get("/timeline")
def timeline_page(
    request: Request, store: Store, filters: Filters, by: Annotated[str, Query()] = "quad_class"
) -> Response:
    return render(request, views.timeline_page(store, by, filters))


@router.get("/search")
def search_page(
    request: Request, store: Store, settings: Settings, q: Annotated[str | None, Query()] = None
) -> Response:
    return render(request, views.search_page(store, q, settings))


@router.get("/code")
def code_form(request: Request, coder: Coder, settings: Settings) -> Response:
    return render(request, views.code_page(coder, None, None, settings))


@router.post("/code")
def code_submit(
    request: Request,
    coder: Coder,
    settings: Settings,
    text: Annotated[str, Form()] = "",
    published: Annotated[str, Form()] = "",
) -> Response:
    return render(request, views.code_page(coder, text, published, settings))
