"""Skip re-packing when nothing a pack depends on has changed.

Building a pack reads, redacts and renders every current passage, so it costs about as much on a
re-run as on a cold run. A re-run where no document was added, changed or re-tagged (the common
case for a daily or weekly schedule) does not need a new pack: the fingerprint below covers
everything the pack is made from, and when it matches the one written next to the last pack, the
pack stage is skipped.

The fingerprint: the store (URL without password), the current documents with their source paths,
the tagging runs (document, framework, tagger version) for the framework, the settings other than
`store`/`workers`, the curation file's bytes, the code and templates that render a pack (file sizes
and modification times under packs/, narratives/, templates/ and a council's templates_dir), and
today's date (staleness and "as at" dates are relative to today, so a new day always re-packs).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from datetime import date
from pathlib import Path

STATE_FILE = ".readiness-pack-state.json"
_REPO = Path(__file__).resolve().parent.parent
_CODE_DIRS = ("packs", "narratives", "templates", "frameworks")


def _code_stamp(extra_dir: str | None) -> list:
    stamp = []
    dirs = [_REPO / d for d in _CODE_DIRS] + ([Path(extra_dir)] if extra_dir else [])
    for folder in dirs:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in {".py", ".j2", ".yaml", ".css", ".html", ".md"}:
                st = path.stat()
                stamp.append((str(path.relative_to(folder.parent)), st.st_size, st.st_mtime_ns))
    return stamp


def fingerprint(settings, curation: str | Path | None = None, today: date | None = None) -> str:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from evidence_store import EvidenceStore, schema
    from flows.pipeline_flow import store_identity

    store = EvidenceStore(settings.store)
    try:
        documents = sorted((d["sha256"], d.get("source_path")) for d in store.current_documents())
        t = schema.tagging_runs
        with store.engine.connect() as conn:
            tagging = sorted(
                (r.document_sha, r.tagger_version)
                for r in conn.execute(select(t.c.document_sha, t.c.tagger_version).where(t.c.framework == settings.framework))
            )
    finally:
        store.close()
    values = {k: v for k, v in asdict(settings).items() if k not in {"store", "workers"}}
    curation_hash = hashlib.sha256(Path(curation).read_bytes()).hexdigest() if curation and Path(curation).exists() else None
    payload = {
        "store": store_identity(settings.store),
        "documents": documents,
        "tagging": tagging,
        "settings": values,
        "curation": curation_hash,
        "code": _code_stamp(settings.templates_dir),
        "today": (today or date.today()).isoformat(),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def pack_is_current(out: str | Path, print_: str) -> bool:
    """True when `out` holds a pack built from exactly this fingerprint."""
    state = Path(out) / STATE_FILE
    if not state.exists():
        return False
    try:
        return json.loads(state.read_text()).get("fingerprint") == print_
    except (ValueError, OSError):
        return False


def mark_packed(out: str | Path, print_: str) -> None:
    folder = Path(out)
    if folder.is_dir():
        (folder / STATE_FILE).write_text(json.dumps({"fingerprint": print_}))
