"""A one-page list of impacts on children's outcomes, for interview and focus-group preparation.

Bedford's 2011 readiness review (para 31): people found the question about impact on outcomes for
children the hardest to answer; the best preparation is a list of the impacts achieved, reinforced
with data. Each item is a sentence from the evidence, with its citation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from evidence_store.evidence import Evidence
from core.settings import Settings

from narratives.compose import (
    Source,
    _candidates,
    _corroborate,
    _RefResolver,
    _score,
    items_for,
    resolve_loe,
)
from narratives.text import data_points, near_duplicate, word_count

PAGE_WORDS = 500


@dataclass
class ImpactItem:
    text: str
    source: Source
    date: str | None
    has_data: bool
    data_points: list[str]
    polarity: str
    also: list[Source] = field(default_factory=list)

    @property
    def sources(self) -> list[Source]:
        return [self.source, *self.also]

    def citation_text(self) -> str:
        return "; ".join(source.label for source in self.sources)

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "citation": self.citation_text(),
            "date": self.date,
            "has_data": self.has_data,
            "data_points": self.data_points,
            "polarity": self.polarity,
            "refs": [s.ref for s in self.sources if s.ref],
        }


def impacts(
    evidence: Evidence,
    loe_id: str,
    settings: Settings,
    *,
    item_refs: dict[int, str] | None = None,
    since: date | None = None,
    words: int = PAGE_WORDS,
) -> list[ImpactItem]:
    """Improvements for children with their evidence (figures first, recent first), one page at most."""
    line = resolve_loe(evidence.framework, loe_id)
    resolver = _RefResolver(evidence, item_refs)
    candidates, _ = _candidates(items_for(evidence, line.id), since, resolver)
    # impacts achieved: improvements only, from passages the tagger calls strengths and sentences whose
    # own cues do not say otherwise; shortfalls belong in the narrative's issue
    passage_polarity = {item.passage.id: item.polarity for item in evidence.items if item.label}
    candidates = [
        c for c in candidates
        if c.is_outcome and c.label.role not in ("recommendation", "process") and c.label.polarity == "strength"
        and passage_polarity.get(c.passage.id, "strength") == "strength"
    ]
    dates = [c.date for c in candidates if c.date]
    newest = max(dates) if dates else None
    for c in candidates:
        c.section = "impact"
    _corroborate(candidates)
    _score(candidates, newest, settings)
    for c in candidates:
        if c.label.polarity == "strength":
            c.score += 1.0  # an impact achieved, rather than a shortfall
    chosen: list = []
    used = 0
    sources: dict[int, Source] = {}
    local = {"n": 0}

    def source_for(passage) -> Source:  # type: ignore[no-untyped-def]
        if passage.id not in sources:
            ref = resolver(passage)
            if ref is None:
                local["n"] += 1
            sources[passage.id] = Source(
                key=ref or f"E{local['n']}",
                ref=ref,
                passage_id=passage.id,
                citation=passage.citation(),
                document_title=passage.document_title or "",
                document_date=passage.document_date,
                document_kind=passage.document_kind,
                source_path=passage.source_path,
            )
        return sources[passage.id]

    items: list[ImpactItem] = []
    for c in sorted(candidates, key=lambda c: -c.score):
        twin = next((i for i, kept in enumerate(chosen) if near_duplicate(kept.words, c.words)), None)
        if twin is not None:
            if c.passage.id != chosen[twin].passage.id:
                extra = source_for(c.passage)
                if extra not in items[twin].sources:
                    items[twin].also.append(extra)
            continue
        cost = word_count(c.text) + 12  # the citation line
        if used + cost > words:
            continue
        chosen.append(c)
        used += cost
        items.append(
            ImpactItem(
                text=c.text,
                source=source_for(c.passage),
                date=c.passage.document_date,
                has_data=c.label.has_data,
                data_points=data_points(c.text),
                polarity=c.label.polarity,
            )
        )
    return items


def render_impacts(evidence: Evidence, loe_id: str, items: list[ImpactItem], settings: Settings) -> str:
    from narratives.render import IMPACTS_MD, environment

    line = resolve_loe(evidence.framework, loe_id)
    text = environment(settings).get_template(IMPACTS_MD).render(line=line, items=items)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"
