"""The passages either side of each labelled passage in its document, so cross-validation can score
the tagger's reading of a passage beside its neighbours (`neighbour_weight`, tagging/textcat.py) as
it runs in production, where every passage of a document is tagged in order.

    python -m tagging.neighbours ../shared      # writes tagging/gold/neighbours.jsonl
    neighbours = load_neighbours()              # {passage id: Neighbours(previous, next)}

Where the labelled set holds a whole stretch of a document (the council papers, labelled paragraph
by paragraph, and the development sets), a passage's neighbours are the labelled rows either side
of it (ids `doc#n-1` and `doc#n+1`). A report of `corpus/` whose passages were sampled a few at a
time is extracted again and each passage found by its text; one not found gets no neighbours, as a
passage tagged on its own has none.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from tagging.labelled import GOLD_DIR

NEIGHBOURS_PATH = GOLD_DIR / "neighbours.jsonl"
_NUMBERED_ID = re.compile(r"^(?P<doc>.*)#(?P<n>\d+)$")


@dataclass(frozen=True)
class Neighbours:
    previous: str | None
    next: str | None


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


def build_neighbours(labelled_files: Iterable[Path], shared: Path) -> dict[str, Neighbours]:
    from extractors import extract

    raws = [json.loads(line) for path in labelled_files for line in open(path, encoding="utf-8") if line.strip()]
    by_id = {raw["id"]: raw for raw in raws}
    found: dict[str, Neighbours] = {}
    by_file: dict[Path, list[dict]] = {}
    for raw in raws:
        match = _NUMBERED_ID.match(raw["id"])
        if match:
            n = int(match.group("n"))
            before = by_id.get(f"{match.group('doc')}#{n - 1}")
            after = by_id.get(f"{match.group('doc')}#{n + 1}")
            if before or after:
                found[raw["id"]] = Neighbours(before and before["text"], after and after["text"])
                continue
        path = _source_file(raw, shared)
        if path is not None and path.exists():
            by_file.setdefault(path, []).append(raw)
    for path, wanted in sorted(by_file.items()):
        texts = [_normal(p.text) for p in extract(path).passages if p.text.strip()]
        position = {}
        for i, text in enumerate(texts):
            position.setdefault(text, i)
        for raw in wanted:
            i = position.get(_normal(raw["text"]))
            if i is not None:
                found[raw["id"]] = Neighbours(texts[i - 1] if i > 0 else None,
                                              texts[i + 1] if i + 1 < len(texts) else None)
    return found


def write_neighbours(neighbours: dict[str, Neighbours], path: Path = NEIGHBOURS_PATH) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for passage_id in sorted(neighbours):
            pair = neighbours[passage_id]
            handle.write(json.dumps({"id": passage_id, "previous": pair.previous, "next": pair.next},
                                    ensure_ascii=False) + "\n")


def load_neighbours(path: Path = NEIGHBOURS_PATH) -> dict[str, Neighbours]:
    if not path.exists():
        return {}
    out = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            raw = json.loads(line)
            out[raw["id"]] = Neighbours(raw.get("previous"), raw.get("next"))
    return out


if __name__ == "__main__":
    from tagging.labelled import default_paths

    shared = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared")
    files = default_paths()
    neighbours = build_neighbours(files, shared)
    write_neighbours(neighbours)
    total = sum(1 for path in files for line in open(path, encoding="utf-8") if line.strip())
    print(f"{len(neighbours)} of {total} labelled passages have neighbours -> {NEIGHBOURS_PATH}")
