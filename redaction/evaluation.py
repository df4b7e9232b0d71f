"""Measuring redaction: leaks on case records, placeholders on public documents, output scans.

``check_redaction(case_dir, redactor)`` reads every document listed in
``case_dir/gold.jsonl`` ({"file", "pii": [...], "keep": [...]}), redacts it and reports
which pii strings leaked and what share of keep phrases survived, overall and per file.

``check_public_documents(documents, redactor)`` redacts public documents (inspection reports,
committee papers) as the pack does and counts the placeholders inserted, per document: on a
public document every person placeholder is a wrong one.

``scan_for_strings(folder, strings)`` looks for strings in every output file a run writes
(.md .html .json .csv .txt .docx ...), for a whole-pack leak check.

Reports never print leaked strings unless asked (``show_leaks``): the report itself leaves
the store.
"""

from __future__ import annotations

import html
import json
import logging
import re
import zipfile
from pathlib import Path
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from redaction.model import PLACEHOLDER_RE
from redaction.redactor import Redactor

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".csv", ".txt", ".log",
                 ".xml", ".yaml", ".yml", ".tsv"}
DOC_SUFFIXES = {".docx", ".xlsx", ".pptx"}


# --------------------------------------------------------------------------------------
# Reading documents
# --------------------------------------------------------------------------------------


Extract = Callable[[Path], Any]


def _from_extractor(path: Path, extract: Extract | None) -> list[str] | None:
    """The project's extractor's passages (the caller passes it in), or None when it fails."""
    if extract is None:
        return None
    try:
        result = extract(path)
    except Exception:
        return None
    return _texts_of(result)


def _texts_of(result: Any) -> list[str] | None:
    if result is None:
        return None
    if isinstance(result, str):
        return [result]
    if isinstance(result, bytes):
        return None
    for attr in ("passages", "sections", "pages", "blocks", "chunks"):
        val = getattr(result, attr, None)
        if val is not None and not callable(val):
            got = _texts_of(list(val))
            if got:
                return got
    for attr in ("text", "content", "body"):
        val = getattr(result, attr, None)
        if isinstance(val, str):
            return [val]
    if isinstance(result, dict):
        for k in ("passages", "sections", "pages", "text", "content"):
            if k in result:
                return _texts_of(result[k])
        return None
    if isinstance(result, (list, tuple)):
        out: list[str] = []
        for item in result:
            got = _texts_of(item)
            if got:
                out.extend(got)
        return out or None
    return None


