"""Which spreadsheet column holds what. Defaults recognise common headers; a YAML file can say
exactly. Example (every key optional):

    sheet: Audits 2025            # default: the first sheet with a recognisable header row
    header_row: 2                 # default: found by looking for known headers in the first 25 rows
    columns:
      case_ref: Case ID
      date: Date of audit
      team: [Locality, Team]      # several: the first one present
      auditor: Auditor
      grade: Overall judgement
      findings: [Strengths, Areas for development]   # several: joined
      actions: Actions agreed
    themes:                       # score columns: header -> theme name (default: found by values)
      Recording: recording
      Voice of the child: voice of the child
    grade_numbers: 1=outstanding  # how an overall grade written as a number reads (Ofsted order)
    theme_numbers: auto           # auto (decided from how scores move with the overall grade),
                                  # 1=outstanding or 4=outstanding
    date_order: dmy               # dmy (UK) or mdy, for dates like 03/04/25
    grade_values: {Green: good, Amber: requires improvement, Red: inadequate}
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

FIELDS = ("case_ref", "date", "team", "auditor", "grade", "findings", "actions")
REQUIRED = ("case_ref", "date", "grade")

SYNONYMS: dict[str, list[str]] = {
    "case_ref": ["case ref", "case reference", "case id", "case number", "case no", "child id", "child ref",
                 "child reference", "person id", "client id", "lcs id", "mosaic id", "eclipse id", "liquidlogic id",
                 "ics id", "child number", "case", "reference", "ref", "id"],
    "date": ["audit date", "date of audit", "date audited", "date completed", "audit completed", "completed on",
             "date"],
    "team": ["team", "locality", "team or locality", "service", "service area", "area", "unit", "team name"],
    "auditor": ["auditor", "audited by", "auditor name", "reviewer", "completed by", "moderator"],
    "grade": ["overall grade", "overall judgement", "overall judgment", "overall rating", "audit grade", "grade",
              "judgement", "judgment", "rating", "overall", "overall outcome"],
    "findings": ["findings", "key findings", "key finding", "finding", "main findings", "main finding", "audit findings",
                 "audit finding", "comments", "auditor comments", "auditor s comments", "summary", "summary of findings",
                 "strengths and areas for development", "what is working well", "what s working well", "working well",
                 "learning", "key learning", "learning points", "lessons learned", "narrative", "strengths", "strength",
                 "areas for development", "area for development", "areas of development", "areas for improvement",
                 "area for improvement", "what needs to improve", "even better if", "worries", "what are we worried about"],
    "actions": ["actions", "action", "actions required", "actions agreed", "recommended actions", "next steps",
                "recommendations", "action plan"],
}


def norm_header(text: object) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", str(text or "").lower()).split())


@dataclass
class Mapping:
    columns: dict[str, list[str]] = field(default_factory=dict)  # field -> headers (as the file says)
    themes: dict[str, str] = field(default_factory=dict)  # header -> theme name
    sheet: str | None = None
    header_row: int | None = None
    grade_numbers: str = "1=outstanding"
    theme_numbers: str = "auto"
    date_order: str = "dmy"
    grade_values: dict[str, str] = field(default_factory=dict)
    source: str = "default synonyms"

    @classmethod
    def load(cls, path: str | Path | None) -> "Mapping":
        if not path:
            return cls()
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        if not isinstance(raw, dict):
            raise ValueError(f"{path}: expected a mapping (see audits/mapping.py for the format)")
        unknown = set(raw) - {"columns", "themes", "sheet", "header_row", "grade_numbers", "theme_numbers", "date_order", "grade_values"}
        if unknown:
            raise ValueError(f"{path}: unknown keys {', '.join(sorted(unknown))}")
        columns: dict[str, list[str]] = {}
        for key, value in (raw.get("columns") or {}).items():
            if key not in FIELDS:
                raise ValueError(f"{path}: unknown column field {key!r}; expected one of {', '.join(FIELDS)}")
            columns[key] = [str(v) for v in (value if isinstance(value, list) else [value])]
        themes = raw.get("themes") or {}
        if isinstance(themes, list):
            themes = {str(h): str(h) for h in themes}
        mapping = cls(
            columns=columns,
            themes={str(k): str(v) for k, v in themes.items()},
            sheet=raw.get("sheet"),
            header_row=raw.get("header_row"),
            grade_numbers=str(raw.get("grade_numbers", "1=outstanding")).replace(" ", ""),
            theme_numbers=str(raw.get("theme_numbers", "auto")).replace(" ", ""),
            date_order=str(raw.get("date_order", "dmy")).lower(),
            grade_values={str(k): str(v).lower() for k, v in (raw.get("grade_values") or {}).items()},
            source=str(path),
        )
        for name, value in (("grade_numbers", mapping.grade_numbers), ("theme_numbers", mapping.theme_numbers)):
            if value not in ("1=outstanding", "4=outstanding", "auto") or (name == "grade_numbers" and value == "auto"):
                raise ValueError(f"{path}: {name} must be 1=outstanding or 4=outstanding" + (" or auto" if name == "theme_numbers" else ""))
        if mapping.date_order not in ("dmy", "mdy"):
            raise ValueError(f"{path}: date_order must be dmy or mdy")
        return mapping

    def header_score(self, cells: list[object]) -> int:
        """How many cells of a row look like headers this mapping knows."""
        wanted = {norm_header(h) for hs in self.columns.values() for h in hs} | {norm_header(h) for h in self.themes}
        wanted |= {s for syns in SYNONYMS.values() for s in syns}
        return sum(1 for c in cells if isinstance(c, str) and norm_header(c) in wanted)

    def assign(self, headers: list[object]) -> tuple[dict[str, list[int]], dict[int, str], list[str]]:
        """field -> column indexes; column index -> theme (explicit themes only); problems."""
        normed = [norm_header(h) for h in headers]
        taken: set[int] = set()
        result: dict[str, list[int]] = {}
        problems: list[str] = []
        for name, wanted in self.columns.items():
            indexes = [normed.index(norm_header(w)) for w in wanted if norm_header(w) in normed]
            if not indexes:
                problems.append(f"mapping names {name} column {' or '.join(repr(w) for w in wanted)}, not in the header row")
                continue
            if name not in ("findings",):
                indexes = indexes[:1]
            result[name] = indexes
            taken.update(indexes)
        themes: dict[int, str] = {}
        for header, theme in self.themes.items():
            if norm_header(header) in normed:
                index = normed.index(norm_header(header))
                themes[index] = theme
                taken.add(index)
            else:
                problems.append(f"mapping names theme column {header!r}, not in the header row")
        # Defaults: exact synonym first (in synonym order), then a header that contains a longer synonym.
        # Findings are often several columns ("Strengths", "Areas for development", "Key finding"):
        # every column whose header is a findings heading is joined.
        if "findings" not in result and "findings" not in self.columns:
            several = [i for i, h in enumerate(normed) if i not in taken and h in SYNONYMS["findings"]]
            if len(several) > 1:
                result["findings"] = several
                taken.update(several)
        for name in FIELDS:
            if name in result or name in self.columns:
                continue
            for exact in (True, False):
                found = None
                for synonym in SYNONYMS[name]:
                    for i, h in enumerate(normed):
                        if i in taken or not h:
                            continue
                        if (h == synonym) if exact else (len(synonym) > 4 and re.search(rf"\b{re.escape(synonym)}\b", h)):
                            found = i
                            break
                    if found is not None:
                        break
                if found is not None:
                    result[name] = [found]
                    taken.add(found)
                    break
        return result, themes, problems
