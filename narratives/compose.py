"""Compose a narrative for one line of enquiry (or one topic) from the home authority's facts and
tagged passages, answering the self-evaluation's three questions.

- **What we know**: outcome statements with their figures, trend and comparator, composed from
  the rows of the council's performance tables; findings from inspections and reviews in reported
  speech ("Ofsted's inspection (February 2026) found that …"), at most `MAX_QUOTES` short
  quotations; the council's own outcome statements as it wrote them.
- **How we know**: Ofsted's judgements, the council's case audits, the voices of children and
  families.
- **What we are doing next**: open recommendations and actions, with the plan's note of progress.

Only the home authority's evidence is used (`Evidence.items`; other councils' passages are in
`Evidence.comparators` and never reach a narrative). Sentences that are not evidence of practice
(method statements, guidance, grade definitions, advice about preparing for inspection, pointers
to tables) are left out (`narratives.boilerplate`). Fresh evidence comes first: evidence older than
its kind's freshness window (frameworks/data/freshness.yaml) ranks below fresh evidence, and an
inspection's findings are left out of an area that a later inspection covered. Every number a
sentence states appears in a passage it cites (`facts.figures_supported`); a sentence that fails is
dropped. `compose_all` gives each sentence to one narrative only.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from core.model import Passage, Tag, parse_iso_date
from core.settings import Settings
from evidence_store.evidence import Evidence, EvidenceItem
from frameworks import Framework, LineOfEnquiry
from facts.superseded import home_inspections, superseded_documents
from frameworks.freshness import freshness_kind, is_stale
from templates.text import plural

from narratives import phrasing
from narratives.boilerplate import reason as boilerplate_reason
from narratives.classify import classify_rules, combine
from narratives.draft_roles import classify as draft_role
from narratives.extractive import (  # noqa: F401 - re-exported: impacts and review read these from here
    Source,
    _candidates,
    _corroborate,
    _RefResolver,
    _score,
    _years_before,
    items_for,
    resolve_loe,
    section_number,
)
from narratives.model import SECTIONS, Citation, Narrative, Statement
from narratives.text import content_words, looks_like_sentence, near_duplicate, split_sentences, trim

# Words per section: about two pages in Word with the title, headings and footnotes.
SECTION_SHARE = {"know": 0.56, "how": 0.2, "next": 0.24}
DEFAULT_WORDS = 560
MAX_QUOTES = 2
PARAGRAPH_SENTENCES = 4  # sentences of one source's findings in a paragraph
MAX_SENTENCE_WORDS = 48
MAX_STATEMENTS = {"know": 12, "how": 5, "next": 5}
KIND_WEIGHT = {"figure": 3.0, "finding": 2.2, "voice": 2.4, "statement": 1.8, "judgement": 6.0, "audit": 4.0,
               "recommendation": 3.0, "action": 2.6, "plan": 1.5}
_ANAPHORA = re.compile(r"\b(?:know|knows|recognise[sd]?|understand|understood|aware of|address(?:ed)?|agree[sd]?) "
                       r"(?:this|these|that)\b(?! \w+ (?:is|are|was|were)\b)", re.I)
_LEANING = ("this ", "these ", "those ", "that ", "it ", "its ", "they ", "their ", "she ", "he ", "his ", "her ",
            "however", "but ", "and ", "also ", "so ", "such ", "both ", "further", "in addition", "as above",
            "as a result", "similarly", "likewise", "again", "here ", "there ", "of these", "of those", "of them", "of the remaining", "in both", "in each", "in all of these", "both ")
_VOICE = re.compile(
    r"\b(?:children|young people|care leavers|families|parents|carers|a child|a young person)\b[^.]{0,40}?"
    r"\b(?:told|tell|said|say|says|describ\w+|spoke|speak|feel|felt|report(?:ed)? that|value|valued|"
    r"praised|appreciate[ds]?)\b|"
    r"\bsurvey\b|\bfeedback from (?:children|young people|families|parents|carers)\b|\bvoice of the child\b|"
    r"\bin their own words\b",
    re.I,
)
_FORWARD = re.compile(r"\b(?:we will|will be (?:launched|introduced|extended|reviewed)|plans? to|next steps?|"
                      r"over the (?:next|coming)|by (?:the end of )?(?:january|february|march|april|may|june|july|august|"
                      r"september|october|november|december|spring|summer|autumn|winter) 20\d\d)\b", re.I)
_STRONG = re.compile(r"\b(?:exceptional|outstanding|excellent|highly effective|very strong|strong|significant|"
                     r"skilled|consistently)\b", re.I)


# ----------------------------------------------------------------------------- superseded inspections
# ----------------------------------------------------------------------------- the pool of evidence
@dataclass
class _Draft:
    """A statement before selection: its raw sentence, how it will be phrased, what it cites."""

    raw: str
    section: str
    kind: str
    passages: list[Passage]
    day: date | None
    lines: dict[str, float]  # top-level line id -> relevance (tag score)
    themes: set[str] = field(default_factory=set)  # every line id (themes too) its passages are tagged with
    who: str | None = None  # an external source to attribute to ("Ofsted's inspection (February 2026)")
    source_key: str = ""  # the document, for paragraphs and attribution
    score: float = 0.0
    polarity: str = "neutral"
    fixed_text: str | None = None  # a composed sentence (tables, judgements, audits, plans)
    link: str = ""  # recommendations and the actions answering them share this
    figures: tuple[str, ...] = ()

    @property
    def words(self) -> int:
        return len((self.fixed_text or self.raw).split()) + (6 if self.who else 0)

    @property
    def key(self) -> frozenset[str]:
        return content_words(self.raw)


class _Pool:
    """Everything a narrative may draw on, read once per evidence view."""

    def __init__(self, evidence: Evidence, settings: Settings, item_refs: dict[int, str] | None,
                 since: date | None, today: date) -> None:
        self.evidence = evidence
        self.framework: Framework = evidence.framework
        self.settings = settings
        self.item_refs = item_refs or {}
        self.today = today
        self.since = since
        self.items = [i for i in evidence.items if i.passage.kind != "heading" or True]
        self.by_id: dict[int, EvidenceItem] = {i.passage.id: i for i in evidence.items}
        self.by_doc: dict[str, list[EvidenceItem]] = defaultdict(list)
        for item in evidence.items:
            self.by_doc[item.passage.document_sha].append(item)
        for items in self.by_doc.values():
            items.sort(key=lambda i: i.passage.ordinal)
        self.inspections = home_inspections(evidence)
        self.top_of = self.framework.top_of()
        self.notes: dict[str, list[str]] = defaultdict(list)
        self.superseded = superseded_documents(evidence)
        self.drafts = self._drafts()

    # -- lines ---------------------------------------------------------------------------------
    def lines_of(self, passages: Iterable[Passage]) -> tuple[dict[str, float], set[str]]:
        tags = [tag for passage in passages for tag in (self.by_id[passage.id].tags if passage.id in self.by_id else ())]
        return line_scores(tags, self.top_of), {tag.loe for tag in tags}

    # -- freshness -------------------------------------------------------------------------------
    def _doc_date(self, sha: str) -> str | None:
        items = self.by_doc.get(sha)
        return items[0].passage.document_date if items else None

    def stale(self, passage: Passage, has_data: bool) -> bool:
        day = parse_iso_date(passage.document_date)
        if day is None:
            return True
        kind = "inspection" if passage.document_sha in self.inspections else freshness_kind(passage.document_kind, has_data)
        latest = max((parse_iso_date(i.end) or date.min for i in self.inspections.values()), default=None)
        return is_stale(day, kind, self.today, latest if kind == "inspection" else None)

    # -- drafts ----------------------------------------------------------------------------------
    def _drafts(self) -> list[_Draft]:
        drafts: list[_Draft] = []
        drafts += self._table_drafts()
        drafts += self._sentence_drafts()
        drafts += self._judgement_drafts()
        drafts += self._audit_drafts()
        drafts += self._plan_drafts()
        for draft in drafts:
            self._score(draft)
        return drafts

    def _in_window(self, passage: Passage) -> bool:
        if self.since is None:
            return True
        day = parse_iso_date(passage.document_date)
        return day is not None and day >= self.since

    def _table_drafts(self) -> list[_Draft]:
        out: list[_Draft] = []
        for sha, items in self.by_doc.items():
            header: Passage | None = None
            heading: str | None = None
            for item in items:
                passage = item.passage
                if passage.kind == "heading":
                    heading = passage.text
                    continue
                if passage.kind != "table row":
                    header = None
                    continue
                if phrasing.is_header_row(passage.cells):
                    header = passage
                    continue
                if not self._in_window(passage):
                    continue
                text = phrasing.table_statement(passage, header, heading or (passage.heading_path[-1] if passage.heading_path else None))
                if text is None or header is None:
                    continue
                lines, themes = self.lines_of([passage])
                if not lines and heading:
                    lines, themes = self._heading_lines(items, heading)
                day = parse_iso_date(passage.document_date)
                out.append(_Draft(text, "know", "figure", [passage, header], day, lines, themes, source_key="figures",
                                  fixed_text=text, figures=tuple(re.findall(r"\d[\d,.]*%?", text))))
        return out

    def _heading_lines(self, items: list[EvidenceItem], heading: str) -> tuple[dict[str, float], set[str]]:
        for item in items:
            if item.passage.kind == "heading" and item.passage.text == heading:
                return self.lines_of([item.passage])
        return {}, set()

    def _sentence_drafts(self) -> list[_Draft]:
        out: list[_Draft] = []
        # recommendations and actions are read from the facts layer, never as findings
        planned = {r.source.passage_id for r in self.evidence.recommendations} | {a.source.passage_id for a in self.evidence.actions}
        for item in self.evidence.items:
            passage = item.passage
            if passage.kind in ("heading", "table row") or not self._in_window(passage) or passage.id in planned:
                continue
            lines, themes = self.lines_of([passage])
            external = self._who(passage)
            for raw in split_sentences(passage.text):
                text = trim(raw)
                if not _usable(text, passage):
                    continue
                label = combine(classify_rules(text), item.role, item.polarity)
                role = draft_role(text).role  # what the sentence says, as check-narrative reads it
                if role == "process":
                    continue
                if _VOICE.search(text):
                    if role != "outcome":
                        continue
                    section, kind = "how", "voice"
                elif label.role == "recommendation" or _FORWARD.search(text):
                    if external or not _FORWARD.search(text) or label.role == "process" and not label.has_data:
                        continue  # an external recommendation comes from the facts layer; a bare imperative is advice
                    section, kind = "next", "plan"
                elif role == "outcome" and label.role != "recommendation":
                    section, kind = "know", ("finding" if external else ("figure" if label.has_data else "statement"))
                else:
                    continue
                out.append(_Draft(text, section, kind, [passage], parse_iso_date(passage.document_date), lines, themes,
                                  who=external if kind in ("finding", "voice") else None,
                                  source_key=passage.document_sha, polarity=label.polarity))
        return out

    def _who(self, passage: Passage) -> str | None:
        """How an external source is named in reported speech; None for the council's own papers."""
        when = phrasing.month_year(passage.document_date)
        inspection = self.inspections.get(passage.document_sha)
        if inspection is not None:
            what = phrasing.inspection_phrase(inspection.kind)
            return f"Ofsted's {what} ({when})" if when else f"Ofsted's {what}"
        if (passage.document_kind or "") == "inspection report":
            return f"The inspection report ({when})" if when else "The inspection report"
        return None

    def _judgement_drafts(self) -> list[_Draft]:
        out: list[_Draft] = []
        home = self.evidence.authority
        latest: dict[str, tuple[str, object]] = {}
        for judgement in self.evidence.judgements:
            if judgement.subject != "council" or judgement.scope != "this" or (home and judgement.authority != home):
                continue
            if judgement.source.passage_id not in self.by_id:
                continue
            end = judgement.inspection.end or ""
            if judgement.area not in latest or end > latest[judgement.area][0]:
                latest[judgement.area] = (end, judgement)
        for area, (_, judgement) in latest.items():
            passage = self.by_id[judgement.source.passage_id].passage  # type: ignore[attr-defined]
            if not self._in_window(passage):
                continue
            line = _line_for_area(self.framework, area)
            if line is None:
                continue
            text = phrasing.judgement_statement(line.title, judgement.grade, judgement.inspection.kind, passage.document_date)  # type: ignore[attr-defined]
            out.append(_Draft(text, "how", "judgement", [passage], parse_iso_date(passage.document_date), {line.id: 1.0},
                              {line.id}, source_key="judgement", fixed_text=text))
        return out

    def _audit_drafts(self) -> list[_Draft]:
        by_doc: dict[str, list] = defaultdict(list)
        for stat in self.evidence.audit_stats:
            if stat.source.passage_id in self.by_id:
                by_doc[stat.source.document_sha].append(stat)
        out: list[_Draft] = []
        for sha, stats in by_doc.items():
            first = self.by_doc[sha][0].passage if self.by_doc.get(sha) else None
            if first is None or not ((first.document_kind or "") == "audit report" or re.search(r"\baudit", first.document_title or "", re.I)):
                continue  # a share quoted in a plan or minutes lacks the audit's own context
            cases = next((s for s in stats if s.kind == "cases_audited" and isinstance(s.value, int) and s.value >= 5), None)
            shares = [s for s in stats if s.kind == "grade_share" and (cases is None or s.base in (None, cases.value))]
            period = next((s for s in stats if s.kind == "period"), None)
            seen: set[str] = set()
            kept = []
            for share in shares:
                if share.grade in seen:
                    continue
                words = self.by_id[share.source.passage_id].passage.text
                written = _as_written(share.value, words)
                if written is None:
                    continue
                seen.add(share.grade)
                kept.append((share, written))
            if cases is None or not kept:
                continue
            passages = []
            for stat in ([cases] if cases else []) + [s for s, _ in kept[:3]] + ([period] if period else []):
                passage = self.by_id[stat.source.passage_id].passage
                if passage not in passages:
                    passages.append(passage)
            if not all(self._in_window(p) for p in passages):
                continue
            cases_text = _as_written(cases.value, self.by_id[cases.source.passage_id].passage.text) if cases else None
            period_text = str(period.value) if period and not re.fullmatch(r"\d{4}", str(period.value)) else None
            text = phrasing.audit_statement(cases_text, [(w, s.grade) for s, w in kept[:3]], period_text, passages[0].document_date)
            if text is None:
                continue
            lines, themes = self.lines_of(passages)
            if not lines:
                leaders = _line_for_area(self.framework, "leaders")
                lines = {leaders.id: 0.5} if leaders else {}
            out.append(_Draft(text, "how", "audit", passages, parse_iso_date(passages[0].document_date), lines, themes,
                              source_key="audit", fixed_text=text))
        return out

    def _plan_drafts(self) -> list[_Draft]:
        out: list[_Draft] = []
        latest_inspection = max((parse_iso_date(i.end) or date.min for i in self.inspections.values()), default=None)
        for number, rec in enumerate(self.evidence.recommendations):
            item = self.by_id.get(rec.source.passage_id or -1)
            if item is None or rec.subject != "council" or boilerplate_reason(rec.text) or not self._in_window(item.passage):
                continue
            passage = item.passage
            if passage.document_sha in self.inspections:
                end = parse_iso_date(self.inspections[passage.document_sha].end)
                if latest_inspection and end and end < latest_inspection:
                    continue  # a later inspection replaced these recommendations
                who = self._who(passage)
            else:
                if self.stale(passage, False):
                    continue
                who = phrasing.own_source(passage.document_kind, passage.document_date)
            text = phrasing.recommendation_statement(rec.text, who, rec.item_id)
            lines, themes = self.lines_of([passage])
            out.append(_Draft(text, "next", "recommendation", [passage], parse_iso_date(passage.document_date), lines, themes,
                              source_key="plans", fixed_text=text, link=f"r{number}"))
        recs = [d for d in out]
        for action in self.evidence.actions:
            item = self.by_id.get(action.source.passage_id or -1)
            if item is None or not self._in_window(item.passage) or boilerplate_reason(action.text):
                continue
            if not phrasing.is_open(action.status) and not action.progress:
                continue
            passages = [item.passage] + [self.by_id[p].passage for p in action.progress_passage_ids if p in self.by_id][:1]
            text = phrasing.action_statement(action.action_id, action.text, action.owner, action.due, action.status,
                                             phrasing.progress_note(action.progress))
            lines, themes = self.lines_of(passages)
            words = content_words(action.text)
            link = next((r.link for r in recs if len(words & r.key) >= 3), "")
            out.append(_Draft(text, "next", "action", passages, parse_iso_date(item.passage.document_date), lines, themes,
                              source_key="plans", fixed_text=text, link=link,
                              polarity="strength" if not phrasing.is_open(action.status) else "neutral"))
        return out

    # -- scoring ---------------------------------------------------------------------------------
    def _score(self, draft: _Draft) -> None:
        passage = draft.passages[0]
        stale = self.stale(passage, draft.kind == "figure")
        age_years = ((self.today - draft.day).days / 365.25) if draft.day else 6.0
        freshness = -3.0 if stale else 2.0 * math.exp(-max(0.0, age_years) / 2.0)
        relevance = max(draft.lines.values(), default=0.0)
        score = KIND_WEIGHT.get(draft.kind, 1.0) + freshness + 1.5 * min(1.0, relevance)
        if draft.polarity == "concern":
            score -= 0.3
        if draft.kind in ("action", "plan") and draft_role(draft.fixed_text or draft.raw).role == "process":
            score -= 2.5  # a plan about meetings and documents says least about children
        if draft.words > 36:
            score -= 0.8
        if "[" in draft.raw and "]" in draft.raw:
            score -= 0.5
        draft.score = score


