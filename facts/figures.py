"""Figures: the numbers a passage states, each with what it measures, its unit, period and whose
figure it is; and the check narratives use, `figures_supported(sentence, cited_passages)`.

Every number is its own fact, read where it is written: "16% (the national average is 17%)" is two
figures, Norfolk's 16 per cent and England's 17 per cent; "41 per cent good or better … 47 per cent
requires improvement" is two shares, never one sum. Numbers written as words ("sixty children") are
figures too. Years, dates, ages, paragraph references and section numbers are not figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from core.model import FigureFact, Passage, Provenance
from facts.text import NUMBER_WORD_RE, normal, sentences, word_number

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
NUMBER = re.compile(r"(?<![\w.,/-])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w]|\.\d|,\d{3})")
PERCENT_AFTER = re.compile(r"^\s*(?:%|per\s?cent\b|percent\b|pc\b)", re.I)
RATE_AFTER = re.compile(r"^\s*(?:per|for\s+every)\s+(?P<base>10,000|10000|1,000|1000|100,000|100000)\b", re.I)
DURATION_AFTER = re.compile(r"^\s*(?P<unit>days?|weeks?|months?|years?|hours?)\b", re.I)
MONEY_BEFORE = re.compile(r"£\s*$")
MONEY = re.compile(r"£\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>m|million|bn|billion|k)?\b", re.I)
MONEY_AFTER = re.compile(r"^\s*(?:m|million|bn|billion|k)\b", re.I)

# Numbers that are not figures: dates, years, ages, references, identifiers.
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_NOT_FIGURE_BEFORE = re.compile(
    r"(?:\b(?:para(?:graph)?s?|sections?|page|p\.|grade|key\s+stage|year|tier|level|step|phase|chapter|appendix|annex|table|figure|"
    r"item|priority|outcome|recommendation|article|aged?|ages|age\s+of|under\s+the\s+age\s+of|between\s+the\s+ages\s+of|"
    r"quarter|no\.|version|rule|schedule|regulation|standard|enabler|tel(?:ephone)?|room)\s*$)", re.I)
_NOT_FIGURE_AFTER = re.compile(
    rf"^(?:\s*{_MONTH}\b|\s*(?:-|–|to)?\s*year[- ]olds?\b|[- ]year[- ]olds?\b|\s*years?\s+old\b|\s*(?:st|nd|rd|th)\b|"
    r"\s*(?:am|pm)\b|:\d\d|-?\s*(?:and|or|to)\s+\d+[- ]year[- ]olds?)", re.I)
_RANGE_YEAR = re.compile(r"\b(?:19|20)\d\d\s*[-–/]\s*\d\d(?:\d\d)?\b")
_CONTENTS_LINE = re.compile(r"^[A-Z][^.|]{2,90}?\s\d{1,3}$")  # "Executive summary 6"
_LIST_NUMBER = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*\.?\s+(?=[A-Z])")  # "2.1 Adoption performance"
_CITATION = re.compile(r"\((?:[^()]*?\b(?:paras?|paragraphs?|p\.|pages?|pp\.)\s*[\d.]+[^()]*)\)|\[[^\]]*\d[^\]]*\]", re.I)

COMPARATORS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p, re.I), c) for p, c in (
    (r"\bstatistical\s+neighbou?rs?\b|\bsimilar\s+(?:local\s+)?(?:authorities|areas|councils)\b|\bcomparator\s+(?:authorities|group)\b", "statistical neighbours"),
    (r"\bnational(?:ly|\s+average|\s+figure|\s+rate)?\b|\bengland\b|\bthe\s+country\s+as\s+a\s+whole\b|\bacross\s+the\s+country\b|\ball\s+children\s+nationally\b", "England"),
    (r"\bregional(?:ly|\s+average)?\b|\bthe\s+region\b|\bin\s+the\s+(?:north|south|east|west|midlands)\b", "region"),
    (r"\blast\s+year\b|\bprevious\s+year\b|\bthe\s+year\s+before\b|\ba\s+year\s+(?:ago|earlier)\b", "last year"),
    (r"\btarget\b", "target"),
))
PERIOD = re.compile(
    rf"\b(?:(?:at|on|as\s+at|by)\s+\d{{1,2}}\s+{_MONTH}\s+(?:19|20)\d\d|(?:in|during|for|over)\s+(?:the\s+)?(?:(?:financial|academic)\s+year\s+)?(?:19|20)\d\d\s*[-–/]\s*\d\d(?:\d\d)?|"
    rf"(?:in|during|over)\s+the\s+(?:last|past|previous)\s+(?:\d+|twelve|six|three)\s+(?:months|years|weeks)|"
    rf"(?:in|during)\s+(?:(?:19|20)\d\d|{_MONTH}\s+(?:19|20)\d\d)|\bQ[1-4]\s*(?:19|20)\d\d(?:[-/]\d\d)?|quarter\s+[1-4])", re.I)


@dataclass(frozen=True)
class Number:
    """A number as written: its value, unit, where it is in the text and its words."""

    value: float
    unit: str
    start: int
    end: int
    text: str


def numbers_in(text: str, keep_years: bool = False) -> list[Number]:
    """The figures a text states (digits and number words), skipping dates, ages and references.

    With `keep_years`, years count too (for checking a sentence against its sources)."""
    found: list[Number] = []
    year_ranges = [m.span() for m in _RANGE_YEAR.finditer(text)]
    for match in NUMBER.finditer(text):
        raw = match.group("num")
        start, end = match.span("num")
        before, after = text[max(0, start - 30):start], text[end:end + 30]
        value = float(raw.replace(",", ""))
        in_range = any(a <= start < b for a, b in year_ranges)
        if _YEAR.match(raw) or in_range:
            if keep_years and not in_range:
                found.append(Number(value, "year", start, end, raw))
            continue
        if _NOT_FIGURE_BEFORE.search(before) or _NOT_FIGURE_AFTER.match(after) or re.search(r"\b(?:per|every)\s+$", before, re.I):
            continue
        if re.match(r"^\s*(?:-|–)\s*\d", after) and not PERCENT_AFTER.match(after):
            continue  # "16-17", a range of ages or a label
        found.append(_with_unit(value, raw, start, end, before, after))
    for match in MONEY.finditer(text):
        if any(n.start <= match.start("num") < n.end + 2 for n in found):
            found = [n for n in found if not (n.start <= match.start("num") < n.end + 2)]
        scale = (match.group("scale") or "").lower()
        factor = {"m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9, "k": 1e3}.get(scale, 1)
        found.append(Number(float(match.group("num").replace(",", "")) * factor, "£", match.start(), match.end(), match.group(0).strip()))
    for match in NUMBER_WORD_RE.finditer(text):
        words = match.group(0)
        if words.lower() in ("one", "no", "zero"):
            continue  # "one of the", "no one": not figures
        value = word_number(words)
        if value is None:
            continue
        before, after = text[max(0, match.start() - 30):match.start()], text[match.end():match.end() + 30]
        if _NOT_FIGURE_AFTER.match(after) or re.match(r"^\s*(?:of\s+(?:the|them|these|those|us)|times)\b", after, re.I):
            continue  # "two of the", "three times"
        found.append(_with_unit(float(value), words, match.start(), match.end(), before, after))
    return sorted(found, key=lambda n: n.start)


def _with_unit(value: float, raw: str, start: int, end: int, before: str, after: str) -> Number:
    if PERCENT_AFTER.match(after):
        return Number(value, "%", start, end, raw + after[:PERCENT_AFTER.match(after).end()].rstrip())  # type: ignore[union-attr]
    rate = RATE_AFTER.match(after)
    if rate:
        return Number(value, f"per {rate.group('base').replace(',', '')}", start, end, raw)
    if MONEY_BEFORE.search(before):
        scale = MONEY_AFTER.match(after)
        factor = {"m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9, "k": 1e3}.get(scale.group(0).strip().lower(), 1) if scale else 1
        return Number(value * factor, "£", start, end, "£" + raw)
    duration = DURATION_AFTER.match(after)
    if duration:
        unit = duration.group("unit").lower()
        return Number(value, unit if unit.endswith("s") else unit + "s", start, end, raw)
    return Number(value, "number", start, end, raw)


def _bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause a number sits in begins and ends: the nearest clause marks around it."""
    left = max(sentence.rfind(mark, 0, start) for mark in (";", ", ", "(", ":", " and ", " but ", " while ", " whereas ", " compared"))
    rights = [i for i in (sentence.find(mark, end) for mark in (";", ", ", ")", "(", ". ", " and ", " but ", " while ", " whereas ", " compared")) if i != -1]
    return (left + 1 if left >= 0 else 0), (min(rights) if rights else len(sentence))


