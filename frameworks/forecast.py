"""When the next inspection is likely, from the council's inspection history, and how often `serve`
should run because of it.

    history = [PastEvent("ilacs_standard", date(2022, 11, 18), {"overall": "good", ...})]
    forecast = forecast_next(history, date.today())
    forecast.event.name, forecast.earliest.day, forecast.likely.why
    run_schedule(forecast, date.today()).cron

The rules are data (data/events.yaml): the last graded inspection's headline grade decides the next
event (good or outstanding: a short inspection; requires improvement: a standard one; inadequate:
monitoring visits, then re-inspection), and standard and short inspections usually fall within about
six months either side of the three-year anniversary of the last one. Every date says why.
"""

from __future__ import annotations

import calendar
import csv
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Sequence

from frameworks import reference_framework
from frameworks.events import EventProfile, event_profile, grade_rules, schedules
from frameworks.yamlfile import load_yaml


@dataclass(frozen=True)
class PastEvent:
    """One past inspection or visit."""

    event: str  # an event key or alias ("ilacs_short", "short"), or "inspection" when the type is not known
    last_day: date  # the last day on site
    grades: dict[str, str] = field(default_factory=dict)  # judged-area key ("overall", "leaders", …) -> grade


@dataclass(frozen=True)
class Dated:
    day: date
    why: str


@dataclass(frozen=True)
class Forecast:
    event: EventProfile  # the likely next inspection
    earliest: Dated
    likely: Dated
    latest: Dated
    based_on: PastEvent  # the last graded inspection
    headline: str  # the grade the forecast rests on
    headline_why: str
    between: tuple[str, ...] = ()  # what may come before it
    notes: tuple[str, ...] = ()

    def status(self, today: date) -> str:
        """"before the window", "inside the window" or "past the window"."""
        if today < self.earliest.day:
            return "before the window"
        return "inside the window" if today <= self.latest.day else "past the window"


@dataclass(frozen=True)
class RunSchedule:
    cron: str  # five-field cron, Europe/London
    reason: str
    review_on: date | None  # when the schedule should change (None: keep it until the call comes)


def forecast_next(history: Sequence[PastEvent], today: date) -> Forecast:
    """The likely next inspection after the last graded one in `history`, with its window explained.

    Raises ValueError when the history holds no graded inspection, or its grade has no rule."""
    rules = grade_rules()
    graded = [e for e in history if e.grades and _is_inspection(e.event) and e.last_day <= today]
    if not graded:
        raise ValueError("the history holds no graded inspection up to today: give at least the last "
                         "inspection's last day on site and its grades")
    last = max(graded, key=lambda e: e.last_day)
    headline, headline_why = _headline(last)
    if headline not in rules.after_grade:
        raise ValueError(f"no rule for what follows a last grade of {headline!r} "
                         f"(known: {', '.join(rules.after_grade)})")
    notes: list[str] = []
    between: list[str] = []
    since = sorted((e for e in history if e.last_day > last.last_day and not _is_inspection(e.event)),
                   key=lambda e: e.last_day)
    for visit in since:
        between.append(f"{_name(visit.event)} on {visit.last_day:%d %B %Y}")
    after = event_profile(rules.after_grade[headline])
    if after.graded:  # the next inspection itself, on the usual cycle
        profile = after
        window = profile.next
        if window is None:
            raise ValueError(f"{profile.name} has no timing rule in data/events.yaml")
        anchor = _add_months(last.last_day, 12 * window.years)
        earliest = Dated(_add_months(anchor, -window.either_side_months),
                         f"{window.either_side_months} months before the {window.years}-year anniversary of the last "
                         f"inspection (last day on site {last.last_day:%d %B %Y}). {window.text}")
        likely = Dated(anchor, f"the {window.years}-year anniversary of the last inspection: the middle of the usual "
                               f"window ({window.confidence} confidence).")
        latest = Dated(_add_months(anchor, window.either_side_months),
                       f"{window.either_side_months} months after the anniversary: the end of the usual window. "
                       f"Inspections paused in 2020-21 and some cycles have run later.")
        between.append(f"{event_profile(rules.between_inspections).name}: may come at any time between "
                       f"inspections (no window is published)")
    else:  # visits first (monitoring after an inadequate judgement), then re-inspection
        profile = event_profile(rules.reinspection_event)
        first, middle, final = rules.reinspection_months
        earliest = Dated(_add_months(last.last_day, first), f"{first} months after the last inspection, judged "
                                                             f"{headline}. {rules.reinspection.text}")
        likely = Dated(_add_months(last.last_day, middle), f"{middle} months after: the middle of the spread seen "
                                                           f"({rules.reinspection.confidence} confidence).")
        latest = Dated(_add_months(last.last_day, final), f"{final} months after: the end of the spread seen.")
        between.append(f"{after.name}s until then: {after.cadence}")
        notes.append(f"Re-inspection after a judgement of {headline}: {profile.name}.")
    if today > latest.day:
        notes.append(f"The window closed on {latest.day:%d %B %Y} with no later inspection in the history: the call "
                     f"can come any day. Check the history is complete.")
    return Forecast(profile, earliest, likely, latest, last, headline, headline_why, tuple(between), tuple(notes))


