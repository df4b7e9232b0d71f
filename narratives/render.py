"""Render a `Narrative` as Markdown and HTML (Jinja2 templates) and as a Word document.

Templates are looked up first in `settings.templates_dir` (a council's own), then in the bundled
`templates/` package. The Word document takes its headings and notes from the same
`narrative_text.j2` macros, so a council's wording applies to every format.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment

from core.settings import Settings

from narratives.compose import Narrative

NARRATIVE_MD = "narrative.md.j2"
NARRATIVE_HTML = "narrative.html.j2"
NARRATIVE_TEXT = "narrative_text.j2"
IMPACTS_MD = "narrative-impacts.md.j2"


def bundled_templates_dir() -> Path:
    import templates

    return Path(templates.__file__).parent


def _environment(templates_dir: str | None) -> Environment:
    from templates.environment import environment as sandboxed  # one sandboxed environment for every output

    return sandboxed(templates_dir, trim_blocks=False)


def environment(settings: Settings) -> Environment:
    return _environment(str(settings.templates_dir) if settings.templates_dir else None)


def source_roles(narrative: Narrative) -> dict[int, list[str]]:
    """passage id -> the sections it is cited in (the evidence list's signpost)."""
    roles: dict[int, list[str]] = {}
    for section in narrative.sections:
        for sentence in section.sentences:
            for source in sentence.sources:
                names = roles.setdefault(source.passage_id, [])
                title = section.title.lower()
                if title not in names:
                    names.append(title)
    return roles


def render_markdown(narrative: Narrative, settings: Settings) -> str:
    template = environment(settings).get_template(NARRATIVE_MD)
    text = template.render(narrative=narrative, roles=source_roles(narrative))
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"


def render_html(narrative: Narrative, settings: Settings) -> str:
    template = environment(settings).get_template(NARRATIVE_HTML)
    return template.render(narrative=narrative, roles=source_roles(narrative))


def _text_macros(settings: Settings):  # type: ignore[no-untyped-def]
    return environment(settings).get_template(NARRATIVE_TEXT).module


def write_docx(narrative: Narrative, path: Path, settings: Settings) -> Path:
    """A Word document with real headings, a citation after every sentence and an evidence list."""
    from docx import Document
    from docx.shared import Pt, RGBColor

    text = _text_macros(settings)
    document = Document()
    properties = document.core_properties
    properties.title = str(text.title(narrative)).strip()
    properties.subject = narrative.framework_name
    properties.author = "readiness"
    properties.keywords = narrative.loe_id

    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)

    document.add_heading(str(text.title(narrative)).strip(), level=1)
    intro = document.add_paragraph()
    run = intro.add_run(str(text.subtitle(narrative)).strip())
    run.italic = True

    grey = RGBColor(0x55, 0x55, 0x55)
    for section in narrative.sections:
        document.add_heading(section.title, level=2)
        if section.missing:
            paragraph = document.add_paragraph()
            run = paragraph.add_run(str(text.missing(section.key)).strip())
            run.italic = True
            continue
        for group in section.paragraphs():
            paragraph = document.add_paragraph()
            for index, sentence in enumerate(group):
                paragraph.add_run(("" if index == 0 else " ") + sentence.text)
                cite = paragraph.add_run(f" ({sentence.citation_text()})")
                cite.font.size = Pt(9)
                cite.font.color.rgb = grey

    document.add_heading(str(text.evidence_heading()).strip(), level=2)
    roles = source_roles(narrative)
    for source in narrative.sources:
        paragraph = document.add_paragraph(style="List Bullet")
        key = paragraph.add_run(f"[{source.key}] ")
        key.bold = True
        line = source.citation
        if source.document_kind:
            line += f" ({source.document_kind})"
        if roles.get(source.passage_id):
            line += ": " + str(text.shows(roles[source.passage_id])).strip()
        paragraph.add_run(line)

    if narrative.notes:
        document.add_heading(str(text.notes_heading()).strip(), level=2)
        for note in narrative.notes:
            document.add_paragraph(note, style="List Bullet")

    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
