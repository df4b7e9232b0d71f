"""A seeded synthetic corpus of council children's-services documents for the benchmark.

PDFs (reportlab platypus) have a title, headings, numbered paragraphs, bullet lists, ruled data
tables and running headers/footers ("OFFICIAL", council name, "Page n of m"); DOCX files
(python-docx) have headings, numbered paragraphs, tables and a header/footer. The same seed gives
the same text (the PDF bytes differ only in reportlab's embedded timestamps/ids, which are fixed
here with `invariant=1`), so a corpus can be cached and re-used between benchmark runs.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

COUNCILS = ["Anytown", "Northshire", "Eastbridge", "Westmoor", "Southdale", "Kingsford", "Ashcombe", "Highfield"]
KINDS = [
    ("self-evaluation", "Self-evaluation of social work practice"),
    ("performance-report", "Children's services performance report"),
    ("audit-report", "Quality assurance: thematic case audit"),
    ("board-minutes", "Safeguarding partnership board: minutes"),
    ("improvement-plan", "Improvement plan: progress update"),
    ("scrutiny-report", "Children and young people scrutiny committee report"),
    ("corporate-parenting", "Corporate parenting board annual report"),
    ("ofsted-letter", "Focused visit: findings letter"),
]
THEMES = {
    "Help and protection": [
        ("the front door", "contacts and referrals are screened promptly and thresholds are applied consistently"),
        ("strategy discussions", "are held in a timely way and involve police and health partners"),
        ("section 47 enquiries", "are thorough and children are seen alone where appropriate"),
        ("child protection plans", "are specific and reviewed at core groups every six weeks"),
        ("early help", "is offered through family hubs and reduces repeat referrals"),
        ("children at risk of exploitation", "are identified through the multi-agency exploitation panel"),
        ("pre-proceedings work", "under the public law outline prevents drift for younger children"),
    ],
    "Children in care": [
        ("permanence planning", "is considered at the second review and achieved without delay"),
        ("placement stability", "has improved, with fewer children experiencing three or more moves"),
        ("the virtual school", "tracks attendance and personal education plans for every child"),
        ("independent reviewing officers", "challenge drift and record their oversight on the child's file"),
        ("life-story work", "helps children understand their history and identity"),
        ("unaccompanied children", "receive timely age assessments and access to legal advice"),
    ],
    "Care leavers": [
        ("personal advisers", "keep in touch with care leavers and know them well"),
        ("pathway plans", "are written with young people and updated when circumstances change"),
        ("staying put arrangements", "allow young people to remain with their foster carers after eighteen"),
        ("the local offer", "sets out entitlements to council tax exemption and free leisure passes"),
        ("suitable accommodation", "is available for most care leavers, although a minority live in unsuitable housing"),
    ],
    "Impact of leaders": [
        ("senior leaders", "know their services well through a comprehensive quality assurance framework"),
        ("the workforce strategy", "has reduced reliance on agency social workers"),
        ("caseloads", "are manageable for most social workers, allowing time for direct work"),
        ("supervision", "is regular and reflective, and management oversight is recorded on files"),
        ("corporate parenting", "is championed by the lead member and the chief executive"),
        ("partnership working", "with health, police and schools is well established"),
    ],
}
JUDGEMENTS = ["outstanding", "good", "requires improvement to be good", "inadequate"]
STRENGTHS = ["This is a strength.", "As a result, children are safer.", "This has led to sustained improvement.",
             "Children told inspectors that they feel listened to.", "Practice is consistently child-centred."]
CONCERNS = ["However, this is not yet consistent across all teams.", "Too many children experience delay.",
            "Management oversight is not always evident on files.", "A minority of plans lack clear timescales.",
            "This remains an area for improvement."]
METRICS = ["repeat referrals", "re-registrations on child protection plans", "assessments completed within 45 working days",
           "visits completed within timescales", "care leavers in education, employment or training",
           "children with three or more placements", "initial health assessments completed within 20 days",
           "personal education plans rated good", "social worker turnover", "agency social workers"]
PEOPLE = ["the Director of Children's Services", "the Lead Member for Children", "the Head of Safeguarding",
          "the Principal Social Worker", "the Chair of the partnership", "the Designated Nurse", "the Detective Superintendent"]
QUARTERS = ["Q1 2025-26", "Q2 2025-26", "Q3 2025-26", "Q4 2024-25", "2024-25", "2023-24"]


@dataclass
class Spec:
    name: str
    fmt: str  # pdf | docx
    kind: str
    title: str
    council: str
    pages: int  # target pages
    seed: int


def specs(docs: int, seed: int = 7, pages_per_doc: float = 10.0, docx_share: float = 0.15) -> list[Spec]:
    rng = random.Random(seed)
    out: list[Spec] = []
    for i in range(docs):
        kind, title = rng.choice(KINDS)
        council = rng.choice(COUNCILS)
        pages = max(2, min(30, int(rng.gauss(pages_per_doc, pages_per_doc / 3))))
        fmt = "docx" if rng.random() < docx_share else "pdf"
        year = rng.choice([2023, 2024, 2025, 2026])
        out.append(Spec(f"{i:04d}-{council.lower()}-{kind}-{year}.{fmt}", fmt, kind, f"{council} Council: {title} {year}", council, pages, rng.randrange(1 << 30)))
    return out


# ----------------------------------------------------------------------------- text
def _sentence(rng: random.Random, theme: str) -> str:
    subject, predicate = rng.choice(THEMES[theme])
    roll = rng.random()
    if roll < 0.22:
        metric = rng.choice(METRICS)
        a, b = rng.randint(5, 60), rng.randint(5, 60)
        direction = "fell" if b < a else "rose"
        return (f"The proportion of {metric} {direction} from {a}% to {b}% in {rng.choice(QUARTERS)}, compared with "
                f"a statistical neighbour average of {rng.randint(5, 60)}% and an England average of {rng.randint(5, 60)}%.")
    if roll < 0.32:
        return f"The local authority should ensure that {subject} {predicate}."
    if roll < 0.40:
        return f"{rng.choice(PEOPLE).capitalize()} reported that {subject} {predicate}, and the board agreed to review progress by {rng.choice(['March', 'June', 'September', 'December'])}."
    tail = rng.choice(STRENGTHS if rng.random() < 0.6 else CONCERNS)
    return f"{subject[0].upper() + subject[1:]} {predicate}. {tail}"


def _paragraph(rng: random.Random, theme: str) -> str:
    return " ".join(_sentence(rng, theme) for _ in range(rng.randint(2, 5)))


def _table(rng: random.Random) -> list[list[str]]:
    rows = [["Indicator", "2023-24", "2024-25", "Q2 2025-26", "Stat. neighbours", "England"]]
    for metric in rng.sample(METRICS, rng.randint(4, 8)):
        rows.append([metric[0].upper() + metric[1:]] + [f"{rng.randint(5, 95)}%" for _ in range(5)])
    return rows


def _outline(rng: random.Random, spec: Spec) -> list[tuple]:
    """[("h1", text) | ("h2", text) | ("p", label, text) | ("bullets", [..]) | ("table", rows)], ~420 words/page."""
    budget = spec.pages * 420
    words = 0
    items: list[tuple] = []
    if spec.kind == "ofsted-letter":
        items.append(("p", "", f"Overall, the experiences and progress of children were judged to be {rng.choice(JUDGEMENTS)}."))
    section = 0
    themes = list(THEMES)
    while words < budget:
        section += 1
        theme = themes[(section - 1) % len(themes)]
        items.append(("h1", f"{section}. {theme}"))
        for sub in range(1, rng.randint(2, 4) + 1):
            if words >= budget:
                break
            items.append(("h2", f"{section}.{sub} {rng.choice(THEMES[theme])[0].capitalize()}"))
            for para in range(1, rng.randint(2, 5) + 1):
                text = _paragraph(rng, theme)
                words += len(text.split())
                items.append(("p", f"{section}.{sub}.{para}", text))
            if rng.random() < 0.35:
                items.append(("table", _table(rng)))
                words += 60
            if rng.random() < 0.3:
                bullets = [_sentence(rng, theme) for _ in range(rng.randint(3, 5))]
                words += sum(len(b.split()) for b in bullets)
                items.append(("bullets", bullets))
    return items


# ----------------------------------------------------------------------------- writers
def write_pdf(spec: Spec, path: Path, variant: int = 0) -> int:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    rng = random.Random(spec.seed + variant * 1_000_003)
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontName="Helvetica", fontSize=10.5, leading=14, spaceAfter=6)
    h1 = ParagraphStyle("h1", parent=styles["Heading1"], fontName="Helvetica-Bold", fontSize=15, spaceBefore=10, spaceAfter=6)
    h2 = ParagraphStyle("h2", parent=styles["Heading2"], fontName="Helvetica-Bold", fontSize=12, spaceBefore=8, spaceAfter=4)
    title = ParagraphStyle("title", parent=styles["Title"], fontName="Helvetica-Bold", fontSize=20)
    cell = ParagraphStyle("cell", parent=body, fontSize=9, leading=11, spaceAfter=0)
    pages = {"n": 0}

    def decorate(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(20 * mm, 287 * mm, f"{spec.council} Council - Children's Services")
        canvas.drawRightString(190 * mm, 287 * mm, "OFFICIAL")
        canvas.drawString(20 * mm, 10 * mm, spec.title)
        canvas.drawRightString(190 * mm, 10 * mm, f"Page {doc.page}")
        canvas.restoreState()
        pages["n"] = doc.page

    story: list = [Paragraph(spec.title, title), Paragraph(f"Report of {rng.choice(PEOPLE)}", body), Spacer(1, 8)]
    for item in _outline(rng, spec):
        if item[0] == "h1":
            story.append(Paragraph(item[1], h1))
        elif item[0] == "h2":
            story.append(Paragraph(item[1], h2))
        elif item[0] == "p":
            story.append(Paragraph((f"{item[1]} " if item[1] else "") + item[2], body))
        elif item[0] == "bullets":
            story.append(ListFlowable([ListItem(Paragraph(b, body)) for b in item[1]], bulletType="bullet", start="•"))
        elif item[0] == "table":
            rows = [[Paragraph(c, cell) for c in row] for row in item[1]]
            table = Table(rows, colWidths=[60 * mm] + [22 * mm] * 5, repeatRows=1)
            table.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            story.extend([table, Spacer(1, 6)])
    doc = SimpleDocTemplate(str(path), pagesize=A4, title=spec.title, author=f"{spec.council} Council",
                            topMargin=22 * mm, bottomMargin=20 * mm, invariant=1)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return pages["n"]


def write_docx(spec: Spec, path: Path, variant: int = 0) -> int:
    import docx

    rng = random.Random(spec.seed + variant * 1_000_003)
    document = docx.Document()
    document.core_properties.title = spec.title
    document.core_properties.author = f"{spec.council} Council"
    section = document.sections[0]
    section.header.paragraphs[0].text = f"{spec.council} Council - Children's Services    OFFICIAL"
    section.footer.paragraphs[0].text = spec.title
    document.add_heading(spec.title, level=0)
    words = 0
    for item in _outline(rng, spec):
        if item[0] == "h1":
            document.add_heading(item[1], level=1)
        elif item[0] == "h2":
            document.add_heading(item[1], level=2)
        elif item[0] == "p":
            document.add_paragraph((f"{item[1]} " if item[1] else "") + item[2])
            words += len(item[2].split())
        elif item[0] == "bullets":
            for b in item[1]:
                document.add_paragraph(b, style="List Bullet")
                words += len(b.split())
        elif item[0] == "table":
            rows = item[1]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
            words += 60
    document.save(str(path))
    return max(1, round(words / 450))  # pages as Word would lay them out, roughly


def write(spec: Spec, folder: Path, variant: int = 0) -> int:
    path = folder / spec.name
    return write_pdf(spec, path, variant) if spec.fmt == "pdf" else write_docx(spec, path, variant)


def _write_many(args: tuple[list[Spec], str]) -> list[tuple[str, int]]:
    specs_, folder = args
    return [(s.name, write(s, Path(folder))) for s in specs_]


def generate(folder: Path, docs: int, seed: int = 7, processes: int = 2) -> dict:
    """Write the corpus into `folder` (re-used when its manifest matches); returns the manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest_path = folder / ".manifest.json"  # hidden: discover() skips it
    wanted = [s.__dict__ for s in specs(docs, seed)]
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("specs") == wanted and all((folder / s["name"]).exists() for s in wanted):
            return manifest
    all_specs = specs(docs, seed)
    chunks = [all_specs[i::processes] for i in range(processes)]
    if processes > 1 and docs > 4:
        import multiprocessing as mp

        with mp.get_context("fork").Pool(processes) as pool:
            results = [pair for part in pool.map(_write_many, [(c, str(folder)) for c in chunks]) for pair in part]
    else:
        results = _write_many((all_specs, str(folder)))
    pages = dict(results)
    manifest = {"docs": docs, "seed": seed, "specs": wanted, "pages": {s.name: pages[s.name] for s in all_specs}}
    manifest_path.write_text(json.dumps(manifest))
    return manifest
