"""Render a `Narrative` as Markdown and HTML (Jinja2 templates, citations as endnotes) and as a
Word document (citations as real footnotes), and its JSON sidecar.

Templates are looked up first in `settings.templates_dir` (a council's own), then in the bundled
`templates/` package. The Word document takes its title, subtitle and notes from the same
`narrative_text.j2` macros, so a council's wording applies to every format.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment

from core.settings import Settings
from templates.text import clean

from narratives.model import SECTIONS, Narrative

NARRATIVE_MD = "narrative.md.j2"
NARRATIVE_HTML = "narrative.html.j2"
NARRATIVE_TEXT = "narrative_text.j2"
IMPACTS_MD = "narrative-impacts.md.j2"
BULLET_SECTIONS = {"next"}


def bundled_templates_dir() -> Path:
    import templates

    return Path(templates.__file__).parent


def _environment(templates_dir: str | None) -> Environment:
    from templates.environment import environment as sandboxed  # one sandboxed environment for every output

    return sandboxed(templates_dir, trim_blocks=False)


def environment(settings: Settings) -> Environment:
    return _environment(str(settings.templates_dir) if settings.templates_dir else None)


@dataclass
class _Line:
    text: str
    note: int | None  # the footnote after this sentence, if any


@dataclass
class _Section:
    key: str
    title: str
    bullets: bool
    paragraphs: list[list[_Line]] = field(default_factory=list)


def layout(narrative: Narrative) -> tuple[list[_Section], list[str]]:
    """Sections of paragraphs of sentences, each with its footnote number, and the footnotes."""
    marks, notes = narrative.footnotes()
    index = {id(s): n for n, s in enumerate(narrative.statements)}
    sections = []
    for key, title in SECTIONS:
        section = _Section(key, title, key in BULLET_SECTIONS)
        for group in narrative.paragraphs(key):
            section.paragraphs.append([_Line(s.text, marks.get(index[id(s)])) for s in group])
        sections.append(section)
    return sections, notes


def render_markdown(narrative: Narrative, settings: Settings) -> str:
    sections, notes = layout(narrative)
    text = environment(settings).get_template(NARRATIVE_MD).render(narrative=narrative, sections=sections, footnotes=notes)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"


def render_html(narrative: Narrative, settings: Settings) -> str:
    sections, notes = layout(narrative)
    return environment(settings).get_template(NARRATIVE_HTML).render(narrative=narrative, sections=sections, footnotes=notes)


def render_sidecar(narrative: Narrative) -> str:
    return json.dumps(narrative.sidecar(), indent=2, ensure_ascii=False) + "\n"


def _text_macros(settings: Settings):  # type: ignore[no-untyped-def]
    return environment(settings).get_template(NARRATIVE_TEXT).module


def new_document(title: str, subject: str, keywords: str):  # type: ignore[no-untyped-def]
    """An A4 Word document with compact house styles (Arial 10.5pt, 2 cm margins)."""
    from docx import Document
    from docx.shared import Cm, Pt

    document = Document()
    properties = document.core_properties
    properties.title, properties.subject, properties.author, properties.keywords = clean(title), clean(subject), "readiness", clean(keywords)
    for section in document.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.0)
        section.top_margin = section.bottom_margin = Cm(1.8)
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.08
    for name, size in (("Heading 1", 15), ("Heading 2", 12), ("Heading 3", 11)):
        style = document.styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.paragraph_format.space_before = Pt(8 if name != "Heading 1" else 0)
        style.paragraph_format.space_after = Pt(3)
    return document


def add_statements(document, footnotes, sections, notes: list[str]) -> None:  # type: ignore[no-untyped-def]
    """The three sections with a real footnote after each cited run of sentences."""
    for section in sections:
        document.add_heading(section.title, level=2)
        if not section.paragraphs:
            continue
        for group in section.paragraphs:
            if section.bullets:
                for line in group:
                    paragraph = document.add_paragraph(style="List Bullet")
                    paragraph.add_run(clean(line.text))
                    if line.note:
                        footnotes.add(paragraph, clean(notes[line.note - 1]))
                continue
            paragraph = document.add_paragraph()
            for position, line in enumerate(group):
                paragraph.add_run(("" if position == 0 else " ") + clean(line.text))
                if line.note:
                    footnotes.add(paragraph, clean(notes[line.note - 1]))


def write_docx(narrative: Narrative, path: Path, settings: Settings) -> Path:
    """A Word document: real headings, the three questions, a footnote for every citation."""
    from narratives.docx_notes import Footnotes

    text = _text_macros(settings)
    title = str(text.title(narrative)).strip()
    document = new_document(title, narrative.framework_name, narrative.loe_id)
    footnotes = Footnotes(document)
    document.add_heading(clean(title), level=1)
    subtitle = document.add_paragraph()
    run = subtitle.add_run(clean(str(text.subtitle(narrative)).strip()))
    run.italic = True
    sections, notes = layout(narrative)
    add_statements(document, footnotes, sections, notes)
    _missing_notes(document, sections, text)
    if narrative.notes:
        paragraph = document.add_paragraph(style="Intense Quote" if "Intense Quote" in {s.name for s in document.styles} else None)
        paragraph.add_run(clean(f"{str(text.notes_heading()).strip()}. " + " ".join(narrative.notes))).italic = True
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def _missing_notes(document, sections, text) -> None:  # type: ignore[no-untyped-def]
    """Under a heading with nothing cited, the template's "no evidence yet" sentence in italics."""
    headings = [p for p in document.paragraphs if p.style is not None and p.style.name == "Heading 2"]
    for section, heading in zip(sections, headings):
        if section.paragraphs:
            continue
        from docx.oxml import OxmlElement

        new = OxmlElement("w:p")
        heading._p.addnext(new)
        from docx.text.paragraph import Paragraph

        paragraph = Paragraph(new, heading._parent)
        paragraph.add_run(clean(str(text.missing(section.key)).strip())).italic = True
