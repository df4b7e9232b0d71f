"""Is a pack what its manifest says? Each problem with a fix a readiness lead can act on."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path


# Files readiness writes into a pack that the manifest cannot list: the manifest itself, the
# re-pack fingerprint (core.fingerprint.STATE_FILE) and the temporary files of an atomic rewrite.
OWN_UNLISTED = frozenset({"manifest.json", ".readiness-pack-state.json", ".manifest.json.tmp", ".run-report.json.tmp"})


@dataclass(frozen=True)
class Problem:
    where: str
    problem: str
    fix: str


def check_pack(pack_dir: Path) -> list[Problem]:
    manifest_path = pack_dir / "manifest.json"
    if not manifest_path.exists():
        return [Problem(str(pack_dir), "no manifest.json: not a pack, or a pack that was never finished", "run `readiness run` or `readiness pack` again")]
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [Problem(str(manifest_path), f"unreadable manifest ({exc})", "rebuild the pack with `readiness pack`")]
    problems: list[Problem] = []
    for relative, expected in manifest_files(manifest).items():
        path = (pack_dir / relative).resolve()
        if pack_dir.resolve() not in path.parents:
            problems.append(Problem(relative, "manifest names a file outside the pack", "rebuild the pack; do not hand-edit manifest.json"))
            continue
        if not path.exists():
            problems.append(Problem(relative, "listed in the manifest but missing", "rebuild the pack with `readiness pack`"))
        elif hashlib.sha256(path.read_bytes()).hexdigest() != expected:
            problems.append(Problem(relative, "changed since the pack was written", "if the change was deliberate, record it in pack.yaml (signposts) and rebuild; otherwise rebuild"))
    listed = set(manifest_files(manifest))
    for path in sorted(pack_dir.rglob("*")):
        relative = path.relative_to(pack_dir).as_posix()
        if (path.is_file() or path.is_symlink()) and relative not in listed and relative not in OWN_UNLISTED:
            problems.append(Problem(relative, "not written by readiness (not in the manifest)",
                                    f"keep your own files outside the pack: the next build moves it to {pack_dir.name}.orphans/"))
    return problems


def manifest_files(manifest: dict) -> dict[str, str]:
    """The pack's own files and their sha256, as the manifest records them."""
    files = manifest.get("files") or manifest.get("outputs") or {}
    if isinstance(files, list):
        return {f["path"]: f["sha256"] for f in files if "path" in f and "sha256" in f}
    return {k: (v["sha256"] if isinstance(v, dict) else v) for k, v in files.items()}
