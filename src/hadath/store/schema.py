"""The store's tables, as an ordered list of migrations.

Each migration is a list of SQL statements; `migrate` applies, in one transaction each, the
ones a store has not seen yet and records the version in `schema_version`. A new column or
table is a new migration appended to `MIGRATIONS`, never an edit of an old one, so every
store on disk can be brought up to date.

Tables:
- documents: one row per article (id = JSONL id or content hash), with the versions of the
  dictionaries, patterns and coder that coded it.
- sentences: the clean sentences, with their matching keys and, per word-like token, its
  written, stem and lemma keys (what full-text search and `recode` look words up by).
- entities: mentions of actors, places and dates.
- event_reports: one row per coded event report, every contract field flattened, the
  explanation as JSON.
- events: reports of one event across articles merged (GDELT-style counts).
- event_members: which report belongs to which merged event.
- dedup_pending: dyad keys whose reports changed since events were last merged.
- entry_prints: per dictionary or pattern-set version, one fingerprint per entry, with the
  keys that entry is matched by (what `recode` diffs to find the documents a change touches).

No PRIMARY KEY constraints: DuckDB checks them eagerly within a transaction, so a re-code
that deletes and re-inserts a key in one transaction would fail; uniqueness is kept by
anti-joins on insert and checked by tests. No ART indexes either: they slow bulk inserts
and a scan of a million rows takes milliseconds (NOTES.md: aggregates over 1M events 12-350 ms).
"""

from __future__ import annotations

from typing import Any

DOCUMENTS = """
CREATE TABLE documents (
    id VARCHAR NOT NULL,
    source VARCHAR,
    url VARCHAR,
    published DATE,
    title VARCHAR,
    clean_text VARCHAR,
    raw_text VARCHAR,
    raw_hash VARCHAR,
    stats JSON,
    warnings JSON,
    path VARCHAR,
    coded_at TIMESTAMP,
    dictionary_version VARCHAR,
    patterns_version VARCHAR,
    coder_version VARCHAR,
    n_sentences INTEGER,
    n_entities INTEGER,
    n_events INTEGER
)"""

SENTENCES = """
CREATE TABLE sentences (
    doc_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    start_char INTEGER,
    end_char INTEGER,
    text VARCHAR,
    key VARCHAR
)"""

ENTITIES = """
CREATE TABLE entities (
    doc_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    type VARCHAR,
    start_char INTEGER,
    end_char INTEGER,
    text VARCHAR,
    sentence INTEGER,
    origin VARCHAR,
    actor_code VARCHAR,
    actor_name VARCHAR,
    actor_role VARCHAR,
    place_name VARCHAR,
    place_country VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    value VARCHAR,
    members JSON
)"""

EVENT_REPORTS = """
CREATE TABLE event_reports (
    report_id VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    cameo VARCHAR,
    root VARCHAR,
    goldstein DOUBLE,
    quad_class INTEGER,
    plover_type VARCHAR,
    plover_mode VARCHAR,
    plover_context VARCHAR,
    source_code VARCHAR,
    source_name VARCHAR,
    source_text VARCHAR,
    source_start INTEGER,
    source_end INTEGER,
    target_code VARCHAR,
    target_name VARCHAR,
    target_text VARCHAR,
    target_start INTEGER,
    target_end INTEGER,
    place_name VARCHAR,
    place_country VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    place_feature VARCHAR,
    day DATE,
    date_text VARCHAR,
    future BOOLEAN,
    negated BOOLEAN,
    reported BOOLEAN,
    hypothetical BOOLEAN,
    modality JSON,
    sentence INTEGER,
    sentence_start INTEGER,
    sentence_end INTEGER,
    trigger_start INTEGER,
    trigger_end INTEGER,
    trigger_text VARCHAR,
    confidence DOUBLE,
    explanation JSON,
    dictionary_version VARCHAR,
    patterns_version VARCHAR,
    coder_version VARCHAR
)"""

