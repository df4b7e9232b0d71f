"""Where each labelled passage sits in its document: the passages either side and the heading it is
under, so cross-validation scores the tagger on what it is given in production, where every passage
of a document is tagged in order with the extractor's heading path and passage kind (a heading, a
list item, a table row, a paragraph). The neighbours' reading is `neighbour_weight`
(tagging/textcat.py); the rules and the classifiers both read the heading (an item under "What
needs to improve?" is a recommendation however it is worded).

    python -m tagging.neighbours ../shared      # writes tagging/gold/neighbours.jsonl
    neighbours = load_neighbours()              # {passage id: Neighbours(previous, next, place, ...)}

Where the labelled set holds a whole stretch of a document (the council papers, labelled paragraph
by paragraph, and the development sets), a passage's neighbours are the labelled rows either side
of it (ids `doc#n-1` and `doc#n+1`). A passage whose document is a file of `corpus/` is found in the
extractor's output by its text, which gives its heading path and kind (and its neighbours, when the
rows either side were not labelled). A passage not found gets no neighbours and no heading, as a
passage tagged on its own has none; the council papers labelled from web pages have no file, so no
heading.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from tagging.labelled import GOLD_DIR

NEIGHBOURS_PATH = GOLD_DIR / "neighbours.jsonl"
_NUMBERED_ID = re.compile(r"^(?P<doc>.*)#(?P<n>\d+)$")


@dataclass(frozen=True)
class Place:
    """What the extractor said of a passage: the heading path it is under and its kind."""
    heading_path: tuple[str, ...] = ()
    kind: str | None = None

    def hints(self) -> dict:
        """As the tagger's passage hints (tagging/__init__.py, Tagger.tag)."""
        return {"heading_path": self.heading_path, **({"kind": self.kind} if self.kind else {})}

    def to_json(self) -> dict | None:
        return {"heading_path": list(self.heading_path), "kind": self.kind} if self.kind else None

    @classmethod
    def from_json(cls, raw: dict | None) -> "Place | None":
        return cls(tuple(raw.get("heading_path") or ()), raw.get("kind")) if raw else None


@dataclass(frozen=True)
class Neighbours:
    previous: str | None
    next: str | None
    place: Place | None = None  # the passage's own heading and kind, when its file was extracted
    previous_place: Place | None = None
    next_place: Place | None = None


def _normal(text: str) -> str:
    return " ".join(text.split())


def _source_file(raw: dict, shared: Path) -> Path | None:
    """The local file a labelled passage was extracted from, when there is one."""
    source = raw.get("source") or ""
    if source.startswith("corpus/"):
        return shared / source
    doc = raw.get("doc", "")
    for folder, suffix in (("corpus/real", ".pdf"), ("corpus/seeds", ".pdf")):
        path = shared / folder / f"{doc}{suffix}"
        if path.exists():
            return path
    return None


def _place(passage) -> Place:
    kind = passage.kind
    return Place(tuple(passage.heading_path or ()), str(getattr(kind, "value", kind)))


def build_neighbours(labelled_files: Iterable[Path], shared: Path) -> dict[str, Neighbours]:
    from extractors import extract

    raws = [json.loads(line) for path in labelled_files for line in open(path, encoding="utf-8") if line.strip()]
    by_id = {raw["id"]: raw for raw in raws}
    by_file: dict[Path, list[dict]] = {}
    for raw in raws:
        path = _source_file(raw, shared)
        if path is not None and path.exists():
            by_file.setdefault(path, []).append(raw)
    from_file: dict[str, Neighbours] = {}  # found in the extracted file
    for path, wanted in sorted(by_file.items()):
        passages = [p for p in extract(path).passages if p.text.strip()]
        texts = [_normal(p.text) for p in passages]
        position: dict[str, int] = {}
        for i, text in enumerate(texts):
            position.setdefault(text, i)
        for raw in wanted:
            i = position.get(_normal(raw["text"]))
            if i is None:
                continue
            before = i - 1 if i > 0 else None
            after = i + 1 if i + 1 < len(texts) else None
            from_file[raw["id"]] = Neighbours(
                texts[before] if before is not None else None, texts[after] if after is not None else None,
                _place(passages[i]), _place(passages[before]) if before is not None else None,
                _place(passages[after]) if after is not None else None)

    def place(passage_id: str) -> Place | None:
        return from_file[passage_id].place if passage_id in from_file else None

    found: dict[str, Neighbours] = {}
    for raw in raws:
        match = _NUMBERED_ID.match(raw["id"])
        if match:
            n = int(match.group("n"))
            before = by_id.get(f"{match.group('doc')}#{n - 1}")
            after = by_id.get(f"{match.group('doc')}#{n + 1}")
            if before or after:  # the labelled rows either side
                found[raw["id"]] = Neighbours(
                    before and before["text"], after and after["text"], place(raw["id"]),
                    before and place(before["id"]), after and place(after["id"]))
                continue
        if raw["id"] in from_file:
            found[raw["id"]] = from_file[raw["id"]]
    return found


def write_neighbours(neighbours: dict[str, Neighbours], path: Path = NEIGHBOURS_PATH) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for passage_id in sorted(neighbours):
            pair = neighbours[passage_id]
            line = {"id": passage_id, "previous": pair.previous, "next": pair.next}
            for key, place in (("place", pair.place), ("previous_place", pair.previous_place),
                               ("next_place", pair.next_place)):
                if place is not None and (saved := place.to_json()):
                    line[key] = saved
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")


@lru_cache(maxsize=1)
def _shipped() -> dict[str, Neighbours]:
    return load_neighbours()


def place_of(passage_id: str) -> Place | None:
    """A labelled passage's heading and kind, when its file was extracted (neighbours.jsonl)."""
    found = _shipped().get(passage_id)
    return found.place if found else None


def load_neighbours(path: Path = NEIGHBOURS_PATH) -> dict[str, Neighbours]:
    if not path.exists():
        return {}
    out = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            raw = json.loads(line)
            out[raw["id"]] = Neighbours(raw.get("previous"), raw.get("next"), Place.from_json(raw.get("place")),
                                        Place.from_json(raw.get("previous_place")),
                                        Place.from_json(raw.get("next_place")))
    return out


if __name__ == "__main__":
    from tagging.labelled import default_paths

    shared = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared")
    files = default_paths()
    neighbours = build_neighbours(files, shared)
    write_neighbours(neighbours)
    total = sum(1 for path in files for line in open(path, encoding="utf-8") if line.strip())
    print(f"{len(neighbours)} of {total} labelled passages have neighbours -> {NEIGHBOURS_PATH}")
