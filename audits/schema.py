"""Audit-return tables, in the evidence store's database but under their own MetaData.

Case references are never stored: only `case_key`, a keyed hash (see `pseudonym.py`).
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, ForeignKey, Index, Integer, MetaData, String, Table, Text, UniqueConstraint

metadata = MetaData()

audit_imports = Table(
    "audit_imports",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source_name", Text, nullable=False),  # file name only, not the folder
    Column("sha256", String(64), nullable=False),
    Column("sheet", Text),
    Column("header_row", Integer),
    Column("columns", JSON, nullable=False),  # field -> header as printed
    Column("theme_columns", JSON, nullable=False),  # header -> theme
    Column("rows_read", Integer, nullable=False),
    Column("rows_used", Integer, nullable=False),
    Column("rows_rejected", Integer, nullable=False),
    Column("problems", JSON, nullable=False),  # [{row, column, value, reason, severity}]
    Column("imported_at", DateTime, nullable=False),
)

audit_rows = Table(
    "audit_rows",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("import_id", Integer, ForeignKey("audit_imports.id", ondelete="CASCADE"), nullable=False),
    Column("source_row", Integer, nullable=False),
    Column("case_key", String(40), nullable=False),
    Column("audit_date", String(10), nullable=False),
    Column("quarter", String(7), nullable=False),  # 2025-Q1 (calendar quarters)
    Column("team", Text),
    Column("auditor", Text),
    Column("grade", String(24), nullable=False),  # outstanding | good | requires improvement | inadequate
    Column("grade_raw", Text),
    Column("theme_scores", JSON, nullable=False),  # theme -> normalised grade
    Column("findings", Text),
    Column("actions", Text),
    UniqueConstraint("case_key", "audit_date", name="uq_audit_case_date"),
)

Index("ix_audit_rows_quarter", audit_rows.c.quarter)
