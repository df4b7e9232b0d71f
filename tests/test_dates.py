"""The one date parser: British day-first dates in running text, with their precision."""

from __future__ import annotations

from datetime import date

from core.dates import find_dates, parse_date


def test_day_first_numeric_dates() -> None:
    assert parse_date("03/04/2024") == date(2024, 4, 3)
    assert parse_date("3rd April 2024") == date(2024, 4, 3)
    assert parse_date("2024-04-03") == date(2024, 4, 3)
    assert parse_date("not a date") is None
    assert parse_date("31/02/2024") is None


def test_dates_in_running_text_with_precision() -> None:
    text = "Ofsted inspected in May 2011 and again on 10 December 2010; minutes of 12/03/2019."
    found = find_dates(text)
    assert [(f.iso, f.precision) for f in found] == [("2011-05", "month"), ("2010-12-10", "day"), ("2019-03-12", "day")]
    assert text[found[1].start : found[1].end] == "10 December 2010"


def test_a_day_date_is_not_also_counted_as_its_month() -> None:
    assert [f.iso for f in find_dates("held on 7th January 2013 at County Hall")] == ["2013-01-07"]