def run_schedule(forecast: Forecast | None, today: date) -> RunSchedule:
    """How often `serve` should run the main job: weekly normally, every working day inside the
    window (and after it until the call comes). Notice mode takes over when the call comes."""
    plans = schedules()
    if forecast is None:
        return RunSchedule(plans["normal"].cron, f"{plans['normal'].text} No forecast: the judgement history is "
                                                  f"empty.", None)
    if today < forecast.earliest.day:
        return RunSchedule(plans["normal"].cron, f"{plans['normal'].text} The window for the {forecast.event.name} "
                                                  f"opens on {forecast.earliest.day:%d %B %Y}.", forecast.earliest.day)
    return RunSchedule(plans["window"].cron, f"{plans['window'].text} {forecast.status(today).capitalize()} "
                                              f"({forecast.earliest.day:%d %b %Y} to {forecast.latest.day:%d %b %Y}).",
                       None)


# ------------------------------------------------------------------------------------ history files
HISTORY_COLUMNS = ("event", "last_day")


def read_history(path: str | Path, authority: str | None = None) -> list[PastEvent]:
    """Past events from a YAML list or a CSV file.

    YAML: `- {event: short, last_day: 2022-11-18, grades: {overall: good, leaders: good}}`.
    CSV: columns `event`, `last_day` and one column per judged area (overall, leaders, help_protection,
    in_care, care_leavers); Data to Insight's column names `framework` and `inspection_end` are
    accepted too. Empty grade cells and cells that are not grades are left out. With `authority`, only
    rows whose `council` or `authority` value matches (case ignored) are read."""
    path = Path(path)
    if path.suffix.lower() in {".yaml", ".yml"}:
        raw = load_yaml(path) or []
        if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
            raise ValueError(f"{path}: expected a list of past events (mappings)")
        rows = [(f"{path}: item {index + 1}", dict(item)) for index, item in enumerate(raw)]
    else:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = [(f"{path}: row {index + 2}", row) for index, row in enumerate(csv.DictReader(handle))
                    if any(str(v or "").strip() for v in row.values())]
    if authority:
        wanted = authority.strip().lower()
        rows = [(where, row) for where, row in rows
                if str(row.get("council") or row.get("authority") or "").strip().lower() == wanted]
    # a row with no date at all carries nothing to forecast from (tables often have such rows)
    return [_event(row, where) for where, row in rows if row.get("last_day") or row.get("inspection_end")]


def _event(raw: dict, where: str) -> PastEvent:
    from frameworks import area_titles

    event = str(raw.get("event") or raw.get("framework") or "inspection").strip() or "inspection"
    day = raw.get("last_day") or raw.get("inspection_end")
    if not day:
        raise ValueError(f"{where}: no last day on site (column last_day)")
    try:
        last_day = day if isinstance(day, date) else date.fromisoformat(str(day).strip())
    except ValueError:
        raise ValueError(f"{where}: not a date: {day!r} (use YYYY-MM-DD)") from None
    grades_raw = raw.get("grades") if isinstance(raw.get("grades"), dict) else {
        k: v for k, v in raw.items() if k in area_titles()}
    grades = {}
    for area, grade in grades_raw.items():
        label = normalise_grade(str(grade or ""))
        if label:
            grades[str(area)] = label
    if event != "inspection":
        try:
            event = event_profile(event).key
        except ValueError as exc:
            raise ValueError(f"{where}: {exc}") from None
    return PastEvent(event, last_day, grades)


