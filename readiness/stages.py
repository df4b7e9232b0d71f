"""The main job as one function: ingest, tag, then pack (with narratives), with a run report."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

from rich.progress import Progress

from evidence_store import EvidenceStore
from core.model import RunReport
from readiness import pipeline
from core.settings import Settings


def ingest_stage(sources: Sequence[str], settings: Settings, report: RunReport, timer: pipeline.StageTimer, progress: Progress | None) -> None:
    store = EvidenceStore(settings.store)
    with timer("discover"):
        paths = pipeline.discover(sources)
    with timer("ingest"):
        result = pipeline.ingest(paths, store, settings, progress)
    report.seen += result.seen
    report.ingested += len(result.ingested)
    report.unchanged += result.unchanged
    report.refused.extend(redact_refusals(result.refused, settings))
    report.passages += result.passages
    store.close()


def redact_refusals(refused: list, settings: Settings) -> list:
    """File names and reasons go on screen and into the pack: they get the same redaction.

    (The store keeps the real paths, so a lead can find the file.)
    """
    if not settings.redact or not refused:
        return refused
    from core.model import RefusedFile
    from redaction import default_redactor

    redactor = default_redactor(settings.spacy_model)
    return [RefusedFile(redactor.redact_path(r.path), redactor.redact(r.reason)) for r in refused]


def tag_stage(settings: Settings, report: RunReport, timer: pipeline.StageTimer, progress: Progress | None) -> None:
    store = EvidenceStore(settings.store)
    with timer("tag"):
        result = pipeline.tag(store, settings, progress=progress)
    report.tags += result.tags
    store.close()


def pack_stage(out: Path, settings: Settings, report: RunReport, timer: pipeline.StageTimer, curation: Path | None = None) -> Path:
    from packs import build_pack
    from readiness.context import open_evidence

    with timer("load evidence"):
        store, _, evidence = open_evidence(settings)
    with timer("pack"):
        report.stage_seconds = dict(timer.seconds)
        report.pack_dir = str(out)
        result = build_pack(evidence, out, settings, run_report=report.to_dict(), curation_file=curation)
    report.stage_seconds = dict(timer.seconds)
    report.pack_dir = str(result.path)
    _finalise_run_report(Path(result.path), report.to_dict())
    store.record_run(report)
    store.close()
    return Path(result.path)


def _finalise_run_report(pack_dir: Path, report: dict) -> None:
    """Replace the provisional run report (written before the pack's own time was known).

    The manifest records every file's hash, so it is updated too; both writes are atomic renames.
    """
    body = json.dumps(report, indent=2).encode("utf-8")
    _atomic_write(pack_dir / "run-report.json", body)
    manifest_path = pack_dir / "manifest.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        files = manifest.get("files")
        if isinstance(files, dict) and "run-report.json" in files:
            entry = files["run-report.json"]
            digest = hashlib.sha256(body).hexdigest()
            files["run-report.json"] = {**entry, "sha256": digest, "bytes": len(body)} if isinstance(entry, dict) else digest
            _atomic_write(manifest_path, json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8"))


def _atomic_write(path: Path, body: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(body)
    os.replace(temporary, path)


def new_report(sources: Sequence[str], settings: Settings) -> RunReport:
    return RunReport(started_at=datetime.now(timezone.utc).replace(tzinfo=None), sources=[str(s) for s in sources], framework=settings.framework)


def run_local(sources: Sequence[str], out: Path, settings: Settings, curation: Path | None = None, progress: Progress | None = None) -> dict:
    """The main job without Prefect: the same stages in this process (quick, for one-off runs)."""
    report = new_report(sources, settings)
    timer = pipeline.StageTimer()
    ingest_stage(sources, settings, report, timer, progress)
    tag_stage(settings, report, timer, progress)
    pack_stage(out, settings, report, timer, curation)
    return report.to_dict()
