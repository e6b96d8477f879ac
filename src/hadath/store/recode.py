"""`hadath recode`: code again only the documents a dictionary or pattern change can affect.

Every document records the dictionary, pattern and coder versions that coded it, and every
run records one print per dictionary and pattern entry under those versions
(`hadath.store.prints`). A document is *stale* when a version differs from the current
pipeline's. For each group of stale documents sharing their versions:

- the **coder** version differs (the code changed): every document is re-coded;
- the **dictionary or pattern** versions differ: the entries added, removed or changed are
  found by diffing the prints, and a document is *affected* when its text holds a key of one
  of them, looked up in the search index's token keys (`hadath.store.search`). Affected
  documents are re-coded; the others are *re-stamped* — their versions (in `documents`,
  `event_reports` and the explanations) set to the current ones — and not coded again.

Why a re-stamped document would code the same: coding is a deterministic function of the
text, its date, the entries and the code. An actor or agent entry acts on a document only
through a lookup of one of its keys in that document's tokens (a name's words as written
or as their host form — stem with the article — and, for agents, the first word's lemma);
a pattern acts only where the first word of one of its triggers is (by written, host, stem
or lemma key). If no key of any changed entry occurs, every lookup the coder makes in the
document returns what it returned before. The search for keys is a superset of the
matcher's: every word of a name must occur in one sentence, in any order, by any of those
forms.

The case that argument misses if done naively: a changed entry's **old** keys. Longest
match lets an entry shadow a shorter one ("مجلس الأمن القومي" read as a national security
council hides the "مجلس الأمن" inside it). If that entry loses the long name, documents
holding it now code the shorter entry — yet they contain none of the entry's *new* keys.
So the keys of both the old and the new print of every changed entry are searched.

Changes that reach documents by other routes are re-coded in full: a **country** entry's
codes reach every place in that country (gazetteer places borrow the country's CAMEO code),
and a **built-in** actor or country entry also feeds the recogniser's cue lists (words of
listed names, `hadath.ner.dictionary_words`), which reach any document with one of those
words — user layers (HADATH_DICT_PATH, `--dict`) never do. Documents whose versions have no
recorded prints (coded before prints were kept) are re-coded in full as well.

Re-stamping is one transaction, done first; re-coding overwrites a document's rows in one
transaction per batch and queues its dyads for merging. A run killed between them leaves
only affected documents stale, and the next run finds them again.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import pyarrow as pa

from hadath.api import CoderOptions, coding_pipeline
from hadath.model import Document
from hadath.store import prints, search
from hadath.store.core import Store
from hadath.store.dedup import merge_pending
from hadath.store.engines import Engine, LocalEngine
from hadath.store.indexing import sync_search
from hadath.store.token_keys import without_article

_PROBE_TEXT = "استقبل الرئيس وفدا."
VERSION_NAMES = ("dictionary_version", "patterns_version", "coder_version")
#: Sections whose entries act only where their keys are in the text (see the docstring).
_BY_KEYS = frozenset({"actor", "agent", "pattern"})


def current_versions(options: CoderOptions) -> dict[str, str]:
    """The versions the current pipeline stamps on what it codes."""
    doc = coding_pipeline(options)(Document(raw_text=_PROBE_TEXT))
    return {name: str(doc.meta.get(name) or "") for name in VERSION_NAMES}


@dataclass(slots=True)
class RecodeSummary:
    stale: int = 0
    affected: int = 0  # stale documents a change can affect: to be re-coded
    recoded: int = 0
    restamped: int = 0  # stale documents that would code the same: versions updated
    skipped: int = 0
    events_total: int = 0
    seconds: float = 0.0
    whole: Counter[str] = field(default_factory=Counter)  # re-coded without a diff, by why

    def lines(self) -> list[str]:
        lines = [
            f"{self.stale} document(s) coded with other versions: {self.affected} affected "
            f"by the change (re-coded {self.recoded}, skipped {self.skipped}), "
            f"{self.restamped} re-stamped; events {self.events_total}; {self.seconds:.1f} s"
        ]
        lines += [f"  re-coded whole: {n} × {why}" for why, n in sorted(self.whole.items())]
        return lines


@dataclass(frozen=True, slots=True)
class VersionGroup:
    versions: dict[str, str | None]
    ids: tuple[str, ...]


@dataclass(slots=True)
class RecodePlan:
    recode: list[str] = field(default_factory=list)
    restamp: list[str] = field(default_factory=list)
    whole: Counter[str] = field(default_factory=Counter)


def stale_groups(store: Store, versions: dict[str, str]) -> list[VersionGroup]:
    rows = store.connection.execute(
        """SELECT dictionary_version, patterns_version, coder_version, list(id ORDER BY id)
        FROM documents
        WHERE dictionary_version IS DISTINCT FROM ? OR patterns_version IS DISTINCT FROM ?
           OR coder_version IS DISTINCT FROM ?
        GROUP BY ALL ORDER BY ALL""",
        [versions[name] for name in VERSION_NAMES],
    ).fetchall()
    return [
        VersionGroup(dict(zip(VERSION_NAMES, row[:3], strict=True)), tuple(row[3])) for row in rows
    ]


def quoted_alternatives(key: str, *, lemma: bool) -> list[str]:
    """FTS5 tests for a token whose written or host key is `key` (or lemma key, if asked)."""
    terms = [f"words : {search.quoted(key)}", f"stems : {search.quoted(key)}"]
    bare = without_article(key)
    if bare:
        terms.append(f"stems : {search.quoted(bare)}")
    if lemma:
        terms += [f"lemmas : {search.quoted(k)}" for k in (key, bare) if k]
    return terms


def key_expression(key: str, section: str) -> str | None:
    """An FTS5 query for sentences that can hold `key` of an entry of `section`."""
    words = [w for w in key.split() if any(ch.isalnum() for ch in w)]
    if not words:
        return None
    lemma = section in ("agent", "pattern")
    return " AND ".join("(" + " OR ".join(quoted_alternatives(w, lemma=lemma)) + ")" for w in words)


def _whole_reason(
    pairs: Sequence[tuple[prints.EntryPrint | None, prints.EntryPrint | None]], use_ner: bool
) -> str | None:
    for before, after in pairs:
        for entry in (before, after):
            if entry is None:
                continue
            if entry.section not in _BY_KEYS:
                return f"{entry.section} entries changed"
            if use_ner and entry.builtin and entry.section == "actor":
                return "built-in actor entries changed (recogniser cues)"
    return None


def _changed_entries(
    store: Store, group: VersionGroup, knowledge: prints.Knowledge
) -> list[tuple[prints.EntryPrint | None, prints.EntryPrint | None]] | str:
    """The entries changed since the group was coded, or why they cannot be told."""
    pairs: list[tuple[prints.EntryPrint | None, prints.EntryPrint | None]] = []
    for kind, name, current, now in (
        (
            prints.DICTIONARY,
            "dictionary_version",
            knowledge.dictionary_version,
            knowledge.dictionary,
        ),
        (prints.PATTERNS, "patterns_version", knowledge.patterns_version, knowledge.patterns),
    ):
        if group.versions[name] == current:
            continue
        old = prints.stored(store, kind, group.versions[name])
        if old is None:
            return f"no entry prints for {kind} version {group.versions[name]}"
        pairs += prints.changed(old, now)
    return pairs


def plan_group(
    store: Store,
    group: VersionGroup,
    knowledge: prints.Knowledge,
    versions: dict[str, str],
    use_ner: bool,
) -> RecodePlan:
    """Which documents of one version group to re-code, and which to re-stamp."""
    plan = RecodePlan()
    if group.versions["coder_version"] != versions["coder_version"]:
        why: str | None = "coder version changed"
        pairs: Sequence[tuple[prints.EntryPrint | None, prints.EntryPrint | None]] = ()
    else:
        found = _changed_entries(store, group, knowledge)
        why, pairs = (
            (found, ()) if isinstance(found, str) else (_whole_reason(found, use_ner), found)
        )
    if why is not None:
        plan.recode = list(group.ids)
        plan.whole[why] += len(group.ids)
        return plan
    expressions = {
        expression
        for pair in pairs
        for entry in pair
        if entry is not None
        for key in entry.keys
        if (expression := key_expression(key, entry.section))
    }
    hits = search.documents_matching(store.search_path, sorted(expressions))
    plan.recode = [doc_id for doc_id in group.ids if doc_id in hits]
    plan.restamp = [doc_id for doc_id in group.ids if doc_id not in hits]
    return plan


def _restamped_explanation(text: str | None, versions: dict[str, str]) -> str | None:
    if not text:
        return text
    explanation = json.loads(text)
    explanation.update({n: versions[n] for n in VERSION_NAMES if n in explanation})
    # As `hadath.store.rows` writes it, so a re-stamped report equals a freshly coded one.
    return json.dumps(explanation, ensure_ascii=False, sort_keys=True, default=str)


def restamp(store: Store, ids: Sequence[str], versions: dict[str, str]) -> int:
    """Set documents' (and their reports') versions to `versions`; return documents."""
    if not ids:
        return 0
    values = [versions[name] for name in VERSION_NAMES]
    with store.transaction() as con:
        con.register("restamp_ids", pa.table({"id": list(ids)}))
        con.execute(
            """UPDATE documents SET dictionary_version = ?, patterns_version = ?,
            coder_version = ? WHERE id IN (SELECT id FROM restamp_ids)""",
            values,
        )
        reports = con.execute(
            """SELECT report_id, doc_id, explanation FROM event_reports
            WHERE doc_id IN (SELECT id FROM restamp_ids)"""
        ).fetchall()
        explained = pa.table(
            {
                "report_id": [r[0] for r in reports],
                "doc_id": [r[1] for r in reports],
                "explanation": [_restamped_explanation(r[2], versions) for r in reports],
            },
            schema=pa.schema(
                [("report_id", pa.string()), ("doc_id", pa.string()), ("explanation", pa.string())]
            ),
        )
        con.register("restamped_reports", explained)
        con.execute(
            """UPDATE event_reports SET dictionary_version = ?, patterns_version = ?,
            coder_version = ?, explanation = n.explanation FROM restamped_reports n
            WHERE event_reports.report_id = n.report_id AND event_reports.doc_id = n.doc_id""",
            values,
        )
        con.unregister("restamped_reports")
        con.unregister("restamp_ids")
    return len(ids)


def documents_by_id(store: Store, ids: Sequence[str], batch_size: int) -> Iterator[list[Document]]:
    """The stored documents `ids` (as ingest read them), in batches."""
    cursor = store.cursor()
    cursor.register("wanted_ids", pa.table({"id": list(ids)}))
    cursor.execute(
        """SELECT id, raw_text, source, url, published, title, path FROM documents
        WHERE id IN (SELECT id FROM wanted_ids) ORDER BY id"""
    )
    while rows := cursor.fetchmany(batch_size):
        batch = []
        for doc_id, raw, source, url, published, title, path in rows:
            doc = Document(
                raw_text=raw, id=doc_id, source=source, url=url, published=published, title=title
            )
            doc.meta["path"] = path
            batch.append(doc)
        yield batch
    cursor.unregister("wanted_ids")


def plan(store: Store, options: CoderOptions, versions: dict[str, str]) -> tuple[int, RecodePlan]:
    """(stale documents, what to do with them), recording the current entries' prints."""
    knowledge = prints.pipeline_knowledge(options)
    prints.record(store, knowledge)
    total, whole = 0, RecodePlan()
    for group in stale_groups(store, versions):
        part = plan_group(store, group, knowledge, versions, options.use_ner)
        total += len(group.ids)
        whole.recode += part.recode
        whole.restamp += part.restamp
        whole.whole.update(part.whole)
    return total, whole


def recode(
    store: Store,
    options: CoderOptions | None = None,
    *,
    engine: Engine | None = None,
    batch_size: int = 16,
) -> RecodeSummary:
    started = time.perf_counter()
    options = options or CoderOptions()
    versions = current_versions(options)
    sync_search(store)  # the affected documents are found through it: it must be whole
    stale, work = plan(store, options, versions)
    summary = RecodeSummary(stale=stale, affected=len(work.recode), whole=work.whole)
    summary.restamped = restamp(store, work.restamp, versions)
    # Read the batches up front: the cursor must not see rows this run rewrites.
    batches = list(documents_by_id(store, work.recode, batch_size))
    for outcome in (engine or LocalEngine()).run(iter(batches), options):
        tables = outcome.tables()
        written = store.write_tables(tables, replace=True)
        ids = tables["documents"].column("id").to_pylist()
        search.remove_documents(store.search_path, ids)
        search.add_sentences(store.search_path, tables["sentences"])
        outcome.done()
        summary.recoded += written.documents
        summary.skipped += len(outcome.skipped)
    merge_pending(store)
    sync_search(store)
    summary.events_total = store.count("events")
    summary.seconds = time.perf_counter() - started
    return summary
