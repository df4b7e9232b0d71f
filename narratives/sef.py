"""The self-evaluation of social work practice Ofsted asks councils for each year, as a draft an
officer can edit: a one-page summary, a section per judgement area answering the three questions
(what we know, how we know it, what we are doing next), a data annex of the figures used with
their dates and sources, and a one-page briefing for the annual engagement meeting.

    paths = write_sef(evidence, Path("pack/sef"), settings)   # self-evaluation.docx and .md

Every statement is one of the area narratives' statements (`compose_all`), with its footnote; the
summary and the briefing repeat the strongest of them with the same citations. Nothing here
states a fact of its own except the evidence's age, which is computed from the cited documents'
dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from core.model import parse_iso_date
from core.settings import Settings
from evidence_store.evidence import Evidence
from frameworks.freshness import evidence_age, freshness_kind
from templates.text import clean, md_escape

from narratives.compose import compose_all
from narratives.model import SECTIONS, Citation, Narrative, Statement

AREA_WORDS = 430  # each judgement area: about a page and a half in Word
SUMMARY_STATEMENTS = 2  # per area, on the summary page
BRIEFING_ITEMS = 3
ANNEX_ROWS = 30
SEF_STEM = "self-evaluation"


@dataclass
class SelfEvaluation:
    authority: str | None
    framework_name: str
    generated_on: date
    areas: list[Narrative]
    judgements: list[Statement] = field(default_factory=list)
    summary: list[tuple[str, list[Statement]]] = field(default_factory=list)  # (area title, statements)
    priorities: list[Statement] = field(default_factory=list)
    annex: list[Statement] = field(default_factory=list)
    strengths: list[Statement] = field(default_factory=list)
    improving: list[Statement] = field(default_factory=list)
    freshness: list[tuple[str, str, str, str]] = field(default_factory=list)  # (area, newest, median age, share stale)

    @property
    def title(self) -> str:
        return f"{self.authority}: self-evaluation of social work practice" if self.authority else "Self-evaluation of social work practice"


def build_sef(evidence: Evidence, settings: Settings, *, item_refs: dict[int, str] | None = None,
              today: date | None = None, pool: object | None = None) -> SelfEvaluation:
    today = today or date.today()
    areas = compose_all(evidence, settings, words=AREA_WORDS, item_refs=item_refs, today=today, pool=pool)  # type: ignore[arg-type]
    sef = SelfEvaluation(evidence.authority, evidence.framework.name, today, areas)
    for narrative in areas:
        how = narrative.sections.get("how", [])
        sef.judgements += [s for s in how if s.kind == "judgement"]
        know = [s for s in narrative.sections.get("know", []) if s.kind in ("figure", "finding", "quote", "statement")]
        strongest = sorted(know, key=lambda s: -s.score)[:SUMMARY_STATEMENTS]
        if strongest:
            sef.summary.append((narrative.loe_title, strongest))
        nexts = narrative.sections.get("next", [])
        sef.priorities += [s for s in nexts if s.kind == "recommendation"][:1]
        sef.annex += [s for s in narrative.statements if s.kind == "figure" and s.figures]
        sef.strengths += [s for s in know if s.kind in ("finding", "quote", "figure", "statement")]
        sef.improving += [s for s in nexts if s.kind in ("recommendation", "action")]
        sef.freshness.append(_age(narrative, today))
    sef.annex = sorted(sef.annex, key=lambda s: -(s.day or date.min).toordinal())[:ANNEX_ROWS]
    sef.strengths = sorted(sef.strengths, key=lambda s: -s.score)[:BRIEFING_ITEMS]
    sef.improving = sorted(sef.improving, key=lambda s: (s.kind != "recommendation", -s.score))[:BRIEFING_ITEMS]
    return sef


def _freshness_kind(statement: Statement, citation: Citation) -> str:
    """By what the cited document is, as the gap report reads it: an inspection report's findings,
    recommendations and children's words all stand until the next inspection."""
    kind = freshness_kind(citation.document_kind, statement.kind == "figure")
    if kind == "other" and statement.kind == "judgement":
        return "inspection"
    if kind == "other" and statement.kind == "audit":
        return "audit"
    return kind


