"""The HTML pages. Each route calls one view function and hands its `View` to `render`,
which answers with HTML or, for `?format=json` / `Accept: application/json`, the JSON twin.

A page with a filter form that gets a bad parameter answers 400 with the form still holding
what the user typed (`views.invalid`); a parameter the page does not know is such an error
too. `?format=` other than the page's formats is a 406.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from hadath.store.filters import FILTER_PARAMS, CodeMatch, EventQuery, FilterError
from hadath.web import views, views_analysis
from hadath.web.coder import TextCoder
from hadath.web.data import BadRequestError, StoreData
from hadath.web.downloads import download_response
from hadath.web.params import (
    DOWNLOAD_FORMATS,
    PAGING_PARAMS,
    answer_format,
    check_known,
    coder_of,
    natural_number,
    page_of,
    parse_query,
    settings_of,
    store_of,
)
from hadath.web.render import render
from hadath.web.settings import WebSettings
from hadath.web.views import View

router = APIRouter(include_in_schema=False)

Store = Annotated[StoreData, Depends(store_of)]
Settings = Annotated[WebSettings, Depends(settings_of)]
Coder = Annotated[TextCoder, Depends(coder_of)]

#: The actor page is about one actor and the dyad page about two: they take the other filters.
ACTOR_PAGE_PARAMS = frozenset(FILTER_PARAMS) - {"actor", "source", "target", "either", "dyad"}
DYAD_PAGE_PARAMS = frozenset(FILTER_PARAMS) - {"actor", "either", "dyad"}
NETWORK_PARAMS = frozenset({*FILTER_PARAMS, "nodes", "min_weight"})
DEFAULT_NETWORK_NODES = 40


def form_of(request: Request) -> dict[str, str]:
    """What the user typed, as typed (repeated keys joined), to put back into the form."""
    form: dict[str, str] = {}
    for key, value in request.query_params.multi_items():
        if key not in ("lang", "format"):
            form[key] = f"{form[key]},{value}" if key in form else value
    return form


def filter_page(
    request: Request,
    template: str,
    name: str,
    title: str,
    *,
    allowed: Iterable[str],
    build: Callable[[EventQuery, dict[str, str]], View],
) -> Response:
    """Parse and check the parameters, build the view; a bad one gives the form back."""
    answer_format(request)
    form = form_of(request)
    names = set(allowed)
    try:
        check_known(request, names)
        view = build(parse_query(request, names & set(FILTER_PARAMS)), form)
    except (BadRequestError, FilterError) as error:
        view = views.invalid(template, name, title, form, str(error))
    return render(request, view)


@router.get("/")
def overview_page(request: Request, store: Store) -> Response:
    answer_format(request)
    check_known(request, ())
    return render(request, views.overview(store))


@router.get("/events")
def events_page(request: Request, store: Store) -> Response:
    chosen = answer_format(request, ("html", "json", *DOWNLOAD_FORMATS))
    if chosen in DOWNLOAD_FORMATS:
        check_known(request, {*FILTER_PARAMS, *PAGING_PARAMS})
        page = page_of(request)
        return download_response(store.event_batches(parse_query(request), page.sort), chosen)

    def build(query: EventQuery, form: dict[str, str]) -> View:
        return views.events_table(store, query, page_of(request), form)

    allowed = {*FILTER_PARAMS, *PAGING_PARAMS}
    return filter_page(
        request, "events.html", "events_table", "nav_events", allowed=allowed, build=build
    )


@router.get("/events/{event_id}")
def event_page(request: Request, store: Store, event_id: str) -> Response:
    answer_format(request)
    check_known(request, ())
    return render(request, views.event_detail(store, event_id))


@router.get("/actors/{code}")
def actor_page(request: Request, store: Store, code: str) -> Response:
    def build(query: EventQuery, form: dict[str, str]) -> View:
        return views_analysis.actor_page(store, CodeMatch.parse(code, "actor"), query, form)

    return filter_page(
        request, "actor.html", "actor_page", code, allowed=ACTOR_PAGE_PARAMS, build=build
    )


@router.get("/dyad")
def dyad_page(request: Request, store: Store) -> Response:
    def build(query: EventQuery, form: dict[str, str]) -> View:
        return views_analysis.dyad_page(store, query, form)

    return filter_page(
        request, "dyad.html", "dyad_page", "dyad_page", allowed=DYAD_PAGE_PARAMS, build=build
    )


@router.get("/documents/{doc_id:path}")
def document_page(request: Request, store: Store, doc_id: str) -> Response:
    answer_format(request)
    check_known(request, ())
    return render(request, views.document_page(store, doc_id))


@router.get("/network")
def network_page(request: Request, store: Store, settings: Settings) -> Response:
    def build(query: EventQuery, form: dict[str, str]) -> View:
        nodes = network_nodes(request, settings)
        weight = max(natural_number(request.query_params.get("min_weight"), "min_weight", 1), 1)
        return views_analysis.network_page(
            store, query, nodes=nodes, min_weight=weight, settings=settings, form=form
        )

    return filter_page(
        request, "network.html", "network_page", "nav_network", allowed=NETWORK_PARAMS, build=build
    )


def network_nodes(request: Request, settings: WebSettings) -> int:
    nodes = natural_number(request.query_params.get("nodes"), "nodes", DEFAULT_NETWORK_NODES)
    if not 1 <= nodes <= settings.max_network_nodes:
        raise BadRequestError(f"nodes must be from 1 to {settings.max_network_nodes}, not {nodes}")
    return nodes


@router.get("/timeline")
def timeline_page(request: Request, store: Store) -> Response:
    def build(query: EventQuery, form: dict[str, str]) -> View:
        by = request.query_params.get("by") or "quad_class"
        return views_analysis.timeline_page(store, query, by, form)

    allowed = {*FILTER_PARAMS, "by"}
    return filter_page(
        request, "timeline.html", "timeline_page", "nav_timeline", allowed=allowed, build=build
    )


@router.get("/map")
def map_page(request: Request, store: Store) -> Response:
    def build(query: EventQuery, form: dict[str, str]) -> View:
        return views_analysis.map_page(store, query, form)

    return filter_page(
        request, "map.html", "map_page", "nav_map", allowed=FILTER_PARAMS, build=build
    )


@router.get("/search")
def search_page(request: Request, store: Store, settings: Settings) -> Response:
    answer_format(request)
    check_known(request, {"q"})
    return render(request, views.search_page(store, request.query_params.get("q"), settings))


@router.get("/code")
def code_form(request: Request, coder: Coder, settings: Settings) -> Response:
    answer_format(request)
    check_known(request, ())
    return render(request, views.code_page(coder, None, None, settings))


@router.post("/code")
def code_submit(
    request: Request,
    coder: Coder,
    settings: Settings,
    text: Annotated[str, Form()] = "",
    published: Annotated[str, Form()] = "",
) -> Response:
    answer_format(request)
    return render(request, views.code_page(coder, text, published, settings))