# "For some children, it simply involves …": a pronoun after a short opening phrase leans on the
# sentence before, as one at the start does
_LEANING_AFTER_OPENER = re.compile(r"^[^,.;:]{2,60},\s+(?:it|this|these|those|that|they|such)\s", re.I)
_PLACEHOLDER = re.compile(r"\[[A-Z][A-Z0-9 _-]*\]")  # a redacted name: a case record's detail, not a narrative claim
_ELLIPTICAL = re.compile(r"^(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|most|many|some|"
                         r"half|all|none|several|a few|others?)\b[^.]{0,20}?\b(?:were|was|of these|of them|had)\b", re.I)


def _usable(text: str, passage: Passage) -> bool:
    if not looks_like_sentence(text) or len(text.split()) > MAX_SENTENCE_WORDS:
        return False
    if _PLACEHOLDER.search(text) or _ELLIPTICAL.match(text):
        return False
    if passage.kind != "list item" and not text.endswith((".", "!", ")", '"', "”", "'")):
        return False
    if text.lower().startswith(_LEANING) or _LEANING_AFTER_OPENER.match(text) or _ANAPHORA.search(text) or boilerplate_reason(text):
        return False
    return True


def _as_written(value: object, text: str) -> str | None:
    """A statistic as the passage writes it ("33 per cent", "152"), or None when it is not there."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    forms = [f"{number:g}"] + ([f"{int(number):,}"] if number == int(number) and number >= 1000 else [])
    for shown in forms:
        for pattern in (rf"(?<![\d.,]){re.escape(shown)}\s*(?:%|per\s?cent)", rf"(?<![\d.,]){re.escape(shown)}(?![\d.,]\d)"):
            match = re.search(pattern, text, re.I)
            if match:
                found = " ".join(match.group(0).split())
                return re.sub(r"\s*per\s?cent", " per cent", found, flags=re.I)
    return None


def _plain_title(title: str) -> str:
    title = " ".join(title.split())
    return title[0].lower() + title[1:] if title[:1].isupper() and not title.split()[0].isupper() else title


def _line_for_area(framework: Framework, area: str) -> LineOfEnquiry | None:
    for line in framework.top_lines:
        if line.area == area:
            return line
    return None


# ----------------------------------------------------------------------------- selection
class _Composer:
    def __init__(self, pool: _Pool, budget: int) -> None:
        self.pool = pool
        self.budget = budget
        self.used: set[frozenset[str]] = set()
        self.used_texts: set[str] = set()

    def take(self, drafts: list[_Draft]) -> dict[str, list[_Draft]]:
        chosen: dict[str, list[_Draft]] = {key: [] for key, _ in SECTIONS}
        caps = {key: int(self.budget * share) for key, share in SECTION_SHARE.items()}
        used_words = {key: 0 for key in chosen}
        for draft in sorted(drafts, key=lambda d: -d.score):
            section = draft.section
            if len(chosen[section]) >= MAX_STATEMENTS[section] or used_words[section] + draft.words > caps[section]:
                continue
            if self._seen(draft, chosen[section]):
                continue
            chosen[section].append(draft)
            used_words[section] += draft.words
        # spare words from an empty section go to what we know
        spare = sum(caps[k] - used_words[k] for k in ("how", "next"))
        if spare > 40:
            for draft in sorted(drafts, key=lambda d: -d.score):
                if draft.section != "know" or draft in chosen["know"] or len(chosen["know"]) >= MAX_STATEMENTS["know"] + 4:
                    continue
                if used_words["know"] + draft.words > caps["know"] + spare:
                    continue
                if self._seen(draft, chosen["know"]):
                    continue
                chosen["know"].append(draft)
                used_words["know"] += draft.words
        for drafts_in in chosen.values():
            for draft in drafts_in:
                if draft.fixed_text is None:
                    self.used.add(draft.key)
                self.used_texts.add((draft.fixed_text or draft.raw).lower())
        return chosen

    def _seen(self, draft: _Draft, chosen: list[_Draft]) -> bool:
        """Already in this or an earlier narrative: the same words, or (for a sentence of the
        evidence) the same point made in nearly the same words, as in a PDF and a DOCX copy."""
        if (draft.fixed_text or draft.raw).lower() in self.used_texts:
            return True
        if draft.fixed_text is not None:
            return any((c.fixed_text or c.raw).lower() == draft.fixed_text.lower() for c in chosen)
        key = draft.key
        if len(key) >= 3 and any(near_duplicate(key, other) for other in self.used):
            return True
        return any(c.fixed_text is None and near_duplicate(key, c.key) for c in chosen)


def _order(section: str, drafts: list[_Draft]) -> list[_Draft]:
    """Newest first; in what we know, figures lead, then each source's findings together."""
    if section == "know":
        newest: dict[str, date] = {}
        for d in drafts:
            group = "figures" if d.kind == "figure" and not d.who else d.source_key
            newest[group] = max(newest.get(group, date.min), d.day or date.min)
        return sorted(drafts, key=lambda d: (
            -(newest["figures" if d.kind == "figure" and not d.who else d.source_key]).toordinal(),
            0 if d.kind == "figure" and not d.who else 1,
            "figures" if d.kind == "figure" and not d.who else d.source_key,
            -(d.day or date.min).toordinal(), d.passages[0].ordinal))
    if section == "how":
        rank = {"judgement": 0, "audit": 1, "voice": 2}
        return sorted(drafts, key=lambda d: (rank.get(d.kind, 3), -(d.day or date.min).toordinal(), d.passages[0].ordinal))
    rank = {"recommendation": 0, "action": 1, "plan": 2}
    links = {d.link: n for n, d in enumerate(sorted((d for d in drafts if d.kind == "recommendation"), key=lambda d: -d.score))}
    return sorted(drafts, key=lambda d: (links.get(d.link, len(links)), rank.get(d.kind, 3), -(d.day or date.min).toordinal()))


