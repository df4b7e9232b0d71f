"""Grades and dates as people type them in audit returns."""

from __future__ import annotations

import re

from core.dates import find_dates
from core.dates import parse_date as parse_text_date
from datetime import date, datetime, timedelta

GRADES = ("outstanding", "good", "requires improvement", "inadequate")
RANK = {g: i + 1 for i, g in enumerate(GRADES)}  # 1 = outstanding, as Ofsted numbers them
GOOD_OR_BETTER = ("outstanding", "good")
SHORT = {"outstanding": "O", "good": "G", "requires improvement": "RI", "inadequate": "I"}

_WORDS: dict[str, str] = {}
for _grade, _variants in {
    "outstanding": ["outstanding", "excellent", "exceptional", "grade 1", "outstanding practice"],
    "good": ["good", "good practice", "grade 2", "good enough"],
    "requires improvement": [
        "requires improvement", "requires improvement to be good", "require improvement",
        "requires improvements", "ri", "r i", "rti", "ritbg", "req improvement", "reqs improvement",
        "needs improvement", "improvement required", "requiring improvement", "adequate",
        "satisfactory", "grade 3",
    ],
    "inadequate": ["inadequate", "poor", "unsatisfactory", "grade 4", "inadequate practice"],
}.items():
    for _v in _variants:
        _WORDS[_v] = _grade

NOT_GRADED = {"n a", "na", "not applicable", "not graded", "none", "nil", "tbc", "x"}
NUMBER_SCALES = ("1=outstanding", "4=outstanding")


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9+]+", " ", text.lower()).split())


def grade_from_number(number: float, scale: str = "1=outstanding") -> str | None:
    if number != int(number) or not 1 <= number <= 4:
        return None
    n = int(number)
    return GRADES[n - 1] if scale == "1=outstanding" else GRADES[4 - n]


def parse_grade(
    value: object, scale: str = "1=outstanding", aliases: dict[str, str] | None = None
) -> tuple[str | None, str | None]:
    """(grade, None) or (None, reason). Numbers follow `scale`; "3/4" is always 3 out of 4."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, "no grade given"
    if isinstance(value, bool):
        return None, f"{value!r} is not a grade"
    if isinstance(value, (int, float)):
        grade = grade_from_number(float(value), scale)
        return (grade, None) if grade else (None, f"{value:g} is outside the 1-4 grade scale")
    raw = str(value).strip()
    norm = _norm(raw)
    if aliases:
        for key, target in aliases.items():
            if _norm(str(key)) == norm:
                if target in GRADES:
                    return target, None
                return None, f"mapping turns {raw!r} into unknown grade {target!r}"
    if norm in _WORDS:
        return _WORDS[norm], None
    if norm in NOT_GRADED or raw in {"-", "—", "?"}:
        return None, f"not graded ({raw!r})"
    out_of = re.fullmatch(r"\s*(\d)\s*/\s*4\s*", raw)
    if out_of:
        grade = grade_from_number(float(out_of.group(1)), "4=outstanding")
        return (grade, None) if grade else (None, f"{raw!r} is outside the 1-4 grade scale")
    if re.fullmatch(r"\d+(\.0+)?", norm.replace(" ", ".")) or re.fullmatch(r"\d+(\.\d+)?", raw):
        try:
            number = float(raw)
        except ValueError:
            number = -1
        grade = grade_from_number(number, scale)
        return (grade, None) if grade else (None, f"{raw!r} is outside the 1-4 grade scale")
    # "2 - Good", "Good (2)", "Grade 2: good": the words decide when they name a grade
    words = _norm(re.sub(r"\d", " ", raw)).replace("grade", "").strip()
    if words in _WORDS:
        return _WORDS[words], None
    number = re.fullmatch(r"(?:grade|level|score)?\s*(\d)", norm)
    if number:
        grade = grade_from_number(float(number.group(1)), scale)
        if grade:
            return grade, None
    return None, f"{raw!r} is not a recognised grade (outstanding, good, requires improvement/adequate, inadequate or 1-4)"


# ---------------------------------------------------------------------------------------- dates
_EXCEL_EPOCH = date(1899, 12, 30)
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")


def numeric_shape(text: str) -> str | None:
    """A key for dates written with numbers only ("d/m/yy"-like), so a file's habit can be learnt."""
    m = _NUMERIC.match(text.strip())
    if not m:
        return None
    sep = re.search(r"[/.\-]", text.strip()).group(0)  # type: ignore[union-attr]
    return f"{sep}{len(m.group(3))}"


def order_evidence(text: str) -> str | None:
    """'dmy' or 'mdy' when a numeric date can only be read one way, else None."""
    m = _NUMERIC.match(text.strip())
    if not m:
        return None
    a, b = int(m.group(1)), int(m.group(2))
    if a > 12 >= b:
        return "dmy"
    if b > 12 >= a:
        return "mdy"
    return None


def _year(text: str) -> int:
    y = int(text)
    return y + 2000 if y < 100 else y


def parse_date(value: object, order: str = "dmy") -> tuple[date | None, str | None, str | None]:
    """(date, note, error). `note` explains a reading that needed a guess; `error` why there is none."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None, "no audit date given"
    if isinstance(value, datetime):
        return _check(value.date(), None)
    if isinstance(value, date):
        return _check(value, None)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 20000 <= value <= 80000:
            return _check(_EXCEL_EPOCH + timedelta(days=int(value)), f"Excel serial number {value:g} read as a date")
        return None, None, f"{value:g} is not a date"
    text = " ".join(str(value).strip().split())
    iso = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]+)?$", text)
    if iso:
        return _make(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)), None, text)
    m = _NUMERIC.match(text)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), _year(m.group(3))
        if order == "mdy":
            a, b = b, a
        if b > 12 and a <= 12:  # cannot be day/month as configured: the other way round
            return _make(y, a, b, f"{text!r} read as {'day/month' if order == 'mdy' else 'month/day'} (the other order is impossible)", text)
        note = None
        if order == "mdy" and a != b and a <= 12 and b <= 12:
            note = f"{text!r} read as month/day, as other dates of this form in the file"
        return _make(y, b, a, note, text)
    if re.fullmatch(r"\d{5}(\.0+)?", text):
        return parse_date(float(text), order)
    # a spreadsheet's month format ("Apr-25", "April 2025"): the month only
    month_only = re.fullmatch(r"([A-Za-z]{3,9})\.?[\s/-]+(\d{2}|\d{4})", text)
    if month_only:
        first = parse_text_date(f"1 {month_only.group(1)} {_year(month_only.group(2))}")
        if first is not None:
            return _check(first, f"{text!r} gives the month only; day taken as the 1st")
    # words ("3rd April 2025", "April 3, 2025"): the one date parser reads them
    found = find_dates(text)
    if len(found) == 1 and found[0].end - found[0].start >= len(text.strip()) - 2:
        if found[0].precision == "month":
            return _check(found[0].value, f"{text!r} gives the month only; day taken as the 1st")
        return _check(found[0].value, None)
    return None, None, f"{text!r} is not a date"


def _make(y: int, m: int, d: int, note: str | None, text: str) -> tuple[date | None, str | None, str | None]:
    try:
        return _check(date(y, m, d), note)
    except ValueError:
        return None, None, f"{text!r} is not a real date"


def _check(d: date, note: str | None) -> tuple[date | None, str | None, str | None]:
    if d.year < 1990 or d > date.today() + timedelta(days=366):
        return None, None, f"{d.isoformat()} is outside the plausible range for an audit"
    return d, note, None


def quarter_of(d: date) -> str:
    return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
