"""hadath (حدث, "event"): Arabic-native political event data.

>>> import hadath
>>> doc = hadath.code("استقبل وزير الخارجية المصري نظيره الأردني في القاهرة أمس.",
...                   published="2024-02-10")
>>> [(e.cameo, e.source and e.source["code"], e.target and e.target["code"], e.date)
...  for e in doc.events]
[('043', 'EGYGOV', 'JORGOV', '2024-02-09')]
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hadath.model import Document, Entity, Event, Sentence, Token

if TYPE_CHECKING:
    from hadath.api import CoderOptions

__all__ = ["Document", "Entity", "Event", "Sentence", "Token", "__version__", "code"]

__version__ = "0.1.0"


def code(
    text: str,
    *,
    published: dt.date | str | None = None,
    id: str | None = None,  # the field is called id in every output format
    title: str | None = None,
    options: CoderOptions | None = None,
) -> Document:
    """Code one article: `hadath.api.code` (the coding pipeline loads on the first call)."""
    from hadath import api

    extra: dict[str, Any] = {"options": options} if options is not None else {}
    return api.code(text, published=published, id=id, title=title, **extra)