def _clause(sentence: str, start: int, end: int) -> str:
    left, right = _bounds(sentence, start, end)
    return sentence[left:right].strip(" ,;:()")


def _comparator(sentence: str, number: Number) -> str | None:
    clause = _clause(sentence, number.start, number.end)
    for pattern, name in COMPARATORS:
        if pattern.search(clause):
            return name
    return None


def _measure(sentence: str, number: Number) -> str:
    """The words around a number that say what it counts (the number itself as "…")."""
    left, right = _bounds(sentence, number.start, number.end)
    text = " ".join((sentence[left:number.start] + "…" + sentence[number.end:right]).split()).strip(" ,;:()")
    if len(text) < 14:  # "(17%)": the sentence is the measure
        text = " ".join((sentence[:number.start] + "…" + sentence[number.end:]).split())
    return text[:200]


def read_figures(passages: Sequence[Passage], authority: str | None, on: date | None = None) -> list[FigureFact]:
    """Every figure the passages state, with what it measures and whose it is."""
    out: list[FigureFact] = []
    for passage in passages:
        if passage.kind == "heading" or any("contents" == h.strip().lower() for h in passage.heading_path):
            continue
        text = normal(_CITATION.sub(" ", passage.text))
        if _CONTENTS_LINE.match(text):
            continue
        text = _LIST_NUMBER.sub("", text)
        for sentence in sentences(text):
            numbers = numbers_in(sentence)
            if not numbers:
                continue
            period_match = PERIOD.search(sentence)
            period = period_match.group(0) if period_match else None
            for number in numbers:
                comparator = _comparator(sentence, number)
                out.append(FigureFact(
                    number.value, number.unit, _measure(sentence, number), period,
                    None if comparator in ("England", "statistical neighbours", "region") else authority, comparator, number.text,
                    Provenance(passage.document_sha, passage.id, passage.page, passage.label, sentence[:400])))
    return out


