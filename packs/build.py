"""Write a planned pack to disk, atomically.

The pack is built in a hidden sibling folder; only when every file is written is the old pack
renamed aside, the new one renamed into place and the old one deleted. A failed run leaves the
previous pack exactly as it was.
"""

from __future__ import annotations

import json
import os
import platform
import re
import secrets
import shutil
from dataclasses import asdict, fields
from datetime import date, datetime, timezone
from importlib import metadata
from pathlib import Path

from core.fingerprint import STATE_FILE
from core.model import sha256_file
from evidence_store.evidence import Evidence
from narratives import narrative_pool, write_narratives, write_sef
from packs.audit import AUDITS_FILE, CHART_FILE, GOOD_PRACTICE_FILE, PackAudit, audit_summary, plan_audit, render_audits_md, render_good_practice
from packs.curation import Curation, default_curation_path, load_curation
from packs.incremental import (
    DocumentDigests,
    PackCache,
    base_digest,
    code_stamp,
    load_cache,
    narrative_digest,
    reuse_files,
    save_cache,
    text_digest,
)
from packs.model import PackCounts, PackItem, PackPlan, PackResult, counted_gaps
from packs.plan import plan_pack
from packs.verify import OWN_UNLISTED, manifest_files
from templates.environment import TemplateProblem
from templates.text import plural, shorten
from packs.render import (
    Charts,
    clean,
    environment,
    render_actions_csv,
    render_changes,
    render_curation_example,
    render_docx,
    render_gaps,
    render_html,
)

PACK_FORMAT = 1
ORPHANS_SUFFIX = ".orphans"
NARRATIVE_FORMATS = ("md", "docx", "html")
CASE_SUMMARY = "case summary"
# Source formats we copy as they are; anything else (HTML, unknown) becomes a text extract.
COPY_EXTENSIONS = {"pdf": "pdf", "docx": "docx", "text": "txt", "markdown": "md", "xlsx": "xlsx", "csv": "csv"}
_SLUG = re.compile(r"[^a-z0-9]+")


class PackError(RuntimeError):
    pass


def slug(text: object, limit: int = 48, fallback: str = "item") -> str:
    """Lower-case ASCII letters, digits and single hyphens: nothing that can climb out of a folder."""
    value = _SLUG.sub("-", str(text or "").lower()).strip("-")
    if len(value) > limit:  # cut between words, like every other cut ("performance-repor" read badly)
        hyphen = value.rfind("-", 0, limit + 1)
        value = value[:hyphen] if hyphen > 0 else value[:limit]
    return value.strip("-") or fallback


def _inside(root: Path, *parts: str) -> Path:
    path = root.joinpath(*parts)
    resolved = path.resolve()
    if resolved != root.resolve() and root.resolve() not in resolved.parents:
        raise PackError(f"refusing to write outside the pack: {path}")
    return path


# ----------------------------------------------------------------------------- entry point
def build_pack(
    evidence: Evidence,
    out_dir: Path,
    settings: object,
    *,
    run_report: dict | None = None,
    curation_file: Path | None = None,
    as_of: date | None = None,
) -> PackResult:
    out_dir = Path(out_dir).expanduser().absolute()
    _recover(out_dir)
    _check_replaceable(out_dir)
    curation_path = Path(curation_file) if curation_file else default_curation_path(out_dir)
    if curation_file and not curation_path.exists():
        raise PackError(f"curation file not found: {curation_path}")
    curation = load_curation(curation_path)
    previous = _read_manifest(out_dir)
    plan = plan_pack(evidence, settings, curation, as_of=as_of, known_keys=key_history(previous))

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = out_dir.parent / f".{out_dir.name}.building-{os.getpid()}-{secrets.token_hex(4)}"
    staging.mkdir()
    try:
        checked: dict = {}
        foreign = foreign_files(out_dir, previous, checked)
        warnings = _write_pack(staging, evidence, plan, settings, curation, curation_path, previous, run_report,
                               orphan_warning(out_dir, foreign), old_root=out_dir)
        moved = _swap_into_place(staging, out_dir, previous, checked)
    except TemplateProblem as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise PackError(str(exc)) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    late = orphan_warning(out_dir, [m for m in moved if m not in foreign])
    return PackResult(out_dir, plan.items, plan.gaps, plan.item_refs, plan.curation_problems, [*warnings, *late], plan)


