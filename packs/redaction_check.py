"""Checks that redaction works: against a gold file, and over a folder of output files.

``check_redaction(case_dir, redactor)`` reads every document listed in
``case_dir/gold.jsonl`` ({"file", "pii": [...], "keep": [...]}), redacts it and reports
which pii strings leaked and what share of keep phrases survived, overall and per file.

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
from typing import Any, Iterable, Sequence

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".csv", ".txt", ".log",
                 ".xml", ".yaml", ".yml", ".tsv"}
DOC_SUFFIXES = {".docx", ".xlsx", ".pptx"}


# --------------------------------------------------------------------------------------
# Reading documents
# --------------------------------------------------------------------------------------


def _from_extractor(path: Path) -> list[str] | None:
    """Use the project's extractor when it exists and works; None otherwise."""
    try:
        from extractors import extract  # type: ignore[attr-defined]
    except Exception:
        return None
    try:
        result = extract(path)
    except TypeError:
        try:
            result = extract(str(path))
        except Exception:
            return None
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


def read_document(path: Path) -> list[str]:
    """The passages of a .txt/.pdf/.docx file (own readers; the project's extractor first)."""
    path = Path(path)
    got = _from_extractor(path)
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


def check_redaction(case_dir: Path, redactor: Any = None, show_leaks: bool = True) -> dict[str, Any]:
    """Redact every file in ``case_dir/gold.jsonl`` and report leaks and kept phrases.

    Returns {"files", "pii_total", "leaked", "leaked_share", "keep_total", "kept",
    "keep_share", "per_file": [{"file", "pii", "leaked", "leaked_strings", "keep",
    "kept", "keep_share", "missing_keep", "error"}]}.
    """
    if redactor is None:
        from packs.redact import Redactor

        redactor = Redactor()
    case_dir = Path(case_dir)
    per_file = []
    pii_total = leaked_total = keep_total = kept_total = 0
    for row in _load_gold(case_dir):
        name = row["file"]
        pii = list(row.get("pii", []))
        keep = list(row.get("keep", []))
        entry: dict[str, Any] = {"file": name, "pii": len(pii), "keep": len(keep), "error": None}
        try:
            passages = read_document(case_dir / name)
            out = redactor.redact_document(passages)
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
# CLI
# --------------------------------------------------------------------------------------


def _format(report: dict[str, Any]) -> str:
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


def register(app: Any) -> None:
    """Add ``check-redaction DIR [--json] [--scan OUTPUT_DIR]`` to a typer.Typer app."""
    import typer

    @app.command("check-redaction")
    def check_redaction_cmd(
        case_dir: Path = typer.Argument(..., exists=True, file_okay=False, help="folder with gold.jsonl"),
        as_json: bool = typer.Option(False, "--json", help="print the report as JSON"),
        scan: Path | None = typer.Option(None, "--scan", help="also scan this output folder for the gold pii strings"),
        config: Path | None = typer.Option(None, "--config", help="readiness.yaml"),
        show_leaks: bool = typer.Option(False, "--show-leaks", help="print leaked strings (they are personal data)"),
    ) -> None:
        """Redact the gold case summaries; report leaked pii and surviving keep phrases."""
        from packs.redact import Redactor

        try:
            from core.settings import Settings

            settings = Settings.load(config)
            settings.redact = True
        except Exception:
            settings = None
        redactor = Redactor(settings)
        report = check_redaction(case_dir, redactor, show_leaks=show_leaks)
        if scan is not None:
            hits = scan_for_strings(scan, gold_pii_strings(case_dir))
            report["scan"] = {"folder": str(scan), "hits": len(hits),
                              "files": sorted({f for f, _ in hits}),
                              "strings": sorted({s for _, s in hits}) if show_leaks else []}
        if as_json:
            typer.echo(json.dumps(report, indent=2, ensure_ascii=False))
        else:
            typer.echo(_format(report))
            if "scan" in report:
                typer.echo(f"scan of {scan}: {report['scan']['hits']} hits in {len(report['scan']['files'])} files")
        failed = report["leaked"] > 0 or (report.get("scan", {}).get("hits", 0) > 0)
        raise typer.Exit(code=1 if failed else 0)


if __name__ == "__main__":  # python -m packs.redaction_check DIR [--json]
    import typer

    _app = typer.Typer(add_completion=False)
    register(_app)

    @_app.callback()
    def _main() -> None:
        """Redaction checks."""

    _app()
