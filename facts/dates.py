"""Dates as reports print them: single dates, ranges ("27 September to 8 October 2021",
"6 July 2015 – 30 July 2015", "2 to 13 December 2024") and months ("in July 2019")."""

from __future__ import annotations

import re
from datetime import date

from core.dates import parse_date as core_parse_date

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_DASH = r"\s*(?:to|until|and|-|–|—|−)\s*"

DATE_RE = re.compile(rf"\b(?P<d>{_DAY})\s+(?P<m>{_MONTH})\s*,?\s+(?P<y>{_YEAR})\b", re.I)
# day [month [year]] to day month year
RANGE_RE = re.compile(
    rf"\b(?P<d1>{_DAY})(?:\s+(?P<m1>{_MONTH}))?(?:\s+(?P<y1>{_YEAR}))?{_DASH}"
    rf"(?P<d2>{_DAY})\s+(?P<m2>{_MONTH})\s*,?\s+(?P<y2>{_YEAR})\b", re.I)
MONTH_YEAR_RE = re.compile(rf"\b(?:(?P<d>{_DAY})\s+)?(?P<m>{_MONTH})\s+(?P<y>{_YEAR})\b", re.I)
YEAR_RE = re.compile(rf"\b(?P<y>{_YEAR})\b")


def _month(text: str | None) -> int | None:
    if not text:
        return None
    key = text.lower().rstrip(".")
    return MONTHS.get(key) or MONTHS.get(key[:3])


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group(0))  # type: ignore[union-attr]


def _make(y: int, m: int | None, d: int) -> date | None:
    """A range's end point, built from the parts the range pattern found (a range may leave the
    first date's month and year to the second: "2 to 13 December 2024")."""
    if m is None:
        return None
    return core_parse_date(f"{d}/{m}/{y}")


def parse_date(text: str) -> date | None:
    """The first full date in `text` ("8 October 2021"), read by the one date parser (core.dates)."""
    match = DATE_RE.search(text)
    return core_parse_date(match.group(0)) if match else None


def parse_range(text: str) -> tuple[date, date] | None:
    """The first date range in `text` as (first day, last day); a single full date gives (d, d)."""
    match = RANGE_RE.search(text)
    if match:
        y2, m2 = int(match.group("y2")), _month(match.group("m2"))
        end = _make(y2, m2, _day(match.group("d2")))
        m1 = _month(match.group("m1")) if match.group("m1") else m2
        y1 = int(match.group("y1")) if match.group("y1") else (y2 - 1 if m1 and m2 and m1 > m2 else y2)
        start = _make(y1, m1, _day(match.group("d1")))
        if start and end and start <= end and (end - start).days <= 120:
            return start, end
    single = parse_date(text)
    return (single, single) if single else None


def month_of(text: str) -> str | None:
    """"July 2019" -> "2019-07"; "2019" -> "2019"; the first such mention in `text`."""
    match = MONTH_YEAR_RE.search(text)
    if match:
        month = _month(match.group("m"))
        if month:
            if match.group("d"):
                made = _make(int(match.group("y")), month, _day(match.group("d")))
                if made:
                    return made.isoformat()
            return f"{match.group('y')}-{month:02d}"
    match = YEAR_RE.search(text)
    return match.group("y") if match else None


def as_date(value: str | None) -> date | None:
    """An ISO date, year-month or year as the first day it could be (for ordering and framework history)."""
    if not value:
        return None
    parts = value.split("-")
    try:
        if len(parts) == 3:
            return date.fromisoformat(value[:10])
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 1)
        return date(int(parts[0]), 1, 1)
    except ValueError:
        return None


def last_day(value: str | None) -> date | None:
    """The last day a partial date could be: "2019-07" -> 2019-07-31, "2019" -> 2019-12-31."""
    if not value:
        return None
    parts = value.split("-")
    try:
        if len(parts) == 3:
            return date.fromisoformat(value[:10])
        if len(parts) == 2:
            y, m = int(parts[0]), int(parts[1])
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date(int(parts[0]), 12, 31)
    except ValueError:
        return None