def _age(narrative: Narrative, today: date) -> tuple[str, str, str, str]:
    items = []
    for statement in narrative.statements:
        for citation in statement.citations:
            day = parse_iso_date(citation.date)
            if day:
                kind = _freshness_kind(statement, citation)
                items.append((day, kind))
    age = evidence_age(items, today)
    if not age.count:
        return (narrative.loe_title, "none cited", "-", "-")
    return (narrative.loe_title, age.newest.isoformat() if age.newest else "undated",
            f"{round((age.median_days or 0) / 30.4)} months", f"{age.stale_share:.0%}")


# ----------------------------------------------------------------------------- Markdown
class _Notes:
    def __init__(self) -> None:
        self.notes: list[str] = []

    def mark(self, statement: Statement) -> str:
        self.notes.append(statement.footnote())
        return f"[^{len(self.notes)}]"


def render_sef_markdown(sef: SelfEvaluation) -> str:
    notes = _Notes()
    out: list[str] = [f"# {md_escape(sef.title)}", "",
                      f"_Draft for the annual engagement meeting, {sef.generated_on.strftime('%-d %B %Y')}. "
                      "Every statement is footnoted to the evidence it rests on; edit freely._", ""]
    out += ["## Summary", ""]
    if sef.judgements:
        out += [" ".join(md_escape(s.text) + notes.mark(s) for s in sef.judgements), ""]
    for title, statements in sef.summary:
        out.append(f"- **{md_escape(title)}.** " + " ".join(md_escape(s.text) + notes.mark(s) for s in statements))
    if sef.priorities:
        out += ["", "**Our priorities for the next twelve months.**", ""]
        out += [f"- {md_escape(s.text)}{notes.mark(s)}" for s in sef.priorities]
    out.append("")
    for number, narrative in enumerate(sef.areas, start=1):
        out += [f"## {number}. {md_escape(narrative.loe_title)}", ""]
        for key, title in SECTIONS:
            out += [f"### {title}", ""]
            groups = narrative.paragraphs(key)
            if not groups:
                out += ["_No evidence yet for this part: add it to the evidence store._", ""]
                continue
            for group in groups:
                if key == "next":
                    out += [f"- {md_escape(s.text)}{notes.mark(s)}" for s in group]
                else:
                    out.append(" ".join(md_escape(s.text) + notes.mark(s) for s in group))
                out.append("")
    out += ["## Data annex", "", "| figure | dated | source |", "| --- | --- | --- |"]
    for s in sef.annex:
        source = "; ".join(dict.fromkeys(c.footnote for c in s.citations))
        out.append(f"| {md_escape(s.text)} | {s.day.isoformat() if s.day else 'undated'} | {md_escape(source)} |")
    if not sef.annex:
        out.append("| _no figures of this council's in the evidence store yet_ | | |")
    out += ["", "## Briefing for the annual engagement meeting", ""]
    if sef.judgements:
        out += ["**Where we were judged.** " + " ".join(md_escape(s.text) + notes.mark(s) for s in sef.judgements[:1]), ""]
    out += ["**Strengths to discuss.**", ""]
    out += [f"- {md_escape(s.text)}{notes.mark(s)}" for s in sef.strengths] or ["- _none evidenced yet_"]
    out += ["", "**What we are improving.**", ""]
    out += [f"- {md_escape(s.text)}{notes.mark(s)}" for s in sef.improving] or ["- _no open recommendations recorded_"]
    out += ["", "**How fresh our evidence is** (newest cited, median age, share older than its window):", ""]
    out += [f"- {md_escape(area)}: {newest}, {median}, {stale}" for area, newest, median, stale in sef.freshness]
    out.append("")
    out += [f"[^{n}]: {md_escape(text)}" for n, text in enumerate(notes.notes, start=1)]
    return "\n".join(out).rstrip() + "\n"


