"""The one adapter between the web layer and the store's read API (hadath.store.queries).

The web layer never builds SQL: every read goes through a function of `queries`, which
parameterises its statements. Requests arrive as strings; `EventFilters.parse` validates
them once (dates, QuadClass, codes) so a bad value is a 400, not a database error.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from hadath.model import Document


class BadRequestError(ValueError):
    """A request parameter that cannot be used; shown to the user as a 400."""


class NotFoundError(LookupError):
    """No such event, actor or document; shown as a 404."""


_ROOT = re.compile(r"^\d{2}$")
_CAMEO = re.compile(r"^\d{2,4}$")
_TEXT_LIMIT = 200  # characters of a filter value; longer is not a filter, it is an attack


@dataclass(frozen=True)
class EventFilters:
    """What the events table, the network and the timeline filter on."""

    actor: str | None = None
    root: str | None = None
    code: str | None = None
    plover_type: str | None = None
    quad_class: int | None = None
    place: str | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None

    @classmethod
    def parse(cls, params: dict[str, str | None]) -> EventFilters:
        """From query parameters (`q` is the text search); empty strings mean no filter."""
        value = {k: _clean(v) for k, v in params.items()}
        return cls(
            actor=_upper(value.get("actor")),
            root=_matching(value.get("root"), _ROOT, "root", "two digits, e.g. 04"),
            code=_matching(value.get("code"), _CAMEO, "code", "a CAMEO code, e.g. 043"),
            plover_type=_upper(value.get("plover_type")),
            quad_class=_quad_class(value.get("quad_class")),
            place=value.get("place"),
            since=_iso_date(value.get("since"), "since"),
            until=_iso_date(value.get("until"), "until"),
            text=value.get("q") or value.get("text"),
        )

    def as_kwargs(self) -> dict[str, Any]:
        """Keyword arguments of the queries functions: only the filters that are set."""
        return {k: v for k, v in asdict(self).items() if v is not None}

    def as_query(self) -> dict[str, str]:
        """The filters as URL query parameters (text search as `q`), for links and forms."""
        query = {k: str(v) for k, v in self.as_kwargs().items()}
        if "text" in query:
            query["q"] = query.pop("text")
        return query


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if len(value) > _TEXT_LIMIT:
        raise BadRequestError(f"a filter value is longer than {_TEXT_LIMIT} characters")
    return value or None


def _upper(value: str | None) -> str | None:
    return value.upper() if value else None


def _matching(value: str | None, pattern: re.Pattern[str], name: str, want: str) -> str | None:
    if value is None:
        return None
    if not pattern.match(value):
        raise BadRequestError(f"{name} must be {want}, not {value!r}")
    return value


def _quad_class(value: str | None) -> int | None:
    if value is None:
        return None
    if value not in ("1", "2", "3", "4"):
        raise BadRequestError(f"quad_class must be 1, 2, 3 or 4, not {value!r}")
    return int(value)


def _iso_date(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadRequestError(f"{name} must be a date YYYY-MM-DD, not {value!r}") from None


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int


class StoreData:
    """Reads of one open store, for every view and API route."""

    def __init__(self, store: Any) -> None:
        # No lock: every queries function opens its own cursor (`Store.cursor()`), and DuckDB
        # cursors of one connection are safe across the server's worker threads.
        self._store = store

    @classmethod
    def open(cls, db_dir: Path, *, writable: bool = False) -> StoreData:
        """Read-only unless the server enables writes (a read-only open takes no lock)."""
        from hadath.store import Store

        return cls(Store(db_dir, read_only=not writable))

    def close(self) -> None:
        close = getattr(self._store, "close", None)
        if close is not None:
            close()

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        from hadath.store import queries

        function = getattr(queries, name)
        return function(self._store, *args, **kwargs)

    def events(self, filters: EventFilters, page: Page) -> dict[str, Any]:
        result: dict[str, Any] = self._call(
            "events", **filters.as_kwargs(), limit=page.limit, offset=page.offset
        )
        return result

    def event(self, event_id: str) -> dict[str, Any]:
        return self._found(self._call("event", event_id), "event", event_id)

    def actors(self, query: str | None, limit: int) -> list[dict[str, Any]]:
        result = self._call("actors", q=query, limit=limit)
        return list(result["actors"] if isinstance(result, dict) else result)

    def actor_profile(self, code: str) -> dict[str, Any]:
        return self._found(self._call("actor_profile", code), "actor", code)

    def network(self, filters: EventFilters, min_weight: int, limit: int) -> dict[str, Any]:
        result: dict[str, Any] = self._call(
            "dyads", **filters.as_kwargs(), min_weight=min_weight, limit=limit
        )
        return result

    def timeline(self, by: str, filters: EventFilters) -> list[dict[str, Any]]:
        """`[{"day", "key", "count"}]`: events per day and QuadClass or root."""
        return list(self._call("timeline", by=by, **filters.as_kwargs()))

    def document(self, doc_id: str) -> dict[str, Any]:
        return self._found(self._call("document", doc_id), "document", doc_id)

    def search(self, text: str, limit: int) -> list[dict[str, Any]]:
        return list(self._call("search", text, limit=limit))

    def stats(self) -> dict[str, Any]:
        result: dict[str, Any] = self._call("stats")
        return result

    def add_text(self, document: Document) -> dict[str, Any]:
        """Store one coded document (only reachable when the server allows writes)."""
        from hadath.store.dedup import merge_pending
        from hadath.store.indexing import sync_search
        from hadath.store.rows import document_rows

        written = self._store.write(document_rows(document))
        merge_pending(self._store)
        sync_search(self._store)
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
