"""Dates in English documents: the one parser every stage uses.

python-dateutil reads a date (day first, as British documents write them); the thin layer here
finds where dates are in running text ("on 10 December 2010", "in May 2011", "12/03/2019",
"2024-04-01") and says how precise each is, so a month-only date is never passed off as a day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from dateutil import parser as _dateutil

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_YEAR = r"(?:19|20)\d\d"
_ORD = r"(?:st|nd|rd|th)?"
# Candidate spans, most precise first; each is handed to dateutil to read.
_DAY_PATTERNS = (
    re.compile(rf"\b\d{{1,2}}{_ORD}\s+(?:of\s+)?{_MONTH}\.?,?\s+{_YEAR}\b", re.I),  # 10 December 2010
    re.compile(rf"\b{_MONTH}\.?\s+\d{{1,2}}{_ORD},?\s+{_YEAR}\b", re.I),  # December 10, 2010
    # 10/12/2010, 10/12/10, 10.12.2010; never "10.7.12", which is a paragraph number
    re.compile(rf"\b\d{{1,2}}/\d{{1,2}}/(?:{_YEAR}|\d\d)\b|\b\d{{1,2}}\.\d{{1,2}}\.{_YEAR}\b"),
    re.compile(rf"\b{_YEAR}-\d\d-\d\d\b"),  # 2010-12-10
)
_MONTH_PATTERN = re.compile(rf"\b{_MONTH}\.?,?\s+{_YEAR}\b", re.I)  # December 2010
_ISO_START = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}\b")
_ORDINAL = re.compile(r"(\d)(?:st|nd|rd|th)\b", re.I)


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    value: date
    precision: str  # "day" or "month" (then value is the 1st of the month)

    @property
    def iso(self) -> str:
        """yyyy-mm-dd for a day, yyyy-mm for a month."""
        return self.value.isoformat() if self.precision == "day" else self.value.isoformat()[:7]


def parse_date(text: str, dayfirst: bool = True) -> date | None:
    """A whole string as a date ("3 April 2024", "03/04/2024", "2024-04-03"), or None.

    A month and year alone ("April 2024") is read as the 1st; `find_dates` tells them apart."""
    cleaned = _ORDINAL.sub(r"\1", " ".join(text.split())).replace(" of ", " ")
    if not cleaned or not re.search(r"\d", cleaned):
        return None
    try:
        # an ISO date puts the year first and the month second whatever `dayfirst` says
        iso = _ISO_START.match(cleaned) is not None
        parsed: datetime = _dateutil.parse(cleaned, dayfirst=dayfirst and not iso, yearfirst=iso, default=datetime(2000, 1, 1))
    except (ValueError, OverflowError, _dateutil.ParserError):
        return None
    return parsed.date()


def find_dates(text: str) -> list[FoundDate]:
    """Every day or month date in running text, in order, none overlapping another."""
    found: list[FoundDate] = []

    def free(start: int, end: int) -> bool:
        return not any(f.start < end and start < f.end for f in found)

    for pattern in _DAY_PATTERNS:
        for match in pattern.finditer(text):
            value = parse_date(match.group(0))
            if value is not None and free(match.start(), match.end()):
                found.append(FoundDate(match.start(), match.end(), value, "day"))
    for match in _MONTH_PATTERN.finditer(text):
        value = parse_date(match.group(0))
        if value is not None and free(match.start(), match.end()):
            found.append(FoundDate(match.start(), match.end(), value.replace(day=1), "month"))
    return sorted(found, key=lambda f: f.start)
