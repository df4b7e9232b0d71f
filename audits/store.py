"""Audit rows in the evidence store's database (own tables, created on use)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlalchemy import Engine, and_, delete, insert, or_, select

from audits import schema
from audits.ingest import AuditRow, ImportResult


@dataclass
class SavedImport:
    import_id: int
    stored: int
    replaced: int  # rows that updated an audit already held (same case and date)


class AuditStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        schema.metadata.create_all(engine)

    @classmethod
    def for_settings(cls, settings) -> "AuditStore":  # type: ignore[no-untyped-def]
        from evidence_store import EvidenceStore

        return cls(EvidenceStore(settings.store).engine)

    def save(self, result: ImportResult) -> SavedImport:
        """Store an import in one transaction. The same file again replaces its earlier import; a row
        for a case and date already held (from another file) replaces that row."""
        r = schema.audit_rows
        with self.engine.begin() as conn:
            previous = [row.id for row in conn.execute(select(schema.audit_imports.c.id).where(schema.audit_imports.c.sha256 == result.sha256))]
            for old in previous:
                conn.execute(delete(r).where(r.c.import_id == old))
                conn.execute(delete(schema.audit_imports).where(schema.audit_imports.c.id == old))
            replaced = 0
            keys = [(a.case_key, a.audit_date.isoformat()) for a in result.rows]
            for start in range(0, len(keys), 200):
                chunk = keys[start:start + 200]
                condition = or_(*(and_(r.c.case_key == k, r.c.audit_date == d) for k, d in chunk))
                replaced += conn.execute(delete(r).where(condition)).rowcount or 0
            import_id = conn.execute(
                insert(schema.audit_imports).values(
                    source_name=result.source_name,
                    sha256=result.sha256,
                    sheet=result.sheet,
                    header_row=result.header_row,
                    columns=result.columns,
                    theme_columns=result.theme_columns,
                    rows_read=result.rows_read,
                    rows_used=len(result.rows),
                    rows_rejected=result.rejected,
                    problems=[p.to_dict() for p in result.problems] + [{"row": None, "column": None, "value": None, "reason": n, "severity": "note"} for n in result.notes],
                    imported_at=datetime.now(timezone.utc).replace(tzinfo=None),
                )
            ).inserted_primary_key[0]
            if result.rows:
                conn.execute(insert(r), [
                    {
                        "import_id": import_id,
                        "source_row": a.source_row,
                        "case_key": a.case_key,
                        "audit_date": a.audit_date.isoformat(),
                        "quarter": a.quarter,
                        "team": a.team,
                        "auditor": a.auditor,
                        "grade": a.grade,
                        "grade_raw": a.grade_raw,
                        "theme_scores": a.theme_scores,
                        "findings": a.findings,
                        "actions": a.actions,
                    }
                    for a in result.rows
                ])
        return SavedImport(import_id, len(result.rows), replaced)

    def rows(self, since: date | None = None) -> list[AuditRow]:
        r = schema.audit_rows
        query = select(r).order_by(r.c.audit_date, r.c.id)
        if since:
            query = query.where(r.c.audit_date >= since.isoformat())
        with self.engine.connect() as conn:
            return [
                AuditRow(m["source_row"], m["case_key"], date.fromisoformat(m["audit_date"]), m["team"], m["auditor"],
                         m["grade"], m["grade_raw"], dict(m["theme_scores"] or {}), m["findings"] or "", m["actions"] or "")
                for m in conn.execute(query).mappings()
            ]

    def imports(self) -> list[dict]:
        with self.engine.connect() as conn:
            return [dict(m) for m in conn.execute(select(schema.audit_imports).order_by(schema.audit_imports.c.id)).mappings()]
