"""Actions from action plans: each row of an action table (or numbered action under an "Actions"
heading of an action plan) with its owner, due date, status and the plan's own note of progress.

An action table is recognised by its header row: a column of actions ("Action", "What we will
do") and at least one of owner ("Owner", "Lead", "Responsible officer"), due date ("Due date", "By
when", "Timescale") or status ("Status", "RAG"). Rows broken across a page carry on the row above.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.model import ActionFact, InspectionRef, Passage, Provenance
from facts.text import normal

HEADERS: dict[str, re.Pattern[str]] = {
    "id": re.compile(r"^(?:id|ref\.?|reference|no\.?|number|#|action (?:no\.?|ref\.?|id|number))$", re.I),
    "action": re.compile(r"^(?:actions?|what (?:we will|will we) do|actions? (?:required|to be taken|agreed)|improvement actions?|activity|task|"
                         r"recommendations? and actions?|what needs to happen)\b", re.I),
    "owner": re.compile(r"\b(?:owner|lead(?: officer)?|responsib\w*|by whom|accountable|who)\b", re.I),
    "due": re.compile(r"\b(?:due(?: date)?|by when|deadline|timescales?|target date|completion date|when|date)\b", re.I),
    "status": re.compile(r"\b(?:status|rag|rating)\b", re.I),
    "progress": re.compile(r"\b(?:evidence|progress|update|commentary|impact|comments?)\b", re.I),
}
ID_IN_TEXT = re.compile(r"^(?P<id>[A-Z]{0,3}\d{1,3}(?:\.\d{1,3}){0,2})\s*[:.)–-]?\s+")
OWNER_RE = re.compile(r"\b(?:owner|lead officer|lead|responsible(?: officer)?|by whom)\s*[:\-–]\s*(?P<owner>[A-Z][^.;|\n]{2,60})", re.I)
DUE_RE = re.compile(
    r"\b(?:by|due|deadline|timescale|target date|completion date)\s*[:\-–]?\s*(?P<due>(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+(?:19|20)\d\d|"
    r"\d{1,2}/\d{1,2}/\d{2,4}|(?:19|20)\d\d)", re.I)
STATUS_RE = re.compile(r"\b(?:status|RAG)\s*[:\-–]\s*(?P<status>[A-Za-z][\w /-]{1,30})", re.I)


def _columns(cells: Sequence[str]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        text = normal(cell)
        if len(text) > 60:
            return None
        for name in ("id", "action", "status", "owner", "due", "progress"):
            if name not in found and HEADERS[name].search(text) and index not in found.values():
                found[name] = index
                break
    if "action" not in found or not ({"owner", "due", "status"} & set(found)):
        return None
    return found


def read_actions(passages: Sequence[Passage], authority: str | None, inspection: InspectionRef | None = None) -> list[ActionFact]:
    """Actions with owner, due date and status from an action plan's tables and action lists."""
    out: list[ActionFact] = []
    columns: dict[str, int] | None = None
    width = 0
    table_path: tuple[str, ...] | None = None
    for passage in passages:
        cells = [normal(c) for c in passage.cells] if passage.cells else None
        if not cells:
            columns, table_path = None, None
            continue
        header = _columns(cells)
        if header:
            columns, width, table_path = header, len(cells), passage.heading_path
            continue
        if columns is None or passage.heading_path != table_path:
            continue
        if len(cells) < width and out and out[-1].source.document_sha == passage.document_sha:
            last = out[-1]  # a row broken across a page: its cells carry on the row above
            last.text = f"{last.text} {cells[0]}".strip() if cells else last.text
            continue

        def cell(name: str) -> str | None:
            index = columns.get(name)  # type: ignore[union-attr]
            return cells[index] if index is not None and index < len(cells) and cells[index] else None

        text = cell("action")
        if not text:
            continue
        action_id = cell("id")
        if not action_id:
            match = ID_IN_TEXT.match(text)
            if match:
                action_id, text = match.group("id"), text[match.end():]
        out.append(ActionFact(authority, action_id, text, cell("owner"), cell("due"), cell("status"),
                              Provenance(passage.document_sha, passage.id, passage.page, passage.label, " | ".join(cells)[:400]),
                              progress=cell("progress")))
    return out
