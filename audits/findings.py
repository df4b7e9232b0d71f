"""Audit findings stated in documents: facts (cases audited, grade shares, period, scope), themes,
strengths, areas for improvement and actions, each linked to the passage that says it.

General patterns, not any council's wording:
- a heading such as "Key considerations", "Themes", "Key findings", "Areas for improvement",
  "Strengths", "Good practice" opens a block; the short sub-headings (or list items) under it are
  themes, each with the paragraph that follows as its evidence; the block ends at a heading such as
  "Recommendations", "Response", "Progress" or the next numbered section;
- a table whose header has a theme/area/issue column gives one theme per row, with its action column;
- audit statistics (cases audited, grade shares, period, scope, auditors) are the facts layer's
  (`facts.audit_stats`, read once when the document's facts are read), each with its passage;
- actions are the items under a "Recommendations"/"Actions" heading (and the action column of a
  theme table); later passages saying something "has been introduced / is now in place" about the
  same theme are their evidence of progress.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from audits.themes import canonical
from evidence_store.evidence import Evidence, EvidenceItem
from core.model import Passage
from templates.text import shorten

AUDIT_WORD = re.compile(r"\baudit|\bquality assurance\b|\bdip[- ]sampl|\bcase review", re.I)
OPEN_CONCERN = re.compile(r"\b(key considerations|(?:recurring|key|emerging|common|main) (?:themes|issues|findings|messages)|themes|key findings|findings|areas? (?:for|of|requiring) (?:continued |further |particular )?(?:improvement|development|focus)|what (?:needs|we need) to improve|learning points|even better if|worries|concerns)\b", re.I)
OPEN_STRENGTH = re.compile(r"\b(strengths?|good practice|what(?:'s| is)? (?:working|works) well|positive practice|celebrat\w*|notable practice)\b", re.I)
STOP = re.compile(r"\b(recommendations?|actions?|action plan|next steps|response|progress|conclusions?|appendi(?:x|ces)|financial|legal|risks?|background|consultees|equality|implications|purpose|introduction|contact)\b", re.I)
ACTIONS_HEADING = re.compile(r"\b(recommendations?(?: for improvement)?|actions?(?: required| agreed| plan)?|next steps|what we will do)\b", re.I)
PROGRESS_HEADING = re.compile(r"\b(progress|update|since the|what (?:have )?we (?:have )?done|improvements? made|impact)\b", re.I)
INTRO_THEMES = re.compile(r"\b(?:following|below|these|key|recurring|common) (?:themes|issues|areas|findings)\b|\bthemes? (?:have|has) been identified\b", re.I)
CONCERN_WORDS = re.compile(r"\b(issues?|concerns?|failures?|improvement|development|weak\w*|lack|insufficient|inconsistent|variable|poor|not|no|drift|delay)\b", re.I)
STRENGTH_WORDS = re.compile(r"\b(strengths?|good|effective|well|excellent|positive|improv(?:ed|ing)|clear)\b", re.I)
HEADERY = re.compile(r"^[^.!?]{2,90}$")

COMMITTEE_ASK = re.compile(r"^that (?:members|the committee|cabinet|the panel|scrutiny|the board)\b|^(?:members|the committee) (?:are|is) (?:asked|requested)|^the recommendations are\b", re.I)
PROGRESS = re.compile(r"\b(?:has|have) (?:now )?been (?:\w+ed|held|put in place|established|launched|upgraded|introduced|implemented|completed|reviewed|revised|developed|appointed|rolled out|written|agreed)\b|\bnow (?:in place|complete|established|embedded|available|evident|clearer)\b|\bcommenced\b|\b(?:was|were) introduced\b|\bha(?:s|ve) improved\b|\bthere is now\b|\b(?:is|are) now\b", re.I)
STOPWORDS = set("""the and for with that this from were have been their there which will should would could also into about when where what
other more most some such than then them they these those being only over under very well much many case cases audit audits audited
children child service services staff team teams work practice including include through within across each every all any""".split())


@dataclass
class Source:
    passage_id: int
    citation: str
    document_sha: str
    document_title: str | None
    date: str | None
    authority: str | None
    text: str
    loes: list[str] = field(default_factory=list)


@dataclass
class AuditFact:
    kind: str  # cases_audited | grade_share | period | scope | auditors
    value: object  # int for counts; (pct float, category) for shares; text otherwise
    text: str  # the sentence that states it
    source: Source

    def sentence(self) -> str:
        if self.kind == "cases_audited":
            return f"{self.value:,} cases audited"
        if self.kind == "grade_share":
            pct, category = self.value  # type: ignore[misc]
            return f"{pct:g}% of audited cases {category}"
        if self.kind == "auditors":
            return f"{self.value} auditors"
        return f"{self.kind}: {self.value}"


@dataclass
class ThemeMention:
    theme: str  # canonical
    name: str  # as printed
    polarity: str  # concern | strength
    detail: str
    source: Source
    actions: list[str] = field(default_factory=list)


@dataclass
class AuditAction:
    text: str
    action_id: str | None
    themes: list[str]
    source: Source
    progress: list[Source] = field(default_factory=list)


@dataclass
class DocumentAudit:
    document_sha: str
    title: str | None
    date: str | None
    authority: str | None
    kind: str | None
    facts: list[AuditFact] = field(default_factory=list)
    themes: list[ThemeMention] = field(default_factory=list)
    actions: list[AuditAction] = field(default_factory=list)

    @property
    def strengths(self) -> list[ThemeMention]:
        return [t for t in self.themes if t.polarity == "strength"]

    @property
    def improvements(self) -> list[ThemeMention]:
        return [t for t in self.themes if t.polarity == "concern"]

    def fact(self, kind: str) -> AuditFact | None:
        return next((f for f in self.facts if f.kind == kind), None)


def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])", " ".join(text.split()))
    return [p for p in parts if p]


def _loes(item: EvidenceItem | None, evidence: Evidence) -> list[str]:
    if item is None:
        return []
    out: list[str] = []
    for tag in sorted(item.tags, key=lambda t: -t.score):
        for loe in (tag.loe, _ancestor(evidence, tag.loe)):
            if loe and loe not in out:
                out.append(loe)
    return out


def _ancestor(evidence: Evidence, loe: str) -> str | None:
    try:
        return evidence.framework.ancestor(loe)
    except (KeyError, AttributeError):
        return None


def extract_findings(evidence: Evidence) -> list[DocumentAudit]:
    """Audit findings per audit-related document, in document date order."""
    docs_meta = {d.get("sha256"): d for d in (evidence.documents or [])}
    by_doc: dict[str, list[EvidenceItem]] = defaultdict(list)
    for item in evidence.items:
        by_doc[item.passage.document_sha].append(item)
    result = []
    for sha, items in by_doc.items():
        items.sort(key=lambda i: i.passage.ordinal)
        meta = docs_meta.get(sha, {})
        first = items[0].passage
        doc = DocumentAudit(sha, first.document_title or meta.get("title"), first.document_date or meta.get("date"),
                            meta.get("authority"), first.document_kind or meta.get("kind"))
        strong = (doc.kind == "audit report") or bool(AUDIT_WORD.search(doc.title or ""))
        mentions = sum(1 for i in items if AUDIT_WORD.search(i.passage.text))
        if not strong and mentions < 2:
            continue
        _Reader(evidence, doc, items, strong).read()
        if doc.facts or doc.themes:  # actions alone do not make a document audit evidence
            result.append(doc)
    # One report saved as PDF, DOCX and text is one report: keep the copy that yields most.
    best: dict[tuple, DocumentAudit] = {}
    for doc in result:
        key = ((doc.title or doc.document_sha).strip().lower(), doc.date, doc.authority)
        size = (len(doc.facts) + len(doc.themes) + len(doc.actions), doc.document_sha)
        if key not in best or size > (len(best[key].facts) + len(best[key].themes) + len(best[key].actions), best[key].document_sha):
            best[key] = doc
    result = sorted(best.values(), key=lambda d: (d.date or "", d.title or ""))
    _link_progress(evidence, result)
    return result


def compact_citations(citations: list[str]) -> list[str]:
    """'Report, 2013, para 10.2', 'Report, 2013, para 10.3' -> 'Report, 2013, paras 10.2, 10.3'."""
    groups: dict[str, list[str]] = {}
    for c in dict.fromkeys(citations):
        head, sep, label = c.rpartition(", para ")
        if sep:
            groups.setdefault(head, []).append(label)
        else:
            groups.setdefault(c, [])
    out = []
    for head, labels in groups.items():
        if not labels:
            out.append(head)
        elif len(labels) == 1:
            out.append(f"{head}, para {labels[0]}")
        else:
            out.append(f"{head}, paras {', '.join(labels)}")
    return out


class _Reader:
    def __init__(self, evidence: Evidence, doc: DocumentAudit, items: list[EvidenceItem], strong: bool) -> None:
        self.evidence, self.doc, self.items, self.strong = evidence, doc, items, strong
        self.progress_ids: set[int] = set()

    def source(self, item: EvidenceItem, text: str | None = None) -> Source:
        p = item.passage
        return Source(p.id, p.citation(), p.document_sha, p.document_title, p.document_date, self.doc.authority,
                      text if text is not None else p.text, _loes(item, self.evidence))

    def read(self) -> None:
        self._facts()
        self._blocks()
        self._tables()

    # -------------------------------------------------------------- facts
    def _facts(self) -> None:
        """Audit statistics come from the facts layer (facts.audit_stats), not from parsing again.

        Evidence put together without the facts stage (no facts at all) gets them read from this
        document's passages by the same function."""
        by_pid = {item.passage.id: item for item in self.items}
        stats = getattr(self.evidence, "audit_stats", None) or []
        if not stats and not getattr(self.evidence, "facts", None):
            from facts.audit_stats import read_audit_stats

            stats = read_audit_stats([i.passage for i in self.items], self.doc.authority, self.doc.title, self.doc.kind)
        for stat in stats:
            if stat.source.document_sha != self.doc.document_sha:
                continue
            item = by_pid.get(stat.source.passage_id) if stat.source.passage_id is not None else None
            if item is None:
                continue
            value = (float(stat.value), stat.grade) if stat.kind == "grade_share" else stat.value  # type: ignore[arg-type]
            self.doc.facts.append(AuditFact(stat.kind, value, stat.source.words, self.source(item, stat.source.words)))

    # -------------------------------------------------------------- heading blocks
    def _blocks(self) -> None:
        block: dict | None = None
        actions_mode = False
        current: ThemeMention | None = None
        for item in self.items:
            p = item.passage
            text = p.text.strip()
            is_heading = p.kind == "heading" or (p.kind == "paragraph" and p.label and re.fullmatch(r"\d+", p.label or "") and HEADERY.match(text) and len(text.split()) <= 10)
            if p.kind == "table row":
                continue
            if is_heading:
                top = bool(p.label and re.fullmatch(r"\d+", p.label))
                context_audit = self.strong or bool(AUDIT_WORD.search(text))
                if OPEN_STRENGTH.search(text) and not STOP.search(text) and context_audit:
                    block, actions_mode, current = {"polarity": "strength", "opener": item, "top": top, "list": True}, False, None
                    continue
                if OPEN_CONCERN.search(text) and not STOP.search(text) and (context_audit or AUDIT_WORD.search(text)):
                    block, actions_mode, current = {"polarity": None, "opener": item, "top": top, "list": True}, False, None
                    continue
                if ACTIONS_HEADING.search(text) and not re.search(r"reasons? for|alternative options", text, re.I) and (self.strong or AUDIT_WORD.search(" ".join(p.heading_path) + text)):
                    block, actions_mode, current = None, True, None
                    continue
                if PROGRESS_HEADING.search(text):
                    block, actions_mode, current = None, False, None
                    self._progress_section = True
                    continue
                if block is not None and not STOP.search(text) and not top and len(text.split()) <= 10:
                    polarity = block["polarity"] or _polarity_of(text, None)
                    current = ThemeMention(canonical(text) or text.lower(), text, polarity, "", self.source(item, text))
                    block["list"] = False
                    self.doc.themes.append(current)
                    continue
                block, actions_mode, current = None, False, None
                continue
            # paragraphs and list items
            if actions_mode and (p.label or p.kind == "list item") and not text.endswith(":"):
                if not re.search(r"\b(following|below) (proposals|recommendations|actions)\b", text, re.I) and not COMMITTEE_ASK.search(text):
                    self.doc.actions.append(AuditAction(text, p.label, _themes_of(text), self.source(item)))
                continue
            if block is None:
                if INTRO_THEMES.search(text) and AUDIT_WORD.search(text + " ".join(p.heading_path)) and text.endswith(":"):
                    block = {"polarity": None, "opener": item, "top": False, "list": True}
                continue
            if current is not None:
                if not current.detail:
                    current.detail = text
                    current.source = self.source(item)
                    if block["polarity"] is None:
                        current.polarity = _polarity_of(current.name + " " + text, item)
                continue
            if INTRO_THEMES.search(text) or text.endswith(":") and block["list"]:
                if block["polarity"] is None and CONCERN_WORDS.search(text) and re.search(r"issues|concerns|improv|develop|failings|weakness", text, re.I):
                    block["polarity"] = "concern"
                continue
            if block["list"] and p.kind == "list item" and len(text.split()) <= 40:
                polarity = block["polarity"] or _polarity_of(text, item)
                self.doc.themes.append(ThemeMention(canonical(text, fallback=False) or "general practice", _short(text), polarity, text, self.source(item)))

    # -------------------------------------------------------------- tables
    def _tables(self) -> None:
        groups: list[list[EvidenceItem]] = []
        previous = None
        for item in self.items:
            p = item.passage
            if p.kind != "table row":
                previous = None
                continue
            if previous is not None and previous.passage.heading_path == p.heading_path and p.ordinal == previous.passage.ordinal + 1:
                groups[-1].append(item)
            else:
                groups.append([item])
            previous = item
        for rows in groups:
            self._table(rows)

    def _table(self, rows: list[EvidenceItem]) -> None:
        heading = " ".join(rows[0].passage.heading_path)
        cells = lambda it: [c.strip() for c in _cells(it.passage)]  # noqa: E731
        header = cells(rows[0])
        is_header = len(header) >= 2 and all(len(c.split()) <= 5 and not c.endswith(".") for c in header) and not any(re.fullmatch(r"\d+", c) for c in header)
        context_audit = self.strong or AUDIT_WORD.search(heading)
        polarity = "strength" if OPEN_STRENGTH.search(heading) else ("concern" if OPEN_CONCERN.search(heading) else None)
        if is_header:
            lower = [h.lower() for h in header]
            theme_col = next((i for i, h in enumerate(lower) if re.search(r"\b(theme|area|issue|topic|domain)s?\b", h) and not re.search(r"key issues|action", h)), None)
            detail_col = next((i for i, h in enumerate(lower) if i != theme_col and re.search(r"issues|findings|evidence|what we found|detail|concern|strength", h)), None)
            action_col = next((i for i, h in enumerate(lower) if re.search(r"action|recommend|next step|response", h)), None)
            audit_col = next((i for i, h in enumerate(lower) if re.search(r"\baudits?\b|type", h)), None)
            focus_col = next((i for i, h in enumerate(lower) if re.search(r"focus|scope|subject", h)), None)
            if theme_col is not None and context_audit:
                last: ThemeMention | None = None
                for it in rows[1:]:
                    c = cells(it)
                    if len(c) < len(header) and last is not None:  # a row broken across pages: continuation
                        if action_col is not None and c:
                            if last.actions:
                                last.actions[-1] += " " + c[-1]
                            last.detail += " " + " ".join(c[:-1])
                        continue
                    if len(c) <= theme_col:
                        continue
                    name = c[theme_col].rstrip(":. ")
                    detail = c[detail_col] if detail_col is not None and detail_col < len(c) else ""
                    pol = polarity or _polarity_of(detail, it)
                    last = ThemeMention(canonical(name) or name.lower(), name, pol, detail, self.source(it))
                    if action_col is not None and action_col < len(c) and c[action_col]:
                        last.actions.append(c[action_col])
                    self.doc.themes.append(last)
                for mention in [t for t in self.doc.themes if t.source.passage_id in {r.passage.id for r in rows}]:
                    for text in mention.actions:
                        self.doc.actions.append(AuditAction(text, None, [mention.theme], mention.source))
                return
            if audit_col is not None and focus_col is not None and context_audit:
                kind = ""
                for it in rows[1:]:
                    c = cells(it)
                    if len(c) >= len(header):
                        kind = c[audit_col]
                        focus = c[focus_col]
                    elif len(c) >= 1:
                        focus = c[0]
                    else:
                        continue
                    value = f"{kind}: {_first_sentence(focus)}" if kind else _first_sentence(focus)
                    self.doc.facts.append(AuditFact("scope", value, it.passage.text, self.source(it)))
                return
        if polarity and context_audit:
            for it in rows[(1 if is_header else 0):]:
                c = [x for x in cells(it) if not re.fullmatch(r"\d+[.)]?", x)]
                if not c:
                    continue
                text = max(c, key=len)
                self.doc.themes.append(ThemeMention(canonical(text, fallback=False) or "general practice", _short(text), polarity, text, self.source(it)))


