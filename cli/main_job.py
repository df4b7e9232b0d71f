"""`run`, `ingest`, `tag`, `status`, `export` and `doctor`: the main job and the store."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from cli.interrupt import stop_on_interrupt
from cli.options import AuthorityOpt, ConfigOpt, CurationOpt, FrameworkOpt, StoreOpt, WorkersOpt, load_settings
from cli.output import console, err, print_report, safe
from core.settings import Settings

IncludeOpt = Annotated[Optional[list[str]], typer.Option("--include", help="Read only files matching this pattern (e.g. '*.pdf'); repeatable.")]
ExcludeOpt = Annotated[Optional[list[str]], typer.Option("--exclude", help="Also skip files or folders matching this pattern; repeatable (README, hidden and temporary files are skipped already).")]
FollowLinksOpt = Annotated[bool, typer.Option("--follow-links", help="Read links whose target is outside the source folders.")]


def register(app: typer.Typer) -> None:
    app.command()(run)
    app.command()(ingest)
    app.command()(tag)
    app.command()(status)
    app.command()(export)
    app.command()(doctor)


def run(
    sources: Annotated[list[str], typer.Argument(help="Files or folders to read.")],
    out: Annotated[Path, typer.Option("--out", help="Folder to write the evidence pack to.")],
    store: StoreOpt = None,
    framework: FrameworkOpt = None,
    config: ConfigOpt = None,
    curation: CurationOpt = None,
    authority: AuthorityOpt = None,
    workers: WorkersOpt = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    follow_links: FollowLinksOpt = False,
    no_redact: Annotated[bool, typer.Option("--no-redact", help="Leave personal data in the output (recorded in the manifest).")] = False,
    local: Annotated[bool, typer.Option("--local", help="Run the stages in this process without Prefect (faster start).")] = False,
    dask: Annotated[Optional[str], typer.Option("--dask", help="Send per-document work to an existing Dask cluster (tcp://host:8786).")] = None,
) -> None:
    """The main job: ingest, tag, narrate and pack, as a Prefect flow (or --local)."""
    from packs.curation import curation_in_use

    settings = _run_settings(store, framework, config, workers, include, exclude, follow_links, redact=False if no_redact else None, authority=authority)
    check_sources_and_out(sources, out)
    curation = curation_in_use(out, curation)  # pack.yaml beside the pack counts as a change to re-pack for
    if local and dask:
        err.print("[red]--dask needs the Prefect flow: leave out --local[/]")
        raise typer.Exit(2)
    with stop_on_interrupt(_what_was_kept):
        if local:
            report = _local_job(settings, lambda ctx: _job().run(ctx, sources, out, curation), sources).to_dict()
        else:
            from flows.pipeline_flow import run_main_job

            report = run_main_job(sources, str(out), settings, str(curation) if curation else None, dask_address=dask)
    print_report(report)


def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files or folders to read.")],
    store: StoreOpt = None,
    config: ConfigOpt = None,
    workers: WorkersOpt = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    follow_links: FollowLinksOpt = False,
) -> None:
    """Extract new or changed documents into the store (unchanged ones are skipped)."""
    settings = _run_settings(store, None, config, workers, include, exclude, follow_links)
    check_sources_and_out(sources, None)
    with stop_on_interrupt(_what_was_kept):
        report = _local_job(settings, lambda ctx: _job().ingest(ctx, sources), sources)
    report.stage_seconds = dict(report.stage_seconds)
    print_report(report.to_dict())


def tag(
    store: StoreOpt = None,
    framework: FrameworkOpt = None,
    config: ConfigOpt = None,
    workers: WorkersOpt = None,
    retag: Annotated[bool, typer.Option(help="Tag every document again, not only new ones.")] = False,
) -> None:
    """Tag stored passages against a framework's lines of enquiry, role and polarity."""
    settings = load_settings(store, framework, config, workers=workers)
    with stop_on_interrupt(_what_was_kept):
        holder: list = []
        report = _local_job(settings, lambda ctx: holder.append(_job().tag(ctx, retag=retag)), [])
    console.print(f"Tagged {holder[0].documents} document(s): {report.tags} tags under {safe(report.framework)}.")


def status(
    store: StoreOpt = None,
    framework: FrameworkOpt = None,
    config: ConfigOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print figures as JSON.")] = False,
) -> None:
    """What is in the store: documents, and evidence per line of enquiry by role and polarity."""
    from evidence_store.status import store_status

    figures = store_status(load_settings(store, framework, config))
    if as_json:
        console.print_json(json.dumps(figures))
        return
    console.print(
        f"[bold]{figures['documents']}[/] current documents, {figures['passages']} passages, "
        f"{figures['refused']} refusals on record; framework {safe(figures['framework'])}"
    )
    roles = figures["roles"]
    short = {"outcome": "outc", "process": "proc", "recommendation": "rec", "judgement": "judg", "context": "ctx"}
    table = Table("line of enquiry", "n", *(short[r] for r in roles), "str", "con", "data",
                  title="Evidence per line of enquiry (by role; str/con = strength/concern)")
    for row in figures["lines"]:
        if row["parent"] and not row["passages"]:
            continue  # sub-lines only when they hold evidence
        name = ("  " + safe(row["slug"])) if row["parent"] else f"[bold]{safe(row['slug'])}[/]"
        table.add_row(
            name, str(row["passages"]), *(str(row["by_role"].get(r, 0)) for r in roles),
            str(row["by_polarity"].get("strength", 0)), str(row["by_polarity"].get("concern", 0)), str(row["with_data"]),
        )
    console.print(table)


