"""`narrate`, `sef`, `check-narrative` and `impacts`: narratives and the self-evaluation for officers."""

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
        topic: Optional[str] = typer.Option(None, "--topic", help="An issue narrative instead: a theme id or slug (a sub-line), or a phrase such as 'health assessments'."),
        framework: FrameworkOpt = None,
        since: SinceOpt = None,
        words: Optional[int] = typer.Option(None, "--words", min=100, help="Word budget for the statements (default: about two pages in Word)."),
        out: Path = typer.Option(Path("narratives-out"), "--out", help="Folder for the narrative files."),
        formats: str = typer.Option("md,docx,html", "--format", help="Comma-separated: md, docx, html (the .json sidecar is always written)."),
        store: StoreOpt = None,
        config: ConfigOpt = None,
        authority: AuthorityOpt = None,
    ) -> None:
        """Write cited narratives (what we know, how we know, what we are doing next) for a line of enquiry, every line, or a topic."""
        from narratives import compose_all, compose_topic, write_narrative
        from narratives.compose import resolve_loe

        settings, evidence = open_view(store, framework, config, authority=authority)
        wanted = [f.strip().lower() for f in formats.split(",") if f.strip()]
        bad = set(wanted) - {"md", "docx", "html", "json"}
        if bad:
            raise typer.BadParameter(f"unknown format(s): {', '.join(sorted(bad))}")
        if "json" not in wanted:
            wanted.append("json")
        start = parse_day(since)
        if topic:
            narratives = [compose_topic(evidence, topic, settings, since=start, words=words)]
        else:
            try:
                loe_ids = [resolve_loe(evidence.framework, loe).id] if loe else None
            except KeyError as exc:
                err.print(f"[red]{safe(exc.args[0])}[/red]")
                raise typer.Exit(2) from exc
            narratives = compose_all(evidence, settings, loe_ids, since=start, words=words)
        table = Table(title=f"Narratives for {safe(evidence.authority or 'the council (not known)')} ({evidence.framework.id})")
        for column in ("narrative", "words", "statements", "footnotes", "no evidence yet for"):
            table.add_column(column)
        paths: list[Path] = []
        for narrative in narratives:
            paths.extend(write_narrative(narrative, out, settings, wanted))
            missing = ", ".join(key for key, statements in narrative.sections.items() if not statements) or "-"
            table.add_row(safe(narrative.loe_title[:60]), str(narrative.words), str(len(narrative.statements)),
                          str(len(narrative.footnotes()[1])), missing)
        console.print(table)
        console.print(f"{len(paths)} files written to [bold]{safe(out)}[/bold]")

    @app.command("sef")
    def sef(
        out: Path = typer.Option(..., "--out", help="Folder for self-evaluation.docx and self-evaluation.md."),
        framework: FrameworkOpt = None,
        store: StoreOpt = None,
        config: ConfigOpt = None,
        authority: AuthorityOpt = None,
    ) -> None:
        """Write the annual self-evaluation draft: summary, a section per judgement area, data annex, engagement-meeting briefing."""
        from narratives import write_sef

        settings, evidence = open_view(store, framework, config, authority=authority)
        paths = write_sef(evidence, out, settings)
        for path in paths:
            console.print(f"written [bold]{safe(path)}[/bold]")

    @app.command("check-narrative")
    def check_narrative(
        draft: Path = typer.Argument(..., exists=True, dir_okay=False, help="The draft: .docx, .md or .txt (readiness's own narratives too)."),
        loe: Optional[str] = typer.Option(None, "--loe", help="Line of enquiry the draft is about (default: worked out from the draft)."),
        as_json: bool = typer.Option(False, "--json", help="Print verdict, outcome_share, pages, reasons and the rest as JSON."),
        out: Optional[Path] = typer.Option(None, "--out", help="Also write the review as JSON to this file."),
        framework: FrameworkOpt = None,
        store: StoreOpt = None,
        config: ConfigOpt = None,
        authority: AuthorityOpt = None,
    ) -> None:
        """Review a draft narrative: length, outcomes vs process, data, support per paragraph, staleness, suggestions."""
        from narratives import check_draft

        settings, evidence = open_view(store, framework, config, authority=authority)
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
            return
        colour = "green" if review.passes else "yellow"
        console.print(f"[bold {colour}]{review.verdict.upper()}[/bold {colour}] {safe(draft)}")
        table = Table(show_header=True)
        for column in ("check", "value", "threshold", "ok"):
            table.add_column(column)
        for check in review.checks:
            table.add_row(check["name"], str(check["value"]), check["threshold"], "yes" if check["ok"] else "[red]no[/red]")
        console.print(table)
        console.print(
            f"{len(review.sentences)} sentences, {review.unsupported_sentences} unsupported in "
            f"{len(review.unsupported)} paragraphs, {review.stale_references} stale references; "
            f"line of enquiry: {safe(review.loe_id or 'not known')} ({safe(review.loe_how)})"
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
        authority: AuthorityOpt = None,
    ) -> None:
        """One page of impacts on children's outcomes, each with its evidence, for interview preparation."""
        from rich.markdown import Markdown

        from narratives import impacts
        from narratives.compose import resolve_loe, section_number
        from narratives.impacts import render_impacts

        settings, evidence = open_view(store, framework, config, authority=authority)
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
