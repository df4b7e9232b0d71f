"""Two pictures, drawn once as simple shapes and rendered twice: inline SVG for index.html and
PNG (Pillow) for index.docx.

- coverage: lines of enquiry x evidence role, counts in cells, empty cells shaded so gaps show;
- timeline: judgement grades by area and date.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from packs.model import THEME_GAP, TIER_NAMES, JudgementRow, PackPlan
from templates.text import shorten

FONT = "system-ui, -apple-system, Segoe UI, Arial, sans-serif"
RANK_COLOURS = {1: "#1b7837", 2: "#7fbf7b", 3: "#f1a340", 4: "#c51b1b"}
UNKNOWN_COLOUR = "#888888"
GAP_FILL = "#fde0dd"
GAP_WORDS = {"none": "no evidence", "thin": "thin", "stale": "stale", "process-only": "process only",
             "no-data": "no outcome data", "surfeit": "surfeit"}


@dataclass
class Canvas:
    width: int
    height: int
    label: str
    ops: list[tuple] = field(default_factory=list)

    def rect(self, x: float, y: float, w: float, h: float, fill: str = "none", stroke: str = "none") -> None:
        self.ops.append(("rect", x, y, w, h, fill, stroke))

    def text(self, x: float, y: float, text: str, size: int = 12, fill: str = "#222222", anchor: str = "start", bold: bool = False) -> None:
        self.ops.append(("text", x, y, str(text), size, fill, anchor, bold))

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str = "#999999", width: float = 1) -> None:
        self.ops.append(("line", x1, y1, x2, y2, stroke, width))

    def circle(self, cx: float, cy: float, r: float, fill: str, stroke: str = "#ffffff") -> None:
        self.ops.append(("circle", cx, cy, r, fill, stroke))

    # ------------------------------------------------------------------ renderers
    def svg(self) -> str:
        out = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {self.width} {self.height}" '
            f'width="{self.width}" height="{self.height}" role="img" aria-label="{escape(self.label, {chr(34): "&quot;"})}">'
        ]
        for op in self.ops:
            kind = op[0]
            if kind == "rect":
                _, x, y, w, h, fill, stroke = op
                out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{fill}" stroke="{stroke}"/>')
            elif kind == "text":
                _, x, y, text, size, fill, anchor, bold = op
                weight = ' font-weight="bold"' if bold else ""
                out.append(
                    f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" fill="{fill}" '
                    f'text-anchor="{anchor}" dominant-baseline="middle"{weight}>{escape(text)}</text>'
                )
            elif kind == "line":
                _, x1, y1, x2, y2, stroke, width = op
                out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}" stroke-width="{width}"/>')
            elif kind == "circle":
                _, cx, cy, r, fill, stroke = op
                out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="{fill}" stroke="{stroke}"/>')
        out.append("</svg>")
        return "".join(out)

    def png(self, scale: int = 2) -> bytes:
        from PIL import Image, ImageDraw, ImageFont

        image = Image.new("RGB", (self.width * scale, self.height * scale), "white")
        draw = ImageDraw.Draw(image)
        fonts: dict[tuple[int, bool], object] = {}

        def font(size: int, bold: bool):  # type: ignore[no-untyped-def]
            if (size, bold) not in fonts:
                fonts[(size, bold)] = ImageFont.load_default(size=size * scale)
            return fonts[(size, bold)]

        anchors = {"start": "lm", "middle": "mm", "end": "rm"}
        for op in self.ops:
            kind = op[0]
            if kind == "rect":
                _, x, y, w, h, fill, stroke = op
                draw.rectangle(
                    [x * scale, y * scale, (x + w) * scale, (y + h) * scale],
                    fill=None if fill == "none" else fill,
                    outline=None if stroke == "none" else stroke,
                )
            elif kind == "text":
                _, x, y, text, size, fill, anchor, bold = op
                draw.text((x * scale, y * scale), text, fill=fill, font=font(size, bold), anchor=anchors[anchor])
            elif kind == "line":
                _, x1, y1, x2, y2, stroke, width = op
                draw.line([x1 * scale, y1 * scale, x2 * scale, y2 * scale], fill=stroke, width=max(1, int(width * scale)))
            elif kind == "circle":
                _, cx, cy, r, fill, stroke = op
                draw.ellipse([(cx - r) * scale, (cy - r) * scale, (cx + r) * scale, (cy + r) * scale], fill=fill, outline=stroke)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        return buffer.getvalue()


COLUMNS = [
    (TIER_NAMES[0], "Outcome + data"),
    (TIER_NAMES[1], "Outcome"),
    (TIER_NAMES[2], "Judgement / rec."),
    (TIER_NAMES[3], "Process"),
    (TIER_NAMES[4], "Context"),
]


def coverage_chart(plan: PackPlan) -> Canvas:
    label_w, cell_w, gap_w, row_h, top = 330, 92, 190, 30, 46
    rows = plan.sections
    width = label_w + cell_w * len(COLUMNS) + gap_w + 10
    height = top + row_h * max(1, len(rows)) + 34
    canvas = Canvas(width, height, "Evidence coverage by line of enquiry and evidence role")
    canvas.text(8, 14, "Evidence coverage: items in the store by line of enquiry and role", 13, bold=True)
    for c, (_, heading) in enumerate(COLUMNS):
        canvas.text(label_w + c * cell_w + cell_w / 2, top - 12, heading, 11, anchor="middle", bold=True)
    canvas.text(label_w + len(COLUMNS) * cell_w + 8, top - 12, "Gaps", 11, bold=True)
    gap_kinds: dict[str, list[str]] = {}
    for gap in plan.gaps:
        if gap.kind != THEME_GAP:
            gap_kinds.setdefault(gap.area, []).append(GAP_WORDS.get(gap.kind, gap.kind))
    peak = max([1] + [n for s in rows for n in s.role_counts.values()])
    for r, section in enumerate(rows):
        y = top + r * row_h
        canvas.text(8, y + row_h / 2, shorten(f"{section.number}  {section.line.title}", 52), 11)
        for c, (tier_name, _) in enumerate(COLUMNS):
            count = section.role_counts.get(tier_name, 0)
            x = label_w + c * cell_w
            if count == 0:
                fill = GAP_FILL if c < 4 else "#f4f4f4"
            else:
                strength = 0.25 + 0.75 * (count / peak)
                shade = int(235 - strength * 150)
                fill = f"#{shade:02x}{min(255, shade + 25):02x}ff"
            canvas.rect(x + 2, y + 2, cell_w - 4, row_h - 4, fill=fill, stroke="#ffffff")
            canvas.text(x + cell_w / 2, y + row_h / 2, str(count), 11, anchor="middle", fill="#111111" if count else "#a33")
        kinds = gap_kinds.get(section.line.id, [])
        canvas.text(label_w + len(COLUMNS) * cell_w + 8, y + row_h / 2, shorten(", ".join(kinds) or "none found", 32), 11, fill="#a31515" if kinds else "#1b7837")
    canvas.text(8, height - 14, "Shaded red: no evidence of that kind. Counts are candidates before the pack's limits.", 10, fill="#555555")
    return canvas


def timeline_chart(plan: PackPlan) -> Canvas:
    rows: list[JudgementRow] = [j for j in plan.judgements if j.date]
    label_w, row_h, top, right = 330, 28, 40, 30
    areas: list[tuple[str, str]] = []
    for j in rows:
        if (j.area, j.area_title) not in areas:
            areas.append((j.area, j.area_title))
    width = 900
    height = top + row_h * max(1, len(areas)) + 60
    canvas = Canvas(width, height, "Judgement history by area and date")
    canvas.text(8, 14, "Judgement history", 13, bold=True)
    if not rows:
        canvas.text(8, top + 10, "No dated judgements found in the evidence.", 11, fill="#555555")
        return canvas
    years = [int(j.date[:4]) for j in rows]
    first, last = min(years), max(years) + 1
    span = max(1, last - first)
    plot_w = width - label_w - right

    def x_of(value: str) -> float:
        year = int(value[:4])
        month = int(value[5:7]) if len(value) >= 7 and value[5:7].isdigit() else 6
        return label_w + plot_w * ((year - first) + (month - 0.5) / 12) / span

    axis_y = top + row_h * len(areas) + 6
    canvas.line(label_w, axis_y, label_w + plot_w, axis_y, "#555555")
    step = 1 if span <= 12 else (2 if span <= 24 else 5)
    for year in range(first, last + 1, step):
        x = label_w + plot_w * (year - first) / span
        canvas.line(x, top - 4, x, axis_y, "#e5e5e5")
        canvas.text(x, axis_y + 12, str(year), 10, anchor="middle", fill="#555555")
    for r, (area, title) in enumerate(areas):
        y = top + r * row_h + row_h / 2
        canvas.text(8, y, shorten(title, 52), 11)
        canvas.line(label_w, y, label_w + plot_w, y, "#f0f0f0")
        for j in rows:
            if j.area != area:
                continue
            x = x_of(j.date or "")
            canvas.circle(x, y, 7, RANK_COLOURS.get(j.rank or 0, UNKNOWN_COLOUR), "#333333")
            canvas.text(x + 10, y, _grade_short(j.grade), 10, fill="#333333")
    legend_y = height - 16
    x = 8.0
    for rank, colour in sorted(RANK_COLOURS.items()):
        label = next((g.label for g in plan.framework.grade_scale if g.rank == rank), str(rank))
        canvas.circle(x + 6, legend_y, 6, colour, "#333333")
        canvas.text(x + 16, legend_y, label, 10)
        x += 34 + 5.4 * len(label)
    return canvas


def _grade_short(grade: str) -> str:
    text = grade.lower()
    if text.startswith("requires improvement") or text == "ri":
        return "RI"
    return shorten(grade, 14).capitalize()
