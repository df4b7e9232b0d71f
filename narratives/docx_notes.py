"""Real Word footnotes for python-docx, which has no footnote API: the footnotes part, its
relationship, the two styles, a reference in the text, and reading them back.

    notes = Footnotes(document)
    notes.add(paragraph, "Inspection of …, 2026-02-27, p.5, para 18.")   # -> 1
    read_footnotes(Document("narrative.docx"))                           # {1: "Inspection of …"}

The part follows ECMA-376 (WordprocessingML footnotes): footnotes -1 and 0 are the separator and
continuation separator Word and LibreOffice expect; numbered notes start at 1.
"""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_EMPTY = (
    f'<w:footnotes xmlns:w="{W_NS}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    '<w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    '<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    '</w:footnotes>'
)
TEXT_STYLE, REFERENCE_STYLE = "Footnote Text", "Footnote Reference"


class Footnotes:
    """The footnotes of one python-docx Document."""

    def __init__(self, document, size: float = 8.5) -> None:  # type: ignore[no-untyped-def]
        self.document = document
        part = document.part
        self.part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(_EMPTY), part.package)
        part.relate_to(self.part, RT.FOOTNOTES)
        self.count = 0
        styles = document.styles
        names = {s.name for s in styles}
        if TEXT_STYLE not in names:
            text = styles.add_style(TEXT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
            text.base_style = styles["Normal"]
            text.font.size = Pt(size)
            text.paragraph_format.space_after = Pt(0)
            text.paragraph_format.space_before = Pt(0)
            text.paragraph_format.line_spacing = 1.0
        if REFERENCE_STYLE not in names:
            reference = styles.add_style(REFERENCE_STYLE, WD_STYLE_TYPE.CHARACTER)
            reference.font.superscript = True

    def add(self, paragraph, text: str) -> int:  # type: ignore[no-untyped-def]
        """A footnote reference at the end of `paragraph`, with `text` as the note. Returns its number."""
        self.count += 1
        number = self.count
        run = paragraph.add_run()
        run.style = self.document.styles[REFERENCE_STYLE]
        reference = OxmlElement("w:footnoteReference")
        reference.set(qn("w:id"), str(number))
        run._r.append(reference)

        note = OxmlElement("w:footnote")
        note.set(qn("w:id"), str(number))
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        style = OxmlElement("w:pStyle")
        style.set(qn("w:val"), self.document.styles[TEXT_STYLE].style_id)
        ppr.append(style)
        p.append(ppr)
        mark = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        rstyle = OxmlElement("w:rStyle")
        rstyle.set(qn("w:val"), self.document.styles[REFERENCE_STYLE].style_id)
        rpr.append(rstyle)
        mark.append(rpr)
        mark.append(OxmlElement("w:footnoteRef"))
        p.append(mark)
        body = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = " " + text
        body.append(t)
        p.append(body)
        note.append(p)
        self.part.element.append(note)
        return number


def read_footnotes(document) -> dict[int, str]:  # type: ignore[no-untyped-def]
    """Footnote number -> its text, from a document Word, LibreOffice or readiness wrote."""
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.reltype != RT.FOOTNOTES or rel.is_external:
            continue
        part = rel.target_part
        element = part.element if hasattr(part, "element") else etree.fromstring(part.blob)
        notes: dict[int, str] = {}
        for note in element.iter(qn("w:footnote")):
            try:
                number = int(note.get(qn("w:id")))
            except (TypeError, ValueError):
                continue
            if number <= 0 or note.get(qn("w:type")) in ("separator", "continuationSeparator"):
                continue
            notes[number] = " ".join("".join(t.text or "" for t in note.iter(qn("w:t"))).split())
        return notes
    return {}


def paragraph_footnote_ids(paragraph) -> list[int]:  # type: ignore[no-untyped-def]
    """The footnotes a paragraph refers to, in order."""
    ids = []
    for ref in paragraph._p.iter(qn("w:footnoteReference")):
        try:
            ids.append(int(ref.get(qn("w:id"))))
        except (TypeError, ValueError):
            continue
    return ids
