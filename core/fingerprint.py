"""Skip re-packing when nothing a pack depends on has changed.

Building a pack reads, redacts and renders every current passage, so on a re-run it would cost as
much as on a cold run. A re-run where no document was added, changed or re-tagged (the common case
for a daily or weekly schedule) does not need a new pack: the fingerprint below covers everything
the pack is made from, and when it matches the one written beside the last pack, the pack is kept.

The fingerprint covers: the store (URL without password), the current documents with their source
paths, which tagger version tagged each, the settings other than `store`/`workers`, the curation
file's bytes, the versions of the code that builds packs (given by the stages), a council's own
templates, and today's date (staleness and "as at" dates are relative to today, so a new day
always re-packs).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

from core.settings import Settings

STATE_FILE = ".readiness-pack-state.json"


def store_identity(store: str) -> str:
    """The store URL without any password (so a key that is shown or logged leaks nothing)."""
    from sqlalchemy.engine import make_url

    if "://" not in store:
        return f"sqlite:///{Path(store).expanduser().resolve()}"
    try:
        return make_url(store).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparseable URL: its text without what follows '@'
        return store.split("@")[-1]


def folder_stamp(folder: str | Path | None, suffixes: tuple[str, ...] = (".py", ".j2", ".yaml", ".css", ".html", ".md", ".txt", ".json")) -> list:
    """(path, size, mtime) of every file of interest under a folder: cheap and changes on any edit."""
    if not folder or not Path(folder).is_dir():
        return []
    root = Path(folder)
    stamp = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in suffixes:
            info = path.stat()
            stamp.append((path.relative_to(root).as_posix(), info.st_size, info.st_mtime_ns))
    return stamp


def of_pack(settings: Settings, inputs: dict, versions: dict[str, str], curation: str | Path | None = None, today: date | None = None) -> str:
    values = {k: v for k, v in settings.values().items() if k not in {"store", "workers"}}
    curation_hash = hashlib.sha256(Path(curation).read_bytes()).hexdigest() if curation and Path(curation).exists() else None
    payload = {
        "store": store_identity(settings.store),
        "inputs": inputs,
        "settings": values,
        "curation": curation_hash,
        "versions": versions,
        "council templates": folder_stamp(settings.templates_dir),
        "council frameworks": folder_stamp(settings.frameworks_dir),
        "today": (today or date.today()).isoformat(),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def pack_is_current(out: str | Path, stamp: str) -> bool:
    """True when `out` holds a pack built from exactly this fingerprint."""
    state = Path(out) / STATE_FILE
    if not state.exists():
        return False
    try:
        return json.loads(state.read_text(encoding="utf-8")).get("fingerprint") == stamp
    except (ValueError, OSError):
        return False


def mark_packed(out: str | Path, stamp: str) -> None:
    folder = Path(out)
    if folder.is_dir():
        (folder / STATE_FILE).write_text(json.dumps({"fingerprint": stamp}), encoding="utf-8")
