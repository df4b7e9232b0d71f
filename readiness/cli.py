"""`readiness`: the command line. Thin: every command calls a stage or a flow."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from readiness.context import context_factory, load_settings

app = typer.Typer(
    help="Turn a council's children's-services documents into inspection-ready evidence packs.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=False)
err = Console(stderr=True)

StoreOpt = Annotated[Optional[str], typer.Option("--store", help="SQLite file path or database URL (postgresql://…).")]
FrameworkOpt = Annotated[Optional[str], typer.Option("--framework", help="Framework id, e.g. ilacs, sif, slac, jtai.")]
ConfigOpt = Annotated[Optional[str], typer.Option("--config", help="Settings file (default: ./readiness.yaml if present).")]


@app.command()
def run(
    sources: Annotated[list[str], typer.Argument(help="Files or folders to read.")],
    out: Annotated[Path, typer.Option("--out", help="Folder to write the evidence pack to.")],
    store: StoreOpt = None,
    framework: FrameworkOpt = None,
    config: ConfigOpt = None,
    curation: Annotated[Optional[Path], typer.Option(help="pack.yaml with pins, exclusions, moves and signposts.")] = None,
    workers: Annotated[Optional[int], typer.Option(help="Extract documents in N parallel processes.")] = None,
    no_redact: Annotated[bool, typer.Option("--no-redact", help="Leave personal data in the output (recorded in the manifest).")] = False,
    local: Annotated[bool, typer.Option("--local", help="Run the stages in this process without Prefect (faster start).")] = False,
    dask: Annotated[Optional[str], typer.Option("--dask", help="Send per-document work to an existing Dask cluster (tcp://host:8786).")] = None,
) -> None:
    """The main job: ingest, tag, narrate and pack, as a Prefect flow."""
    settings = load_settings(store, framework, config, workers=workers, redact=False if no_redact else None)
    _check_sources(sources)
    if local and dask:
        err.print("[red]--dask needs the Prefect flow: leave out --local[/]")
        raise typer.Exit(2)
    if local:
        from readiness import pipeline, stages

        with pipeline.make_progress() as progress:
            report = stages.run_local(sources, out, settings, curation, progress)
    else:
        from flows.pipeline_flow import run_main_job

        report = run_main_job(sources, str(out), settings, str(curation) if curation else None, dask_address=dask)
    print_report(report)


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files or folders to read.")],
    store: StoreOpt = None,
    config: ConfigOpt = None,
    workers: Annotated[Optional[int], typer.Option(help="Extract documents in N parallel processes.")] = None,
) -> None:
    """Extract new or changed documents into the store (unchanged ones are skipped)."""
    from readiness import pipeline, stages

    settings = load_settings(store, None, config, workers=workers)
    _check_sources(sources)
    report = stages.new_report(sources, settings)
    timer = pipeline.StageTimer()
    with pipeline.make_progress() as progress:
        stages.ingest_stage(sources, settings, report, timer, progress)
    report.stage_seconds = timer.seconds
    print_report(report.to_dict())


@app.command()
def tag(
    store: StoreOpt = None,
    framework: FrameworkOpt = None,
    config: ConfigOpt = None,
    retag: Annotated[bool, typer.Option(help="Tag every document again, not only new ones.")] = False,
) -> None:
    """Tag stored passages against a framework's lines of enquiry, role and polarity."""
    from evidence_store import EvidenceStore
    from readiness import pipeline

    settings = load_settings(store, framework, config)
    with pipeline.make_progress() as progress:
        result = pipeline.tag(EvidenceStore(settings.store), settings, progress=progress, retag=retag)
    console.print(f"Tagged {result.documents} document(s): {result.tags} tags under {settings.framework}.")