def key_history(manifest: dict | None) -> set[str]:
    """Every item key (members included) the packs at this location have held."""
    if not manifest:
        return set()
    keys = {str(k) for k in manifest.get("key_history") or []}
    for item in manifest.get("items") or []:
        keys.add(str(item.get("key")))
        keys.update(str(k) for k in item.get("member_keys") or [])
    keys.discard("None")
    return keys


# ----------------------------------------------------------------------------- files readiness did not write
def orphans_folder(out_dir: Path) -> Path:
    """Where files found in a pack folder that readiness did not write are moved: beside the pack."""
    return out_dir.parent / f"{out_dir.name}{ORPHANS_SUFFIX}"


def foreign_files(out_dir: Path, previous: dict | None, checked: dict | None = None) -> list[str]:
    """Files (and links) in the pack folder that the previous pack's manifest does not list with
    these contents: a user's own notes, a copy dropped in, an edited index. `checked` carries
    verdicts between calls: a file whose size and time are unchanged is not hashed twice."""
    if previous is None or not out_dir.is_dir():
        return []
    checked = {} if checked is None else checked
    recorded = manifest_files(previous)
    ours = OWN_UNLISTED | {STATE_FILE}
    found: list[str] = []
    for folder, dirs, files in os.walk(out_dir, followlinks=False):
        base = Path(folder)
        links = [d for d in dirs if (base / d).is_symlink()]  # a link to a folder is moved, not entered
        dirs[:] = sorted(d for d in dirs if d not in links)
        for name in sorted([*files, *links]):
            path = base / name
            relative = path.relative_to(out_dir).as_posix()
            if relative in ours:
                continue
            expected = recorded.get(relative)
            if expected is None or path.is_symlink() or not path.is_file():
                found.append(relative)
                continue
            try:
                info = path.stat()
                stamp = (info.st_size, info.st_mtime_ns)
                if checked.get(relative, (None, None))[0] != stamp:
                    checked[relative] = (stamp, sha256_file(path) != expected)
                if checked[relative][1]:
                    found.append(relative)
            except OSError:
                found.append(relative)
    return found


def orphan_warning(out_dir: Path, found: list[str]) -> list[str]:
    """The warning for files moved out of the pack folder, or none."""
    if not found:
        return []
    shown = ", ".join(shorten(f, 80) for f in found[:5]) + (f" and {plural(len(found) - 5, 'more')}" if len(found) > 5 else "")
    return [
        f"{plural(len(found), 'file')} in the pack folder {'was' if len(found) == 1 else 'were'} not written by readiness "
        f"(or changed since): moved to {orphans_folder(out_dir).name}/ beside the pack, not deleted: {shown}"
    ]


def _rescue(out_dir: Path, found: list[str]) -> list[str]:
    """Move `found` (relative paths) from the pack folder into the orphans folder, keeping their
    folders; a name already taken there gets the time added. Nothing is ever deleted."""
    moved: list[str] = []
    target_root = orphans_folder(out_dir)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    for relative in found:
        source = out_dir / relative
        target = target_root / relative
        if target.exists() or target.is_symlink():
            target = target.with_name(f"{target.stem}-{stamp}{target.suffix}")
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(source, target)
        moved.append(relative)
    return moved


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists but is not ours
        return True
    return True


