"""The `pack` command, added to the lead's Typer app by `register`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer, context_factory: Callable) -> None:
    """Add `pack --out DIR [--store] [--framework] [--config] [--curation pack.yaml]` to `app`."""

    @app.command("pack")
    def pack(
        out: Path = typer.Option(..., "--out", help="Pack folder to (re)build; replaced only when the new pack is complete."),
        store: Optional[str] = typer.Option(None, "--store", help="Evidence store (SQLite path or URL)."),
        framework: Optional[str] = typer.Option(None, "--framework", help="Framework: a file or family name in frameworks/ (default from settings)."),
        config: Optional[Path] = typer.Option(None, "--config", help="Settings file (readiness.yaml)."),
        curation: Optional[Path] = typer.Option(None, "--curation", help="pack.yaml with pins, exclusions, moves and signposts (default: next to the pack folder)."),
    ) -> None:
        """Build the evidence pack: ordered, numbered, signposted items, gaps, actions and an index."""
        from packs import build_pack
        from packs.build import PackError
        from packs.curation import CurationError

        started = datetime.now(timezone.utc)
        settings, evidence = context_factory(store, framework, config)
        report = {
            "command": "pack",
            "started_at": started.isoformat(timespec="seconds"),
            "framework": evidence.framework.id,
            "redacted": evidence.redacted,
        }
        try:
            result = build_pack(evidence, out, settings, run_report=report, curation_file=curation)
        except (PackError, CurationError) as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(code=2) from exc
        real_gaps = [g for g in result.gaps if g.kind != "theme-none"]
        typer.echo(f"Pack written to {result.path}: {len(result.items)} items, {len(real_gaps)} gaps.")
        for warning in result.warnings:
            typer.echo(f"warning: {warning}", err=True)
        for key in result.missing_curated:
            typer.echo(f"pack.yaml names an item that no longer exists: {key}", err=True)
