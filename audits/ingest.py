"""Read a case-audit return (CSV or XLSX) into clean rows, reporting every bad row with a reason.

Nothing here touches the database: `read_returns` gives an `ImportResult`; `store.AuditStore.save`
keeps it. Case references are pseudonymised here, so the raw reference never leaves this module.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from audits.grades import GRADES, RANK, numeric_shape, order_evidence, parse_date, parse_grade, quarter_of
from audits.mapping import REQUIRED, Mapping, norm_header
from audits.pseudonym import pseudonymise
from audits.themes import canonical
from templates.text import shorten

_TOTALS = re.compile(r"^\s*(totals?|sum|average|mean|count|grand total|n\s*=)\b", re.I)

# Bounds a real audit return never reaches; a file past them is a mistake or an attack, and is
# refused (or its row rejected) before it can eat the machine's memory.
MAX_CELL_CHARS = 10_000  # one finding is a paragraph, not a book
MAX_SHEET_CELLS = 2_000_000  # rows x columns of the sheet's declared size
MAX_SHEET_XML_MB = 200  # a worksheet's size once unzipped


class ImportRefused(Exception):
    """The whole file cannot be used; `reason` says why in one line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NotAReturn(ImportRefused):
    """The sheet has no audit-return header (case reference, audit date, grade): some other table."""


@dataclass
class RowProblem:
    row: int  # as the spreadsheet numbers it (1-based, header included); CSV: line number
    column: str | None
    value: str | None
    reason: str
    severity: str = "rejected"  # rejected (row not used) | warning (row used)

    def to_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "value": self.value, "reason": self.reason, "severity": self.severity}

    def line(self) -> str:
        where = f"row {self.row}" + (f", {self.column}" if self.column else "")
        return f"{where}: {self.reason}" + (" (row not used)" if self.severity == "rejected" else "")


@dataclass
class AuditRow:
    source_row: int
    case_key: str
    audit_date: date
    team: str | None
    auditor: str | None
    grade: str
    grade_raw: str | None
    theme_scores: dict[str, str] = field(default_factory=dict)
    findings: str = ""
    actions: str = ""

    @property
    def quarter(self) -> str:
        return quarter_of(self.audit_date)


@dataclass
class ImportResult:
    source_name: str
    sha256: str
    sheet: str | None
    header_row: int
    columns: dict[str, str]  # field -> header as printed
    theme_columns: dict[str, str]  # header -> theme
    rows: list[AuditRow]
    problems: list[RowProblem]
    notes: list[str]  # file-level decisions and problems
    rows_read: int = 0

    @property
    def rejected(self) -> int:
        return len({p.row for p in self.problems if p.severity == "rejected"})


def read_returns(path: str | Path, salt: bytes, mapping: Mapping | None = None) -> ImportResult:
    """Read a return in this process. Untrusted files go through `read_returns_safely`."""
    path = Path(path)
    mapping = mapping or Mapping()
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    if data[:4] == b"PK\x03\x04" or path.suffix.lower() in (".xlsx", ".xlsm"):
        sheet, grid = _xlsx_grid(data, mapping)
    elif path.suffix.lower() in (".xls",):
        raise ImportRefused("old .xls workbooks are not read; save the sheet as .xlsx or CSV")
    else:
        sheet, grid = None, _csv_grid(data)
    return parse_grid(grid, salt, mapping, source_name=path.name, sha256=sha, sheet=sheet)


def read_returns_safely(path: str | Path, salt: bytes, mapping: Mapping | None, timeout_s: float, memory_mb: int) -> ImportResult | ImportRefused:
    """`read_returns` in an isolated child with the same time and memory limits as extraction: a
    spreadsheet bomb is a refusal with a reason, never a run that stalls or a machine that swaps.
    A sheet that is not an audit return comes back as `NotAReturn`."""
    from core.isolation import Limits, run_isolated
    from core.model import Refused

    outcome = run_isolated(_read_or_refuse, (str(path), salt, mapping), Limits(timeout_s, memory_mb))
    if isinstance(outcome, tuple):
        return NotAReturn(outcome[1])
    return ImportRefused(outcome.reason) if isinstance(outcome, Refused) else outcome


def _read_or_refuse(path: str, salt: bytes, mapping: Mapping | None) -> ImportResult | Refused | tuple[str, str]:  # runs in the child
    from core.model import Refused

    try:
        return read_returns(path, salt, mapping)
    except NotAReturn as exc:
        return ("not a return", exc.reason)
    except ImportRefused as exc:
        return Refused(exc.reason)


