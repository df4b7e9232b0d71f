"""The audit view on screen (rich), as Markdown, and as a small trend chart (SVG and PNG)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from audits.analysis import AuditSummary
from audits.grades import GRADES, SHORT
from templates.text import plural, shorten

COLOURS = {"outstanding": "#1b7837", "good": "#7fbf7b", "requires improvement": "#f1a340", "inadequate": "#c51b1b"}


# ------------------------------------------------------------------------------------------ chart
@dataclass
class Chart:
    width: int
    height: int
    label: str
    ops: list[tuple] = field(default_factory=list)

    def svg(self) -> str:
        out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {self.width} {self.height}" width="{self.width}" '
               f'height="{self.height}" role="img" aria-label="{escape(self.label, {chr(34): "&quot;"})}">',
               f'<rect x="0" y="0" width="{self.width}" height="{self.height}" fill="#ffffff"/>']
        for op in self.ops:
            if op[0] == "rect":
                _, x, y, w, h, fill = op
                out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{fill}"/>')
            elif op[0] == "line":
                _, x1, y1, x2, y2, colour, width = op
                out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" stroke-width="{width}"/>')
            elif op[0] == "text":
                _, x, y, text, size, anchor = op
                out.append(f'<text x="{x:.1f}" y="{y:.1f}" font-family="Arial, sans-serif" font-size="{size}" text-anchor="{anchor}" '
                           f'dominant-baseline="middle" fill="#222222">{escape(text)}</text>')
        out.append("</svg>")
        return "\n".join(out)

    def png(self, scale: int = 2) -> bytes:
        from PIL import Image, ImageDraw, ImageFont

        img = Image.new("RGB", (self.width * scale, self.height * scale), "white")
        draw = ImageDraw.Draw(img)
        fonts: dict[int, object] = {}
        def font(size: int):  # type: ignore[no-untyped-def]
            if size not in fonts:
                try:
                    fonts[size] = ImageFont.load_default(size=size * scale)
                except TypeError:  # older Pillow
                    fonts[size] = ImageFont.load_default()
            return fonts[size]
        for op in self.ops:
            if op[0] == "rect":
                _, x, y, w, h, fill = op
                if w > 0 and h > 0:
                    draw.rectangle([x * scale, y * scale, (x + w) * scale - 1, (y + h) * scale - 1], fill=fill)
            elif op[0] == "line":
                _, x1, y1, x2, y2, colour, width = op
                draw.line([x1 * scale, y1 * scale, x2 * scale, y2 * scale], fill=colour, width=max(1, int(width * scale)))
            elif op[0] == "text":
                _, x, y, text, size, anchor = op
                draw.text((x * scale, y * scale), text, fill="#222222", font=font(size), anchor={"start": "lm", "middle": "mm", "end": "rm"}[anchor])
        buf = io.BytesIO()
        img.save(buf, format="PNG", optimize=True)
        return buf.getvalue()


def trend_chart(summary: AuditSummary) -> Chart:
    """Stacked bars of grades per quarter with the good-or-better share as a line; document facts
    (e.g. "22% good or better") as points when there are no returns."""
    view = summary.returns
    width, height, left, right, top, bottom = 560, 260, 44, 16, 30, 56
    chart = Chart(width, height, "Audit grades by quarter")
    plot_w, plot_h = width - left - right, height - top - bottom
    chart.ops.append(("text", left, 14, "Case audit grades by quarter (share of audits)", 12, "start"))
    for pct in (0, 25, 50, 75, 100):
        y = top + plot_h * (1 - pct / 100)
        chart.ops.append(("line", left, y, left + plot_w, y, "#e0e0e0", 1))
        chart.ops.append(("text", left - 6, y, f"{pct}%", 9, "end"))
    points: list[tuple[str, float, int]] = []
    if view and view.by_quarter:
        points = [(c.key, c.good_or_better, c.total) for c in view.by_quarter]
        n = len(view.by_quarter)
        slot = plot_w / n
        bar = min(48.0, slot * 0.6)
        for i, c in enumerate(view.by_quarter):
            x = left + slot * i + (slot - bar) / 2
            y = top + plot_h
            for grade in reversed(GRADES):  # inadequate at the bottom
                h = plot_h * c.counts.get(grade, 0) / c.total if c.total else 0
                y -= h
                chart.ops.append(("rect", x, y, bar, h, COLOURS[grade]))
            chart.ops.append(("text", x + bar / 2, top + plot_h + 12, c.key, 9, "middle"))
            chart.ops.append(("text", x + bar / 2, top + plot_h + 24, f"n={c.total}", 8, "middle"))
        xs = [left + slot * i + slot / 2 for i in range(n)]
        ys = [top + plot_h * (1 - c.good_or_better / 100) for c in view.by_quarter]
        for i in range(n - 1):
            chart.ops.append(("line", xs[i], ys[i], xs[i + 1], ys[i + 1], "#1f3a93", 2))
        for x, y, c in zip(xs, ys, view.by_quarter):
            chart.ops.append(("rect", x - 3, y - 3, 6, 6, "#1f3a93"))
            chart.ops.append(("text", x, y - 10, f"{c.good_or_better:.0f}%", 9, "middle"))
    else:
        facts = [(d.date or "", f.value[0], d.authority or shorten(d.title or "", 20)) for d in summary.documents for f in d.facts if f.kind == "grade_share" and f.value[1] == "good or better"]  # type: ignore[index]
        if facts:
            slot = plot_w / len(facts)
            for i, (when, pct, who) in enumerate(facts):
                x = left + slot * i + slot / 2
                y = top + plot_h * (1 - pct / 100)
                chart.ops.append(("rect", x - 14, y, 28, top + plot_h - y, "#7fbf7b"))
                chart.ops.append(("text", x, y - 10, f"{pct:g}%", 9, "middle"))
                chart.ops.append(("text", x, top + plot_h + 12, f"{who} {when[:4]}", 9, "middle"))
        else:
            chart.ops.append(("text", left + plot_w / 2, top + plot_h / 2, "no audit grades on record", 11, "middle"))
    lx = left
    for grade in GRADES:
        chart.ops.append(("rect", lx, height - 14, 10, 10, COLOURS[grade]))
        chart.ops.append(("text", lx + 14, height - 9, grade, 9, "start"))
        lx += 24 + 6 * len(grade)
    chart.ops.append(("line", lx, height - 9, lx + 14, height - 9, "#1f3a93", 2))
    chart.ops.append(("text", lx + 18, height - 9, "good or better", 9, "start"))
    return chart


# ------------------------------------------------------------------------------------------ markdown
def _grade_cells(c) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(c.counts.get(g, 0)) for g in GRADES] + [f"{c.good_or_better:.0f}%"]


def markdown(summary: AuditSummary, chart_file: str | None = None) -> str:
    out: list[str] = ["# Audit and quality assurance", ""]
    if summary.since or summary.loe:
        out += [f"_Filtered: {'since ' + summary.since.isoformat() if summary.since else ''}{' ' if summary.since and summary.loe else ''}{'line of enquiry ' + summary.loe if summary.loe else ''}_", ""]
    if summary.sentences:
        out += ["## Key figures", ""]
        out += [f"- {s.text}" + (f" ({'; '.join(s.citations)})" if s.citations else "") for s in summary.sentences] + [""]
    v = summary.returns
    if v:
        out += ["## Audit returns: grades by quarter", "", f"Trend: **{v.trend}** ({v.trend_points:+.0f} points good or better, first to last quarter).", ""]
        if chart_file:
            out += [f"![Audit grades by quarter]({chart_file})", ""]
        out += ["| quarter | audits | " + " | ".join(GRADES) + " | good or better |", "|---|---:|" + "---:|" * (len(GRADES) + 1)]
        out += [f"| {c.key} | {c.total} | " + " | ".join(_grade_cells(c)) + " |" for c in v.by_quarter]
        quarters = [c.key for c in v.by_quarter]
        out += ["", "## Audits good or better by team and quarter", "", "| team | " + " | ".join(quarters) + " | all |", "|---|" + "---:|" * (len(quarters) + 1)]
        for team in v.by_team:
            cells = []
            for q in quarters:
                c = v.by_team_quarter.get(team.key, {}).get(q)
                cells.append(f"{c.good_or_better:.0f}% of {c.total}" if c else "–")
            out.append(f"| {team.key} | " + " | ".join(cells) + f" | {team.good_or_better:.0f}% of {team.total} |")
        out.append("")
    if summary.documents:
        out += ["## Audit findings in documents", ""]
        for d in summary.documents:
            out += [f"### {d.title or d.document_sha[:8]} ({d.date or 'undated'}{', ' + d.authority if d.authority else ''})", ""]
            for f in d.facts:
                if f.kind in ("cases_audited", "grade_share", "period", "auditors"):
                    out.append(f"- {f.sentence()} — {f.source.citation}")
            scopes = [f for f in d.facts if f.kind == "scope"]
            if scopes:
                out.append("- scope: " + "; ".join(str(f.value) for f in scopes[:8]))
            if d.improvements:
                out.append("- areas for improvement: " + "; ".join(f"{t.name} [{t.theme}] ({t.source.citation})" for t in d.improvements))
            if d.strengths:
                out.append("- strengths: " + "; ".join(f"{t.name} ({t.source.citation})" for t in d.strengths))
            out.append("")
    if summary.themes:
        out += ["## Recurring themes (how often and how recently)", "", "| theme | rounds | first | last | concern/strength | sources |", "|---|---:|---|---|---|---|"]
        for t in summary.themes[:20]:
            out.append(f"| {t.theme} | {t.occurrences} | {t.first or ''} | {t.last or ''} | {t.concern}/{t.strength} | {'; '.join(t.sources[:4])}{' …' if len(t.sources) > 4 else ''} |")
        out.append("")
    if summary.improvements:
        out += ["## What improved between audits", ""]
        out += [f"- {i.what}: {i.before} → {i.after}" for i in summary.improvements] + [""]
    if summary.actions:
        done = [a for a in summary.actions if a.has_progress]
        out += ["## Audit actions and later evidence of progress", "", f"{len(done)} of {plural(len(summary.actions), 'action')} {'has' if len(done) == 1 else 'have'} later evidence of progress.", ""]
        for a in summary.actions:
            mark = "✔" if a.has_progress else "·"
            out.append(f"- {mark} {(a.action_id + ' ') if a.action_id else ''}{shorten(a.action, 160)} ({a.source})" + (f" — progress: {'; '.join(a.progress)}" if a.progress else ""))
        out.append("")
    if summary.good_practice:
        out += ["## Good practice evidence bank", ""]
        out += [f"- **{g.theme}** ({g.kind}): {shorten(g.text, 220)} — {g.citation}" for g in summary.good_practice] + [""]
    problems = [p for imp in summary.imports for p in imp.get("problems") or [] if p.get("severity") == "rejected"]
    if summary.imports:
        out += ["## Audit returns imported", ""]
        for imp in summary.imports:
            out.append(f"- {imp['source_name']}: {plural(imp['rows_used'], 'row')} used, {imp['rows_rejected']} rejected")
        if problems:
            out.append(f"- {plural(len(problems), 'rejected row')}: run `readiness audits import FILE` again to see reasons")
        out.append("")
    if summary.empty:
        out += ["No audit activity on record: import audit returns with `readiness audits import FILE`, or ingest audit reports.", ""]
    return "\n".join(out)


# ------------------------------------------------------------------------------------------ screen
def show(summary: AuditSummary, console) -> None:  # type: ignore[no-untyped-def]
    from rich.table import Table

    console.print("[bold]Audit and quality assurance[/]" + (f"  (since {summary.since})" if summary.since else "") + (f"  (line {summary.loe})" if summary.loe else ""))
    if summary.empty:
        console.print("No audit activity on record: import audit returns with [bold]readiness audits import FILE[/], or ingest audit reports.")
        return
    for s in summary.sentences:
        console.print(f"• {s.text} [dim]({'; '.join(s.citations)})[/]")
    v = summary.returns
    if v:
        table = Table("quarter", "audits", *GRADES, "good or better", title=f"Audit returns by quarter — trend {v.trend} ({v.trend_points:+.0f} points)")
        for c in v.by_quarter:
            table.add_row(c.key, str(c.total), *_grade_cells(c))
        console.print(table)
        quarters = [c.key for c in v.by_quarter]
        table = Table("team", *quarters, "all", title="Good or better by team and quarter (share of n audits)")
        for team in v.by_team:
            cells = []
            for q in quarters:
                c = v.by_team_quarter.get(team.key, {}).get(q)
                cells.append(f"{c.good_or_better:.0f}% of {c.total}" if c else "–")
            table.add_row(team.key, *cells, f"{team.good_or_better:.0f}% of {team.total}")
        console.print(table)
    for d in summary.documents:
        facts = [f for f in d.facts if f.kind in ("cases_audited", "grade_share", "period", "auditors")]
        console.print(f"[bold]{d.title or d.document_sha[:8]}[/] ({d.date or 'undated'}{', ' + d.authority if d.authority else ''})")
        for f in facts:
            console.print(f"   {f.sentence()} [dim]— {f.source.citation}[/]")
        for t in d.improvements:
            console.print(f"   [yellow]improve[/] {t.name} [dim][{t.theme}] — {t.source.citation}[/]")
        for t in d.strengths:
            console.print(f"   [green]strength[/] {shorten(t.name, 90)} [dim]— {t.source.citation}[/]")
    if summary.themes:
        table = Table("theme", "rounds", "first", "last", "concern/strength", "sources", title="Recurring themes, by how often and how recently")
        for t in summary.themes[:15]:
            table.add_row(t.theme, str(t.occurrences), t.first or "", t.last or "", f"{t.concern}/{t.strength}", shorten("; ".join(t.sources), 90))
        console.print(table)
    if summary.improvements:
        console.print("[bold]What improved[/]")
        for i in summary.improvements:
            console.print(f"   {i.what}: {i.before} → {i.after}")
    if summary.actions:
        done = [a for a in summary.actions if a.has_progress]
        console.print(f"[bold]Actions[/]: {len(done)} of {len(summary.actions)} have later evidence of progress")
        for a in done[:10]:
            console.print(f"   ✔ {(a.action_id + ' ') if a.action_id else ''}{shorten(a.action, 80)} [dim]→ {'; '.join(a.progress)}[/]")
    console.print(f"[bold]Good practice evidence bank[/]: {len(summary.good_practice)} items")