def _statements(pool: _Pool, chosen: dict[str, list[_Draft]]) -> dict[str, list[Statement]]:
    from facts import figures_supported

    out: dict[str, list[Statement]] = {key: [] for key, _ in SECTIONS}
    quotes = 0
    paragraphs_opened = 0
    for section, drafts in chosen.items():
        seen_sources: dict[str, int] = {}
        for draft in _order(section, drafts):
            text = draft.fixed_text or draft.raw
            kind = draft.kind
            paragraph = "figures" if kind == "figure" and not draft.who else kind
            if draft.who and draft.fixed_text is None:
                # findings from one source in paragraphs of a few sentences; each paragraph opens by
                # saying whose finding it is, the rest of it reads as the source wrote it
                turn = seen_sources.get(draft.source_key, 0)
                seen_sources[draft.source_key] = turn + 1
                chunk, position = divmod(turn, PARAGRAPH_SENTENCES)
                paragraph = f"{section}:{draft.source_key}:{chunk}"
                if position == 0:
                    if section == "know" and quotes < MAX_QUOTES and len(draft.raw.split()) <= 24 \
                            and draft.polarity == "strength" and _STRONG.search(draft.raw):
                        text, kind = phrasing.quote(draft.raw, draft.who if chunk == 0 else "Inspectors"), "quote"
                        quotes += 1
                    else:
                        text = phrasing.attribute(draft.raw, draft.who, chunk == 0, paragraphs_opened)
                    paragraphs_opened += 1
                else:
                    text = phrasing.finish(draft.raw)
            text = phrasing.finish(text) if not text.endswith("”") else text
            if not figures_supported(text, draft.passages):
                continue  # a number its sources do not state: never printed
            citations = [Citation.of(p, pool.item_refs.get(p.id)) for p in _unique(draft.passages)]
            out[section].append(Statement(text, section, citations, kind, draft.day, round(draft.score, 3), paragraph,
                                          draft.figures))
    return out


