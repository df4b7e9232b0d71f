"""The main job as plain functions: plan, extract a batch, tag a batch, pack if anything changed.

`run` calls them in order in this process (`readiness run --local`, `ingest`, `tag`); the Prefect
flow (flows/pipeline_flow.py) wraps the same functions in tasks with batching, caching and a task
runner. Both paths therefore skip unchanged files, record refusals and keep an unchanged pack in
exactly the same way.

The store is content-addressed (sha256 of a file's bytes), so a file whose bytes are stored is
never read again, and a document already tagged by this tagger version is never tagged again.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from core import fingerprint
from core.context import RunContext, StageTimer
from core.discover import discover
from core.isolation import hold_if_stopping, ignore_interrupts
from core.model import ExtractedDocument, Passage, Refused, RefusedFile, RunReport, SkippedFile, sha256_file
from core.settings import Settings
from core.stages import Stages, Store, Tagged
from core.text import printable


@dataclass
class Plan:
    """What a run must do: files whose bytes are new, and what it already knows."""

    seen: int = 0
    unchanged: int = 0
    pending: list[tuple[str, str]] = field(default_factory=list)  # (path, sha256) to extract
    refused: list[RefusedFile] = field(default_factory=list)  # refused before reading
    skipped: list[SkippedFile] = field(default_factory=list)  # excluded by pattern
    refused_before: set[str] = field(default_factory=set)  # pending contents refused by an earlier run
    notes: list[str] = field(default_factory=list)  # audit returns imported on the way


@dataclass
class BatchResult:
    ingested: list[str] = field(default_factory=list)  # sha256 of new documents
    unchanged: int = 0
    refused: list[RefusedFile] = field(default_factory=list)
    passages: int = 0
    renditions: int = 0  # new files that are another format of a document already held


@dataclass
class TagResult:
    documents: int = 0
    tags: int = 0


# ----------------------------------------------------------------------------- plan
def plan(sources: Sequence[str], settings: Settings, stages: Stages, ctx: RunContext | None = None) -> Plan:
    """Find the files, hash them, record unchanged copies; return what needs extracting."""
    store = stages.open_store(settings)
    try:
        found = discover(sources, settings.include, settings.exclude, settings.follow_links, int(settings.max_file_mb * 1_048_576))
        show = stages.display_path
        result = Plan(seen=len(found.files) + len(found.refused), skipped=[SkippedFile(show(s.path), s.reason) for s in found.skipped])
        for refused in found.refused:
            _refuse(store, result.refused, Path(refused.path), None, refused.reason, show)
        for path in found.files:
            try:
                sha = sha256_file(path)
            except OSError as exc:
                _refuse(store, result.refused, path, None, f"cannot read file: {exc.strerror or exc}", show)
                continue
            if store.known_sha(sha):
                store.record_source(str(path), sha)
                result.unchanged += 1
            else:
                result.pending.append((str(path), sha))
        _import_returns(result, settings, stages, store)
        # a file taken out of a scanned folder takes its document out of the pack
        store.retire_missing_sources([str(Path(s)) for s in sources if Path(s).is_dir()])
        result.refused_before = store.refused_shas([sha for _, sha in result.pending])
        return result
    finally:
        store.close()


def _import_returns(planned: Plan, settings: Settings, stages: Stages, store: Store) -> None:
    """Audit returns (CSV/XLSX) among the new files are imported as `audits import` does, not
    extracted as prose; their bytes are then recorded so an unchanged return is not read again."""
    for path, sha in list(planned.pending):
        outcome = stages.import_return(Path(path), sha, settings)
        if outcome is None:
            continue
        planned.pending.remove((path, sha))
        if outcome.refusal is not None:
            _refuse(store, planned.refused, Path(path), sha, outcome.refusal, stages.display_path)
            continue
        if outcome.document is not None:
            store.add_document(outcome.document)
        planned.notes.append(printable(outcome.line))


# ----------------------------------------------------------------------------- extract
def extract_batch(batch: Sequence[tuple[str, str]], settings: Settings, stages: Stages, ctx: RunContext | None = None,
                  meanwhile: Callable[[], object] | None = None) -> BatchResult:
    """Extract and store one batch of (path, sha256) pairs, in input order whatever the workers.
    `meanwhile` is work for this process while the workers read the first files (a run builds its
    tagger there); it runs only when there are workers to wait for."""
    store = stages.open_store(settings)
    result = BatchResult()
    # a daemonic process (a Dask worker) may not have children: its own limits isolate the work
    extract = stages.extract_in_process if mp.current_process().daemon else stages.extract
    if batch:
        stages.prepare_extraction()
    try:
        with _stage(ctx, "Reading files", len(batch)) as bar:
            for path, sha, outcome in _extract_all(batch, settings, extract, bar, meanwhile):
                if isinstance(outcome, Refused):
                    _refuse(store, result.refused, path, sha, outcome.reason, stages.display_path)
                    note = "refused"
                elif store.add_document(outcome):
                    result.ingested.append(sha)
                    result.passages += len(outcome.passages)
                    note = f"{len(outcome.passages)} passages"
                    if store.rendition_of(sha):
                        result.renditions += 1
                        note += ", another rendition of a document already held"
                else:
                    result.unchanged += 1
                    note = "already stored"
                bar.done(str(path), note)
    finally:
        store.close()
    return result


def _extract_all(batch: Sequence[tuple[str, str]], settings: Settings, extract, bar,  # type: ignore[no-untyped-def]
                 meanwhile: Callable[[], object] | None = None) -> Iterator[tuple[Path, str, ExtractedDocument | Refused]]:
    """In this process, or in a pool of `settings.workers` processes that stays only a few files
    ahead of the one being stored, so finished documents do not pile up in memory."""
    items = [(Path(p), sha) for p, sha in batch]
    if settings.workers <= 1 or len(items) <= 1:
        for path, sha in items:
            bar.start(str(path))
            yield path, sha, extract(path, settings, sha or None)
        return
    window = max(2, settings.workers * 3)
    with ProcessPoolExecutor(max_workers=settings.workers, initializer=ignore_interrupts) as pool:
        queue: deque = deque()
        pending = iter(items)
        for path, sha in pending:
            queue.append((path, sha, pool.submit(extract, path, settings, sha or None)))
            if len(queue) >= window:
                break
        if meanwhile is not None:
            try:
                meanwhile()
            except Exception:  # noqa: BLE001 - not this stage's failure: the stage that needs it tries again and reports it
                pass
        while queue:
            path, sha, future = queue.popleft()
            bar.start(str(path))
            try:
                outcome = future.result()
            except Exception as exc:  # a worker that died is a refusal, not a failed run
                outcome = Refused(f"extraction failed: {type(exc).__name__}")
            following = next(pending, None)
            if following is not None:
                queue.append((following[0], following[1], pool.submit(extract, following[0], settings, following[1] or None)))
            yield path, sha, outcome


def _refuse(store: Store, refused: list[RefusedFile], path: Path, sha: str | None, reason: str, show) -> None:  # type: ignore[no-untyped-def]
    """Record a refusal: the store keeps the real path (so a lead can find the file); the report,
    which is printed and written into the pack, gets the path and reason as they may be shown."""
    hold_if_stopping()  # a worker killed by Ctrl-C is not the file's failure
    reason = " ".join(reason.split())  # one line, always
    store.record_refusal(str(path), sha, reason)
    for raw in (str(path), path.name):  # a parser's message may quote the file's own name
        reason = reason.replace(raw, show(raw))
    refused.append(RefusedFile(show(str(path)), printable(reason)))


# ----------------------------------------------------------------------------- tag
def tag_batch(settings: Settings, stages: Stages, only: Sequence[str] | None = None, retag: bool = False, ctx: RunContext | None = None) -> TagResult:
    """Tag every current document (or those of `only`) not yet tagged by this tagger version.

    With settings.workers > 1 documents are tagged in worker processes (each builds its spaCy
    pipeline once); the store is written from this process only, one document per transaction."""
    framework_id = stages.framework_id(settings)
    version = stages.tagger_version(settings)
    store = stages.open_store(settings)
    result = TagResult()
    try:
        todo = store.untagged_documents(framework_id, "" if retag else version)
        if only is not None:
            wanted = set(only)
            todo = [sha for sha in todo if sha in wanted]
        with _stage(ctx, "Tagging", len(todo)) as bar:
            for sha, passages, tagged in _tag_all(todo, store, settings, stages, framework_id, bar):
                store.replace_tagging(sha, framework_id, version, [p.id for p in passages], tagged.tags, tagged.labels)
                result.documents += 1
                result.tags += len(tagged.tags)
                bar.done(_document_name(passages, sha), f"{len(tagged.tags)} tags")
    finally:
        store.close()
    return result


_TAGGERS: dict = {}


def _tagger(settings: Settings, make_tagger, framework_id: str):  # type: ignore[no-untyped-def]
    """One tagger per framework and model per process (building the spaCy pipeline takes a second)."""
    key = (framework_id, settings.frameworks_dir, settings.spacy_model)
    if key not in _TAGGERS:
        _TAGGERS[key] = make_tagger(settings, framework_id)
    return _TAGGERS[key]


def _tag_passages(settings: Settings, make_tagger, framework_id: str, passages: Sequence[Passage]) -> Tagged:  # type: ignore[no-untyped-def]
    """Runs in worker processes too, so it is given the picklable tagger factory, not all stages."""
    return _tagger(settings, make_tagger, framework_id).tag(passages)


def _tag_all(todo: Sequence[str], store: Store, settings: Settings, stages: Stages, framework_id: str, bar) -> Iterator:  # type: ignore[no-untyped-def]
    if settings.workers <= 1 or len(todo) <= 1:
        for sha in todo:
            passages = store.passages([sha])
            bar.start(_document_name(passages, sha))
            yield sha, passages, _tag_passages(settings, stages.make_tagger, framework_id, passages)
        return
    window = max(2, settings.workers * 3)
    # built here, once, before the workers fork (if ingest has not built it already): they inherit
    # it (33 MB) instead of each building its own, and a later run in this process finds it built
    _tagger(settings, stages.make_tagger, framework_id)
    with ProcessPoolExecutor(max_workers=settings.workers, mp_context=mp.get_context("fork"), initializer=ignore_interrupts) as pool:
        queue: deque = deque()
        pending = iter(todo)

        def submit(sha: str) -> None:
            passages = store.passages([sha])
            queue.append((sha, passages, pool.submit(_tag_passages, settings, stages.make_tagger, framework_id, passages)))

        for sha in pending:
            submit(sha)
            if len(queue) >= window:
                break
        while queue:
            sha, passages, future = queue.popleft()
            bar.start(_document_name(passages, sha))
            tagged = future.result()
            following = next(pending, None)
            if following is not None:
                submit(following)
            yield sha, passages, tagged


def _document_name(passages: Sequence[Passage], sha: str) -> str:
    return (passages[0].source_path if passages and passages[0].source_path else sha[:12])


# ----------------------------------------------------------------------------- facts
def facts_batch(settings: Settings, stages: Stages) -> int:
    """Read the facts (judgements, recommendations, figures, ...) of documents not yet read."""
    store = stages.open_store(settings)
    try:
        return stages.extract_facts(store)
    finally:
        store.close()


# ----------------------------------------------------------------------------- pack
def pack_if_changed(out: Path, settings: Settings, stages: Stages, report: RunReport, curation: Path | None = None) -> bool:
    """Build the pack unless the one in `out` was built from exactly what the store, settings,
    curation and code hold now, today. Returns True when a pack was built."""
    framework_id = stages.framework_id(settings)
    curation = stages.curation_in_use(out, curation)
    store = stages.open_store(settings)
    try:
        stamp = fingerprint.of_pack(settings, store.pack_inputs(framework_id), stages.versions(), curation)
    finally:
        store.close()
    if fingerprint.pack_is_current(out, stamp):
        report.notes.append("nothing changed since the last pack: pack kept as it was")
        return False
    built = stages.build_pack(out, settings, report, curation)
    fingerprint.mark_packed(built, stamp)
    return True


def pack_stage(out: Path, settings: Settings, stages: Stages, report: RunReport, timer: StageTimer, curation: Path | None = None) -> bool:
    """Pack if changed, then the run's final report: into the pack and into the store."""
    with timer("pack"):
        report.stage_seconds = dict(timer.seconds)
        built = pack_if_changed(out, settings, stages, report, curation)
    report.stage_seconds = dict(timer.seconds)
    report.pack_dir = str(out)
    stages.record_report(out, report)
    store = stages.open_store(settings)
    try:
        store.record_run(report)
    finally:
        store.close()
    return built