def normalise_grade(text: str) -> str | None:
    """A grade label from any of its variants ("RI", "requires improvement"), or None if not a grade."""
    wanted = " ".join(text.lower().replace("_", " ").split())
    for grade in reference_framework().grade_scale:
        if wanted == grade.label or wanted in grade.variants:
            return grade.label
    return None


# ------------------------------------------------------------------------------------ helpers
def _is_inspection(key: str) -> bool:
    if key == "inspection":
        return True
    try:
        return event_profile(key).graded
    except ValueError:
        return False


def _name(key: str) -> str:
    try:
        return event_profile(key).name
    except ValueError:
        return key


def _headline(event: PastEvent) -> tuple[str, str]:
    """The grade the next event depends on, and why."""
    grades = {area: normalise_grade(grade) or grade for area, grade in event.grades.items()}
    if "overall" in grades:
        return grades["overall"], f"overall effectiveness was judged {grades['overall']} ({event.last_day:%B %Y})"
    rules = grade_rules()
    practice = [grades[a] for a in rules.practice_areas if a in grades]
    known = [grades[a] for a in (rules.leaders_area, *rules.practice_areas) if a in grades]
    if not known:
        raise ValueError(f"the inspection ending {event.last_day} has neither an overall grade nor the judgements "
                         f"({rules.leaders_area}, {', '.join(rules.practice_areas)}) to read one from")
    good = {"good", "outstanding"}
    if "inadequate" in known:
        headline = "inadequate"
    elif grades.get(rules.leaders_area) in good and sum(1 for g in practice if g in good) >= 2:
        headline = "good"
    else:
        headline = "requires improvement to be good"
    shown = ", ".join(f"{a} {grades[a]}" for a in (rules.leaders_area, *rules.practice_areas) if a in grades)
    return headline, (f"no overall grade ({event.last_day:%B %Y}; {shown}): read as {headline}. "
                      f"{rules.without_overall.text} ({rules.without_overall.confidence} confidence)")


def _add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), the month's last day when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def last_day_from_report(report: date, event: str | None = None) -> tuple[date, str]:
    """An estimate of the last day on site from a report's date, when that is all a store knows: the
    usual gap between the two (the event's observed publication timing), counted back in working days."""
    from frameworks.events import events_for_family
    from frameworks.timetable import is_working_day
    from datetime import timedelta

    profile = event_profile(event) if event and event != "inspection" else next(
        (p for p in events_for_family(reference_framework().family) if p.graded), None)
    step = next((a for a in profile.after if a.rule == "observed" and a.likely), None) if profile else None
    if step is None:
        return report, "the report's date (no usual gap to the last day on site is on record)"
    day, counted = report, 0
    while counted < step.likely:
        day -= timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day, (f"estimated: {step.likely} working days before the report's date ({report:%d %B %Y}), the usual "
                 f"gap ({step.confidence} confidence)")


def history_from_grades(rows: Iterable[tuple[date, str, str]], min_areas: int = 2) -> list[PastEvent]:
    """Past inspections from (date, judged-area key, grade) triples such as a store's judgements.

    Grades on one date form one inspection when at least `min_areas` areas were graded (a single grade
    on its own is more often a passing mention than a judgement); an area graded differently on one date
    keeps its most frequent grade. The event type is not known ("inspection")."""
    by_day: dict[date, dict[str, dict[str, int]]] = {}
    for day, area, grade in rows:
        label = normalise_grade(grade)
        if label:
            counts = by_day.setdefault(day, {}).setdefault(area, {})
            counts[label] = counts.get(label, 0) + 1
    events = []
    for day, areas in sorted(by_day.items()):
        if len(areas) >= min_areas:
            events.append(PastEvent("inspection", day, {a: max(c, key=c.get) for a, c in areas.items()}))
    return events
