"""Audit returns found among a run's source files: recognised by their header row and imported as
`readiness audits import` does, so a folder holding a QA report and a CSV of returns gives the same
audit view as the report plus `audits import`.

    found = import_returns_in(paths, settings)      # plain function: no typer, no Prefect
    found.imported   # one ReturnsImport per returns file (rows read, used, rejected; or why refused)
    found.remaining  # every other file, for the extractors

A CSV or XLSX is an audit return when its header row (found as `audits import` finds it, with the
common headings in audits.mapping) names a case reference, an audit date and a grade. Any other
spreadsheet stays a document for the extractors, as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from audits.ingest import ImportRefused, ImportResult, read_returns
from audits.mapping import REQUIRED, Mapping

SPREADSHEETS = (".csv", ".xlsx", ".xlsm")


@dataclass
class ReturnsImport:
    path: Path
    result: ImportResult | None = None
    replaced: int = 0
    refused: str | None = None  # one line a readiness lead can act on

    def line(self) -> str:
        """The same figures `audits import` prints."""
        if self.refused or self.result is None:
            return f"{self.path.name}: audit returns refused: {self.refused}"
        r = self.result
        return (f"{r.source_name}{' (sheet ' + repr(r.sheet) + ')' if r.sheet else ''}: {r.rows_read} rows read, "
                f"{len(r.rows)} used, {r.rejected} rejected" + (f", {self.replaced} replaced audits already held" if self.replaced else ""))


@dataclass
class FoundReturns:
    imported: list[ReturnsImport] = field(default_factory=list)
    remaining: list[Path] = field(default_factory=list)


def is_audit_return(path: Path, mapping: Mapping | None = None) -> bool:
    """Whether a spreadsheet's header row names a case reference, an audit date and a grade."""
    if path.suffix.lower() not in SPREADSHEETS:
        return False
    mapping = mapping or Mapping()
    try:
        grid = _grid(path, mapping)
    except (ImportRefused, OSError, ValueError, UnicodeDecodeError):
        return False
    for row in grid[:25]:
        if mapping.header_score(list(row)) >= 2:
            assigned, _themes, _problems = mapping.assign(list(row))
            if all(f in assigned for f in REQUIRED):
                return True
    return False


def _grid(path: Path, mapping: Mapping) -> list[list[object]]:
    from audits.ingest import _csv_grid, _xlsx_grid

    data = path.read_bytes()
    if data[:4] == b"PK\x03\x04" or path.suffix.lower() in (".xlsx", ".xlsm"):
        return _xlsx_grid(data, mapping)[1]
    return _csv_grid(data)


def import_returns_in(paths: Iterable[Path], settings, mapping: Mapping | None = None) -> FoundReturns:  # type: ignore[no-untyped-def]
    """Import the audit returns among `paths` into the store's audit tables; return the others."""
    from audits.pseudonym import load_salt
    from audits.store import AuditStore

    found = FoundReturns()
    mapping = mapping or Mapping()
    store = None
    for path in paths:
        path = Path(path)
        if not is_audit_return(path, mapping):
            found.remaining.append(path)
            continue
        try:
            result = read_returns(path, load_salt(settings.store), mapping)
        except ImportRefused as exc:
            found.imported.append(ReturnsImport(path, refused=" ".join(exc.reason.split())))
            continue
        store = store or AuditStore.for_settings(settings)
        saved = store.save(result)
        found.imported.append(ReturnsImport(path, result, saved.replaced))
    return found
