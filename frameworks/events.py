"""Inspection event profiles as data (`data/events.yaml`): notice rule, off-site and on-site days,
what the council must supply and when, what follows, and when the next one usually comes.

    profile = event_profile("ilacs_short")
    profile.notice.text, profile.on_site_days, [s.what for s in profile.supply]

Every rule carries its plain-words explanation and a confidence (high, medium, low), so a timetable
can say where each date came from and how sure it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from frameworks import DATA_DIR, LineOfEnquiry, load_framework
from frameworks.yamlfile import load_yaml

EVENTS_FILE = DATA_DIR / "events.yaml"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NOTICE_RULES = ("following_weekday", "working_day", "meeting")
SUPPLY_WHEN = ("call", "before_arrival", "before_meeting", "annual")
AFTER_RULES = ("observed", "working_days", "unknown")
CONFIDENCE = ("high", "medium", "low")


@dataclass(frozen=True)
class Rule:
    text: str
    confidence: str


@dataclass(frozen=True)
class Notice:
    rule: str  # one of NOTICE_RULES
    text: str
    confidence: str
    weekday: int | None = None  # following_weekday: 0 = Monday
    day: int | None = None  # working_day: inspectors arrive on this working day


@dataclass(frozen=True)
class SupplyItem:
    what: str
    when: str  # one of SUPPLY_WHEN
    text: str
    confidence: str
    short: str = ""  # the few words a timetable row shows


@dataclass(frozen=True)
class AfterStep:
    """Something that follows the visit: a report, an action plan."""

    what: str
    rule: str  # one of AFTER_RULES
    anchor: str | None  # "last_on_site", "report" or "letter": the date it counts from
    text: str
    confidence: str
    days: int | None = None  # working_days
    likely: int | None = None  # observed: working days after the anchor
    earliest: int | None = None
    latest: int | None = None


@dataclass(frozen=True)
class NextWindow:
    """When the next event of this kind usually comes after this one."""

    years: int
    either_side_months: int
    text: str
    confidence: str


@dataclass(frozen=True)
class EventProfile:
    key: str
    name: str
    family: str  # the framework family it belongs to
    graded: bool
    applies_to: str
    call_is_day: int  # the number the day of the call gets when counting working days (0 or 1)
    notice: Notice
    off_site: Rule | None
    on_site: Rule | None
    on_site_days: int | None  # None = not on record
    supply: tuple[SupplyItem, ...] = ()
    after: tuple[AfterStep, ...] = ()
    next: NextWindow | None = None
    topics: tuple[str, ...] = ()
    topics_note: str = ""
    themes_from: str | None = None  # a framework line whose sub-lines are the event's themes
    cadence: str = ""
    aliases: tuple[str, ...] = ()

    def themes(self, frameworks_dir: str | Path | None = None) -> tuple[LineOfEnquiry, ...]:
        """The themes this event can take (the deep dives of a joint inspection), each with the dates of its round."""
        if not self.themes_from:
            return ()
        return load_framework(self.family, frameworks_dir).children(self.themes_from)

    def themes_on(self, day: date, frameworks_dir: str | Path | None = None) -> tuple[LineOfEnquiry, ...]:
        """Themes whose round was running on `day` (open-ended rounds count)."""
        return tuple(t for t in self.themes(frameworks_dir)
                     if (t.in_force_from is None or t.in_force_from <= day)
                     and (t.in_force_to is None or day <= t.in_force_to))


@dataclass(frozen=True)
class GradeRules:
    """What the last graded inspection's headline grade leads to (data/events.yaml)."""

    after_grade: dict[str, str]  # headline grade -> event key
    reinspection_event: str
    reinspection_months: tuple[int, int, int]  # earliest, likely, latest after an inadequate inspection
    reinspection: Rule
    between_inspections: str
    leaders_area: str
    practice_areas: tuple[str, ...]
    without_overall: Rule


@dataclass(frozen=True)
class Schedule:
    cron: str
    text: str


def event_profiles() -> dict[str, EventProfile]:
    """Event key -> profile, in file order."""
    return dict(_profiles())


def event_profile(key: str) -> EventProfile:
    """A profile by key or alias ("ilacs_short", "short"), case and spaces ignored."""
    profiles = _profiles()
    wanted = " ".join(str(key).lower().replace("_", " ").replace("-", " ").split())
    for profile in profiles.values():
        if wanted in {profile.key.replace("_", " "), *profile.aliases}:
            return profile
    raise ValueError(f"unknown event {key!r}; known: {', '.join(profiles)}")


def events_for_family(family: str) -> tuple[EventProfile, ...]:
    return tuple(p for p in _profiles().values() if p.family == family)


def christmas_period() -> tuple[tuple[int, int], tuple[int, int], str]:
    """(month, day) of the first and last day of the Christmas period, and the note about it."""
    raw = _raw()["christmas_period"]
    start, end = (tuple(int(part) for part in str(raw[k]).split("-")) for k in ("from", "to"))
    return (start[0], start[1]), (end[0], end[1]), " ".join(str(raw.get("note", "")).split())


