"""The notice timetable: a day-by-day plan in working days from Ofsted's call, for an event profile.

    tt = timetable("ilacs_short", date(2026, 11, 23))
    for row in tt.rows: print(row.day, row.working_day, row.phase, row.what, row.rule)

Working days are Monday to Friday minus England's bank holidays (`holidays.UK(subdiv="ENG")`, never a
hand-written list) and any closures the council adds. Each date appears in one row only, with the rule
it came from (the event profile's words, in data/events.yaml); bank holidays, closures and the
Christmas period are named where they fall. Pure functions: no I/O beyond reading the data files.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from frameworks.events import AfterStep, EventProfile, christmas_period, event_profile


# ------------------------------------------------------------------------------------ working days
@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> dict[date, str]:
    import holidays

    return dict(holidays.UK(subdiv="ENG", years=year))


def bank_holiday_name(day: date) -> str | None:
    """The bank holiday's name, or None when `day` is not a bank holiday in England."""
    return _bank_holidays(day.year).get(day)


def is_working_day(day: date, closures: Iterable[date] = ()) -> bool:
    """Monday to Friday, not a bank holiday in England, not one of `closures`."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year) and day not in set(closures)


def next_working_day(day: date, closures: Iterable[date] = ()) -> date:
    """The first working day strictly after `day`."""
    closures = frozenset(closures)
    day += timedelta(days=1)
    while not is_working_day(day, closures):
        day += timedelta(days=1)
    return day


def add_working_days(day: date, count: int, closures: Iterable[date] = ()) -> date:
    """The `count`-th working day after `day` (`day` itself is not counted; count 0 returns `day`)."""
    if count < 0:
        raise ValueError("count must be zero or more")
    closures = frozenset(closures)
    for _ in range(count):
        day = next_working_day(day, closures)
    return day


def working_days_between(start: date, end: date, closures: Iterable[date] = ()) -> list[date]:
    """Working days d with start <= d <= end."""
    closures = frozenset(closures)
    return [d for d in iter_days(start, end) if is_working_day(d, closures)]


def skipped_holidays(start: date, end: date) -> list[tuple[date, str]]:
    """Bank holidays that fall on weekdays with start <= d <= end, and their names."""
    return [(d, name) for d in iter_days(start, end) if d.weekday() < 5 and (name := bank_holiday_name(d))]


def iter_days(start: date, end: date) -> Iterator[date]:
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def in_christmas_period(day: date) -> bool:
    (m1, d1), (m2, d2), _ = christmas_period()
    key = (day.month, day.day)
    if (m1, d1) <= (m2, d2):
        return (m1, d1) <= key <= (m2, d2)
    return key >= (m1, d1) or key <= (m2, d2)  # the period runs over New Year


# ------------------------------------------------------------------------------------ timetable
@dataclass(frozen=True)
class Row:
    """One date of the timetable."""

    day: date
    working_day: int | None  # counted from the call as the event counts (None: not a working day)
    phase: str  # "call", "off-site", "notice", "on-site", "closed", "after", "meeting"
    what: tuple[str, ...]  # what happens or is due that day
    rule: str  # the rule the date came from, in plain words, with its confidence
    closed: str | None = None  # bank holiday name or "council closure"
    christmas: bool = False  # inside the Christmas period (named, not skipped)


@dataclass(frozen=True)
class Phase:
    """A run of rows with one phase: the old notice table's shape (see `Timetable.phases`)."""

    name: str
    start: date
    end: date
    working_days: int
    note: str = ""


@dataclass(frozen=True)
class Timetable:
    event: EventProfile
    called: date
    arrival: date | None  # first day on site (the meeting date for a meeting)
    last_on_site: date | None  # None when the length of the visit is not on record
    report_expected: date | None  # the likely publication date, where one can be estimated
    action_plan_due: date | None
    rows: tuple[Row, ...]
    refresh_days: tuple[date, ...]  # working days from the call up to the day before arrival
    holidays: tuple[tuple[date, str], ...] = ()  # bank holidays between the call and the last row
    notes: tuple[str, ...] = ()

    @property
    def notice_working_days(self) -> int | None:
        """Working days after the call up to and including the day inspectors arrive."""
        if self.arrival is None:
            return None
        return len(working_days_between(self.called + timedelta(days=1), self.arrival, self._closures))

    @property
    def _closures(self) -> frozenset[date]:
        return frozenset(r.day for r in self.rows if r.closed == "council closure")

    @property
    def publication_deadline(self) -> date | None:
        """No publication deadline is published; see `report_expected` for the usual timing."""
        return None

    @property
    def phases(self) -> tuple[Phase, ...]:
        """Consecutive rows of one phase, as runs (closed days inside a run are part of it)."""
        runs: list[list[Row]] = []
        for row in self.rows:
            if row.phase == "closed" and runs:
                runs[-1].append(row)
            elif runs and runs[-1][0].phase == row.phase and row.phase != "after":
                runs[-1].append(row)
            else:
                runs.append([row])
        return tuple(
            Phase(run[0].phase, run[0].day, run[-1].day, sum(1 for r in run if r.working_day is not None),
                  "; ".join(run[0].what) if run[0].phase == "after" else run[0].rule)
            for run in runs
        )

    def to_dict(self) -> dict:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {
            "event": self.event.key,
            "event_name": self.event.name,
            "called": self.called.isoformat(),
            "arrival": iso(self.arrival),
            "last_on_site": iso(self.last_on_site),
            "report_expected": iso(self.report_expected),
            "action_plan_due": iso(self.action_plan_due),
            "rows": [
                {"date": r.day.isoformat(), "working_day": r.working_day, "phase": r.phase, "what": list(r.what),
                 "rule": r.rule, "closed": r.closed, "christmas_period": r.christmas}
                for r in self.rows
            ],
            "refresh_days": [d.isoformat() for d in self.refresh_days],
            "bank_holidays": [{"date": d.isoformat(), "name": n} for d, n in self.holidays],
            "notes": list(self.notes),
        }


