"""A lead's edits to a pack, kept in `pack.yaml` so they survive re-runs.

```yaml
pin: ["3f2a9c1b0d4e/4.1"]            # always in the pack, whatever the limits, where the ordering puts it
exclude: ["3f2a9c1b0d4e/#17"]        # never in the pack
move: {"3f2a9c1b0d4e/5.2": care-leavers}   # to another line of enquiry (id, slug or section number)
signpost: {"3f2a9c1b0d4e/4.1": "Outcome: fewer children placed far from home, 2025"}
position: {"3f2a9c1b0d4e/4.1": 1}    # this place in its section (1 = first) instead of the ordering's
limits: {items_per_area: 12, per_document: 4, process_per_area: 4, include_context: false}
public_kinds: [inspection report, committee report]   # copied as source files, not extracts
```

An item named under `pin`, `move`, `signpost` or `position` is kept whatever the limits (the lead
asked for it); `exclude` wins over all of them. Every other item is placed by the ordering rules.

Item keys are printed next to every item in the index and carried by `readiness export --what
passages` for every passage in the store. A key is the first 12 characters of the document's
sha256, a slash, then the paragraph label as printed (`4.1`, `A9`) or `#` and the passage's
position in the document when the label is missing or repeated. A shorter sha prefix (at least 6
characters) also matches when it is unambiguous.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from core.model import sha256_file


DEFAULT_PUBLIC_KINDS = ("inspection report", "committee report")


@dataclass
class Curation:
    pin: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    move: dict[str, str] = field(default_factory=dict)
    signpost: dict[str, str] = field(default_factory=dict)
    position: dict[str, int] = field(default_factory=dict)
    limits: dict[str, object] = field(default_factory=dict)
    public_kinds: tuple[str, ...] = DEFAULT_PUBLIC_KINDS
    source: str | None = None  # the file it came from
    sha256: str | None = None

    def keys(self) -> list[str]:
        seen: dict[str, None] = {}
        for key in [*self.pin, *self.exclude, *self.move, *self.signpost, *self.position]:
            seen.setdefault(key, None)
        return list(seen)


class CurationError(ValueError):
    pass


def _key(value: object) -> str:
    return str(value).strip()


def parse_curation(raw: object, source: str | None = None) -> Curation:
    if raw is None:
        return Curation(source=source)
    if not isinstance(raw, dict):
        raise CurationError(f"{source or 'curation'}: expected a mapping (pin, exclude, move, signpost)")
    unknown = set(raw) - {"pin", "exclude", "move", "signpost", "position", "limits", "public_kinds"}
    if unknown:
        raise CurationError(f"{source or 'curation'}: unknown entries: {', '.join(sorted(map(str, unknown)))}")

    def as_list(name: str) -> list[str]:
        value = raw.get(name) or []
        if isinstance(value, (str, int, float)):
            value = [value]
        if not isinstance(value, list):
            raise CurationError(f"{source or 'curation'}: {name} should be a list of item keys")
        return [_key(v) for v in value if v is not None]

    def as_map(name: str) -> dict[str, str]:
        value = raw.get(name) or {}
        if not isinstance(value, dict):
            raise CurationError(f"{source or 'curation'}: {name} should map item keys to values")
        return {_key(k): str(v).strip() for k, v in value.items() if v is not None}

    position: dict[str, int] = {}
    for key, value in as_map("position").items():
        if not value.isdigit() or int(value) < 1:
            raise CurationError(f"{source or 'curation'}: position of {key} should be a whole number from 1 (first in its section), not {value!r}")
        position[key] = int(value)

    limits = raw.get("limits") or {}
    if not isinstance(limits, dict):
        raise CurationError(f"{source or 'curation'}: limits should be a mapping")
    public = raw.get("public_kinds")
    return Curation(
        pin=as_list("pin"),
        exclude=as_list("exclude"),
        move=as_map("move"),
        signpost=as_map("signpost"),
        position=position,
        limits=dict(limits),
        public_kinds=tuple(str(k).strip().lower() for k in public) if public else DEFAULT_PUBLIC_KINDS,
        source=source,
    )


def load_curation(path: Path | None) -> Curation:
    """Read `pack.yaml`; a missing file is an empty curation, a malformed one an error."""
    if path is None or not Path(path).exists():
        return Curation(source=str(path) if path else None)
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CurationError(f"{path}: not valid YAML ({exc})") from exc
    curation = parse_curation(raw, str(path))
    curation.sha256 = sha256_file(path)
    return curation


def default_curation_path(out_dir: Path) -> Path:
    return Path(out_dir).resolve().parent / "pack.yaml"


def curation_in_use(out_dir: Path, given: Path | str | None = None) -> Path | None:
    """The pack.yaml a build of `out_dir` will read: the one given, else the one beside the pack
    when it exists. A run's "has anything changed?" check must hash this same file."""
    if given:
        return Path(given)
    default = default_curation_path(out_dir)
    return default if default.is_file() else None
