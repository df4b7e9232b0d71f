"""One view across all audit activity: stored audit returns plus audit findings in documents.

`audit_section(evidence, settings)` is what the pack builder and narratives call.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from audits.findings import AuditAction, DocumentAudit, Source, ThemeMention, extract_findings, sentences
from audits.grades import GOOD_OR_BETTER, GRADES, RANK
from audits.ingest import AuditRow
from audits.themes import canonical
from evidence_store.evidence import Evidence

NOT_RECORDED = "not recorded"
WEAK = ("requires improvement", "inadequate")
NEGATIVE = re.compile(r"\b(not|no|missing|overdue|delay\w*|brief|out of date|lack\w*|insufficient|inconsistent|drift|without|poor|unclear|late)\b", re.I)


@dataclass
class GradeCounts:
    key: str  # quarter, team, or "team|quarter"
    total: int
    counts: dict[str, int]

    def share(self, grades: tuple[str, ...] = GOOD_OR_BETTER) -> float:
        return 100.0 * sum(self.counts.get(g, 0) for g in grades) / self.total if self.total else 0.0

    @property
    def good_or_better(self) -> float:
        return self.share(GOOD_OR_BETTER)


@dataclass
class ReturnsView:
    """Figures from the stored audit returns."""

    total: int
    first: date | None
    last: date | None
    by_quarter: list[GradeCounts]
    by_team: list[GradeCounts]
    by_team_quarter: dict[str, dict[str, GradeCounts]]  # team -> quarter -> counts
    theme_weak: dict[str, dict[str, tuple[int, int]]]  # theme -> quarter -> (weak, scored)
    trend: str  # improving | declining | steady | too little data
    trend_points: float  # change in good-or-better share, first to last quarter
    reaudits: list[tuple[str, AuditRow, AuditRow]] = field(default_factory=list)  # (case_key, earlier, later)


@dataclass
class RankedTheme:
    theme: str
    occurrences: int  # audit rounds it appears in: documents, or quarters of returns where it is weak
    mentions: int
    first: str | None
    last: str | None
    score: float  # recency-weighted occurrences
    concern: int
    strength: int
    sources: list[str]  # citations (documents) or "audit returns 2025-Q1" style
    examples: list[str]
    loes: list[str] = field(default_factory=list)


@dataclass
class Improvement:
    what: str
    before: str
    after: str
    sources: list[str]
    loes: list[str] = field(default_factory=list)


@dataclass
class ActionProgress:
    action: str
    action_id: str | None
    source: str
    themes: list[str]
    progress: list[str]  # citations or descriptions of later evidence
    progress_text: list[str]
    loes: list[str] = field(default_factory=list)

    @property
    def has_progress(self) -> bool:
        return bool(self.progress)


@dataclass
class GoodPractice:
    text: str
    theme: str
    citation: str
    passage_id: int | None
    kind: str  # audit strength | outcome evidence | audit return
    loes: list[str] = field(default_factory=list)


@dataclass
class DataSentence:
    text: str
    citations: list[str]
    passage_ids: list[int]
    loes: list[str]
    kind: str

    def __post_init__(self) -> None:
        from audits.findings import compact_citations

        self.citations = compact_citations(self.citations)


@dataclass
class LoeAudit:
    loe: str
    title: str
    sentences: list[DataSentence] = field(default_factory=list)
    themes: list[RankedTheme] = field(default_factory=list)
    good_practice: list[GoodPractice] = field(default_factory=list)
    actions: list[ActionProgress] = field(default_factory=list)


@dataclass
class AuditSummary:
    since: date | None
    loe: str | None
    documents: list[DocumentAudit]
    returns: ReturnsView | None
    themes: list[RankedTheme]
    improvements: list[Improvement]
    actions: list[ActionProgress]
    good_practice: list[GoodPractice]
    sentences: list[DataSentence]
    by_loe: dict[str, LoeAudit]
    imports: list[dict] = field(default_factory=list)
    qa_loe: str | None = None

    @property
    def empty(self) -> bool:
        return not self.documents and not (self.returns and self.returns.total)

    def chart_svg(self) -> str:
        from audits.render import trend_chart

        return trend_chart(self).svg()

    def chart_png(self) -> bytes:
        from audits.render import trend_chart

        return trend_chart(self).png()


# ------------------------------------------------------------------------------------- returns
def returns_view(rows: list[AuditRow]) -> ReturnsView | None:
    if not rows:
        return None
    def counts(key: str, group: list[AuditRow]) -> GradeCounts:
        c = Counter(r.grade for r in group)
        return GradeCounts(key, len(group), {g: c.get(g, 0) for g in GRADES})
    by_q: dict[str, list[AuditRow]] = defaultdict(list)
    by_t: dict[str, list[AuditRow]] = defaultdict(list)
    by_tq: dict[str, dict[str, list[AuditRow]]] = defaultdict(lambda: defaultdict(list))
    theme_weak: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for r in rows:
        team = r.team or NOT_RECORDED
        by_q[r.quarter].append(r)
        by_t[team].append(r)
        by_tq[team][r.quarter].append(r)
        for theme, grade in r.theme_scores.items():
            cell = theme_weak[theme][r.quarter]
            cell[1] += 1
            cell[0] += grade in WEAK
    quarters = [counts(q, by_q[q]) for q in sorted(by_q)]
    teams = sorted((counts(t, g) for t, g in by_t.items()), key=lambda c: (-c.total, c.key))
    trend, points = "too little data", 0.0
    if len(quarters) >= 2:
        points = quarters[-1].good_or_better - quarters[0].good_or_better
        trend = "improving" if points >= 5 else "declining" if points <= -5 else "steady"
    by_case: dict[str, list[AuditRow]] = defaultdict(list)
    for r in rows:
        by_case[r.case_key].append(r)
    reaudits = []
    for key, group in by_case.items():
        group.sort(key=lambda r: r.audit_date)
        for earlier, later in zip(group, group[1:]):
            reaudits.append((key, earlier, later))
    dates = [r.audit_date for r in rows]
    return ReturnsView(
        len(rows), min(dates), max(dates), quarters, teams,
        {t: {q: counts(f"{t}|{q}", g) for q, g in sorted(qs.items())} for t, qs in by_tq.items()},
        {t: {q: (v[0], v[1]) for q, v in sorted(qs.items())} for t, qs in theme_weak.items()},
        trend, points, reaudits,
    )


def _finding_themes(rows: list[AuditRow]) -> dict[str, dict[str, list[str]]]:
    """theme -> quarter -> weak finding sentences, from the free-text findings of returns."""
    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        for s in sentences(r.findings or ""):
            for part in s.split("; ") if ";" in s and NEGATIVE.search(s) else [s]:
                theme = canonical(part, fallback=False)
                if theme and NEGATIVE.search(part):
                    out[theme][r.quarter].append(s)
                    break
    return out


# ------------------------------------------------------------------------------------- mapping to lines
class _LoeMapper:
    def __init__(self, framework) -> None:  # type: ignore[no-untyped-def]
        self.framework = framework
        self.lines = list(getattr(framework, "lines", ()) or ())
        qa = [l for l in self.lines if any(c in ("case audit", "audit", "quality assurance framework") for c in l.cues)]
        qa.sort(key=lambda l: (l.parent is None, -len(l.cues)))
        self.qa = qa[0].id if qa else None

    def ancestor(self, loe: str) -> str:
        try:
            return self.framework.ancestor(loe)
        except (KeyError, AttributeError):
            return loe

    def for_text(self, text: str, with_qa: bool = True) -> list[str]:
        low = f" {text.lower()} "
        scored = []
        for line in self.lines:
            hits = sum(1 for c in line.cues if len(c) > 3 and re.search(rf"\b{re.escape(c)}\b", low))
            if hits:
                scored.append((hits, line.parent is not None, line.id))
        scored.sort(reverse=True)
        out: list[str] = []
        for _, _, loe in scored[:2]:
            for x in (loe, self.ancestor(loe)):
                if x not in out:
                    out.append(x)
        if with_qa and self.qa:
            for x in (self.qa, self.ancestor(self.qa)):
                if x not in out:
                    out.append(x)
        return out

    def title(self, loe: str) -> str:
        try:
            return self.framework.line(loe).title
        except (KeyError, AttributeError):
            return loe


def _years(a: str | None, b: str | None) -> float:
    try:
        return abs((date.fromisoformat(b[:10]) - date.fromisoformat(a[:10])).days) / 365.25  # type: ignore[index]
    except (TypeError, ValueError):
        return 0.0


# ------------------------------------------------------------------------------------- the summary
def build_summary(evidence: Evidence, rows: list[AuditRow], since: date | None = None, loe: str | None = None,
                  imports: list[dict] | None = None, half_life_years: float = 2.0) -> AuditSummary:
    mapper = _LoeMapper(evidence.framework)
    docs = extract_findings(evidence)
    if since:
        docs = [d for d in docs if not d.date or d.date >= since.isoformat()]
        rows = [r for r in rows if r.audit_date >= since]
    view = returns_view(rows)

    def src_loes(source: Source, text: str) -> list[str]:
        out = list(source.loes)
        for x in mapper.for_text(text):
            if x not in out:
                out.append(x)
        return out

    # ---- themes: occurrences from documents and from quarters of returns
    occ: dict[str, list[dict]] = defaultdict(list)
    for d in docs:
        for t in d.themes:
            occ[t.theme].append({"date": d.date, "round": d.document_sha, "polarity": t.polarity, "citation": t.source.citation,
                                 "example": t.detail or t.name, "loes": src_loes(t.source, t.name + " " + t.detail)})
    if view:
        finding_themes = _finding_themes(rows)
        for theme, quarters in view.theme_weak.items():
            for q, (weak, scored) in quarters.items():
                if scored and weak / scored >= 0.25:
                    occ[theme].append({"date": _quarter_end(q), "round": f"returns {q}", "polarity": "concern", "count": weak,
                                       "citation": f"audit returns {q}: {theme} weak in {weak} of {scored} audits", "share": weak / scored,
                                       "example": f"{100 * weak / scored:.0f}% of {q} audits scored {theme} requires improvement or inadequate",
                                       "loes": mapper.for_text(theme)})
        for theme, quarters in finding_themes.items():
            for q, found in quarters.items():
                total_q = next((c.total for c in view.by_quarter if c.key == q), 0)
                if total_q and len(found) / total_q >= 0.1:
                    occ[theme].append({"date": _quarter_end(q), "round": f"returns {q}", "polarity": "concern", "count": len(found),
                                       "citation": f"audit returns {q}: findings on {theme} in {len(found)} audits", "share": len(found) / total_q,
                                       "example": Counter(found).most_common(1)[0][0], "loes": mapper.for_text(theme)})
    latest = max((o["date"] for os in occ.values() for o in os if o["date"]), default=None)
    themes: list[RankedTheme] = []
    for theme, os in occ.items():
        rounds = {o["round"] for o in os}
        dates = sorted(o["date"] for o in os if o["date"])
        score = 0.0
        for r in rounds:
            d = max((o["date"] or "" for o in os if o["round"] == r), default="")
            weight = max((o.get("share", 1.0) for o in os if o["round"] == r), default=1.0)
            score += weight * (0.5 ** (_years(d, latest) / half_life_years) if d and latest else 0.5)
        loes: list[str] = []
        for o in os:
            for x in o["loes"]:
                if x not in loes:
                    loes.append(x)
        themes.append(RankedTheme(
            theme, len(rounds), sum(o.get("count", 1) for o in os), dates[0] if dates else None, dates[-1] if dates else None,
            round(score, 3), sum(1 for o in os if o["polarity"] == "concern"), sum(1 for o in os if o["polarity"] == "strength"),
            _sources(os), list(dict.fromkeys(o["example"] for o in os))[:3], loes))
    themes.sort(key=lambda t: (-t.score, -t.occurrences, -t.mentions, t.theme))

    # ---- what improved
    improvements: list[Improvement] = []
    if view and len(view.by_quarter) >= 2:
        a, b = view.by_quarter[0], view.by_quarter[-1]
        if b.good_or_better > a.good_or_better:
            improvements.append(Improvement("audits graded good or better", f"{a.good_or_better:.0f}% in {a.key} ({a.total} audits)",
                                            f"{b.good_or_better:.0f}% in {b.key} ({b.total} audits)", ["audit returns"], mapper.for_text("")))
        if b.share(("inadequate",)) < a.share(("inadequate",)):
            improvements.append(Improvement("audits graded inadequate", f"{a.share(('inadequate',)):.0f}% in {a.key}",
                                            f"{b.share(('inadequate',)):.0f}% in {b.key}", ["audit returns"], mapper.for_text("")))
        for theme, quarters in view.theme_weak.items():
            qs = [q for q in quarters if quarters[q][1]]
            if len(qs) >= 2:
                w0, n0 = quarters[qs[0]]
                w1, n1 = quarters[qs[-1]]
                if n0 and n1 and (w0 / n0 - w1 / n1) >= 0.05:
                    improvements.append(Improvement(f"{theme} scored requires improvement or inadequate", f"{100 * w0 / n0:.0f}% in {qs[0]}",
                                                    f"{100 * w1 / n1:.0f}% in {qs[-1]}", ["audit returns"], mapper.for_text(theme)))
        for team, quarters in sorted(view.by_team_quarter.items()):
            qs = list(quarters)
            if len(qs) >= 2 and quarters[qs[0]].total >= 3 and quarters[qs[-1]].total >= 3:
                x, y = quarters[qs[0]], quarters[qs[-1]]
                if y.good_or_better - x.good_or_better >= 10:
                    improvements.append(Improvement(f"{team}: audits good or better", f"{x.good_or_better:.0f}% in {qs[0]}",
                                                    f"{y.good_or_better:.0f}% in {qs[-1]}", ["audit returns"], mapper.for_text(team)))
    if view and view.reaudits:
        better = [(k, e, l) for k, e, l in view.reaudits if RANK[l.grade] < RANK[e.grade]]
        if better:
            improvements.append(Improvement("re-audited cases", f"{len(view.reaudits)} cases audited again",
                                            f"{len(better)} graded better at re-audit", ["audit returns"], mapper.for_text("")))
    by_authority: dict[str | None, list[DocumentAudit]] = defaultdict(list)
    for d in docs:
        by_authority[d.authority].append(d)
    for authority, group in by_authority.items():
        for earlier_i, earlier in enumerate(group):
            for later in group[earlier_i + 1:]:
                for t in earlier.improvements:
                    after = [s for s in later.strengths if s.theme == t.theme]
                    still = [s for s in later.improvements if s.theme == t.theme]
                    if after and not still:
                        improvements.append(Improvement(t.theme, f"area for improvement ({t.source.citation})",
                                                        f"a strength ({after[0].source.citation})", [t.source.citation, after[0].source.citation],
                                                        src_loes(after[0].source, t.theme)))

    # ---- actions and later progress
    actions: list[ActionProgress] = []
    for d in docs:
        for a in d.actions:
            actions.append(ActionProgress(a.text, a.action_id, a.source.citation, a.themes, [s.citation for s in a.progress],
                                          [s.text for s in a.progress], src_loes(a.source, a.text)))
    if view:
        for key, earlier, later in view.reaudits:
            if earlier.actions:
                better = RANK[later.grade] < RANK[earlier.grade]
                themes_better = [t for t, g in later.theme_scores.items() if t in earlier.theme_scores and RANK[g] < RANK[earlier.theme_scores[t]]]
                progress = []
                if better or themes_better:
                    progress.append(f"re-audit {later.audit_date.isoformat()}: {earlier.grade} → {later.grade}"
                                    + (f"; better on {', '.join(themes_better)}" if themes_better else ""))
                actions.append(ActionProgress(earlier.actions, None, f"audit return {earlier.audit_date.isoformat()} ({key})",
                                              [canonical(earlier.actions, fallback=False) or "other"], progress, [], mapper.for_text(earlier.actions)))

    # ---- good practice bank
    good: list[GoodPractice] = []
    # only what the tagger calls a strength: a finding listed near "strengths" can still be a
    # criticism ("cleansing activity ... without the benefit of a robust risk assessment")
    polarity_of = {item.passage.id: item.label.polarity for item in evidence.items if item.label}
    for d in docs:
        for t in d.strengths:
            if polarity_of.get(t.source.passage_id, "strength") != "strength":  # untagged: the finding stands
                continue
            good.append(GoodPractice(t.detail or t.name, t.theme, t.source.citation, t.source.passage_id, "audit strength",
                                     src_loes(t.source, t.detail or t.name)))
    audit_shas = {d.document_sha for d in docs}
    for item in evidence.items:
        if item.passage.document_sha in audit_shas and item.role == "outcome" and item.polarity == "strength":
            if item.passage.id not in {g.passage_id for g in good}:
                good.append(GoodPractice(item.passage.text, canonical(item.passage.text, fallback=False) or "other", item.passage.citation(),
                                         item.passage.id, "outcome evidence", src_loes(Source(item.passage.id, "", "", None, None, None, "", [t.loe for t in item.tags]), item.passage.text)))
    if view:
        outstanding = [r for r in rows if r.grade == "outstanding"]
        if outstanding:
            good.append(GoodPractice(f"{len(outstanding)} audits graded outstanding between {outstanding[0].audit_date.isoformat()} and "
                                     f"{outstanding[-1].audit_date.isoformat()}", "overall", "audit returns", None, "audit return", mapper.for_text("")))

    # ---- data sentences
    sents: list[DataSentence] = []
    for d in docs:
        who = d.authority or d.title or "the council"
        n = d.fact("cases_audited")
        period = d.fact("period")
        shares = [f for f in d.facts if f.kind == "grade_share"]
        if n:
            text = f"{who}'s audit programme looked at {n.value:,} cases" + (f" ({period.value})" if period else "") + "."
            cites = [n.source] + ([period.source] if period else [])
            sents.append(DataSentence(text, [s.citation for s in cites], [s.passage_id for s in cites], src_loes(n.source, ""), "cases audited"))
        for f in shares:
            pct, category = f.value  # type: ignore[misc]
            text = f"{pct:g}% of the cases {who} audited" + (f" ({period.value})" if period else "") + f" were judged {category}."
            cites = [f.source] + ([period.source] if period else [])  # every figure the sentence states is cited
            sents.append(DataSentence(text, [s.citation for s in cites], [s.passage_id for s in cites], src_loes(f.source, ""), "grade share"))
        concerns = list(dict.fromkeys(t.theme for t in d.improvements))
        if concerns:
            sents.append(DataSentence(f"{who}'s audits found recurring issues with {_join(concerns)}.",
                                      list(dict.fromkeys(t.source.citation for t in d.improvements)), [t.source.passage_id for t in d.improvements],
                                      mapper.for_text(" ".join(concerns)), "themes"))
        strengths = list(dict.fromkeys(t.theme for t in d.strengths if t.theme != "general practice"))
        if strengths:
            sents.append(DataSentence(f"{who}'s audits found strengths in {_join(strengths)}.",
                                      list(dict.fromkeys(t.source.citation for t in d.strengths)), [t.source.passage_id for t in d.strengths],
                                      mapper.for_text(" ".join(strengths)), "strengths"))
    if view:
        first, last = view.by_quarter[0], view.by_quarter[-1]
        sents.append(DataSentence(
            f"{view.total} case audits were returned between {view.first.isoformat()} and {view.last.isoformat()}; "  # type: ignore[union-attr]
            f"{sum(c.counts['outstanding'] + c.counts['good'] for c in view.by_quarter) * 100 / view.total:.0f}% were graded good or better.",
            ["audit returns"], [], mapper.for_text(""), "cases audited"))
        if len(view.by_quarter) >= 2:
            sents.append(DataSentence(
                f"Audits graded good or better went from {first.good_or_better:.0f}% in {first.key} ({first.total} audits) to "
                f"{last.good_or_better:.0f}% in {last.key} ({last.total} audits).", ["audit returns"], [], mapper.for_text(""), "trend"))
        weak_now = sorted(((w / n, t) for t, qs in view.theme_weak.items() for q, (w, n) in qs.items() if q == last.key and n), reverse=True)
        if weak_now:
            share, theme = weak_now[0]
            sents.append(DataSentence(f"The weakest theme in {last.key} audits was {theme}: {share * 100:.0f}% scored requires improvement or inadequate.",
                                      ["audit returns"], [], mapper.for_text(theme), "themes"))
    done = [a for a in actions if a.has_progress]
    if actions:
        sents.append(DataSentence(f"{len(done)} of {len(actions)} audit actions have later evidence of progress.",
                                  list(dict.fromkeys(c for a in done for c in a.progress))[:6], [], [x for x in ([mapper.qa, mapper.ancestor(mapper.qa)] if mapper.qa else [])], "actions"))

    # ---- per line of enquiry
    by_loe: dict[str, LoeAudit] = {}
    def bucket(loe_id: str) -> LoeAudit:
        if loe_id not in by_loe:
            by_loe[loe_id] = LoeAudit(loe_id, mapper.title(loe_id))
        return by_loe[loe_id]
    for s in sents:
        for x in s.loes:
            bucket(x).sentences.append(s)
    for t in themes:
        for x in t.loes:
            bucket(x).themes.append(t)
    for g in good:
        for x in g.loes:
            bucket(x).good_practice.append(g)
    for a in actions:
        for x in a.loes:
            bucket(x).actions.append(a)

    summary = AuditSummary(since, loe, docs, view, themes, improvements, actions, good, sents, by_loe, imports or [], mapper.qa)
    if loe:
        summary = _filter_loe(summary, loe, mapper)
    return summary


def _filter_loe(s: AuditSummary, loe: str, mapper: _LoeMapper) -> AuditSummary:
    keep = lambda loes: loe in loes  # noqa: E731
    s.themes = [t for t in s.themes if keep(t.loes)]
    s.improvements = [i for i in s.improvements if keep(i.loes)]
    s.actions = [a for a in s.actions if keep(a.loes)]
    s.good_practice = [g for g in s.good_practice if keep(g.loes)]
    s.sentences = [x for x in s.sentences if keep(x.loes)]
    s.by_loe = {k: v for k, v in s.by_loe.items() if k == loe}
    return s


def _sources(os: list[dict]) -> list[str]:
    docs = [o["citation"] for o in os if not str(o["round"]).startswith("returns ")]
    quarters = sorted({str(o["round"])[8:] for o in os if str(o["round"]).startswith("returns ")})
    out = list(dict.fromkeys(docs))
    if quarters:
        scored = [o for o in os if "share" in o and "weak in" in o["citation"]]
        last = max(scored, key=lambda o: o["date"]) if scored else None
        out.append(f"audit returns {quarters[0]}–{quarters[-1]}" + (f" (weak in {last['share'] * 100:.0f}% of {last['round'][8:]} audits)" if last else ""))
    return out


def _quarter_end(q: str) -> str:
    year, n = q.split("-Q")
    month = int(n) * 3
    return date(int(year), month, 30 if month in (6, 9) else 31).isoformat()


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def audit_section(evidence: Evidence, settings, since: date | None = None, loe: str | None = None) -> AuditSummary:  # type: ignore[no-untyped-def]
    """Everything the pack needs about audit and quality assurance (documents + stored returns)."""
    rows: list[AuditRow] = []
    imports: list[dict] = []
    store = getattr(settings, "store", None)
    if store:
        from audits.store import AuditStore

        audit_store = AuditStore.for_settings(settings)
        rows = audit_store.rows()
        imports = audit_store.imports()
    return build_summary(evidence, rows, since=since, loe=loe, imports=imports)