def timetable(event: EventProfile | str, called: date, closures: Iterable[date] = (),
              arrival: date | None = None) -> Timetable:
    """The timetable for `event` (a profile or its key) when Ofsted calls on `called`.

    `closures` are extra non-working days (council closures). `arrival` overrides the profile's notice
    rule with the date the lead inspector gave (useful where the rule is not on record)."""
    profile = event_profile(event) if isinstance(event, str) else event
    closures = frozenset(closures)
    notes: list[str] = []
    entries: dict[date, tuple[str, str, list[str]]] = {}  # day -> (phase, rule, what): first put sets phase and rule

    def put(day: date, phase: str, rule: str, what: str = "") -> None:
        entry = entries.setdefault(day, (phase, rule, []))
        if what:
            entry[2].append(what)

    start = called if is_working_day(called, closures) else next_working_day(called, closures)
    if start != called:
        notes.append(f"The call date {called:%a %d %b %Y} is not a working day: working days are counted "
                     f"from {start:%a %d %b %Y}.")
    notice_rule = _cited(profile.notice.text, profile.notice.confidence)

    # the call (or the meeting), the days before inspectors arrive, and the arrival
    if profile.notice.rule == "meeting":
        arrival_day = called
        put(called, "meeting", notice_rule, profile.name)
    else:
        arrival_day, arrival_rule = _arrival(profile, called, start, closures, arrival, notes)
        put(called, "call", notice_rule, "Ofsted's call to the director of children's services"
            if profile.call_is_day == 0 else f"Ofsted's notification (day {profile.call_is_day})")
        between, between_rule = ("off-site", _cited(profile.off_site.text, profile.off_site.confidence)) \
            if profile.off_site else ("notice", notice_rule)
        for index, day in enumerate(working_days_between(start + timedelta(days=1), arrival_day - timedelta(days=1), closures)):
            put(day, between, between_rule, "inspectors work off site" if index == 0 and profile.off_site else "")
        put(arrival_day, "on-site", arrival_rule, "inspectors arrive")

    # what the council must supply
    for item in profile.supply:
        if item.when == "call":
            put(called, "call", notice_rule, f"asked for: {item.short}")
        elif item.when in ("before_arrival", "before_meeting"):
            last = _last_working_day_before(arrival_day, start, closures)
            put(last, "notice", notice_rule, ("due before inspectors arrive: " if item.when == "before_arrival"
                                              else "due before the meeting: ") + item.short)
        notes.append(f"{item.what}: {item.text} ({item.confidence} confidence)")

    # on site
    last_on_site: date | None = None
    if profile.notice.rule != "meeting":
        if profile.on_site_days:
            on_rule = _cited(profile.on_site.text, profile.on_site.confidence) if profile.on_site else ""
            days = [add_working_days(arrival_day, k, closures) for k in range(profile.on_site_days)]
            for index, day in enumerate(days, start=1):
                put(day, "on-site", on_rule, f"on site: day {index} of {len(days)}"
                    + (" (last day on site)" if index == len(days) else ""))
            last_on_site = days[-1]
        else:
            notes.append(f"How long inspectors stay on site is not on record for the {profile.name}"
                         + (f": {profile.on_site.text}" if profile.on_site else "."))

    # after the visit: each step dated from the one before it (the report from the last day on site)
    report_expected, action_plan_due = None, None
    anchors: dict[str, date] = {"last_on_site": last_on_site} if last_on_site else {}
    for step in profile.after:
        day, what = _after(step, anchors, closures)
        if day is None:
            notes.append(f"{step.what}: {step.text} ({step.confidence} confidence)")
            continue
        put(day, "after", _cited(step.text, step.confidence), what)
        if step.rule == "observed":
            anchors["report"] = anchors["letter"] = report_expected = day
        elif "action plan" in step.what.lower():
            action_plan_due = day

    # bank holidays and closures on weekdays up to the end of the visit, named
    visit_end = last_on_site or arrival_day
    for day in iter_days(called, visit_end):
        if day.weekday() < 5 and day not in entries and not is_working_day(day, closures):
            name = bank_holiday_name(day)
            put(day, "closed", "bank holiday in England" if name else "closure given by the council",
                f"closed: {name or 'council closure'}")

    numbered = {d: profile.call_is_day + i for i, d in enumerate(working_days_between(start, visit_end, closures))}
    rows = []
    for day in sorted(entries):
        phase, rule, what = entries[day]
        closed = (bank_holiday_name(day) if day.weekday() < 5 else None) or ("council closure" if day in closures else None)
        christmas = in_christmas_period(day) and phase != "after"
        rows.append(Row(day, numbered.get(day), phase, tuple(what + (["Christmas period"] if christmas else [])),
                        rule, closed, christmas))
    if any(r.christmas for r in rows):
        notes.append(christmas_period()[2])
    refresh = () if profile.notice.rule == "meeting" else tuple(
        working_days_between(start, arrival_day - timedelta(days=1), closures))
    return Timetable(
        event=profile, called=called, arrival=arrival_day, last_on_site=last_on_site,
        report_expected=report_expected, action_plan_due=action_plan_due, rows=tuple(rows),
        refresh_days=refresh, holidays=tuple(skipped_holidays(called, max(r.day for r in rows))), notes=tuple(notes),
    )