def _recover(out_dir: Path) -> None:
    """Tidy after a run that was killed: drop its half-built folder, and if it died between
    moving the old pack aside and moving the new one in, put the old pack back."""
    if not out_dir.parent.is_dir():
        return
    pattern = re.compile(rf"^\.{re.escape(out_dir.name)}\.(building|old)-(\d+)-[0-9a-f]+$")
    leftovers = []
    for sibling in out_dir.parent.iterdir():
        match = pattern.match(sibling.name)
        if match and sibling.is_dir() and not _pid_alive(int(match.group(2))):
            leftovers.append((match.group(1), sibling))
    for kind, sibling in sorted(leftovers, key=lambda pair: pair[1].name):
        if kind == "old" and not out_dir.exists() and _read_manifest(sibling) is not None:
            os.rename(sibling, out_dir)
        else:
            shutil.rmtree(sibling, ignore_errors=True)


def _check_replaceable(out_dir: Path) -> None:
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise PackError(f"{out_dir} exists and is not a folder")
    if any(out_dir.iterdir()) and _read_manifest(out_dir) is None:
        raise PackError(f"refusing to replace {out_dir}: it is not empty and is not an evidence pack (no manifest.json)")


def _read_manifest(out_dir: Path) -> dict | None:
    try:
        manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) and manifest.get("pack_format") else None


def _swap_into_place(staging: Path, out_dir: Path, previous: dict | None = None, checked: dict | None = None) -> list[str]:
    """Rename the new pack into place; the files of the old one that readiness did not write (found
    again now: a file may have been added while the pack was built) are moved to the orphans folder
    first. Returns those files."""
    moved = _rescue(out_dir, foreign_files(out_dir, previous, checked)) if previous is not None else []
    old: Path | None = None
    if out_dir.exists():
        old = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}-{secrets.token_hex(4)}"
        os.rename(out_dir, old)
    try:
        os.rename(staging, out_dir)
    except BaseException:
        if old is not None:
            os.rename(old, out_dir)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return moved


# ----------------------------------------------------------------------------- writing
def _write_pack(root: Path, evidence: Evidence, plan: PackPlan, settings: object, curation: Curation,
                curation_path: Path, previous: dict | None, run_report: dict | None, first_warnings: list[str] | None = None,
                old_root: Path | None = None) -> list[str]:
    generated_at = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    warnings: list[str] = list(first_warnings or [])
    documents = {d["sha256"]: d for d in evidence.documents}
    # the parts of the previous pack that nothing has changed are reused (packs/incremental.py)
    parts = _Parts(evidence, settings, old_root, previous)

    warnings += _write_evidence_files(root, evidence, plan, documents, curation, parts)
    summary, audit_warnings = audit_summary(evidence, settings)
    warnings += audit_warnings
    audit = plan_audit(evidence, plan, summary)
    if audit.status == "empty":
        warnings.append("no audit or quality assurance evidence found: ingest audit reports or run `readiness audits import FILE`")
    narratives, narrative_warnings = _write_narratives(root, evidence, plan, settings, summary, parts)
    warnings += narrative_warnings
    _write_audit_files(root, audit, plan, generated_at)

    env = environment(getattr(settings, "templates_dir", None))
    charts = Charts(plan)
    (root / "index.html").write_text(
        render_html(
            plan, env, charts,
            generated_at=generated_at,
            redacted=evidence.redacted,
            warnings=warnings,
            narratives=narratives,
            curation_hint=curation_path.name if curation_path else "pack.yaml",
            audit=audit,
        ),
        encoding="utf-8",
    )
    render_docx(plan, charts, root / "index.docx", generated_at=generated_at, redacted=evidence.redacted, warnings=warnings, audit=audit)
    (root / "gaps.md").write_text(
        render_gaps(plan, env, generated_at=generated_at, stale_years=float(getattr(settings, "stale_years", 3.0)),
                    thin_items=int(getattr(settings, "thin_items", 3))),
        encoding="utf-8",
    )
    (root / "actions.csv").write_text(render_actions_csv(plan.actions), encoding="utf-8-sig", newline="")
    (root / "pack.example.yaml").write_text(render_curation_example(plan), encoding="utf-8")
    if run_report is not None:
        (root / "run-report.json").write_text(json.dumps(run_report, indent=2, default=str), encoding="utf-8")

    manifest = _manifest(root, evidence, plan, settings, curation, generated_at, warnings)
    manifest["key_history"] = sorted(key_history(previous) | key_history({"items": manifest["items"]}))
    manifest["audits"] = {**audit.manifest(), "files": sorted(n for n in (AUDITS_FILE, GOOD_PRACTICE_FILE, CHART_FILE) if (root / n).is_file())}
    (root / "changes.md").write_text(render_changes(env, compare_manifests(previous, manifest)), encoding="utf-8")
    manifest["reused"] = parts.summary()
    manifest["files"] = _file_hashes(root)
    (root / "manifest.json").write_text(json.dumps(manifest, indent=2, default=str), encoding="utf-8")
    save_cache(root, parts.cache)
    return warnings


