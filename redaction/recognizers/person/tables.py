"""Names and dates of birth in table rows ("Kelly Smith | Mother | 14/02/1990", tab or |).

A row with a relation cell makes its name cells family and its dates dates of birth; a header
row with a "Name" column makes that column family names in the rows below it.
"""

from __future__ import annotations

import re

from redaction.shapes import DATE_RE, FULL_NAME_RE
from redaction.vocabulary import vocabulary

from .mentions import Mentions, is_blocked
from .rules import patterns

_OTHER_HEADER_CELLS = {"relationship", "relation", "role", "age", "address", "gender", "ethnicity", "school",
                       "contact", "phone", "telephone", "nhs number"}


def _cells(line: str, start: int) -> list[tuple[int, int, str]]:
    cells = []
    for cm in re.finditer(r"[^|\t\r\n]+", line):
        raw = cm.group(0)
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if body:
            cells.append((start + cm.start() + lead, start + cm.start() + lead + len(body), body))
    return cells


class TableReader:
    """Reads the table rows of a document's passages in order; a header applies to later rows."""

    def __init__(self) -> None:
        self.header: tuple[list[bool], list[bool]] | None = None  # (name columns, DOB columns)

    def read(self, mentions: Mentions, p: int) -> None:
        v = vocabulary()
        header_any = v.header_name_cells | v.header_dob_cells | _OTHER_HEADER_CELLS
        text = mentions.texts[p]
        pos = 0
        for line in text.splitlines(keepends=True):
            start = pos
            pos += len(line)
            if "|" not in line and "\t" not in line:
                if line.strip():
                    self.header = None
                continue
            cells = _cells(line, start)
            if not cells:
                continue
            lows = [re.sub(r"\s+", " ", c[2].lower().strip(" :")) for c in cells]
            if any(low in v.header_name_cells for low in lows) and not any(
                    FULL_NAME_RE.fullmatch(c[2]) and low not in header_any for c, low in zip(cells, lows)):
                self.header = [low in v.header_name_cells for low in lows], [low in v.header_dob_cells for low in lows]
                continue
            self._row(mentions, p, cells, lows)

    def _row(self, mentions: Mentions, p: int, cells: list[tuple[int, int, str]], lows: list[str]) -> None:
        rel = None
        for low in lows:
            if patterns().adult_cell.fullmatch(low):
                rel = "ADULT"
            elif patterns().child_cell.fullmatch(low):
                rel = rel or "CHILD"
        name_cols = dob_cols = None
        if self.header and len(self.header[0]) == len(cells):
            name_cols, dob_cols = self.header
        found = False
        for i, (cs, ce, body) in enumerate(cells):
            is_name = FULL_NAME_RE.fullmatch(body) and not is_blocked(body.split()[0])
            if is_name and (rel or (name_cols and name_cols[i])):
                mentions.add(p, cs, ce, {rel: 3} if rel else {"CHILD": 1}, "rule")
                found = True
        if found or (dob_cols and any(dob_cols)):
            for i, (cs, ce, body) in enumerate(cells):
                if DATE_RE.fullmatch(body) and (found or (dob_cols and dob_cols[i])):
                    mentions.add_date_of_birth(p, cs, ce)