def _cited(text: str, confidence: str) -> str:
    return f"{text} ({confidence} confidence)" if text else f"({confidence} confidence)"


def _arrival(profile: EventProfile, called: date, start: date, closures: frozenset[date], given: date | None,
             notes: list[str]) -> tuple[date, str]:
    """The first day on site and the rule it came from."""
    if given is not None:
        if given <= called:
            raise ValueError(f"the arrival date {given} must come after the call on {called}")
        if not is_working_day(given, closures):
            raise ValueError(f"the arrival date {given:%a %d %b %Y} is not a working day")
        return given, "arrival date given by the lead inspector (entered by the user)"
    notice = profile.notice
    rule = _cited(notice.text, notice.confidence)
    if notice.rule == "following_weekday":
        day = called + timedelta(days=1)
        while day.weekday() != notice.weekday:
            day += timedelta(days=1)
        if called.weekday() != notice.weekday:
            notes.append(f"The call came on a {called:%A}, not a {day:%A}: {len(working_days_between(start, day - timedelta(days=1), closures))} "
                         f"working day(s) before inspectors arrive, not the usual five.")
        if not is_working_day(day, closures):
            closed = bank_holiday_name(day) or "a council closure"
            moved = next_working_day(day, closures)
            notes.append(f"The {day:%A} after the call, {day:%d %b %Y}, is {closed}: arrival assumed on the next "
                         f"working day, {moved:%a %d %b %Y} (not on record; confirm with the lead inspector).")
            day = moved
            rule += "; moved to the next working day"
        return day, rule
    if notice.rule == "working_day":
        return add_working_days(start, notice.day - profile.call_is_day, closures), rule
    raise ValueError(f"{profile.name}: no arrival rule")


def _last_working_day_before(day: date, start: date, closures: frozenset[date]) -> date:
    previous = [d for d in working_days_between(start, day - timedelta(days=1), closures)]
    return previous[-1] if previous else start


def _after(step: AfterStep, anchors: dict[str, date], closures: frozenset[date]) -> tuple[date | None, str]:
    """The date of a step after the visit and the words for its row (None when it cannot be dated)."""
    anchor = anchors.get(step.anchor or "")
    if anchor is None or step.rule == "unknown":
        return None, ""
    if step.rule == "observed":
        likely = add_working_days(anchor, step.likely, closures)
        spread = ""
        if step.earliest is not None and step.latest is not None:
            spread = (f" (usually between {add_working_days(anchor, step.earliest, closures):%a %d %b %Y} and "
                      f"{add_working_days(anchor, step.latest, closures):%a %d %b %Y})")
        return likely, f"{step.what}: expected about this date{spread}"
    return add_working_days(anchor, step.days, closures), f"{step.what} ({step.days} working days after the {step.anchor})"


# ------------------------------------------------------------------------------------ refreshes
def refresh_times(days: Iterable[date], at: time = time(6, 0)) -> list[datetime]:
    """Naive local datetimes (Europe/London) for a refresh at `at` on each day."""
    return [datetime.combine(d, at) for d in days]


def rrule_for(days: Iterable[date], at: time = time(6, 0), now: datetime | None = None) -> str | None:
    """An RFC 5545 rule set (DTSTART + RDATE) firing at `at` on each of `days` still in the future.

    Prefect's RRuleSchedule accepts this form; it is used with timezone Europe/London. Returns None
    when no refresh is left.
    """
    times = [t for t in refresh_times(days, at) if now is None or t > now]
    if not times:
        return None
    stamp = "%Y%m%dT%H%M%S"
    return f"DTSTART:{times[0].strftime(stamp)}\nRDATE:" + ",".join(t.strftime(stamp) for t in times)
