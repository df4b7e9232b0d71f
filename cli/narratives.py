"""`narrate`, `check-narrative` and `impacts`: narratives for officers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from cli.options import AuthorityOpt, ConfigOpt, FrameworkOpt, SinceOpt, StoreOpt, open_view, parse_day
from cli.output import console, err, safe


def register(app: typer.Typer) -> None:

    @app.command("narrate")
    def narrate(
        loe: Optional[str] = typer.Option(None, "--loe", help="Line of enquiry id, slug or section number; all top-level lines when left out."),
        framework: FrameworkOpt = None,
        since: SinceOpt = None,
        words: Optional[int] = typer.Option(None, "--words", min=100, help="Word budget (default settings.narrative_words, 900)."),
        out: Path = typer.Option(Path("narratives-out"), "--out", help="Folder for the narrative files."),
        formats: str = typer.Option("md,docx,html", "--format", help="Comma-separated: md, docx, html."),
        store: StoreOpt = None,
        config: ConfigOpt = None,
        authority: AuthorityOpt = None,
    ) -> None:
        """Write an extractive, fully cited narrative for one line of enquiry (or all)."""
        from narratives import compose, write_narrative
        from narratives.compose import resolve_loe

        settings, evidence = open_view(store, framework, config, authority=authority)
        wanted = [f.strip().lower() for f in formats.split(",") if f.strip()]
        bad = set(wanted) - {"md", "docx", "html"}
        if bad:
            raise typer.BadParameter(f"unknown format(s): {', '.join(sorted(bad))}")
        try:
            loe_ids = [resolve_loe(evidence.framework, loe).id] if loe else [line.id for line in evidence.framework.top_lines]
        except KeyError as exc:
            err.print(f"[red]{safe(exc.args[0])}[/red]")
            raise typer.Exit(2) from exc
        start = parse_day(since)
        table = Table(title=f"Narratives ({evidence.framework.id})")
        for column in ("line of enquiry", "words", "sentences", "outcome share", "missing sections"):
            table.add_column(column)
        paths: list[Path] = []
        for loe_id in loe_ids:
            narrative = compose(evidence, loe_id, settings, since=start, words=words)
            paths.extend(write_narrative(narrative, out, settings, wanted))
            missing = ", ".join(s.key for s in narrative.sections if s.missing) or "-"
            table.add_row(
                safe(narrative.loe_title[:60]),
                f"{narrative.word_count}/{narrative.budget}",
                str(len(narrative.sentences)),
                f"{narrative.outcome_share:.0%}",
                missing,
            )
        console.print(table)
        console.print(f"{len(paths)} files written to [bold]{safe(out)}[/bold]")

    @app.command("check-narrative")
    def check_narrative(
        draft: Path = typer.Argument(..., exists=True, dir_okay=False, help="The officer's draft: .docx, .md or .txt."),
        loe: Optional[str] = typer.Option(None, "--loe", help="Line of enquiry the draft is about (narrows support and suggestions)."),
        as_json: bool = typer.Option(False, "--json", help="Print the figures and suggestions as JSON."),
        out: Optional[Path] = typer.Option(None, "--out", help="Also write the review as JSON to this file."),
        framework: FrameworkOpt = None,
        store: StoreOpt = None,
        config: ConfigOpt = None,
    ) -> None:
        """Review a draft narrative: length, outcome vs process, data, support, staleness, suggestions."""
        from narratives import check_draft

        settings, evidence = open_view(store, framework, config)
        try:
            review = check_draft(draft, evidence, settings, loe)
        except KeyError as exc:
            err.print(f"[red]{safe(exc.args[0])}[/red]")
            raise typer.Exit(2) from exc
        data = review.to_dict()
        if out is not None:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        if as_json:
            typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            colour = "green" if review.passes else "yellow"
            console.print(f"[bold {colour}]{review.verdict.upper()}[/bold {colour}] {safe(draft)}")
            table = Table(show_header=True)
            for column in ("check", "value", "threshold", "ok"):
                table.add_column(column)
            for check in review.checks:
                table.add_row(check["name"], str(check["value"]), check["threshold"], "yes" if check["ok"] else "[red]no[/red]")
            console.print(table)
            console.print(
                f"{len(review.sentences)} sentences, {review.unsupported_sentences} unsupported, "
                f"{review.stale_references} stale references"
            )
            for number, suggestion in enumerate(review.suggestions, start=1):
                console.print(f"{number}. {safe(suggestion)}", highlight=False)

    @app.command("impacts")
    def impacts_command(
        loe: str = typer.Option(..., "--loe", help="Line of enquiry id, slug or section number."),
        framework: FrameworkOpt = None,
        since: SinceOpt = None,
        out: Optional[Path] = typer.Option(None, "--out", help="Write the list as Markdown to this file (or folder)."),
        store: StoreOpt = None,
        config: ConfigOpt = None,
    ) -> None:
        """One page of impacts on children's outcomes, each with its evidence, for interview preparation."""
        from rich.markdown import Markdown

        from narratives import impacts
        from narratives.compose import resolve_loe, section_number
        from narratives.impacts import render_impacts

        settings, evidence = open_view(store, framework, config)
        try:
            line = resolve_loe(evidence.framework, loe)
        except KeyError as exc:
            err.print(f"[red]{safe(exc.args[0])}[/red]")
            raise typer.Exit(2) from exc
        items = impacts(evidence, line.id, settings, since=parse_day(since))
        text = render_impacts(evidence, line.id, items, settings)
        console.print(Markdown(text))
        if out is not None:
            target = out
            if out.is_dir() or not out.suffix:
                target = out / f"{section_number(evidence.framework, line.id):02d}-{line.slug}-impacts.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            console.print(f"written to [bold]{safe(target)}[/bold]")
