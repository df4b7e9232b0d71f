"""The main job as a Prefect flow: plan, extract (batched), tag (batched), pack.

Every task is a thin wrapper around one of the main job's plain functions in `core.job`; this
module only decides what runs where, in what batches and with what caching. `readiness run
--local` calls the same functions without Prefect. Without a Prefect server configured, Prefect
starts a temporary one (about 14 s); with PREFECT_API_URL pointing at `prefect server start`, runs
show in the Prefect UI (see flows/README.md).

Batching
    Each task handles a batch of documents (enough batches to keep every worker busy four times
    over, at most 25 documents each), so a run of 300 documents costs a few dozen task runs: Prefect's
    per-task cost (~10-50 ms) stays small against seconds of extraction per batch.

Where the work runs
    `workers=N` runs up to N batch tasks at once in threads; each document is extracted in its own
    forked child process (extractors.safe), so N threads give N busy cores. `dask_address` sends the
    batch tasks to an existing Dask cluster: the store must then be reachable from the workers
    (PostgreSQL by URL), and documents are extracted in-process on Dask's daemonic workers.

Caching: the evidence store is the cache; Prefect's cache keys follow it
    The store is content-addressed, so files whose sha256 is stored never reach an extraction task
    and documents tagged by this tagger version never reach a tagging task. The tasks' cache keys
    are the batch's sha256s plus the extractor/tagger version, the settings that change the output
    and the store's identity, with small JSON results persisted: a previously *refused* file (not in
    the store's documents) runs alone in its task, whose cached refusal spares a re-try until the
    extractor, the settings or the bytes change. A cached result is never trusted blindly: a batch
    whose documents are not in the store (a replaced store at the same URL) is run again.

Retries
    One policy (core/retry.py) inside the store's own calls; tasks add none of their own, so a
    transient problem is never retried twice over.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from core import job
from core.context import StageTimer, new_report
from core.fingerprint import store_identity
from core.model import RefusedFile, RunReport, SkippedFile
from core.settings import Settings
from flows.stages import default_stages, tagger_version, versions

MAX_BATCH_DOCS = 25
MAX_TAG_BATCH_DOCS = 200
CACHE_DAYS = 30
# settings that change what extraction or tagging produces (part of the cache key)
_EXTRACT_SETTINGS = ("max_file_mb", "file_timeout_s", "file_memory_mb", "pdf_passwords", "ocr")
_TAG_SETTINGS = ("framework", "frameworks_dir", "spacy_model")


# ----------------------------------------------------------------------------- cache keys
def _digest(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def extract_cache_key(context: Any, parameters: dict[str, Any]) -> str | None:
    """The same bytes, read by the same extractor with the same settings: the same key. None (no
    caching) for a batch of unreadable files: without their bytes there is no identity."""
    settings = parameters["settings"]
    shas = sorted(sha for _, sha in parameters["batch"])
    if not all(shas):
        return None
    return "extract-" + _digest(versions()["extractor"], store_identity(settings["store"]), {k: settings.get(k) for k in _EXTRACT_SETTINGS}, shas)


def tag_cache_key(context: Any, parameters: dict[str, Any]) -> str:
    settings = parameters["settings"]
    return "tag-" + _digest(tagger_version(_settings(settings)), store_identity(settings["store"]), {k: settings.get(k) for k in _TAG_SETTINGS}, sorted(parameters["shas"]))


def _settings(values: dict) -> Settings:
    return Settings(**{k: v for k, v in values.items() if k in Settings.model_fields})


# ----------------------------------------------------------------------------- tasks
@task(name="plan", cache_policy=NO_CACHE)
def plan_task(sources: list[str], settings: dict) -> dict:
    config = _settings(settings)
    planned = job.plan(sources, config, default_stages(config))
    return {
        "seen": planned.seen,
        "unchanged": planned.unchanged,
        "pending": planned.pending,
        "refused": [{"file": r.path, "reason": r.reason} for r in planned.refused],
        "skipped": [{"file": s.path, "reason": s.reason} for s in planned.skipped],
        "refused_before": sorted(planned.refused_before),
        "notes": planned.notes,
    }


@task(
    name="extract-batch",
    cache_key_fn=extract_cache_key,
    cache_expiration=timedelta(days=CACHE_DAYS),
    persist_result=True,
    result_serializer="json",
    task_run_name="extract {batch_name}",
)
def extract_batch(batch: list[tuple[str, str]], settings: dict, batch_name: str = "") -> dict:
    # the task runner is the parallelism; each file still gets its own child process
    config = _settings(settings).with_values(workers=1)
    result = job.extract_batch(batch, config, default_stages(config))
    return {"ingested": result.ingested, "unchanged": result.unchanged, "refused": [{"file": r.path, "reason": r.reason} for r in result.refused], "passages": result.passages, "renditions": result.renditions}


@task(
    name="tag-batch",
    cache_key_fn=tag_cache_key,
    cache_expiration=timedelta(days=CACHE_DAYS),
    persist_result=True,
    result_serializer="json",
    task_run_name="tag {batch_name}",
)
def tag_batch(shas: list[str], settings: dict, batch_name: str = "") -> dict:
    config = _settings(settings)
    result = job.tag_batch(config, default_stages(config), only=shas)
    return {"documents": result.documents, "tags": result.tags}


@task(name="untagged", cache_policy=NO_CACHE)
def untagged_task(settings: dict) -> list[str]:
    config = _settings(settings)
    stages = default_stages(config)
    store = stages.open_store(config)
    try:
        return store.untagged_documents(stages.framework_id(config), stages.tagger_version(config))
    finally:
        store.close()


@task(name="facts", cache_policy=NO_CACHE)
def facts_task(settings: dict) -> int:
    config = _settings(settings)
    return job.facts_batch(config, default_stages(config))


@task(name="pack", cache_policy=NO_CACHE)
def pack_task(out: str, settings: dict, report: dict, stage_seconds: dict, curation: str | None) -> dict:
    config = _settings(settings)
    run_report = _report_from(report)
    job.pack_stage(Path(out), config, default_stages(config), run_report, StageTimer(stage_seconds), Path(curation) if curation else None)
    return run_report.to_dict()


# ----------------------------------------------------------------------------- batching
def batch_size(count: int, workers: int, batch_docs: int | None = None) -> int:
    """Documents per task: enough batches to keep each worker busy ~4 times, at most 25 per batch."""
    if batch_docs:
        return max(1, batch_docs)
    return max(1, min(MAX_BATCH_DOCS, math.ceil(count / max(1, workers * 4))))


def make_batches(pending: list[tuple[str, str]], refused_before: set[str], workers: int, batch_docs: int | None = None) -> list[list[tuple[str, str]]]:
    """Stable batches (sorted by sha256, so the same files make the same batches and cache keys);
    previously refused files alone, one per batch, so their cached refusal survives other changes."""
    fresh = sorted((p for p in pending if p[1] not in refused_before), key=lambda p: (p[1], p[0]))
    again = sorted((p for p in pending if p[1] in refused_before), key=lambda p: (p[1], p[0]))
    size = batch_size(len(fresh), workers, batch_docs)
    batches = [fresh[i : i + size] for i in range(0, len(fresh), size)]
    return batches + [[p] for p in again]


def make_task_runner(workers: int = 1, dask_address: str | None = None):  # type: ignore[no-untyped-def]
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=max(1, workers))


# ----------------------------------------------------------------------------- flows
@flow(name="readiness-ingest-tag", log_prints=False)
def ingest_and_tag(sources: list[str], settings: dict, batch_docs: int | None = None, distributed: bool = False) -> dict:
    """Plan, then extract and tag in batches on the flow's task runner; returns the run figures."""
    workers = max(1, int(settings.get("workers") or 1))
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    planned = plan_task(sources, settings)
    seconds["discover and hash"] = time.perf_counter() - started
    batches = make_batches([(str(p), str(sha)) for p, sha in planned["pending"]], set(planned["refused_before"]), workers, batch_docs)

    t0 = time.perf_counter()
    results = _run_batches(extract_batch, batches, settings, key="batch")
    stale = _missing_from_store(settings, results)
    if stale:  # a cached result the store does not confirm: run those batches again
        fresh = _run_batches(extract_batch.with_options(refresh_cache=True), [batches[i] for i in stale], settings, key="batch")
        for i, res in zip(stale, fresh):
            results[i] = res
    seconds["ingest"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    todo = sorted(untagged_task(settings))
    if distributed:
        # spread over the cluster; each worker builds its spaCy pipeline once and keeps it
        size, tag_settings, sequential = batch_size(len(todo), workers * 2, batch_docs), dict(settings, workers=1), False
    else:
        # one big batch at a time, tagged by a pool of `workers` processes (threads would share the GIL)
        size, tag_settings, sequential = MAX_TAG_BATCH_DOCS, settings, True
    tag_batches = [todo[i : i + size] for i in range(0, len(todo), size)]
    tag_results = _run_batches(tag_batch, tag_batches, tag_settings, key="shas", sequential=sequential)
    still = set(untagged_task(settings)) & set(todo)
    if still:  # a cached "tagged" that the store does not confirm: run those again
        tag_results += _run_batches(tag_batch.with_options(refresh_cache=True), [sorted(still)], tag_settings, key="shas")
    seconds["tag"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    facts_task(settings)
    seconds["facts"] = time.perf_counter() - t0

    return {
        "seen": planned["seen"],
        "unchanged": planned["unchanged"] + sum(r["unchanged"] for r in results),
        "ingested": [sha for r in results for sha in r["ingested"]],
        "refused": planned["refused"] + [item for r in results for item in r["refused"]],
        "skipped": planned["skipped"],
        "notes": planned["notes"],
        "passages": sum(r["passages"] for r in results),
        "renditions": sum(r.get("renditions", 0) for r in results),
        "tags": sum(r["tags"] for r in tag_results),
        "tagged_documents": sum(r["documents"] for r in tag_results),
        "batches": {"extract": len(batches), "tag": len(tag_batches)},
        "stage_seconds": seconds,
    }


def _run_batches(task_fn: Any, batches: list[list], settings: dict, key: str, sequential: bool = False) -> list[dict]:
    futures, results = [], []
    for index, batch in enumerate(batches):
        future = task_fn.submit(**{key: batch, "settings": settings, "batch_name": f"{index + 1}/{len(batches)} ({len(batch)} docs)"})
        if sequential:
            results.append(future.result())
        else:
            futures.append(future)
    return results + [f.result() for f in futures]


def _missing_from_store(settings: dict, results: list[dict]) -> list[int]:
    config = _settings(settings)
    store = default_stages(config).open_store(config)
    try:
        return [i for i, r in enumerate(results) if any(not store.known_sha(sha) for sha in r["ingested"])]
    finally:
        store.close()


@flow(name="readiness-run", log_prints=False)
def readiness_run(sources: list[str], out: str, settings: dict, curation: str | None = None, dask_address: str | None = None, batch_docs: int | None = None) -> dict:
    """Ingest the sources, tag new documents, and write the evidence pack to `out`."""
    config = _settings(settings)
    stages = default_stages(config)
    report = new_report(sources, config, stages.framework_id(config))
    figures = ingest_and_tag.with_options(task_runner=make_task_runner(config.workers, dask_address))(sources, config.values(), batch_docs, bool(dask_address))
    report.seen = figures["seen"]
    report.ingested = len(figures["ingested"])
    report.unchanged = figures["unchanged"]
    report.refused = [RefusedFile(r["file"], r["reason"]) for r in figures["refused"]]
    report.skipped = [SkippedFile(r["file"], r["reason"]) for r in figures["skipped"]]
    report.notes.extend(figures["notes"])
    report.passages = figures["passages"]
    report.renditions = figures["renditions"]
    report.tags = figures["tags"]
    return pack_task(out, config.values(), _report_dict(report), figures["stage_seconds"], curation)


def _report_dict(report: RunReport) -> dict:
    data = report.to_dict()
    data["started_at"] = report.started_at.isoformat()
    return data


def _report_from(data: dict) -> RunReport:
    from datetime import datetime

    report = RunReport(started_at=datetime.fromisoformat(data["started_at"]), sources=list(data["sources"]), framework=data["framework"])
    report.seen = data["documents"]["seen"]
    report.ingested = data["documents"]["ingested"]
    report.unchanged = data["documents"]["unchanged"]
    report.refused = [RefusedFile(r["file"], r["reason"]) for r in data["refused"]]
    report.skipped = [SkippedFile(r["file"], r["reason"]) for r in data.get("skipped", [])]
    report.passages, report.tags = data["passages"], data["tags"]
    report.renditions = data["documents"].get("renditions", 0)
    report.notes = list(data.get("notes", []))
    return report


def run_main_job(sources: list[str], out: str, settings: Settings, curation: str | None = None, dask_address: str | None = None) -> dict:
    return readiness_run(sources=[str(s) for s in sources], out=out, settings=settings.values(), curation=curation, dask_address=dask_address)
