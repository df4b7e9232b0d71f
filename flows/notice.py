"""Notice mode: the inspection timetable in working days, as pure functions (no I/O, no Prefect).

Working days are Monday to Friday minus bank holidays in England (and Wales: the two have the same
bank holidays), taken from the `holidays` library (`holidays.UK(subdiv="ENG")`), never from a
hand-written list.

The model, per framework (numbers come from the framework file, `frameworks/<id>.yaml`):

* the **call** is the day Ofsted's lead inspector phones the director of children's services;
* the **notice period** is `notice_period_working_days` working days counted from the day after the
  call; inspectors arrive on the last of them, so with ILACS (5 days) a call on Monday means on site
  the following Monday, and with the SIF (1 day) a call on Monday means on site on Tuesday;
* the **off-site** evidence weeks (`off_site_weeks`) run alongside the notice when they fit inside it
  (ILACS: the week between call and arrival); when they do not (SIF: 1 day's notice) they follow the
  first on-site week, as the SIF did (week 1 on site, week 2 case auditing off site, weeks 3-4 on
  site);
* the **on-site** fieldwork is `on_site_weeks` weeks of 5 working days (a bank holiday pushes the end
  back, as it does in practice);
* the **publication deadline** is `publication_working_days` after the last on-site day, where the
  framework states one (none of the bundled frameworks does yet: it is reported as not known);
* the **refresh days** are the working days from the call (inclusive, when the call falls on a working
  day) up to the day before inspectors arrive: the days on which a council wants a fresh pack.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache

WORKING_WEEK = 5


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    import holidays

    return frozenset(holidays.UK(subdiv="ENG", years=year).keys())


def bank_holiday_name(day: date) -> str | None:
    """The bank holiday's name, or None when `day` is not a bank holiday in England and Wales."""
    import holidays

    return holidays.UK(subdiv="ENG", years=day.year).get(day)


def is_working_day(day: date, closures: Iterable[date] = ()) -> bool:
    """Monday to Friday, not a bank holiday in England and Wales, not one of `closures`."""
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
    out: list[date] = []
    day = start
    while day <= end:
        if is_working_day(day, closures):
            out.append(day)
        day += timedelta(days=1)
    return out


def skipped_holidays(start: date, end: date) -> list[tuple[date, str]]:
    """Bank holidays (that fall on weekdays) with start <= d <= end, and their names."""
    out: list[tuple[date, str]] = []
    day = start
    while day <= end:
        if day.weekday() < 5:
            name = bank_holiday_name(day)
            if name:
                out.append((day, name))
        day += timedelta(days=1)
    return out


@dataclass(frozen=True)
class Phase:
    name: str  # "notice" | "off-site" | "on-site" | "publication"
    start: date
    end: date
    working_days: int
    note: str = ""


@dataclass(frozen=True)
class Timetable:
    framework: str
    called: date
    notice_working_days: int
    arrival: date  # first on-site day
    last_on_site: date | None
    publication_deadline: date | None
    phases: tuple[Phase, ...]
    refresh_days: tuple[date, ...]
    holidays: tuple[tuple[date, str], ...] = field(default_factory=tuple)  # bank holidays skipped
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        return {
            "framework": self.framework,
            "called": self.called.isoformat(),
            "notice_working_days": self.notice_working_days,
            "arrival": self.arrival.isoformat(),
            "last_on_site": self.last_on_site.isoformat() if self.last_on_site else None,
            "publication_deadline": self.publication_deadline.isoformat() if self.publication_deadline else None,
            "phases": [
                {"name": p.name, "start": p.start.isoformat(), "end": p.end.isoformat(), "working_days": p.working_days, "note": p.note}
                for p in self.phases
            ],
            "refresh_days": [d.isoformat() for d in self.refresh_days],
            "bank_holidays": [{"date": d.isoformat(), "name": n} for d, n in self.holidays],
            "notes": list(self.notes),
        }


