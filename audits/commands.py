"""`readiness audits` (the view) and `readiness audits import FILE` / `readiness audit-import FILE`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

console = Console()
err = Console(stderr=True)

StoreOpt = Annotated[Optional[str], typer.Option("--store", help="SQLite file path or database URL.")]
FrameworkOpt = Annotated[Optional[str], typer.Option("--framework", help="Framework: a file or family name in frameworks/ (default from settings).")]
ConfigOpt = Annotated[Optional[str], typer.Option("--config", help="Settings file (default: ./readiness.yaml if present).")]


def _settings(store: str | None, framework: str | None, config: str | None, context_factory):  # type: ignore[no-untyped-def]
    try:
        from readiness.context import load_settings
    except ImportError:  # pragma: no cover - the context module is part of the CLI
        return context_factory(store, framework, config)[0]
    return load_settings(store, framework, config)


def run_import(file: Path, mapping_file: Path | None, settings, as_json: bool = False) -> int:  # type: ignore[no-untyped-def]
    from audits.ingest import ImportRefused, read_returns
    from audits.mapping import Mapping
    from audits.pseudonym import load_salt
    from audits.store import AuditStore

    if not file.exists():
        err.print(f"[red]file not found:[/] {file}")
        return 2
    try:
        mapping = Mapping.load(mapping_file)
        result = read_returns(file, load_salt(settings.store), mapping)
    except ImportRefused as exc:
        err.print(f"[red]refused[/] {file.name}: {exc.reason}")
        return 2
    except ValueError as exc:
        err.print(f"[red]mapping problem:[/] {exc}")
        return 2
    saved = AuditStore.for_settings(settings).save(result)
    if as_json:
        console.print_json(json.dumps({
            "file": result.source_name, "sheet": result.sheet, "header_row": result.header_row, "columns": result.columns,
            "themes": result.theme_columns, "rows_read": result.rows_read, "rows_used": len(result.rows), "rows_rejected": result.rejected,
            "replaced": saved.replaced, "notes": result.notes, "problems": [p.to_dict() for p in result.problems]}))
        return 0
    console.print(f"[bold]{result.source_name}[/]{' (sheet ' + repr(result.sheet) + ')' if result.sheet else ''}: "
                  f"{result.rows_read} rows read, [green]{len(result.rows)} used[/], "
                  f"[{'red' if result.rejected else 'green'}]{result.rejected} rejected[/]"
                  + (f", {saved.replaced} replaced audits already held" if saved.replaced else ""))
    console.print("  columns: " + ", ".join(f"{k} = {v!r}" for k, v in result.columns.items()))
    for note in result.notes:
        console.print(f"  [cyan]note[/] {note}")
    if result.problems:
        table = Table("row", "column", "value", "problem", "row used?", title="Rows with problems")
        for p in result.problems:
            table.add_row(str(p.row), p.column or "", (p.value or "")[:30], p.reason, "no" if p.severity == "rejected" else "yes")
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
        console.print(f"Wrote {out / 'audits.md'}, audit-trend.svg and audit-trend.png")


def register(app: typer.Typer, context_factory) -> None:  # type: ignore[no-untyped-def]
    audits_app = typer.Typer(help="Audit intelligence: case-audit returns and audit findings in documents.", invoke_without_command=True)

    @audits_app.callback()
    def audits(
        ctx: typer.Context,
        since: Annotated[Optional[str], typer.Option("--since", help="Only audits on or after this date (YYYY-MM-DD).")] = None,
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
        start = None
        if since:
            try:
                start = date.fromisoformat(since)
            except ValueError:
                err.print(f"[red]--since {since!r}: expected a date as YYYY-MM-DD[/]")
                raise typer.Exit(2)
        settings, evidence = context_factory(store, framework, config)
        run_view(settings, evidence, start, loe, out)

    def import_command(
        file: Annotated[Path, typer.Argument(help="CSV or XLSX of case-audit returns.")],
        mapping: Annotated[Optional[Path], typer.Option("--mapping", help="YAML column mapping (see audits/mapping.py).")] = None,
        store: StoreOpt = None,
        config: ConfigOpt = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the import report as JSON.")] = False,
    ) -> None:
        """Import case-audit returns: rows with problems are reported one by one; good rows are kept."""
        code = run_import(file, mapping, _settings(store, None, config, context_factory), as_json)
        if code:
            raise typer.Exit(code)

    audits_app.command("import")(import_command)
    app.add_typer(audits_app, name="audits")
    app.command("audit-import", help="Same as `readiness audits import FILE`.")(import_command)
