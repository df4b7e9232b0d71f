"""`readiness notice --event` and `readiness forecast` (cli/frameworks.py) on a local Typer app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from cli import frameworks as commands

REPORT_2022 = [
    "Judgement: The overall effectiveness of children's social care services is good.",
    "The impact of leaders on social work practice with children and families is judged to be good.",
    "The experiences and progress of children who need help and protection are good.",
    "The experiences and progress of children in care are good.",
    "The experiences and progress of care leavers require improvement to be good.",
]


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    commands.register(app)
    return app


def invoke(app, *args):
    return CliRunner().invoke(app, list(args), terminal_width=200)


def test_notice_prints_each_date_with_its_rule(app):
    result = invoke(app, "notice", "--event", "ilacs_standard", "--called", "2026-11-27")
    assert result.exit_code == 0, result.output
    assert "Fri 27 Nov 2026" in result.output and "Mon 30 Nov 2026" in result.output
    assert "[1] The lead inspector phones the director" in result.output  # the rules, numbered under the table
    assert "not the usual five" in result.output  # a Friday call


def test_notice_json_for_a_short_inspection_before_christmas(app):
    result = invoke(app, "notice", "--event", "short", "--called", "2026-12-21", "--closure", "2026-12-31", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["event"] == "ilacs_short" and data["arrival"] == "2026-12-29"
    days = {row["date"]: row for row in data["rows"]}
    assert days["2026-12-25"]["closed"] == "Christmas Day" and days["2026-12-31"]["closed"] == "council closure"
    # five on-site days: 29, 30 Dec, (31 closed, 1 Jan bank holiday), 4, 5, 6 Jan
    assert data["last_on_site"] == "2027-01-06"
    assert all(row["rule"] for row in data["rows"])


def test_notice_refuses_an_unknown_event_and_a_bad_date(app):
    unknown = invoke(app, "notice", "--event", "inspection-lite", "--called", "2026-11-23")
    assert unknown.exit_code == 2 and "unknown event" in unknown.output and "ilacs_short" in unknown.output
    bad = invoke(app, "notice", "--event", "short", "--called", "23/11/2026")
    assert bad.exit_code == 2 and "not a date" in bad.output


def test_forecast_from_a_history_file(app, tmp_path: Path):
    history = tmp_path / "history.yaml"
    history.write_text("- {event: standard, last_day: 2022-11-18, grades: {overall: good}}\n", encoding="utf-8")
    result = invoke(app, "forecast", "--history", str(history), "--today", "2025-01-10")
    assert result.exit_code == 0, result.output
    assert "Short ILACS inspection" in result.output and "18 May 2025" in result.output
    assert "anniversary" in result.output and "0 6 * * 1" in result.output
    data = json.loads(invoke(app, "forecast", "--history", str(history), "--today", "2025-07-01", "--json").output)
    assert data["likely"]["date"] == "2025-11-18" and data["status"] == "inside the window"
    assert data["schedule"]["cron"] == "0 6 * * 1-5"


def test_forecast_without_history_says_what_is_missing(app, tmp_path: Path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("[]\n", encoding="utf-8")
    result = invoke(app, "forecast", "--history", str(empty))
    assert result.exit_code == 2 and "no graded inspection" in result.output
    missing = invoke(app, "forecast", "--history", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 2 and "not found" in missing.output


def test_forecast_from_a_store_holding_a_2022_report(app, tmp_path: Path):
    """The history comes from the facts the store holds: the report's own last day on site and grades."""
    from cli import app as readiness

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "northmoor-ilacs-2022.md").write_text(
        "# Inspection of Northmoor local authority children's services\n\n"
        "Inspection dates: 7 November to 18 November 2022\n\n"
        "Lead inspector: Jo Carter, His Majesty's Inspector\n\n"
        "| Judgement | Grade |\n| --- | --- |\n"
        + "".join(f"| {line.split(' is ')[0].split(' are ')[0].replace('Judgement: ', '')} | Good |\n" for line in REPORT_2022[1:4])
        + "| Overall effectiveness | Good |\n", encoding="utf-8")
    store_path = str(tmp_path / "store.sqlite")
    assert CliRunner().invoke(readiness, ["ingest", str(folder), "--store", store_path]).exit_code == 0

    output = invoke(app, "forecast", "--store", store_path, "--today", "2025-01-10", "--json")
    assert output.exit_code == 0, output.output
    data = json.loads(output.stdout)
    assert data["based_on"]["last_day"] == "2022-11-18"  # as the report states it, not estimated
    assert data["based_on"]["grades"]["overall"] == "good"
    assert data["event"] == "ilacs_short"  # judged good: a short inspection next
    assert data["likely"]["date"] == "2025-11-18" and "anniversary" in data["likely"]["why"]
    assert data["earliest"]["date"] == "2025-05-18" and data["latest"]["date"] == "2026-05-18"


def test_serve_can_take_its_schedule_from_the_forecast(tmp_path: Path):
    from cli import app as readiness
    from cli.schedules import forecast_cron

    empty_store = str(tmp_path / "empty.sqlite")
    assert CliRunner().invoke(readiness, ["status", "--store", empty_store]).exit_code == 0
    assert forecast_cron(empty_store, None, None) == "0 6 * * 1"  # no history: weekly
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "report.md").write_text(
        "# Inspection of Northmoor local authority children's services\n\nInspection dates: 7 November to 18 November 2022\n\n"
        "Lead inspector: Jo Carter, His Majesty's Inspector\n\n| Judgement | Grade |\n| --- | --- |\n"
        "| The impact of leaders on social work practice with children and families | Good |\n"
        "| The experiences and progress of children in care | Good |\n| Overall effectiveness | Good |\n", encoding="utf-8")
    store = str(tmp_path / "store.sqlite")
    assert CliRunner().invoke(readiness, ["ingest", str(folder), "--store", store]).exit_code == 0
    # the window for the next inspection (May 2025 to May 2026) has opened: every working day
    assert forecast_cron(store, None, None) == "0 6 * * 1-5"