def _cells(p: Passage) -> list[str]:
    cells = getattr(p, "cells", None)
    if cells:
        return list(cells)
    return [c for c in p.text.split(" | ")]


def _short(text: str, words: int = 12) -> str:
    return shorten(text, words=words)


def _first_sentence(text: str) -> str:
    s = sentences(text)
    return _short(s[0], 16) if s else text


def _polarity_of(text: str, item: EvidenceItem | None) -> str:
    if item is not None and item.label and item.polarity in ("strength", "concern"):
        return item.polarity
    concern = len(CONCERN_WORDS.findall(text))
    strength = len(STRENGTH_WORDS.findall(text))
    return "strength" if strength > concern else "concern"


def _themes_of(text: str) -> list[str]:
    from audits.themes import all_themes

    return all_themes(text)


def _keywords(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{5,}", text.lower()) if w not in STOPWORDS}


def _link_progress(evidence: Evidence, docs: list[DocumentAudit]) -> None:
    """Later passages (same authority, same or later date) that report progress on an action."""
    items = sorted(evidence.items, key=lambda i: (i.passage.document_date or "", i.passage.document_sha, i.passage.ordinal))
    meta = {d.get("sha256"): d for d in (evidence.documents or [])}
    action_ids = {a.source.passage_id for d in docs for a in d.actions}
    candidates = [i for i in items if i.passage.id not in action_ids and i.passage.kind != "heading" and PROGRESS.search(i.passage.text)]
    by_id = evidence.by_passage()
    for doc in docs:
        for action in doc.actions:
            own = by_id.get(action.source.passage_id)
            if own is None:
                continue
            keys = _keywords(action.text)
            themes = set(action.themes)
            scored = []
            for cand in candidates:
                p = cand.passage
                authority = (meta.get(p.document_sha) or {}).get("authority")
                if doc.authority and authority and authority != doc.authority:
                    continue
                if p.document_sha != own.passage.document_sha and (p.document_title, p.document_date) == (own.passage.document_title, own.passage.document_date):
                    continue  # the same report in another format
                if p.document_sha == own.passage.document_sha:
                    if p.ordinal <= own.passage.ordinal:
                        continue
                elif (p.document_date or "") < (own.passage.document_date or ""):
                    continue
                shared = keys & _keywords(p.text)
                shared_themes = themes & set(_themes_of(p.text))
                if len(shared) >= 2 or (shared_themes and shared):
                    scored.append((len(shared) + 2 * len(shared_themes), cand))
            scored.sort(key=lambda s: -s[0])
            for _, cand in scored[:2]:
                p = cand.passage
                action.progress.append(Source(p.id, p.citation(), p.document_sha, p.document_title, p.document_date,
                                              (meta.get(p.document_sha) or {}).get("authority"), p.text, _loes(cand, evidence)))
        # actions an action plan itself links to progress (facts layer)
        action_passages = {a.source.passage_id for a in doc.actions}
        for tagged in evidence.actions:
            tagged_pid = tagged.source.passage_id
            item = by_id.get(tagged_pid) if tagged_pid is not None else None
            if item is None or item.passage.document_sha != doc.document_sha or not tagged.progress_passage_ids:
                continue
            if tagged_pid in action_passages:
                target = next(a for a in doc.actions if a.source.passage_id == tagged_pid)
            else:
                target = AuditAction(tagged.text, tagged.action_id or None, _themes_of(tagged.text), Source(
                    item.passage.id, item.passage.citation(), item.passage.document_sha, item.passage.document_title,
                    item.passage.document_date, doc.authority, item.passage.text, _loes(item, evidence)))
                doc.actions.append(target)
            for pid in tagged.progress_passage_ids:
                prog = by_id.get(pid)
                if prog and pid not in {s.passage_id for s in target.progress}:
                    p = prog.passage
                    target.progress.append(Source(p.id, p.citation(), p.document_sha, p.document_title, p.document_date,
                                                  (meta.get(p.document_sha) or {}).get("authority"), p.text, _loes(prog, evidence)))
