"""Audit and quality assurance in the pack: audits.md, good-practice.md, the trend chart and an
"Audit and quality assurance" entry per line of enquiry.

Nothing here changes the plan: audit entries sit beside the numbered items (their own sub-list
per area), so the numbering of ordinary items is the same with or without audit evidence. Every
audit fact, theme and action keeps its citation; a citation whose passage is a pack item links to it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from evidence_store.evidence import Evidence
from packs.model import PackPlan
from templates.text import clean, md_escape, plural, shorten

AUDITS_FILE = "audits.md"
GOOD_PRACTICE_FILE = "good-practice.md"
CHART_FILE = "audit-trend.svg"
MAX_THEMES = 5
MAX_ACTIONS = 5
MAX_SENTENCES = 8


@dataclass
class AuditCite:
    text: str  # the citation as the audit view gives it
    refs: list[str] = field(default_factory=list)  # pack item numbers of its passages

    @property
    def anchors(self) -> list[tuple[str, str]]:
        return [(ref, "item-" + ref.replace(".", "-")) for ref in self.refs]


@dataclass
class AuditEntry:
    kind: str  # audit fact | theme | action | good practice
    text: str
    cites: list[AuditCite]
    note: str = ""  # e.g. "progress evidenced"

    @property
    def refs(self) -> list[str]:
        return list(dict.fromkeys(r for c in self.cites for r in c.refs))

    @property
    def css(self) -> str:
        return re.sub(r"[^a-z]+", "-", self.kind.lower()).strip("-")

    def citation_text(self) -> str:
        parts = []
        for c in self.cites:
            parts.append(c.text + (f" [pack item {', '.join(c.refs)}]" if c.refs else ""))
        return "; ".join(parts)


@dataclass
class PackAudit:
    """What the pack shows about audit activity; `summary` is None when the audit view failed."""

    summary: object | None
    by_area: dict[str, list[AuditEntry]]
    good_practice: list[AuditEntry]
    key_figures: list[AuditEntry]
    status: str  # ok | empty | failed
    chart_svg: str = ""
    chart_png: bytes = b""

    @property
    def has_chart(self) -> bool:
        return bool(self.chart_svg)

    def manifest(self) -> dict:
        s = self.summary
        return {
            "status": self.status,
            "documents": len(getattr(s, "documents", []) or []),
            "returns": int(getattr(getattr(s, "returns", None), "total", 0) or 0),
            "data_sentences": len(getattr(s, "sentences", []) or []),
            "themes": len(getattr(s, "themes", []) or []),
            "actions": len(getattr(s, "actions", []) or []),
            "good_practice": len(self.good_practice),
            "areas": {area: len(entries) for area, entries in sorted(self.by_area.items())},
            "qa_line": getattr(s, "qa_loe", None),
        }


# ----------------------------------------------------------------------------- the audit view
def audit_summary(evidence: Evidence, settings: object) -> tuple[object | None, list[str]]:
    """The audit view, or None and a warning. A store path that does not exist yet is not
    created here: only the documents are read then."""
    try:
        store = getattr(settings, "store", None)
        if isinstance(store, str) and "://" not in store and not Path(store).expanduser().exists():
            from audits.analysis import build_summary

            return build_summary(evidence, []), []
        from audits import audit_section

        return audit_section(evidence, settings), []
    except Exception as exc:  # the pack is still useful without the audit section; say so
        return None, [f"audit and quality assurance section not built: {type(exc).__name__}: {shorten(exc, 200)}"]


class _CitationIndex:
    """Citation text -> passage ids -> pack item numbers."""

    def __init__(self, evidence: Evidence, item_refs: dict[int, str]) -> None:
        self.item_refs = item_refs
        self.by_citation: dict[str, list[int]] = defaultdict(list)
        for item in evidence.items:
            try:
                self.by_citation[item.passage.citation()].append(item.passage.id)
            except Exception:  # a passage without enough to cite is simply not linkable
                continue

    def refs_for_ids(self, ids: list[int | None]) -> list[str]:
        refs = {self.item_refs[i] for i in ids if i is not None and i in self.item_refs}
        return sorted(refs, key=_ref_key)

    def cite(self, citation: str, passage_ids: list[int | None] = ()) -> AuditCite:  # type: ignore[assignment]
        ids: list[int | None] = []
        for single in _expand(citation):
            ids.extend(self.by_citation.get(single, []))
        refs = self.refs_for_ids(ids)
        if not refs and passage_ids:
            refs = self.refs_for_ids(list(passage_ids))
        return AuditCite(clean(citation), refs)

    def cites(self, citations: list[str], passage_ids: list[int | None] = ()) -> list[AuditCite]:  # type: ignore[assignment]
        out = [self.cite(c) for c in citations]
        linked = {r for c in out for r in c.refs}
        extra = [r for r in self.refs_for_ids(list(passage_ids)) if r not in linked]
        if extra:  # passages known by id whose citation text did not match (compacted, renamed)
            if out:
                out[0].refs.extend(extra)
            else:
                out.append(AuditCite("", extra))
        return out


def _ref_key(ref: str) -> tuple:
    return tuple(int(part) if part.isdigit() else 0 for part in ref.split("."))


def _expand(citation: str) -> list[str]:
    """'Report, 2013, paras 10.2, 10.3' -> 'Report, 2013, para 10.2', 'Report, 2013, para 10.3'."""
    head, sep, labels = citation.rpartition(", paras ")
    if not sep:
        return [citation]
    return [f"{head}, para {label.strip()}" for label in labels.split(",") if label.strip()]


def _fact_entries(loe_audit, index: _CitationIndex) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    entries = []
    for s in (loe_audit.sentences or [])[:MAX_SENTENCES]:
        entries.append(AuditEntry("audit fact", clean(s.text), index.cites(list(s.citations), list(s.passage_ids))))
    return entries


def _theme_entries(loe_audit, index: _CitationIndex) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    entries = []
    for t in (loe_audit.themes or [])[:MAX_THEMES]:
        when = f"{t.first} to {t.last}" if t.first and t.last and t.first != t.last else (t.last or t.first or "undated")
        polarity = "concern" if t.concern >= t.strength else "strength"
        text = (f"{t.theme}: found in {plural(t.occurrences, 'audit round')} ({when}); "
                f"{t.concern} as a concern, {t.strength} as a strength")
        entries.append(AuditEntry("theme", clean(text), index.cites(list(t.sources)), polarity))
    return entries


def _action_entries(loe_audit, index: _CitationIndex) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    entries = []
    for a in (loe_audit.actions or [])[:MAX_ACTIONS]:
        text = shorten(a.action, 220)
        cites = index.cites([a.source])
        if a.progress:
            cites += [AuditCite("later evidence: " + c.text, c.refs) for c in index.cites(list(a.progress))]
        entries.append(AuditEntry("action", clean((a.action_id + " " if a.action_id else "") + text), cites,
                                  "progress evidenced" if a.has_progress else "no later evidence yet"))
    return entries


def plan_audit(evidence: Evidence, plan: PackPlan, summary: object | None) -> PackAudit:
    """Audit entries per pack section (top-level line), the evidence bank and the chart."""
    if summary is None:
        return PackAudit(None, {}, [], [], "failed")
    index = _CitationIndex(evidence, plan.item_refs)
    by_loe = getattr(summary, "by_loe", {}) or {}
    by_area: dict[str, list[AuditEntry]] = {}
    for section in plan.sections:
        loe_audit = by_loe.get(section.line.id)
        if loe_audit is None:
            continue
        entries = _fact_entries(loe_audit, index) + _theme_entries(loe_audit, index) + _action_entries(loe_audit, index)
        if entries:
            by_area[section.line.id] = entries
    bank = []
    for g in getattr(summary, "good_practice", []) or []:
        bank.append(AuditEntry("good practice", clean(" ".join(g.text.split())), [index.cite(g.citation, [g.passage_id])],
                               f"{g.theme} ({g.kind})"))
    figures = [AuditEntry("audit fact", clean(s.text), index.cites(list(s.citations), list(s.passage_ids)))
               for s in getattr(summary, "sentences", []) or []]
    empty = bool(getattr(summary, "empty", False))
    pack_audit = PackAudit(summary, by_area, bank, figures, "empty" if empty else "ok")
    if not empty:
        try:
            pack_audit.chart_svg = summary.chart_svg()  # type: ignore[attr-defined]
            pack_audit.chart_png = summary.chart_png()  # type: ignore[attr-defined]
        except Exception:  # a chart is a nicety; the tables and citations carry the evidence
            pack_audit.chart_svg, pack_audit.chart_png = "", b""
    return pack_audit


# ----------------------------------------------------------------------------- files
def render_audits_md(pack_audit: PackAudit) -> str:
    """audits.render.markdown, with raw HTML in quoted text neutralised (a Markdown viewer shows it
    as text) and the trend chart beside it."""
    from audits.render import markdown

    text = markdown(pack_audit.summary, chart_file=CHART_FILE if pack_audit.has_chart else None)  # type: ignore[arg-type]
    text = clean(text).replace("<", "&lt;")
    if pack_audit.has_chart and f"]({CHART_FILE})" not in text:
        lines = text.split("\n")
        at = 2 if len(lines) > 2 else len(lines)
        lines[at:at] = [f"![Audit grades trend]({CHART_FILE})", ""]
        text = "\n".join(lines)
    return text if text.endswith("\n") else text + "\n"


def render_good_practice(pack_audit: PackAudit, plan: PackPlan, generated_at: str) -> str:
    """The good-practice evidence bank: audit strengths and outcome evidence marked as good
    practice (devon-2018 §6.5), grouped by pack section, each with its source and pack item."""
    out = ["# Good practice evidence bank", "",
           f"Generated {generated_at}. Audit strengths and outcome evidence from audit reports, marked as good practice; "
           "quoted from the source documents, each with its citation (and pack item where the passage is in the pack).", ""]
    if pack_audit.summary is None:
        return "\n".join(out + ["The audit view could not be built for this pack; see the warnings in index.html.", ""])
    if not pack_audit.good_practice:
        return "\n".join(out + ["No good practice found in audit reports or audit returns.", ""])
    sections = {s.line.id: s for s in plan.sections}
    raw = getattr(pack_audit.summary, "good_practice", []) or []
    grouped: dict[str, list[AuditEntry]] = defaultdict(list)
    for g, entry in zip(raw, pack_audit.good_practice):
        area = next((loe for loe in (g.loes or []) if loe in sections), "")
        grouped[area].append(entry)
    for section in plan.sections:
        entries = grouped.get(section.line.id)
        if entries:
            out += [f"## {section.number}. {md_escape(section.line.title)}", ""]
            out += [_gp_line(e) for e in entries] + [""]
    if grouped.get(""):
        out += ["## Not linked to a line of enquiry", ""] + [_gp_line(e) for e in grouped[""]] + [""]
    return "\n".join(out)


def _gp_line(entry: AuditEntry) -> str:
    cites = "; ".join(md_escape(c.text) + (f" (pack item {', '.join(c.refs)})" if c.refs else "") for c in entry.cites)
    return f"- **{md_escape(entry.note)}**: {md_escape(entry.text)} — {cites}"