def figures_supported(sentence: str, cited_passages: Iterable[Passage | str]) -> bool:
    """Whether every number `sentence` states appears with the same value in a passage it cites.

    Numbers written as words count ("sixty" must be 60 somewhere cited); a percentage must be a
    percentage there too; a year may also be the cited document's year. Citations inside the
    sentence ("(Scrutiny report, 2025, para 3.1)") are not figures."""
    cited = list(cited_passages)
    texts = [normal(p if isinstance(p, str) else p.text) for p in cited]
    available: list[tuple[float, str]] = []
    for text in texts:
        available += [(n.value, n.unit) for n in numbers_in(text, keep_years=True)]
    years = {float(p.document_date[:4]) for p in cited if not isinstance(p, str) and p.document_date}
    for number in numbers_in(normal(_CITATION.sub(" ", sentence)), keep_years=True):
        if number.unit == "year":
            if number.value in years or any(v == number.value for v, _ in available):
                continue
            return False
        if not any(abs(value - number.value) < 1e-9 and _same_kind(unit, number.unit) for value, unit in available):
            return False
    return True


def _same_kind(cited: str, stated: str) -> bool:
    """A percentage supports only a percentage; a count supports a count, a duration or a rate's value."""
    if (cited == "%") != (stated == "%"):
        return False
    return True
