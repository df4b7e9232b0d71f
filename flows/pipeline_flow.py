"""The main job as a Prefect flow: plan, extract (batched), tag (batched), pack.

The stages themselves are plain Python (`readiness.pipeline`, `readiness.stages`); this module only
decides what runs where. It runs with no Prefect server configured (Prefect then starts a temporary
one, about 14 s) and shows in the Prefect UI when PREFECT_API_URL points at a running server
(`prefect server start`; see flows/README.md).

Batching
    Each task handles a batch of documents (about `batch_docs`, default: enough batches to keep every
    worker busy four times over, at most 25 documents each), so a run of 300 documents costs a few
    dozen task runs, not hundreds: Prefect's per-task cost (state changes, API calls, ~10-50 ms) stays
    small against seconds of extraction per batch.

Where the work runs
    `workers=N` runs up to N batch tasks at once in threads (ThreadPoolTaskRunner); each document is
    extracted in its own forked child process (core.isolation.extract_safely), so N threads give
    N busy cores. `dask_address` sends the batch tasks to an existing Dask cluster
    (prefect_dask.DaskTaskRunner): the store must then be reachable from the workers (PostgreSQL by
    URL, or SQLite on a shared file system), and documents are extracted in-process on Dask's daemonic
    workers (the worker memory limit and nanny are the isolation there).

Caching: the evidence store is the cache; Prefect's cache keys follow it
    The store is content-addressed (sha256 of the file's bytes) and transactional, and it is shared by
    every process, machine and Dask worker that uses the same URL. So the flow asks the store first:
    files whose sha256 is already stored are never sent to an extraction task, and documents already
    tagged by this TAGGER_VERSION under this framework are never sent to a tagging task. That is what
    makes an unchanged re-run cost seconds, across processes and restarts, with or without Prefect.

    The Prefect side honours the same identity: `extract_batch` and `tag_batch` have cache keys made
    from the batch's sha256s plus the extractor/tagger version, the framework, the settings that change
    the output and the store URL, with small JSON results persisted (Prefect's result storage,
    PREFECT_LOCAL_STORAGE_PATH). Two things follow:
      * a file that was *refused* (timed out, encrypted, corrupt) is not in the store's documents, so
        the store alone would have it extracted again every day in notice mode; previously refused
        files run one per task, and Prefect's cache (30 days) remembers the refusal, so a hostile file
        that took 120 s to give up is not re-tried until the extractor, the relevant settings or the
        bytes change;
      * a cached result is never trusted blindly: after the tasks finish, the flow checks the store,
        and a batch whose documents are not actually there (a deleted or replaced store with the same
        URL) is run again with refresh_cache=True. Passages themselves are not duplicated into
        Prefect's result storage; the store holds them once.

Retries
    Every task retries on I/O trouble only (OSError, database OperationalError: a locked SQLite file,
    a dropped PostgreSQL connection), twice, with a short back-off. Parser failures are not retried;
    they become refusals with a reason.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from dataclasses import asdict, fields
from datetime import timedelta
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from readiness import pipeline, stages
from core.settings import Settings

MAX_BATCH_DOCS = 25
MAX_TAG_BATCH_DOCS = 200
CACHE_DAYS = 30
# settings that change what extraction or tagging produces (part of the cache key)
_EXTRACT_SETTINGS = ("max_file_mb", "file_timeout_s", "file_memory_mb", "pdf_passwords", "ocr")
_TAG_SETTINGS = ("framework", "frameworks_dir", "spacy_model")


# ----------------------------------------------------------------------------- retries and keys
def io_error_only(task: Any, task_run: Any, state: Any) -> bool:
    """Retry a task only when it failed on I/O: files, sockets, a locked or dropped database."""
    try:
        exc = state.result(raise_on_failure=False)
    except Exception as inner:  # noqa: BLE001 - the result itself could not be read: I/O
        exc = inner
    return is_io_error(exc)


def is_io_error(exc: object) -> bool:
    if isinstance(exc, (OSError, TimeoutError, ConnectionError)):
        return True
    try:
        from sqlalchemy.exc import DBAPIError, OperationalError

        if isinstance(exc, OperationalError):
            return True
        if isinstance(exc, DBAPIError) and getattr(exc, "connection_invalidated", False):
            return True
    except ImportError:  # pragma: no cover
        pass
    return False


def extractor_version() -> str:
    import extractors

    return str(getattr(extractors, "EXTRACTOR_VERSION", getattr(extractors, "__version__", "1")))


def tagger_version() -> str:
    from tagging import TAGGER_VERSION

    return str(TAGGER_VERSION)


def _digest(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def store_identity(store: str) -> str:
    """The store URL without any password (so the key, which Prefect shows, leaks nothing)."""
    from evidence_store.store import store_url

    url = store_url(store) if "://" in store else f"sqlite:///{Path(store).expanduser().resolve()}"
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001
        return url


def extract_cache_key(context: Any, parameters: dict[str, Any]) -> str | None:
    """extract|version|store|settings|sorted sha256s: the same bytes, read the same way, same key.

    None (no caching) for a batch of unreadable files: without their bytes there is no identity."""
    settings = parameters["settings"]
    shas = sorted(sha for _, sha in parameters["batch"])
    if not all(shas):
        return None
    return "extract-" + _digest(
        extractor_version(), store_identity(settings["store"]), {k: settings.get(k) for k in _EXTRACT_SETTINGS}, shas
    )


def tag_cache_key(context: Any, parameters: dict[str, Any]) -> str:
    """tag|tagger version|framework|store|sorted sha256s."""
    settings = parameters["settings"]
    return "tag-" + _digest(
        tagger_version(), store_identity(settings["store"]), {k: settings.get(k) for k in _TAG_SETTINGS}, sorted(parameters["shas"])
    )


def _settings(values: dict) -> Settings:
    known = {f.name for f in fields(Settings)}
    return Settings(**{k: v for k, v in values.items() if k in known})


# ----------------------------------------------------------------------------- tasks
@task(name="plan", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[1, 5], retry_condition_fn=io_error_only)
def plan_task(sources: list[str], settings: dict) -> dict:
    """Find the files, hash them, record unchanged copies; return what needs extracting."""
    from evidence_store import EvidenceStore
    from core.model import sha256_file

    config = _settings(settings)
    store = EvidenceStore(config.store)
    started = time.perf_counter()
    try:
        paths = pipeline.discover(sources)
        discovered = time.perf_counter()
        pending: list[tuple[str, str]] = []
        unreadable: list[str] = []
        unchanged = 0
        for path in paths:
            try:
                sha = sha256_file(path)
            except OSError:
                unreadable.append(str(path))  # extract_batch records the refusal with its reason
                continue
            if store.known_sha(sha):
                store.record_source(str(path), sha)
                unchanged += 1
            else:
                pending.append((str(path), sha))
        refused_before = _previously_refused(store, {sha for _, sha in pending})
    finally:
        store.close()
    return {
        "seen": len(paths),
        "unchanged": unchanged,
        "pending": pending,
        "unreadable": unreadable,
        "refused_before": sorted(refused_before),
        "discover_s": discovered - started,
        "hash_s": time.perf_counter() - discovered,
    }


def _previously_refused(store: Any, shas: set[str]) -> set[str]:
    if not shas:
        return set()
    from sqlalchemy import select

    from evidence_store import schema

    found: set[str] = set()
    ordered = sorted(shas)
    with store.engine.connect() as conn:
        for start in range(0, len(ordered), 500):
            chunk = ordered[start : start + 500]
            found.update(
                r[0] for r in conn.execute(select(schema.refusals.c.sha256).where(schema.refusals.c.sha256.in_(chunk)))
            )
    return found


@task(
    name="extract-batch",
    retries=2,
    retry_delay_seconds=[2, 10],
    retry_condition_fn=io_error_only,
    cache_key_fn=extract_cache_key,
    cache_expiration=timedelta(days=CACHE_DAYS),
    persist_result=True,
    result_serializer="json",
    task_run_name="extract {batch_name}",
)
def extract_batch(batch: list[tuple[str, str]], settings: dict, batch_name: str = "") -> dict:
    """Extract and store one batch of (path, sha256) pairs; a small JSON summary comes back."""
    from evidence_store import EvidenceStore

    config = _settings(settings)
    config.workers = 1  # the task runner is the parallelism; each file still gets its own child
    store = EvidenceStore(config.store)
    started = time.perf_counter()
    try:
        result = pipeline.ingest([Path(p) for p, _ in batch], store, config)
    finally:
        store.close()
    return {
        "ingested": result.ingested,
        "unchanged": result.unchanged,
        "refused": [[r.path, r.reason] for r in result.refused],
        "passages": result.passages,
        "seconds": time.perf_counter() - started,
    }


@task(
    name="tag-batch",
    retries=2,
    retry_delay_seconds=[2, 10],
    retry_condition_fn=io_error_only,
    cache_key_fn=tag_cache_key,
    cache_expiration=timedelta(days=CACHE_DAYS),
    persist_result=True,
    result_serializer="json",
    task_run_name="tag {batch_name}",
)
def tag_batch(shas: list[str], settings: dict, batch_name: str = "") -> dict:
    """Tag one batch of stored documents (only those still untagged by this tagger version)."""
    from evidence_store import EvidenceStore

    config = _settings(settings)
    store = EvidenceStore(config.store)
    started = time.perf_counter()
    try:
        result = pipeline.tag(store, config, only=shas)
    finally:
        store.close()
    return {"documents": result.documents, "tags": result.tags, "shas": shas, "seconds": time.perf_counter() - started}


@task(name="untagged", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[1, 5], retry_condition_fn=io_error_only)
def untagged_task(settings: dict) -> list[str]:
    from evidence_store import EvidenceStore
    from frameworks import load_framework

    config = _settings(settings)
    store = EvidenceStore(config.store)
    try:
        framework = load_framework(config.framework, config.frameworks_dir)
        return store.untagged_documents(framework.id, tagger_version())
    finally:
        store.close()


@task(name="pack", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=2, retry_condition_fn=io_error_only)
def pack_task(out: str, settings: dict, report: dict, stage_seconds: dict, curation: str | None) -> dict:
    from core.model import RefusedFile, RunReport

    config = _settings(settings)
    run_report = RunReport(**{k: v for k, v in report.items() if k in {f.name for f in fields(RunReport)}})
    run_report.refused = [RefusedFile(**r) if isinstance(r, dict) else r for r in run_report.refused]
    timer = pipeline.StageTimer()
    timer.seconds.update(stage_seconds)
    if not pack_if_changed(Path(out), config, run_report, timer, curation):
        from evidence_store import EvidenceStore

        store = EvidenceStore(config.store)
        try:
            store.record_run(run_report)
        finally:
            store.close()
    return run_report.to_dict()


def pack_if_changed(out: Path, config: Settings, run_report: Any, timer: Any, curation: str | None) -> bool:
    """Build the pack unless the one in `out` was built from the same store state today
    (flows/incremental.py). Returns True when a pack was built."""
    from flows import incremental

    started = time.perf_counter()
    stamp = incremental.fingerprint(config, curation)
    if incremental.pack_is_current(out, stamp):
        timer.seconds["pack"] = time.perf_counter() - started
        run_report.stage_seconds = dict(timer.seconds)
        run_report.pack_dir = str(out)
        run_report.notes.append("nothing changed since the last pack: pack kept as it was")
        # the pack stays; its run report becomes this run's (what was seen, skipped, refused)
        (out / "run-report.json").write_text(json.dumps(run_report.to_dict(), indent=2), encoding="utf-8")
        return False
    built = stages.pack_stage(out, config, run_report, timer, Path(curation) if curation else None)
    incremental.mark_packed(built, stamp)
    return True


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
    plan = plan_task(sources, settings)
    seconds["discover"] = plan["discover_s"]
    seconds["hash"] = plan["hash_s"]
    pending = [(str(p), str(sha)) for p, sha in plan["pending"]]
    batches = make_batches(pending, set(plan["refused_before"]), workers, batch_docs)
    if plan["unreadable"]:
        batches.append([(p, "") for p in plan["unreadable"]])

    t0 = time.perf_counter()
    results = _run_batches(extract_batch, batches, settings, key="batch")
    # never trust a cached result blindly: what it says was stored must be in the store
    stale = _missing_from_store(settings, results)
    if stale:
        rerun = [batches[i] for i in stale]
        fresh = _run_batches(extract_batch.with_options(refresh_cache=True), rerun, settings, key="batch")
        for i, res in zip(stale, fresh):
            results[i] = res
    seconds["ingest"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    todo = sorted(untagged_task(settings))
    if distributed:
        # spread over the cluster; each worker builds its spaCy pipeline once and keeps it
        size = batch_size(len(todo), workers * 2, batch_docs)
        tag_settings, sequential = dict(settings, workers=1), False
    else:
        # one big batch at a time, tagged by a pool of `workers` processes (threads would share the GIL)
        size, tag_settings, sequential = MAX_TAG_BATCH_DOCS, settings, True
    tag_batches = [todo[i : i + size] for i in range(0, len(todo), size)]
    tag_results = _run_batches(tag_batch, tag_batches, tag_settings, key="shas", sequential=sequential)
    still = set(untagged_task(settings)) & set(todo)
    if still:  # a cached "tagged" that the store does not confirm: run those again
        redo = [sorted(still)]
        tag_results += _run_batches(tag_batch.with_options(refresh_cache=True), redo, tag_settings, key="shas")
    seconds["tag"] = time.perf_counter() - t0

    return {
        "seen": plan["seen"],
        "unchanged": plan["unchanged"] + sum(r["unchanged"] for r in results),
        "ingested": [sha for r in results for sha in r["ingested"]],
        "refused": [{"file": f, "reason": reason} for r in results for f, reason in r["refused"]],
        "passages": sum(r["passages"] for r in results),
        "tags": sum(r["tags"] for r in tag_results),
        "tagged_documents": sum(r["documents"] for r in tag_results),
        "batches": {"extract": len(batches), "tag": len(tag_batches)},
        "stage_seconds": seconds,
        "seconds": time.perf_counter() - started,
    }


def _run_batches(task_fn: Any, batches: list[list], settings: dict, key: str, sequential: bool = False) -> list[dict]:
    futures, results = [], []
    for index, batch in enumerate(batches):
        name = f"{index + 1}/{len(batches)} ({len(batch)} docs)"
        future = task_fn.submit(**{key: batch, "settings": settings, "batch_name": name})
        if sequential:
            results.append(future.result())
        else:
            futures.append(future)
    return results + [f.result() for f in futures]


def _missing_from_store(settings: dict, results: list[dict]) -> list[int]:
    from evidence_store import EvidenceStore

    store = EvidenceStore(_settings(settings).store)
    try:
        return [i for i, r in enumerate(results) if any(not store.known_sha(sha) for sha in r["ingested"])]
    finally:
        store.close()


@flow(name="readiness-run", log_prints=False)
def readiness_run(
    sources: list[str],
    out: str,
    settings: dict,
    curation: str | None = None,
    dask_address: str | None = None,
    batch_docs: int | None = None,
) -> dict:
    """Ingest the sources, tag new documents, and write the evidence pack to `out`.

    The per-document work runs in a subflow on a task runner chosen from `settings["workers"]`
    (threads driving isolated extraction processes) or `dask_address` (an existing Dask cluster).
    """
    from core.model import RefusedFile

    config = _settings(settings)
    settings = asdict(config)
    report = stages.new_report(sources, config)
    runner = make_task_runner(config.workers, dask_address)
    figures = ingest_and_tag.with_options(task_runner=runner)(sources, settings, batch_docs, bool(dask_address))
    report.seen = figures["seen"]
    report.ingested = len(figures["ingested"])
    report.unchanged = figures["unchanged"]
    report.refused = [RefusedFile(r["file"], r["reason"]) for r in figures["refused"]]
    report.passages = figures["passages"]
    report.tags = figures["tags"]
    return pack_task(out, settings, _report_dict(report), figures["stage_seconds"], curation)


def _report_dict(report: Any) -> dict:
    data = {f.name: getattr(report, f.name) for f in fields(report)}
    data["refused"] = [asdict(r) for r in report.refused]
    return data


def run_main_job(sources: list[str], out: str, settings: Settings, curation: str | None = None, dask_address: str | None = None) -> dict:
    return readiness_run(sources=[str(s) for s in sources], out=out, settings=asdict(settings), curation=curation, dask_address=dask_address)
