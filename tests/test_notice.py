"""Notice mode: working-day arithmetic over England and Wales bank holidays (flows/notice.py)."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from flows import notice
from flows.notice import add_working_days, is_working_day, rrule_for, timetable, timetable_for


def test_weekends_and_bank_holidays_are_not_working_days():
    assert is_working_day(date(2026, 11, 23))  # Monday
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert not is_working_day(date(2026, 12, 25))  # Christmas Day (Friday)
    assert not is_working_day(date(2026, 12, 28))  # Boxing Day observed (Monday)
    assert not is_working_day(date(2026, 4, 3))  # Good Friday
    assert not is_working_day(date(2026, 4, 6))  # Easter Monday
    assert not is_working_day(date(2026, 5, 25))  # Spring (late May) bank holiday
    assert is_working_day(date(2026, 11, 24), closures=()) and not is_working_day(date(2026, 11, 24), closures=[date(2026, 11, 24)])


def test_holidays_come_from_the_library_not_a_list():
    import holidays

    england = holidays.UK(subdiv="ENG", years=2027)
    for day in england:
        if day.weekday() < 5:
            assert not is_working_day(day), day
    assert notice.bank_holiday_name(date(2027, 12, 28)) is not None  # Boxing Day (observed), a Tuesday


def test_ilacs_call_on_a_plain_monday():
    tt = timetable("ilacs", date(2026, 11, 23), 5, off_site_weeks=1, on_site_weeks=2)
    assert tt.arrival == date(2026, 11, 30)  # the following Monday
    assert tt.last_on_site == date(2026, 12, 11)  # two weeks on site
    assert tt.refresh_days == tuple(date(2026, 11, d) for d in (23, 24, 25, 26, 27))
    assert tt.publication_deadline is None and tt.holidays == ()
    off = [p for p in tt.phases if p.name == "off-site"][0]
    assert (off.start, off.end) == (date(2026, 11, 23), date(2026, 11, 27))


def test_call_on_thursday_21_december_spans_christmas_boxing_day_and_new_year():
    # 21 December is a Thursday in 2028 (in 2026 it is a Monday: see the next test).
    called = date(2028, 12, 21)
    assert called.weekday() == 3
    tt = timetable("ilacs", called, 5, off_site_weeks=1, on_site_weeks=2)
    # Fri 22 (1), [Mon 25 Christmas, Tue 26 Boxing Day], Wed 27 (2), Thu 28 (3), Fri 29 (4),
    # [Mon 1 Jan New Year's Day], Tue 2 Jan (5)
    assert tt.arrival == date(2029, 1, 2)
    assert [d for d, _ in tt.holidays][:3] == [date(2028, 12, 25), date(2028, 12, 26), date(2029, 1, 1)]
    assert date(2028, 12, 25) not in tt.refresh_days and date(2028, 12, 26) not in tt.refresh_days
    assert tt.refresh_days == (date(2028, 12, 21), date(2028, 12, 22), date(2028, 12, 27), date(2028, 12, 28), date(2028, 12, 29))
    # ten on-site working days from Tue 2 Jan: ends Mon 15 Jan
    assert tt.last_on_site == date(2029, 1, 15)


def test_call_on_21_december_2026_skips_christmas_and_boxing_day_observed():
    tt = timetable("ilacs", date(2026, 12, 21), 5, off_site_weeks=1, on_site_weeks=2)
    # Tue 22 (1), Wed 23 (2), Thu 24 (3), [Fri 25 Christmas], [Mon 28 Boxing Day observed], Tue 29 (4), Wed 30 (5)
    assert tt.arrival == date(2026, 12, 30)
    assert {d for d, _ in tt.holidays} >= {date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1)}


def test_call_on_thursday_24_december_2026():
    tt = timetable("ilacs", date(2026, 12, 24), 5)
    # [Fri 25], [Mon 28], Tue 29 (1), Wed 30 (2), Thu 31 (3), [Fri 1 Jan], Mon 4 (4), Tue 5 (5)
    assert tt.arrival == date(2027, 1, 5)


def test_easter_is_skipped():
    # Thursday 2 April 2026, before Good Friday (3rd) and Easter Monday (6th)
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)
    tt = timetable("ilacs", date(2026, 4, 2), 5, off_site_weeks=1, on_site_weeks=2)
    # Tue 7 (1), Wed 8 (2), Thu 9 (3), Fri 10 (4), Mon 13 (5)
    assert tt.arrival == date(2026, 4, 13)
    assert {d for d, _ in tt.holidays} == {date(2026, 4, 3), date(2026, 4, 6)}


def test_late_may_bank_holiday_is_skipped():
    # Thursday 21 May 2026; Monday 25 May is the spring bank holiday
    tt = timetable("slac", date(2026, 5, 21), 10, on_site_weeks=2)
    # Fri 22 (1), [Mon 25], Tue 26 .. Fri 29 (2-5), Mon 1 .. Fri 5 June (6-10)
    assert tt.arrival == date(2026, 6, 5)
    assert date(2026, 5, 25) not in tt.refresh_days
    assert len(tt.refresh_days) == 10  # the call day and nine more working days before arrival


def test_sif_one_day_notice_and_off_site_week_in_the_middle():
    tt = timetable("sif", date(2026, 11, 23), 1, off_site_weeks=1, on_site_weeks=3)
    assert tt.arrival == date(2026, 11, 24)
    names = [p.name for p in tt.phases]
    assert names == ["notice", "on-site", "off-site", "on-site"]
    assert tt.last_on_site == date(2026, 12, 21)  # Tue 24 Nov-Mon 30 on, Tue 1-Mon 7 Dec off, Tue 8-Mon 21 on


def test_publication_deadline_when_known():
    tt = timetable("x", date(2026, 11, 23), 5, off_site_weeks=1, on_site_weeks=2, publication_working_days=15)
    # last on site Fri 11 Dec; 15 working days, skipping 25 and 28 Dec and 1 Jan: Wed 6 Jan
    assert tt.publication_deadline == date(2027, 1, 6)


def test_call_at_a_weekend_counts_from_monday():
    tt = timetable("ilacs", date(2026, 11, 21), 5)  # Saturday
    assert tt.arrival == date(2026, 11, 27)
    assert tt.refresh_days[0] == date(2026, 11, 23)
    assert tt.notes and "not a working day" in tt.notes[0]


def test_unannounced_framework_is_an_error():
    with pytest.raises(ValueError, match="no notice period"):
        timetable("ucra", date(2026, 11, 23), None)


def test_bundled_frameworks():
    from frameworks import load_framework

    tt = timetable_for(load_framework("ilacs"), date(2026, 11, 23))
    assert tt.arrival == date(2026, 11, 30)


def test_rrule_lists_only_future_refresh_days():
    days = [date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 25)]
    rule = rrule_for(days, time(6, 0), now=datetime(2026, 11, 23, 9, 0))
    assert rule == "DTSTART:20261124T060000\nRDATE:20261124T060000,20261125T060000"
    assert rrule_for(days, time(6, 0), now=datetime(2026, 12, 1)) is None
    from prefect.schedules import validate_rrule_string

    validate_rrule_string(rule)


def test_notice_command_prints_timetable():
    from typer.testing import CliRunner

    from cli import app

    result = CliRunner().invoke(app, ["notice", "--framework", "ilacs", "--called", "2028-12-21", "--json"])
    assert result.exit_code == 0, result.output
    assert '"arrival": "2029-01-02"' in result.output
    bad = CliRunner().invoke(app, ["notice", "--called", "21/12/2028"])
    assert bad.exit_code == 2 and "not a date" in bad.output
    missing = CliRunner().invoke(app, ["notice", "--called", "2028-12-21", "--run"])
    assert missing.exit_code == 2 and "--run needs" in missing.output
