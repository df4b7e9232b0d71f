"""The notice timetable (frameworks/timetable.py): each event profile's timetable for worked dates, in
working days over England's bank holidays, each date with the rule it came from.

The expected dates below were worked out by hand from a calendar, not from the code."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from frameworks.events import event_profile, event_profiles
from frameworks.timetable import add_working_days, bank_holiday_name, is_working_day, rrule_for, timetable


def row(tt, day):
    (found,) = [r for r in tt.rows if r.day == day]
    return found


# ----------------------------------------------------------------------------- working days
def test_weekends_and_bank_holidays_are_not_working_days():
    assert is_working_day(date(2026, 11, 23))  # Monday
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert not is_working_day(date(2026, 12, 25))  # Christmas Day (Friday)
    assert not is_working_day(date(2026, 12, 28))  # Boxing Day observed (Monday)
    assert not is_working_day(date(2026, 4, 3))  # Good Friday
    assert not is_working_day(date(2026, 4, 6))  # Easter Monday
    assert not is_working_day(date(2026, 5, 25))  # spring bank holiday
    assert not is_working_day(date(2026, 11, 24), closures=[date(2026, 11, 24)])


def test_holidays_come_from_the_library_not_a_list():
    import holidays

    for day in holidays.UK(subdiv="ENG", years=2027):
        if day.weekday() < 5:
            assert not is_working_day(day), day
    assert bank_holiday_name(date(2027, 12, 28)) is not None  # Boxing Day (observed), a Tuesday


# ----------------------------------------------------------------------------- standard and short ILACS
def test_standard_inspection_called_on_a_monday():
    tt = timetable("ilacs_standard", date(2026, 11, 23))
    assert tt.arrival == date(2026, 11, 30)  # the following Monday: five working days
    assert tt.notice_working_days == 5
    assert tt.last_on_site == date(2026, 12, 11)  # two weeks on site
    call = row(tt, date(2026, 11, 23))
    assert call.phase == "call" and call.working_day == 0 and "following Monday" in call.rule
    assert any("Annex A" in w for w in call.what) and any("self-evaluation" in w for w in call.what)
    assert [row(tt, date(2026, 11, d)).phase for d in (24, 25, 26, 27)] == ["off-site"] * 4
    assert any("evidence library" in w for w in row(tt, date(2026, 11, 27)).what)
    arrival = row(tt, date(2026, 11, 30))
    assert arrival.working_day == 5 and "inspectors arrive" in arrival.what and "on site: day 1 of 10" in arrival.what
    assert "on site: day 10 of 10 (last day on site)" in row(tt, date(2026, 12, 11)).what
    # report: 30 working days after Fri 11 Dec, skipping 25 and 28 Dec and 1 Jan
    assert tt.report_expected == date(2027, 1, 27)
    report = row(tt, date(2027, 1, 27))
    assert report.phase == "after" and "median 30 working days" in report.rule and "Data to Insight" in report.rule
    # action plan: 70 working days after that, skipping Good Friday 26 Mar, Easter Monday 29 Mar, 3 May
    assert tt.action_plan_due == date(2027, 5, 10)
    assert tt.publication_deadline is None  # no deadline is published: the report date is an estimate


def test_standard_inspection_called_on_a_friday():
    tt = timetable("ilacs_standard", date(2026, 11, 27))
    assert tt.arrival == date(2026, 11, 30)  # still the following Monday: one working day's notice
    assert row(tt, date(2026, 11, 30)).working_day == 1
    assert tt.refresh_days == (date(2026, 11, 27),)
    assert any("Friday" in note and "not the usual five" in note for note in tt.notes)
    # the evidence library falls due on the call day itself: the only working day before arrival
    assert any("evidence library" in w for w in row(tt, date(2026, 11, 27)).what)


def test_standard_inspection_called_in_the_week_before_christmas():
    tt = timetable("ilacs_standard", date(2026, 12, 21))
    # the following Monday, 28 Dec, is Boxing Day (observed): arrival on Tue 29 Dec, said as an assumption
    assert tt.arrival == date(2026, 12, 29)
    assert any("Boxing Day" in note and "confirm with the lead inspector" in note for note in tt.notes)
    assert row(tt, date(2026, 12, 25)).closed == "Christmas Day" and row(tt, date(2026, 12, 25)).working_day is None
    assert row(tt, date(2026, 12, 28)).phase == "closed"
    assert row(tt, date(2027, 1, 1)).closed == "New Year's Day"
    christmas = [r.day for r in tt.rows if r.christmas]
    assert christmas == [date(2026, 12, d) for d in (24, 25, 28, 29, 30, 31)] + [date(2027, 1, 1)]
    assert "Christmas period" in row(tt, date(2026, 12, 29)).what
    # ten on-site days: 29, 30, 31 Dec, 4-8 Jan, 11, 12 Jan
    assert tt.last_on_site == date(2027, 1, 12)
    assert any("Christmas" in note for note in tt.notes)


def test_short_inspection_is_one_week_on_site():
    tt = timetable("ilacs_short", date(2026, 11, 23))
    assert tt.event.key == "ilacs_short"
    assert (tt.arrival, tt.last_on_site) == (date(2026, 11, 30), date(2026, 12, 4))
    assert [r.day for r in tt.rows if r.phase == "on-site"] == [date(2026, 11, 30)] + [date(2026, 12, d) for d in (1, 2, 3, 4)]
    # report: 30 working days after Fri 4 Dec, skipping 25 and 28 Dec and 1 Jan
    assert tt.report_expected == date(2027, 1, 20)


def test_easter_monday_moves_the_arrival():
    tt = timetable("ilacs_standard", date(2026, 4, 2))  # Thursday before Good Friday
    assert row(tt, date(2026, 4, 3)).closed == "Good Friday"
    assert tt.arrival == date(2026, 4, 7)  # the following Monday is Easter Monday
    assert tt.refresh_days == (date(2026, 4, 2),)


def test_council_closures_and_a_given_arrival_date():
    tt = timetable("ilacs_short", date(2026, 11, 23), closures=[date(2026, 12, 2)])
    assert row(tt, date(2026, 12, 2)).closed == "council closure"
    assert tt.last_on_site == date(2026, 12, 7)  # the closure pushes the last on-site day back
    given = timetable("focused_visit", date(2026, 3, 2), arrival=date(2026, 3, 4))
    assert given.arrival == date(2026, 3, 4) and "given by the lead inspector" in row(given, date(2026, 3, 4)).rule
    with pytest.raises(ValueError, match="not a working day"):
        timetable("focused_visit", date(2026, 3, 2), arrival=date(2026, 3, 7))


# ----------------------------------------------------------------------------- other events
def test_jtai_counts_the_day_of_notification_as_day_1():
    tt = timetable("jtai", date(2026, 11, 24))  # notified on a Tuesday
    assert row(tt, date(2026, 11, 24)).working_day == 1
    assert tt.arrival == date(2026, 12, 7) and row(tt, date(2026, 12, 7)).working_day == 10
    assert "day of notification as day 1" in row(tt, date(2026, 12, 7)).rule
    assert tt.last_on_site is None and any("not on record" in note for note in tt.notes)


def test_jtai_profile_lists_its_themes_with_their_rounds():
    profile = event_profile("jtai")
    assert {t.id for t in profile.themes()} >= {"jtai.theme.neglect", "jtai.theme.serious_youth_violence"}
    assert "jtai.theme.neglect" not in {t.id for t in profile.themes_on(date(2023, 6, 1))}
    assert "jtai.theme.neglect" in {t.id for t in profile.themes_on(date(2017, 6, 1))}


def test_focused_visit_is_two_days_and_says_its_notice_is_an_assumption():
    tt = timetable("focused_visit", date(2026, 3, 2))
    assert (tt.arrival, tt.last_on_site) == (date(2026, 3, 9), date(2026, 3, 10))
    assert "low confidence" in row(tt, date(2026, 3, 9)).rule
    assert any("20 working days" in note for note in tt.notes)  # draft action plan after priority actions
    assert event_profile("focused_visit").topics


def test_annual_engagement_meeting_with_its_self_evaluation():
    tt = timetable("annual_engagement", date(2026, 6, 10))
    (meeting,) = tt.rows
    assert meeting.day == date(2026, 6, 10) and meeting.phase == "meeting"
    assert any("self-evaluation" in w for w in meeting.what)
    assert tt.refresh_days == () and tt.last_on_site is None


@pytest.mark.parametrize("event", list(event_profiles()))
@pytest.mark.parametrize("called", [date(2026, 11, 23), date(2026, 11, 27), date(2026, 12, 21), date(2027, 3, 25)])
def test_every_timetable_has_one_row_per_date_each_with_its_rule(event, called):
    tt = timetable(event, called)
    days = [r.day for r in tt.rows]
    assert days == sorted(set(days)), "rows must not overlap"
    assert all(r.rule for r in tt.rows)
    assert all(r.working_day is None for r in tt.rows if r.closed)
    numbered = [r.working_day for r in tt.rows if r.working_day is not None]
    assert numbered == sorted(numbered)


def test_a_call_at_a_weekend_counts_from_the_next_working_day():
    tt = timetable("ilacs_standard", date(2026, 11, 21))  # Saturday
    assert tt.arrival == date(2026, 11, 23)  # the Monday after
    call = row(tt, date(2026, 11, 21))
    assert call.phase == "call" and call.working_day is None
    assert any("not a working day" in note for note in tt.notes)


# ----------------------------------------------------------------------------- refreshes
def test_rrule_lists_only_future_refresh_days():
    days = [date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 25)]
    rule = rrule_for(days, time(6, 0), now=datetime(2026, 11, 23, 9, 0))
    assert rule == "DTSTART:20261124T060000\nRDATE:20261124T060000,20261125T060000"
    assert rrule_for(days, time(6, 0), now=datetime(2026, 12, 1)) is None
    from prefect.schedules import validate_rrule_string

    validate_rrule_string(rule)


def test_add_working_days_skips_easter():
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)
