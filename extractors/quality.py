"""How well extraction reproduces documents: `check_extraction(directory)`.

Every PDF and DOCX in the folder is extracted. Where a `<name>.txt` lies beside it (the seeds' ground
truth), the extraction is compared with that text, as below. Every PDF is also scored against
pdftotext (`fidelity.pdf_fidelity`: word recall and precision, labels kept, header/footer leaks),
so a folder of PDFs without ground truth (a council's reports) is checked too. A file meets its
targets when every comparison that applies to it does.

Words. Both sides are turned into a *bag* (multiset) of normalised words:
  * text is NFKC-normalised, lower-cased, curly quotes and dashes made plain;
  * a word is a run of letters and digits, keeping inner apostrophes and hyphens ("front-line",
    "children's"); all other punctuation is dropped, so line-wrap and spacing differences do not count;
  * on the ground-truth side, leading bullets ("- ") and the paragraph label at the start of a line
    are removed (the literal `<p>` marks some seed tables print are words on both sides); on the extracted side, the
    passage text is used (labels are already outside the text; table rows are their cells).
  recall    = |truth ∩ extracted| / |truth|       (words we lost: dropped text, joined words)
  precision = |truth ∩ extracted| / |extracted|   (words we added: headers, footers, junk)
where ∩ is multiset intersection, so a word counts as many times as it appears on both sides.

Header/footer leaks. Page furniture is found independently of the extractor: for PDFs, the first and
last two lines of each page's raw text that repeat (digits ignored) on at least half the pages, plus
page-number and classification lines ("Page 3 of 7", "OFFICIAL - SENSITIVE"); for DOCX, the text of
section headers and footers. A leak is each time such a line turns up in the extracted passages more
often than it does in the ground truth (a running header that is also the title is fine once).

Labels. Labels printed at line starts in the .txt ("10.7", "A9", "R1", "1.", "(b)") are compared as a
multiset with the passages' `label`s (trailing full stops ignored); recovered = matched / printed.

Targets: recall >= 0.98, precision >= 0.98, no leaks, >= 95% of labels recovered, for every file.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

from core.model import ExtractedDocument, PassageKind, Refused

TARGETS = {"recall": 0.98, "precision": 0.98, "leaks": 0, "labels": 0.95}

_WORD = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*")
_TRUTH_LABEL = re.compile(
    r"^(\d{1,3}(?:\.\d{1,3})*\.?|[A-Z]{1,2}\d{1,3}(?:\.\d{1,3})*\**|\([a-z]{1,4}\)|[a-z]\)|[a-h]\.|(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\.)(?=\s|$)"
)
_BULLET = re.compile(r"^\s*(?:(?:[-*•–]|#{1,6})\s+)+|^\*\*")
_FURNITURE_RE = re.compile(
    r"^(?:(?:OFFICIAL(?:[\s\-–]+SENSITIVE)?|PROTECT|RESTRICTED|CONFIDENTIAL|NOT PROTECTIVELY MARKED)\s*)?(?:[-–]?\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*[-–]?$"
    r"|^(?:OFFICIAL(?:[\s\-–]+SENSITIVE)?|PROTECT|RESTRICTED|CONFIDENTIAL|NOT PROTECTIVELY MARKED)$",
    re.I,
)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00ad": ""}))


def words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(normalise(text)))


def truth_lines(txt: str) -> list[tuple[str | None, str]]:
    """(label, text) for every non-empty ground-truth line; labels only at line starts."""
    out = []
    for raw in txt.splitlines():
        line = raw.strip()
        if not line:
            continue
        line = _BULLET.sub("", line)
        label = None
        if "\t" not in raw.strip():
            match = _TRUTH_LABEL.match(line)
            if match and re.match(r"\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{4}", line, re.I):
                match = None  # "22 January 2015" is a date, not a label
            if match:
                label = match.group(1)
                label = label.rstrip(".") if label[0].isdigit() or label[0].isupper() else label
                line = line[match.end():].strip()
        else:
            first = line.split("\t", 1)[0].strip()
            if _TRUTH_LABEL.fullmatch(first):
                label = first.rstrip(".")
        out.append((label, line))
    return out


def passage_text(document: ExtractedDocument) -> str:
    return "\n".join(p.text for p in document.passages)


def compare(document: ExtractedDocument, truth: str, furniture: list[str]) -> dict:
    lines = truth_lines(truth)
    truth_words = Counter()
    for _, line in lines:
        truth_words.update(words(line))
    got = Counter()
    for passage in document.passages:
        got.update(words(passage.text))
    common = sum((truth_words & got).values())
    recall = common / max(1, sum(truth_words.values()))
    precision = common / max(1, sum(got.values()))
    printed = Counter(label for label, _ in lines if label)
    found = Counter(p.label for p in document.passages if p.label)
    recovered = sum((printed & found).values())
    leaks = _leaks(document, truth, furniture)
    return {
        "recall": round(recall, 4),
        "precision": round(precision, 4),
        "missing_words": [w for w, _ in (truth_words - got).most_common(12)],
        "extra_words": [w for w, _ in (got - truth_words).most_common(12)],
        "labels_printed": sum(printed.values()),
        "labels_recovered": recovered,
        "labels": round(recovered / sum(printed.values()), 4) if printed else 1.0,
        "missing_labels": sorted((printed - found).elements())[:20],
        "leaks": len(leaks),
        "leaked_lines": leaks[:10],
        "passages": len(document.passages),
    }


def _digits(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", normalise(text))).strip()


def _leaks(document: ExtractedDocument, truth: str, furniture: list[str]) -> list[str]:
    leaks: list[str] = []
    truth_norm = _digits(truth)
    passages = [_digits(p.text) for p in document.passages]
    joined = "\n".join(passages)
    for line in sorted(set(_digits(f) for f in furniture)):
        if not line or not re.search(r"[a-z]", line):
            continue
        extra = joined.count(line) - truth_norm.count(line)
        if extra > 0:
            leaks.extend([line] * extra)
    # bare page references and markings as separate passages or glued to a passage's end
    for passage in document.passages:
        text = passage.text.strip()
        if _FURNITURE_RE.match(text) and passage.kind != PassageKind.TABLE_ROW:
            leaks.append(text)
        elif re.search(r"\b(?:OFFICIAL(?:[\s\-–]+SENSITIVE)?)\s+page\s+\d+\s+of\s+\d+\b", text, re.I):
            leaks.append(text[-40:])
    return leaks


def pdf_furniture(path: Path) -> list[str]:
    """Lines that look like running headers/footers in a PDF, found from pdfplumber's plain text."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        pages = [(page.extract_text() or "").splitlines() for page in pdf.pages]
    counts: Counter[str] = Counter()
    originals: dict[str, str] = {}
    for lines in pages:
        edge = {_digits(line) for line in lines[:2] + lines[-2:] if line.strip()}
        counts.update(edge)
        for line in lines[:2] + lines[-2:]:
            originals.setdefault(_digits(line), line)
    need = max(2, (len(pages) + 1) // 2)
    out = [originals[k] for k, c in counts.items() if c >= need and len(pages) >= 2]
    for lines in pages:
        for line in lines[:2] + lines[-2:]:
            if _FURNITURE_RE.match(line.strip()) or re.search(r"\bpage \d+ of \d+\b", line, re.I):
                out.append(line)
    return out


def docx_furniture(path: Path) -> list[str]:
    import docx as python_docx

    document = python_docx.Document(str(path))
    out = []
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            try:
                out.extend(p.text for p in part.paragraphs if p.text.strip())
            except Exception:  # noqa: BLE001
                continue
    return out


def check_extraction(directory: Path) -> dict:
    """Extract every PDF and DOCX in `directory`; compare each with its .txt (when there is one)
    and each PDF with pdftotext (see the module docstring)."""
    from . import extract
    from .fidelity import ReferenceUnavailable, pdf_fidelity

    directory = Path(directory)
    files: dict[str, dict] = {}
    for path in sorted(p for p in directory.iterdir() if p.suffix.lower() in {".pdf", ".docx"} and p.is_file()):
        truth_path = path.with_suffix(".txt")
        truth = truth_path.read_text(encoding="utf-8", errors="replace") if truth_path.exists() else None
        try:
            document = extract(path)
        except Refused as refused:
            files[path.name] = {"refused": refused.reason, "recall": 0.0, "precision": 0.0, "leaks": 0, "labels": 0.0, "targets_met": False}
            continue
        result: dict = {}
        if truth is not None:
            furniture = pdf_furniture(path) if path.suffix.lower() == ".pdf" else docx_furniture(path)
            result.update(compare(document, truth, furniture))
            result["targets_met"] = _met(result)
        if path.suffix.lower() == ".pdf":
            try:
                fidelity = pdf_fidelity(path, document).to_dict()
            except ReferenceUnavailable as missing:
                fidelity = {"unavailable": str(missing)}
            result["pdftotext"] = fidelity
            if truth is None and "unavailable" not in fidelity:
                result.update({k: fidelity[k] for k in ("recall", "precision", "leaks", "labels", "labels_printed")})
                result["labels_recovered"] = fidelity["labels_kept"]
            result["targets_met"] = result.get("targets_met", "recall" in result) and fidelity.get("targets_met", True)
        result["passages"] = len(document.passages)
        result["title"] = document.title.value
        result["date"] = document.date.value
        result["kind"] = document.kind.value
        result["authority"] = document.authority.value
        files[path.name] = result
    return {
        "directory": str(directory),
        "targets": TARGETS,
        "files": files,
        "targets_met": bool(files) and all(r["targets_met"] for r in files.values()),
    }


def _met(result: dict) -> bool:
    return (
        "refused" not in result
        and result["recall"] >= TARGETS["recall"]
        and result["precision"] >= TARGETS["precision"]
        and result["leaks"] <= TARGETS["leaks"]
        and result["labels"] >= TARGETS["labels"]
    )