def _unique(passages: Sequence[Passage]) -> list[Passage]:
    seen: set[int] = set()
    out = []
    for p in passages:
        if p.id not in seen:
            seen.add(p.id)
            out.append(p)
    return out


# ----------------------------------------------------------------------------- entry points
def narrative_pool(evidence: Evidence, settings: Settings, *, item_refs: dict[int, str] | None = None,
                   since: date | None = None, today: date | None = None) -> _Pool:
    """What every narrative of one evidence view draws on (its drafts: every candidate sentence),
    read once: the pack composes each line's narrative and the self-evaluation from one pool,
    instead of reading the whole evidence again for each (composition never changes it)."""
    return _Pool(evidence, settings, item_refs, since, today or date.today())


def compose_all(
    evidence: Evidence,
    settings: Settings,
    loe_ids: Sequence[str] | None = None,
    *,
    since: date | None = None,
    words: int | None = None,
    item_refs: dict[int, str] | None = None,
    today: date | None = None,
    pool: _Pool | None = None,
) -> list[Narrative]:
    """Narratives for the given lines (default: every top-level line), no sentence in two of them."""
    framework = evidence.framework
    pool = pool or _Pool(evidence, settings, item_refs, since, today or date.today())
    wanted = [resolve_loe(framework, loe).id for loe in loe_ids] if loe_ids else [line.id for line in framework.top_lines]
    budget = _budget(settings, words)
    composer = _Composer(pool, budget)
    # each draft goes to the line it is most relevant to (ties: framework order)
    order = {line.id: n for n, line in enumerate(framework.top_lines)}
    narratives = []
    for loe_id in wanted:
        line = framework.line(loe_id)
        family = framework.line_and_below(line.id)
        top = pool.top_of.get(line.id, line.id)
        drafts = [d for d in pool.drafts if _belongs(d, top, order) and (line.parent is None or d.themes & set(family))]
        superseded = pool.superseded.get(top, set())
        drafts = [d for d in drafts if not any(p.document_sha in superseded for p in d.passages)]
        narratives.append(_narrative(pool, line, composer.take(drafts), superseded))
    return narratives


