"""Labelled passages with their council, document kind and framework, for training and evaluation.

    rows = load_labelled()                       # the bundled unseen-councils set, plus the shared
                                                 # dev sets when ../shared is present
    rows = read_labelled([Path("dev.jsonl")])    # any files in the guidelines' format

The bundled set (`tagging/gold/unseen-councils.jsonl`) names each passage's council and kind; the
older development sets do not, so both are read from the document name
("017_cumberland-2024-ilacs-inspection" -> Cumberland, ILACS standard, 2024). Councils that one
reorganisation made from another (Cumbria -> Cumberland and Westmorland and Furness) share a
`group`, so leave-one-council-out never trains on a predecessor or successor of the council it
tests on.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from frameworks.yamlfile import load_yaml

GOLD_DIR = Path(__file__).parent / "gold"
BUNDLED = GOLD_DIR / "unseen-councils.jsonl"
# passages labelled for has_data alone (tagging/gold/README.md): the has_data classifier learns from
# them too, except the batches kept back to check the shipped tagger on passages it has never seen
HAS_DATA_CHECKS = GOLD_DIR / "has_data-checks"
HELD_OUT_CHECKS = ("batch-27.jsonl", "batch-28.jsonl", "batch-29.jsonl")
LABELS = ("loe", "role", "polarity", "has_data")
SHARED_EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
SHARED_SETS = ("dev.jsonl", "dev-reports.jsonl")

# document kinds, their names and frameworks: data (tagging/data/labelled.yaml)
_DATA = load_yaml(Path(__file__).with_name("data") / "labelled.yaml")
KIND_NAMES: dict[str, str] = {kind: str(entry["name"]) for kind, entry in _DATA["kinds"].items()}
FRAMEWORK_NAMES: dict[str, str] = {str(k): str(v) for k, v in _DATA["framework_names"].items()}
_KIND_FROM_NAME = tuple((re.compile(entry["pattern"]), str(entry["kind"])) for entry in _DATA["kind_from_name"])


def _periods(entries: list[dict]) -> tuple[tuple[int, str], ...]:
    return tuple(sorted((int(e["from"]), str(e["framework"])) for e in entries))


_KIND_FRAMEWORKS = {kind: _periods(entry["frameworks"]) for kind, entry in _DATA["kinds"].items()
                    if entry.get("frameworks")}
_BY_YEAR = _periods(_DATA["by_year"])

# successor councils grouped with their predecessors (and with each other)
_GROUPS = {
    "cumbria": "cumbria", "cumberland": "cumbria", "westmorland and furness": "cumbria",
    "northamptonshire": "northamptonshire", "north northamptonshire": "northamptonshire",
    "west northamptonshire": "northamptonshire",
    "bedfordshire": "bedfordshire", "bedford": "bedfordshire", "central bedfordshire": "bedfordshire",
    "cheshire": "cheshire", "cheshire east": "cheshire", "cheshire west and chester": "cheshire",
    "dorset": "dorset", "bournemouth christchurch and poole": "dorset", "bournemouth": "dorset", "poole": "dorset",
    "north yorkshire": "north yorkshire", "somerset": "somerset", "buckinghamshire": "buckinghamshire",
    # one council under two names (Ofsted's "London Corporation", the council's own "City of London")
    "london corporation": "city of london", "city of london corporation": "city of london",
}
_COUNCIL_WORDS = re.compile(
    r"\b(?:london borough of|royal borough of|metropolitan borough council|borough council|county council|"
    r"city council|district council|council|city of (?!london\b))\s*", re.IGNORECASE)


@dataclass(frozen=True)
class LabelledPassage:
    """One passage with its four labels (guidelines) and where it comes from."""

    id: str
    doc: str
    text: str
    loe: tuple[str, ...]
    role: str
    polarity: str
    has_data: bool
    council: str  # as printed, normalised ("Cheshire East")
    group: str  # the council's reorganisation group: the unit held out together
    kind: str  # council-paper | sif | ilacs-standard | ilacs-short | lac | letter | ofsted-report
    year: int | None
    source: str  # the labelled file it came from
    labelled: tuple[str, ...] = LABELS  # the labels it was given (has_data alone in the check batches)

    @property
    def fully_labelled(self) -> bool:
        return self.labelled == LABELS

    @property
    def framework(self) -> str:
        return framework_of(self.kind, self.year)

    @property
    def kind_name(self) -> str:
        return KIND_NAMES.get(self.kind, self.kind)

    def labels(self) -> dict:
        """The four labels in the form `tagging.evaluate.score` compares."""
        return {"loe": list(self.loe), "role": self.role, "polarity": self.polarity, "has_data": self.has_data}


def council_key(name: str) -> str:
    """'Halton Borough Council' and 'Halton' -> 'halton'; 'Stoke-on-Trent City Council' -> 'stoke on trent'."""
    text = _COUNCIL_WORDS.sub("", name.replace("&", " and ").replace("-", " ").replace("_", " "))
    return " ".join(text.lower().replace(",", " ").split())


def group_of(council: str) -> str:
    key = council_key(council)
    return _GROUPS.get(key, key)


def framework_of(kind: str, year: int | None) -> str:
    """The inspection framework in force for a document of this kind and year (framework ids of
    frameworks/): an inspection report by its kind's frameworks, council papers and letters by the
    framework of their year (tagging/data/labelled.yaml)."""
    periods = _KIND_FRAMEWORKS.get(kind)
    if periods and year is None:
        return periods[-1][1]
    if year is None:
        return "unknown"
    return [framework for start, framework in periods or _BY_YEAR if start <= year][-1]


def _from_name(doc: str) -> tuple[str, str, int | None]:
    """Council, kind and year from a development document name."""
    name = re.sub(r"^\d+_", "", doc)
    year_match = re.search(r"-((?:19|20)\d\d)(?:-|$)", name)
    year = int(year_match.group(1)) if year_match else None
    council = name[: year_match.start()] if year_match else name.split("-")[0]
    council = " ".join(part.capitalize() if part not in {"and", "of", "upon", "on"} else part
                       for part in council.replace("-", " ").split())
    rest = name[year_match.end():] if year_match else name
    kind = next((k for pattern, k in _KIND_FROM_NAME if pattern.search(rest)), "council-paper")
    return council, kind, year


# "80562-stockport-children-s-services-inspection---18-may-2022": an Ofsted report's file name
_REPORT_NAME = re.compile(r"^\d+-(?P<council>.+?)-(?:children-s-services|single-inspection|inspection|ilacs|joint)")


def labels_given(raw: dict) -> tuple[str, ...]:
    """The labels a labelled row carries: all four, or has_data alone (a check batch has no role)."""
    return LABELS if "role" in raw else ("has_data",)


def _row(raw: dict, source: str) -> LabelledPassage:
    council, kind, year = _from_name(raw.get("doc", ""))
    report = _REPORT_NAME.match(raw.get("doc", ""))
    if report and not raw.get("council"):
        council = report.group("council").replace("-", " ").title()
        kind = "ofsted-report"  # of some framework the name does not say
    if raw.get("council"):
        council = raw["council"]
    if raw.get("kind"):
        kind = {"other": "letter"}.get(raw["kind"], raw["kind"])
    year = raw.get("year") or year
    return LabelledPassage(
        id=str(raw.get("id", "")), doc=str(raw.get("doc", "")), text=raw.get("text") or "",
        loe=tuple(raw.get("loe") or ()), role=raw.get("role", "context"), polarity=raw.get("polarity", "neutral"),
        has_data=bool(raw.get("has_data")), council=_COUNCIL_WORDS.sub("", council).strip() or council,
        group=group_of(council), kind=kind, year=int(year) if year else None, source=source,
        labelled=labels_given(raw),
    )


def read_labelled(paths: Iterable[Path]) -> list[LabelledPassage]:
    rows: list[LabelledPassage] = []
    for path in paths:
        path = Path(path)
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    rows.append(_row(json.loads(line), path.name))
    return rows


def default_paths(shared: Path | None = SHARED_EVAL) -> list[Path]:
    """The bundled set, plus the shared development sets when they are present."""
    paths = [BUNDLED]
    if shared is not None:
        paths += [shared / name for name in SHARED_SETS if (shared / name).exists()]
    return paths


def has_data_training_paths(folder: Path = HAS_DATA_CHECKS) -> list[Path]:
    """The check batches labelled for has_data alone that training may use (not the held-out ones)."""
    return sorted(p for p in folder.glob("batch-[0-9][0-9].jsonl") if p.name not in HELD_OUT_CHECKS)


def load_labelled(paths: Sequence[Path] | None = None) -> list[LabelledPassage]:
    return read_labelled(paths or default_paths())
