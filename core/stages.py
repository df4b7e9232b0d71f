"""The stage protocol: what the main job needs from each stage, without knowing which code does it.

Core sits below every stage, so the main job (`core.job`) cannot import extractors, tagging or
packs. It is handed a `Stages` bundle instead; `flows.stages.default_stages()` assembles the real
one for the command line and the Prefect flow alike, and tests can assemble their own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from core.model import ExtractedDocument, Passage, Refused, RunReport
from core.settings import Settings


class Store(Protocol):
    """What the main job asks of the evidence store (evidence_store.EvidenceStore provides it)."""

    def known_sha(self, sha256: str) -> bool: ...
    def record_source(self, path: str, sha256: str) -> bool: ...
    def retire_missing_sources(self, folders: Sequence[str]) -> int: ...
    def add_document(self, doc: ExtractedDocument) -> bool: ...
    def rendition_of(self, sha256: str) -> str | None: ...
    def record_refusal(self, path: str, sha256: str | None, reason: str) -> None: ...
    def refused_shas(self, shas: Sequence[str]) -> set[str]: ...
    def untagged_documents(self, framework: str, tagger_version: str) -> list[str]: ...
    def passages(self, document_shas: Sequence[str] | None = None) -> list[Passage]: ...
    def replace_tagging(self, document_sha: str, framework: str, tagger_version: str, passage_ids: Sequence[int],
                        tags: Sequence[Any], labels: Sequence[Any]) -> None: ...
    def pack_inputs(self, framework: str) -> dict[str, list]: ...
    def record_run(self, report: RunReport) -> None: ...
    def close(self) -> None: ...


class Extract(Protocol):
    def __call__(self, path: Path, settings: Settings, sha256: str | None = None) -> ExtractedDocument | Refused: ...


class Tagged(Protocol):
    tags: Sequence[Any]
    labels: Sequence[Any]


class Tagger(Protocol):
    def tag(self, passages: Sequence[Passage]) -> Tagged: ...


class BuildPack(Protocol):
    def __call__(self, out: Path, settings: Settings, report: RunReport, curation: Path | None) -> Path:
        """Write the pack to `out` (atomically) and return where it is."""


@dataclass(frozen=True)
class ReturnsOutcome:
    """An audit return found among the sources: imported (`document` records its bytes as read, so
    it is not read again) or refused (`refusal`); `line` says what happened, for the run report."""

    line: str
    document: ExtractedDocument | None = None
    refusal: str | None = None


@dataclass(frozen=True)
class Stages:
    open_store: Callable[[Settings], Store]
    extract: Extract  # isolated: a bounded child process per file
    extract_in_process: Extract  # where a process may not have children (a daemonic Dask worker)
    make_tagger: Callable[[Settings, str], Tagger]  # (settings, framework id) -> tagger
    framework_id: Callable[[Settings], str]  # the framework's id as its file names it
    tagger_version: Callable[[Settings], str]  # changes with the tagger's code and the framework version in force
    import_return: Callable[[Path, str, Settings], ReturnsOutcome | None]  # (path, sha256): None = not an audit return
    extract_facts: Callable[[Store], int]  # facts of documents not yet read by this facts version; returns how many
    build_pack: BuildPack
    record_report: Callable[[Path, RunReport], None]  # the run's final report into the pack it wrote or kept
    versions: Callable[[], dict[str, str]]  # extractor, tagger and pack-code versions: cache keys
    display_path: Callable[[str], str] = str  # how a path is shown in reports and on screen
    # (pack folder, curation file asked for) -> the curation file a build will read; looked up on
    # every run, so a pack.yaml written while `serve` is running counts as a change
    curation_in_use: Callable[[Path, Path | None], Path | None] = lambda out, given: given
    # loads the parsers in the process that forks the extraction workers, so they inherit them
    prepare_extraction: Callable[[], None] = lambda: None
