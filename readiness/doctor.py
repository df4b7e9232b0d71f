"""`readiness doctor`: is the store consistent, and is the pack what its manifest says?

Each problem comes with a suggested fix a readiness lead can act on.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from sqlalchemy import func, select, text

from evidence_store import EvidenceStore, schema


@dataclass
class Problem:
    where: str
    problem: str
    fix: str


def check_store(store: EvidenceStore) -> list[Problem]:
    problems: list[Problem] = []
    with store.engine.connect() as conn:
        if store.engine.dialect.name == "sqlite":
            result = conn.execute(text("PRAGMA integrity_check")).scalar_one()
            if result != "ok":
                problems.append(Problem("store", f"SQLite integrity check failed: {result}", "restore the store from a backup, or delete it and run again (documents are re-read from the sources)"))
        d, p = schema.documents, schema.passages
        counted = conn.execute(
            select(d.c.sha256, d.c.passage_count, func.count(p.c.id))
            .select_from(d.outerjoin(p, p.c.document_sha == d.c.sha256))
            .group_by(d.c.sha256, d.c.passage_count)
        ).all()
        for sha, expected, found in counted:
            if expected != found:
                problems.append(Problem(f"document {sha[:12]}", f"{found} passages stored, {expected} expected (half-written)", "run `readiness ingest` again after deleting this document's rows, or rebuild the store"))
        # Rows whose reference points at nothing: (rows, their column, the column it must name, ...)
        s, t = schema.sources, schema.tags
        for rows, column, target, where, what, fix in (
            (p, p.c.document_sha, d.c.sha256, "passages", "passages belong to no document", "rebuild the store (`readiness run` into a new --store)"),
            (s, s.c.sha256, d.c.sha256, "sources", "sources point at missing documents", "run `readiness ingest` on the sources again"),
            (t, t.c.passage_id, p.c.id, "tags", "tags point at missing passages", "run `readiness tag --retag`"),
        ):
            dangling = conn.execute(select(func.count()).select_from(rows).where(~column.in_(select(target)))).scalar_one()
            if dangling:
                problems.append(Problem(where, f"{dangling} {what}", fix))
        duplicates = conn.execute(
            select(p.c.document_sha, p.c.ordinal, func.count()).group_by(p.c.document_sha, p.c.ordinal).having(func.count() > 1)
        ).all()
        if duplicates:
            problems.append(Problem("passages", f"{len(duplicates)} duplicated passages", "rebuild the store"))
    return problems


def check_pack(pack_dir: Path) -> list[Problem]:
    manifest_path = pack_dir / "manifest.json"
    if not manifest_path.exists():
        return [Problem(str(pack_dir), "no manifest.json: not a pack, or a pack that was never finished", "run `readiness run` or `readiness pack` again")]
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
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
    return problems


def manifest_files(manifest: dict) -> dict[str, str]:
    """The pack's own files and their sha256, as the manifest records them."""
    files = manifest.get("files") or manifest.get("outputs") or {}
    if isinstance(files, list):
        return {f["path"]: f["sha256"] for f in files if "path" in f and "sha256" in f}
    return {k: (v["sha256"] if isinstance(v, dict) else v) for k, v in files.items()}


def register(app: typer.Typer) -> None:
    @app.command()
    def doctor(
        store: Annotated[Optional[str], typer.Option("--store", help="SQLite file path or database URL.")] = None,
        pack: Annotated[Optional[Path], typer.Option("--pack", help="A pack folder to check against its manifest.")] = None,
        config: Annotated[Optional[str], typer.Option("--config", help="Settings file.")] = None,
    ) -> None:
        """Check the store's integrity and a pack against its manifest; suggest fixes."""
        from readiness.context import load_settings

        console = Console()
        settings = load_settings(store, None, config)
        evidence_store = EvidenceStore(settings.store)
        problems = check_store(evidence_store)
        evidence_store.close()
        if pack is not None:
            problems += check_pack(pack)
        if not problems:
            console.print("[green]No problems found[/] in the store" + (f" or the pack {pack}" if pack else "") + ".")
            return
        for item in problems:
            console.print(f"[red]{item.where}[/]: {item.problem}\n  fix: {item.fix}")
        raise typer.Exit(1)
