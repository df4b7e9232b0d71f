"""The stages as plain functions: discover, ingest, tag, narrate, pack.

Flows and commands call these; nothing here knows about Prefect, so every stage can be tested
and run on its own.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from evidence_store import EvidenceStore
from core.model import RefusedFile, Refused, sha256_file
from core.settings import Settings


def make_progress(quiet: bool = False) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        disable=quiet or not os.isatty(2),
        transient=True,
    )


def discover(sources: Sequence[str | Path]) -> list[Path]:
    """Every file under the sources (files or folders), hidden ones skipped, in a stable order."""
    found: list[Path] = []
    for source in sources:
        path = Path(source)
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(Path(root) / f for f in sorted(files) if not f.startswith("."))
        else:
            raise FileNotFoundError(f"source not found: {source}")
    return found


@dataclass
class IngestResult:
    seen: int = 0
    ingested: list[str] = field(default_factory=list)  # sha256 of new documents
    unchanged: int = 0
    refused: list[RefusedFile] = field(default_factory=list)
    passages: int = 0


def ingest(
    paths: Iterable[Path],
    store: EvidenceStore,
    settings: Settings,
    progress: Progress | None = None,
) -> IngestResult:
    """Extract and store every file whose bytes are new; record refusals and copies."""
    extract_safely = _extractor()
    paths = list(paths)
    result = IngestResult(seen=len(paths))
    task = progress.add_task("Ingesting", total=len(paths)) if progress else None
    pending: list[tuple[Path, str]] = []
    for path in paths:
        try:
            sha = sha256_file(path)
        except OSError as exc:
            _refuse(store, result, path, None, f"cannot read file: {exc.strerror or exc}")
            _advance(progress, task)
            continue
        if store.known_sha(sha):
            store.record_source(str(path), sha)
            result.unchanged += 1
            _advance(progress, task)
        else:
            pending.append((path, sha))

    for path, sha, outcome in _extract_all(pending, settings, extract_safely):
        if isinstance(outcome, Refused):
            _refuse(store, result, path, sha, outcome.reason)
        else:
            if store.add_document(outcome):
                result.ingested.append(sha)
                result.passages += len(outcome.passages)
            else:
                result.unchanged += 1
        _advance(progress, task)
    return result


def _extractor():  # type: ignore[no-untyped-def]
    """Isolated extraction (a forked child per file), or in-process extraction where a process may
    not have children (a daemonic process such as a Dask worker: the worker's own memory limit and
    the nanny are the isolation there)."""
    import multiprocessing as mp

    from core.isolation import extract_in_process, extract_safely

    return extract_in_process if mp.current_process().daemon else extract_safely


def _extract_all(pending, settings, extract_safely) -> Iterator:  # type: ignore[no-untyped-def]
    """Extract in this process, or in a pool of worker processes when settings.workers > 1.

    The pool gets at most a few files per worker ahead of the one being stored, so finished
    documents do not pile up in memory while a slow one is still being read; results come back in
    input order (the store sees the same order whatever the number of workers).
    """
    if settings.workers <= 1 or len(pending) <= 1:
        for path, sha in pending:
            yield path, sha, extract_safely(path, settings, sha)
        return
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    window = max(2, settings.workers * 3)
    with ProcessPoolExecutor(max_workers=settings.workers) as pool:
        queue: deque = deque()
        items = iter(pending)
        for path, sha in items:
            queue.append((path, sha, pool.submit(extract_safely, path, settings, sha)))
            if len(queue) >= window:
                break
        while queue:
            path, sha, future = queue.popleft()
            try:
                outcome = future.result()
            except Exception as exc:  # a worker that died is a refusal, not a failed run
                outcome = Refused(f"extraction failed: {type(exc).__name__}")
            nxt = next(items, None)
            if nxt is not None:
                queue.append((nxt[0], nxt[1], pool.submit(extract_safely, nxt[0], settings, nxt[1])))
            yield path, sha, outcome


def _refuse(store: EvidenceStore, result: IngestResult, path: Path, sha: str | None, reason: str) -> None:
    reason = " ".join(reason.split())  # one line, always
    store.record_refusal(str(path), sha, reason)
    result.refused.append(RefusedFile(str(path), reason))


def _advance(progress: Progress | None, task) -> None:  # type: ignore[no-untyped-def]
    if progress is not None and task is not None:
        progress.advance(task)


@dataclass
class TagResult:
    documents: int = 0
    tags: int = 0


def tag(
    store: EvidenceStore,
    settings: Settings,
    framework_id: str | None = None,
    progress: Progress | None = None,
    retag: bool = False,
    only: Sequence[str] | None = None,
) -> TagResult:
    """Tag every current document not yet tagged by this tagger version under the framework.

    `only` limits the run to those sha256s (a batch). With settings.workers > 1 the documents are
    tagged in a pool of worker processes (each builds the spaCy pipeline once); the store is written
    from this process only, one document per transaction, in a stable order.
    """
    from frameworks import load_framework
    from tagging import TAGGER_VERSION

    framework = load_framework(framework_id or settings.framework, settings.frameworks_dir)
    todo = store.untagged_documents(framework.id, "" if retag else TAGGER_VERSION)
    if only is not None:
        wanted = set(only)
        todo = [sha for sha in todo if sha in wanted]
    result = TagResult()
    if not todo:
        return result
    task = progress.add_task("Tagging", total=len(todo)) if progress else None
    for sha, passages, tagged in _tag_all(todo, store, framework.id, settings):
        store.replace_tagging(
            sha,
            framework.id,
            TAGGER_VERSION,
            [p.id for p in passages],
            tagged.tags,
            tagged.labels,
            tagged.judgements,
            tagged.actions,
        )
        result.documents += 1
        result.tags += len(tagged.tags)
        _advance(progress, task)
    return result


_TAGGERS: dict = {}


def _tagger(framework_id: str, settings: Settings):  # type: ignore[no-untyped-def]
    """One Tagger per framework and model per process (building the spaCy pipeline takes seconds)."""
    from frameworks import load_framework
    from tagging import Tagger

    key = (framework_id, settings.frameworks_dir, settings.spacy_model)
    if key not in _TAGGERS:
        _TAGGERS[key] = Tagger(load_framework(framework_id, settings.frameworks_dir), settings)
    return _TAGGERS[key]


def _tag_passages(framework_id: str, settings: Settings, passages):  # type: ignore[no-untyped-def]
    return _tagger(framework_id, settings).tag(passages)


def _tag_all(todo: Sequence[str], store: EvidenceStore, framework_id: str, settings: Settings) -> Iterator:
    """(sha, passages, tagging) per document, in `todo` order; in worker processes when asked."""
    if settings.workers <= 1 or len(todo) <= 1:
        for sha in todo:
            passages = store.passages([sha])
            yield sha, passages, _tag_passages(framework_id, settings, passages)
        return
    import multiprocessing as mp
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    window = max(2, settings.workers * 3)
    with ProcessPoolExecutor(max_workers=settings.workers, mp_context=mp.get_context("fork")) as pool:
        queue: deque = deque()
        items = iter(todo)

        def submit(sha: str) -> None:
            passages = store.passages([sha])
            queue.append((sha, passages, pool.submit(_tag_passages, framework_id, settings, passages)))

        for sha in items:
            submit(sha)
            if len(queue) >= window:
                break
        while queue:
            sha, passages, future = queue.popleft()
            tagged = future.result()
            nxt = next(items, None)
            if nxt is not None:
                submit(nxt)
            yield sha, passages, tagged


class StageTimer:
    """Collects seconds per stage for the run report."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def __call__(self, name: str) -> "_Timing":
        return _Timing(self, name)


class _Timing:
    def __init__(self, timer: StageTimer, name: str) -> None:
        self.timer, self.name = timer, name

    def __enter__(self) -> None:
        self.start = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.timer.seconds[self.name] = self.timer.seconds.get(self.name, 0.0) + time.perf_counter() - self.start
