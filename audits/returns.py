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

from audits.ingest import ImportRefused, ImportResult, NotAReturn, read_returns_safely
from audits.mapping import Mapping

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


def import_return(path: Path, settings, mapping: Mapping | None = None) -> ReturnsImport | None:  # type: ignore[no-untyped-def]
    """Import `path` into the store's audit tables if it is an audit return (read in an isolated
    child, with extraction's limits); None when it is not a spreadsheet or not an audit return."""
    from audits.pseudonym import load_salt
    from audits.store import AuditStore

    path = Path(path)
    if path.suffix.lower() not in SPREADSHEETS:
        return None
    outcome = read_returns_safely(path, load_salt(settings.store), mapping or Mapping(), settings.file_timeout_s, settings.file_memory_mb)
    if isinstance(outcome, NotAReturn):
        return None
    if isinstance(outcome, ImportRefused):
        return ReturnsImport(path, refused=" ".join(outcome.reason.split()))
    saved = AuditStore.for_settings(settings).save(outcome)
    return ReturnsImport(path, outcome, saved.replaced)


def import_returns_in(paths: Iterable[Path], settings, mapping: Mapping | None = None) -> FoundReturns:  # type: ignore[no-untyped-def]
    """Import the audit returns among `paths` into the store's audit tables; return the others."""
    found = FoundReturns()
    for path in paths:
        imported = import_return(Path(path), settings, mapping)
        if imported is None:
            found.remaining.append(Path(path))
        else:
            found.imported.append(imported)
    return found
