"""Which inspection a document reports: its kind, framework and dates (the last day on site).

Read from the report's own first page: the title ("Inspection of Dorset local authority children's
services", "Focused visit to Wiltshire children's services", "Inspection of services for children in
need of help and protection, …") and the dates line ("Inspection dates: 27 September to 8 October
2021"). A standard ILACS inspection is two weeks on site, a short one one week. When the dates line
has two spans ("5 to 9 December 2022 and 14 to 15 February 2023", an inspection paused and resumed),
the last day on site is the end of the last span.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from frameworks.inspections import inspection_family
from core.model import InspectionKind, InspectionRef, Passage
from facts.dates import DATE_RE, RANGE_RE, parse_date, parse_range
from facts.text import normal

# (pattern on the report's title or opening lines, kind). Order matters: the first match wins.
KIND_PATTERNS: tuple[tuple[re.Pattern[str], InspectionKind], ...] = (
    (re.compile(r"\bjoint targeted area inspection\b", re.I), InspectionKind.JTAI),
    (re.compile(r"\bfocused visit to\b", re.I), InspectionKind.FOCUSED_VISIT),
    (re.compile(r"\bmonitoring visit (?:to|of)\b", re.I), InspectionKind.MONITORING_VISIT),
    (re.compile(r"\b(?:re-?)?inspection of services for children in need of help and protection", re.I), InspectionKind.SIF),
    (re.compile(r"\binspection of safeguarding and looked after children(?:'s)? services\b", re.I), InspectionKind.SLAC),
    (re.compile(r"\binspection of (?:looked after children(?:'s)? services|services for (?:looked after children|children looked after))\b", re.I), InspectionKind.LOOKED_AFTER),
    (re.compile(r"\binspection of local authority arrangements for the protection of children\b", re.I), InspectionKind.CHILD_PROTECTION),
    (re.compile(r"\binspection of (?:[\w ,.'&-]{2,80}? )?(?:local authority )?children's (?:social care )?services\b", re.I), InspectionKind.ILACS),
)


_DATES_LINE = re.compile(
    r"(?:^\s*|\b)(?:(?:inspection|visit|fieldwork)\s+dates?\s*:|dates?\s+of\s+(?:the\s+)?(?:inspection|visit|fieldwork)\s*:?)"
    r"|^\s*(?:inspection|visit)\s+dates?\b", re.I)
_PUBLISHED = re.compile(r"\b(?:report )?published\s*:?\s*", re.I)
_VISIT_ON = re.compile(r"\b(?:focused|monitoring) visit to [^.]{0,120}?\bon\s+", re.I)
_OFSTED_SIGNS = re.compile(r"\bofsted\b|her majesty['’]s inspector|his majesty['’]s inspector|\bHMI\b|lead inspector|reporting inspector", re.I)
OPENING_PASSAGES = 16


def read_inspection(passages: Sequence[Passage], title: str | None = None) -> InspectionRef | None:
    """The inspection a document is the report (or letter) of, from its opening passages.

    None when the document is not an Ofsted report of an inspection or visit: a committee report
    about an inspection reports on it, but its dates and grades come from its sentences."""
    opening = [normal(p.text) for p in passages[:OPENING_PASSAGES]]
    head = " \n".join(([normal(title)] if title else []) + opening)
    if not _OFSTED_SIGNS.search(head) and not any(_DATES_LINE.search(t) for t in opening):
        return None
    kind = None
    for pattern, candidate in KIND_PATTERNS:
        if any(pattern.search(t) for t in opening[:8]) or (title and pattern.search(normal(title))):
            kind = candidate
            break
    if kind is None:
        return None
    start, end, span_days = _dates(opening, kind)
    published = _published(opening)
    if kind == InspectionKind.ILACS and span_days is not None:
        kind = InspectionKind.ILACS_SHORT if span_days <= 7 else InspectionKind.ILACS_STANDARD
    return InspectionRef(kind.value, inspection_family(kind.value), start.isoformat() if start else None,
                         end.isoformat() if end else None, published.isoformat() if published else None)


def _dates(opening: list[str], kind: InspectionKind) -> tuple[date | None, date | None, int | None]:
    """(first day, last day on site, length in days of the first span)."""
    for text in opening:
        line = _DATES_LINE.search(text)
        if line:
            spans = _spans(text[line.end():])
            if spans:
                first = spans[0]
                return first[0], spans[-1][1], (first[1] - first[0]).days + 1
    if kind in (InspectionKind.FOCUSED_VISIT, InspectionKind.MONITORING_VISIT):
        for text in opening:
            match = _VISIT_ON.search(text)
            if match:
                spans = _spans(text[match.end():match.end() + 80])
                if spans:
                    return spans[0][0], spans[-1][1], None
    return None, None, None


def _spans(text: str) -> list[tuple[date, date]]:
    """Every date range (or single date) in a dates line, in order."""
    out: list[tuple[date, date]] = []
    position = 0
    while position < len(text):
        match = RANGE_RE.search(text, position)
        single = DATE_RE.search(text, position)
        if match and (not single or match.start() <= single.start()):
            found = parse_range(match.group(0))
            if found:
                out.append(found)
            position = match.end()
        elif single:
            found_date = parse_date(single.group(0))
            if found_date:
                out.append((found_date, found_date))
            position = single.end()
        else:
            break
    # "27 and 28 February 2018": a range joined by "and" is one visit
    return out


def _published(opening: list[str]) -> date | None:
    for text in opening:
        match = _PUBLISHED.search(text)
        if match:
            return parse_date(text[match.end():match.end() + 40])
    return None
