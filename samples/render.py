#!/usr/bin/env python3
"""Render the fictional Northmoor sample documents from Markdown to PDF / DOCX.

Reads samples/sources/*.md and writes samples/documents/<stem>.<ext>. Each source
is rendered to the format(s) listed in FORMATS below (roughly half PDF, half
DOCX, plus plain .md/.txt copies) so that the demo set exercises every extractor.

Output is deterministic: PDFs are written with reportlab's invariant mode and
fixed metadata, DOCX files with fixed core properties and fixed zip timestamps,
so re-running gives byte-identical files.

Supported Markdown subset: '#' headings, paragraphs (one per line), '-' bullets,
'1.' numbered lists, pipe tables, **bold** inline. Numbered paragraphs such as
'4.2 Text' or '12 Text' are kept as ordinary paragraphs with their number.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
AUTHORITY = "Northmoor Borough Council"
MARKING = "OFFICIAL"
FIXED = dt.datetime(2026, 1, 5, 9, 0, 0)
ZIP_TIME = (2026, 1, 5, 9, 0, 0)

# stem -> formats. Anything not listed is rendered to PDF.
FORMATS: dict[str, list[str]] = {
    "ofsted-ilacs-inspection-2023": ["pdf"],
    "ofsted-focused-visit-2025": ["md"],
    "corporate-parenting-care-leavers-2024": ["docx"],
    "safeguarding-partnership-minutes-2025": ["docx", "txt"],
    "scrutiny-placement-stability-2025": ["pdf"],
    "case-audit-programme-2025": ["pdf"],
    "improvement-action-plan-2026": ["docx"],
    "performance-report-q3-2025-26": ["pdf"],
    "case-summary-help-and-protection-2025": ["pdf"],
    "case-summary-care-leaver-2024": ["docx"],
}


# --------------------------------------------------------------------------- parsing
@dataclass
class Block:
    kind: str  # heading | para | bullet | number | table
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)


def parse_markdown(src: str) -> list[Block]:
    blocks: list[Block] = []
    lines = src.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.lstrip().startswith("|"):
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(Block("table", rows=rows))
            continue
        if m := re.match(r"^(#{1,6})\s+(.*)$", line):
            blocks.append(Block("heading", m.group(2).strip(), level=len(m.group(1))))
        elif m := re.match(r"^\s*[-*]\s+(.*)$", line):
            blocks.append(Block("bullet", m.group(1)))
        elif m := re.match(r"^\s*(\d+)\.\s+(.*)$", line):
            blocks.append(Block("number", m.group(2), level=int(m.group(1))))
        else:
            blocks.append(Block("para", line.strip()))
        i += 1
    return blocks


def inline_runs(text: str) -> list[tuple[str, bool]]:
    """Split '**bold**' markup into (text, is_bold) runs."""
    parts = re.split(r"(\*\*[^*]+\*\*)", text)
    return [(p[2:-2], True) if p.startswith("**") and p.endswith("**") else (p, False)
            for p in parts if p]


def plain(text: str) -> str:
    return "".join(t for t, _ in inline_runs(text))


def doc_title(blocks: list[Block], stem: str) -> str:
    for b in blocks:
        if b.kind == "heading":
            return plain(b.text)
    return stem


# --------------------------------------------------------------------------- PDF
def render_pdf(blocks: list[Block], title: str, out: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas as rl_canvas
    from reportlab.platypus import (ListFlowable, ListItem, Paragraph, SimpleDocTemplate,
                                    Spacer, Table, TableStyle)

    class NumberedCanvas(rl_canvas.Canvas):
        """Defers page output so the footer can say 'Page N of M'."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._saved = []

        def showPage(self):
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total):
            w, h = A4
            self.saveState()
            self.setFont("Helvetica", 8.5)
            self.setFillColor(colors.HexColor("#333333"))
            self.drawString(20 * mm, h - 12 * mm, AUTHORITY)
            self.setFont("Helvetica-Bold", 8.5)
            self.drawRightString(w - 20 * mm, h - 12 * mm, MARKING)
            self.setStrokeColor(colors.HexColor("#999999"))
            self.line(20 * mm, h - 14 * mm, w - 20 * mm, h - 14 * mm)
            self.setFont("Helvetica", 8.5)
            self.drawCentredString(w / 2, 10 * mm, f"Page {self._pageNumber} of {total}")
            self.drawCentredString(w / 2, 6 * mm, MARKING)
            self.restoreState()

    ss = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=ss["BodyText"], fontName="Helvetica", fontSize=10,
                          leading=13.5, spaceAfter=5, alignment=TA_LEFT)
    cell = ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0)
    cell_b = ParagraphStyle("cellb", parent=cell, fontName="Helvetica-Bold")
    heads = {
        1: ParagraphStyle("h1", parent=body, fontName="Helvetica-Bold", fontSize=16, leading=20,
                          spaceBefore=4, spaceAfter=10),
        2: ParagraphStyle("h2", parent=body, fontName="Helvetica-Bold", fontSize=13, leading=16,
                          spaceBefore=10, spaceAfter=6),
        3: ParagraphStyle("h3", parent=body, fontName="Helvetica-Bold", fontSize=11, leading=14,
                          spaceBefore=8, spaceAfter=4),
    }

    def markup(text: str) -> str:
        return "".join(f"<b>{escape(t)}</b>" if b else escape(t) for t, b in inline_runs(text))

    doc = SimpleDocTemplate(
        str(out), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
        topMargin=22 * mm, bottomMargin=20 * mm, title=title, author=AUTHORITY,
        subject="Fictional sample document", creator="readiness samples/render.py",
        producer="readiness samples", invariant=1,
    )
    story = []
    pending: list[Block] = []

    def flush_list():
        if not pending:
            return
        kind = pending[0].kind
        items = [ListItem(Paragraph(markup(b.text), body), leftIndent=14) for b in pending]
        if kind == "bullet":
            story.append(ListFlowable(items, bulletType="bullet", start="\u2022", leftIndent=14))
        else:
            story.append(ListFlowable(items, bulletType="1", start=pending[0].level, bulletFormat="%s.", leftIndent=18))
        story.append(Spacer(1, 4))
        pending.clear()

    for b in blocks:
        if b.kind in ("bullet", "number"):
            if pending and pending[0].kind != b.kind:
                flush_list()
            pending.append(b)
            continue
        flush_list()
        if b.kind == "heading":
            story.append(Paragraph(markup(b.text), heads[min(b.level, 3)]))
        elif b.kind == "para":
            story.append(Paragraph(markup(b.text), body))
        elif b.kind == "table":
            ncols = max(len(r) for r in b.rows)
            rows = [r + [""] * (ncols - len(r)) for r in b.rows]
            data = [[Paragraph(markup(c), cell_b if ri == 0 else cell) for c in r]
                    for ri, r in enumerate(rows)]
            avail = A4[0] - 40 * mm
            weights = [max(6, min(60, max(len(plain(r[c])) for r in rows))) for c in range(ncols)]
            widths = [avail * w / sum(weights) for w in weights]
            t = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#808080")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde4ee")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]))
            story.append(t)
            story.append(Spacer(1, 8))
    flush_list()
    doc.build(story, canvasmaker=NumberedCanvas)