# ----------------------------------------------------------------------------- Word
def write_sef_docx(sef: SelfEvaluation, path: Path) -> Path:
    from docx.enum.text import WD_BREAK

    from narratives.docx_notes import Footnotes
    from narratives.render import new_document

    document = new_document(sef.title, sef.framework_name, "self-evaluation")
    notes = Footnotes(document)
    document.add_heading(clean(sef.title), level=1)
    document.add_paragraph().add_run(
        f"Draft for the annual engagement meeting, {sef.generated_on.strftime('%-d %B %Y')}. "
        "Every statement is footnoted to the evidence it rests on; edit freely.").italic = True

    def cited(paragraph, statements: list[Statement]) -> None:  # type: ignore[no-untyped-def]
        for position, statement in enumerate(statements):
            paragraph.add_run(("" if position == 0 else " ") + clean(statement.text))
            notes.add(paragraph, clean(statement.footnote()))

    def bullets(statements: list[Statement], empty: str) -> None:
        if not statements:
            document.add_paragraph(style="List Bullet").add_run(empty).italic = True
        for statement in statements:
            cited(document.add_paragraph(style="List Bullet"), [statement])

    def page_break() -> None:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    document.add_heading("Summary", level=2)
    if sef.judgements:
        cited(document.add_paragraph(), sef.judgements)
    for title, statements in sef.summary:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(clean(title) + ". ").bold = True
        cited(paragraph, statements)
    if sef.priorities:
        document.add_paragraph().add_run("Our priorities for the next twelve months.").bold = True
        bullets(sef.priorities, "")
    for number, narrative in enumerate(sef.areas, start=1):
        page_break()
        document.add_heading(clean(f"{number}. {narrative.loe_title}"), level=2)
        for key, title in SECTIONS:
            document.add_heading(title, level=3)
            groups = narrative.paragraphs(key)
            if not groups:
                document.add_paragraph().add_run("No evidence yet for this part: add it to the evidence store.").italic = True
            for group in groups:
                if key == "next":
                    bullets(group, "")
                else:
                    cited(document.add_paragraph(), group)
    page_break()
    document.add_heading("Data annex", level=2)
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Figure", "Dated", "Source")):
        cell.text = text
    for statement in sef.annex:
        row = table.add_row().cells
        row[0].text = clean(statement.text)
        row[1].text = statement.day.isoformat() if statement.day else "undated"
        row[2].text = clean("; ".join(dict.fromkeys(c.footnote for c in statement.citations)))
    if not sef.annex:
        table.add_row().cells[0].text = "No figures of this council's in the evidence store yet."
    page_break()
    document.add_heading("Briefing for the annual engagement meeting", level=2)
    if sef.judgements:
        paragraph = document.add_paragraph()
        paragraph.add_run("Where we were judged. ").bold = True
        cited(paragraph, sef.judgements[:1])
    document.add_paragraph().add_run("Strengths to discuss.").bold = True
    bullets(sef.strengths, "None evidenced yet.")
    document.add_paragraph().add_run("What we are improving.").bold = True
    bullets(sef.improving, "No open recommendations recorded.")
    document.add_paragraph().add_run("How fresh our evidence is (newest cited, median age, share older than its window).").bold = True
    for area, newest, median, stale in sef.freshness:
        document.add_paragraph(clean(f"{area}: {newest}, {median}, {stale}"), style="List Bullet")
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def write_sef(evidence: Evidence, out_dir: Path, settings: Settings, *, item_refs: dict[int, str] | None = None,
              today: date | None = None, pool: object | None = None) -> list[Path]:
    """self-evaluation.docx and self-evaluation.md in `out_dir`."""
    sef = build_sef(evidence, settings, item_refs=item_refs, today=today, pool=pool)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    md = out_dir / f"{SEF_STEM}.md"
    md.write_text(render_sef_markdown(sef), encoding="utf-8")
    docx = write_sef_docx(sef, out_dir / f"{SEF_STEM}.docx")
    return [docx, md]
