"""The action register: every recommendation and action point, with later evidence of progress.

An action is linked to a later passage (a newer document) that shares enough of its key content
words: the action's rarest words in the store, compared on a crude stem. The tagger's own links
(`Action.progress_passage_ids`) are kept too. Status: "progress evidenced" or "open".
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

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


def action_register(evidence: Evidence, item_refs: dict[int, str]) -> list[ActionRow]:
    if not evidence.actions:
        return []
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
    for action in evidence.actions:
        source_item = by_pid.get(action.passage_id)
        source_doc = source_item.passage.document_sha if source_item else None
        action_date = _sortable(source_item.passage.document_date if source_item else None)
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
                text=" ".join(action.text.split()),
                kind=action.kind,
                owner=action.owner,
                due=action.due,
                source=source_item.passage.citation() if source_item else f"passage {action.passage_id}",
                ref=item_refs.get(action.passage_id),
                date=source_item.passage.document_date if source_item else None,
                status=_status([by_pid[pid] for pid in links]),
                progress=[ref(pid) for pid in links],
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
