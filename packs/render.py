"""Render a planned pack: index.html (Jinja2, autoescaped, strict CSP), index.docx (python-docx),
gaps.md, changes.md, actions.csv and pack.example.yaml.

Every piece of document text reaches HTML through Jinja2 autoescaping; the only `|safe` values are
the bundled script and style (whose hashes the CSP allows) and SVG built with escaped text.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
from collections import defaultdict
from pathlib import Path

import jinja2
import yaml

from packs.charts import coverage_chart, timeline_chart
from packs.export import spreadsheet_safe
from packs.model import THEME_GAP, ActionRow, PackPlan
from packs.signpost import first_sentence
from templates import environment as templates
from templates.text import clean, md_escape, plural, shorten

__all__ = ["clean", "md_escape", "environment"]  # clean and md_escape are re-exported for packs.audit

BUNDLED_TEMPLATES = templates.BUNDLED


def environment(templates_dir: str | None = None) -> jinja2.Environment:
    """The pack's templates: a council's own first, then the bundled ones, sandboxed."""
    return templates.environment(str(templates_dir) if templates_dir else None, trim_blocks=True)


def _raw(env: jinja2.Environment, name: str) -> str:
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, name)
    return source


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def content_security_policy(script: str, style: str) -> str:
    return (
        "default-src 'none'; "
        f"script-src {_csp_hash(script)}; "
        f"style-src {_csp_hash(style)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def _common(plan: PackPlan) -> dict:
    gaps_by_area: dict[str, list] = defaultdict(list)
    themes_by_area: dict[str, list[str]] = defaultdict(list)
    gap_kinds: dict[str, list[str]] = defaultdict(list)
    tops = {s.number: s.line.id for s in plan.sections}
    for gap in plan.gaps:
        if gap.kind == THEME_GAP:
            top = tops.get(gap.section or 0)
            if top:
                themes_by_area[top].append(gap.title)
        else:
            gaps_by_area[gap.area].append(gap)
            gap_kinds[gap.area].append(gap.kind)
    return {
        "framework": plan.framework,
        "sections": plan.sections,
        "items": plan.items,
        "gaps": plan.counted_gaps,
        "gaps_by_area": gaps_by_area,
        "themes_by_area": themes_by_area,
        "gap_kinds": gap_kinds,
        "judgements": plan.judgements,
        "actions": plan.actions,
        "curation_problems": plan.curation_problems,
        "counts": plan.counts,
        "as_of": plan.as_of,
    }


class Charts:
    def __init__(self, plan: PackPlan) -> None:
        self.coverage = coverage_chart(plan)
        self.timeline = timeline_chart(plan)


def render_html(plan: PackPlan, env: jinja2.Environment, charts: Charts, *, generated_at: str, redacted: bool,
                warnings: list[str], narratives: list[dict], curation_hint: str, audit: object | None = None) -> str:
    script = _raw(env, "index_search.js.j2")
    style = _raw(env, "index_style.css.j2")
    html = templates.render(env, "index.html.j2",
        **_common(plan),
        csp=content_security_policy(script, style),
        script=script,
        style=style,
        coverage_svg=charts.coverage.svg(),
        timeline_svg=charts.timeline.svg(),
        generated_at=generated_at,
        redacted=redacted,
        warnings=warnings,
        narratives=narratives,
        curation_hint=curation_hint,
        audit=audit,
        audit_by_area=getattr(audit, "by_area", {}) or {},
        audit_svg=getattr(audit, "chart_svg", "") or "",
    )
    return clean(html)


def render_gaps(plan: PackPlan, env: jinja2.Environment, *, generated_at: str, stale_years: float, thin_items: int) -> str:
    return templates.render(env, "gaps.md.j2",
        **_common(plan), generated_at=generated_at, stale_years=f"{stale_years:g}", thin_items=thin_items
    )


def render_changes(env: jinja2.Environment, changes: dict) -> str:
    return templates.render(env, "pack_changes.md.j2", **changes)


# ----------------------------------------------------------------------------- csv
def _cell(value: object) -> str:
    return str(spreadsheet_safe(" ".join(clean(value).split())))


def render_actions_csv(actions: list[ActionRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["id", "text", "kind", "owner", "due", "source", "pack_item", "status", "progress_evidence", "document"])
    for a in actions:
        writer.writerow([_cell(v) for v in (a.action_id, a.text, a.kind, a.owner or "", a.due or "", a.source, a.ref or "", a.status,
                                            " | ".join(a.progress), a.document or "")])
    return buffer.getvalue()


# ----------------------------------------------------------------------------- curation example
def render_curation_example(plan: PackPlan) -> str:
    lines = [
        "# Copy to pack.yaml next to the pack folder (or pass --curation) and edit. Keys are in index.html,",
        "# and `readiness export --what passages` gives the key of every passage in the store.",
        "# pin: always include, where the ordering puts it; exclude: never include;",
        "# move: to another line of enquiry (id, slug or number); signpost: your own one-line description;",
        "# position: its place in its section (1 = first). A moved, re-signposted or placed item is kept too.",
        "# Keys that match nothing are reported on the next run (unknown, or no longer in the store).",
        "pin: []",
        "exclude: []",
        "move: {}",
        "signpost: {}",
        "position: {}",
        "limits: " + yaml.safe_dump(
            {
                "items_per_area": plan.limits.items_per_area,
                "per_document": plan.limits.per_document,
                "process_per_area": plan.limits.process_per_area,
                "include_context": plan.limits.include_context,
            },
            default_flow_style=True,
            sort_keys=False,
        ).strip(),
        "",
        "# Items in this pack:",
    ]
    for item in plan.items:
        lines.append(f"#   {json.dumps(item.key)}  {item.number}  {shorten(item.signpost, 90)}")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- docx
def render_docx(plan: PackPlan, charts: Charts, path: Path, *, generated_at: str, redacted: bool, warnings: list[str],
                audit: object | None = None) -> None:
    from docx import Document
    from docx.shared import Inches, Pt

    doc = Document()
    doc.core_properties.title = clean(f"Evidence pack: {plan.framework.name}")
    doc.core_properties.author = "readiness"
    styles = doc.styles
    styles["Normal"].font.size = Pt(10)

    doc.add_heading(clean(f"Evidence pack: {plan.framework.name}"), level=0)
    doc.add_paragraph(clean(f"Generated {generated_at}. {plan.counts.sentence()}. Personal data "
                            f"{'redacted' if redacted else 'NOT redacted'}."))
    bullet = styles["List Bullet"]  # looked up once: python-docx's lookup by name is slow
    for warning in warnings + [f"pack.yaml: {problem}" for problem in plan.curation_problems]:
        doc.add_paragraph(clean(warning), style=bullet)

    doc.add_heading("Coverage and gaps", level=1)
    doc.add_picture(io.BytesIO(charts.coverage.png()), width=Inches(6.5))
    for gap in plan.counted_gaps:
        doc.add_paragraph(clean(f"{gap.section}. {gap.title}: {gap.message}"), style=bullet)

    doc.add_heading("Judgement history", level=1)
    doc.add_picture(io.BytesIO(charts.timeline.png()), width=Inches(6.5))
    _docx_judgement_grid(doc, plan, bullet)

    if audit is not None:
        _docx_audit_overview(doc, audit, bullet)
    audit_by_area = getattr(audit, "by_area", {}) or {}

    for section in plan.sections:
        doc.add_heading(clean(f"{section.number}. {section.line.title}"), level=1)
        if not section.items:
            doc.add_paragraph("No evidence in the pack for this line of enquiry.")
        for item in section.items:
            para = doc.add_paragraph()
            para.paragraph_format.keep_with_next = True
            para.add_run(item.number + "  ").bold = True
            para.add_run(clean(item.signpost)).bold = True
            quote = doc.add_paragraph(clean(f"“{first_sentence(item.text)}”"))
            quote.paragraph_format.left_indent = Inches(0.3)
            quote.paragraph_format.keep_with_next = True
            detail = doc.add_paragraph()
            detail.paragraph_format.left_indent = Inches(0.3)
            detail.add_run(clean(item.citation()))
            if item.file:
                detail.add_run(clean(f" · {item.file}"))
            detail.add_run(clean(f" · key {item.key}")).italic = True
            for run in detail.runs:
                run.font.size = Pt(8.5)
            detail.paragraph_format.space_after = Pt(8)
        entries = audit_by_area.get(section.line.id)
        if entries:
            doc.add_heading(clean(f"{section.number}. Audit and quality assurance"), level=2)
            for entry in entries:
                para = doc.add_paragraph(style=bullet)
                para.add_run(clean(entry.kind + ": ")).bold = True
                para.add_run(clean(entry.text + (f" ({entry.note})" if entry.note else "")))
                para.add_run(clean(f" — {entry.citation_text()}")).italic = True

    doc.add_heading("Action register", level=1)
    if plan.actions:
        table = doc.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("Id", "Action", "Status", "Later evidence")):
            cell.text = text
        for a in plan.actions:
            cells = table.add_row().cells
            for cell, text in zip(cells, (a.action_id, f"{a.text} ({a.source})", a.status, "; ".join(a.progress))):
                cell.text = clean(text)
    else:
        doc.add_paragraph("No recommendations or action points found.")
    doc.save(str(path))


_CITED_DATE = re.compile(r", \d{4}-\d{2}(?:-\d{2})?(?=,|$)")
LANDSCAPE_FROM = 6  # inspections (columns) from which the judgement grid gets a landscape page


def _docx_judgement_grid(doc, plan: PackPlan, bullet) -> None:  # type: ignore[no-untyped-def]
    """Judgements as a grid: one row per area, one column per inspection (date), the grade in each
    cell with its pack item; the sources once, below. Many inspections get a landscape page."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Pt

    if not plan.judgements:
        doc.add_paragraph("No inspection judgements found.")
        return
    dates = sorted({j.date or "undated" for j in plan.judgements}, key=lambda d: (d == "undated", d))
    areas: dict[str, str] = {}
    cells: dict[tuple[str, str], list[str]] = defaultdict(list)
    sources: dict[str, list[str]] = defaultdict(list)
    for j in plan.judgements:
        when = j.date or "undated"
        areas.setdefault(j.area, j.area_title)
        grade = _grade_word(j.grade) + (f" ({j.ref})" if j.ref else "")
        if grade not in cells[(j.area, when)]:
            cells[(j.area, when)].append(grade)
        document = _CITED_DATE.split(j.source, maxsplit=1)[0]  # "Title, 2024-01-12, p.2, para 4" -> "Title"
        if j.inspection:
            document = f"{document} ({j.inspection})"
        if document not in sources[when]:
            sources[when].append(document)
    landscape = len(dates) >= LANDSCAPE_FROM
    if landscape:
        _docx_orientation(doc.add_section(WD_SECTION.NEW_PAGE), WD_ORIENT.LANDSCAPE)
    table = doc.add_table(rows=1, cols=len(dates) + 1)
    table.style = "Table Grid"
    header = table.rows[0].cells
    header[0].text = "Area"
    for cell, when in zip(header[1:], dates):
        cell.text = when
    for area, title in areas.items():
        row = table.add_row().cells
        row[0].text = clean(shorten(title, 70))
        for cell, when in zip(row[1:], dates):
            cell.text = clean(" / ".join(cells.get((area, when), [])) or "–")
    for row in table.rows:
        for cell in row.cells:
            for para in cell.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(8.5)
    note = doc.add_paragraph("Sources: ")
    note.add_run(clean("; ".join(f"{when}: {', '.join(shorten(d, 90) for d in sources[when])}" for when in dates))).italic = True
    if landscape:
        _docx_orientation(doc.add_section(WD_SECTION.NEW_PAGE), WD_ORIENT.PORTRAIT)