class _Parts:
    """How this pack's costly parts are made or reused: the digests they are made from, what the
    previous pack recorded (its cache, and its files' hashes to check a reused file against), and
    what this pack records for the next (packs/incremental.py)."""

    def __init__(self, evidence: Evidence, settings: object, old_root: Path | None, previous: dict | None) -> None:
        self.base = base_digest(evidence, settings)
        self.documents = DocumentDigests(evidence)
        self.old_root = old_root if previous is not None else None
        self.previous = load_cache(old_root) if self.old_root is not None else PackCache()
        self.previous_files = {str(k): str(v) for k, v in ((previous or {}).get("files") or {}).items()}
        self.cache = PackCache()
        self.narratives_reused: list[str] = []
        self.narratives_composed: list[str] = []

    def reuse(self, root: Path, relative: list[str]) -> bool:
        return self.old_root is not None and reuse_files(self.old_root, root, relative, self.previous_files)

    def summary(self) -> dict:
        return {"narratives_reused": sorted(self.narratives_reused), "narratives_composed": sorted(self.narratives_composed)}


def _redacted_source_paths(evidence: Evidence) -> dict[str, str]:
    paths: dict[str, str] = {}
    for item in evidence.items:
        if item.passage.source_path:
            paths.setdefault(item.passage.document_sha, item.passage.source_path)
    return paths


def _write_evidence_files(root: Path, evidence: Evidence, plan: PackPlan, documents: dict[str, dict], curation: Curation,
                          parts: "_Parts | None" = None) -> list[str]:
    warnings: list[str] = []
    evidence_dir = _inside(root, "evidence")
    copies: dict[tuple[int, str], str] = {}  # (section, sha) -> file already copied for that area
    checked: dict[str, bool] = {}
    published = _public_by_evidence(evidence, documents, parts)
    for section in plan.sections:
        if not section.items:
            continue
        folder = _inside(evidence_dir, slug(section.folder, 80, f"{section.number:02d}-area"))
        folder.mkdir(parents=True, exist_ok=True)
        for item in section.items:
            doc = documents.get(item.document_sha, {})
            kind = (item.first.document_kind or doc.get("kind") or "").lower()
            copy_sha, copy_format, copy_path = _best_rendition(doc, item.document_sha, kind)
            extension = COPY_EXTENSIONS.get(copy_format)
            title_slug = slug(item.first.document_title or doc.get("title") or item.document_sha[:12], 40, "document")
            year = item.year
            stem = f"{item.file_number}-{title_slug}{'-' + str(year) if year and str(year) not in title_slug else ''}"
            # An original is copied only when redaction is off, or when the document is public by
            # positive evidence in its own text (an Ofsted report, a published committee paper) and
            # holds no personal-record markers; its kind (a guess) can only narrow that further.
            public = kind in curation.public_kinds and published(item.document_sha)
            may_copy = kind != CASE_SUMMARY and extension is not None and (public or not evidence.redacted)
            if may_copy and (section.number, item.document_sha) in copies:
                item.file, item.file_kind = copies[(section.number, item.document_sha)], "copy"
                continue
            source = Path(copy_path)
            if may_copy:
                if item.document_sha not in checked:
                    checked[item.document_sha] = source.is_file() and sha256_file(source) == copy_sha
                    if not checked[item.document_sha]:
                        warnings.append(
                            f"source file for {clean(item.first.document_title or item.document_sha[:12])} is missing or has changed; "
                            "the pack holds a text extract instead"
                        )
                if checked[item.document_sha]:
                    target = _inside(folder, f"{stem}.{extension}")
                    shutil.copyfile(source, target)
                    item.file, item.file_kind = target.relative_to(root).as_posix(), "copy"
                    copies[(section.number, item.document_sha)] = item.file
                    continue
            target = _inside(folder, f"{stem}.txt")
            target.write_text(_extract_text(item, evidence.redacted, kind), encoding="utf-8")
            item.file, item.file_kind = target.relative_to(root).as_posix(), "extract"
    return warnings


