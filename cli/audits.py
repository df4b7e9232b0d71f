"""`readiness audits` (the view) and `readiness audits import FILE` / `readiness audit-import FILE`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from cli.options import ConfigOpt, FrameworkOpt, SinceOpt, StoreOpt, load_settings, open_view, parse_day
from cli.output import console, err, safe


def run_import(file: Path, mapping_file: Path | None, settings, as_json: bool = False) -> int:  # type: ignore[no-untyped-def]
    from audits.ingest import ImportRefused, read_returns_safely
    from audits.mapping import Mapping
    from audits.pseudonym import load_salt
    from audits.store import AuditStore

    if not file.exists():
        err.print(f"[red]file not found:[/] {safe(file)}")
        return 2
    try:
        mapping = Mapping.load(mapping_file)
    except ValueError as exc:
        err.print(f"[red]mapping problem:[/] {safe(exc)}")
        return 2
    result = read_returns_safely(file, load_salt(settings.store), mapping, settings.file_timeout_s, settings.file_memory_mb)
    if isinstance(result, ImportRefused):
        err.print(f"[red]refused[/] {safe(file.name)}: {safe(result.reason)}")
        return 2
    saved = AuditStore.for_settings(settings).save(result)
    if as_json:
        console.print_json(json.dumps({
            "file": result.source_name, "sheet": result.sheet, "header_row": result.header_row, "columns": result.columns,
            "themes": result.theme_columns, "rows_read": result.rows_read, "rows_used": len(result.rows), "rows_rejected": result.rejected,
            "replaced": saved.replaced, "notes": result.notes, "problems": [p.to_dict() for p in result.problems]}))
        return 0
    console.print(f"[bold]{safe(result.source_name)}[/]{safe(' (sheet ' + repr(result.sheet) + ')') if result.sheet else ''}: "
                  f"{result.rows_read} rows read, [green]{len(result.rows)} used[/], "
                  f"[{'red' if result.rejected else 'green'}]{result.rejected} rejected[/]"
                  + (f", {saved.replaced} replaced audits already held" if saved.replaced else ""))
    console.print("  columns: " + safe(", ".join(f"{k} = {v!r}" for k, v in result.columns.items())))
    for note in result.notes:
        console.print(f"  [cyan]note[/] {safe(note)}")
    if result.problems:
        table = Table("row", "column", "value", "problem", "row used?", title="Rows with problems")
        for p in result.problems:
            table.add_row(str(p.row), safe(p.column or ""), safe((p.value or "")[:30]), safe(p.reason), "no" if p.severity == "rejected" else "yes")
        console.print(table)
    console.print("Case references were pseudonymised; the raw references are not stored.")
    return 0


def run_view(settings, evidence, since: date | None, loe: str | None, out: Path | None) -> None:  # type: ignore[no-untyped-def]
    from audits.analysis import audit_section
    from audits.render import markdown, show

    summary = audit_section(evidence, settings, since=since, loe=loe)
    show(summary, console)
    if out:
        out.mkdir(parents=True, exist_ok=True)
        (out / "audit-trend.svg").write_text(summary.chart_svg(), encoding="utf-8")
        (out / "audit-trend.png").write_bytes(summary.chart_png())
        (out / "audits.md").write_text(markdown(summary, "audit-trend.png"), encoding="utf-8")
        console.print(f"Wrote {safe(out / 'audits.md')}, audit-trend.svg and audit-trend.png")


def register(app: typer.Typer) -> None:
    audits_app = typer.Typer(help="Audit intelligence: case-audit returns and audit findings in documents.", invoke_without_command=True)

    @audits_app.callback()
    def audits(
        ctx: typer.Context,
        since: SinceOpt = None,
        loe: Annotated[Optional[str], typer.Option("--loe", help="Only what bears on this line of enquiry id.")] = None,
        out: Annotated[Optional[Path], typer.Option("--out", help="Folder for audits.md and the trend chart (SVG, PNG).")] = None,
        store: StoreOpt = None,
        framework: FrameworkOpt = None,
        config: ConfigOpt = None,
    ) -> None:
        """One view across all audit activity: grades by quarter and team, trend, recurring themes,
        what improved, actions with later progress, good practice. `audits import FILE` adds returns."""
        if ctx.invoked_subcommand:
            return
        start = parse_day(since)
        settings, evidence = open_view(store, framework, config)
        run_view(settings, evidence, start, loe, out)

    def import_command(
        file: Annotated[Path, typer.Argument(help="CSV or XLSX of case-audit returns.")],
        mapping: Annotated[Optional[Path], typer.Option("--mapping", help="YAML column mapping (see audits/mapping.py).")] = None,
        store: StoreOpt = None,
        config: ConfigOpt = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the import report as JSON.")] = False,
    ) -> None:
        """Import case-audit returns: rows with problems are reported one by one; good rows are kept."""
        code = run_import(file, mapping, load_settings(store, None, config), as_json)
        if code:
            raise typer.Exit(code)

    audits_app.command("import")(import_command)
    app.add_typer(audits_app, name="audits")
    app.command("audit-import", help="Same as `readiness audits import FILE`.")(import_command)