def read_document(path: Path, extract: Extract | None = None) -> list[str]:
    """The passages of a .txt/.pdf/.docx file: the given extractor's, else our own readers'."""
    path = Path(path)
    got = _from_extractor(path, extract)
    if got and any(t.strip() for t in got):
        return got
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        import pdfplumber

        with pdfplumber.open(str(path)) as pdf:
            return [(page.extract_text() or "") for page in pdf.pages]
    if suffix == ".docx":
        return _docx_passages(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            from charset_normalizer import from_bytes

            best = from_bytes(raw).best()
            text = str(best) if best is not None else raw.decode("latin-1")
        except Exception:
            text = raw.decode("latin-1")
    return [p for p in re.split(r"\n\s*\n", text)] or [text]


def _docx_passages(path: Path) -> list[str]:
    import docx

    d = docx.Document(str(path))
    out = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            cells = []
            for c in row.cells:
                if not cells or c.text != cells[-1]:
                    cells.append(c.text)
            out.append(" | ".join(cells))
    for section in d.sections:
        for part in (section.header, section.footer):
            try:
                out.extend(p.text for p in part.paragraphs)
            except Exception:
                pass
    return [t for t in out if t.strip()]


# --------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def leaked_strings(text: str, strings: Iterable[str]) -> list[str]:
    """Strings present in text: exact substring, or any-case as a whole word, whitespace
    (line breaks, repeated spaces) normalised on both sides."""
    norm = _norm(text)
    low = norm.lower()
    out = []
    for s in strings:
        ns = _norm(s)
        if not ns:
            continue
        if ns in norm:
            out.append(s)
            continue
        if re.search(r"(?<![0-9a-z])" + re.escape(ns.lower()) + r"(?![0-9a-z])", low):
            out.append(s)
    return out


def kept_phrases(text: str, phrases: Iterable[str]) -> list[str]:
    low = _norm(text).lower()
    return [p for p in phrases if _norm(p).lower() in low]


# --------------------------------------------------------------------------------------
# The gold check
# --------------------------------------------------------------------------------------


def _load_gold(case_dir: Path) -> list[dict[str, Any]]:
    gold = Path(case_dir) / "gold.jsonl"
    rows = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rows.append(json.loads(line))
    return rows


def check_redaction(case_dir: Path, redactor: Redactor | None = None, show_leaks: bool = True,
                    extract: Extract | None = None) -> dict[str, Any]:
    """Redact every file in ``case_dir/gold.jsonl`` and report leaks and kept phrases.

    Returns {"files", "pii_total", "leaked", "leaked_share", "keep_total", "kept",
    "keep_share", "per_file": [{"file", "pii", "leaked", "leaked_strings", "keep",
    "kept", "keep_share", "missing_keep", "error"}]}.
    """
    redactor = redactor or Redactor()
    case_dir = Path(case_dir)
    per_file = []
    pii_total = leaked_total = keep_total = kept_total = 0
    for row in _load_gold(case_dir):
        name = row["file"]
        pii = list(row.get("pii", []))
        keep = list(row.get("keep", []))
        entry: dict[str, Any] = {"file": name, "pii": len(pii), "keep": len(keep), "error": None}
        try:
            passages = read_document(case_dir / name, extract)
            out = redactor.redact_by_content(passages)  # as the pack does: the record decision is tested too
            text = "\n\n".join(out)
        except Exception as exc:  # a file we cannot read counts every pii string as unchecked
            entry["error"] = f"{type(exc).__name__}: {exc}"
            text = ""
        leaks = leaked_strings(text, pii) if not entry["error"] else list(pii)
        kept = kept_phrases(text, keep)
        entry["leaked"] = len(leaks)
        entry["leaked_strings"] = leaks if show_leaks else []
        entry["kept"] = len(kept)
        entry["keep_share"] = (len(kept) / len(keep)) if keep else 1.0
        entry["missing_keep"] = [k for k in keep if k not in kept]
        per_file.append(entry)
        pii_total += len(pii)
        leaked_total += len(leaks)
        keep_total += len(keep)
        kept_total += len(kept)
    return {
        "files": len(per_file),
        "pii_total": pii_total,
        "leaked": leaked_total,
        "leaked_share": (leaked_total / pii_total) if pii_total else 0.0,
        "keep_total": keep_total,
        "kept": kept_total,
        "keep_share": (kept_total / keep_total) if keep_total else 1.0,
        "uses_ner": bool(getattr(redactor, "uses_ner", False)),
        "per_file": per_file,
    }


# --------------------------------------------------------------------------------------
# Scanning output folders
# --------------------------------------------------------------------------------------


def _file_text(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in DOC_SUFFIXES:
        try:
            parts = []
            with zipfile.ZipFile(path) as z:
                for n in z.namelist():
                    if n.endswith(".xml"):
                        xml = z.read(n).decode("utf-8", "replace")
                        xml = re.sub(r"</w:p>|</a:p>|<w:tab/>|<w:br/>|</c>|</row>", "\n", xml)
                        parts.append(html.unescape(re.sub(r"<[^>]+>", "", xml)))
            return "\n".join(parts)
        except Exception as exc:
            log.warning("scan: cannot read %s (%s)", path.name, type(exc).__name__)
            return ""
    if suffix == ".pdf":
        try:
            import pdfplumber

            with pdfplumber.open(str(path)) as pdf:
                return "\n".join(page.extract_text() or "" for page in pdf.pages)
        except Exception:
            return ""
    raw = path.read_text(encoding="utf-8", errors="replace")
    if suffix in {".html", ".htm", ".xml"}:
        raw = raw + "\n" + html.unescape(re.sub(r"<[^>]+>", " ", raw))
    if suffix in {".json", ".jsonl"}:
        # json escapes (\u00e9, \n) hide strings: add a decoded copy
        try:
            decoded = []
            for chunk in ([raw] if suffix == ".json" else raw.splitlines()):
                if chunk.strip():
                    decoded.append(json.dumps(json.loads(chunk), ensure_ascii=False).replace("\\n", "\n"))
            raw = raw + "\n" + "\n".join(decoded)
        except Exception:
            pass
    return raw


def scan_for_strings(folder: Path, strings: Sequence[str],
                     suffixes: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """Every (file, string) where a string appears in an output file under folder.

    Reads .md .html .json .csv .txt (and other text) and .docx/.xlsx/.pptx text, and .pdf.
    """
    folder = Path(folder)
    allowed = set(suffixes) if suffixes else TEXT_SUFFIXES | DOC_SUFFIXES | {".pdf"}
    strings = [s for s in strings if s and s.strip()]
    hits: list[tuple[str, str]] = []
    files = [folder] if folder.is_file() else sorted(p for p in folder.rglob("*") if p.is_file())
    for path in files:
        if path.suffix.lower() not in allowed:
            continue
        text = _file_text(path)
        if not text:
            continue
        rel = str(path.relative_to(folder)) if folder.is_dir() else path.name
        for s in leaked_strings(text, strings):
            hits.append((rel, s))
    return hits


def gold_pii_strings(case_dir: Path) -> list[str]:
    """All pii strings of a gold file (for scanning a pack made from that corpus)."""
    out: list[str] = []
    for row in _load_gold(Path(case_dir)):
        out.extend(row.get("pii", []))
    return sorted(set(out))




# --------------------------------------------------------------------------------------
# Public documents: placeholders inserted where there should be none
# --------------------------------------------------------------------------------------

PERSON_PLACEHOLDER_RE = re.compile(r"\[(?:CHILD|ADULT|PERSON|PROFESSIONAL)(?: [A-Z]{1,3})?\]")


@dataclass
class PublicDocument:
    """A public document's texts as the evidence view hands them to the redactor: passages,
    headings, title and source path."""

    name: str
    texts: list[str] = field(default_factory=list)

    @classmethod
    def from_extracted(cls, name: str, passages: Sequence[tuple[str, Sequence[str]]], title: str | None, source: str) -> "PublicDocument":
        headings = sorted({h for _, path in passages for h in path})
        return cls(name, [text for text, _ in passages] + headings + [title or "", source])


def _placeholders(before: Sequence[str], after: Sequence[str]) -> dict[str, int]:
    """Placeholders inserted, by category (those already in the input are not counted)."""
    counts: dict[str, int] = {}
    for a, b in zip(before, after):
        seen = {m.group(0) for m in PLACEHOLDER_RE.finditer(a)}
        for m in PLACEHOLDER_RE.finditer(b):
            if m.group(0) in seen:
                continue
            word = re.sub(r" [A-Z]{1,3}\]$", "]", m.group(0)).strip("[]")
            counts[word] = counts.get(word, 0) + 1
    return counts


def _person_count(counts: dict[str, int]) -> int:
    return sum(v for k, v in counts.items() if k in ("CHILD", "ADULT", "PERSON", "PROFESSIONAL"))


def check_public_documents(documents: Iterable[PublicDocument], redactor: Redactor | None = None) -> dict[str, Any]:
    """Redact each public document as the pack does (by content) and, to measure the name finder
    itself, as if it were a personal record; count the placeholders inserted both ways."""
    from redaction.records import personal_record_markers, public_evidence

    redactor = redactor or Redactor()
    per_doc = []
    for doc in documents:
        markers = personal_record_markers(doc.texts)
        by_content = _placeholders(doc.texts, redactor.redact_by_content(doc.texts))
        forced = _placeholders(doc.texts, redactor.redact_document(doc.texts))
        per_doc.append({
            "document": doc.name,
            "personal_record_markers": markers,
            "public_evidence": public_evidence(doc.texts),
            "person_placeholders": _person_count(by_content),
            "placeholders": by_content,
            "person_placeholders_if_record": _person_count(forced),
            "placeholders_if_record": forced,
        })
    total = sum(d["person_placeholders"] for d in per_doc)
    return {
        "documents": len(per_doc),
        "person_placeholders": total,
        "documents_with_person_placeholders": sum(1 for d in per_doc if d["person_placeholders"]),
        "person_placeholders_if_record": sum(d["person_placeholders_if_record"] for d in per_doc),
        "documents_read_as_personal_records": sum(1 for d in per_doc if d["personal_record_markers"]),
        "documents_public_by_evidence": sum(1 for d in per_doc if d["public_evidence"] and not d["personal_record_markers"]),
        "other_placeholders": _sum_counts(d["placeholders"] for d in per_doc),
        "uses_ner": redactor.uses_ner,
        "per_document": per_doc,
    }


def _sum_counts(counts: Iterable[dict[str, int]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for c in counts:
        for k, v in c.items():
            if _person_count({k: v}) == 0:
                out[k] = out.get(k, 0) + v
    return dict(sorted(out.items()))


PUBLIC_SUFFIXES = {".pdf", ".docx", ".txt", ".md", ".html", ".htm"}


def load_public_documents(folders: Sequence[Path], extract: Extract | None = None,
                          cache: Path | None = None) -> list[PublicDocument]:
    """The documents of `folders`, extracted once: with `cache`, passages are read from (and new
    ones appended to) a JSONL file, since extracting 150 reports takes minutes."""
    cached: dict[str, dict[str, Any]] = {}
    if cache is not None and Path(cache).is_file():
        for line in Path(cache).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                cached[row["path"]] = row
    docs = []
    for folder in folders:
        # a folder's README describes the folder; it is not one of its documents
        for path in sorted(p for p in Path(folder).iterdir() if p.suffix.lower() in PUBLIC_SUFFIXES and not p.stem.upper().startswith("README")):
            row = cached.get(str(path))
            if row is None:
                row = _extract_row(path, extract)
                if cache is not None:
                    with Path(cache).open("a", encoding="utf-8") as fh:
                        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            if row.get("refused"):
                continue
            passages = [(p["text"], p.get("heading_path") or []) for p in row.get("passages", [])]
            docs.append(PublicDocument.from_extracted(path.name, passages, row.get("title"), str(path)))
    return docs


def _extract_row(path: Path, extract: Extract | None) -> dict[str, Any]:
    row: dict[str, Any] = {"path": str(path), "file": path.name}
    if extract is not None:
        try:
            doc = extract(path)
            row["title"] = getattr(getattr(doc, "title", None), "value", None)
            row["passages"] = [{"text": p.text, "heading_path": list(p.heading_path), "label": p.label, "page": p.page}
                               for p in doc.passages]
            return row
        except Exception as exc:  # noqa: BLE001 - a refused file is reported, not fatal
            row["refused"] = f"{type(exc).__name__}: {str(exc)[:100]}"
            return row
    row["passages"] = [{"text": t, "heading_path": []} for t in read_document(path)]
    return row


# --------------------------------------------------------------------------------------
# Reports as text
# --------------------------------------------------------------------------------------


def format_gold_report(report: dict[str, Any]) -> str:
    lines = [
        f"files: {report['files']}   NER: {'on' if report.get('uses_ner') else 'off (rules only)'}",
        f"pii leaked: {report['leaked']} of {report['pii_total']}",
        f"keep phrases survived: {report['kept']} of {report['keep_total']} "
        f"({100 * report['keep_share']:.1f}%)",
    ]
    for f in report["per_file"]:
        flag = "LEAK" if f["leaked"] else ("err " if f["error"] else "ok  ")
        lines.append(f"  {flag} {f['file']}: leaked {f['leaked']}/{f['pii']}, kept {f['kept']}/{f['keep']}"
                     + (f"  [{f['error']}]" if f["error"] else "")
                     + (f"  missing keep: {', '.join(f['missing_keep'])}" if f["missing_keep"] else ""))
    return "\n".join(lines)


def format_public_report(report: dict[str, Any], worst: int = 10) -> str:
    lines = [
        f"public documents: {report['documents']}   NER: {'on' if report.get('uses_ner') else 'off (rules only)'}",
        f"person placeholders inserted (as the pack redacts): {report['person_placeholders']} "
        f"in {report['documents_with_person_placeholders']} documents",
        f"person placeholders if every document were read as a personal record: {report['person_placeholders_if_record']}",
        f"read as personal records: {report['documents_read_as_personal_records']}; "
        f"public by evidence (original may be copied): {report['documents_public_by_evidence']}",
        "other placeholders: " + (", ".join(f"{k} {v}" for k, v in report["other_placeholders"].items()) or "none"),
    ]
    ranked = sorted(report["per_document"], key=lambda d: (-d["person_placeholders"], -d["person_placeholders_if_record"], d["document"]))
    lines.append(f"worst {min(worst, len(ranked))} documents (person placeholders as packed / if read as a record; markers):")
    for d in ranked[:worst]:
        lines.append(f"  {d['person_placeholders']:4d} / {d['person_placeholders_if_record']:4d}  {d['document']}"
                     + (f"  markers: {', '.join(d['personal_record_markers'])}" if d["personal_record_markers"] else ""))
    return "\n".join(lines)
