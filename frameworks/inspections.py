"""Kinds of inspection and the framework family each belongs to (data in data/inspection_kinds.yaml),
so the facts layer and packs never name a framework in code."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

from frameworks import family_versions
from frameworks.yamlfile import load_yaml

_DATA = Path(__file__).with_name("data") / "inspection_kinds.yaml"


@lru_cache(maxsize=1)
def _kinds() -> dict[str, dict]:
    return {str(k): dict(v) for k, v in load_yaml(_DATA)["kinds"].items()}


def inspection_family(kind: str) -> str | None:
    """The framework family an inspection of `kind` is carried out under, or None."""
    return (_kinds().get(kind) or {}).get("family")


def inspection_label(kind: str) -> str:
    """How a pack names an inspection of `kind`."""
    return str((_kinds().get(kind) or {}).get("label") or kind)


def full_inspection_on(on: date) -> tuple[str, str] | None:
    """(kind, family) of a full inspection carried out on `on` whose kind the text does not name:
    of the families with a full-inspection kind, the one that came into force last on or before `on`."""
    versions = family_versions()
    started: list[tuple[date, str, str]] = []
    for kind, spec in _kinds().items():
        family = spec.get("family")
        if not spec.get("full_inspection") or family not in versions:
            continue
        first = min((v.in_force_from for v in versions[family] if v.in_force_from), default=None)
        if first is not None and first <= on:
            started.append((first, kind, family))
    if not started:
        return None
    _, kind, family = max(started)
    return kind, family


def grade_on_scale(grade: str, family: str | None) -> bool:
    """Whether `grade` (a canonical grade label) belongs to the family's grade scale ("adequate" is a
    SLAC-era grade, "requires improvement" one from the single inspection framework on). True when
    the family is not known."""
    versions = family_versions().get(family or "", ())
    if not versions:
        return True
    words = {w for v in versions for g in v.grade_scale for w in (g.label, *g.variants)}
    return any(grade == w or w.startswith(grade) for w in words)
