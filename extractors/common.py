"""Shared helpers for every extractor: labels, heading paths, hyphenation and document metadata.

Everything here is plain text in, plain values out, so each format module only has to turn its file
into a sequence of `Block`s (text + style hints) and call `finish()`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Iterable

from core.text import printable
from core.dates import find_dates
from core.model import (
    Decided,
    DocumentKind,
    ExtractedDocument,
    ExtractedPassage,
    PassageKind,
    sha256_file,
)

# --------------------------------------------------------------------------------------------
# Paragraph labels as printed: 10.7, 6.1, 1., A9, R1, R1**, (b), (iv), b)
# --------------------------------------------------------------------------------------------

_LABEL_RE = re.compile(
    r"""^(?P<label>
        \d{1,3}(?:\.\d{1,3}){0,4}\.?           # 1  1.  10.7  10.8.1
      | [A-Z]{1,2}\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?\**   # A9  R1  R1**  CP2.1
      | \([a-zA-Z]{1,4}\) | \(\d{1,3}\)        # (b)  (iv)  (3)
      | [a-z]\) | \d{1,3}\)                    # b)  3)
      | (?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\. | [a-h]\.     # iv.  b.
    )(?:\s+|\t)(?P<rest>\S.*)$""",
    re.VERBOSE | re.DOTALL,
)
_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_NOT_AFTER_NUMBER = set(_MONTHS) | {"per", "percent", "%", "-", "–", "x"}
_ROMAN = re.compile(r"^\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)\)$")


_STREET_WORDS = (
    "Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Court|Ct|Place|Pl|Gardens|Grove|Terrace|"
    "Walk|Mews|Square|Sq|Hill|Park|Row|View|Rise|Green|Parade|Vale|Yard|Wharf|Gate|Boulevard|Croft|Fold|Meadow|Meadows"
)
_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"
# a street name ending an address line, or followed by a comma, a town or a postcode
_STREET = re.compile(
    rf"^(?:[A-Z][\w'’-]*\s+){{1,3}}(?:{_STREET_WORDS})\b\.?"
    rf"(?=\s*$|\s*,|\s+(?:[A-Z][a-z]+\s+){{0,3}}{_POSTCODE}|\s+[A-Z][a-z]+(?:[ -][A-Z][a-z]+){{0,2}}\s*$)"
)


def split_label(text: str) -> tuple[str | None, str]:
    """Split a printed paragraph label off the start of `text`: "10.7 While ..." -> ("10.7", "While ...").

    A bare number is only a label when what follows starts like a sentence (capital, quote, bracket),
    so "22 per cent of cases" and "2 May 2013" stay text. Trailing full stops are dropped ("1." -> "1").
    """
    glued = re.match(r"^(\d{1,3}(?:\.\d{1,3}){0,3})\.(?=[A-Z][a-z])", text)
    if glued:  # "10.Direct work ..." where the PDF's tab after the number was too narrow to show
        return glued.group(1), text[glued.end():].strip()
    match = _LABEL_RE.match(text)
    if not match:
        return None, text
    label, rest = match.group("label"), match.group("rest")
    first = rest.split(None, 1)[0].lower().strip(".,;:")
    first_char = rest[0]
    if label[0].isdigit() and not label.endswith(")"):
        bare = "." not in label.rstrip(".")
        allowed = "\"'‘“[" if bare else "\"'‘“(["
        if (first in _NOT_AFTER_NUMBER and (bare or first in {"per", "percent", "%"})) or not (first_char.isupper() or first_char in allowed):
            return None, text
        if "." not in label.rstrip(".") and int(label.rstrip(".")) > 400:
            return None, text
        if "." not in label and _STREET.match(rest):
            return None, text  # "12 Elm Road": a house number, not a paragraph label
    elif label[0].isupper():
        if re.match(r"\d[A-Z]{2}\b", rest):
            return None, text  # a postcode: "M1 2WD"
        if not (first_char.isupper() or first_char.isdigit() or first_char in "\"'‘“(["):
            return None, text
    elif label.startswith("(") and not (len(label) <= 3 or _ROMAN.match(label)):
        return None, text
    elif label.endswith(".") and not (first_char.isupper() or first_char.isdigit()):
        return None, text
    if label[0].isdigit() or label[0].isupper():
        label = label.rstrip(".")
    return label, rest.strip()


def split_label_loose(text: str) -> tuple[str | None, str]:
    """Like `split_label` but for a first table cell or a line that is nothing but a label."""
    candidate = text.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{1,3}){0,4}\.?|[A-Z]{1,2}\d{1,3}(?:\.\d{1,3}){0,3}\**|\([a-z]{1,4}\)", candidate):
        return candidate.rstrip("."), ""
    return split_label(text)


# --------------------------------------------------------------------------------------------
# Text clean-up
# --------------------------------------------------------------------------------------------

BULLET_CHARS = "•●▪■◦○◆◇►▶➢➤✓✔∙·‣⁃–—-*o\uf0b7\uf0a7\uf0d8\uf076\uf0fc\u2022\u2043\u25aa\u25cf"
_BULLET_RE = re.compile(r"^(?:\(cid:\d+\)|[•●▪■◼◻□▫▸◦○◆◇►▶➢➤➔→✓✔✗✘∙·‣⁃⦁\u2043\ue000-\uf8ff]|[-–—−*](?=\s))\s*")
_CID_RE = re.compile(r"\(cid:\d+\)")
_WS_RE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def strip_bullet(text: str) -> tuple[bool, str]:
    match = _BULLET_RE.match(text)
    if match:
        return True, text[match.end():]
    return False, text


def clean_text(text: str) -> str:
    text = _CID_RE.sub("", text).replace("\u00ad", "").replace("\ufb01", "fi").replace("\ufb02", "fl")
    return _WS_RE.sub(" ", text).strip()


_WORD_CHARS = re.compile(r"[A-Za-z]+")
_OPEN_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]{8,}$")


def join_wrapped(lines: list[str], vocabulary: set[str] | None = None) -> str:
    """Join printed lines into one paragraph, repairing words hyphenated across a line wrap.

    "assess-" + "ment" becomes "assessment"; a real compound ("multi-" + "agency") keeps its hyphen
    when the document prints it hyphenated elsewhere, or when the joined word is nowhere else but
    both halves are words of the document.
    """
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        if _OPEN_URL.search(out) and re.match(r"[^\s]*[/=&?%_#]", line):
            out = out + line  # a long web address broken across lines
        elif (out.endswith("-") or out.endswith("\u00ad")) and len(out) > 1 and out[-2].isalpha() and line[:1].islower():
            head = re.search(r"([A-Za-z]+)[-\u00ad]$", out)
            tail = _WORD_CHARS.match(line)
            keep = False
            if head and tail and vocabulary is not None and not out.endswith("\u00ad"):
                a, b = head.group(1).lower(), tail.group(0).lower()
                if f"{a}-{b}" in vocabulary:
                    keep = True
                elif f"{a}{b}" in vocabulary:
                    keep = False
                elif a in COMPOUND_PREFIXES:
                    keep = True
            out = (out if keep else out[:-1]) + line
        else:
            out = f"{out} {line}"
    return out


COMPOUND_PREFIXES = set(
    "multi non pre post co self cross inter sub anti well long short high low full part front step "
    "semi mid ex all under over out up decision child young care social day one two three four five "
    "six seven ten twelve year month week time case life good poor key older older-age".split()
)


def vocabulary_of(texts: Iterable[str]) -> set[str]:
    vocab: set[str] = set()
    for text in texts:
        for token in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", text):
            vocab.add(token.lower())
    return vocab


# --------------------------------------------------------------------------------------------
# Blocks -> passages
# --------------------------------------------------------------------------------------------


@dataclass
class Block:
    """One printed block before labels and heading paths are worked out."""

    text: str
    kind: PassageKind = PassageKind.PARAGRAPH
    page: int | None = None
    level: int = 0  # heading level, 1 = top
    cells: tuple[str, ...] | None = None
    label: str | None = None
    layer: str | None = None  # PDFs: the text layer that read the block's page ("pdfium" | "pdfplumber")


_NUMBERED_HEADING = re.compile(r"^\d+(?:\.\d+)* ")
_CONTENTS = re.compile(r"^(?:table of )?contents$|^index$", re.I)


def _only_a_date(text: str) -> bool:
    found = _dates_in(text)
    return len(found) == 1 and len(re.sub(r"\W", "", text[: found[0][0]] + text[found[0][1]:])) <= 10


def blocks_to_passages(blocks: list[Block], title: str | None = None) -> list[ExtractedPassage]:
    passages: list[ExtractedPassage] = []
    stack: list[tuple[int, str]] = []
    title_key = _norm(title) if title else None
    for block in blocks:
        text = clean_text(block.text) if block.kind != PassageKind.TABLE_ROW else block.text
        label = block.label
        if block.kind == PassageKind.TABLE_ROW:
            cells = tuple(clean_text(c) for c in (block.cells or ()))
            if not any(cells):
                continue
            if label is None and cells:
                # a label in a cell of its own ("R1"), or printed before the text of the first
                # filled cell ("2.1 Adoption performance"); the cells keep their text as printed
                filled = [c for c in cells if c]
                first_label, rest = split_label_loose(filled[0])
                house_number = not rest and first_label.isdigit() and len(filled) > 1 and _STREET.match(filled[1]) if first_label else False
                if first_label and not house_number and (not rest or first_label[0].isdigit() or first_label[0].isupper()):
                    label = first_label
            passages.append(
                ExtractedPassage(
                    text=" | ".join(c for c in cells if c),
                    kind=PassageKind.TABLE_ROW,
                    page=block.page,
                    label=label,
                    heading_path=tuple(h for _, h in stack),
                    cells=cells,
                    layer=block.layer,
                )
            )
            continue
        if not text:
            continue
        if label is None:
            label, text = split_label(text)
            if label is None and len(text) <= 12:
                alone, rest = split_label_loose(text)
                if alone and not rest and not alone[0].isdigit():
                    label = alone  # a label printed on its own ("A13"): keep its text too
        if block.kind == PassageKind.HEADING and _only_a_date(text):
            block = Block(text=text, kind=PassageKind.PARAGRAPH, page=block.page, layer=block.layer)  # "22 January 2015" heads nothing
        if block.kind == PassageKind.HEADING:
            heading_text = text
            level = float(block.level)
            if label and re.fullmatch(r"\d+(?:\.\d+)*", label):
                level += 0.1 * label.count(".")  # "9.1 What happens next" sits under "9. Outcome"
            elif not label:
                # an unnumbered heading styled like the numbered section it follows stays inside it
                for lvl, shown in reversed(stack):
                    if lvl < level:
                        break
                    if lvl < level + 1 and _NUMBERED_HEADING.match(shown):
                        level = lvl + 0.05
                        break
            while stack and stack[-1][0] >= level:
                stack.pop()
            passages.append(
                ExtractedPassage(
                    text=heading_text,
                    kind=PassageKind.HEADING,
                    page=block.page,
                    label=label,
                    heading_path=tuple(h for _, h in stack),
                    layer=block.layer,
                )
            )
            if title_key is None or _norm(heading_text) != title_key:
                shown = f"{label} {heading_text}" if label and label[0].isdigit() else heading_text
                # "Contents" encloses only its entries: the next heading of any level closes it
                stack.append((99.0 if _CONTENTS.match(heading_text) else level, shown))
            continue
        passages.append(
            ExtractedPassage(
                text=text,
                kind=block.kind,
                page=block.page,
                label=label,
                heading_path=tuple(h for _, h in stack),
                layer=block.layer,
            )
        )
    return passages


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


# --------------------------------------------------------------------------------------------
# Metadata: title, date, authority, kind
# --------------------------------------------------------------------------------------------

# label before a date, strongest first
_DATE_CUES = [
    ("meeting date", re.compile(r"\b(?:date of meeting|meeting date|meeting held on|meeting of [^\n]{0,80}? held on)\b", re.I), 60),
    ("publication date", re.compile(r"\b(?:report published|date of publication|publication date|published|date of report|report date|date of issue)\s*[:\t|]", re.I), 30),
    ("date field", re.compile(r"(?:^|\n|\|)\s*(?:date|date of report|report date)\s*[:\t|]", re.I), 30),
    ("minutes date", re.compile(r"\bminutes of (?:the )?[^\n]{0,120}?\b(?:held )?on\b", re.I), 40),
    ("report date", re.compile(r"\b(?:date of report|report date|date of publication|publication date|report published|published on|date of issue)\b", re.I), 60),
    ("inspection date", re.compile(r"\b(?:inspection dates?|dates? of inspection|inspection took place|visit dates?|date of visit|inspected on)\b", re.I), 80),
]


def _dates_in(text: str) -> list[tuple[int, int, str]]:
    """All full (day) dates in `text` as (start, end, iso), in order (core.dates reads them)."""
    return [(f.start, f.end, f.value.isoformat()) for f in find_dates(text) if f.precision == "day"]


def _whole_line_date(text: str, found: tuple[int, int, str]) -> bool:
    """A date that is (nearly) a line on its own: a cover-page or meeting date."""
    start, end, _ = found
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start: line_end if line_end >= 0 else len(text)]
    return len(line.strip()) <= (end - start) + 25


_BIRTH_CUE = re.compile(r"\b(?:d\.?\s?o\.?\s?b\b\.?|born|birth|birthday|birthdate)\b|\bb\.(?=\s*\d)", re.I)
_NOT_BIRTH_GAP = re.compile(r"\d|\b(?:date|meeting|report|held|published|review|visit|inspection)\b", re.I)


def _birth_date(head: str, start: int) -> bool:
    """Is the date at `start` a date of birth: "DOB: 03/04/2015", "born on 3 April 2015",
    "Date of birth | 03/04/2015"? (the nearest cue before it, with nothing date-like between)"""
    window = head[max(0, start - 60):start]
    cues = list(_BIRTH_CUE.finditer(window))
    if not cues:
        return False
    gap = window[cues[-1].end():]
    return len(gap) <= 30 and not _NOT_BIRTH_GAP.search(gap)


def decide_date(text: str) -> Decided:
    """The document's own date from its text: a labelled date first, then the first full date.

    Dates of birth ("DOB 27/09/2007", "born 05/07/2010", "Date of birth: 3 April 2015") are never
    the document's date, nor is a month and year of birth ("born April 2015").
    """
    head = text[:6000]
    dates = [d for d in _dates_in(head) if not _birth_date(head, d[0])]
    opening = [d for d in dates if d[0] < 400 and _whole_line_date(head, d)]
    for how, cue, reach in _DATE_CUES[:3]:
        for match in cue.finditer(head):
            after = [d for d in dates if match.end() <= d[0] <= match.end() + reach]
            if after:
                start, end, iso = after[0]
                return Decided(iso, f"{how} in text: {head[start:end]!r}")
    if opening:
        start, end, iso = opening[0]
        return Decided(iso, f"date line at the top of the document: {head[start:end]!r}")
    for how, cue, reach in _DATE_CUES:
        for match in cue.finditer(head):
            after = [d for d in dates if match.end() <= d[0] <= match.end() + reach]
            if after:
                start, end, iso = after[0]
                # a range "3 June to 14 June 2013": take the last date of the range
                following = [d for d in after[1:] if d[0] - end < 12]
                if how == "inspection date" and following:
                    iso = following[-1][2]
                return Decided(iso, f"{how} in text: {head[start:end]!r}")
    if dates:
        start, end, iso = dates[0]
        return Decided(iso, f"first date in text: {head[start:end]!r}")
    # find_dates never reports a month inside a full date (such as a date of birth) as a date of its own
    month = next((f for f in find_dates(head) if f.precision == "month" and not _birth_date(head, f.start)), None)
    if month:
        return Decided(month.value.isoformat(), f"month and year only in text: {head[month.start:month.end]!r} (day taken as 1)")
    return Decided(None, "no date found in text")


_CAP = r"[A-Z][\w'’]*(?:-[\w'’]+)*"
_AUTHORITY_PATTERNS = [
    re.compile(rf"\b((?:London|Royal) Borough of {_CAP}(?:(?: and| upon| on| in)? {_CAP}){{0,3}})"),
    re.compile(rf"\b(City of {_CAP}(?: {_CAP}){{0,2}} Council)"),
    re.compile(
        rf"\b({_CAP}(?:(?: and| upon| on| in| of)? {_CAP}){{0,3}} "
        r"(?:Metropolitan Borough|Borough|County|City|District|Unitary)? ?Council)\b"
    ),
]
_OFSTED_LA = re.compile(
    rf"\b(?:Inspection of|(?:[Ff]ocused|[Mm]onitoring) visit to|inspection of services for children[^\n]{{0,40}}? in|Local authority:?)\s+"
    rf"({_CAP}(?:(?: and| upon| on| of)? {_CAP}){{0,4}})(?:'s|’s)?"
)
_NOT_AUTHORITY = {"the", "this", "our", "county", "borough", "city", "district", "parish", "town", "a", "each", "every", "full", "and"}
# "Children in Care Council", "Youth Council": councils that are not local authorities
_NOT_COUNCIL_WORDS = {"children", "child", "care", "youth", "young", "school", "schools", "parish", "town", "safeguarding", "people", "family", "families", "students", "pupils", "health", "research", "advisory", "arts", "british", "privy", "european", "security"}


def _ofsted_area(head: str) -> Decided | None:
    match = _OFSTED_LA.search(head)
    if not match or match.group(1).split()[0].lower() in _NOT_AUTHORITY:
        return None
    name = re.sub(r"\s+(?:children|childrens?|local|services?|city council local|council local)\b.*$", "", match.group(1), flags=re.I)
    known = _LA_RE.fullmatch(name) or _LA_RE.match(name)
    if known and len(known.group(1)) == len(name.split(" council")[0].split(" City")[0].split(" County")[0]):
        name = name if name.lower().endswith("council") else _LA_CANON[known.group(1).lower()]
    return Decided(name, f"area named in inspection heading: {match.group(0)!r}")


def decide_authority(text: str) -> Decided:
    head = text[:8000]
    area = _ofsted_area(head[:1500])
    if area:
        return area
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    known_names: set[str] = set()
    for pattern in _AUTHORITY_PATTERNS:
        for match in pattern.finditer(head):
            name = re.sub(r"\s+", " ", match.group(1)).strip()
            words = name.split()
            while words and words[0].lower() in _NOT_AUTHORITY | {"of", "to", "by", "for", "with"}:
                words = words[1:]
            if len(words) < 2 or words[0].lower() in {"council"}:
                continue
            if name.endswith("Council") and any(w.lower() in _NOT_COUNCIL_WORDS for w in words[:-1]):
                continue
            name = " ".join(words)
            known = _LA_RE.search(name) if name.endswith("Council") else None
            if known:
                name = name[known.start():]
                known_names.add(name)
            elif name.endswith("Council") and " of " in name:
                name = name.rsplit(" of ", 1)[1]
                if len(name.split()) < 2:
                    continue
            elif len(words) > 4 and name.endswith("Council"):
                continue
            if _LA_RE.search(name):
                known_names.add(name)
            counts[name] = counts.get(name, 0) + 1
            first.setdefault(name, match.start())
    if counts:
        pool = [n for n in counts if n in known_names] or list(counts)
        best = max(pool, key=lambda n: (counts[n], -first[n]))
        return Decided(best, f"council named in text ({counts[best]}x)")
    area = _ofsted_area(head)
    if area:
        return area
    return authority_from_names(head)


_COMMITTEE_FIELDS = re.compile(r"(?:^|\n|\|)\s*(?:meeting|date of meeting|meeting date|report to|report by|report author|decision maker|key decision|wards? affected)\s*[:\t|]", re.I)
_COMMITTEE_RE = re.compile(
    r"(?:^|\n|\|)\s*(?:meeting|date of meeting|meeting date|report to|report by|report of|report author|decision maker|key decision|wards? affected|lead member|portfolio)\s*[:\t|]"
    r"|\breport (?:of|by|to) the [^\n]{0,60}(?:director|head|cabinet|committee|board|member|officer)"
    r"|\b(?:scrutiny|overview and scrutiny|cabinet|select) committee\b|\brecommendation\(s\)",
    re.I,
)
_KIND_RULES: list[tuple[DocumentKind, re.Pattern[str], str]] = [
    (DocumentKind.MINUTES, re.compile(r"^\W*(?:draft |confirmed )?minutes\b|\bminutes of (?:the|a) [^\n]{0,60}(?:meeting|committee|board|panel)", re.I | re.M), "'minutes of' in opening text"),
    (DocumentKind.INSPECTION, re.compile(r"^.{0,600}?(?:\binspection of [\w ,'’-]+(?:children|local authority|services)|\b(?:focused|monitoring) visit to\b|\binspection dates?\b|\bdates? of inspection\b|\bher majesty['’]s inspector)", re.I | re.S), "Ofsted inspection wording at the top"),
    (DocumentKind.COMMITTEE, _COMMITTEE_RE, "committee report wording (meeting, report of/to, scrutiny committee)"),
    (DocumentKind.CASE_SUMMARY, re.compile(r"\bcase (?:summary|file summary|review summary)\b|\bdate of birth\b|\bd\.o\.b\b", re.I), "case summary wording"),
    (DocumentKind.ACTION_PLAN, re.compile(r"\b(?:improvement|action) plan\b", re.I), "'action plan' in title"),
    (DocumentKind.AUDIT, re.compile(r"\baudit\b|\breview of\b|\baudit commission\b", re.I), "audit wording"),
]


def decide_kind(title: str | None, text: str) -> Decided:
    head = text[:3000]
    title = title or ""
    for kind in (DocumentKind.MINUTES, DocumentKind.ACTION_PLAN, DocumentKind.CASE_SUMMARY):
        rule = next(r for r in _KIND_RULES if r[0] == kind)
        if rule[1].search(title):
            if kind == DocumentKind.ACTION_PLAN and _COMMITTEE_FIELDS.search(head[:1500]):
                return Decided(DocumentKind.COMMITTEE.value, "committee report fields (meeting, report by) at the top; it presents an action plan")
            return Decided(kind.value, f"title: {rule[2]}")
    for kind, pattern, why in _KIND_RULES:
        if kind == DocumentKind.ACTION_PLAN:
            continue
        if kind == DocumentKind.AUDIT:
            if pattern.search(title):
                return Decided(kind.value, "title: audit or review wording")
            continue
        if pattern.search(head):
            return Decided(kind.value, why)
    if re.search(r"\baction plan\b", head, re.I):
        return Decided(DocumentKind.ACTION_PLAN.value, "'action plan' in opening text")
    if re.search(r"\binspection\b", title, re.I) and re.search(r"\bofsted\b", head, re.I):
        return Decided(DocumentKind.INSPECTION.value, "'inspection' in title and Ofsted in text")
    if re.search(r"\baudit\b", head, re.I):
        return Decided(DocumentKind.AUDIT.value, "audit wording in opening text")
    return Decided(DocumentKind.OTHER.value, "no kind cue found")


_FIELD_TITLE = re.compile(r"(?:^|\n|\|)\s*(?:title of report|report title|title|subject)\s*[:\t|]+\s*(?:\|\s*)?([^\n|]{4,200})", re.I)
_BAD_TITLE = re.compile(
    r"^(?:untitled|microsoft word|document\d*|slide \d+|\(anonymous\)|\(unspecified\)|none)|\.docx?$|\.pdf$|[\t]|^\w+:\s"
    r"|^(?:report|agenda item|item|paper|ref(?:erence)?)\s*(?:no\.?|number|ref\.?)?\s*[:.]?\s*[\d/]+\s*$|^[\W\d]+$",
    re.I,
)


def good_title(value: str | None) -> str | None:
    if not value:
        return None
    value = re.sub(r"\s+", " ", value).strip()
    if len(value) < 4 or len(value) > 250 or _BAD_TITLE.search(value):
        return None
    return value


_MARKING_IN_TITLE = re.compile(r"\s*[\(\[]?\b(?:OFFICIAL(?:[\s\-–:]+SENSITIVE)?|RESTRICTED|CONFIDENTIAL|PROTECT)\b[\)\]]?\s*")


def decide_title(text: str, metadata_title: str | None, first_heading: str | None, metadata_how: str, prefer_heading: bool = False) -> Decided:
    decided = _decide_title(text, metadata_title, first_heading, metadata_how, prefer_heading)
    if decided.value:
        cleaned = _MARKING_IN_TITLE.sub(" ", decided.value).strip(" -–:")
        if cleaned and cleaned != decided.value:
            return Decided(cleaned, decided.how + " (security marking removed)")
    return decided


def _decide_title(text: str, metadata_title: str | None, first_heading: str | None, metadata_how: str, prefer_heading: bool = False) -> Decided:
    field = _FIELD_TITLE.search(text[:3000])
    if field:
        return Decided(field.group(1).strip(), "'title' field in text")
    if prefer_heading and first_heading:
        return Decided(first_heading, "main heading on the first page")
    if good_title(metadata_title):
        return Decided(good_title(metadata_title), metadata_how)
    if first_heading and not _NOT_TITLE.search(first_heading):
        return Decided(first_heading, "first heading")
    lines = [line.strip() for line in text.splitlines() if len(line.strip()) > 3]
    if lines and re.search(r"\b(?:panel|committee|board|cabinet|forum)\s*$", lines[0], re.I):
        return Decided(lines[0][:200], "board or committee name at the top (minutes)")
    if first_heading:
        return Decided(first_heading, "first heading")
    for line in text.splitlines():
        line = line.strip()
        if len(line) > 3 and not _NOT_TITLE.search(line):
            return Decided(line[:200], "first line of text")
    return Decided(None, "no text")


_NOT_TITLE = re.compile(
    r"\b(?:panel|committee|board|cabinet|forum|meeting|contents)\s*$|^(?:report (?:of|by|to)|agenda|present|apologies|in attendance|attendees)\b"
    r"|^(?:\d+\.?\s+)?(?:purpose(?: of (?:the )?report)?|introduction|background|summary|executive summary|recommendations?)\s*$",
    re.I,
)


_REPORT_TITLE = re.compile(r"^(?:inspection|re-inspection|joint targeted area inspection|focused visit|monitoring visit|review|report|annual report|minutes|improvement plan|action plan)\b", re.I)


def _main_heading(blocks: list[Block]) -> str | None:
    """The top-level heading near the start (first page, first 25 blocks), not just the first one."""
    headings = [b for b in blocks[:25] if b.kind == PassageKind.HEADING and b.text.strip() and (b.page in (None, 1))]
    headings = [b for b in headings if good_title(clean_text(b.text)) and not _only_a_date(b.text)]
    early = [b for b in headings if not _NOT_TITLE.search(clean_text(b.text)) and not re.match(r"\d+(?:\.\d+)*\.?\s", clean_text(b.text))]
    if not early:
        # only a board or panel name on top (minutes): that is the title
        named = [b for b in headings if re.search(r"\b(?:panel|committee|board|cabinet|forum)\s*$", clean_text(b.text), re.I)]
        return clean_text(named[0].text) if named else None
    typed = [b for b in early if _REPORT_TITLE.match(clean_text(b.text))]
    if typed and len(clean_text(typed[0].text)) > 25:
        return clean_text(typed[0].text)  # "Inspection of ..." beats the council's name above it
    top = min(b.level for b in early)
    return clean_text(next(b.text for b in early if b.level == top))


# Form feed, vertical tab and line separators part words, so they become spaces; then
# core.text.printable removes terminal escape sequences (ANSI CSI, OSC) and every other control
# character except tab and newline; lone surrogates cannot be stored as UTF-8 at all.
_SPACING_CONTROLS = re.compile(r"[\x0b\x0c\x85\u2028\u2029]")
_UNENCODABLE = re.compile(r"[\ud800-\udfff\ufffe\uffff]")


def strip_controls(text: str) -> str:
    """Text with terminal escape sequences and control characters other than tab and newline removed."""
    return _UNENCODABLE.sub("", printable(_SPACING_CONTROLS.sub(" ", text)))


def _without_controls(block: Block) -> Block:
    cells = tuple(strip_controls(c) for c in block.cells) if block.cells is not None else None
    label = strip_controls(block.label) if block.label else block.label
    return replace(block, text=strip_controls(block.text), cells=cells, label=label)


def _without_birth_columns(blocks: list[Block]) -> str:
    """The document's text for finding its date, with table cells under a date-of-birth heading
    ("Name | DOB | Address") left out: a child's birthday is never the document's date."""
    out: list[str] = []
    birth_columns: set[int] = set()
    for block in blocks:
        if block.kind != PassageKind.TABLE_ROW:
            birth_columns = set()
            out.append(block.text)
            continue
        cells = list(block.cells or ())
        heads = {i for i, cell in enumerate(cells) if len(cell) <= 40 and _BIRTH_CUE.search(cell)}
        if heads and not any(_dates_in(cell) for cell in cells):
            birth_columns = heads  # a header row
        else:
            cells = ["" if i in birth_columns else cell for i, cell in enumerate(cells)]
        out.append(" | ".join(cells))
    return "\n".join(out)


def finish(
    path: Path,
    fmt: str,
    blocks: list[Block],
    *,
    metadata_title: str | None = None,
    metadata_how: str = "document properties",
    first_heading: str | None = None,
    page_count: int | None = None,
    properties: dict[str, str] | None = None,
    sha256: str | None = None,
    prefer_heading: bool = False,
) -> ExtractedDocument:
    """Build the ExtractedDocument: decide metadata, then labels and heading paths."""
    # Nothing enters the store with control characters or terminal escapes in it (a text file with
    # ESC/BEL broke Word output and could drive a terminal): tab and newline are all that stay.
    blocks = [_without_controls(b) for b in blocks]
    metadata_title = strip_controls(metadata_title) if metadata_title else metadata_title
    first_heading = strip_controls(first_heading) if first_heading else first_heading
    properties = {strip_controls(k): strip_controls(v) for k, v in (properties or {}).items()}
    full_text = "\n".join(b.text if b.kind != PassageKind.TABLE_ROW else " | ".join(b.cells or ()) for b in blocks)
    if first_heading is None:
        first_heading = _main_heading(blocks)
    title = decide_title(full_text, metadata_title, first_heading, metadata_how, prefer_heading)
    passages = blocks_to_passages(blocks, title.value)
    date_text = _without_birth_columns(blocks)
    return ExtractedDocument(
        sha256=sha256 or sha256_file(path),
        source_path=str(path),
        format=fmt,
        passages=passages,
        title=title,
        date=decide_date(date_text),
        kind=decide_kind(title.value, full_text),
        authority=decide_authority(full_text),
        page_count=page_count,
        properties=properties or {},
    )


# English local authorities with children's services (for documents that never write "X Council")
LOCAL_AUTHORITIES = """Barking and Dagenham|Barnet|Barnsley|Bath and North East Somerset|Bedford|Bexley|Birmingham|
Blackburn with Darwen|Blackpool|Bolton|Bournemouth, Christchurch and Poole|Bracknell Forest|Bradford|Brent|Brighton and Hove|
Bristol|Bromley|Buckinghamshire|Bury|Calderdale|Cambridgeshire|Camden|Central Bedfordshire|Cheshire East|
Cheshire West and Chester|City of London|Cornwall|Coventry|Croydon|Cumberland|Cumbria|Darlington|Derby|Derbyshire|Devon|
Doncaster|Dorset|Dudley|Durham|Ealing|East Riding of Yorkshire|East Sussex|Enfield|Essex|Gateshead|Gloucestershire|
Greenwich|Hackney|Halton|Hammersmith and Fulham|Hampshire|Haringey|Harrow|Hartlepool|Havering|Herefordshire|
Hertfordshire|Hillingdon|Hounslow|Isle of Wight|Isles of Scilly|Islington|Kensington and Chelsea|Kent|Kingston upon Hull|
Kingston upon Thames|Kirklees|Knowsley|Lambeth|Lancashire|Leeds|Leicester|Leicestershire|Lewisham|Lincolnshire|Liverpool|
Luton|Manchester|Medway|Merton|Middlesbrough|Milton Keynes|Newcastle upon Tyne|Newham|Norfolk|North East Lincolnshire|
North Lincolnshire|North Northamptonshire|North Somerset|North Tyneside|North Yorkshire|Northamptonshire|Northumberland|
Nottingham|Nottinghamshire|Oldham|Oxfordshire|Peterborough|Plymouth|Poole|Portsmouth|Reading|Redbridge|Redcar and Cleveland|
Richmond upon Thames|Rochdale|Rotherham|Rutland|Salford|Sandwell|Sefton|Sheffield|Shropshire|Slough|Solihull|Somerset|
South Gloucestershire|South Tyneside|Southampton|Southend-on-Sea|Southwark|St Helens|Staffordshire|Stockport|
Stockton-on-Tees|Stoke-on-Trent|Suffolk|Sunderland|Surrey|Sutton|Swindon|Tameside|Telford and Wrekin|Thurrock|Torbay|
Tower Hamlets|Trafford|Wakefield|Walsall|Waltham Forest|Wandsworth|Warrington|Warwickshire|West Berkshire|West Northamptonshire|
West Sussex|Westminster|Westmorland and Furness|Wigan|Wiltshire|Windsor and Maidenhead|Wirral|Wokingham|Wolverhampton|
Worcestershire|York""".replace("\n", "").split("|")
_LA_RE = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(LOCAL_AUTHORITIES, key=len, reverse=True)) + r")\b", re.I)
_LA_CANON = {n.lower(): n for n in LOCAL_AUTHORITIES}


def authority_from_names(text: str) -> Decided:
    counts: Counter[str] = Counter()
    for match in _LA_RE.finditer(text[:8000]):
        counts[_LA_CANON[match.group(1).lower()]] += 1
    if not counts:
        return Decided(None, "no council named in text")
    name, n = counts.most_common(1)[0]
    return Decided(name, f"local authority name in text ({n}x)")
