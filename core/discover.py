"""Which files a run reads: sources walked in a stable order, with every skip and refusal named.

Only regular files are read. A FIFO, device or socket (or a link to one) is refused before it is
opened, because opening or hashing it could block for ever. A link whose target leaves the source
folders is refused unless links are followed on purpose. A file over the size limit is refused
before it is hashed. Files matching an exclude pattern (README, hidden and temporary files by
default) are skipped, and each skip is named in the run report.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from core.model import RefusedFile, SkippedFile
from core.settings import DEFAULT_EXCLUDES



@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    refused: list[RefusedFile] = field(default_factory=list)


def discover(
    sources: Sequence[str | Path],
    include: Sequence[str] = (),
    exclude: Sequence[str] = DEFAULT_EXCLUDES,
    follow_links: bool = False,
    max_bytes: int | None = None,
) -> Discovery:
    """Every file under the sources (files or folders) that a run should read, in a stable order.

    `include`, when given, keeps only files whose name or path relative to their source matches
    one of the patterns; `exclude` drops matching files and folders. Raises FileNotFoundError for a
    source that does not exist (a typo the user must see before any work is done)."""
    found = Discovery()
    roots = [Path(s).resolve() for s in sources]
    seen: set[Path] = set()
    for source in sources:
        path = Path(source)
        if not path.exists() and not path.is_symlink():
            raise FileNotFoundError(f"source not found: {source}")
        if path.is_dir() and not path.is_symlink():
            for folder, dirs, files in os.walk(path):
                here = Path(folder)
                walk_into, linked = [], []
                for name in sorted(dirs):
                    rel = (here / name).relative_to(path).as_posix()
                    pattern = _match(name, rel, exclude)
                    if pattern:
                        found.skipped.append(SkippedFile(str(here / name), f"folder excluded by pattern {pattern!r}"))
                    elif (here / name).is_symlink():
                        linked.append(name)  # refused below with its reason; never walked
                    else:
                        walk_into.append(name)
                dirs[:] = walk_into
                for name in sorted(files + linked):
                    rel = (here / name).relative_to(path).as_posix()
                    _consider(here / name, rel, include, exclude, follow_links, max_bytes, roots, seen, found)
        else:
            _consider(path, path.name, include, (), follow_links, max_bytes, roots, seen, found)
    return found


def _consider(
    path: Path,
    rel: str,
    include: Sequence[str],
    exclude: Sequence[str],
    follow_links: bool,
    max_bytes: int | None,
    roots: list[Path],
    seen: set[Path],
    found: Discovery,
) -> None:
    pattern = _match(path.name, rel, exclude)
    if pattern:
        found.skipped.append(SkippedFile(str(path), f"excluded by pattern {pattern!r}"))
        return
    if include and not _match(path.name, rel, include):
        found.skipped.append(SkippedFile(str(path), "not matched by any include pattern"))
        return
    reason = refusal_reason(path, follow_links, max_bytes, roots)
    if reason:
        found.refused.append(RefusedFile(str(path), reason))
        return
    real = path.resolve()
    if real in seen:
        return  # the same file reached twice (a link beside its target): read once
    seen.add(real)
    found.files.append(path)


def refusal_reason(path: Path, follow_links: bool, max_bytes: int | None, roots: Sequence[Path] = ()) -> str | None:
    """Why a path must not be opened, or None. Looks only at metadata: nothing is opened here."""
    try:
        link = path.lstat()
    except OSError as exc:
        return f"cannot read file: {exc.strerror or exc}"
    if stat.S_ISLNK(link.st_mode):
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return "broken link: its target does not exist"
        if not follow_links and roots and not any(_inside(target, root) for root in roots):
            return "link to a file outside the source folders (use --follow-links to read it)"
    try:
        info = path.stat()
    except OSError as exc:
        return f"cannot read file: {exc.strerror or exc}"
    if stat.S_ISDIR(info.st_mode):
        return "link to a folder: not followed"
    if not stat.S_ISREG(info.st_mode):
        return f"not a regular file ({_file_type(info.st_mode)}): not read"
    if max_bytes is not None and info.st_size > max_bytes:
        return f"file is {info.st_size / 1_048_576:.0f} MB, over the {max_bytes / 1_048_576:g} MB limit (max_file_mb)"
    return None


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _match(name: str, rel: str, patterns: Sequence[str]) -> str | None:
    for pattern in patterns:
        if fnmatch.fnmatchcase(name, pattern) or fnmatch.fnmatchcase(rel, pattern):
            return pattern
    return None


def _file_type(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def inside_any(path: str | Path, others: Sequence[str | Path]) -> str | None:
    """The first of `others` that `path` is inside (or equal to), after resolving links; else None."""
    target = Path(path).resolve()
    for other in others:
        root = Path(other).resolve()
        if _inside(target, root):
            return str(other)
    return None