# ----------------------------------------------------------------------------- the whole job
def absorb_plan(report: RunReport, planned: Plan) -> None:
    report.seen += planned.seen
    report.unchanged += planned.unchanged
    report.refused.extend(planned.refused)
    report.skipped.extend(planned.skipped)
    report.notes.extend(planned.notes)


def absorb_batch(report: RunReport, batch: BatchResult) -> None:
    report.ingested += len(batch.ingested)
    report.unchanged += batch.unchanged
    report.refused.extend(batch.refused)
    report.passages += batch.passages
    report.renditions += batch.renditions


def prepare_tagging(settings: Settings, stages: Stages) -> None:
    """Build this process's tagger now (the tagging stage's workers inherit it)."""
    _tagger(settings, stages.make_tagger, stages.framework_id(settings))


def ingest(ctx: RunContext, sources: Sequence[str], then_tag: bool = False) -> None:
    """Plan and extract everything new, in this process; with `then_tag`, the tagger is built
    while the workers read the first files."""
    with ctx.timer("discover and hash"):
        planned = plan(sources, ctx.settings, ctx.stages, ctx)
    absorb_plan(ctx.report, planned)
    meanwhile = (lambda: prepare_tagging(ctx.settings, ctx.stages)) if then_tag else None
    with ctx.timer("ingest"):
        absorb_batch(ctx.report, extract_batch(planned.pending, ctx.settings, ctx.stages, ctx, meanwhile))


def tag(ctx: RunContext, retag: bool = False) -> TagResult:
    with ctx.timer("tag"):
        result = tag_batch(ctx.settings, ctx.stages, retag=retag, ctx=ctx)
    ctx.report.tags += result.tags
    return result


def facts(ctx: RunContext) -> int:
    with ctx.timer("facts"):
        return facts_batch(ctx.settings, ctx.stages)


def pack(ctx: RunContext, out: Path, curation: Path | None = None) -> bool:
    return pack_stage(out, ctx.settings, ctx.stages, ctx.report, ctx.timer, curation)


def run(ctx: RunContext, sources: Sequence[str], out: Path, curation: Path | None = None) -> RunReport:
    """The main job in this process: ingest, tag, facts, then pack if anything changed."""
    ingest(ctx, sources, then_tag=True)
    tag(ctx)
    facts(ctx)
    pack(ctx, out, curation)
    return ctx.report


def _stage(ctx: RunContext | None, title: str, total: int):  # type: ignore[no-untyped-def]
    from core.progress import QuietProgress

    return (ctx.progress if ctx is not None else QuietProgress()).stage(title, total)
