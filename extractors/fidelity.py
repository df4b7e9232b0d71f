"""How faithfully readiness reads a PDF, measured against pdftotext (poppler), the reference reader.

    from extractors.fidelity import pdf_fidelity
    figures = pdf_fidelity(Path("report.pdf"))           # extracts the file itself
    figures = pdf_fidelity(Path("report.pdf"), document)  # or scores an extraction you already have
    figures.recall, figures.precision, figures.labels, figures.leaks, figures.met()

The reference is `pdftotext -layout` for the same file, with its running headers and footers taken
out: on each page, the first and last three lines whose letters (digits, spacing and punctuation
ignored) recur in the same place on at least half the pages, and lines that are only a page number
or a classification marking ("Page 3 of 9", "OFFICIAL - SENSITIVE"). A word broken by a hyphen at a
line end is joined again, as a reader would.

Words. Both sides become a bag (multiset) of normalised words: NFKC, lower case, curly quotes made
plain, hyphens inside a word dropped ("well-established" and "wellestablished" are one word, as the
two readers print them differently), a word being a run of letters and digits with inner apostrophes.
Our side is every passage's printed label followed by its text (table rows: their cells), so a
label counts as a word on both sides.
  recall    = |reference ∩ ours| / |reference|   (words we lost)
  precision = |reference ∩ ours| / |ours|        (words we added: furniture, junk, duplicates)
Nothing is taken out of our side: a running header we failed to remove costs precision and is
also counted as a leak.

Labels. A paragraph label printed at the start of a reference line ("10.7", "6.", "A9", "R1",
"(b)") followed by text that starts like a sentence, or alone on its line before such text (but
not a bare number: that is a footnote's number, which we drop with the marker), is a printed label; `labels` is the share of them (as a multiset) found as passage labels.

Leaks. Each time a running line of the reference (with at least two words) appears in our passages
more than once more often than in the reference's body (once is the title a running header repeats),
and each passage that is nothing but a page number or a marking.

Targets (`TARGETS`): recall and precision at least 0.98, no leaks, at least 95% of labels kept.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from core.model import ExtractedDocument, PassageKind

TARGETS = {"recall": 0.98, "precision": 0.98, "leaks": 0, "labels": 0.95}
ZONE_LINES = 3  # lines at the top and at the bottom of a page that may be running furniture

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
_LABEL_AT_START = re.compile(
    r"^\s*(?P<label>\d{1,3}(?:\.\d{1,3}){0,3}\.?|[A-Z]{1,2}\d{1,3}(?:\.\d{1,3}){0,2}\**|\([a-z]{1,4}\)|[a-z]\))"
    r"(?:\s+(?P<rest>\S.*))?$"
)
_SENTENCE_START = re.compile(r"^(?:[A-Z]|[‘“\"'(\[][A-Za-z])")
_MARKING = r"(?:OFFICIAL(?:[\s\-–:]+SENSITIVE)?|NOT PROTECTIVELY MARKED|PROTECT|RESTRICTED|CONFIDENTIAL|UNCLASSIFIED)"
_PAGE_ONLY = re.compile(
    rf"^\s*(?:{_MARKING}\s*)?(?:[-–]\s*)?(?:page\s+)?\d{{1,4}}(?:\s*(?:of|/)\s*\d{{1,4}})?(?:\s*[-–])?(?:\s*{_MARKING})?\s*$|^\s*{_MARKING}\s*$",
    re.I,
)


class ReferenceUnavailable(Exception):
    """pdftotext is not installed, or could not read the file."""


@dataclass
class Fidelity:
    """One PDF's extraction scored against pdftotext."""

    file: str
    pages: int
    recall: float
    precision: float
    reference_words: int
    extracted_words: int
    labels: float  # share of printed labels kept (1.0 when none are printed)
    labels_printed: int
    labels_kept: int
    leaks: int
    furniture_lines: int  # running header and footer lines taken out of the reference
    missing_words: list[str] = field(default_factory=list)  # most-lost words first
    extra_words: list[str] = field(default_factory=list)
    missing_labels: list[str] = field(default_factory=list)
    leaked_lines: list[str] = field(default_factory=list)
    layers: dict[str, int] = field(default_factory=dict)  # passages per text layer

    def met(self) -> bool:
        return (
            self.recall >= TARGETS["recall"]
            and self.precision >= TARGETS["precision"]
            and self.leaks <= TARGETS["leaks"]
            and self.labels >= TARGETS["labels"]
        )

    def to_dict(self) -> dict:
        return {**asdict(self), "targets_met": self.met()}


