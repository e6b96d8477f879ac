"""Stores for the web tests, built once per test session with the store's own ingest.

Imported by tests/test_web_*.py (not a conftest: the web tests are the only users).
"""

from __future__ import annotations

import atexit
import functools
import json
import shutil
import tempfile
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

#: A hostile article: a script in the title, escaped markup in the text that the cleaner
#: decodes into real `<script>`/`<img>` tags, and a sentence that codes into an event so the
#: markup reaches the event page, the document page and the search results.
HOSTILE_ARTICLE = {
    "id": "hostile-1",
    "title": "<script>window.__pwned_title = 1</script> عنوان خبيث",
    "published": "2024-03-01",
    "text": (
        "استقبل وزير الخارجية المصري نظيره الأردني في القاهرة أمس "
        "&lt;script&gt;window.__pwned_text = 1&lt;/script&gt; لبحث الأوضاع.\n"
        "وقال الوزير إن المحادثات &lt;img src=x onerror=window.__pwned_img=1&gt; كانت مثمرة."
    ),
}


def store_package_or_skip() -> None:
    try:
        import hadath.store.ingest  # noqa: F401
    except ImportError as error:  # the store issue not merged yet
        pytest.skip(f"hadath.store is not importable ({error}): the web tests need a store")


@functools.lru_cache(maxsize=2)
def built_store(name: str) -> Path:
    """`examples` (examples/ as `hadath ingest examples/` would store it) or `hostile`
    (examples/ plus HOSTILE_ARTICLE)."""
    from hadath.store import Store
    from hadath.store.ingest import ingest

    root = Path(tempfile.mkdtemp(prefix=f"hadath-web-{name}-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    inputs: list[Path] = [EXAMPLES]
    if name == "hostile":
        hostile = root / "hostile.jsonl"
        hostile.write_text(json.dumps(HOSTILE_ARTICLE, ensure_ascii=False) + "\n", "utf-8")
        inputs.append(hostile)
    with Store(root / "db") as store:
        ingest(inputs, store)
    return root / "db"
