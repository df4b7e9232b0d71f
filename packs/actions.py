"""The action register: every recommendation and action point, with later evidence of progress.

Rows come from the facts layer: recommendations ("What needs to improve", a review's
recommendations and action points) and actions from action plans, each citing its paragraph. The
same item appears once however many copies of a document there are (a report saved as PDF, DOCX and
text; an action point repeated in a summary): items are one when their council, their document's
date and their words (normalised) are the same.

An action is linked to a later passage (a newer document) that shares enough of its key content
words: the action's rarest words in the store, compared on a crude stem. An action plan's own links
(`ActionFact.progress_passage_ids`) are kept too. Status: "progress evidenced" or "open", or the
status the plan itself states.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from dataclasses import dataclass, field
from pathlib import Path

from core.model import ActionFact, RecommendationFact, Subject
from evidence_store.evidence import Evidence
from packs.model import ActionRow

STOPWORDS = set(
    """a about above after again against all also an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers him his how i if in into is it its itself just more most no nor not now
    of off on once only or other our ours out over own same she should so some such than that the their
    theirs them then there these they this those through to too under until up very was we were what when
    where which while who whom why will with would you your within across ensure ensuring make made must
    shall need needs needed take taken further improve improving improvement council partners partner
    services service children child young people local authority authorities work working ways way well
    consider considered continue continued develop developed including include includes particular
    appropriate sure including""".split()
)
_TOKEN = re.compile(r"[a-z][a-z'-]{3,}")
KEYWORDS = 6
MAX_LINKS = 3


def _stems(text: str) -> set[str]:
    return {t[:6] for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS}


def _sortable(value: str | None) -> str:
    return (value or "")[:10]


@dataclass
class _Item:
    """One register entry before linking: a recommendation or an action, read once."""

    passage_id: int | None
    document_sha: str
    action_id: str
    text: str
    kind: str
    owner: str | None = None
    due: str | None = None
    status: str | None = None
    progress_passage_ids: list[int] = field(default_factory=list)
    note: str | None = None  # an action plan's own note of progress


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower().replace("’", "'")).split())


def register_items(evidence: Evidence) -> list[_Item]:
    """Recommendation and action facts of the evidence, each item once."""
    dates = {d["sha256"]: (d.get("date") or "") for d in evidence.documents}
    seen: set[tuple] = set()
    out: list[_Item] = []
    facts: list[RecommendationFact | ActionFact] = [*evidence.recommendations, *evidence.actions]
    for fact in facts:
        text = " ".join(fact.text.split())
        date = dates.get(fact.source.document_sha, "")
        key = (fact.authority or "", date, _norm(text)[:200])
        printed = fact.item_id if isinstance(fact, RecommendationFact) else fact.action_id
        # a review's action point ("A12") repeated in its summary is one item, even where a page
        # break cut the summary's copy short
        id_key = (fact.authority or "", date, "id", printed.upper()) if printed and re.fullmatch(r"[A-Za-z]{1,3}\d+", printed) else None
        if not text or key in seen or (id_key and id_key in seen):
            continue
        seen.add(key)
        if id_key:
            seen.add(id_key)
        if isinstance(fact, RecommendationFact):
            kind = "action point" if (fact.item_id or "").upper().startswith("A") and re.fullmatch(r"A\d+", (fact.item_id or "").upper()) \
                else "recommendation"
            if fact.subject == Subject.PARTNERSHIP.value:
                kind += " (safeguarding partnership)"
            out.append(_Item(fact.source.passage_id, fact.source.document_sha, fact.item_id or "", text, kind, None, fact.timescale))
        else:
            out.append(_Item(fact.source.passage_id, fact.source.document_sha, fact.action_id or "", text, "action", fact.owner,
                             fact.due, fact.status, list(fact.progress_passage_ids), fact.progress))
    return out


def action_register(evidence: Evidence, item_refs: dict[int, str]) -> list[ActionRow]:
    items = register_items(evidence)
    if not items:
        return []
    documents = {d["sha256"]: d for d in evidence.documents}
    by_pid = {item.passage.id: item for item in evidence.items}
    stems_of = {pid: _stems(item.passage.text) for pid, item in by_pid.items() if item.passage.kind != "heading"}
    df: Counter[str] = Counter()
    for stems in stems_of.values():
        df.update(stems)
    total = max(1, len(stems_of))
    # A word in more than 2% of passages says little about one action (and would make linking slow).
    max_df = max(25, min(1000, total // 50))
    dates = {pid: _sortable(item.passage.document_date) for pid, item in by_pid.items()}
    postings: dict[str, list[int]] = defaultdict(list)
    for pid, stems in stems_of.items():
        for stem in stems:
            postings[stem].append(pid)

    def ref(pid: int) -> str:
        item = by_pid.get(pid)
        cite = item.passage.citation() if item else f"passage {pid}"
        return f"{item_refs[pid]} {cite}" if pid in item_refs else cite

    rows: list[ActionRow] = []
    for action in items:
        source_item = by_pid.get(action.passage_id) if action.passage_id is not None else None
        source_doc = action.document_sha
        doc = documents.get(source_doc, {})
        action_date = _sortable(source_item.passage.document_date if source_item else doc.get("date"))
        links: list[int] = [pid for pid in action.progress_passage_ids if pid in by_pid]

        keywords = sorted((s for s in _stems(action.text) if df[s] <= max_df), key=lambda s: (df[s], s))[:KEYWORDS]
        if len(keywords) >= 2 and action_date:
            need = min(len(keywords), max(2, math.ceil(len(keywords) / 2)))
            overlap: Counter[int] = Counter()
            weight: dict[int, float] = defaultdict(float)
            for stem in keywords:
                idf = math.log(total / (1 + df[stem])) + 1
                for pid in postings.get(stem, ()):
                    overlap[pid] += 1
                    weight[pid] += idf
            scored = []
            for pid, shared in overlap.items():
                if shared < need or dates[pid] <= action_date or pid in links:
                    continue
                later = by_pid[pid]
                if later.passage.document_sha == source_doc:
                    continue
                if later.role == "recommendation":  # restating the action is not progress on it
                    continue
                scored.append((-weight[pid], dates[pid], pid))
            links.extend(pid for _, _, pid in sorted(scored)[: MAX_LINKS])
        links = links[:MAX_LINKS + len(action.progress_passage_ids)]
        rows.append(
            ActionRow(
                action_id=action.action_id,
                text=action.text,
                kind=action.kind,
                owner=action.owner,
                due=action.due,
                source=source_item.passage.citation() if source_item else (doc.get("title") or f"passage {action.passage_id}"),
                ref=item_refs.get(action.passage_id) if action.passage_id is not None else None,
                date=source_item.passage.document_date if source_item else doc.get("date"),
                status=action.status or _status([by_pid[pid] for pid in links]),
                progress=([f"{action.note} ({ref(action.passage_id)})"] if action.note and action.passage_id is not None else [])
                + [ref(pid) for pid in links],
                document=Path(doc["source_path"]).name if doc.get("source_path") else None,
            )
        )
    rows.sort(key=lambda r: (r.date or "", r.source, _natural(r.action_id)))
    return rows


def _status(later: list) -> str:
    if not later:
        return "open"
    if any(item.polarity != "concern" for item in later):
        return "progress evidenced"
    return "later evidence: concerns remain"


def _natural(text: str) -> tuple:
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text) if part)