EVENTS = """
CREATE TABLE events (
    event_id VARCHAR NOT NULL,
    root VARCHAR,
    cameo VARCHAR,
    goldstein DOUBLE,
    quad_class INTEGER,
    plover_type VARCHAR,
    plover_mode VARCHAR,
    source_code VARCHAR,
    source_name VARCHAR,
    target_code VARCHAR,
    target_name VARCHAR,
    place_name VARCHAR,
    place_country VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    day DATE,
    last_day DATE,
    num_mentions INTEGER,
    num_sources INTEGER,
    num_articles INTEGER,
    confidence DOUBLE,
    first_report VARCHAR
)"""

EVENT_MEMBERS = """
CREATE TABLE event_members (
    report_id VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL
)"""

DEDUP_PENDING = """
CREATE TABLE dedup_pending (
    root VARCHAR,
    source_code VARCHAR,
    target_code VARCHAR
)"""

ENTRY_PRINTS = """
CREATE TABLE entry_prints (
    kind VARCHAR NOT NULL,
    version VARCHAR NOT NULL,
    section VARCHAR NOT NULL,
    entry_id VARCHAR NOT NULL,
    digest VARCHAR NOT NULL,
    keys VARCHAR[],
    builtin BOOLEAN
)"""

#: Ordered migrations; the store's version is the number applied.
MIGRATIONS: list[list[str]] = [
    [DOCUMENTS, SENTENCES, ENTITIES, EVENT_REPORTS, EVENTS, EVENT_MEMBERS, DEDUP_PENDING],
    # 2: token keys of sentences (clitic-aware search, recode by entry) and entry prints.
    # Sentences stored before stay NULL here until `hadath index` fills them in.
    [
        "ALTER TABLE sentences ADD COLUMN words VARCHAR",
        "ALTER TABLE sentences ADD COLUMN stems VARCHAR",
        "ALTER TABLE sentences ADD COLUMN lemmas VARCHAR",
        ENTRY_PRINTS,
    ],
    # 3: an event's date precision and the words that dated it, its place's Arabic mention
    # (text and span), first-level division, geonames id, precision and how it was chosen
    # (issue 12). Reports stored before keep NULL here until they are re-coded.
    [
        *(
            f"ALTER TABLE event_reports ADD COLUMN {column}"
            for column in (
                "place_text VARCHAR",
                "place_start INTEGER",
                "place_end INTEGER",
                "place_admin1 VARCHAR",
                "place_geonameid BIGINT",
                "place_precision INTEGER",
                "place_basis VARCHAR",
                "date_precision VARCHAR",
                "date_expression JSON",
            )
        ),
        *(
            f"ALTER TABLE events ADD COLUMN {column}"
            for column in (
                "place_text VARCHAR",
                "place_admin1 VARCHAR",
                "place_geonameid BIGINT",
                "place_precision INTEGER",
                "place_feature VARCHAR",
                "date_precision VARCHAR",
            )
        ),
    ],
]

SCHEMA_VERSION = len(MIGRATIONS)


class StoreVersionError(RuntimeError):
    """A store of a schema this code cannot use: newer than it, or older and not migratable."""


def stored_version(connection: Any) -> int:
    """The store's schema version, read without writing (0 before any migration)."""
    row = connection.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_version'"
    ).fetchone()
    if not row or not row[0]:
        return 0
    row = connection.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def current_version(connection: Any) -> int:
    connection.execute(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, applied_at TIMESTAMP)"
    )
    row = connection.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(connection: Any, where: object = "") -> int:
    """Apply the migrations this store lacks; return the version it is now at."""
    version = current_version(connection)
    if version > SCHEMA_VERSION:
        store = f"store {where} has " if where else "store "
        raise StoreVersionError(
            f"{store}schema version {version}, newer than this hadath ({SCHEMA_VERSION}): "
            "upgrade hadath"
        )
    for number in range(version + 1, SCHEMA_VERSION + 1):
        connection.execute("BEGIN TRANSACTION")
        for statement in MIGRATIONS[number - 1]:
            connection.execute(statement)
        connection.execute("INSERT INTO schema_version VALUES (?, current_timestamp)", [number])
        connection.execute("COMMIT")
    return SCHEMA_VERSION
