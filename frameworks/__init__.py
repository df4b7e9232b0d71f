"""Inspection frameworks as data: one YAML file per framework, editable by a council.

See `frameworks/README.md` for the file format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

BUNDLED_DIR = Path(__file__).parent


@dataclass(frozen=True)
class LineOfEnquiry:
    id: str
    title: str
    slug: str  # short folder-safe name, e.g. "help-and-protection"
    parent: str | None
    description: str
    cues: tuple[str, ...]
    graded: bool = True


@dataclass(frozen=True)
class Grade:
    rank: int
    label: str
    variants: tuple[str, ...]


@dataclass(frozen=True)
class Framework:
    id: str
    name: str
    in_force_from: str | None
    in_force_to: str | None
    grade_scale: tuple[Grade, ...]
    notice_period_working_days: int | None
    off_site_weeks: int | None
    on_site_weeks: int | None
    publication_working_days: int | None
    lines: tuple[LineOfEnquiry, ...]
    crosswalk: dict[str, str] = field(default_factory=dict)  # this framework's line id -> current id
    # every current id a line maps to (a combined old line can cover two current ones); first = crosswalk
    crosswalk_all: dict[str, tuple[str, ...]] = field(default_factory=dict)
    notes: str = ""

    def ancestor(self, loe_id: str) -> str:
        """The top-level line (pack section) that a line belongs to."""
        seen: set[str] = set()
        current = self.line(loe_id)
        while current.parent and current.id not in seen:
            seen.add(current.id)
            try:
                current = self.line(current.parent)
            except KeyError:
                break
        return current.id

    def to_current(self, loe_id: str) -> tuple[str, ...]:
        """Current ILACS ids for one of this framework's line ids (via the crosswalk)."""
        if loe_id in self.crosswalk_all:
            return self.crosswalk_all[loe_id]
        if loe_id in self.crosswalk:
            return (self.crosswalk[loe_id],)
        return ()

    def line(self, loe_id: str) -> LineOfEnquiry:
        for line in self.lines:
            if line.id == loe_id:
                return line
        raise KeyError(loe_id)

    @property
    def top_lines(self) -> tuple[LineOfEnquiry, ...]:
        """Lines in framework order with no parent: the sections of a pack."""
        return tuple(line for line in self.lines if line.parent is None)

    def position(self, loe_id: str) -> int:
        for index, line in enumerate(self.top_lines):
            if line.id == loe_id:
                return index
        return len(self.top_lines)


def available(frameworks_dir: str | Path | None = None) -> list[str]:
    folders = [Path(frameworks_dir)] if frameworks_dir else []
    folders.append(BUNDLED_DIR)
    names: set[str] = set()
    for folder in folders:
        names.update(p.stem for p in folder.glob("*.yaml") if p.stem != "crosswalk")
    return sorted(names)


def load_framework(framework_id: str, frameworks_dir: str | Path | None = None) -> Framework:
    """Load a framework by id; a council's folder takes precedence over the bundled files."""
    return _load(framework_id, str(frameworks_dir) if frameworks_dir else None)


@lru_cache(maxsize=16)
def _load(framework_id: str, frameworks_dir: str | None) -> Framework:
    candidates = []
    if frameworks_dir:
        candidates.append(Path(frameworks_dir) / f"{framework_id}.yaml")
    candidates.append(BUNDLED_DIR / f"{framework_id}.yaml")
    for path in candidates:
        if path.exists():
            return _parse(yaml.safe_load(path.read_text(encoding="utf-8")), path)
    raise ValueError(
        f"unknown framework {framework_id!r}; available: {', '.join(available(frameworks_dir))}"
    )


def _parse(raw: dict, path: Path) -> Framework:
    try:
        grades = tuple(
            Grade(int(g["rank"]), str(g["label"]), tuple(g.get("variants") or [g["label"]]))
            for g in (raw.get("grade_scale") or {}).get("grades", [])
        )
        lines = tuple(
            LineOfEnquiry(
                id=str(item["id"]),
                title=str(item["title"]),
                slug=str(item.get("slug") or item["id"].split(".")[-1].replace("_", "-")),
                parent=item.get("parent"),
                description=str(item.get("description", "")).strip(),
                cues=tuple(str(c).lower() for c in item.get("cues", [])),
                graded=bool(item.get("graded", True)),
            )
            for item in raw["lines_of_enquiry"]
        )
        timetable = raw.get("timetable") or {}
        crosswalk: dict[str, tuple[str, ...]] = {}
        for key, value in (raw.get("crosswalk") or {}).items():
            targets = value if isinstance(value, list) else [value]
            crosswalk[str(key)] = tuple(str(t) for t in targets if t)
        return Framework(
            id=str(raw["id"]),
            name=str(raw["name"]),
            in_force_from=raw.get("in_force_from"),
            in_force_to=raw.get("in_force_to"),
            grade_scale=grades,
            notice_period_working_days=raw.get("notice_period_working_days"),
            off_site_weeks=timetable.get("off_site_weeks"),
            on_site_weeks=timetable.get("on_site_weeks"),
            publication_working_days=timetable.get("publication_working_days"),
            lines=lines,
            crosswalk={k: v[0] for k, v in crosswalk.items() if v},
            crosswalk_all=crosswalk,
            notes=" ".join(str(raw.get("notes") or "").split()),
        )
    except (KeyError, TypeError) as exc:
        raise ValueError(f"{path}: malformed framework file ({exc})") from exc
