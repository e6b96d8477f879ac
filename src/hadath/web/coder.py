"""Coding posted text inside the server, one request at a time.

The coding pipeline is built once per process (`hadath.api.coding_pipeline` is cached) and
its morphology caches are plain objects and one SQLite connection: not made for concurrent
use. FastAPI runs each request on a worker thread, so `TextCoder` serialises coding with a
lock; reads of the store are not affected.
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
from typing import Any

from hadath.model import Document


class TextCoder:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._built = False

    def code(self, text: str, published: dt.date | None) -> Document:
        from hadath.api import code

        with self._lock:
            document = code(text, published=published)
            if not self._built:
                # The pipeline's tables, built by the first text, live as long as the
                # process: out of the collector's walks, as the store's are (app.py).
                self._built = True
                gc.freeze()
            return document

    def code_to_json(self, text: str, published: dt.date | None) -> dict[str, Any]:
        """The `code` contract of the text, plus its clean text (offsets point into it)."""
        from hadath.events.output import coded_document_to_json

        document = self.code(text, published)
        return {**coded_document_to_json(document), "clean_text": document.clean_text}
