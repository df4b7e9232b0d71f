"""Which judgement areas an inspection under a framework grades on a given date (data in
judgement_areas.yaml), so facts and the judgement history never record a grade for an area that
did not exist at that inspection."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

_DATA = Path(__file__).with_name("judgement_areas.yaml")


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], tuple[tuple[str, date, date | None, tuple[str, ...]], ...]]:
    raw = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    periods = tuple(
        (str(p["framework"]), _as_date(p["from"]), _as_date(p["to"]) if p.get("to") else None, tuple(p["areas"]))
        for p in raw["periods"]
    )
    return dict(raw["areas"]), periods


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def area_names() -> dict[str, str]:
    """Area key -> the judgement's title as reports print it."""
    return dict(_table()[0])


def judged_areas(framework: str, on: date) -> tuple[str, ...]:
    """The areas graded by an inspection under `framework` whose last day on site was `on`.

    Empty when the framework did not grade anything on that date (unknown framework, or a date
    outside every period)."""
    for name, start, end, areas in _table()[1]:
        if name == framework and start <= on and (end is None or on <= end):
            return areas
    return ()
