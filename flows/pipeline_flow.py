"""The main job as a Prefect flow: each stage is a task; the stages themselves are plain Python.

Runs with no Prefect server configured (Prefect starts a temporary one) and shows in the Prefect UI
when PREFECT_API_URL points at a running server.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from prefect import flow, task

from evidence_store.model import RunReport
from readiness import pipeline, stages
from readiness.config import Settings


@task(name="ingest", retries=2, retry_delay_seconds=2)
def ingest_task(sources: list[str], settings: Settings, report: RunReport, timer: pipeline.StageTimer) -> RunReport:
    with pipeline.make_progress() as progress:
        stages.ingest_stage(sources, settings, report, timer, progress)
    return report


@task(name="tag")
def tag_task(settings: Settings, report: RunReport, timer: pipeline.StageTimer) -> RunReport:
    with pipeline.make_progress() as progress:
        stages.tag_stage(settings, report, timer, progress)
    return report


@task(name="pack", retries=1, retry_delay_seconds=2)
def pack_task(out: str, settings: Settings, report: RunReport, timer: pipeline.StageTimer, curation: str | None) -> str:
    return str(stages.pack_stage(Path(out), settings, report, timer, Path(curation) if curation else None))


@flow(name="readiness-run", log_prints=False)
def readiness_run(sources: list[str], out: str, settings: dict, curation: str | None = None) -> dict:
    """Ingest the sources, tag new documents, and write the evidence pack to `out`."""
    config = Settings(**settings)
    report = stages.new_report(sources, config)
    timer = pipeline.StageTimer()
    report = ingest_task(sources, config, report, timer)
    report = tag_task(config, report, timer)
    pack_task(out, config, report, timer, curation)
    return report.to_dict()


def run_main_job(sources: list[str], out: str, settings: Settings, curation: str | None = None) -> dict:
    return readiness_run(sources=sources, out=out, settings=asdict(settings), curation=curation)
