"""Judgement areas: the words reports use for each graded judgement, mapped to the area keys of the
judgement history (Data to Insight's columns: overall, leaders, help_protection, in_care,
care_leavers), plus the SIF's graded sub-judgement (adoption) and the LSCB review (lscb)."""

from __future__ import annotations

import re

from core.model import InspectionKind, InspectionRef
from facts.dates import as_date, last_day
from frameworks.history import also_graded, judged_areas

HISTORY_AREAS = ("overall", "leaders", "help_protection", "in_care", "care_leavers")

# Titles as reports print them, most specific first ("children in care and care leavers" is the
# 2018-2022 combined judgement, filed under in_care; "care leavers" alone is its own judgement).
AREA_TITLES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p, re.I), a) for p, a in (
    (r"\boverall effectiveness\b|\boverall judgement\b", "overall"),
    (r"\blocal safeguarding children board\b|\bLSCB\b|\bsafeguarding children partnership\b", "lscb"),
    (r"\bimpact of leaders\b|\bleadership,? management and governance\b", "leaders"),
    (r"\bchildren who need help and protection\b|\bchildren in need of help and protection\b", "help_protection"),
    (r"\b(?:children in care|children looked after|looked after children) and care leavers\b"
     r"|\bchildren looked after and achieving permanence\b", "in_care"),
    (r"\badoption performance\b", "adoption"),
    (r"\b(?:experiences and progress of )?care leavers\b", "care_leavers"),
    (r"\b(?:experiences and progress of )?(?:children in care|children looked after|looked after children)\b", "in_care"),
))


def area_of_title(title: str) -> str | None:
    """The area a judgement's printed title names, or None."""
    for pattern, area in AREA_TITLES:
        if pattern.search(title):
            return area
    return None


def areas_judged(inspection: InspectionRef) -> tuple[str, ...]:
    """The areas the inspection graded, from the framework's history (frameworks.history).

    An earlier inspection known only to the month or year must have graded the area on every
    day it could have been; SIF reports also grade adoption and review the LSCB."""
    kind = inspection.kind
    if kind == InspectionKind.LOOKED_AFTER.value:
        return ("in_care",)
    if kind == InspectionKind.CHILD_PROTECTION.value:
        return ("help_protection",)
    if kind in (InspectionKind.FOCUSED_VISIT.value, InspectionKind.MONITORING_VISIT.value, InspectionKind.JTAI.value):
        return ()
    framework = inspection.framework
    when = inspection.end or inspection.published or inspection.start
    first, last = as_date(when), last_day(when)
    if not framework or first is None or last is None:
        return ()
    areas = [a for a in judged_areas(framework, first) if a in judged_areas(framework, last)]
    if areas:
        areas += [a for a in also_graded(framework, first) if a in also_graded(framework, last)]
    return tuple(areas)

