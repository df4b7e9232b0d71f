"""The evidence store: documents, passages and tags, content-addressed by sha256.

SQLite by default (a file path), PostgreSQL by URL. Every write that belongs together happens in one
transaction, so a killed run leaves either the whole document or none of it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, create_engine, delete, event, func, insert, or_, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from core.retry import Contention, retrying
from evidence_store import renditions, schema
from core.model import (
    DocumentFacts,
    ExtractedDocument,
    Passage,
    PassageLabel,
    RunReport,
    Tag,
    fact_from_dict,
    fact_to_dict,
    inspection_from_dict,
)

T = TypeVar("T")
# what a source is superseded by when its file was taken out of a scanned folder
REMOVED = "removed"


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def store_url(path_or_url: str) -> str:
    """A SQLAlchemy URL from what the user typed: a URL as is, anything else a SQLite file path."""
    if "://" in path_or_url:
        if path_or_url.startswith("postgresql://"):
            return "postgresql+psycopg://" + path_or_url[len("postgresql://") :]
        return path_or_url
    path = Path(path_or_url).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


class EvidenceStore:
    """Thin API over the tables; every stage talks to the store through this class."""

    def __init__(self, path_or_url: str) -> None:
        self.url = store_url(path_or_url)
        self.engine: Engine = create_engine(self.url, **self._engine_options())
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._create_tables()

    def _create_tables(self) -> None:
        """Create missing tables. Two runs starting on a new PostgreSQL database race to create
        them; the loser's CREATE fails ("already exists"), which the retry policy treats as
        contention, and a second look finds the tables there."""
        self._retry(lambda: schema.metadata.create_all(self.engine))
        from sqlalchemy import inspect

        # each table's columns read once for both checks: a store is opened by every stage
        tables = {t for t, *_ in self._LATER_COLUMNS}
        if self.engine.dialect.name == "postgresql":
            tables |= {t for t, _ in self._WIDENED_COLUMNS}
        inspector = inspect(self.engine)
        columns = {table: {c["name"]: c for c in inspector.get_columns(table)} for table in tables}
        self._add_missing_columns(columns)
        self._widen_columns(columns)
        self._add_missing_indexes(inspector)

    # indexes added after stores existed (create_all adds indexes only with their tables)
    _LATER_INDEXES = ("ix_tags_passage_framework",)

    def _add_missing_indexes(self, inspector) -> None:  # type: ignore[no-untyped-def]
        present = {index["name"] for index in inspector.get_indexes("tags")}
        for index in schema.tags.indexes:
            if index.name in self._LATER_INDEXES and index.name not in present:
                self._retry(lambda index=index: index.create(self.engine, checkfirst=True))

    # columns added after stores existed: (table, column, SQL type); all nullable, so old rows stay valid
    _LATER_COLUMNS = (
        ("passages", "layer", "VARCHAR(16)"),
        ("documents", "text_hash", "VARCHAR(64)"),
        ("documents", "words", "INTEGER"),
        ("documents", "rendition_of", "VARCHAR(64)"),
        ("documents", "sketch", "TEXT"),
    )

    def _add_missing_columns(self, columns: dict[str, dict[str, dict]]) -> None:
        """A store made before a column existed gets it."""
        from sqlalchemy import inspect, text

        for table, column, sql_type in self._LATER_COLUMNS:
            if column in columns[table]:
                continue
            try:
                with self.engine.begin() as conn:
                    conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type}"))
            except DBAPIError:
                if column not in {c["name"] for c in inspect(self.engine).get_columns(table)}:
                    raise  # not a concurrent run adding it first

    # columns that were bounded VARCHARs in older stores and now hold free-length values (versions
    # name every component they cover); SQLite never enforced the bound, PostgreSQL does
    _WIDENED_COLUMNS = (("tagging_runs", "tagger_version"), ("fact_documents", "facts_version"))

    def _widen_columns(self, columns: dict[str, dict[str, dict]]) -> None:
        """An older PostgreSQL store gets its bounded version columns widened to TEXT."""
        if self.engine.dialect.name != "postgresql":
            return
        from sqlalchemy import text

        for table, column in self._WIDENED_COLUMNS:
            if getattr(columns[table][column]["type"], "length", None) is None:
                continue
            with self.engine.begin() as conn:
                conn.execute(text(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE TEXT"))

    def _engine_options(self) -> dict:
        import orjson

        # every pack reads every passage's tags, labels and facts back: their JSON is read by orjson
        json_options = {"json_deserializer": orjson.loads}
        if self.url.startswith("sqlite"):
            return {"connect_args": {"timeout": 60}, **json_options}
        return {"pool_pre_ping": True, **json_options}

    def close(self) -> None:
        self.engine.dispose()

    # -- concurrency: another run may hold the lock; wait and retry rather than fail
    def _retry(self, work: Callable[[], T]) -> T:
        return retrying()(work)

    # ------------------------------------------------------------------ documents
    def known_sha(self, sha256: str) -> bool:
        with self.engine.connect() as conn:
            return (
                conn.execute(
                    select(schema.documents.c.sha256).where(schema.documents.c.sha256 == sha256)
                ).first()
                is not None
            )

    def record_source(self, path: str, sha256: str) -> bool:
        """Note that `path` holds `sha256` now. Returns True if this path/bytes pair is new."""

        def work() -> bool:
            now = _now()
            with self.engine.begin() as conn:
                existing = conn.execute(
                    select(schema.sources.c.id).where(
                        schema.sources.c.path == path, schema.sources.c.sha256 == sha256
                    )
                ).first()
                # Older bytes at the same path are superseded by these; history stays.
                conn.execute(
                    update(schema.sources)
                    .where(
                        schema.sources.c.path == path,
                        schema.sources.c.sha256 != sha256,
                        schema.sources.c.superseded_by.is_(None),
                    )
                    .values(superseded_by=sha256)
                )
                if existing:
                    conn.execute(
                        update(schema.sources)
                        .where(schema.sources.c.id == existing.id)
                        .values(last_seen=now, superseded_by=None)
                    )
                    return False
                conn.execute(
                    insert(schema.sources).values(
                        path=path, sha256=sha256, first_seen=now, last_seen=now
                    )
                )
                return True

        try:
            return self._retry(work)
        except IntegrityError:  # a concurrent run recorded the same pair first
            return False

    def retire_missing_sources(self, folders: Sequence[str]) -> int:
        """Sources under the given (scanned) folders whose file no longer exists are superseded by
        nothing (`REMOVED`): a document taken out of the evidence folder leaves the pack, while its
        rows stay as history. Only files that are gone count, never files a pattern now skips.
        Returns how many sources were retired."""
        prefixes = tuple(str(folder).rstrip("/\\") + sep for folder in folders for sep in {os.sep, "/"})
        if not prefixes:
            return 0
        s = schema.sources
        with self.engine.connect() as conn:
            live = conn.execute(select(s.c.id, s.c.path).where(s.c.superseded_by.is_(None))).all()
        gone = [row.id for row in live if row.path.startswith(prefixes) and not os.path.lexists(row.path)]
        if not gone:
            return 0

        def work() -> None:
            with self.engine.begin() as conn:
                conn.execute(update(s).where(s.c.id.in_(gone), s.c.superseded_by.is_(None)).values(superseded_by=REMOVED))

        self._retry(work)
        return len(gone)

    def add_document(self, doc: ExtractedDocument) -> bool:
        """Store a document, its passages and its source in one transaction.

        Returns False (and changes nothing) when the same bytes are already stored.
        """

        texts = [p.text for p in doc.passages]
        word_list = renditions.words(texts)
        signature = renditions.text_hash(word_list) if texts else None
        doc_sketch = renditions.sketch(word_list)
        primary = self._rendition_primary(doc, word_list, signature, doc_sketch) if texts else None

        def work() -> bool:
            with self.engine.begin() as conn:
                if conn.execute(
                    select(schema.documents.c.sha256).where(schema.documents.c.sha256 == doc.sha256)
                ).first():
                    return False
                conn.execute(
                    insert(schema.documents).values(
                        text_hash=signature,
                        words=len(word_list),
                        sketch=doc_sketch,
                        rendition_of=primary,
                        sha256=doc.sha256,
                        format=doc.format,
                        title=doc.title.value,
                        title_how=doc.title.how,
                        date=doc.date.value,
                        date_how=doc.date.how,
                        kind=doc.kind.value,
                        kind_how=doc.kind.how,
                        authority=doc.authority.value,
                        authority_how=doc.authority.how,
                        page_count=doc.page_count,
                        properties=doc.properties,
                        passage_count=len(doc.passages),
                        first_seen=_now(),
                    )
                )
                if doc.passages:
                    conn.execute(
                        insert(schema.passages),
                        [
                            {
                                "document_sha": doc.sha256,
                                "ordinal": i,
                                "text": p.text,
                                "kind": p.kind.value if hasattr(p.kind, "value") else str(p.kind),
                                "page": p.page,
                                "label": p.label,
                                "heading_path": list(p.heading_path),
                                "cells": list(p.cells) if p.cells is not None else None,
                                "layer": p.layer,
                            }
                            for i, p in enumerate(doc.passages)
                        ],
                    )
                return True

        try:
            added = self._retry(work)
        except IntegrityError:
            if not self.known_sha(doc.sha256):
                raise  # a real constraint failure, not a concurrent run storing the same bytes
            added = False
        self.record_source(doc.source_path, doc.sha256)
        return added

    def _rendition_primary(self, doc: ExtractedDocument, mine: list[str], signature: str | None, doc_sketch: str) -> str | None:
        """The stored document this one is a rendition of (same words; or same title and
        near-identical words), or None. Only primaries are compared, so renditions chain to one;
        only those whose sketches say they may be near-identical are compared word for word."""
        d = schema.documents
        with self.engine.connect() as conn:
            same = conn.execute(select(d.c.sha256).where(d.c.text_hash == signature, d.c.rendition_of.is_(None), d.c.sha256 != doc.sha256)).first()
            if same:
                return str(same[0])
            low, high = int(len(mine) * renditions.LENGTH_RATIO), int(len(mine) / renditions.LENGTH_RATIO) + 1
            candidates = conn.execute(
                select(d.c.sha256, d.c.title, d.c.sketch).where(d.c.rendition_of.is_(None), d.c.words.between(low, high), d.c.sha256 != doc.sha256)
            ).all()
        for sha, title, their_sketch in candidates:
            if renditions.same_title(title, doc.title.value) and renditions.may_be_near_identical(doc_sketch, their_sketch):
                theirs = renditions.words([p.text for p in self.passages([sha])])
                if renditions.near_identical(mine, theirs):
                    return str(sha)
        return None

    def rendition_of(self, sha256: str) -> str | None:
        """The primary document's sha256 when this document is a rendition of it."""
        d = schema.documents
        with self.engine.connect() as conn:
            row = conn.execute(select(d.c.rendition_of).where(d.c.sha256 == sha256)).first()
        return row[0] if row else None

    def renditions(self) -> dict[str, list[dict]]:
        """Primary document sha256 -> its other renditions (sha256, format, source path)."""
        s, d = schema.sources, schema.documents
        out: dict[str, list[dict]] = {}
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(d.c.sha256, d.c.format, d.c.rendition_of, func.min(s.c.path).label("source_path"))
                .join(s, s.c.sha256 == d.c.sha256)
                .where(d.c.rendition_of.is_not(None), s.c.superseded_by.is_(None))
                .group_by(d.c.sha256, d.c.format, d.c.rendition_of)
            ).mappings()
            for row in rows:
                out.setdefault(row["rendition_of"], []).append({"sha256": row["sha256"], "format": row["format"], "source_path": row["source_path"]})
        return out

    def record_refusal(self, path: str, sha256: str | None, reason: str) -> None:
        def work() -> None:
            with self.engine.begin() as conn:
                conn.execute(
                    insert(schema.refusals).values(
                        path=path, sha256=sha256, reason=reason, seen_at=_now()
                    )
                )

        self._retry(work)

    def refused_shas(self, shas: Sequence[str]) -> set[str]:
        """Which of these contents were refused before (their refusal may be cached elsewhere)."""
        r = schema.refusals
        found: set[str] = set()
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(set(shas)), 500):
                found.update(row[0] for row in conn.execute(select(r.c.sha256).where(r.c.sha256.in_(chunk))))
        return found

    def pack_inputs(self, framework: str) -> dict[str, list]:
        """Everything a pack is built from that the store holds: the current documents with their
        source paths, and which tagger version tagged each under `framework` (for fingerprints)."""
        t = schema.tagging_runs
        with self.engine.connect() as conn:
            tagging = sorted(
                (r.document_sha, r.tagger_version)
                for r in conn.execute(select(t.c.document_sha, t.c.tagger_version).where(t.c.framework == framework))
            )
        documents = sorted((d["sha256"], d.get("source_path")) for d in self.current_documents(include_renditions=True))
        return {"documents": [list(d) for d in documents], "tagging": [list(t) for t in tagging]}

    def current_documents(self, include_renditions: bool = False) -> list[dict]:
        """Documents with at least one source that is not superseded, newest first.

        A rendition (the same document in another file) is left out while its primary is current:
        a document counts once however many formats hold it."""
        s, d = schema.sources, schema.documents
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(
                select(d, func.min(s.c.path).label("source_path"))
                .join(s, s.c.sha256 == d.c.sha256)
                .where(s.c.superseded_by.is_(None))
                .group_by(d.c.sha256)
                .order_by(d.c.date.desc(), d.c.title)
            ).mappings()]
        if include_renditions:
            return rows
        live = {r["sha256"] for r in rows}
        return [r for r in rows if not r.get("rendition_of") or r["rendition_of"] not in live]

    def document_sources(self, sha256: str) -> list[dict]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(schema.sources).where(schema.sources.c.sha256 == sha256)
            ).mappings()
            return [dict(r) for r in rows]

    def all_documents(self) -> list[dict]:
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(select(schema.documents)).mappings()]

    # ------------------------------------------------------------------ passages
    def passages(self, document_shas: Sequence[str] | None = None) -> list[Passage]:
        """Passages of the given documents (default: all current documents), in reading order."""
        docs = {d["sha256"]: d for d in self.current_documents(include_renditions=document_shas is not None)}
        shas = list(document_shas) if document_shas is not None else list(docs)
        if not shas:
            return []
        result: list[Passage] = []
        p = schema.passages
        with self.engine.connect() as conn:
            for chunk in _chunks(shas, 500):
                rows = conn.execute(
                    select(p).where(p.c.document_sha.in_(chunk)).order_by(p.c.document_sha, p.c.ordinal)
                ).mappings()
                for row in rows:
                    doc = docs.get(row["document_sha"], {})
                    result.append(
                        Passage(
                            id=row["id"],
                            document_sha=row["document_sha"],
                            ordinal=row["ordinal"],
                            text=row["text"],
                            kind=row["kind"],
                            page=row["page"],
                            label=row["label"],
                            heading_path=tuple(row["heading_path"] or ()),
                            document_title=doc.get("title"),
                            document_date=doc.get("date"),
                            document_kind=doc.get("kind"),
                            source_path=doc.get("source_path"),
                            cells=tuple(row["cells"]) if row["cells"] is not None else None,
                            layer=row["layer"],
                        )
                    )
        return result

    # ------------------------------------------------------------------ tagging
    def untagged_documents(self, framework: str, tagger_version: str) -> list[str]:
        t = schema.tagging_runs
        with self.engine.connect() as conn:
            done = {
                r.document_sha
                for r in conn.execute(
                    select(t.c.document_sha).where(
                        t.c.framework == framework, t.c.tagger_version == tagger_version
                    )
                )
            }
        return [d["sha256"] for d in self.current_documents() if d["sha256"] not in done]

    def replace_tagging(
        self,
        document_sha: str,
        framework: str,
        tagger_version: str,
        passage_ids: Iterable[int],
        tags: Sequence[Tag],
        labels: Sequence[PassageLabel],
    ) -> None:
        """Swap one document's tagging for a framework in one transaction."""
        ids = list(passage_ids)

        def work() -> None:
            try:
                write()
            except IntegrityError as exc:
                # Another run wrote this document's tagging between our delete and insert: the
                # transaction rolled back whole, so doing it again replaces theirs cleanly.
                raise Contention(str(exc)) from exc

        def write() -> None:
            with self.engine.begin() as conn:
                # Two runs may tag the same document at once: on PostgreSQL the row lock makes the
                # second wait and then replace the first's rows (SQLite serialises writers anyway).
                conn.execute(
                    select(schema.documents.c.sha256)
                    .where(schema.documents.c.sha256 == document_sha)
                    .with_for_update()
                )
                for table in (schema.tags, schema.labels):
                    for chunk in _chunks(ids, 500):
                        conn.execute(
                            delete(table).where(
                                table.c.passage_id.in_(chunk), table.c.framework == framework
                            )
                        )
                if tags:
                    conn.execute(
                        insert(schema.tags),
                        [
                            {
                                "passage_id": t.passage_id,
                                "framework": t.framework,
                                "loe": t.loe,
                                "score": float(t.score),
                                "cues": list(t.cues),
                                "component": t.component,
                            }
                            for t in tags
                        ],
                    )
                if labels:
                    conn.execute(
                        insert(schema.labels),
                        [
                            {
                                "passage_id": lab.passage_id,
                                "framework": framework,
                                "role": lab.role,
                                "polarity": lab.polarity,
                                "has_data": bool(lab.has_data),
                                "explanation": lab.explanation,
                            }
                            for lab in labels
                        ],
                    )
                t = schema.tagging_runs
                conn.execute(
                    delete(t).where(t.c.document_sha == document_sha, t.c.framework == framework)
                )
                conn.execute(
                    insert(t).values(
                        document_sha=document_sha,
                        framework=framework,
                        tagger_version=tagger_version,
                        tagged_at=_now(),
                    )
                )

        self._retry(work)

    def tags(self, framework: str) -> list[Tag]:
        t = schema.tags
        with self.engine.connect() as conn:
            rows = conn.execute(select(t).where(t.c.framework == framework)).mappings()
            return [
                Tag(r["passage_id"], r["framework"], r["loe"], r["score"], list(r["cues"]), r["component"])
                for r in rows
            ]

    def labels(self, framework: str) -> dict[int, PassageLabel]:
        lab = schema.labels
        with self.engine.connect() as conn:
            rows = conn.execute(select(lab).where(lab.c.framework == framework)).mappings()
            return {
                r["passage_id"]: PassageLabel(
                    r["passage_id"], r["role"], r["polarity"], bool(r["has_data"]), r["explanation"]
                )
                for r in rows
            }


    # ------------------------------------------------------------------ facts
    def documents_without_facts(self, facts_version: str) -> list[str]:
        """Current documents whose facts were not read by this version of the facts layer."""
        f = schema.fact_documents
        with self.engine.connect() as conn:
            done = {r.document_sha for r in conn.execute(select(f.c.document_sha).where(f.c.facts_version == facts_version))}
        return [d["sha256"] for d in self.current_documents() if d["sha256"] not in done]

    def replace_facts(self, document_sha: str, facts: DocumentFacts, facts_version: str) -> None:
        """Swap one document's facts in one transaction."""
        rows = [
            {
                "document_sha": document_sha,
                "ordinal": i,
                "kind": kind,
                "passage_id": getattr(fact, "source").passage_id,
                "authority": getattr(fact, "authority", None),
                "data": fact_to_dict(fact),
            }
            for i, (kind, fact) in enumerate(facts.all_facts())
        ]

        def work() -> None:
            try:
                write()
            except IntegrityError as exc:
                # another run stored this document's facts at the same moment: do it again
                raise Contention(str(exc)) from exc

        def write() -> None:
            with self.engine.begin() as conn:
                conn.execute(
                    select(schema.documents.c.sha256).where(schema.documents.c.sha256 == document_sha).with_for_update()
                )
                conn.execute(delete(schema.facts).where(schema.facts.c.document_sha == document_sha))
                conn.execute(delete(schema.fact_documents).where(schema.fact_documents.c.document_sha == document_sha))
                conn.execute(
                    insert(schema.fact_documents).values(
                        document_sha=document_sha,
                        facts_version=facts_version,
                        authority=facts.authority,
                        authority_how=facts.authority_how,
                        inspection=fact_to_dict(facts.inspection) if facts.inspection else None,
                        extracted_at=_now(),
                    )
                )
                if rows:
                    conn.execute(insert(schema.facts), rows)

        self._retry(work)

    def document_facts(self, document_shas: Sequence[str] | None = None) -> list[DocumentFacts]:
        """Stored facts of the given documents (default: every current document that has them)."""
        shas = list(document_shas) if document_shas is not None else [d["sha256"] for d in self.current_documents()]
        out: dict[str, DocumentFacts] = {}
        fd, f = schema.fact_documents, schema.facts
        with self.engine.connect() as conn:
            for chunk in _chunks(shas, 500):
                for row in conn.execute(select(fd).where(fd.c.document_sha.in_(chunk))).mappings():
                    out[row["document_sha"]] = DocumentFacts(
                        row["document_sha"], row["authority"], row["authority_how"] or "", inspection_from_dict(row["inspection"]))
                rows = conn.execute(select(f).where(f.c.document_sha.in_(chunk)).order_by(f.c.document_sha, f.c.ordinal)).mappings()
                for row in rows:
                    doc = out.get(row["document_sha"])
                    if doc is None:
                        continue
                    fact = fact_from_dict(row["kind"], row["data"])
                    {"judgement": doc.judgements, "recommendation": doc.recommendations, "action": doc.actions,
                     "figure": doc.figures, "audit_stat": doc.audit_stats}[row["kind"]].append(fact)  # type: ignore[attr-defined]
        return [out[sha] for sha in shas if sha in out]

    def document_authorities(self) -> dict[str, str | None]:
        """Each document's council as the facts layer decided it (documents without facts are absent)."""
        fd = schema.fact_documents
        with self.engine.connect() as conn:
            return {r.document_sha: r.authority for r in conn.execute(select(fd.c.document_sha, fd.c.authority))}

    # ------------------------------------------------------------------ redaction cache
    def cached_redactions(self, cache_key: str) -> dict[str, list[str]]:
        r = schema.redactions
        with self.engine.connect() as conn:
            rows = conn.execute(select(r.c.document_sha, r.c.texts).where(r.c.cache_key == cache_key))
            return {row.document_sha: list(row.texts) for row in rows}

    def save_redactions(self, document_sha: str, cache_key: str, texts: Sequence[str]) -> None:
        r = schema.redactions

        # Rows of other redactor versions go; this version's other rows ("KEY:facts") stay.
        version = cache_key.split(":", 1)[0]

        def work() -> None:
            with self.engine.begin() as conn:
                this_version = or_(r.c.cache_key == version, r.c.cache_key.startswith(version + ":", autoescape=True))
                conn.execute(delete(r).where(r.c.document_sha == document_sha, or_(r.c.cache_key == cache_key, ~this_version)))
                conn.execute(insert(r).values(document_sha=document_sha, cache_key=cache_key, texts=list(texts)))

        try:
            self._retry(work)
        except IntegrityError:
            pass  # a concurrent run cached the same document

    # ------------------------------------------------------------------ runs
    def record_run(self, report: RunReport) -> None:
        def work() -> None:
            with self.engine.begin() as conn:
                conn.execute(
                    insert(schema.runs).values(started_at=report.started_at, report=report.to_dict())
                )

        self._retry(work)

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in (
                    ("documents", schema.documents),
                    ("sources", schema.sources),
                    ("passages", schema.passages),
                    ("tags", schema.tags),
                    ("refusals", schema.refusals),
                    ("runs", schema.runs),
                    ("facts", schema.facts),
                )
            }


def _chunks(items: Sequence[T], size: int) -> Iterable[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # WAL lets readers and one writer work at once; busy_timeout makes writers wait, not fail.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=60000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
