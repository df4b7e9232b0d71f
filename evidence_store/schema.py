"""Tables of the evidence store (SQLAlchemy Core, so SQLite and PostgreSQL share one schema)."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("format", String(16), nullable=False),
    Column("title", Text),
    Column("title_how", Text),
    Column("date", String(10)),
    Column("date_how", Text),
    Column("kind", String(32)),
    Column("kind_how", Text),
    Column("authority", Text),
    Column("authority_how", Text),
    Column("page_count", Integer),
    Column("properties", JSON),
    Column("passage_count", Integer, nullable=False),
    Column("first_seen", DateTime, nullable=False),
    # renditions: the same document in another file (evidence_store/renditions.py)
    Column("text_hash", String(64), index=True),
    Column("words", Integer),
    Column("rendition_of", String(64), index=True),
    Column("sketch", Text),  # renditions.sketch: which stored documents a new one is compared with
)

# Where a document's bytes were found. One document may have several sources (copies); a path whose
# bytes change gets a new row and the old row is marked superseded, so history is kept.
sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("path", Text, nullable=False),
    Column("sha256", String(64), ForeignKey("documents.sha256"), nullable=False),
    Column("first_seen", DateTime, nullable=False),
    Column("last_seen", DateTime, nullable=False),
    Column("superseded_by", String(64)),
    UniqueConstraint("path", "sha256", name="uq_source_path_sha"),
)

refusals = Table(
    "refusals",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("path", Text, nullable=False),
    Column("sha256", String(64)),
    Column("reason", Text, nullable=False),
    Column("seen_at", DateTime, nullable=False),
)

passages = Table(
    "passages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_sha", String(64), ForeignKey("documents.sha256"), nullable=False),
    Column("ordinal", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("page", Integer),
    Column("label", String(32)),
    Column("heading_path", JSON, nullable=False),
    Column("cells", JSON),
    Column("layer", String(16)),  # PDFs: the text layer that read the passage's page (pdfium | pdfplumber)
    UniqueConstraint("document_sha", "ordinal", name="uq_passage_doc_ordinal"),
)

# Which (document, framework, tagger version) has been tagged: tagging is skipped when it has.
tagging_runs = Table(
    "tagging_runs",
    metadata,
    Column("document_sha", String(64), ForeignKey("documents.sha256"), primary_key=True),
    Column("framework", String(32), primary_key=True),
    Column("tagger_version", Text, nullable=False),
    Column("tagged_at", DateTime, nullable=False),
)

tags = Table(
    "tags",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("passage_id", Integer, ForeignKey("passages.id"), nullable=False),
    Column("framework", String(32), nullable=False),
    Column("loe", String(64), nullable=False),
    Column("score", Float, nullable=False),
    Column("cues", JSON, nullable=False),
    Column("component", String(64), nullable=False),
)
# a document's tags are replaced by passage and framework: with an index on the passage alone, SQLite
# chose the framework index and read every tag of the framework for each document tagged
Index("ix_tags_passage_framework", tags.c.passage_id, tags.c.framework)
Index("ix_tags_framework_loe", tags.c.framework, tags.c.loe)

labels = Table(
    "labels",
    metadata,
    Column("passage_id", Integer, ForeignKey("passages.id"), primary_key=True),
    Column("framework", String(32), primary_key=True),
    Column("role", String(16), nullable=False),
    Column("polarity", String(16), nullable=False),
    Column("has_data", Boolean, nullable=False),
    Column("explanation", JSON, nullable=False),
)

# Facts (facts/): which document's facts were read by which version, its council and inspection,
# and every fact with its provenance. A fact's own fields are JSON; what readers filter on is a column.
fact_documents = Table(
    "fact_documents",
    metadata,
    Column("document_sha", String(64), ForeignKey("documents.sha256"), primary_key=True),
    Column("facts_version", Text, nullable=False),
    Column("authority", Text),
    Column("authority_how", Text),
    Column("inspection", JSON),
    Column("extracted_at", DateTime, nullable=False),
)

facts = Table(
    "facts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_sha", String(64), ForeignKey("documents.sha256"), nullable=False),
    Column("ordinal", Integer, nullable=False),
    Column("kind", String(16), nullable=False),  # judgement | recommendation | action | figure | audit_stat
    Column("passage_id", Integer, ForeignKey("passages.id")),
    Column("authority", Text),
    Column("data", JSON, nullable=False),
)
Index("ix_facts_document", facts.c.document_sha)
Index("ix_facts_kind_authority", facts.c.kind, facts.c.authority)

# Redacted texts per document, keyed by the redactor's version, so unchanged documents are not
# run through NER again on every pack.
redactions = Table(
    "redactions",
    metadata,
    Column("document_sha", String(64), ForeignKey("documents.sha256"), primary_key=True),
    Column("cache_key", String(64), primary_key=True),
    Column("texts", JSON, nullable=False),
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime, nullable=False),
    Column("report", JSON, nullable=False),
)
