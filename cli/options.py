"""Options every command shares, written once, and settings built from them."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.output import err, safe
from core.settings import Settings

StoreOpt = Annotated[Optional[str], typer.Option("--store", help="Evidence store: SQLite file path or database URL (postgresql://…).")]
FrameworkOpt = Annotated[Optional[str], typer.Option("--framework", help="Framework: a file or family name in frameworks/ (default from settings).")]
ConfigOpt = Annotated[Optional[str], typer.Option("--config", help="Settings file (default: ./readiness.yaml if present).")]
WorkersOpt = Annotated[Optional[int], typer.Option("--workers", help="Extract and tag in N parallel processes.")]
CurationOpt = Annotated[Optional[Path], typer.Option("--curation", help="pack.yaml with pins, exclusions, moves and signposts.")]
AuthorityOpt = Annotated[Optional[str], typer.Option("--authority", help="The council the evidence is for (default: the authority setting, else inferred from its own documents).")]
SinceOpt = Annotated[Optional[str], typer.Option("--since", help="Only evidence dated on or after this date (YYYY-MM-DD).")]


def load_settings(store: str | None = None, framework: str | None = None, config: str | None = None, **extra: object) -> Settings:
    """Settings for a command; a bad file or value is a one-line error (exit 2), never a traceback."""
    try:
        settings = Settings.load(config, store=store, framework=framework, **extra)
    except ValueError as exc:
        err.print(f"[red]settings:[/] {safe(exc)}")
        raise typer.Exit(2) from None
    announce(settings)
    return settings


def announce(settings: Settings) -> None:
    """Say which settings file is in use, and shout when redaction is off."""
    if settings.settings_file:
        err.print(f"[dim]settings from {safe(settings.settings_file)}[/]")
    if not settings.redact:
        err.print("[bold red]WARNING: redaction is OFF[/] - personal data will be kept in everything this command writes.")


def parse_day(value: str | None, option: str = "--since") -> date | None:
    """A date option: YYYY-MM-DD or 'today'."""
    if not value:
        return None
    if value.strip().lower() == "today":
        return date.today()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        err.print(f"[red]{option} {safe(value)}: expected a date as YYYY-MM-DD[/]")
        raise typer.Exit(2) from None


def open_view(store: str | None, framework: str | None, config: str | None, **extra: object):  # type: ignore[no-untyped-def]
    """Settings and the redacted evidence view, for commands that write for readers."""
    from redaction.view import open_evidence

    settings = load_settings(store, framework, config, **extra)
    _, _, evidence = open_evidence(settings)
    return settings, evidence