def export(
    what: Annotated[str, typer.Option("--what", help="documents | passages | tags")] = "passages",
    fmt: Annotated[str, typer.Option("--format", help="jsonl | csv")] = "jsonl",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: standard output).")] = None,
    store: StoreOpt = None,
    framework: FrameworkOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Export documents, passages or tags (with explanations) as JSON lines or CSV, redacted."""
    from packs.export import export_rows, spreadsheet_safe

    if what not in {"documents", "passages", "tags"} or fmt not in {"jsonl", "csv"}:
        err.print("[red]--what must be documents, passages or tags; --format jsonl or csv[/]")
        raise typer.Exit(2)
    rows = export_rows(load_settings(store, framework, config), what)
    handle = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if fmt == "jsonl":
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]) if rows else [])
            writer.writeheader()
            for row in rows:
                writer.writerow({k: spreadsheet_safe(json.dumps(v) if isinstance(v, (list, dict)) else v) for k, v in row.items()})
    finally:
        if output:
            handle.close()
    if output:
        err.print(f"Wrote {len(rows)} {what} to {safe(output)}")


def doctor(
    store: StoreOpt = None,
    pack: Annotated[Optional[Path], typer.Option("--pack", help="A pack folder to check against its manifest.")] = None,
    config: ConfigOpt = None,
) -> None:
    """Check the store's integrity and a pack against its manifest; suggest fixes.

    With --pack and no --store, only the pack is checked (no store is opened or created)."""
    from evidence_store.integrity import check_store, rendition_notes
    from packs.verify import check_pack

    problems: list = []
    checked: list[str] = []
    if store is not None or config is not None or pack is None:
        settings = load_settings(store, None, config)
        problems += check_store(settings.store)
        checked.append("the store")
        if not problems:
            for line in rendition_notes(settings.store):
                console.print(f"[cyan]renditions[/] {safe(line)}")
    if pack is not None:
        problems += check_pack(pack)
        checked.append(f"the pack {safe(pack)}")
    if not problems:
        console.print("[green]No problems found[/] in " + " or ".join(checked) + ".")
        return
    for item in problems:
        console.print(f"[red]{safe(item.where)}[/]: {safe(item.problem)}\n  fix: {safe(item.fix)}")
    raise typer.Exit(1)


# ----------------------------------------------------------------------------- shared pieces
def _job():  # type: ignore[no-untyped-def]
    from core import job

    return job


def _run_settings(store, framework, config, workers, include, exclude, follow_links, **extra) -> Settings:  # type: ignore[no-untyped-def]
    base = load_settings(store, framework, config, workers=workers, **extra)
    changes: dict[str, object] = {}
    if include:
        changes["include"] = list(include)
    if exclude:
        changes["exclude"] = [*base.exclude, *exclude]
    if follow_links:
        changes["follow_links"] = True
    return base.with_values(**changes) if changes else base


def _local_job(settings: Settings, work, sources: list[str]):  # type: ignore[no-untyped-def]
    """Run `work(ctx)` in this process with progress shown; return the run report."""
    from core.context import RunContext, new_report
    from core.progress import make_progress
    from flows.stages import default_stages

    stages = default_stages(settings)
    ctx = RunContext(settings, stages, new_report([stages.display_path(s) for s in sources], settings, stages.framework_id(settings)),
                     progress=make_progress(lambda name: stages.display_path(name)))
    work(ctx)
    ctx.report.stage_seconds = dict(ctx.timer.seconds)
    return ctx.report


def _what_was_kept() -> str:
    return "Documents stored before the interrupt are kept; the previous pack is unchanged. Run again to finish."


def check_sources_and_out(sources: list[str], out: Path | None) -> None:
    """Refuse, before any work, sources that do not exist and a pack folder that overlaps them
    (a pack inside a source would be read as evidence by the next run)."""
    from core.discover import inside_any

    missing = [s for s in sources if not Path(s).exists() and not Path(s).is_symlink()]
    if missing:
        err.print(f"[red]source not found:[/] {safe(', '.join(missing))}")
        raise typer.Exit(2)
    if out is None:
        return
    source = inside_any(out, sources)
    if source is not None:
        err.print(f"[red]--out {safe(out)} is inside the source {safe(source)}:[/] the pack would be read as evidence next time. Choose a folder outside the sources.")
        raise typer.Exit(2)
    inner = next((s for s in sources if inside_any(s, [out])), None)
    if inner is not None:
        err.print(f"[red]the source {safe(inner)} is inside --out {safe(out)}:[/] building the pack would replace it. Choose another --out.")
        raise typer.Exit(2)
    parent = Path(out).resolve().parent
    if not parent.exists():
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            err.print(f"[red]cannot create the folder for --out {safe(out)}:[/] {safe(exc.strerror or exc)}")
            raise typer.Exit(2) from None
    probe = parent / f".readiness-write-test-{__import__('os').getpid()}"
    try:
        probe.write_bytes(b"x" * 65536)
        probe.unlink()
    except OSError as exc:
        probe.unlink(missing_ok=True)
        err.print(f"[red]cannot write the pack in {safe(parent)}:[/] {safe(exc.strerror or exc)}")
        raise typer.Exit(2) from None