# Which of a document's renditions the pack copies: what inspectors know a report as (Ofsted
# publishes PDFs), and the council's own editable paper for everything else.
_PREFERRED_FORMATS = {"inspection report": ("pdf", "docx"), "": ("docx", "pdf")}


def _best_rendition(doc: dict, sha: str, kind: str) -> tuple[str, str, str]:
    """(sha256, format, source path) of the rendition to copy; the document itself when it has none."""
    held = [(sha, str(doc.get("format") or "").lower(), str(doc.get("source_path") or ""))]
    held += [(r["sha256"], str(r["format"] or "").lower(), str(r["source_path"] or "")) for r in doc.get("renditions", [])]
    order = _PREFERRED_FORMATS.get(kind, _PREFERRED_FORMATS[""])
    return min(held, key=lambda r: order.index(r[1]) if r[1] in order else len(order))


def _public_by_evidence(evidence: Evidence, documents: dict[str, dict], parts: "_Parts | None" = None):  # type: ignore[no-untyped-def]
    """sha256 -> whether the document's own (redacted) text shows it is a publication. The verdict
    is a function of that text, its title and the code, so the pack's cache keeps it under their digest."""
    from functools import lru_cache

    from redaction import is_public_by_evidence

    texts: dict[str, list[str]] = {}
    for item in [*evidence.items, *getattr(evidence, "comparators", [])]:
        texts.setdefault(item.passage.document_sha, []).append(item.passage.text)

    @lru_cache(maxsize=None)
    def published(sha: str) -> bool:
        title = (documents.get(sha) or {}).get("title")
        if not texts.get(sha):
            return False
        if parts is None:
            return is_public_by_evidence(texts[sha], title)
        key = text_digest(texts[sha], title, code_stamp())
        verdict = parts.previous.published[key] if key in parts.previous.published else is_public_by_evidence(texts[sha], title)
        parts.cache.published[key] = verdict
        return verdict

    return published


def _extract_text(item: PackItem, redacted: bool, kind: str) -> str:
    head = [
        f"Evidence item {item.number}: {item.signpost}",
        f"Source: {item.citation()}" + (f" ({kind})" if kind else ""),
        f"Key: {item.key}",
        "Personal data redacted." if redacted else "Personal data NOT redacted.",
    ]
    if item.first.heading_path:
        head.append("Section: " + " › ".join(item.first.heading_path))
    body = [f"{p.label}  {p.text}" if p.label else p.text for p in item.passages]
    return clean("\n".join(head) + "\n\n" + "\n\n".join(body) + "\n")


def _write_audit_files(root: Path, audit: PackAudit, plan: PackPlan, generated_at: str) -> None:
    """audits.md (the audit view as Markdown), the trend chart beside it and good-practice.md."""
    if audit.summary is not None:
        _inside(root, AUDITS_FILE).write_text(render_audits_md(audit), encoding="utf-8")
        if audit.has_chart:
            _inside(root, CHART_FILE).write_text(audit.chart_svg, encoding="utf-8")
    _inside(root, GOOD_PRACTICE_FILE).write_text(render_good_practice(audit, plan, generated_at), encoding="utf-8")


