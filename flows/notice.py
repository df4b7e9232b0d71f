"""Moved: the notice timetable is `frameworks/timetable.py`, with event profiles in
`frameworks/data/events.yaml` and the `readiness notice --event` command in `cli/frameworks.py`.

This module keeps the names `readiness notice` in flows/commands.py imports, so that command works
until it is removed: `timetable_for(framework, called)` gives the timetable of the framework
family's first graded event in frameworks/data/events.yaml.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from frameworks import Framework
from frameworks.events import events_for_family
from frameworks.timetable import (  # noqa: F401  (re-exported for the old command)
    Timetable,
    add_working_days,
    bank_holiday_name,
    is_working_day,
    next_working_day,
    refresh_times,
    rrule_for,
    skipped_holidays,
    timetable,
    working_days_between,
)


def timetable_for(framework: Framework, called: date, closures: Iterable[date] = ()) -> Timetable:
    profile = next((p for p in events_for_family(framework.family) if p.graded), None)
    if profile is None:
        raise ValueError(f"no inspection event is on record for {framework.name}; "
                         f"use `readiness notice --event` with one of the events in frameworks/data/events.yaml")
    return timetable(profile, called, closures)