def timetable(
    framework_id: str,
    called: date,
    notice_working_days: int | None,
    off_site_weeks: int | None = None,
    on_site_weeks: int | None = None,
    publication_working_days: int | None = None,
    closures: Iterable[date] = (),
) -> Timetable:
    """The notice window and inspection timetable for a call on `called` (see the module docstring)."""
    if notice_working_days is None:
        raise ValueError(f"framework {framework_id!r} has no notice period on record (it may be unannounced)")
    if notice_working_days < 1:
        raise ValueError("the notice period must be at least one working day")
    closures = frozenset(closures)
    notes: list[str] = []
    if not is_working_day(called, closures):
        notes.append(f"the call date {called:%a %d %b %Y} is not a working day; notice still counts from the next working day")

    arrival = add_working_days(called, notice_working_days, closures)
    first_notice_day = next_working_day(called, closures)
    phases = [Phase("notice", first_notice_day, arrival, notice_working_days, "inspectors arrive on the last day")]

    on_days = (on_site_weeks or 0) * WORKING_WEEK
    off_days = (off_site_weeks or 0) * WORKING_WEEK
    last_on_site: date | None = None
    if off_days and off_days <= notice_working_days:
        # ILACS: the off-site week runs between the call and the inspectors' arrival.
        off_start = called if is_working_day(called, closures) else first_notice_day
        span = [d for d in working_days_between(off_start, arrival - timedelta(days=1), closures)] or [off_start]
        phases.append(Phase("off-site", span[0], span[-1], len(span), "evidence gathering between the call and arrival"))
        off_days_left = 0
    else:
        off_days_left = off_days
    if on_days:
        if off_days_left and on_days > WORKING_WEEK:
            # SIF pattern: one week on site, the off-site week(s), then the rest on site.
            first_end = add_working_days(arrival, WORKING_WEEK - 1, closures)
            phases.append(Phase("on-site", arrival, first_end, WORKING_WEEK))
            off_start = next_working_day(first_end, closures)
            off_end = add_working_days(off_start, off_days_left - 1, closures)
            phases.append(Phase("off-site", off_start, off_end, off_days_left, "case auditing off site"))
            rest_start = next_working_day(off_end, closures)
            last_on_site = add_working_days(rest_start, on_days - WORKING_WEEK - 1, closures)
            phases.append(Phase("on-site", rest_start, last_on_site, on_days - WORKING_WEEK))
        else:
            last_on_site = add_working_days(arrival, on_days - 1, closures)
            phases.append(Phase("on-site", arrival, last_on_site, on_days))
            if off_days_left:
                off_start = next_working_day(last_on_site, closures)
                off_end = add_working_days(off_start, off_days_left - 1, closures)
                phases.append(Phase("off-site", off_start, off_end, off_days_left))
                notes.append("off-site weeks placed after fieldwork (order not on record for this framework)")
    else:
        notes.append("on-site length not on record for this framework")

    publication: date | None = None
    if publication_working_days and last_on_site:
        publication = add_working_days(last_on_site, publication_working_days, closures)
        phases.append(Phase("publication", next_working_day(last_on_site, closures), publication, publication_working_days, "report published by"))
    else:
        notes.append("publication deadline not known for this framework")

    phases.sort(key=lambda p: (p.start, p.name != "notice"))
    start = called if is_working_day(called, closures) else first_notice_day
    refresh = tuple(d for d in working_days_between(start, arrival - timedelta(days=1), closures))
    horizon = max(p.end for p in phases)
    return Timetable(
        framework=framework_id,
        called=called,
        notice_working_days=notice_working_days,
        arrival=arrival,
        last_on_site=last_on_site,
        publication_deadline=publication,
        phases=tuple(phases),
        refresh_days=refresh,
        holidays=tuple(skipped_holidays(called, horizon)),
        notes=tuple(notes),
    )


def timetable_for(framework, called: date, closures: Iterable[date] = ()) -> Timetable:  # type: ignore[no-untyped-def]
    """`timetable` from a `frameworks.Framework`."""
    return timetable(
        framework.id,
        called,
        framework.notice_period_working_days,
        framework.off_site_weeks,
        framework.on_site_weeks,
        framework.publication_working_days,
        closures,
    )


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


def iter_days(start: date, end: date) -> Iterator[date]:
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)
