"""`readiness serve`, `readiness deploy` and `readiness notice`: the main job on a schedule.

Prefect is imported only inside the commands (it takes ~2.5 s), so `readiness --help` and the
store-only commands stay quick. See flows/README.md for seeing runs in the Prefect UI.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.table import Table

from cli.options import ConfigOpt, CurationOpt, FrameworkOpt, StoreOpt, WorkersOpt, load_settings
from cli.output import console, err, print_report, safe

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FLOW_ENTRYPOINT = "flows/pipeline_flow.py:readiness_run"
TIMEZONE = "Europe/London"

DaskOpt = Annotated[Optional[str], typer.Option("--dask", help="Send per-document work to an existing Dask cluster (scheduler address, e.g. tcp://10.0.0.5:8786).")]
TimezoneOpt = Annotated[str, typer.Option("--timezone", help="Time zone the schedule is read in.")]


class CommandError(Exception):
    """A user-facing error: printed in red, exit code 2."""


# ----------------------------------------------------------------------------- building blocks
def absolute_sources(sources: list[str]) -> list[str]:
    missing = [s for s in sources if not Path(s).exists()]
    if missing:
        raise CommandError(f"source not found: {', '.join(missing)}")
    return [str(Path(s).resolve()) for s in sources]


def absolute_store(store: str) -> str:
    """A scheduled run may start in another folder: a SQLite path becomes absolute, a URL stays."""
    return store if "://" in store else str(Path(store).expanduser().resolve())


def flow_parameters(
    sources: list[str], out: str | Path, settings: Any, curation: str | Path | None = None, dask_address: str | None = None
) -> dict:
    values = settings.values()
    values["store"] = absolute_store(values["store"])
    return {
        "sources": absolute_sources(sources),
        "out": str(Path(out).resolve()),
        "settings": values,
        "curation": str(Path(curation).resolve()) if curation else None,
        "dask_address": dask_address,
    }


def check_cron(cron: str) -> str:
    from prefect.schedules import validate_cron_string

    try:
        validate_cron_string(cron)
    except Exception as exc:  # noqa: BLE001 - prefect raises ValueError with its own text
        raise CommandError(f"invalid cron expression {cron!r} (five fields: minute hour day month weekday, e.g. \"0 6 * * 1\"): {exc}") from None
    return cron


def schedule_for(cron: str | None = None, rrule: str | None = None, timezone: str = TIMEZONE):  # type: ignore[no-untyped-def]
    from prefect.schedules import Cron, RRule

    if cron:
        return Cron(check_cron(cron), timezone=timezone)
    if rrule:
        return RRule(rrule, timezone=timezone)
    raise CommandError("a schedule needs --cron")


def build_deployment(name: str, parameters: dict, cron: str | None = None, rrule: str | None = None, timezone: str = TIMEZONE, description: str | None = None):  # type: ignore[no-untyped-def]
    """A RunnerDeployment of the main flow on a schedule (what `serve` runs; tests apply it)."""
    from flows.pipeline_flow import readiness_run

    return readiness_run.to_deployment(
        name=name,
        schedules=[schedule_for(cron, rrule, timezone)],
        parameters=parameters,
        description=description or f"readiness run of {', '.join(parameters['sources'])} into {parameters['out']}",
        tags=["readiness"],
    )


def api_url() -> str | None:
    from prefect.settings import PREFECT_API_URL

    return PREFECT_API_URL.value()


def deploy_to_pool(
    name: str,
    pool: str,
    parameters: dict,
    cron: str | None,
    timezone: str = TIMEZONE,
    source: str | Path = PROJECT_ROOT,
    image: str | None = None,
) -> Any:
    """Register the flow with a work pool (code loaded from `source` by the worker). Returns the id."""
    from prefect import Flow
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        try:
            client.read_work_pool(pool)
        except Exception as exc:  # noqa: BLE001 - ObjectNotFound, or the server is unreachable
            if type(exc).__name__ == "ObjectNotFound":
                raise CommandError(f"work pool {pool!r} not found: create it with `prefect work-pool create {pool} --type process`") from None
            raise CommandError(f"cannot reach the Prefect server at {api_url()}: {exc}") from None
    remote = Flow.from_source(source=str(source), entrypoint=FLOW_ENTRYPOINT)
    # to_deployment + apply rather than Flow.deploy: deploy() also lists the pool's online workers
    # with a request Prefect 3.8.8's own server rejects (422 on limit=None); nothing is built here.
    deployment = remote.to_deployment(
        name=name,
        work_pool_name=pool,
        schedules=[schedule_for(cron, None, timezone)] if cron else None,
        parameters=parameters,
        tags=["readiness"],
        job_variables={"image": image} if image else None,
    )
    return deployment.apply()


def parse_day(value: str) -> date:
    if value.strip().lower() == "today":
        return date.today()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise CommandError(f"not a date: {value!r} (use YYYY-MM-DD, e.g. 2026-11-23, or 'today')") from None


def parse_clock(value: str) -> time:
    try:
        return time.fromisoformat(value.strip())
    except ValueError:
        raise CommandError(f"not a time of day: {value!r} (use HH:MM, e.g. 06:00)") from None


def _fail(exc: Exception) -> typer.Exit:
    err.print(f"[red]error:[/] {safe(exc)}")
    return typer.Exit(2)


def _settings(store: str | None, framework: str | None, config: str | None, workers: int | None):  # type: ignore[no-untyped-def]
    return load_settings(store, framework, config, workers=workers)


def forecast_cron(store: str | None, framework: str | None, config: str | None) -> str:
    """The cron the forecast of the next inspection asks for, said on screen with its reason."""
    from datetime import date

    from cli.frameworks import _history_from_store
    from frameworks.forecast import forecast_next, run_schedule

    history, _notes = _history_from_store(store, framework, config)
    today = date.today()
    try:
        forecast = forecast_next(history, today) if history else None
    except ValueError:
        forecast = None  # no graded inspection yet: the normal weekly schedule
    schedule = run_schedule(forecast, today)
    console.print(f"Schedule from the forecast: [bold]{schedule.cron}[/]. {safe(schedule.reason)}"
                  + (f" Review it on {schedule.review_on:%d %B %Y}." if schedule.review_on else ""))
    return schedule.cron


def run_now_then_refresh(params: dict, rule: str | None, name: str, description: str, clock: time) -> None:
    """Notice mode: run the main job now, then serve refreshes on the rule's days (Ctrl-C stops)."""
    from flows.pipeline_flow import readiness_run

    console.print("Running the main job now…")
    print_report(readiness_run(**params))
    if rule is None:
        console.print("No refresh days left before inspectors arrive; not scheduling.")
        return
    from prefect import serve as prefect_serve

    deployment = build_deployment(name, params, rrule=rule, description=description)
    console.print(f"Serving [bold]readiness-run/{safe(name)}[/]: daily at {clock:%H:%M} on {rule.count(',') + 1} working day(s); Ctrl-C to stop.")
    prefect_serve(deployment, print_starting_message=False)