def _write_narratives(root: Path, evidence: Evidence, plan: PackPlan, settings: object,
                      audit_summary: object | None = None, parts: _Parts | None = None) -> tuple[list[dict], list[str]]:
    folder = root / "narratives"
    folder.mkdir(exist_ok=True)
    # one pool for every narrative composed here and the self-evaluation, read before any worker forks
    try:
        pool = narrative_pool(evidence, settings, item_refs=plan.item_refs)  # type: ignore[arg-type]
    except Exception as exc:  # the pack is still useful without narratives; say so loudly
        return _narratives_failed(root, folder, f"{type(exc).__name__}: {shorten(exc, 200)}")
    if parts is None:
        try:
            paths = write_narratives(evidence, folder, settings, item_refs=plan.item_refs, formats=NARRATIVE_FORMATS, pool=pool)
            paths = list(paths or []) + _write_sef(root, evidence, settings, plan.item_refs, pool)
        except Exception as exc:  # the pack is still useful without narratives; say so loudly
            return _narratives_failed(root, folder, f"{type(exc).__name__}: {shorten(exc, 200)}")
        return _narrative_links(root, paths), []

    # One line of enquiry at a time (the lines write_narratives writes by default, in its order):
    # a line whose inputs are those of the previous pack's narrative is copied from that pack;
    # the others are composed, in worker processes when the settings allow more than one.
    lines = [line.id for line in evidence.framework.top_lines]
    digests = {line: narrative_digest(evidence, line, plan.item_refs, audit_summary, parts.base, parts.documents) for line in lines}
    paths: dict[str, list[Path]] = {}
    for line in lines:
        recorded = parts.previous.narratives.get(line) or {}
        files = [str(f) for f in recorded.get("files") or []]
        if recorded.get("digest") == digests[line] and files and parts.reuse(root, files):
            paths[line] = [root / f for f in files]
            parts.narratives_reused.append(line)

    def compose(line: str) -> list[str]:
        written = write_narratives(evidence, folder, settings, item_refs=plan.item_refs, formats=NARRATIVE_FORMATS,
                                   loe_ids=[line], pool=pool)
        return [str(path) for path in written or []]

    failures: list[str] = []
    for line, outcome in _each_line([line for line in lines if line not in paths], compose, int(getattr(settings, "workers", 1) or 1)):
        if isinstance(outcome, str):
            failures.append(outcome)
            continue
        paths[line] = [Path(path) for path in outcome]
        parts.narratives_composed.append(line)
        relative = [_relative(root, path) for path in paths[line]]
        if all(relative):
            parts.cache.narratives[line] = {"digest": digests[line], "files": relative}
    for line in parts.narratives_reused:
        parts.cache.narratives[line] = {"digest": digests[line], "files": [_relative(root, path) for path in paths[line]]}
    if failures:
        return _narratives_failed(root, folder, failures[0])
    try:  # the self-evaluation reads every area, so it is written afresh whenever the pack is
        sef = _write_sef(root, evidence, settings, plan.item_refs, pool)
    except Exception as exc:  # the narratives stand without it; say so loudly
        return _narratives_failed(root, folder, f"self-evaluation: {type(exc).__name__}: {shorten(exc, 200)}")
    return _narrative_links(root, [path for line in lines for path in paths.get(line, [])] + sef), []


def _narratives_failed(root: Path, folder: Path, why: str) -> tuple[list[dict], list[str]]:
    written = sorted(p for p in folder.iterdir() if p.is_file())
    what = f"narratives were not all written (only {plural(len(written), 'file')})" if written else "narratives were not written"
    return _narrative_links(root, written), [f"{what}: {why}"]