def pdf_fidelity(path: Path, document: ExtractedDocument | Sequence | None = None, *, pdftotext: str | None = None) -> Fidelity:
    """Score a reading of the PDF at `path` against pdftotext's reading of the same file.

    `document` is an `ExtractedDocument`, or the passages of one as the store gives them back
    (anything with `text`, `label`, `kind` and `layer`), or None to extract the file here (a
    `Refused` then propagates). Raises `ReferenceUnavailable` without pdftotext."""
    path = Path(path)
    pages = reference_pages(path, pdftotext=pdftotext)
    if document is None:
        from . import extract

        document = extract(path)
    return score(document, pages, file=path.name)


def reference_pages(path: Path, *, pdftotext: str | None = None) -> list[list[str]]:
    """pdftotext -layout's lines, page by page."""
    tool = pdftotext or shutil.which("pdftotext")
    if not tool:
        raise ReferenceUnavailable("pdftotext is not installed (poppler-utils)")
    try:
        done = subprocess.run([tool, "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ReferenceUnavailable(f"pdftotext failed: {exc}") from None
    if done.returncode != 0:
        raise ReferenceUnavailable(f"pdftotext could not read the file: {done.stderr.decode(errors='replace').strip()[:120]}")
    text = done.stdout.decode("utf-8", errors="replace")
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()  # pdftotext ends every page, the last included, with a form feed
    return [page.splitlines() for page in pages]


def score(document: ExtractedDocument | Sequence, pages: list[list[str]], *, file: str = "") -> Fidelity:
    """The figures for `document` (or its passages) against reference `pages` (lines per page)."""
    passages = list(document.passages if isinstance(document, ExtractedDocument) else document)
    body, furniture = split_furniture(pages)
    reference = Counter()
    for word in _words("\n".join(_dehyphenate(body))):
        reference[word] += 1
    ours = Counter()
    for passage in passages:
        ours.update(_words(_passage_text(passage)))
    common = sum((reference & ours).values())
    printed = Counter(printed_labels(body))
    found = Counter(p.label.rstrip(".") for p in passages if p.label)
    kept = sum((printed & found).values())
    leaked = _leaks(passages, body, furniture)
    layers = Counter(getattr(p, "layer", None) or "none" for p in passages)
    return Fidelity(
        file=file,
        pages=len(pages),
        recall=round(common / max(1, sum(reference.values())), 4),
        precision=round(common / max(1, sum(ours.values())), 4),
        reference_words=sum(reference.values()),
        extracted_words=sum(ours.values()),
        labels=round(kept / sum(printed.values()), 4) if printed else 1.0,
        labels_printed=sum(printed.values()),
        labels_kept=kept,
        leaks=len(leaked),
        furniture_lines=len(furniture),
        missing_words=[w for w, _ in (reference - ours).most_common(12)],
        extra_words=[w for w, _ in (ours - reference).most_common(12)],
        missing_labels=sorted((printed - found).elements())[:20],
        leaked_lines=leaked[:10],
        layers=dict(layers),
    )


def _passage_text(passage) -> str:
    cells = getattr(passage, "cells", None)
    text = " ".join(c for c in cells if c) if passage.kind == PassageKind.TABLE_ROW and cells else passage.text
    return f"{passage.label} {text}" if passage.label and passage.kind != PassageKind.TABLE_ROW else text


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00ad": "", "\u2010": "-", "\u2011": "-"}))


def _words(text: str) -> list[str]:
    return _WORD.findall(re.sub(r"(?<=\w)-(?=\w)", "", normalise(text)))


def _letters(line: str) -> str:
    return re.sub(r"[\W\d_]+", "", line.lower())


def split_furniture(pages: list[list[str]]) -> tuple[list[str], list[str]]:
    """(body lines, furniture lines) of the reference: running lines and page numbers taken out."""
    zones: list[list[tuple[int, str]]] = []  # per page: (index, zone) of lines in the top and bottom zones
    counts: Counter[tuple[str, str]] = Counter()
    for lines in pages:
        filled = [i for i, line in enumerate(lines) if line.strip()]
        zone = [(i, "top") for i in filled[:ZONE_LINES]] + [(i, "bottom") for i in filled[-ZONE_LINES:] if i not in filled[:ZONE_LINES]]
        zones.append(zone)
        counts.update({(_letters(lines[i]), where) for i, where in zone})
    need = max(2, (len(pages) + 1) // 2)
    running = {key for key, n in counts.items() if n >= need} if len(pages) >= 2 else set()
    body: list[str] = []
    furniture: list[str] = []
    for lines, zone in zip(pages, zones):
        drop = {i for i, where in zone if (_letters(lines[i]), where) in running or _PAGE_ONLY.match(lines[i])}
        for i, line in enumerate(lines):
            (furniture if i in drop else body).append(line)
    return body, furniture


def _dehyphenate(lines: list[str]) -> list[str]:
    """Join a word hyphenated at a line end with its end on the next line: "assess-" + "ment"."""
    out = [line.rstrip() for line in lines]
    for i in range(len(out) - 1):
        if re.search(r"[A-Za-z]-$", out[i]):
            j = i + 1
            while j < len(out) and not out[j].strip():
                j += 1
            if j < len(out):
                nxt = out[j].lstrip()
                head = re.match(r"[a-z]+", nxt)
                if head:
                    out[i] = out[i][:-1] + head.group(0)
                    out[j] = nxt[head.end():]
    return out


def printed_labels(lines: list[str]) -> list[str]:
    """Paragraph labels printed at line starts: "6.   When children ...", or "6." alone before text."""
    labels: list[str] = []
    filled = [line for line in lines if line.strip()]
    for index, line in enumerate(filled):
        match = _LABEL_AT_START.match(line)
        if not match:
            continue
        label, rest = match.group("label"), (match.group("rest") or "").strip()
        if not rest:
            if label.isdigit():
                continue  # a bare number alone on its line is a footnote's number or a page's
            following = filled[index + 1].strip() if index + 1 < len(filled) else ""
            if not _SENTENCE_START.match(following) or _LABEL_AT_START.match(following):
                continue
            rest = following
        bracketed = label.endswith(")")
        if not (_SENTENCE_START.match(rest) or (bracketed and rest[:1].isalpha())) or re.match(rf"(?i){_MONTH}\b", rest):
            continue  # "22 per cent", "3 June 2019": a number, not a label; "(b) the council" is one
        bare = label.rstrip(".")
        if bare.isdigit() and int(bare) > 400:
            continue  # a year
        labels.append(bare if bare[0].isdigit() or bare[0].isupper() else label)
    return labels


def _leaks(passages: list, body: list[str], furniture: list[str]) -> list[str]:
    def flat(text: str) -> str:
        return " ".join(re.sub(r"\d+", "#", normalise(text)).split())

    reference = flat("\n".join(body))
    ours = "\n".join(flat(p.text) for p in passages)
    leaks: list[str] = []
    for line in sorted({flat(line) for line in furniture}):
        if len(re.findall(r"[a-z]{2,}", line)) < 2:
            continue
        # once more than the body is fine: a running header often repeats the title, which the
        # reference loses with its first-page copy of the header
        extra = ours.count(line) - reference.count(line) - 1
        leaks.extend([line] * max(0, extra))
    leaks.extend(p.text for p in passages if p.kind != PassageKind.TABLE_ROW and _PAGE_ONLY.match(p.text))
    return leaks
