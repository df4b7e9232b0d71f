"""The run report inside a pack: written last, when the run's own timings are known.

The pack is written (and swapped in) before the run has finished timing itself, so the provisional
`run-report.json` is replaced afterwards; the manifest records every file's hash, so its entry is
updated too. Both writes are atomic renames: a reader never sees half a file.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from core.model import RunReport
from packs.model import PackCounts

PACK_NOTE = "pack: "
CURATION_NOTE = "pack.yaml: "


def pack_notes(manifest: dict) -> list[str]:
    """The run report's lines about the pack, in the words the index and changes.md use: what it
    holds, then each pack.yaml entry that matches nothing."""
    problems = (manifest.get("curation") or {}).get("problems") or []
    return [PACK_NOTE + PackCounts.from_manifest(manifest).sentence(left_out=True), *(CURATION_NOTE + p for p in problems)]


def record_run_report(pack_dir: Path, report: RunReport) -> None:
    """Write the run's final report into the pack (built or kept) and add the pack's counts to the
    report's notes, so the console, the store's run record and run-report.json all show them."""
    pack_dir = Path(pack_dir)
    if not pack_dir.is_dir():
        return
    manifest_path = pack_dir / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = None
    if isinstance(manifest, dict):
        report.notes[:] = [n for n in report.notes if not n.startswith((PACK_NOTE, CURATION_NOTE))] + pack_notes(manifest)
    body = json.dumps(report.to_dict(), indent=2).encode("utf-8")
    _atomic_write(pack_dir / "run-report.json", body)
    if not isinstance(manifest, dict):
        return
    files = manifest.get("files")
    if isinstance(files, dict):  # listed whether or not the pack was built with a provisional report
        entry = files.get("run-report.json")
        digest = hashlib.sha256(body).hexdigest()
        files["run-report.json"] = {**entry, "sha256": digest, "bytes": len(body)} if isinstance(entry, dict) else digest
        _atomic_write(manifest_path, json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8"))


def _atomic_write(path: Path, body: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(body)
    os.replace(temporary, path)