def grade_rules() -> GradeRules:
    raw = _raw()
    re_raw = raw["reinspection"]
    without = raw["without_overall"]
    return GradeRules(
        after_grade={str(k): str(v) for k, v in raw["after_grade"].items()},
        reinspection_event=str(re_raw["event"]),
        reinspection_months=(int(re_raw["earliest_months"]), int(re_raw["likely_months"]), int(re_raw["latest_months"])),
        reinspection=_rule(re_raw),
        between_inspections=str(raw["between_inspections"]),
        leaders_area=str(without["leaders"]),
        practice_areas=tuple(str(a) for a in without["practice"]),
        without_overall=_rule(without),
    )


def schedules() -> dict[str, Schedule]:
    """"normal" and "window": when `serve` runs the main job."""
    return {name: Schedule(str(v["cron"]), " ".join(str(v["text"]).split())) for name, v in _raw()["schedule"].items()}


# ------------------------------------------------------------------------------------ parsing
@lru_cache(maxsize=1)
def _raw() -> dict:
    return load_yaml(EVENTS_FILE)


@lru_cache(maxsize=1)
def _profiles() -> dict[str, EventProfile]:
    raw_events = _raw()["events"]
    profiles: dict[str, EventProfile] = {}
    for key, raw in raw_events.items():
        merged = dict(raw)
        if raw.get("same_as"):
            merged = {**raw_events[raw["same_as"]], **{k: v for k, v in raw.items() if k != "same_as"}}
        try:
            profiles[key] = _profile(str(key), merged)
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{EVENTS_FILE}: event {key!r}: {exc}") from exc
    for grade, key in _raw()["after_grade"].items():
        if key not in profiles:
            raise ValueError(f"{EVENTS_FILE}: after_grade {grade!r} names unknown event {key!r}")
    return profiles


def _text(value: object) -> str:
    return " ".join(str(value or "").split())


def _confidence(raw: dict) -> str:
    value = str(raw.get("confidence", "low"))
    if value not in CONFIDENCE:
        raise ValueError(f"confidence must be one of {', '.join(CONFIDENCE)}, not {value!r}")
    return value


def _rule(raw: dict | None) -> Rule | None:
    return Rule(_text(raw.get("text")), _confidence(raw)) if raw else None


def _profile(key: str, raw: dict) -> EventProfile:
    notice_raw = raw["notice"]
    if notice_raw["rule"] not in NOTICE_RULES:
        raise ValueError(f"notice rule must be one of {', '.join(NOTICE_RULES)}")
    weekday = notice_raw.get("weekday")
    notice = Notice(
        rule=str(notice_raw["rule"]), text=_text(notice_raw.get("text")), confidence=_confidence(notice_raw),
        weekday=WEEKDAYS.index(str(weekday).lower()) if weekday else None,
        day=int(notice_raw["day"]) if notice_raw.get("day") is not None else None,
    )
    on_site_raw = raw.get("on_site") or {}
    supply = []
    for item in raw.get("supply") or ():
        if item["when"] not in SUPPLY_WHEN:
            raise ValueError(f"supply 'when' must be one of {', '.join(SUPPLY_WHEN)}")
        supply.append(SupplyItem(_text(item["what"]), str(item["when"]), _text(item.get("text")), _confidence(item),
                                 _text(item.get("short") or item["what"])))
    after = []
    for item in raw.get("after") or ():
        if item["rule"] not in AFTER_RULES:
            raise ValueError(f"'after' rule must be one of {', '.join(AFTER_RULES)}")
        after.append(AfterStep(
            what=_text(item["what"]), rule=str(item["rule"]), anchor=item.get("from"), text=_text(item.get("text")),
            confidence=_confidence(item), days=item.get("days"), likely=item.get("likely"),
            earliest=item.get("earliest"), latest=item.get("latest"),
        ))
    next_raw = raw.get("next")
    next_window = NextWindow(int(next_raw["years"]), int(next_raw["either_side_months"]), _text(next_raw.get("text")),
                             _confidence(next_raw)) if next_raw else None
    return EventProfile(
        key=key, name=str(raw["name"]), family=str(raw["family"]), graded=bool(raw.get("graded")),
        applies_to=_text(raw.get("applies_to")), call_is_day=int(raw.get("call_is_day", 0)), notice=notice,
        off_site=_rule(raw.get("off_site")), on_site=_rule(on_site_raw or None),
        on_site_days=int(on_site_raw["working_days"]) if on_site_raw.get("working_days") is not None else None,
        supply=tuple(supply), after=tuple(after), next=next_window,
        topics=tuple(_text(t) for t in raw.get("topics") or ()), topics_note=_text(raw.get("topics_note")),
        themes_from=raw.get("themes_from"), cadence=_text(raw.get("cadence")),
        aliases=tuple(" ".join(str(a).lower().split()) for a in raw.get("aliases") or ()),
    )
