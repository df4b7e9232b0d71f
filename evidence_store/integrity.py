"""Is the store consistent? Every kind of damage reported in plain words, with the fix.

A store can be damaged in ways SQLAlchemy meets as errors rather than answers (a truncated file, a
zeroed header, flipped bytes in a data page): those are problems to report, not tracebacks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import DatabaseError, SQLAlchemyError

from evidence_store import schema
from evidence_store.store import store_url

REBUILD = "restore the store from a backup, or move it aside and run again (documents are re-read from the sources)"


@dataclass(frozen=True)
class Problem:
    where: str
    problem: str
    fix: str


def check_store(path_or_url: str) -> list[Problem]:
    """Problems found in the store, without creating or changing anything."""
    if "://" not in path_or_url:
        path = Path(path_or_url).expanduser()
        if not path.exists():
            return [Problem(str(path), "no store here", "check --store, or run `readiness run` to create one")]
        if path.stat().st_size and not _looks_like_sqlite(path):
            return [Problem(str(path), "not a SQLite database (its header is damaged or it is another kind of file)", REBUILD)]
    engine = create_engine(store_url(path_or_url))
    problems: list[Problem] = []
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                results = [row[0] for row in conn.execute(text("PRAGMA integrity_check"))]
                if results != ["ok"]:
                    shown = "; ".join(str(r) for r in results[:3]) + (f" (and {len(results) - 3} more)" if len(results) > 3 else "")
                    problems.append(Problem("store", f"SQLite integrity check failed: {shown}", REBUILD))
                    return problems  # reading tables of a damaged file gives nonsense, not findings
            missing = [t for t in schema.metadata.sorted_tables if not engine.dialect.has_table(conn, t.name)]
            if missing:
                problems.append(Problem("store", "missing tables: " + ", ".join(t.name for t in missing), REBUILD))
                return problems
            problems += _consistency(conn)
    except DatabaseError as exc:
        problems.append(Problem("store", f"the store cannot be read: {_first_line(exc)}", REBUILD))
    except SQLAlchemyError as exc:
        problems.append(Problem("store", f"the store cannot be opened: {_first_line(exc)}", "check --store and that the database server is running"))
    except (UnicodeDecodeError, ValueError, OSError) as exc:
        # SQLite reports some damage with a message that is itself damaged bytes
        problems.append(Problem("store", f"the store cannot be read: {_first_line(exc)}", REBUILD))
    finally:
        engine.dispose()
    return problems


def _consistency(conn) -> list[Problem]:  # type: ignore[no-untyped-def]
    problems: list[Problem] = []
    d, p, s, t = schema.documents, schema.passages, schema.sources, schema.tags
    counted = conn.execute(
        select(d.c.sha256, d.c.passage_count, func.count(p.c.id))
        .select_from(d.outerjoin(p, p.c.document_sha == d.c.sha256))
        .group_by(d.c.sha256, d.c.passage_count)
    ).all()
    for sha, expected, found in counted:
        if expected != found:
            problems.append(Problem(f"document {sha[:12]}", f"{found} passages stored, {expected} expected (half-written)", REBUILD))
    # Rows whose reference points at nothing: (rows, their column, the column it must name, ...)
    for rows, column, target, where, what, fix in (
        (p, p.c.document_sha, d.c.sha256, "passages", "passages belong to no document", REBUILD),
        (s, s.c.sha256, d.c.sha256, "sources", "sources point at missing documents", "run `readiness ingest` on the sources again"),
        (t, t.c.passage_id, p.c.id, "tags", "tags point at missing passages", "run `readiness tag --retag`"),
    ):
        dangling = conn.execute(select(func.count()).select_from(rows).where(~column.in_(select(target)))).scalar_one()
        if dangling:
            problems.append(Problem(where, f"{dangling} {what}", fix))
    duplicates = conn.execute(
        select(p.c.document_sha, p.c.ordinal, func.count()).group_by(p.c.document_sha, p.c.ordinal).having(func.count() > 1)
    ).all()
    if duplicates:
        problems.append(Problem("passages", f"{len(duplicates)} duplicated passages", REBUILD))
    return problems


def _looks_like_sqlite(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(16) == b"SQLite format 3\x00"


def _first_line(exc: BaseException) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return exc.object.decode("utf-8", "replace").splitlines()[0][:200] if isinstance(exc.object, bytes) else "damaged text"
    cause = getattr(exc, "orig", None) or exc
    return str(cause).strip().splitlines()[0][:200] if str(cause).strip() else type(cause).__name__


def rendition_notes(path_or_url: str) -> list[str]:
    """One line per document held in several files (renditions: not a problem, but worth knowing
    when a folder holds the same report as PDF, DOCX and text)."""
    from evidence_store.store import EvidenceStore

    store = EvidenceStore(path_or_url)
    try:
        held = store.renditions()
        titles = {d["sha256"]: (d.get("title") or d["sha256"][:12], d.get("format")) for d in store.current_documents(include_renditions=True)}
    finally:
        store.close()
    notes = []
    for primary, others in sorted(held.items()):
        title, fmt = titles.get(primary, (primary[:12], None))
        formats = ", ".join(sorted({str(fmt)} | {str(o["format"]) for o in others}))
        notes.append(f"{title}: one document held in {len(others) + 1} renditions ({formats})")
    return notes
