"""The one adapter between the web layer and the store's read API (hadath.store.queries).

The web layer never builds SQL: every read goes through a function of `queries`, which
parameterises its statements. Filters arrive parsed (`EventQuery`, the one parser of the
pages and the API), so a bad value is a 400 before any query runs.
"""

from __future__ import annotations

import copy
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hadath.model import Document
from hadath.store.filters import CodeMatch, EventQuery


class BadRequestError(ValueError):
    """A request parameter that cannot be used; shown to the user as a 400."""


class NotAcceptableError(ValueError):
    """A format the route cannot answer in (`?format=xml`); a 406."""


class NotFoundError(LookupError):
    """No such event, actor or document; shown as a 404."""


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int
    sort: str | None = None


class StoreData:
    """Reads of one open store, for every view and API route."""

    def __init__(self, store: Any) -> None:
        # No lock for reads: every queries function opens its own cursor (`Store.cursor()`),
        # and DuckDB cursors of one connection are safe across the server's worker threads.
        self._store = store
        # Summaries of the whole store (no filter): the home page's counts and chart, the
        # corpus's span, the outlets. They change only when the store does, and while the
        # server holds it no other process writes (docs/web.md), so they are computed once
        # and again after `add_text`. On 1M events they cost ~250 ms a page; every filtered
        # query is still computed for each request.
        self._summaries: dict[str, Any] = {}
        self._summaries_lock = threading.Lock()

    @classmethod
    def open(cls, db_dir: Path, *, writable: bool = False) -> StoreData:
        """Read-only unless the server enables writes (a read-only open takes no lock)."""
        from hadath.store import Store

        return cls(Store(db_dir, read_only=not writable))

    def close(self) -> None:
        close = getattr(self._store, "close", None)
        if close is not None:
            close()

    def _summary(self, key: str, name: str, *args: Any) -> Any:
        with self._summaries_lock:
            if key not in self._summaries:
                self._summaries[key] = self._call(name, *args)
            return copy.deepcopy(self._summaries[key])

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        from hadath.store import queries
        from hadath.store.filters import FilterError

        function = getattr(queries, name)
        try:
            return function(self._store, *args, **kwargs)
        except FilterError as error:  # a sort or code the parser let through to the query
            raise BadRequestError(str(error)) from None

    def events(self, query: EventQuery, page: Page, *, with_total: bool = True) -> dict[str, Any]:
        result: dict[str, Any] = self._call(
            "events",
            query,
            limit=page.limit,
            offset=page.offset,
            sort=page.sort,
            with_total=with_total,
        )
        return result

    def count(self, query: EventQuery) -> int:
        return int(self._call("count_events", query))

    def event_batches(self, query: EventQuery, sort: str | None) -> Any:
        """An Arrow RecordBatchReader of every event the query lists (downloads)."""
        from hadath.store.queries import order_by

        try:
            order_by(sort)  # a bad sort is a 400 before the download starts streaming
        except ValueError as error:
            raise BadRequestError(str(error)) from None
        return self._call("event_batches", query, sort)

    def event(self, event_id: str) -> dict[str, Any]:
        return self._found(self._call("event", event_id), "event", event_id)

    def actors(self, query: str | None, limit: int) -> list[dict[str, Any]]:
        result = self._call("actors", q=query, limit=limit)
        return list(result["actors"] if isinstance(result, dict) else result)

    def actor_profile(
        self,
        code: CodeMatch,
        query: EventQuery | None = None,
        *,
        chart: tuple[str, tuple[Any, Any] | None] | None = None,
    ) -> dict[str, Any]:
        """An actor's profile; with `chart=(by, span)` also its `series` (one scan)."""
        found = self._call("actor_profile", code, query, chart=chart)
        return self._found(found, "actor", str(code))

    def dyad_counts(
        self, query: EventQuery, *, chart: tuple[str, tuple[Any, Any] | None] | None = None
    ) -> dict[str, Any]:
        """The dyad's counts; with `chart=(by, span)` also its `series` (one scan)."""
        result: dict[str, Any] = self._call("dyad_counts", query, chart=chart)
        return result

    def network(
        self, query: EventQuery, *, nodes: int, min_weight: int, max_edges: int
    ) -> dict[str, Any]:
        result: dict[str, Any] = self._call(
            "network", query, nodes=nodes, min_weight=min_weight, max_edges=max_edges
        )
        return result

    def series(self, query: EventQuery, by: str) -> list[dict[str, Any]]:
        """`[{"day", "key", "count", "goldstein"}]`: dated events per day and key."""
        return list(self._call("series", query, by=by))

    def bucketed_series(
        self, query: EventQuery, by: str, span: tuple[Any, Any] | None
    ) -> dict[str, Any]:
        """Counts per day, week or month (`hadath.store.analytics.bucketed_series`)."""
        if query == EventQuery():
            key = f"series:{by}:{span}"
            whole: dict[str, Any] = self._summary(key, "bucketed_series", query, by, span)
            return whole
        result: dict[str, Any] = self._call("bucketed_series", query, by, span)
        return result

    def map_points(self, query: EventQuery) -> dict[str, Any]:
        result: dict[str, Any] = self._call("map_points", query)
        return result

    def corpus_span(self) -> dict[str, Any]:
        result: dict[str, Any] = self._summary("corpus_span", "corpus_span")
        return result

    def outlets(self) -> list[str]:
        return list(self._summary("outlets", "outlets"))

    def document(self, doc_id: str) -> dict[str, Any]:
        return self._found(self._call("document", doc_id), "document", doc_id)

    def search(self, text: str, limit: int) -> list[dict[str, Any]]:
        return list(self._call("search", text, limit=limit))

    def stats(self) -> dict[str, Any]:
        result: dict[str, Any] = self._summary("stats", "stats")
        return result

    def add_text(self, document: Document) -> dict[str, Any]:
        """Store one coded document (only reachable when the server allows writes)."""
        from hadath.store.dedup import merge_pending
        from hadath.store.indexing import sync_search
        from hadath.store.rows import document_rows

        written = self._store.write(document_rows(document))
        merge_pending(self._store)
        sync_search(self._store)
        with self._summaries_lock:
            self._summaries.clear()
        return {
            "id": document.id,
            "documents": written.documents,
            "reports": written.reports,
            "events": len(document.events),
        }

    @staticmethod
    def _found(value: dict[str, Any] | None, kind: str, key: str) -> dict[str, Any]:
        if not value:
            raise NotFoundError(f"no {kind} {key!r}")
        return value