def compose(
    evidence: Evidence,
    loe_id: str,
    settings: Settings,
    *,
    since: date | None = None,
    words: int | None = None,
    item_refs: dict[int, str] | None = None,
    audit: object | None = None,  # noqa: ARG001 - audit figures now come from the facts layer
    today: date | None = None,
) -> Narrative:
    """The narrative for one line of enquiry."""
    return compose_all(evidence, settings, [loe_id], since=since, words=words, item_refs=item_refs, today=today)[0]


def compose_topic(
    evidence: Evidence,
    topic: str,
    settings: Settings,
    *,
    since: date | None = None,
    words: int | None = None,
    item_refs: dict[int, str] | None = None,
    today: date | None = None,
) -> Narrative:
    """An issue narrative (Bedford's A10-A13): a theme id or slug (a sub-line of the framework), or a
    phrase ("health assessments", "GCSE results") that the evidence must contain."""
    framework = evidence.framework
    pool = _Pool(evidence, settings, item_refs, since, today or date.today())
    line = _theme(framework, topic)
    if line is not None:
        family = framework.line_and_below(line.id)
        drafts = [d for d in pool.drafts if d.themes & family]
        title, slug = line.title, line.slug
    else:
        wanted = content_words(topic)
        drafts = [d for d in pool.drafts if wanted and wanted <= (content_words(d.raw) | _passage_words(d))]
        title, slug = topic.strip()[:1].upper() + topic.strip()[1:], _slug(topic)
    superseded = set().union(*pool.superseded.values()) if pool.superseded else set()
    drafts = [d for d in drafts if not any(p.document_sha in superseded for p in d.passages)]
    chosen = _Composer(pool, _budget(settings, words)).take(drafts)
    sections = _statements(pool, chosen)
    narrative = Narrative(framework.id, framework.name, f"topic:{line.id if line else topic.strip()}", title,
                          evidence.authority, 0, f"topic-{slug}", sections, pool.today, topic=topic)
    _notes(narrative, pool, drafts, superseded)
    return narrative


