"""How old each area's evidence is, against a freshness window per kind of evidence (data/freshness.yaml):
data and audits stay fresh for 12 months; inspection findings until the next inspection.

    ages = area_evidence_age([("in_care", date(2025, 3, 1), "data"), ...], today=date(2026, 1, 5))
    ages["in_care"].newest, ages["in_care"].median_days, ages["in_care"].stale_share

Plain functions over (date, kind) pairs, so the gap report, the index and narrative checks can all use
them without the store.
"""

from __future__ import annotations

import calendar
import statistics
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Iterable

from frameworks import DATA_DIR
from frameworks.yamlfile import load_yaml

FRESHNESS_FILE = DATA_DIR / "freshness.yaml"


@dataclass(frozen=True)
class Window:
    kind: str
    months: int | None  # None: fresh until the next inspection
    text: str


@dataclass(frozen=True)
class EvidenceAge:
    count: int
    newest: date | None
    newest_days: int | None  # age of the newest item in days
    median_days: float | None
    stale: int  # items older than their kind's window
    stale_share: float  # stale / count (0.0 when there is nothing)
    by_kind: dict[str, int]  # kind -> number of items


def windows() -> dict[str, Window]:
    return dict(_windows())


def freshness_kind(document_kind: str | None, has_data: bool = False) -> str:
    """The freshness kind of a piece of evidence from its document's kind and whether it has figures."""
    raw = _raw()
    if has_data and raw.get("data_when_figures"):
        return "data"
    return str(raw["document_kinds"].get((document_kind or "").lower(), "other"))


def is_stale(day: date, kind: str, today: date, next_inspection_after: date | None = None) -> bool:
    """Older than the window for its kind. Inspection findings are stale once a later inspection
    exists (`next_inspection_after`: the date of the latest inspection on record)."""
    window = _windows().get(kind) or _windows()["other"]
    if window.months is None:
        return next_inspection_after is not None and day < next_inspection_after
    return day < _months_before(today, window.months)


def evidence_age(items: Iterable[tuple[date, str]], today: date,
                 latest_inspection: date | None = None) -> EvidenceAge:
    """Age of a set of (date, kind) items as of `today`. `latest_inspection` defaults to the newest
    inspection item among them; older inspection items are then stale."""
    items = [(d, k if k in _windows() else "other") for d, k in items if d is not None]
    if latest_inspection is None:
        latest_inspection = max((d for d, k in items if k == "inspection"), default=None)
    if not items:
        return EvidenceAge(0, None, None, None, 0, 0.0, {})
    ages = [(today - d).days for d, _ in items]
    newest = max(d for d, _ in items)
    stale = sum(1 for d, k in items if is_stale(d, k, today, latest_inspection))
    by_kind: dict[str, int] = {}
    for _, kind in items:
        by_kind[kind] = by_kind.get(kind, 0) + 1
    return EvidenceAge(len(items), newest, (today - newest).days, float(statistics.median(ages)), stale,
                       round(stale / len(items), 3), by_kind)


def area_evidence_age(items: Iterable[tuple[str, date, str]], today: date,
                      latest_inspection: date | None = None) -> dict[str, EvidenceAge]:
    """Evidence age per area from (area, date, kind) triples. The latest inspection is taken across
    all areas (an inspection judges every area) unless given."""
    items = [(a, d, k) for a, d, k in items if d is not None]
    if latest_inspection is None:
        latest_inspection = max((d for _, d, k in items if k == "inspection"), default=None)
    by_area: dict[str, list[tuple[date, str]]] = {}
    for area, day, kind in items:
        by_area.setdefault(area, []).append((day, kind))
    return {area: evidence_age(pairs, today, latest_inspection) for area, pairs in by_area.items()}


@lru_cache(maxsize=1)
def _raw() -> dict:
    return load_yaml(FRESHNESS_FILE)


@lru_cache(maxsize=1)
def _windows() -> dict[str, Window]:
    out = {}
    for kind, raw in _raw()["windows"].items():
        months = raw.get("months")
        if months is None and raw.get("until") != "next_inspection":
            raise ValueError(f"{FRESHNESS_FILE}: window {kind!r} needs `months` or `until: next_inspection`")
        out[str(kind)] = Window(str(kind), int(months) if months is not None else None, " ".join(str(raw.get("text", "")).split()))
    if "other" not in out:
        raise ValueError(f"{FRESHNESS_FILE}: a window for `other` is needed")
    return out


def _months_before(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
