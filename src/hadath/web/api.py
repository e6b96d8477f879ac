"""The JSON API under /api: thin routes over `StoreData`; the OpenAPI schema documents them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from hadath.web.coder import TextCoder
from hadath.web.data import BadRequestError, EventFilters, Page, StoreData
from hadath.web.params import (
    coder_of,
    event_filters,
    natural_number,
    page_of,
    settings_of,
    store_of,
)
from hadath.web.settings import WebSettings
from hadath.web.views import code_text, published_date, timeline_page

router = APIRouter(prefix="/api", tags=["api"])

Store = Annotated[StoreData, Depends(store_of)]
Settings = Annotated[WebSettings, Depends(settings_of)]
Filters = Annotated[EventFilters, Depends(event_filters)]
Paging = Annotated[Page, Depends(page_of)]
Coder = Annotated[TextCoder, Depends(coder_of)]
JSONDict = dict[str, Any]


@router.get("/events", summary="Events matching the filters, newest first, one page")
def api_events(store: Store, filters: Filters, page: Paging) -> JSONDict:
    result = store.events(filters, page)
    return {**result, "limit": page.limit, "offset": page.offset, "filters": filters.as_query()}


@router.get("/events/{event_id}", summary="One event with every report and its evidence")
def api_event(store: Store, event_id: str) -> JSONDict:
    return store.event(event_id)


@router.get("/actors", summary="Actors by code or name, with their event counts")
def api_actors(
    store: Store,
    settings: Settings,
    q: Annotated[str | None, Query(description="part of a code or name")] = None,
    limit: Annotated[str | None, Query(description="at most this many")] = None,
) -> JSONDict:
    wanted = min(natural_number(limit, "limit", settings.default_page_size), settings.max_page_size)
    return {"actors": store.actors(q, wanted)}


@router.get("/actors/{code}", summary="An actor's profile: roles over time, partners, counts")
def api_actor(store: Store, code: str) -> JSONDict:
    return store.actor_profile(code.upper())


@router.get("/network", summary="Weighted actor-to-actor edges over the filtered events")
def api_network(
    store: Store,
    settings: Settings,
    filters: Filters,
    min_weight: Annotated[str | None, Query(description="drop edges with fewer events")] = None,
    limit: Annotated[str | None, Query(description="at most this many edges")] = None,
) -> JSONDict:
    weight = max(natural_number(min_weight, "min_weight", 1), 1)
    edges = min(
        natural_number(limit, "limit", settings.max_network_edges), settings.max_network_edges
    )
    return store.network(filters, weight, edges)


@router.get("/timeline", summary="Event counts per day by QuadClass or CAMEO root")
def api_timeline(
    store: Store,
    filters: Filters,
    by: Annotated[str, Query(description="quad_class or root")] = "quad_class",
) -> JSONDict:
    return timeline_page(store, by, filters).data


@router.get("/documents/{doc_id}", summary="A document with its highlighted spans as offsets")
def api_document(store: Store, doc_id: str) -> JSONDict:
    return store.document(doc_id)


@router.get("/search", summary="Sentences whose normalised text matches")
def api_search(
    store: Store,
    settings: Settings,
    q: Annotated[str, Query(description="words to find", min_length=1, max_length=200)],
    limit: Annotated[str | None, Query(description="at most this many")] = None,
) -> JSONDict:
    wanted = min(natural_number(limit, "limit", settings.default_page_size), settings.max_page_size)
    return {"q": q, "sentences": store.search(q, wanted)}


@router.get("/stats", summary="Counts: documents, events, by root and QuadClass, top actors")
def api_stats(store: Store) -> JSONDict:
    return store.stats()


class CodeRequest(BaseModel):
    text: str = Field(description="Arabic article text; coded, never stored")
    published: str | None = Field(default=None, description="publication date YYYY-MM-DD")


@router.post("/code", summary="Code posted text without storing it (size-limited)")
def api_code(coder: Coder, settings: Settings, body: CodeRequest) -> JSONDict:
    return code_text(coder, body.text, body.published, settings)


def writing_router() -> APIRouter:
    """Routes that change the store; mounted only when writes are enabled (see app.py)."""
    writes = APIRouter(prefix="/api", tags=["writes"])

    @writes.post("/documents", summary="Code a text and add it to the store (needs the token)")
    def api_add_document(
        request: Request, store: Store, coder: Coder, body: CodeRequest
    ) -> JSONDict:
        from hadath.web.app import require_write_token

        require_write_token(request)
        settings = settings_of(request)
        if len(body.text) > settings.max_code_chars:
            raise BadRequestError(f"text is longer than {settings.max_code_chars} characters")
        return store.add_text(coder.code(body.text, published_date(body.published)))

    return writes