def _passage_words(draft: _Draft) -> frozenset[str]:
    return frozenset().union(*(content_words(p.text) for p in draft.passages[:1]))


def _theme(framework: Framework, topic: str) -> LineOfEnquiry | None:
    try:
        return resolve_loe(framework, topic)
    except KeyError:
        return None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "topic"


def _budget(settings: Settings, words: int | None) -> int:
    return int(words or min(settings.narrative_words, DEFAULT_WORDS))


def _belongs(draft: _Draft, top: str, order: dict[str, int]) -> bool:
    return best_line(draft.lines, order) == top


def line_scores(tags: Iterable[Tag], top_of: dict[str, str]) -> dict[str, float]:
    """Top-level line id -> the strongest tag score under it (a tag of no known line counts as its own)."""
    scores: dict[str, float] = {}
    for tag in tags:
        top = top_of.get(tag.loe, tag.loe)
        scores[top] = max(scores.get(top, 0.0), tag.score)
    return scores


def best_line(scores: dict[str, float], order: dict[str, int]) -> str | None:
    """The top-level line a piece of evidence goes to: its strongest, ties in framework order. Each
    draft is told in one narrative only, and check-narrative expects of a narrative the same."""
    if not scores:
        return None
    return max(scores.items(), key=lambda kv: (kv[1], -order.get(kv[0], 99)))[0]


