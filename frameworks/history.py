"""Which version of a framework applied on a date, and which judgement areas it graded, so facts and
the judgement history never record a grade for an area that did not exist at that inspection ("care
leavers" was not judged on its own before January 2023; reports from April 2026 have no overall
effectiveness grade). The data is in the framework files (`in_force`, `judged_areas`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from frameworks import Framework, area_titles, family_versions


def area_names() -> dict[str, str]:
    """Area key -> the judgement's title as reports print it."""
    return area_titles()


def version_in_force(family: str, on: date, frameworks_dir: str | Path | None = None) -> Framework | None:
    """The version of `family` (a framework family id) in force on `on`, or None when none was.

    A version file's name (without .yaml) is accepted for its family."""
    versions = family_versions(frameworks_dir)
    if family not in versions:
        family = next((f for f, items in versions.items() if any(v.key == family for v in items)), family)
    return next((v for v in reversed(versions.get(family, ())) if v.in_force_on(on)), None)


def also_graded(framework: str, on: date) -> tuple[str, ...]:
    """Graded judgements outside the one-table history (SIF: adoption and the LSCB review)."""
    version = version_in_force(framework, on)
    return version.also_graded if version else ()


def judged_areas(framework: str, on: date) -> tuple[str, ...]:
    """The areas graded by an inspection under `framework` whose last day on site was `on`.

    Empty when the framework did not grade anything on that date (unknown framework, or a date
    outside every version)."""
    version = version_in_force(framework, on)
    return version.judged_areas if version else ()
