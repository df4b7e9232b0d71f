"""`readiness check-extraction DIR [--json]`: extraction quality for a folder of documents.

The figures come from `extractors.quality.check_extraction` (ground truth .txt where present,
pdftotext for every PDF); this module only prints them. Exit code 1 when a target is missed.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    """Add `check-extraction` to the application."""

    @app.command("check-extraction")
    def check_extraction_command(
        directory: Path = typer.Argument(..., exists=True, file_okay=False, help="folder of PDF/DOCX files (with .txt ground truth beside them, if any)"),
        as_json: bool = typer.Option(False, "--json", help="print JSON instead of a table"),
    ) -> None:
        """Score extraction of every PDF and DOCX in a folder: against its .txt, and each PDF against pdftotext."""
        from extractors.quality import check_extraction

        report = check_extraction(directory)
        if as_json:
            typer.echo(json.dumps(report, indent=2))
        else:
            _print_table(directory, report)
        raise typer.Exit(0 if report["targets_met"] else 1)


def _print_table(directory: Path, report: dict) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"Extraction quality: {escape(str(directory))}")
    for column in ("file", "recall", "precision", "leaks", "labels", "vs pdftotext r/p/labels", "met"):
        table.add_column(column, justify="left" if column == "file" else "right", overflow="fold")
    for name, result in report["files"].items():
        if "refused" in result:
            table.add_row(escape(name), "", "", "", "", "", "refused: " + escape(result["refused"]))
            continue
        reference = result.get("pdftotext") or {}
        if "recall" in reference:
            versus = f"{reference['recall']:.3f} / {reference['precision']:.3f} / {reference['labels']:.0%}"
        else:
            versus = escape(reference.get("unavailable", "")) or "-"
        table.add_row(
            escape(name),
            f"{result['recall']:.3f}",
            f"{result['precision']:.3f}",
            str(result["leaks"]),
            f"{result['labels']:.0%}",
            versus,
            "yes" if result["targets_met"] else "NO",
        )
    console = Console()
    console.print(table)
    console.print("all targets met" if report["targets_met"] else "targets NOT met")