def _docx_orientation(section, orientation) -> None:  # type: ignore[no-untyped-def]
    width, height = section.page_width, section.page_height
    section.orientation = orientation
    if (orientation == 1) != (width > height):  # WD_ORIENT.LANDSCAPE == 1: the long side across
        section.page_width, section.page_height = height, width


def _grade_word(grade: str) -> str:
    text = " ".join(str(grade).split()).lower()
    if text.startswith("requires improvement"):
        return "RI"
    return shorten(text.capitalize(), 24)


def _docx_audit_overview(doc, audit, bullet) -> None:  # type: ignore[no-untyped-def]
    from docx.shared import Inches

    doc.add_heading("Audit and quality assurance", level=1)
    if getattr(audit, "summary", None) is None:
        doc.add_paragraph("The audit view could not be built for this pack (see the warnings above).")
        return
    if audit.chart_png:
        doc.add_picture(io.BytesIO(audit.chart_png), width=Inches(6.0))
    if not audit.key_figures:
        doc.add_paragraph("No audit figures on record.")
    for entry in audit.key_figures:
        para = doc.add_paragraph(clean(entry.text), style=bullet)
        para.add_run(clean(f" — {entry.citation_text()}")).italic = True
    doc.add_paragraph(clean(f"Full audit view: audits.md. Good practice evidence bank: good-practice.md "
                            f"({plural(len(audit.good_practice), 'item')})."))
