"""Audit returns as data: import, pseudonymise, normalise, report bad rows, figures by quarter and team."""

from __future__ import annotations

import csv
import random
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from audits.analysis import build_summary, returns_view
from audits.grades import parse_date, parse_grade
from audits.ingest import ImportRefused, read_returns
from audits.mapping import Mapping
from audits.pseudonym import load_salt, pseudonymise
from audits.store import AuditStore
from evidence_store import EvidenceStore
from evidence_store.evidence import Evidence
from frameworks import load_framework

GRADES = ["outstanding", "good", "requires improvement", "inadequate"]
TEAMS = ["Duty East", "Duty West", "Looked After", "Leaving Care", "Child Protection"]


def fictional_audits(n: int = 320, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        day = date(2024, 4, 1) + timedelta(days=rng.randrange(365))
        q = ((day.year - 2024) * 12 + day.month - 4) // 3  # 0..3 from April 2024
        grade = rng.choices(GRADES, weights=[2 + q, 20 + 5 * q, 50, 20 - 3 * q])[0]
        rows.append({
            "Child ID": f"LCS{rng.randrange(10**6):06d}-{i}",
            "Date of audit": day,
            "Locality": rng.choice(TEAMS),
            "Audited by": rng.choice(["A. Auditor", "B. Reviewer"]),
            "Overall judgement": rng.choice({"outstanding": ["Outstanding", "1"], "good": ["Good", "good", "2"],
                                             "requires improvement": ["RI", "Requires Improvement", "Adequate", "3"],
                                             "inadequate": ["Inadequate", "4"]}[grade]),
            "_grade": grade,
            "Supervision": rng.choice([1, 2, 3, 4]),
            "Findings": "Supervision is not recorded." if rng.random() < 0.5 else "Clear plan.",
            "Actions": "Team manager to record supervision.",
        })
    return rows


def expected(rows: list[dict]) -> tuple[dict, dict]:
    by_q: dict[str, Counter] = defaultdict(Counter)
    by_tq: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for r in rows:
        d = r["Date of audit"]
        q = f"{d.year}-Q{(d.month - 1) // 3 + 1}"
        by_q[q][r["_grade"]] += 1
        by_tq[(r["Locality"], q)][r["_grade"]] += 1
    return by_q, by_tq


def write_csv(rows: list[dict], path: Path) -> None:
    cols = [c for c in rows[0] if not c.startswith("_")]
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({**r, "Date of audit": r["Date of audit"].strftime("%d/%m/%Y")})


def write_xlsx(rows: list[dict], path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    cols = [c for c in rows[0] if not c.startswith("_")]
    ws.append(cols)
    for r in rows:
        ws.append([r[c] for c in cols])
    wb.save(path)


@pytest.fixture()
def settings(tmp_path: Path):
    from core.settings import Settings

    return Settings(store=str(tmp_path / "store.sqlite"))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_grade_trend_by_quarter_and_team_is_correct(tmp_path: Path, settings, fmt: str) -> None:
    rows = fictional_audits()
    path = tmp_path / f"audits.{fmt}"
    (write_csv if fmt == "csv" else write_xlsx)(rows, path)
    result = read_returns(path, load_salt(settings.store))
    assert result.rejected == 0 and len(result.rows) == len(rows)
    assert result.columns["team"] == "Locality" and result.columns["grade"] == "Overall judgement"
    store = AuditStore.for_settings(settings)
    store.save(result)
    view = returns_view(store.rows())
    by_q, by_tq = expected(rows)
    assert [c.key for c in view.by_quarter] == sorted(by_q)
    for c in view.by_quarter:
        assert c.total == sum(by_q[c.key].values())
        assert c.counts == {g: by_q[c.key][g] for g in GRADES}
        good = by_q[c.key]["outstanding"] + by_q[c.key]["good"]
        assert c.good_or_better == pytest.approx(100 * good / c.total)
    for (team, q), counts in by_tq.items():
        cell = view.by_team_quarter[team][q]
        assert cell.counts == {g: counts[g] for g in GRADES}
    first, last = view.by_quarter[0], view.by_quarter[-1]
    assert view.trend_points == pytest.approx(last.good_or_better - first.good_or_better)
    assert view.trend == "improving"  # the generator improves practice quarter by quarter
    summary = build_summary(Evidence(load_framework("ilacs"), []), store.rows())
    assert summary.themes[0].theme == "supervision"
    assert summary.by_loe and summary.chart_svg().startswith("<svg")
    assert summary.chart_png()[:8] == b"\x89PNG\r\n\x1a\n"


def test_case_references_are_pseudonymised_and_never_stored(tmp_path: Path, settings) -> None:
    rows = fictional_audits(40)
    path = tmp_path / "a.csv"
    write_csv(rows, path)
    salt = load_salt(settings.store)
    assert Path(settings.store + ".audit-salt").exists()
    assert load_salt(settings.store) == salt  # stable per store
    result = read_returns(path, salt)
    AuditStore.for_settings(settings).save(result)
    EvidenceStore(settings.store).close()
    blob = Path(settings.store).read_bytes()
    for wal in Path(settings.store).parent.glob("store.sqlite-*"):
        blob += wal.read_bytes()
    assert all(r["Child ID"].encode() not in blob for r in rows)
    assert pseudonymise(" lcs1 ", salt) == pseudonymise("LCS1", salt) != pseudonymise("LCS1", b"other")


def test_same_file_twice_replaces_not_doubles(tmp_path: Path, settings) -> None:
    path = tmp_path / "a.csv"
    write_csv(fictional_audits(30), path)
    store = AuditStore.for_settings(settings)
    salt = load_salt(settings.store)
    store.save(read_returns(path, salt))
    store.save(read_returns(path, salt))
    assert len(store.rows()) == 30 and len(store.imports()) == 1


@pytest.mark.parametrize("value,scale,grade", [
    ("Outstanding", "1=outstanding", "outstanding"), ("GOOD", "1=outstanding", "good"), ("RI", "1=outstanding", "requires improvement"),
    ("Req. Improvement", "1=outstanding", "requires improvement"), ("adequate", "1=outstanding", "requires improvement"),
    ("Inadequate", "1=outstanding", "inadequate"), (1, "1=outstanding", "outstanding"), (4, "4=outstanding", "outstanding"),
    ("3", "1=outstanding", "requires improvement"), ("2 - Good", "1=outstanding", "good"), ("3/4", "1=outstanding", "good"),
    ("Requires improvement to be good", "1=outstanding", "requires improvement"),
])
def test_grades_normalise(value, scale, grade) -> None:
    assert parse_grade(value, scale) == (grade, None)


@pytest.mark.parametrize("value", ["good+", "n/a", "", None, 7, "Green"])
def test_unknown_grades_have_reasons(value) -> None:
    grade, reason = parse_grade(value)
    assert grade is None and reason


def test_dates_in_several_formats() -> None:
    assert parse_date("03/04/2025")[0] == date(2025, 4, 3)  # UK order by default
    assert parse_date("2025-04-03")[0] == date(2025, 4, 3)
    assert parse_date("3rd April 2025")[0] == date(2025, 4, 3)
    assert parse_date(45750.0)[0] == date(2025, 4, 3)  # Excel serial
    assert parse_date(datetime(2025, 4, 3, 10, 0))[0] == date(2025, 4, 3)
    d, note, _ = parse_date("Apr-25")
    assert d == date(2025, 4, 1) and "month only" in note
    d, note, _ = parse_date("04/15/25")
    assert d == date(2025, 4, 15) and note
    assert parse_date("TBC")[2] == "'TBC' is not a date"


def test_malformed_sheet_is_reported_row_by_row_and_good_rows_used(tmp_path: Path, settings) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Quarterly audit returns (draft)"])
    ws.merge_cells("A1:F1")
    ws.append(["Case ref", "Audit date", "Auditor", "Overall grade", "Recording", "Findings"])  # no team column
    ws.append(["C1", date(2025, 1, 10), "Sam", "Good", 3, "Good recording."])
    ws.append(["C2", "10/02/2025", None, "Great", 2, "x"])  # unknown grade; auditor merged from above
    ws.append(["C3", "TBC", None, "RI", 2, "x"])  # not a date
    ws.append(["C4", "5 March 2025", None, "adequate", 9, "x"])  # theme score out of range
    ws.append([])
    ws.append([None, "2025-03-06", "Kim", "good", 3, "x"])  # no case reference
    ws.append(["C6", 45730, "Kim", 4, 1, "x"])  # Excel serial date, numeric grade
    ws.append(["Total", None, None, "6 audits"])
    ws.merge_cells("C3:C6")
    path = tmp_path / "messy.xlsx"
    wb.save(path)
    result = read_returns(path, load_salt(settings.store))
    assert result.header_row == 2
    assert any("no team column" in n for n in result.notes)
    reasons = {(p.row, p.severity): p.reason for p in result.problems}
    assert "'Great' is not a recognised grade" in reasons[(4, "rejected")]
    assert reasons[(5, "rejected")] == "'TBC' is not a date"
    assert "outside the 1-4 grade scale" in reasons[(6, "warning")]
    assert reasons[(8, "rejected")] == "no case reference"
    assert "Excel serial" in reasons[(9, "warning")]
    assert "totals" in reasons[(10, "warning")]
    used = {r.source_row: r for r in result.rows}
    assert sorted(used) == [3, 6, 9]
    assert used[6].grade == "requires improvement" and used[6].auditor == "Sam"  # merged cell filled down
    assert used[9].grade == "inadequate" and used[9].team is None
    assert "recording" not in used[6].theme_scores


def test_mapping_file_names_columns(tmp_path: Path, settings) -> None:
    (tmp_path / "m.yaml").write_text("columns:\n  case_ref: Ref\n  date: When\n  grade: RAG\n  team: Unit\n"
                                     "grade_values: {Green: good, Amber: requires improvement, Red: inadequate}\n", encoding="utf-8")
    (tmp_path / "a.csv").write_text("Ref,When,RAG,Unit\nX1,01/05/2025,Green,North\nX2,02/05/2025,Red,South\nX3,03/05/2025,Blue,South\n", encoding="utf-8")
    result = read_returns(tmp_path / "a.csv", b"k", Mapping.load(tmp_path / "m.yaml"))
    assert [r.grade for r in result.rows] == ["good", "inadequate"]
    assert result.problems[0].row == 4 and "'Blue'" in result.problems[0].reason


def test_missing_required_column_refuses_with_reason(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("Case ref,Team,Overall grade\nA,B,Good\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match="no column for date"):
        read_returns(tmp_path / "a.csv", b"k")


def test_cli_import_and_view(tmp_path: Path) -> None:
    import typer
    from typer.testing import CliRunner

    from cli.audits import register

    store = str(tmp_path / "s.sqlite")

    app = typer.Typer()

    @app.command()
    def other() -> None:  # a second command so typer keeps sub-commands
        pass

    register(app)
    path = tmp_path / "a.csv"
    write_csv(fictional_audits(60), path)
    runner = CliRunner()
    res = runner.invoke(app, ["audits", "import", str(path), "--store", store])
    assert res.exit_code == 0, res.output
    assert "60 used" in res.output
    out = tmp_path / "out"
    res = runner.invoke(app, ["audits", "--store", store, "--out", str(out), "--since", "2024-01-01"])
    assert res.exit_code == 0, res.output
    assert (out / "audits.md").read_text().startswith("# Audit and quality assurance")
    assert (out / "audit-trend.png").exists() and (out / "audit-trend.svg").exists()
