"""Render a planned pack: index.html (Jinja2, autoescaped, strict CSP), index.docx (python-docx),
gaps.md, changes.md, actions.csv and pack.example.yaml.

Every piece of document text reaches HTML through Jinja2 autoescaping; the only `|safe` values are
the bundled script and style (whose hashes the CSP allows) and SVG built with escaped text.
"""

from __future__ import annotations

import base64
import functools
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
from packs.model import ActionRow, PackPlan

BUNDLED_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|<>#])")


def clean(text: object) -> str:
    """Text safe for XML (python-docx) and HTML: control characters removed."""
    return _CONTROL.sub("", "" if text is None else str(text))


def md_escape(text: object) -> str:
    """Document text inside Markdown: no links, emphasis, tables or raw HTML by accident."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(clean(text).split()))


@functools.lru_cache(maxsize=8)
def environment(templates_dir: str | None = None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if templates_dir:
        loaders.append(jinja2.FileSystemLoader(templates_dir))
    loaders.append(jinja2.FileSystemLoader(str(BUNDLED_TEMPLATES)))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        # HTML-escape everything except Markdown templates (those use the |md filter).
        autoescape=lambda name: name is None or not name.endswith(".md.j2"),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["clean"] = clean
    return env


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
        if gap.kind == "theme-none":
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
        "gaps": [g for g in plan.gaps if g.kind != "theme-none"],
        "gaps_by_area": gaps_by_area,
        "themes_by_area": themes_by_area,
        "gap_kinds": gap_kinds,
        "judgements": plan.judgements,
        "actions": plan.actions,
        "missing_curated": plan.missing_curated,
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
    html = env.get_template("index.html.j2").render(
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
    return env.get_template("gaps.md.j2").render(
        **_common(plan), generated_at=generated_at, stale_years=f"{stale_years:g}", thin_items=thin_items
    )


def render_changes(env: jinja2.Environment, changes: dict) -> str:
    return env.get_template("pack_changes.md.j2").render(**changes)


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
        "# Copy to pack.yaml next to the pack folder (or pass --curation) and edit; keys are in index.html.",
        "# pin: always include; exclude: never include; move: to another line of enquiry (id, slug or number);",
        "# signpost: your own one-line description. Keys that no longer match are reported on the next run.",
        "pin: []",
        "exclude: []",
        "move: {}",
        "signpost: {}",
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
        lines.append(f"#   {json.dumps(item.key)}  {item.number}  {' '.join(clean(item.signpost).split())[:90]}")
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
    doc.add_paragraph(
        clean(
            f"Generated {generated_at}. {len(plan.items)} items in {len(plan.sections)} lines of enquiry; "
            f"{len([g for g in plan.gaps if g.kind != 'theme-none'])} gaps. Personal data "
            f"{'redacted' if redacted else 'NOT redacted'}."
        )
    )
    bullet = styles["List Bullet"]  # looked up once: python-docx's lookup by name is slow
    for warning in warnings + [f"pack.yaml names an item that no longer exists: {k}" for k in plan.missing_curated]:
        doc.add_paragraph(clean(warning), style=bullet)

    doc.add_heading("Coverage and gaps", level=1)
    doc.add_picture(io.BytesIO(charts.coverage.png()), width=Inches(6.5))
    for gap in plan.gaps:
        if gap.kind != "theme-none":
            doc.add_paragraph(clean(f"{gap.section}. {gap.title}: {gap.message}"), style=bullet)

    doc.add_heading("Judgement history", level=1)
    doc.add_picture(io.BytesIO(charts.timeline.png()), width=Inches(6.5))
    if plan.judgements:
        table = doc.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("Area", "Grade", "Date", "Inspection", "Source")):
            cell.text = text
        for j in plan.judgements:
            cells = table.add_row().cells
            for cell, text in zip(cells, (j.area_title, j.grade, j.date or "undated", j.inspection,
                                          f"{j.ref + ' ' if j.ref else ''}{j.source}")):
                cell.text = clean(text)

    if audit is not None:
        _docx_audit_overview(doc, audit, bullet)
    audit_by_area = getattr(audit, "by_area", {}) or {}

    for section in plan.sections:
        doc.add_heading(clean(f"{section.number}. {section.line.title}"), level=1)
        if not section.items:
            doc.add_paragraph("No evidence in the pack for this line of enquiry.")
        for item in section.items:
            para = doc.add_paragraph()
            para.add_run(item.number + "  ").bold = True
            para.add_run(clean(item.signpost)).bold = True
            detail = doc.add_paragraph(clean(item.citation()))
            if item.file:
                detail.add_run(clean(f" · {item.file}"))
            detail.add_run(clean(f" · key {item.key}")).italic = True
            detail.paragraph_format.space_after = Pt(6)
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
                            f"({len(audit.good_practice)} items)."))