# ----------------------------------------------------------------------------- commands
def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        sources: Annotated[list[str], typer.Argument(help="Files or folders to read on every run.")],
        out: Annotated[Path, typer.Option("--out", help="Folder to write the evidence pack to.")],
        cron: Annotated[str, typer.Option("--cron", help="When to run (cron, 5 fields), e.g. \"0 6 * * 1\" = Mondays 06:00.")] = "0 6 * * 1",
        name: Annotated[str, typer.Option("--name", help="Deployment name shown in the Prefect UI.")] = "scheduled",
        store: StoreOpt = None,
        framework: FrameworkOpt = None,
        config: ConfigOpt = None,
        workers: WorkersOpt = None,
        dask: DaskOpt = None,
        curation: CurationOpt = None,
        timezone: TimezoneOpt = TIMEZONE,
        from_forecast: Annotated[bool, typer.Option("--forecast", help="Schedule from the forecast of the next inspection (`readiness forecast`): weekly normally, every working day inside the window. Overrides --cron.")] = False,
    ) -> None:
        """Run the main job on a schedule until stopped (Prefect `serve`; Ctrl-C stops it).

        Set PREFECT_API_URL to a running `prefect server start` to see the schedule and runs in the UI.
        When the call comes, `readiness notice --run` takes over with daily refreshes until inspectors arrive.
        """
        try:
            settings = _settings(store, framework, config, workers)
            params = flow_parameters(sources, out, settings, curation, dask)
            if from_forecast:
                cron = forecast_cron(store, framework, config)
            check_cron(cron)
        except CommandError as exc:
            raise _fail(exc) from None
        from prefect import serve as prefect_serve

        if not api_url():
            err.print("[yellow]PREFECT_API_URL is not set:[/] runs use a temporary local server; start `prefect server start` and set PREFECT_API_URL to see them in the UI.")
        deployment = build_deployment(name, params, cron=cron, timezone=timezone)
        console.print(f"Serving [bold]readiness-run/{name}[/] on [bold]{cron}[/] ({timezone}); Ctrl-C to stop.")
        prefect_serve(deployment, print_starting_message=False)

    @app.command()
    def deploy(
        sources: Annotated[list[str], typer.Argument(help="Files or folders the worker reads on every run (paths as the worker sees them).")],
        out: Annotated[Path, typer.Option("--out", help="Folder to write the evidence pack to.")],
        pool: Annotated[str, typer.Option("--pool", help="Prefect work pool (create one: prefect work-pool create NAME --type process).")],
        cron: Annotated[Optional[str], typer.Option("--cron", help="Optional schedule (cron, 5 fields); without it, run on demand.")] = None,
        name: Annotated[str, typer.Option("--name", help="Deployment name shown in the Prefect UI.")] = "readiness",
        source: Annotated[Optional[str], typer.Option("--source", help="Where the worker gets this code: a folder or git URL (default: this checkout).")] = None,
        image: Annotated[Optional[str], typer.Option("--image", help="Container image, for docker/kubernetes pools (not built or pushed here).")] = None,
        store: StoreOpt = None,
        framework: FrameworkOpt = None,
        config: ConfigOpt = None,
        workers: WorkersOpt = None,
        dask: DaskOpt = None,
        curation: CurationOpt = None,
        timezone: TimezoneOpt = TIMEZONE,
    ) -> None:
        """Register the main job with a Prefect work pool; a `prefect worker start --pool NAME` runs it."""
        try:
            settings = _settings(store, framework, config, workers)
            params = flow_parameters(sources, out, settings, curation, dask)
            if cron:
                check_cron(cron)
            if not api_url():
                raise CommandError("deploy needs a Prefect server: run `prefect server start` and set PREFECT_API_URL (e.g. http://127.0.0.1:4200/api)")
            deployment_id = deploy_to_pool(name, pool, params, cron, timezone, source or PROJECT_ROOT, image)
        except CommandError as exc:
            raise _fail(exc) from None
        console.print(f"Deployed [bold]readiness-run/{name}[/] to pool [bold]{pool}[/] (id {deployment_id}).")
        console.print(f"Start a worker: prefect worker start --pool {pool}    Run now: prefect deployment run 'readiness-run/{name}'")
