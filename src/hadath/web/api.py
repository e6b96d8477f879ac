"""The JSON API under /api: thin routes over `StoreData`; the OpenAPI schema documents them.

The event filters are the pages' (one parser, `hadath.store.filters.EventQuery.parse`),
declared once for the schema from `FILTER_PARAMS`. A parameter a route does not take is a
400, a format it cannot give a 406.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from hadath.store.filters import FILTER_PARAMS, CodeMatch, EventQuery, FilterError
from hadath.web.coder import TextCoder
from hadath.web.data import BadRequestError, Page, StoreData
from hadath.web.downloads import download_response
from hadath.web.names import actor_names, with_names
from hadath.web.pages import ACTOR_PAGE_PARAMS, NETWORK_PARAMS, network_nodes
from hadath.web.params import (
    DOWNLOAD_FORMATS,
    PAGING_PARAMS,
    answer_format,
    api_filters,
    check_known,
    coder_of,
    natural_number,
    paging_params,
    settings_of,
    store_of,
)
from hadath.web.settings import WebSettings
from hadath.web.views import code_text, published_date
from hadath.web.views_analysis import SERIES_BY

router = APIRouter(prefix="/api", tags=["api"])

Store = Annotated[StoreData, Depends(store_of)]
Settings = Annotated[WebSettings, Depends(settings_of)]
Filters = Annotated[EventQuery, Depends(api_filters())]
Paging = Annotated[Page, Depends(paging_params())]
Coder = Annotated[TextCoder, Depends(coder_of)]
JSONDict = dict[str, Any]
Format = Annotated[str | None, Query(description="json, or csv / jsonl / parquet to download")]


def known(*names: str | frozenset[str] | set[str]) -> Any:
    """A dependency refusing any parameter outside `names` (plus lang and format)."""
    allowed: set[str] = set()
    for name in names:
        allowed |= {name} if isinstance(name, str) else set(name)

    def check(request: Request) -> None:
        check_known(request, allowed)
        answer_format(request, ("json", *DOWNLOAD_FORMATS) if "limit" in allowed else ("json",))

    return Depends(check)


@router.get(
    "/events",
    summary="Events matching the filters, one page (or every one as csv, jsonl or parquet)",
    dependencies=[known(frozenset(FILTER_PARAMS), frozenset(PAGING_PARAMS))],
)
def api_events(
    request: Request, store: Store, filters: Filters, page: Paging, format: Format = None
) -> Any:
    del format  # declared for the docs; answer_format reads it with the Accept header
    chosen = answer_format(request, ("json", *DOWNLOAD_FORMATS))
    if chosen in DOWNLOAD_FORMATS:
        return download_response(store.event_batches(filters, page.sort), chosen)
    result = store.events(filters, page)
    events = [with_names(e) for e in result["events"]]
    return {
        "total": result["total"],
        "events": events,
        "limit": page.limit,
        "offset": page.offset,
        "sort": page.sort or "-date",
        "filters": filters.as_query(),
    }


@router.get("/events/{event_id}", summary="One event with every report and its evidence")
def api_event(store: Store, event_id: str, _: None = known()) -> JSONDict:
    record = with_names(store.event(event_id))
    record["reports"] = [with_names(r) for r in record.get("reports", [])]
    return record


@router.get("/actors", summary="Actors by code or name, with their mention counts")
def api_actors(
    store: Store,
    settings: Settings,
    q: Annotated[str | None, Query(description="part of a code or name")] = None,
    limit: Annotated[str | None, Query(description="at most this many")] = None,
    _: None = known("q", "limit"),
) -> JSONDict:
    wanted = min(natural_number(limit, "limit", settings.default_page_size), settings.max_page_size)
    found = store.actors(q, wanted)
    return {"actors": [{**a, "names": actor_names(a["code"])} for a in found]}


# The path parameter is not called `code`: that name is the CAMEO code filter's.
@router.get("/actors/{actor_code}", summary="An actor (SAU, or SAU* with the codes under it)")
def api_actor(
    store: Store, filters: Filters, actor_code: str, _: None = known(ACTOR_PAGE_PARAMS)
) -> JSONDict:
    try:
        match = CodeMatch.parse(actor_code, "actor")
    except FilterError as error:
        raise BadRequestError(str(error)) from None
    profile = store.actor_profile(match, filters)
    return {**profile, "names": actor_names(match.code), "names_in_articles": profile["names"]}


@router.get("/network", summary="The top actors by events and the edges between them")
def api_network(
    request: Request,
    *,
    store: Store,
    settings: Settings,
    filters: Filters,
    nodes: Annotated[str | None, Query(description="how many actors (top by events)")] = None,
    min_weight: Annotated[str | None, Query(description="drop edges with fewer events")] = None,
    limit: Annotated[str | None, Query(description="at most this many edges")] = None,
    _: None = known(NETWORK_PARAMS, "limit"),
) -> JSONDict:
    del nodes
    weight = max(natural_number(min_weight, "min_weight", 1), 1)
    edges = min(
        natural_number(limit, "limit", settings.max_network_edges), settings.max_network_edges
    )
    graph = store.network(
        filters,
        nodes=network_nodes(request, settings),
        min_weight=weight,
        max_edges=edges,
    )
    graph["nodes"] = [{**n, "names": actor_names(n["id"])} for n in graph["nodes"]]
    return graph


@router.get("/timeline", summary="Dated event counts per day by QuadClass or CAMEO root")
def api_timeline(
    store: Store,
    filters: Filters,
    by: Annotated[str, Query(description="quad_class or root")] = "quad_class",
    _: None = known(frozenset(FILTER_PARAMS), "by"),
) -> JSONDict:
    if by not in SERIES_BY:
        raise BadRequestError(f"by must be quad_class or root, not {by!r}")
    counts = store.series(filters, by)
    return {"by": by, "filters": filters.as_query(), "counts": counts}


@router.get("/map", summary="Places and countries of the filtered events, with counts")
def api_map(store: Store, filters: Filters, _: None = known(frozenset(FILTER_PARAMS))) -> JSONDict:
    return {"filters": filters.as_query(), **store.map_points(filters)}


@router.get("/documents/{doc_id:path}", summary="A document with its highlighted spans as offsets")
def api_document(store: Store, doc_id: str, _: None = known()) -> JSONDict:
    return store.document(doc_id)


@router.get("/search", summary="Sentences whose normalised text matches")
def api_search(
    store: Store,
    settings: Settings,
    q: Annotated[str, Query(description="words to find", min_length=1, max_length=200)],
    limit: Annotated[str | None, Query(description="at most this many")] = None,
    _: None = known("q", "limit"),
) -> JSONDict:
    wanted = min(natural_number(limit, "limit", settings.default_page_size), settings.max_page_size)
    return {"q": q, "sentences": store.search(q, wanted)}


@router.get("/stats", summary="Counts: documents, events, by root and QuadClass, top actors")
def api_stats(store: Store, _: None = known()) -> JSONDict:
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