def _relative(root: Path, path: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return ""


# What forked workers call: the evidence reaches them by fork, never by pickling.
_FORKED: dict = {}


def _run_forked(line: str) -> list[str] | str:
    return _attempt(_FORKED["compose"], line)


def _attempt(compose, line: str) -> list[str] | str:  # type: ignore[no-untyped-def]
    """The paths written, or why not (one line)."""
    try:
        return compose(line)
    except Exception as exc:  # noqa: BLE001 - reported as the pack's warning, the rest goes on
        return f"{type(exc).__name__}: {shorten(exc, 200)}"


def _each_line(lines: list[str], compose, workers: int):  # type: ignore[no-untyped-def]
    """(line, paths or why not) for each line, in the order given. With more than one worker and
    more than one line, lines are composed in forked processes (the evidence is shared, not
    copied): only where fork is available, in a process that may have children (not a daemon)
    and that runs no other threads (a thread holding a lock at the fork would hang the child)."""
    import multiprocessing as mp
    import threading

    parallel = (workers > 1 and len(lines) > 1 and "fork" in mp.get_all_start_methods()
                and not mp.current_process().daemon and threading.active_count() == 1)
    if not parallel:
        for line in lines:
            yield line, _attempt(compose, line)
        return
    from concurrent.futures import ProcessPoolExecutor

    from core.isolation import ignore_interrupts

    _FORKED["compose"] = compose
    try:
        with ProcessPoolExecutor(max_workers=min(workers, len(lines)), mp_context=mp.get_context("fork"),
                                 initializer=ignore_interrupts) as pool:
            futures = [(line, pool.submit(_run_forked, line)) for line in lines]
            for line, future in futures:
                try:
                    yield line, future.result()
                except Exception as exc:  # noqa: BLE001 - a worker that died: that line's narrative is missing
                    yield line, f"{type(exc).__name__}: {shorten(exc, 200)}"
    finally:
        _FORKED.clear()


def _write_sef(root: Path, evidence: Evidence, settings: object, item_refs: dict[int, str], pool: object) -> list:
    """The self-evaluation draft in sef/, refreshed with every pack (so scheduled runs keep it current)."""
    return list(write_sef(evidence, root / "sef", settings, item_refs=item_refs, pool=pool))  # type: ignore[arg-type]


def _narrative_links(root: Path, paths: list) -> list[dict]:
    links = []
    for path in paths:
        path = Path(path)
        try:
            rel = path.resolve().relative_to(root.resolve())
        except ValueError:
            continue
        links.append({"href": rel.as_posix(), "name": path.name})
    return sorted(links, key=lambda link: link["href"])


# ----------------------------------------------------------------------------- manifest
def _versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in ("readiness", "jinja2", "python-docx", "pillow", "pyyaml"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def _safe_settings(settings: object) -> dict:
    try:
        values = {f.name: getattr(settings, f.name) for f in fields(settings)}  # type: ignore[arg-type]
    except TypeError:
        values = dict(vars(settings))
    if values.get("pdf_passwords"):
        values["pdf_passwords"] = f"{len(values['pdf_passwords'])} password(s), not recorded"
    store = values.get("store")
    if isinstance(store, str):
        values["store"] = re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", store)
    return values


def _manifest(root: Path, evidence: Evidence, plan: PackPlan, settings: object, curation: Curation, generated_at: str, warnings: list[str]) -> dict:
    used: dict[str, int] = {}
    for item in plan.items:
        used[item.document_sha] = used.get(item.document_sha, 0) + 1
    paths = _redacted_source_paths(evidence)
    inputs = []
    for doc in sorted(evidence.documents, key=lambda d: d["sha256"]):
        sha = doc["sha256"]
        inputs.append(
            {
                "sha256": sha,
                "title": doc.get("title"),
                "date": doc.get("date"),
                "kind": doc.get("kind"),
                "format": doc.get("format"),
                "source_path": paths.get(sha) if evidence.redacted else doc.get("source_path"),
                "items_in_pack": used.get(sha, 0),
                # the same document held in other files: listed, not packed again
                "renditions": [{"sha256": r["sha256"], "format": r["format"]} for r in doc.get("renditions", [])],
            }
        )
    return {
        "pack_format": PACK_FORMAT,
        "generated_at": generated_at,
        "framework": {"id": plan.framework.id, "name": plan.framework.name},
        "as_of": plan.as_of,
        "redaction": {"setting": bool(getattr(settings, "redact", True)), "evidence_redacted": evidence.redacted},
        "tool_versions": _versions(),
        "settings": _safe_settings(settings),
        "limits": asdict(plan.limits),
        "curation": {
            "file": curation.source,
            "sha256": curation.sha256,
            "problems": plan.curation_problems,
            "public_kinds": list(curation.public_kinds),
        },
        "counts": plan.counts.as_dict(),
        "inputs": inputs,
        "items": [
            {
                "number": item.number,
                "key": item.key,
                "member_keys": item.member_keys,
                "area": item.area,
                "passage_ids": item.passage_ids,
                "document_sha": item.document_sha,
                "role": item.role,
                "date": item.date,
                "signpost": item.signpost,
                "signpost_edited": item.signpost_edited,
                "pinned": item.pinned,
                "moved": item.moved,
                "position_asked": item.position_asked,
                "file": item.file,
            }
            for item in plan.items
        ],
        "gaps": [{"area": g.area, "kind": g.kind, "title": g.title, "message": g.message} for g in plan.gaps],
        "warnings": warnings,
    }


def _file_hashes(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): sha256_file(path)
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.name != "manifest.json"
    }


# ----------------------------------------------------------------------------- changes
def compare_manifests(previous: dict | None, current: dict) -> dict:
    """What changed between two packs' manifests; counts are the current pack's own (PackCounts)."""
    result: dict = {
        "previous": previous is not None,
        "previous_generated": (previous or {}).get("generated_at"),
        "generated_at": current["generated_at"],
        "counts": PackCounts.from_manifest(current),
        "n_documents": len(current["inputs"]),
        "curation_problems": current["curation"].get("problems", []),
        "new_items": [], "changed_items": [], "gone_items": [],
        "new_documents": [], "gone_documents": [], "opened_gaps": [], "closed_gaps": [],
        "opened_themes": [], "closed_themes": [],
    }
    if previous is None:
        return result
    before = {i["key"]: i for i in previous.get("items", [])}
    after = {i["key"]: i for i in current["items"]}
    for key, item in after.items():
        old = before.get(key)
        if old is None:
            result["new_items"].append(item)
            continue
        what = []
        if old.get("area") != item["area"]:
            what.append(f"moved from {old.get('number')}")
        elif old.get("number") != item["number"]:
            what.append(f"renumbered from {old.get('number')}")
        if old.get("signpost") != item["signpost"]:
            what.append(f"signpost was “{old.get('signpost')}”")
        if old.get("pinned") != item["pinned"]:
            what.append("now pinned" if item["pinned"] else "no longer pinned")
        if old.get("position_asked") != item.get("position_asked"):
            what.append(f"placed at position {item['position_asked']}" if item.get("position_asked") else "no longer placed by hand")
        if what:
            result["changed_items"].append({**item, "what": what})
    result["gone_items"] = [i for k, i in before.items() if k not in after]
    docs_before = {d["sha256"]: d for d in previous.get("inputs", [])}
    docs_after = {d["sha256"]: d for d in current["inputs"]}
    result["new_documents"] = [d for s, d in docs_after.items() if s not in docs_before]
    result["gone_documents"] = [d for s, d in docs_before.items() if s not in docs_after]
    gaps_before = {(g["area"], g["kind"]): g for g in previous.get("gaps", [])}
    gaps_after = {(g["area"], g["kind"]): g for g in current["gaps"]}
    opened = [g for k, g in gaps_after.items() if k not in gaps_before]
    closed = [g for k, g in gaps_before.items() if k not in gaps_after]
    result["opened_gaps"], result["closed_gaps"] = counted_gaps(opened), counted_gaps(closed)
    result["opened_themes"] = [g for g in opened if g not in result["opened_gaps"]]
    result["closed_themes"] = [g for g in closed if g not in result["closed_gaps"]]
    return result
