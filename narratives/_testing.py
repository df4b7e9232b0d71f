"""Build `Evidence` without a database or the project tagger: for tests, demos and measurements.

`evidence_from_records` takes plain dicts; `evidence_from_text_files` reads plain-text documents
(blank-line paragraphs, printed paragraph numbers as labels) and tags them with the framework's cue
phrases and the narrative rule classifier. Neither is used by the commands.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from evidence_store.evidence import Evidence, EvidenceItem
from core.model import Passage, PassageLabel, Tag
from frameworks import Framework

from narratives.classify import classify_rules

_LABEL = re.compile(r"^\s*(?:[-*]\s*)?(?:\*\*)?((?:[A-Z]{1,2}\d+)|(?:\d+(?:\.\d+)*))(?:\*\*)?[.)]?\s+(?=\S)")


def evidence_from_records(framework: Framework, records: Iterable[dict]) -> Evidence:
    """records: {id, text, loe, role, polarity, has_data?, title, date, page?, label?, sha?, kind?, score?}"""
    items = []
    for index, record in enumerate(records):
        pid = int(record.get("id", index + 1))
        passage = Passage(
            id=pid,
            document_sha=str(record.get("sha") or record.get("title", "doc")),
            ordinal=int(record.get("ordinal", index)),
            text=record["text"],
            kind=record.get("kind", "paragraph"),
            page=record.get("page"),
            label=record.get("label"),
            heading_path=tuple(record.get("heading_path", ())),
            document_title=record.get("title", "Document"),
            document_date=record.get("date"),
            document_kind=record.get("document_kind", "committee report"),
            source_path=record.get("source_path"),
            cells=tuple(record["cells"]) if record.get("cells") else None,
        )
        loes = record.get("loe") or []
        loes = [loes] if isinstance(loes, str) else list(loes)
        tags = [Tag(pid, framework.id, loe, float(record.get("score", 1.0)), [], "test") for loe in loes]
        label = None
        if record.get("role"):
            label = PassageLabel(pid, record["role"], record.get("polarity", "neutral"), bool(record.get("has_data", False)))
        items.append(EvidenceItem(passage, label, tags))
    return Evidence(framework, items)


def _cue_pattern(cue: str) -> re.Pattern[str]:
    return re.compile(r"\b" + re.escape(cue) + r"\b", re.I)


def tag_by_cues(framework: Framework, text: str) -> list[tuple[str, float]]:
    found = []
    for line in framework.lines:
        hits = sum(1 for cue in line.cues if _cue_pattern(cue).search(text))
        if hits:
            found.append((line.id, min(1.0, 0.3 + 0.2 * hits)))
    return found


def evidence_from_text_files(framework: Framework, paths: Sequence[Path], start_id: int = 1) -> Evidence:
    items: list[EvidenceItem] = []
    pid = start_id
    for path in paths:
        raw = Path(path).read_text(encoding="utf-8", errors="replace")
        blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", raw) if b.strip()]
        title = next((b.strip("#* ") for b in blocks if 2 <= len(b.split()) <= 14), Path(path).stem)
        year = re.search(r"(19|20)\d\d", Path(path).stem)
        doc_date = f"{year.group(0)}-06-30" if year else None
        sha = Path(path).stem
        for ordinal, block in enumerate(blocks):
            match = _LABEL.match(block)
            label = match.group(1) if match else None
            is_heading = len(block.split()) < 9 and not block.endswith(".")
            passage = Passage(
                id=pid,
                document_sha=sha,
                ordinal=ordinal,
                text=block,
                kind="heading" if is_heading else "paragraph",
                page=None,
                label=label,
                heading_path=(),
                document_title=title,
                document_date=doc_date,
                document_kind="other",
                source_path=str(path),
            )
            tags = [Tag(pid, framework.id, loe, score, [], "cues") for loe, score in tag_by_cues(framework, block)]
            rule = classify_rules(block)
            items.append(EvidenceItem(passage, PassageLabel(pid, rule.role, rule.polarity, rule.has_data), tags))
            pid += 1
    return Evidence(framework, items)