# ------------------------------------------------------------------------------------ reading
def _csv_grid(data: bytes) -> list[list[object]]:
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    # The csv module's own field limit raises mid-file; the file's size is already bounded, and an
    # over-long cell is rejected row by row in parse_grid instead.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    try:
        return [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:
        raise ImportRefused(f"not a readable CSV file ({exc})") from None


def _xlsx_grid(data: bytes, mapping: Mapping) -> tuple[str, list[list[object]]]:
    """The best-matching sheet as a grid of values, read in openpyxl's streaming (read-only) mode.

    Formulas give their last saved values; a formula Excel never computed has none, and its cell
    is marked (see `UnsavedFormula`) so the row is rejected with that reason, not "no grade"."""
    from openpyxl import load_workbook

    _check_unzipped_sizes(data)
    try:
        values = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
        formulas = load_workbook(io.BytesIO(data), data_only=False, read_only=True)
    except Exception as exc:  # noqa: BLE001 - any openpyxl failure is a refusal with a reason
        raise ImportRefused(f"not a readable XLSX workbook ({type(exc).__name__}: {exc})") from exc
    if mapping.sheet:
        if mapping.sheet not in values.sheetnames:
            raise ImportRefused(f"no sheet {mapping.sheet!r}; sheets are {', '.join(values.sheetnames)}")
        names = [mapping.sheet]
    else:
        names = list(values.sheetnames)
    merges = _vertical_merges(data)
    best = None
    for name in names:
        ws = values[name]
        declared = (ws.max_row or 0) * (ws.max_column or 0)
        if declared > MAX_SHEET_CELLS:
            raise ImportRefused(f"sheet {name!r} declares {declared:,} cells, over the {MAX_SHEET_CELLS:,} a return could need")
        grid = [list(r) for r in ws.iter_rows(values_only=True)]
        for r, row in enumerate(formulas[name].iter_rows(values_only=True)):
            for c, cell in enumerate(row):
                if isinstance(cell, str) and cell.startswith("=") and r < len(grid) and c < len(grid[r]) and grid[r][c] is None:
                    grid[r][c] = UnsavedFormula(cell)
        # Merged cells keep their value in the top-left cell only; give it to every cell of a
        # vertical merge (one team for several rows). Ranges are clipped to the sheet's real size.
        for min_row, min_col, max_row, max_col in merges.get(_sheet_index(values, name), ()):
            if min_row - 1 >= len(grid) or min_col - 1 >= len(grid[min_row - 1]):
                continue
            value = grid[min_row - 1][min_col - 1]
            for r in range(min_row, min(max_row, len(grid)) + 1):
                for c in range(min_col, min(max_col, len(grid[r - 1])) + 1):
                    grid[r - 1][c - 1] = value
        score = max((mapping.header_score(row) for row in grid[:25]), default=0)
        if best is None or score > best[0]:
            best = (score, name, grid)
    values.close()
    formulas.close()
    if best is None:
        raise ImportRefused("the workbook has no sheets")
    return best[1], best[2]


class UnsavedFormula(str):
    """A formula cell with no saved value (the file was written by a program that never computed it)."""


def _check_unzipped_sizes(data: bytes) -> None:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.infolist():
                if member.filename.startswith("xl/") and member.file_size > MAX_SHEET_XML_MB * 1_048_576:
                    raise ImportRefused(f"{member.filename} unpacks to {member.file_size / 1_048_576:,.0f} MB, over the {MAX_SHEET_XML_MB} MB a return could need")
    except zipfile.BadZipFile as exc:
        raise ImportRefused(f"not a readable XLSX workbook ({exc})") from None


def _sheet_index(workbook, name: str) -> int:  # type: ignore[no-untyped-def]
    return workbook.sheetnames.index(name) + 1


def _vertical_merges(data: bytes) -> dict[int, list[tuple[int, int, int, int]]]:
    """Merged ranges spanning several rows, per sheet number, read from the sheets' XML (openpyxl's
    streaming mode does not give them). Only the <mergeCell> elements are looked at."""
    import zipfile

    from lxml import etree
    from openpyxl.utils.cell import range_boundaries

    found: dict[int, list[tuple[int, int, int, int]]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.namelist():
            match = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", member)
            if not match:
                continue
            with archive.open(member) as handle:
                parser = etree.iterparse(handle, events=("end",), tag="{*}mergeCell", resolve_entities=False, huge_tree=False)
                try:
                    for _, element in parser:
                        min_col, min_row, max_col, max_row = range_boundaries(element.get("ref", ""))
                        if max_row > min_row:
                            found.setdefault(int(match.group(1)), []).append((min_row, min_col, max_row, max_col))
                        element.clear()
                except (etree.XMLSyntaxError, ValueError, TypeError) as exc:
                    raise ImportRefused(f"{member} is not readable XML ({exc})") from None
    return found


# ------------------------------------------------------------------------------------ parsing
def _blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _text(v: object) -> str | None:
    if _blank(v):
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, datetime):
        return v.date().isoformat()
    return " ".join(str(v).split())


def parse_grid(
    grid: list[list[object]], salt: bytes, mapping: Mapping, source_name: str = "", sha256: str = "", sheet: str | None = None
) -> ImportResult:
    notes: list[str] = []
    if mapping.header_row:
        header_index = mapping.header_row - 1
        if header_index >= len(grid):
            raise ImportRefused(f"header row {mapping.header_row} is past the end of the sheet")
    else:
        scored = [(mapping.header_score(row), i) for i, row in enumerate(grid[:25])]
        best = max(scored, default=(0, 0), key=lambda s: (s[0], -s[1]))
        if best[0] < 2:
            raise NotAReturn("no header row found in the first 25 rows (looked for headers such as case ref, audit date, overall grade); give the header row in a mapping file")
        header_index = best[1]
        if header_index:
            notes.append(f"header row is row {header_index + 1}; rows above it (titles) ignored")
    headers = list(grid[header_index])
    assigned, explicit_themes, mapping_problems = mapping.assign(headers)
    notes.extend(mapping_problems)
    printed = {name: str(headers[idx[0]]) for name, idx in assigned.items()}
    missing = [f for f in REQUIRED if f not in assigned]
    if missing:
        found = ", ".join(repr(str(h)) for h in headers if not _blank(h))
        raise NotAReturn(f"no column for {', '.join(missing)} (headers found: {found}); name it in a mapping file")
    for optional in ("team", "auditor", "findings", "actions"):
        if optional not in assigned:
            notes.append(f"no {optional} column: rows are used without it" + (" (team shown as 'not recorded')" if optional == "team" else ""))

    body = [(header_index + 2 + i, row) for i, row in enumerate(grid[header_index + 1:])]
    used_cols = {i for idx in assigned.values() for i in idx} | set(explicit_themes)
    theme_cols = dict(explicit_themes)
    if not mapping.themes:  # find score columns by their values
        for i, h in enumerate(headers):
            if i in used_cols or _blank(h):
                continue
            values = [row[i] for _, row in body if i < len(row) and not _blank(row[i])]
            if values and sum(1 for v in values if parse_grade(v, "1=outstanding")[0]) >= 0.6 * len(values):
                theme_cols[i] = canonical(str(h)) or norm_header(h)
        if theme_cols:
            notes.append("theme score columns found by their values: " + ", ".join(f"{headers[i]} ({t})" for i, t in theme_cols.items()))
    printed_themes = {str(headers[i]): t for i, t in theme_cols.items()}

    date_col, grade_col, ref_col = assigned["date"][0], assigned["grade"][0], assigned["case_ref"][0]
    cell = lambda row, i: row[i] if i < len(row) else None  # noqa: E731

    # Learn the file's habit for numeric dates (03/04/25 and 04/15/25 written the same way).
    orders: dict[str, str] = {}
    habits: dict[str, Counter] = {}
    for _, row in body:
        v = cell(row, date_col)
        if isinstance(v, str) and numeric_shape(v):
            ev = order_evidence(v)
            if ev:
                habits.setdefault(numeric_shape(v), Counter())[ev] += 1  # type: ignore[arg-type]
    for shape, counts in habits.items():
        if counts.get("mdy") and not counts.get("dmy"):
            orders[shape] = "mdy"
            notes.append(f"dates written like {'nn' + shape[0] + 'nn' + shape[0] + 'y' * int(shape[1:])} are month first in this file (some have a month over 12 in second place)")
        elif counts.get("mdy") and counts.get("dmy"):
            notes.append("numeric dates are written both day-first and month-first; ambiguous ones are read as " + ("day/month" if mapping.date_order == "dmy" else "month/day"))

    rows: list[AuditRow] = []
    problems: list[RowProblem] = []
    raw_theme: list[tuple[AuditRow, dict[str, object], int]] = []
    seen: dict[tuple[str, date], int] = {}
    read = 0
    for number, row in body:
        values = [v for v in row if not _blank(v)]
        if not values:
            continue
        read += 1
        first = _text(values[0]) or ""
        if _TOTALS.match(first) or (_blank(cell(row, ref_col)) and _blank(cell(row, date_col)) and _blank(cell(row, grade_col))):
            problems.append(RowProblem(number, None, shorten(first, 40), "looks like a totals or notes row, not an audit", "warning"))
            continue
        row_problems = _oversized_or_unsaved(number, row, headers)
        if row_problems:
            problems.extend(row_problems)
            continue
        ref = cell(row, ref_col)
        if _blank(ref):
            row_problems.append(RowProblem(number, printed["case_ref"], None, "no case reference"))
        raw_date = cell(row, date_col)
        shape = numeric_shape(raw_date) if isinstance(raw_date, str) else None
        when, note, error = parse_date(raw_date, orders.get(shape or "", mapping.date_order))
        if error:
            row_problems.append(RowProblem(number, printed["date"], _text(raw_date), error))
        elif note:
            row_problems.append(RowProblem(number, printed["date"], _text(raw_date), note, "warning"))
        raw_grade = cell(row, grade_col)
        grade, why = parse_grade(raw_grade, mapping.grade_numbers, mapping.grade_values)
        if why:
            row_problems.append(RowProblem(number, printed["grade"], _text(raw_grade), why))
        problems.extend(row_problems)
        if any(p.severity == "rejected" for p in row_problems):
            continue
        assert when is not None and grade is not None
        key = pseudonymise(ref, salt)
        if (key, when) in seen:
            problems.append(RowProblem(number, printed["case_ref"], None, f"same case and date as row {seen[(key, when)]}; the later row is used", "warning"))
            rows = [r for r in rows if (r.case_key, r.audit_date) != (key, when)]
        seen[(key, when)] = number
        get = lambda name: _text(cell(row, assigned[name][0])) if name in assigned else None  # noqa: E731
        findings = " ".join(t for t in (_text(cell(row, i)) for i in assigned.get("findings", [])) if t)
        audit = AuditRow(number, key, when, get("team"), get("auditor"), grade, _text(raw_grade), {}, findings, get("actions") or "")
        rows.append(audit)
        raw_theme.append((audit, {theme_cols[i]: cell(row, i) for i in theme_cols}, number))

    _score_themes(raw_theme, theme_cols, headers, mapping, problems, notes)
    problems.sort(key=lambda p: (p.row, p.severity != "rejected"))
    return ImportResult(source_name, sha256, sheet, header_index + 1, printed, printed_themes, rows, problems, notes, read)


def _oversized_or_unsaved(number: int, row: list[object], headers: list[object]) -> list[RowProblem]:
    """Cells no return should hold: over MAX_CELL_CHARS, or a formula without a saved value."""
    problems = []
    for i, value in enumerate(row):
        column = str(headers[i]) if i < len(headers) and not _blank(headers[i]) else f"column {i + 1}"
        if isinstance(value, UnsavedFormula):
            problems.append(RowProblem(number, column, shorten(value, 40), "formula with no saved value (open the file in Excel or LibreOffice and save it, so its values are computed)"))
        elif isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            problems.append(RowProblem(number, column, shorten(value, 30), f"cell of {len(value):,} characters, over the {MAX_CELL_CHARS:,} a return could need"))
    return problems


def _score_themes(raw: list[tuple[AuditRow, dict[str, object], int]], theme_cols: dict[int, str], headers: list[object],
                  mapping: Mapping, problems: list[RowProblem], notes: list[str]) -> None:
    if not theme_cols:
        return
    header_of = {t: str(headers[i]) for i, t in theme_cols.items()}
    scale = mapping.theme_numbers
    if scale == "auto":
        # Numbers in score columns: decide their direction from how they move with the overall grade.
        pairs = [(RANK[a.grade], float(v)) for a, scores, _ in raw for v in scores.values()
                 if isinstance(v, (int, float)) or (isinstance(v, str) and re.fullmatch(r"\s*[1-4]\s*", v))]
        scale = "1=outstanding"
        if len(pairs) >= 5:
            n = len(pairs)
            mx, my = sum(p[0] for p in pairs) / n, sum(p[1] for p in pairs) / n
            cov = sum((x - mx) * (y - my) for x, y in pairs)
            if cov < 0:
                scale = "4=outstanding"
            notes.append(f"theme scores read as {scale.replace('=', ' = ')}: they {'fall' if cov < 0 else 'rise'} as the overall grade number rises")
        else:
            notes.append("theme scores read as 1 = outstanding (too few numeric scores to tell)")
    for audit, scores, number in raw:
        for theme, value in scores.items():
            if _blank(value):
                continue
            grade, why = parse_grade(value, scale, mapping.grade_values)
            if grade:
                audit.theme_scores[theme] = grade
            else:
                problems.append(RowProblem(number, header_of[theme], _text(value), f"{why}; this theme score is left out", "warning"))


def grade_order() -> tuple[str, ...]:
    return GRADES
