#!/usr/bin/env python3
"""Generate the fictional Northmoor Borough Council case-audit spreadsheets.

Everything produced here is invented. Output is deterministic for a given seed:
re-running gives byte-identical CSV and XLSX files.

Outputs (next to this script by default):
  northmoor-case-audits-2025.csv    ~300 well-formed audits over 2025
  northmoor-case-audits-2025.xlsx   the same rows as a typed spreadsheet
  malformed-case-audits.xlsx        a deliberately messy sheet for parser tests
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import re
import zipfile
from pathlib import Path

COLUMNS = [
    "case_ref", "audit_date", "team", "auditor", "overall_grade",
    "recording", "supervision", "voice_of_child", "planning", "management_oversight",
    "findings", "actions",
]
GRADES = ["outstanding", "good", "requires improvement", "inadequate"]
TEAMS = [
    "Front Door (MASH)", "Assessment North", "Assessment South",
    "Child Protection and Court", "Children in Care", "Next Steps (Care Leavers)",
    "Disabled Children",
]
AUDITORS = [
    "Martin Keble", "Joanna Whitlock", "Priya Lakhani", "Gareth Oduya",
    "Sinead Follett", "Tomasz Wiernik", "Bernadette Cole",
]
STRENGTHS = [
    "Child's voice clearly recorded and reflected in the plan.",
    "Timely strategy meeting with police and health present.",
    "Assessment analysis is clear about risk and protective factors.",
    "Regular visits; child seen alone and wishes recorded.",
    "Pathway plan is up to date and written with the young person.",
    "Good use of early help history to inform the assessment.",
    "Supervision notes show reflective discussion and clear actions.",
    "Chronology is current and used to understand cumulative harm.",
    "Life-story work started and shared with the child.",
    "Effective multi-agency core group; actions tracked to completion.",
]
WEAKNESSES = [
    "Supervision records are brief and do not show challenge.",
    "Plan actions are not SMART; timescales missing.",
    "Child's lived experience not evident in recording.",
    "Delay between strategy discussion and section 47 enquiry outcome.",
    "Chronology not updated for over six months.",
    "Management oversight recorded but does not address drift.",
    "Visits out of timescale on two occasions with no rationale recorded.",
    "Health assessment overdue; not escalated.",
    "Impact of neglect not analysed in the assessment.",
    "Pathway plan not reviewed since 18th birthday.",
    "Case summary out of date; key family members not recorded.",
]
ACTIONS = [
    "Team manager to update chronology within 10 working days.",
    "Social worker to complete direct work and record child's views.",
    "Revise plan with SMART actions at next review.",
    "Escalate overdue health assessment to designated nurse.",
    "Team manager to record reflective supervision within 5 days.",
    "Convene core group to review progress against plan.",
    "Personal adviser to review pathway plan with young person.",
    "Practice manager to review for drift and record decision.",
    "No further action required; share practice as an example of good work.",
]

# Probability of each grade by quarter: practice improves over the year.
GRADE_WEIGHTS = {
    1: [3, 24, 55, 18],
    2: [3, 28, 55, 14],
    3: [4, 32, 53, 11],
    4: [5, 37, 50, 8],
}
BASE_SCORE = {"outstanding": 4, "good": 3, "requires improvement": 2, "inadequate": 1}
FIXED_TIME = (2026, 1, 5, 9, 0, 0)


def working_days(year: int) -> list[dt.date]:
    d, out = dt.date(year, 1, 6), []
    while d <= dt.date(year, 12, 19):
        if d.weekday() < 5:
            out.append(d)
        d += dt.timedelta(days=1)
    return out


def make_rows(n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    days = sorted(rng.sample(working_days(2025), n)) if n <= 240 else sorted(
        rng.choice(working_days(2025)) for _ in range(n))
    refs = rng.sample(range(100000, 199999), n)
    rows = []
    for day, ref in zip(days, refs):
        quarter = (day.month - 1) // 3 + 1
        grade = rng.choices(GRADES, weights=GRADE_WEIGHTS[quarter])[0]
        base = BASE_SCORE[grade]
        scores = {}
        for col in ["recording", "supervision", "voice_of_child", "planning", "management_oversight"]:
            s = base + rng.choice([-1, 0, 0, 0, 1])
            if col == "supervision" and rng.random() < 0.25:
                s -= 1  # supervision is the recurring weak theme
            scores[col] = max(1, min(4, s))
        n_good = {"outstanding": 3, "good": 2, "requires improvement": 1, "inadequate": 0}[grade]
        n_bad = {"outstanding": 0, "good": 1, "requires improvement": 2, "inadequate": 3}[grade]
        findings = rng.sample(STRENGTHS, n_good) + rng.sample(WEAKNESSES, n_bad)
        if grade == "outstanding":
            actions = [ACTIONS[-1]]
        else:
            actions = rng.sample(ACTIONS[:-1], max(1, n_bad))
        team = rng.choice(TEAMS)
        rows.append({
            "case_ref": f"NBC-{ref}",
            "audit_date": day,
            "team": team,
            "auditor": rng.choice(AUDITORS),
            "overall_grade": grade,
            **scores,
            "findings": " ".join(findings),
            "actions": " ".join(actions),
        })
    return rows


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip (xlsx/docx) with fixed timestamps so output is reproducible."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            blob = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the save time into `modified`; pin it.
                blob = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>2026-01-05T09:00:00Z\g<2>", blob)
            dst.writestr(zi, blob)
    return out.getvalue()


def save_workbook(wb, path: Path) -> None:
    fixed = dt.datetime(*FIXED_TIME)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.creator = "Northmoor Borough Council (fictional)"
    wb.properties.lastModifiedBy = "Quality Assurance Team"
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(normalise_zip(buf.getvalue()))


def write_csv(rows: list[dict], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({**r, "audit_date": r["audit_date"].isoformat()})


def write_xlsx(rows: list[dict], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Audits 2025"
    ws.append(COLUMNS)
    for c in ws[1]:
        c.font = Font(bold=True)
    for r in rows:
        ws.append([r[c] for c in COLUMNS])
        ws.cell(row=ws.max_row, column=2).number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"
    for col, width in zip("ABCDEFGHIJKL", [12, 12, 26, 18, 22, 10, 11, 14, 10, 20, 70, 60]):
        ws.column_dimensions[col].width = width
    notes = wb.create_sheet("Notes")
    notes.append(["Fictional data for testing. Theme scores: 4 = outstanding, 3 = good, "
                  "2 = requires improvement, 1 = inadequate."])
    save_workbook(wb, path)


def write_malformed(rows: list[dict], path: Path) -> None:
    """A realistic messy sheet: title row merged across columns, a missing column
    (no `team`), unknown grade labels, mixed date formats, a vertically merged
    cell, blank rows and a totals row."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Q3 audits"
    cols = [c for c in COLUMNS if c != "team"]
    ws.append(["Northmoor case audit returns - Q3 2025 - DRAFT (fictional)"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(cols))
    ws.append(cols)
    odd_grades = ["Good", "RI", "adequate", "Req. Improvement", "good+", "", "n/a", "INADEQUATE", "outstanding"]
    date_styles = [
        lambda d: d,                               # real date cell
        lambda d: d.strftime("%d/%m/%Y"),          # UK text
        lambda d: d.strftime("%Y-%m-%d"),          # ISO text
        lambda d: d.strftime("%d %B %Y"),          # long text
        lambda d: d.strftime("%m/%d/%y"),          # US-style, ambiguous
        lambda d: d.strftime("%b-%y"),             # month only
        lambda d: "TBC",                           # not a date
        lambda d: float((d - dt.date(1899, 12, 30)).days),  # raw Excel serial
    ]
    sample = [r for r in rows if 7 <= r["audit_date"].month <= 9][:24]
    for i, r in enumerate(sample):
        rec = dict(r)
        rec["audit_date"] = date_styles[i % len(date_styles)](r["audit_date"])
        if i % 3 == 0:
            rec["overall_grade"] = odd_grades[(i // 3) % len(odd_grades)]
        if i == 5:
            rec["recording"] = "3/4"
        if i == 9:
            rec["supervision"] = None
        if i == 13:
            rec["voice_of_child"] = 7  # out of range
        ws.append([rec[c] for c in cols])
        if i == 11:
            ws.append([])  # stray blank row
    # The same auditor audited three consecutive cases: cell merged vertically.
    auditor_col = cols.index("auditor") + 1
    ws.cell(row=4, column=auditor_col).value = "Priya Lakhani"
    ws.merge_cells(start_row=4, start_column=auditor_col, end_row=6, end_column=auditor_col)
    ws.append(["TOTAL", None, None, f"{len(sample)} audits"])
    save_workbook(wb, path)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seed", type=int, default=20250101, help="random seed (default: %(default)s)")
    p.add_argument("-n", "--count", type=int, default=300, help="number of audits (default: %(default)s)")
    p.add_argument("--out", type=Path, default=Path(__file__).resolve().parent, help="output folder")
    args = p.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    rows = make_rows(args.count, args.seed)
    write_csv(rows, args.out / "northmoor-case-audits-2025.csv")
    write_xlsx(rows, args.out / "northmoor-case-audits-2025.xlsx")
    write_malformed(rows, args.out / "malformed-case-audits.xlsx")
    print(f"wrote {len(rows)} audits to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
