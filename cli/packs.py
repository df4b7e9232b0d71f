"""`pack`: the evidence pack from what the store holds."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import typer

from cli.options import AuthorityOpt, ConfigOpt, CurationOpt, FrameworkOpt, StoreOpt, open_view
from cli.output import console, err, safe


def register(app: typer.Typer) -> None:
    """Add `pack --out DIR [--store] [--framework] [--config] [--curation pack.yaml]` to `app`."""

    @app.command("pack")
    def pack(
        out: Path = typer.Option(..., "--out", help="Pack folder to (re)build; replaced only when the new pack is complete."),
        store: StoreOpt = None,
        framework: FrameworkOpt = None,
        config: ConfigOpt = None,
        curation: CurationOpt = None,
        authority: AuthorityOpt = None,
    ) -> None:
        """Build the evidence pack: ordered, numbered, signposted items, gaps, actions and an index."""
        from packs import build_pack
        from packs.build import PackError
        from packs.curation import CurationError

        started = datetime.now(timezone.utc)
        settings, evidence = open_view(store, framework, config, authority=authority)
        report = {
            "command": "pack",
            "started_at": started.isoformat(timespec="seconds"),
            "framework": evidence.framework.id,
            "redacted": evidence.redacted,
        }
        try:
            result = build_pack(evidence, out, settings, run_report=report, curation_file=curation)
        except (PackError, CurationError) as exc:
            err.print(f"[red]error:[/] {safe(exc)}")
            raise typer.Exit(code=2) from exc
        console.print(f"Pack written to {safe(result.path)}: {safe(result.counts.sentence(left_out=True))}.")
        for warning in result.warnings:
            err.print(f"[yellow]warning:[/] {safe(warning)}")
        for problem in result.curation_problems:
            err.print(f"[yellow]pack.yaml:[/] {safe(problem)}")
