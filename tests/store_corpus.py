"""Small corpora for the store tests, built from examples/ (no shared data needed)."""

from __future__ import annotations

import json
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def example_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    for line in (EXAMPLES / "wire.jsonl").read_text(encoding="utf-8").splitlines():
        texts.append(json.loads(line)["text"])
    return texts


def write_jsonl_corpus(path: Path, count: int) -> Path:
    """`count` JSONL records with ids: example texts, each made unique by a closing line."""
    texts = example_texts()
    with path.open("w", encoding="utf-8") as stream:
        for index in range(count):
            record = {
                "id": f"doc-{index:03d}",
                "published": f"2024-03-{1 + index % 28:02d}",
                "source": f"paper-{index % 3}",
                "text": texts[index % len(texts)] + f"\nانتهى الخبر رقم {index}.",
            }
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def downgrade_store(db: Path, version: int) -> None:
    """Make the store in `db` look as hadath wrote it at an older schema version: the later
    migrations' added columns dropped and their version rows deleted."""
    import duckdb

    from hadath.store.schema import MIGRATIONS, SCHEMA_VERSION

    connection = duckdb.connect(str(db / "hadath.duckdb"))
    try:
        for number in range(SCHEMA_VERSION, version, -1):
            for statement in MIGRATIONS[number - 1]:
                words = statement.split()
                if words[:2] == ["ALTER", "TABLE"] and words[3:5] == ["ADD", "COLUMN"]:
                    connection.execute(f"ALTER TABLE {words[2]} DROP COLUMN {words[5]}")
            connection.execute("DELETE FROM schema_version WHERE version = ?", [number])
    finally:
        connection.close()
