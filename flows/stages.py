"""The real stages behind the main job (core.job), assembled once for the command line and the
Prefect flow alike: isolated extraction, the spaCy tagger, the redacted pack."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from core.fingerprint import folder_stamp
from core.model import RunReport
from core.settings import Settings
from core.stages import Stages

_PACKAGES = Path(__file__).resolve().parent.parent
# the code a pack is rendered by: a change here means a new pack even when the store is unchanged
_PACK_CODE = ("packs", "narratives", "audits", "redaction", "templates", "frameworks", "facts")


def default_stages(settings: Settings) -> Stages:
    from extractors import warm_up
    from extractors.safe import extract_in_process, extract_safely
    from packs.curation import curation_in_use
    from redaction.view import display_path

    return Stages(
        open_store=open_store,
        extract=extract_safely,
        extract_in_process=extract_in_process,
        make_tagger=make_tagger,
        framework_id=framework_id,
        tagger_version=tagger_version,
        import_return=import_return,
        extract_facts=extract_facts,
        build_pack=build_pack,
        record_report=record_report,
        versions=versions,
        display_path=display_path(settings),
        curation_in_use=curation_in_use,
        prepare_extraction=warm_up,
    )


def open_store(settings: Settings):  # type: ignore[no-untyped-def]
    from evidence_store import EvidenceStore

    return EvidenceStore(settings.store)


def make_tagger(settings: Settings, framework: str):  # type: ignore[no-untyped-def]
    from frameworks import load_framework
    from tagging import Tagger

    return Tagger(load_framework(framework, settings.frameworks_dir), settings)


def framework_id(settings: Settings) -> str:
    from frameworks import load_framework

    return load_framework(settings.framework, settings.frameworks_dir).id


def tagger_version(settings: Settings) -> str:
    """The tagger's version plus the framework file in force (all ILACS versions share the id
    "ilacs"; when a new criteria version comes into force, the store is re-tagged under it)."""
    from frameworks import load_framework
    from tagging import TAGGER_VERSION

    return f"{TAGGER_VERSION}+{load_framework(settings.framework, settings.frameworks_dir).key}"


def import_return(path: Path, sha256: str, settings: Settings):  # type: ignore[no-untyped-def]
    from audits.returns import import_return as read_and_save
    from core.model import Decided, DocumentKind, ExtractedDocument
    from core.stages import ReturnsOutcome

    found = read_and_save(path, settings)
    if found is None:
        return None
    if found.refused:
        return ReturnsOutcome(found.line(), refusal=f"audit returns refused: {found.refused}")
    document = ExtractedDocument(
        sha256=sha256, source_path=str(path), format=path.suffix.lower().lstrip("."), passages=[],
        title=Decided(path.stem, "file name"), kind=Decided(DocumentKind.DATA.value, "audit returns (imported as rows)"),
    )
    return ReturnsOutcome("audit returns " + found.line(), document=document)


def extract_facts(store) -> int:  # type: ignore[no-untyped-def]
    from facts.stage import extract_store_facts

    return extract_store_facts(store).documents


def build_pack(out: Path, settings: Settings, report: RunReport, curation: Path | None) -> Path:
    from packs import build_pack as write_pack
    from redaction.view import open_evidence

    store, _, evidence = open_evidence(settings)
    report.notes.append(f"Council: {evidence.authority or 'not known'} ({evidence.authority_how}); "
                        f"{len({i.passage.document_sha for i in evidence.comparators})} other councils' documents kept as comparators")
    try:
        report.pack_dir = str(out)
        result = write_pack(evidence, out, settings, run_report=report.to_dict(), curation_file=curation)
    finally:
        store.close()
    return Path(result.path)


def record_report(out: Path, report: RunReport) -> None:
    from packs.report import record_run_report

    record_run_report(out, report)


@lru_cache(maxsize=1)
def versions() -> dict[str, str]:
    from extractors import EXTRACTOR_VERSION
    from facts.extract import FACTS_VERSION
    from tagging import TAGGER_VERSION

    code = [folder_stamp(_PACKAGES / name) for name in _PACK_CODE]
    return {
        "extractor": str(EXTRACTOR_VERSION),
        "tagger": str(TAGGER_VERSION),
        "facts": str(FACTS_VERSION),
        "pack": hashlib.sha256(json.dumps(code).encode()).hexdigest()[:16],
    }
