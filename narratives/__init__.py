"""Narratives: what we know, how we know it and what we are doing next, for each line of enquiry
(or a topic), composed from the home authority's facts and tagged passages, every statement cited.

    narratives = compose_all(evidence, settings, item_refs={812: "1.03"})   # no sentence twice
    narrative = compose(evidence, "children-in-care", settings)
    write_narratives(evidence, Path("pack/narratives"), settings, item_refs=refs)   # .md .docx .html .json
    write_sef(evidence, Path("pack/sef"), settings)                               # the self-evaluation
    review = check_draft(Path("draft.docx"), evidence, settings, loe_id="children-in-care")
    items = impacts(evidence, "care-leavers", settings)

Modules: `model` (statements, citations, the sidecar), `compose` (selection and phrasing of
evidence), `phrasing` (the words added around evidence), `boilerplate` (what is not evidence of
practice), `render` and `docx_notes` (Markdown and HTML with endnotes, Word with real footnotes),
`sef` (the self-evaluation), `review` and `draft_roles` (checking an officer's draft), `impacts`
(interview preparation), `extractive` and `text` (sentence candidates and handling).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from core.settings import Settings
from evidence_store.evidence import Evidence

from narratives.compose import Source, compose, compose_all, compose_topic, narrative_pool, resolve_loe
from narratives.impacts import ImpactItem, impacts, render_impacts
from narratives.model import Citation, Narrative, Statement
from narratives.review import DraftReview, check_draft

__all__ = [
    "Citation",
    "DraftReview",
    "ImpactItem",
    "Narrative",
    "Source",
    "Statement",
    "check_draft",
    "compose",
    "compose_all",
    "narrative_pool",
    "compose_topic",
    "impacts",
    "render_impacts",
    "resolve_loe",
    "write_narrative",
    "write_narratives",
    "write_sef",
]

FORMATS = ("md", "docx", "html", "json")


def write_narrative(narrative: Narrative, out_dir: Path, settings: Settings, formats: Sequence[str] = FORMATS) -> list[Path]:
    """One narrative in each format, named like "01-help-and-protection.md"; "json" is the sidecar."""
    from narratives.render import render_html, render_markdown, render_sidecar, write_docx

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for fmt in formats:
        path = out_dir / f"{narrative.file_stem}.{fmt}"
        if fmt == "md":
            path.write_text(render_markdown(narrative, settings), encoding="utf-8")
        elif fmt == "html":
            path.write_text(render_html(narrative, settings), encoding="utf-8")
        elif fmt == "docx":
            write_docx(narrative, path, settings)
        elif fmt == "json":
            path.write_text(render_sidecar(narrative), encoding="utf-8")
        else:
            raise ValueError(f"unknown narrative format {fmt!r}; use md, docx, html or json")
        paths.append(path)
    return paths


def write_narratives(
    evidence: Evidence,
    out_dir: Path,
    settings: Settings,
    *,
    item_refs: dict[int, str] | None = None,
    loe_ids: Sequence[str] | None = None,
    since: date | None = None,
    words: int | None = None,
    formats: Sequence[str] = FORMATS,
    pool: object | None = None,
) -> list[Path]:
    """Narratives for the given lines (default: every top-level line, i.e. every pack section), no
    sentence in two of them. The sidecar (.json) is always written beside the others."""
    wanted = list(formats)
    if "json" not in wanted:
        wanted.append("json")
    paths: list[Path] = []
    for narrative in compose_all(evidence, settings, loe_ids, since=since, words=words, item_refs=item_refs, pool=pool):  # type: ignore[arg-type]
        paths.extend(write_narrative(narrative, Path(out_dir), settings, wanted))
    return paths


def write_sef(evidence: Evidence, out_dir: Path, settings: Settings, *, item_refs: dict[int, str] | None = None,
              pool: object | None = None) -> list[Path]:
    """The self-evaluation draft (.docx and .md) in `out_dir` (from `pool`, narrative_pool's, when given)."""
    from narratives.sef import write_sef as _write

    return _write(evidence, Path(out_dir), settings, item_refs=item_refs, pool=pool)
