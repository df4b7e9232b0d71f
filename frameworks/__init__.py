"""Inspection frameworks as data: one YAML file per framework version, editable by a council.

    framework = load_framework(default_framework_id())  # a family id: the version in force today
    framework = load_framework(name)                    # a file name (without .yaml): that version
    reference_framework()                               # crosswalk targets: data/catalogue.yaml

Each file names its `family`, its `version`, the dates it was `in_force`, the
judged areas of an inspection under it, and what it could not verify. Versions of one family that
share their line ids share an `id` (tags are stored by framework id and line id). The shared
line-of-enquiry vocabulary, event profiles and freshness windows are data files in `data/`. See
`frameworks/README.md` for the file format and sources.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path

from frameworks.yamlfile import DuplicateKeyError, load_yaml

BUNDLED_DIR = Path(__file__).parent
DATA_DIR = BUNDLED_DIR / "data"

__all__ = [
    "BUNDLED_DIR", "DATA_DIR", "DuplicateKeyError", "Framework", "Grade", "LineOfEnquiry", "Vocabulary",
    "area_titles", "available", "default_framework_id", "family_versions", "load_framework",
    "reference_framework", "reference_framework_id", "vocabulary",
]


@dataclass(frozen=True)
class LineOfEnquiry:
    id: str
    title: str
    slug: str  # short folder-safe name, e.g. "help-and-protection"
    parent: str | None
    description: str
    cues: tuple[str, ...]
    graded: bool = True
    area: str | None = None  # the judged-area key this line is graded as (catalogue.yaml: areas)
    in_force_from: date | None = None  # for lines that belong to a period (a theme's round)
    in_force_to: date | None = None


@dataclass(frozen=True)
class Grade:
    rank: int
    label: str
    variants: tuple[str, ...]


@dataclass(frozen=True)
class Framework:
    id: str  # the id tags and line ids carry; versions with the same lines share it
    name: str
    grade_scale: tuple[Grade, ...]
    lines: tuple[LineOfEnquiry, ...]
    crosswalk: dict[str, str] = field(default_factory=dict)  # line id -> reference top-level id (or "overall")
    # every reference id a line maps to (a combined old line can cover two current ones); first = crosswalk
    crosswalk_all: dict[str, tuple[str, ...]] = field(default_factory=dict)
    notes: str = ""
    key: str = ""  # the file it was read from, without ".yaml": load_framework(key) gives it back
    family: str = ""  # versions of one framework share it
    version: str = ""  # "2026-04"
    in_force_from: date | None = None
    in_force_to: date | None = None  # None = still in force
    judged_areas: tuple[str, ...] = ()  # area keys an inspection under this version grades
    # further graded judgements outside the one-table history (SIF: adoption, the LSCB review)
    also_graded: tuple[str, ...] = ()
    not_verified: tuple[str, ...] = ()  # what the file could not confirm, in plain words

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
        """The reference framework's top-level ids for one of this framework's line ids (crosswalk)."""
        if loe_id in self.crosswalk_all:
            return self.crosswalk_all[loe_id]
        if loe_id in self.crosswalk:
            return (self.crosswalk[loe_id],)
        return ()

    def line(self, loe_id: str) -> LineOfEnquiry:
        return self._by_id[loe_id]  # KeyError for a line this framework does not have

    @cached_property
    def _by_id(self) -> dict[str, LineOfEnquiry]:
        # looked up for every cue of every passage tagged: a dict, not a scan of the lines (the first
        # line with an id wins, as the scan had it)
        by_id: dict[str, LineOfEnquiry] = {}
        for line in self.lines:
            by_id.setdefault(line.id, line)
        return by_id

    def line_for_area(self, area: str) -> LineOfEnquiry | None:
        """The line graded as a judged area ("in_care"), or None when no line is."""
        return next((line for line in self.lines if line.area == area), None)

    def children(self, loe_id: str) -> tuple[LineOfEnquiry, ...]:
        return tuple(line for line in self.lines if line.parent == loe_id)

    def line_and_below(self, loe_id: str) -> set[str]:
        """The line and every line below it."""
        family = {loe_id}
        grew = True
        while grew:
            grew = False
            for line in self.lines:
                if line.parent in family and line.id not in family:
                    family.add(line.id)
                    grew = True
        return family

    def top_of(self) -> dict[str, str]:
        """Every line id -> its top-level line id (a top-level line's is its own)."""
        return {line.id: self.ancestor(line.id) for line in self.lines}

    def in_force_on(self, day: date) -> bool:
        return (self.in_force_from is None or self.in_force_from <= day) and (
            self.in_force_to is None or day <= self.in_force_to)

    @property
    def top_lines(self) -> tuple[LineOfEnquiry, ...]:
        """Lines in framework order with no parent: the sections of a pack."""
        return tuple(line for line in self.lines if line.parent is None)

    def position(self, loe_id: str) -> int:
        for index, line in enumerate(self.top_lines):
            if line.id == loe_id:
                return index
        return len(self.top_lines)


# ------------------------------------------------------------------------------------ catalogue
@lru_cache(maxsize=1)
def _catalogue() -> dict:
    return load_yaml(DATA_DIR / "catalogue.yaml")


def default_framework_id() -> str:
    """The framework a run uses when settings name none."""
    return str(_catalogue()["default"])


def reference_framework_id() -> str:
    """The framework whose top-level line ids crosswalks and the shared vocabulary use."""
    return str(_catalogue()["reference"])


def reference_framework(frameworks_dir: str | Path | None = None) -> Framework:
    return load_framework(reference_framework_id(), frameworks_dir)


def area_titles() -> dict[str, str]:
    """Judged-area key -> the judgement's title as reports print it."""
    return {str(k): str(v) for k, v in _catalogue()["areas"].items()}


# ------------------------------------------------------------------------------------ loading
def _folders(frameworks_dir: str | None) -> list[Path]:
    return ([Path(frameworks_dir)] if frameworks_dir else []) + [BUNDLED_DIR]


def _files(frameworks_dir: str | None) -> dict[str, Path]:
    """File name (no .yaml) -> path; a council's folder takes precedence over the bundled files."""
    found: dict[str, Path] = {}
    for folder in reversed(_folders(frameworks_dir)):
        for path in sorted(folder.glob("*.yaml")):
            found[path.stem] = path
    return found


def available(frameworks_dir: str | Path | None = None) -> list[str]:
    """Every name load_framework accepts: file names and family ids."""
    names = set(_files(str(frameworks_dir) if frameworks_dir else None))
    names.update(family_versions(frameworks_dir))
    return sorted(names)


def load_framework(name: str, frameworks_dir: str | Path | None = None) -> Framework:
    """Load a framework by file name, or by family id (the version in force today).

    A council's folder takes precedence over the bundled files."""
    folder = str(frameworks_dir) if frameworks_dir else None
    if name in _files(folder):
        return _load(name, folder)
    versions = family_versions(frameworks_dir).get(name)
    if versions:
        return _in_force(versions, date.today()) or versions[-1]
    raise ValueError(f"unknown framework {name!r}; available: {', '.join(available(frameworks_dir))}")


def family_versions(frameworks_dir: str | Path | None = None) -> dict[str, tuple[Framework, ...]]:
    """Family id -> its versions, oldest first."""
    return _families(str(frameworks_dir) if frameworks_dir else None)


@lru_cache(maxsize=8)
def _families(frameworks_dir: str | None) -> dict[str, tuple[Framework, ...]]:
    grouped: dict[str, list[Framework]] = {}
    for name in _files(frameworks_dir):
        framework = _load(name, frameworks_dir)
        grouped.setdefault(framework.family, []).append(framework)
    return {family: tuple(sorted(items, key=lambda f: (f.in_force_from or date.min, f.key)))
            for family, items in grouped.items()}


def _in_force(versions: tuple[Framework, ...], day: date) -> Framework | None:
    return next((f for f in reversed(versions) if f.in_force_on(day)), None)


@lru_cache(maxsize=32)
def _load(name: str, frameworks_dir: str | None) -> Framework:
    path = _files(frameworks_dir)[name]
    raw = _raw(name, frameworks_dir, ())
    return _parse(raw, path)


def _raw(name: str, frameworks_dir: str | None, chain: tuple[str, ...]) -> dict:
    """A file's mapping, with the keys of the file it `extends` filled in underneath."""
    files = _files(frameworks_dir)
    if name not in files:
        raise ValueError(f"{chain[-1] if chain else name}.yaml extends unknown framework file {name!r}")
    if name in chain:
        raise ValueError(f"framework files extend each other in a loop: {' -> '.join(chain + (name,))}")
    raw = load_yaml(files[name])
    if not isinstance(raw, dict):
        raise ValueError(f"{files[name]}: expected a mapping")
    base = raw.pop("extends", None)
    if base:
        merged = _raw(str(base), frameworks_dir, chain + (name,))
        merged.update(raw)
        return merged
    return raw


def _parse(raw: dict, path: Path) -> Framework:
    try:
        grades = tuple(
            Grade(int(g["rank"]), str(g["label"]), tuple(g.get("variants") or [g["label"]]))
            for g in (raw.get("grade_scale") or {}).get("grades", [])
        )
        lines = tuple(_line(item) for item in raw["lines_of_enquiry"])
        crosswalk: dict[str, tuple[str, ...]] = {}
        for key, value in (raw.get("crosswalk") or {}).items():
            targets = value if isinstance(value, list) else [value]
            crosswalk[str(key)] = tuple(str(t) for t in targets if t)
        in_force = raw.get("in_force") or {}
        framework = Framework(
            id=str(raw["id"]),
            name=str(raw["name"]),
            grade_scale=grades,
            lines=lines,
            crosswalk={k: v[0] for k, v in crosswalk.items() if v},
            crosswalk_all=crosswalk,
            notes=" ".join(str(raw.get("notes") or "").split()),
            key=path.stem,
            family=str(raw.get("family") or raw["id"]),
            version=str(raw.get("version") or ""),
            in_force_from=_as_date(in_force.get("from")),
            in_force_to=_as_date(in_force.get("to"), end=True),
            judged_areas=tuple(str(a) for a in raw.get("judged_areas") or ()),
            also_graded=tuple(str(a) for a in raw.get("also_graded") or ()),
            not_verified=tuple(" ".join(str(n).split()) for n in raw.get("not_verified") or ()),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{path}: malformed framework file ({exc})") from exc
    _check(framework, path)
    return framework


def _line(item: dict) -> LineOfEnquiry:
    in_force = item.get("in_force") or {}
    return LineOfEnquiry(
        id=str(item["id"]),
        title=str(item["title"]),
        slug=str(item.get("slug") or item["id"].split(".")[-1].replace("_", "-")),
        parent=item.get("parent"),
        description=str(item.get("description", "")).strip(),
        cues=tuple(str(c).lower() for c in item.get("cues", [])),
        graded=bool(item.get("graded", True)),
        area=str(item["area"]) if item.get("area") else None,
        in_force_from=_as_date(in_force.get("from")),
        in_force_to=_as_date(in_force.get("to"), end=True),
    )


# the evidence store keeps framework ids and line ids in bounded columns (PostgreSQL enforces them)
MAX_FRAMEWORK_ID = 32
MAX_LINE_ID = 64


def _check(framework: Framework, path: Path) -> None:
    if len(framework.id) > MAX_FRAMEWORK_ID:
        raise ValueError(f"{path}: framework id {framework.id!r} is longer than {MAX_FRAMEWORK_ID} characters")
    ids = [line.id for line in framework.lines]
    too_long = [i for i in ids if len(i) > MAX_LINE_ID]
    if too_long:
        raise ValueError(f"{path}: line ids longer than {MAX_LINE_ID} characters: {', '.join(too_long)}")
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise ValueError(f"{path}: line ids written twice: {', '.join(duplicated)}")
    orphans = [line.id for line in framework.lines if line.parent and line.parent not in ids]
    if orphans:
        raise ValueError(f"{path}: lines whose parent is not in the file: {', '.join(orphans)}")
    areas = area_titles()
    unknown = [a for a in framework.judged_areas if a not in areas] + [
        line.area for line in framework.lines if line.area and line.area not in areas]
    if unknown:
        raise ValueError(f"{path}: unknown judged areas {', '.join(unknown)}; known: {', '.join(areas)}")


def _as_date(value: object, end: bool = False) -> date | None:
    """A date from a YAML date, "YYYY-MM-DD", "YYYY-MM" or "YYYY"; a partial `end` date is the period's
    last day."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    text = str(value)
    parts = text.split("-")
    try:
        if len(parts) == 3:
            return date.fromisoformat(text)
        year = int(parts[0])
        if len(parts) == 2:
            month = int(parts[1])
            if not end:
                return date(year, month, 1)
            following = date(year + (month == 12), month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        if len(parts) == 1:
            return date(year, 12, 31) if end else date(year, 1, 1)
    except ValueError:
        pass
    raise ValueError(f"not a date: {value!r} (use YYYY-MM-DD, YYYY-MM or YYYY)")


# ------------------------------------------------------------------------------------ vocabulary
@dataclass(frozen=True)
class Vocabulary:
    """The shared line-of-enquiry vocabulary (data/vocabulary.yaml)."""

    lines: dict[str, dict[str, float]]  # reference top-level line id -> phrase -> weight
    blockers: tuple[str, ...]  # phrases that contain a cue but must not count
    judgement_areas: dict[str, tuple[str, ...]]  # judged-area key -> words naming it near a grade
    defaults: dict[str, str]  # "generic_practice" / "internal_workings" -> reference line id


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    raw = load_yaml(DATA_DIR / "vocabulary.yaml")
    return Vocabulary(
        lines={str(line): {str(k): float(v) for k, v in words.items()} for line, words in raw["lines"].items()},
        blockers=tuple(str(b) for b in raw["blockers"]),
        judgement_areas={str(a): tuple(str(c) for c in cues) for a, cues in raw["judgement_areas"].items()},
        defaults={str(k): str(v) for k, v in raw["defaults"].items()},
    )
