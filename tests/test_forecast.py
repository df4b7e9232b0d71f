"""Forecast of the next inspection from the judgement history, and the run schedule it implies."""

from __future__ import annotations

from datetime import date

import pytest

from frameworks.forecast import (
    PastEvent, forecast_next, history_from_grades, last_day_from_report, read_history, run_schedule,
)

GOOD_2022 = PastEvent("ilacs_standard", date(2022, 11, 18), {"overall": "good", "leaders": "good"})


def test_good_leads_to_a_short_inspection_around_the_three_year_anniversary():
    forecast = forecast_next([GOOD_2022], date(2025, 1, 10))
    assert forecast.event.key == "ilacs_short"
    assert forecast.earliest.day == date(2025, 5, 18)
    assert forecast.likely.day == date(2025, 11, 18)
    assert forecast.latest.day == date(2026, 5, 18)
    assert "18 November 2022" in forecast.earliest.why and "anniversary" in forecast.likely.why
    assert "good" in forecast.headline_why
    assert forecast.status(date(2025, 1, 10)) == "before the window"
    assert any("focused visit" in item for item in forecast.between)


def test_requires_improvement_leads_to_a_standard_inspection():
    forecast = forecast_next([PastEvent("short", date(2021, 2, 28), {"overall": "requires improvement"})],
                             date(2023, 1, 1))
    assert forecast.event.key == "ilacs_standard"
    assert forecast.headline == "requires improvement to be good"
    assert forecast.likely.day == date(2024, 2, 28)  # 2024 is a leap year: the same day exists
    assert forecast.earliest.day == date(2023, 8, 28)


def test_inadequate_leads_to_monitoring_visits_then_re_inspection():
    forecast = forecast_next([PastEvent("ilacs_standard", date(2022, 3, 4), {"overall": "inadequate"})],
                             date(2023, 1, 1))
    assert forecast.event.key == "ilacs_standard"
    assert (forecast.earliest.day, forecast.likely.day, forecast.latest.day) == (
        date(2025, 3, 4), date(2025, 9, 4), date(2026, 3, 4))
    assert any("monitoring visit" in item.lower() for item in forecast.between)
    assert "re-inspected" in forecast.earliest.why


def test_without_an_overall_grade_the_judgements_decide():
    mostly_good = PastEvent("short", date(2026, 5, 22), {
        "leaders": "outstanding", "help_protection": "good", "in_care": "good",
        "care_leavers": "requires improvement to be good"})
    forecast = forecast_next([mostly_good], date(2026, 9, 1))
    assert forecast.headline == "good" and forecast.event.key == "ilacs_short"
    assert "no overall grade" in forecast.headline_why and "not verified" in forecast.headline_why
    weak = PastEvent("short", date(2026, 5, 22), {"leaders": "good", "help_protection": "inadequate"})
    assert forecast_next([weak], date(2026, 9, 1)).headline == "inadequate"
    mixed = PastEvent("short", date(2026, 5, 22), {"leaders": "requires improvement", "in_care": "good",
                                                   "help_protection": "good"})
    assert forecast_next([mixed], date(2026, 9, 1)).event.key == "ilacs_standard"


def test_the_latest_graded_inspection_counts_and_visits_since_are_listed():
    history = [
        PastEvent("ilacs_standard", date(2019, 3, 15), {"overall": "requires improvement to be good"}),
        GOOD_2022,
        PastEvent("focused_visit", date(2024, 6, 12)),
    ]
    forecast = forecast_next(history, date(2025, 6, 1))
    assert forecast.based_on == GOOD_2022
    assert any("12 June 2024" in item for item in forecast.between)
    assert forecast.status(date(2025, 6, 1)) == "inside the window"


def test_a_window_that_has_passed_says_so():
    forecast = forecast_next([GOOD_2022], date(2026, 9, 1))
    assert forecast.status(date(2026, 9, 1)) == "past the window"
    assert any("window closed" in note for note in forecast.notes)


def test_no_graded_inspection_is_an_error():
    with pytest.raises(ValueError, match="no graded inspection"):
        forecast_next([PastEvent("focused_visit", date(2024, 6, 12))], date(2025, 1, 1))
    with pytest.raises(ValueError, match="no graded inspection"):
        forecast_next([GOOD_2022], date(2022, 1, 1))  # not yet happened


def test_run_schedule_weekly_before_the_window_daily_inside_it():
    forecast = forecast_next([GOOD_2022], date(2025, 1, 10))
    before = run_schedule(forecast, date(2025, 1, 10))
    assert before.cron == "0 6 * * 1" and before.review_on == date(2025, 5, 18)
    inside = run_schedule(forecast, date(2025, 7, 1))
    assert inside.cron == "0 6 * * 1-5" and inside.review_on is None
    assert run_schedule(forecast, date(2026, 9, 1)).cron == "0 6 * * 1-5"  # past the window: keep daily
    assert run_schedule(None, date(2025, 1, 10)).cron == "0 6 * * 1"


def test_history_files_in_yaml_and_csv(tmp_path):
    yaml_file = tmp_path / "history.yaml"
    yaml_file.write_text("- {event: short, last_day: 2022-11-18, grades: {overall: Good, leaders: RI}}\n"
                         "- {event: focused visit, last_day: 2024-06-12}\n", encoding="utf-8")
    first, visit = read_history(yaml_file)
    assert first == PastEvent("ilacs_short", date(2022, 11, 18),
                              {"overall": "good", "leaders": "requires improvement to be good"})
    assert visit.event == "focused_visit" and visit.grades == {}
    # Data to Insight's column names, an authority filter, rows without dates and non-grade cells
    csv_file = tmp_path / "d2i.csv"
    csv_file.write_text(
        "council,framework,inspection_end,overall,leaders,care_leavers\n"
        "york,standard,2022-03-18,requires improvement,good,inspection_pre_dates_judgement\n"
        "york,,,,,\n"
        "bury,standard,2025-06-20,requires improvement,good,good\n", encoding="utf-8")
    (york,) = read_history(csv_file, authority="York")
    assert york.event == "ilacs_standard" and york.last_day == date(2022, 3, 18)
    assert york.grades == {"overall": "requires improvement to be good", "leaders": "good"}
    bad = tmp_path / "bad.csv"
    bad.write_text("event,last_day,overall\nshort,18/11/2022,good\n", encoding="utf-8")
    with pytest.raises(ValueError, match="row 2: not a date"):
        read_history(bad)


def test_history_from_a_stores_grades_needs_two_areas_on_one_date():
    rows = [
        (date(2022, 12, 20), "overall", "good"), (date(2022, 12, 20), "leaders", "good"),
        (date(2022, 12, 20), "leaders", "good"), (date(2022, 12, 20), "leaders", "outstanding"),
        (date(2024, 5, 1), "in_care", "inadequate"),  # one grade alone: a passing mention
        (date(2022, 12, 20), "in_care", "not a grade"),
    ]
    (event,) = history_from_grades(rows)
    assert event.last_day == date(2022, 12, 20) and event.event == "inspection"
    assert event.grades == {"overall": "good", "leaders": "good"}


def test_last_day_on_site_estimated_from_a_reports_date():
    day, why = last_day_from_report(date(2023, 2, 1))
    # 30 working days back from Wed 1 Feb 2023, skipping 2 Jan 2023 and 26, 27 Dec 2022
    assert day == date(2022, 12, 16)
    assert "estimated" in why and "30 working days" in why