# --------------------------------------------------------------------------- DOCX
def _add_field(paragraph, instr: str, cached: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = cached
    r.append(t)
    fld.append(r)
    paragraph._p.append(fld)


def _normalise_zip(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def render_docx(blocks: list[Block], title: str, out: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm, Pt

    d = Document()
    sec = d.sections[0]
    sec.page_height, sec.page_width = Mm(297), Mm(210)
    sec.left_margin = sec.right_margin = Mm(20)
    d.styles["Normal"].font.name = "Arial"
    d.styles["Normal"].font.size = Pt(10.5)

    hp = sec.header.paragraphs[0]
    hp.paragraph_format.tab_stops.add_tab_stop(Mm(170), WD_TAB_ALIGNMENT.RIGHT)
    hp.add_run(AUTHORITY)
    hp.add_run("\t")
    hp.add_run(MARKING).bold = True
    fp = sec.footer.paragraphs[0]
    fp.alignment = 1  # centre
    fp.add_run("Page ")
    _add_field(fp, "PAGE", "1")
    fp.add_run(" of ")
    _add_field(fp, "NUMPAGES", "1")
    fp.add_run(f"    {MARKING}")

    def add_runs(p, text):
        for t, bold in inline_runs(text):
            p.add_run(t).bold = bold or None

    for b in blocks:
        if b.kind == "heading":
            p = d.add_heading("", level=min(b.level, 3))
            add_runs(p, b.text)
        elif b.kind == "para":
            add_runs(d.add_paragraph(), b.text)
        elif b.kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), b.text)
        elif b.kind == "number":
            add_runs(d.add_paragraph(style="List Number"), b.text)
        elif b.kind == "table":
            ncols = max(len(r) for r in b.rows)
            t = d.add_table(rows=0, cols=ncols)
            t.style = "Table Grid"
            for ri, row in enumerate(b.rows):
                cells = t.add_row().cells
                for ci in range(ncols):
                    p = cells[ci].paragraphs[0]
                    for txt, bold in inline_runs(row[ci] if ci < len(row) else ""):
                        p.add_run(txt).bold = True if ri == 0 else (bold or None)
            d.add_paragraph()

    cp = d.core_properties
    cp.title, cp.author, cp.last_modified_by = title, AUTHORITY, AUTHORITY
    cp.subject, cp.comments = "Fictional sample document", "Generated by readiness samples/render.py"
    cp.created = cp.modified = cp.last_printed = FIXED
    cp.revision = 1
    buf = io.BytesIO()
    d.save(buf)
    out.write_bytes(_normalise_zip(buf.getvalue()))


# --------------------------------------------------------------------------- text
def render_txt(blocks: list[Block], title: str, out: Path) -> None:
    lines: list[str] = []
    for b in blocks:
        if b.kind == "heading":
            t = plain(b.text)
            lines += ["", t.upper() if b.level == 1 else t, ""]
        elif b.kind == "para":
            lines += [plain(b.text), ""]
        elif b.kind == "bullet":
            lines.append(f"  * {plain(b.text)}")
        elif b.kind == "number":
            lines.append(f"  {b.level}. {plain(b.text)}")
        elif b.kind == "table":
            lines += ["\t".join(plain(c) for c in r) for r in b.rows] + [""]
    text = "\n".join(lines).strip() + "\n"
    out.write_text(re.sub(r"\n{3,}", "\n\n", text), encoding="utf-8")


def render_md(src: Path, out: Path) -> None:
    out.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")


# --------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sources", type=Path, default=HERE / "sources", help="folder of .md sources")
    ap.add_argument("--out", type=Path, default=HERE / "documents", help="output folder")
    ap.add_argument("--format", choices=["pdf", "docx", "txt", "md"], action="append",
                    help="render every source to this format instead of the default mix (repeatable)")
    ap.add_argument("--only", action="append", metavar="STEM", help="render only this stem (repeatable)")
    ap.add_argument("--clean", action="store_true", help="delete existing files in --out first")
    args = ap.parse_args(argv)

    sources = sorted(args.sources.glob("*.md"))
    if args.only:
        sources = [s for s in sources if s.stem in args.only]
    if not sources:
        print(f"no sources found in {args.sources}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    if args.clean:
        for f in args.out.iterdir():
            if f.is_file():
                f.unlink()
    for src in sources:
        blocks = parse_markdown(src.read_text(encoding="utf-8"))
        title = doc_title(blocks, src.stem)
        for fmt in args.format or FORMATS.get(src.stem, ["pdf"]):
            out = args.out / f"{src.stem}.{fmt}"
            if fmt == "pdf":
                render_pdf(blocks, title, out)
            elif fmt == "docx":
                render_docx(blocks, title, out)
            elif fmt == "txt":
                render_txt(blocks, title, out)
            else:
                render_md(src, out)
            print(f"wrote {out.relative_to(args.out.parent) if out.is_relative_to(args.out.parent) else out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
