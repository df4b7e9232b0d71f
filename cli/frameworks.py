"""`readiness notice` and `readiness forecast`: the inspection timetable from the day of the call, and
when the next inspection is likely. Thin: the logic is in frameworks/ (timetable, events, forecast)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from cli.options import ConfigOpt, CurationOpt, FrameworkOpt, StoreOpt, WorkersOpt, load_settings
from cli.output import console, err, safe


def _day(value: str, what: str) -> date:
    if value.strip().lower() == "today":
        return date.today()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(f"{what}: not a date: {value!r} (use YYYY-MM-DD or 'today')") from None


def _events_help() -> str:
    from frameworks.events import event_profiles

    return "The event: " + ", ".join(event_profiles()) + "."


def print_timetable(tt) -> None:  # type: ignore[no-untyped-def]  (frameworks.timetable.Timetable)
    """The rows, each with a numbered reference to the rule its date came from (the rules listed below)."""
    rules: dict[str, int] = {}
    table = Table("date", "day", "phase", "what", "rule", title=f"{tt.event.name}: called {tt.called:%a %d %b %Y}")
    for row in tt.rows:
        number = rules.setdefault(row.rule, len(rules) + 1)
        table.add_row(f"{row.day:%a %d %b %Y}", "" if row.working_day is None else str(row.working_day), row.phase,
                      "\n".join(row.what), f"[{number}]")
    console.print(table)
    for rule, number in rules.items():
        console.print(f"[{number}] {rule}", highlight=False, markup=False)
    if tt.arrival and tt.event.notice.rule != "meeting":
        console.print(f"Inspectors on site from [bold]{tt.arrival:%A %d %B %Y}[/].")
    if tt.last_on_site:
        console.print(f"Last day on site: {tt.last_on_site:%A %d %B %Y}.")
    if tt.report_expected:
        console.print(f"Report expected about {tt.report_expected:%A %d %B %Y} (no deadline is published).")
    if tt.action_plan_due:
        console.print(f"Action plan due about {tt.action_plan_due:%A %d %B %Y}.")
    if tt.holidays:
        console.print("Bank holidays: " + ", ".join(f"{d:%a %d %b} ({n})" for d, n in tt.holidays))
    for note in tt.notes:
        console.print(f"[dim]note: {note}[/]")


def print_forecast(forecast, schedule, source: str) -> None:  # type: ignore[no-untyped-def]
    last = forecast.based_on
    console.print(f"Last graded inspection: {last.last_day:%d %B %Y} ({source}); {forecast.headline_why}.")
    console.print(f"Next: [bold]{forecast.event.name}[/]")
    table = Table("", "date", "why", title="When the call is likely")
    for label, dated in (("earliest", forecast.earliest), ("likely", forecast.likely), ("latest", forecast.latest)):
        table.add_row(label, f"{dated.day:%d %B %Y}", dated.why)
    console.print(table)
    for item in forecast.between:
        console.print(f"Before it: {item}")
    for note in forecast.notes:
        console.print(f"[dim]note: {note}[/]")
    console.print(f"Scheduled runs: [bold]{schedule.cron}[/] — {schedule.reason}")


def _history_from_store(store: str | None, framework: str | None, config: str | None):  # type: ignore[no-untyped-def]
    """The home council's past inspections, from the facts the store holds (each dated to its last
    day on site as its report states it)."""
    from evidence_store.store import EvidenceStore
    from facts.history import judgement_history, past_events
    from facts.stage import ensure_facts, home_authority

    settings = load_settings(store, framework, config)
    db = EvidenceStore(settings.store)
    try:
        ensure_facts(db)
        home = home_authority(db, settings.authority)
        rows = judgement_history(db.document_facts(), authority=home.name)
    finally:
        db.close()
    notes = [f"council: {home.name or 'not known'} ({home.how})"]
    return past_events(rows), notes


def register(app: typer.Typer) -> None:
    @app.command()
    def notice(
        event: Annotated[str, typer.Option("--event", help=_events_help())],
        called: Annotated[str, typer.Option("--called", help="Date of Ofsted's call (for a meeting, its date), YYYY-MM-DD or 'today'.")],
        closure: Annotated[Optional[list[str]], typer.Option("--closure", help="A council closure day, YYYY-MM-DD; repeatable.")] = None,
        arrival: Annotated[Optional[str], typer.Option("--arrival", help="The first day on site, if the lead inspector gave one (overrides the notice rule).")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the timetable as JSON.")] = False,
        run: Annotated[bool, typer.Option("--run", help="Run the main job on SOURCES now, then every working day until inspectors arrive.")] = False,
        sources: Annotated[Optional[list[str]], typer.Argument(help="With --run: files or folders to read.")] = None,
        out: Annotated[Optional[Path], typer.Option("--out", help="With --run: folder to write the evidence pack to.")] = None,
        at: Annotated[str, typer.Option("--at", help="With --run: time of the daily refresh (HH:MM, Europe/London).")] = "06:00",
        store: StoreOpt = None,
        config: ConfigOpt = None,
        workers: WorkersOpt = None,
        curation: CurationOpt = None,
    ) -> None:
        """The inspection timetable day by day in working days from the call: England's bank holidays and
        the Christmas period named, what the council must supply and when, and what follows, each date
        with the rule it came from. With `--run SOURCE... --out DIR`, the pack is refreshed now and on
        every working day until inspectors arrive."""
        from frameworks.events import event_profile
        from frameworks.timetable import timetable

        try:
            profile = event_profile(event)
            tt = timetable(profile, _day(called, "--called"), [_day(c, "--closure") for c in closure or []],
                           _day(arrival, "--arrival") if arrival else None)
        except ValueError as exc:
            err.print(f"[red]error:[/] {safe(exc)}")
            raise typer.Exit(2) from None
        if run and (not sources or out is None):
            err.print("[red]error:[/] --run needs SOURCE... and --out DIR")
            raise typer.Exit(2)
        if not run and (sources or out is not None):
            err.print("[red]error:[/] SOURCE and --out are only used with --run (add --run to refresh the pack)")
            raise typer.Exit(2)
        if as_json:
            typer.echo(json.dumps(tt.to_dict(), indent=2))
        else:
            print_timetable(tt)
        if run:
            _refresh_until_arrival(tt, sources or [], out, at, store, config, workers, curation)


    @app.command()
    def forecast(
        history: Annotated[Optional[Path], typer.Option("--history", help="Past inspections: a YAML list or a CSV (event, last_day, overall, leaders, help_protection, in_care, care_leavers). Without it, the judgements in the store's inspection reports.")] = None,
        authority: Annotated[Optional[str], typer.Option("--authority", help="With --history: only rows whose council/authority column matches.")] = None,
        today: Annotated[str, typer.Option("--today", help="Forecast as on this date (YYYY-MM-DD).")] = "today",
        store: StoreOpt = None,
        framework: FrameworkOpt = None,
        config: ConfigOpt = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the forecast as JSON.")] = False,
    ) -> None:
        """When the next inspection is likely: the earliest, likely and latest dates, each explained, from the
        last graded inspection (its date and grades), and how often scheduled runs should go."""
        from frameworks.forecast import forecast_next, read_history, run_schedule

        on = _day(today, "--today")
        try:
            if history is not None:
                if not history.exists():
                    raise ValueError(f"history file not found: {history}")
                past = read_history(history, authority)
                source, notes = f"from {history.name}", []
            else:
                past, notes = _history_from_store(store, framework, config)
                source = "from the store's inspection reports"
            result = forecast_next(past, on)
        except ValueError as exc:
            err.print(f"[red]error:[/] {safe(exc)}")
            raise typer.Exit(2) from None
        schedule = run_schedule(result, on)
        if as_json:
            typer.echo(json.dumps({
                "event": result.event.key, "event_name": result.event.name,
                "based_on": {"event": result.based_on.event, "last_day": result.based_on.last_day.isoformat(),
                             "grades": result.based_on.grades},
                "headline": result.headline, "headline_why": result.headline_why,
                **{k: {"date": getattr(result, k).day.isoformat(), "why": getattr(result, k).why}
                   for k in ("earliest", "likely", "latest")},
                "status": result.status(on), "between": list(result.between), "notes": list(result.notes) + notes,
                "schedule": {"cron": schedule.cron, "reason": schedule.reason,
                             "review_on": schedule.review_on.isoformat() if schedule.review_on else None},
            }, indent=2))
            return
        print_forecast(result, schedule, source)
        for note in notes:
            console.print(f"[dim]note: {note}[/]")


def _refresh_until_arrival(tt, sources: list[str], out: Path | None, at: str, store, config, workers, curation) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime, time

    from cli.main_job import check_sources_and_out
    from cli.schedules import CommandError, flow_parameters, run_now_then_refresh
    from frameworks.timetable import rrule_for

    try:
        clock = time.fromisoformat(at.strip())
    except ValueError:
        err.print(f"[red]error:[/] --at {safe(at)}: not a time of day (use HH:MM, e.g. 06:00)")
        raise typer.Exit(2) from None
    check_sources_and_out(sources, out)
    settings = load_settings(store, None, config, workers=workers)
    try:
        params = flow_parameters(sources, out, settings, curation, None)
    except CommandError as exc:
        err.print(f"[red]error:[/] {safe(exc)}")
        raise typer.Exit(2) from None
    rule = rrule_for(tt.refresh_days, clock, now=datetime.now())
    name = f"notice-{tt.event.key}-{tt.called.isoformat()}"
    until = tt.arrival.isoformat() if tt.arrival else "the event"
    run_now_then_refresh(params, rule, name, f"notice refresh until {until}", clock)