@app.command()
def status(
    store: StoreOpt = None,
    framework: FrameworkOpt = None,
    config: ConfigOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print figures as JSON.")] = False,
) -> None:
    """What is in the store: documents, and evidence per line of enquiry by role and polarity."""
    from readiness.status import store_status

    settings = load_settings(store, framework, config)
    figures = store_status(settings)
    if as_json:
        console.print_json(json.dumps(figures))
        return
    console.print(
        f"[bold]{figures['documents']}[/] current documents, {figures['passages']} passages, "
        f"{figures['refused']} refusals on record; framework {figures['framework']}"
    )
    roles = figures["roles"]
    short = {"outcome": "outc", "process": "proc", "recommendation": "rec", "judgement": "judg", "context": "ctx"}
    table = Table("line of enquiry", "n", *(short[r] for r in roles), "str", "con", "data",
                  title="Evidence per line of enquiry (by role; str/con = strength/concern)")
    for row in figures["lines"]:
        if row["parent"] and not row["passages"]:
            continue  # sub-lines only when they hold evidence
        name = ("  " + row["slug"]) if row["parent"] else f"[bold]{row['slug']}[/]"
        table.add_row(
            name, str(row["passages"]), *(str(row["by_role"].get(r, 0)) for r in roles),
            str(row["by_polarity"].get("strength", 0)), str(row["by_polarity"].get("concern", 0)), str(row["with_data"]),
        )
    console.print(table)


@app.command()
def export(
    what: Annotated[str, typer.Option("--what", help="documents | passages | tags")] = "passages",
    fmt: Annotated[str, typer.Option("--format", help="jsonl | csv")] = "jsonl",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: standard output).")] = None,
    store: StoreOpt = None,
    framework: FrameworkOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Export documents, passages or tags (with explanations) as JSON lines or CSV, redacted."""
    from readiness.export import export_rows

    if what not in {"documents", "passages", "tags"} or fmt not in {"jsonl", "csv"}:
        err.print("[red]--what must be documents, passages or tags; --format jsonl or csv[/]")
        raise typer.Exit(2)
    settings = load_settings(store, framework, config)
    rows = export_rows(settings, what)
    handle = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if fmt == "jsonl":
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            columns = list(rows[0]) if rows else []
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            for row in rows:
                writer.writerow({k: json.dumps(v) if isinstance(v, (list, dict)) else v for k, v in row.items()})
    finally:
        if output:
            handle.close()
    if output:
        err.print(f"Wrote {len(rows)} {what} to {output}")


def print_report(report: dict) -> None:
    docs = report["documents"]
    console.print(
        f"[bold]Run report[/]: {docs['seen']} seen, {docs['ingested']} ingested, "
        f"{docs['unchanged']} unchanged (skipped), {docs['refused']} refused; "
        f"{report['passages']} new passages, {report['tags']} tags"
    )
    for refused in report["refused"]:
        console.print(f"  [yellow]refused[/] {refused['file']}: {refused['reason']}")
    if report.get("stage_seconds"):
        console.print("  time: " + ", ".join(f"{k} {v:.1f}s" for k, v in report["stage_seconds"].items()))
    if report.get("pack_dir"):
        console.print(f"Pack written to [bold]{report['pack_dir']}[/]")


def _check_sources(sources: list[str]) -> None:
    missing = [s for s in sources if not Path(s).exists()]
    if missing:
        err.print(f"[red]source not found:[/] {', '.join(missing)}")
        raise typer.Exit(2)


def _register_commands() -> None:
    """Commands that live next to the code they describe (each module's `register`)."""
    import importlib

    for module_name, needs_context in (
        ("cli.extraction", False),
        ("tagging.evaluate", False),
        ("packs.redaction_check", False),
        ("narratives", True),
        ("packs", True),
        ("flows.commands", False),
        ("audits.commands", True),
        ("readiness.doctor", False),
    ):
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue  # that part is not built yet
            raise
        register = getattr(module, "register", None)
        if register is not None:
            register(app, context_factory) if needs_context else register(app)


_register_commands()


if __name__ == "__main__":
    app()