def _narrative(pool: _Pool, line: LineOfEnquiry, chosen: dict[str, list[_Draft]], superseded: set[str]) -> Narrative:
    framework = pool.framework
    sections = _statements(pool, chosen)
    narrative = Narrative(framework.id, framework.name, line.id, line.title, pool.evidence.authority,
                          section_number(framework, line.id), line.slug, sections, pool.today)
    _notes(narrative, pool, [d for ds in chosen.values() for d in ds], superseded)
    return narrative


def _notes(narrative: Narrative, pool: _Pool, drafts: list[_Draft], superseded: set[str]) -> None:
    if not narrative.statements:
        narrative.notes.append("The evidence store holds no evidence of this council's practice for this area yet.")
    if superseded:
        titles = sorted({pool.by_doc[s][0].passage.document_title or s[:12] for s in superseded if pool.by_doc.get(s)})
        narrative.notes.append(f"Findings of {plural(len(titles), 'earlier inspection')} left out: a later inspection covered this area"
                               + (f" ({'; '.join(titles[:2])})." if titles else "."))
    cited = [c for s in narrative.statements for c in s.citations]
    if cited and all(pool.stale(pool.by_id[c.passage_id].passage, False) for c in cited if c.passage_id in pool.by_id):
        narrative.notes.append("All cited evidence is older than its freshness window; newer evidence would strengthen this narrative.")
    missing = [title for key, title in SECTIONS if not narrative.sections.get(key)]
    if missing and narrative.statements:
        narrative.notes.append("No evidence yet for: " + "; ".join(m.lower() for m in missing) + ".")
