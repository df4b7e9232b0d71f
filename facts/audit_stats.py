"""Audit statistics a document states: cases audited, grade shares, the period, scope and auditors.

A grade share is read only where the share and its grade sit together in one clause, with no other
number between them: "41 per cent were good or better; 47 per cent required improvement" gives
41% good or better and 47% requires improvement, never a sum or a share of the other's base. "12 of
the 40 cases were graded good" gives 30% good of 40 cases.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.model import AuditStatFact, Passage, Provenance
from facts.text import NUMBER_WORDS, normal, sentences

AUDIT_WORD = re.compile(r"\baudit|\bquality assurance\b|\bdip[- ]sampl|\bcase review", re.I)
_NUM = r"(?P<n>\d{1,3}(?:,\d{3})+|\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_CASES = r"(?:cases?|case files?|files|case records|records|children'?s (?:cases|files|records)|audits|case audits)"
CASES_AUDITED = [
    re.compile(rf"(?:a total of\s+)?{_NUM}\s+(?:[\w-]+\s+){{0,3}}?{_CASES}\s+(?:were|have been|had been|was|are)\s+(?:\w+\s+)?"
               r"(?:audited|reviewed|dip[- ]sampled|sampled|examined|completed|undertaken|carried out)\b", re.I),
    re.compile(rf"\b(?:audit(?:ed|s)?|dip[- ]sampl(?:ed|e))\s+(?:of\s+)?(?:a\s+(?:random\s+)?sample\s+of\s+|a total of\s+)?{_NUM}\s+"
               r"(?:[\w-]+\s+){0,2}?(?:cases|case files|files|children)\b", re.I),
    re.compile(rf"\b(?:audit|sample)\s+(?:sample\s+)?(?:of|was|comprised|included)\s+{_NUM}\s+(?:[\w-]+\s+){{0,2}}?(?:cases|case files|files)\b", re.I),
]
NOT_A_FACT = re.compile(r"\b(will|would|should|plan(?:s|ned)? to|inspectors?|inspection team|to audit)\b", re.I)
_PCT = r"(?P<pct>\d{1,3}(?:\.\d+)?)\s*(?:%|per\s?cent|percent)"
_GRADE = (r"(?P<grade>good(?:\s+[\w-]+){0,2}\s+or\s+(?:better|above|outstanding)|outstanding|good|requires?\s+improvement|"
          r"requiring\s+improvement|adequate|satisfactory|inadequate|poor)")
# the words between a share and its grade: no numbers, no clause breaks, a few words at most
_GAP = r"(?P<mid>(?:\s*\(?(?:of\s+(?:the\s+)?(?:cases|audits|files|case files)(?:\s+audited)?|were|was|are|is|had\s+been|have\s+been|been|"
_GAP += r"judged|graded|rated|assessed|found|considered|to\s+be|as|of|a|an|the|overall|practice|quality|standard|work)\)?\s*){0,9})"
GRADE_SHARE = re.compile(_PCT + r"\)?" + _GAP + r"\s*\b" + _GRADE + r"\b", re.I)
GRADE_COUNT = re.compile(
    r"(?P<k>\d[\d,]*)\s+(?:of|out of)\s+(?:the\s+)?(?P<n>\d[\d,]*)\s+(?:[\w-]+\s+){0,2}?(?:cases|audits|files)"
    r"(?:\s+audited)?\s+(?:were|was|are|had been|have been)\s+(?:judged|graded|rated|assessed|found)?\s*(?:to\s+be\s+|as\s+)?" + _GRADE + r"\b",
    re.I)
CASE_CONTEXT = re.compile(r"\b(cases?|audits?|audited|case files?|files)\b", re.I)
PERIOD = [
    re.compile(r"\bover (?:a period of )?(?:\d+|\w+) (?:weeks|months)(?: from [^.,;]+)?", re.I),
    re.compile(r"\b(?:between|from) (?:\d{1,2}(?:st|nd|rd|th)? )?(?:early |late |mid-?)?[A-Z][a-z]+ \d{4} (?:and|to|until) "
               r"(?:\d{1,2}(?:st|nd|rd|th)? )?(?:early |late |mid-?)?[A-Z][a-z]+ \d{4}"),
    re.compile(r"\b(?:during|in|for|over) (?:the (?:course of |period |year )?)?(?:\d{4}\s*[-/–]\s*\d{2,4})", re.I),
    re.compile(r"\b(?:Q[1-4]|quarter [1-4])\s+(?:of\s+)?\d{4}(?:[-/]\d{2})?", re.I),
]
TITLE_PERIOD = re.compile(r"\b(\d{4}\s*[-/–]\s*\d{2,4}|\d{4})\b")
AUDITORS = re.compile(r"\b(?:team of|by)\s+(?P<n>\d+|" + "|".join(NUMBER_WORDS) + r")\s+(?:\w+\s+)?auditors\b", re.I)
SCOPE = [
    re.compile(r"\baudit (?P<scope>all [^.;\"]{4,100})", re.I),
    re.compile(r"\b(?P<scope>(?:themed|thematic|deep[- ]dive|multi-agency|monthly|quarterly|weekly) (?:case )?audits? (?:of|on|into) [^.;:]{4,90})", re.I),
    re.compile(r"\b(?P<scope>(?:all |the )?[\w ]{0,30}?\bcomplete[s]? (?:monthly|quarterly|weekly|regular) (?:case )?audits\b[^.;:]{0,80})", re.I),
]
FUTURE = re.compile(r"\b(will|coming year|planned|plan for|forward plan)\b", re.I)


def number_of(text: str) -> int | None:
    text = text.lower().replace(",", "")
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(text)


def grade_category(grade: str) -> str:
    g = " ".join(grade.lower().split())
    if " or " in g and g.startswith("good"):
        return "good or better"
    if g in ("adequate", "satisfactory", "require improvement", "requires improvement", "requiring improvement"):
        return "requires improvement"
    if g == "poor":
        return "inadequate"
    return g


def read_audit_stats(passages: Sequence[Passage], authority: str | None, title: str | None = None,
                     kind: str | None = None) -> list[AuditStatFact]:
    """Cases audited, grade shares, period, scope and auditors stated in a document's passages."""
    out: list[AuditStatFact] = []
    mentions = sum(1 for p in passages if AUDIT_WORD.search(p.text))
    strong = kind == "audit report" or bool(AUDIT_WORD.search(title or ""))
    if not strong and mentions < 2:
        return out

    def fact(kind_: str, value: object, passage: Passage, words: str, **extra: object) -> None:
        out.append(AuditStatFact(kind_, value, authority, Provenance(passage.document_sha, passage.id, passage.page, passage.label,
                                                                      normal(words)[:400]), **extra))  # type: ignore[arg-type]

    cases_total: int | None = None
    for index, passage in enumerate(passages):
        context = " ".join(passage.heading_path)
        for sentence in sentences(normal(passage.text)):
            if passage.kind != "table row":
                for pattern in CASES_AUDITED:
                    match = pattern.search(sentence)
                    if match and number_of(match.group("n")) and not NOT_A_FACT.search(sentence[: match.end()]):
                        cases_total = cases_total or number_of(match.group("n"))
                        fact("cases_audited", number_of(match.group("n")), passage, sentence)
                        _period_near(out, passages, index, sentence, fact)
                        break
            if CASE_CONTEXT.search(sentence) or AUDIT_WORD.search(context):
                taken: list[tuple[int, int]] = []
                for match in GRADE_COUNT.finditer(sentence):
                    k, n = number_of(match.group("k")), number_of(match.group("n"))
                    if k is not None and n and k <= n:
                        taken.append(match.span())
                        fact("grade_share", round(100 * k / n, 1), passage, sentence, grade=grade_category(match.group("grade")), base=n)
                for match in GRADE_SHARE.finditer(sentence):
                    if any(a <= match.start() < b for a, b in taken):
                        continue
                    base = _base(sentence[:match.start()])
                    fact("grade_share", float(match.group("pct")), passage, sentence, grade=grade_category(match.group("grade")), base=base)
            match = AUDITORS.search(sentence)
            if match and number_of(match.group("n")) and AUDIT_WORD.search(sentence):
                fact("auditors", number_of(match.group("n")), passage, sentence)
            if AUDIT_WORD.search(sentence) and passage.kind != "table row" and not FUTURE.search(sentence):
                for pattern in SCOPE:
                    match = pattern.search(sentence)
                    if match:
                        fact("scope", match.group("scope").strip(" ,\"'"), passage, sentence)
                        break
    if not any(f.kind == "period" for f in out) and title and passages:
        match = TITLE_PERIOD.search(title)
        if match and AUDIT_WORD.search(title):
            fact("period", match.group(1), passages[0], title)
    if not any(f.kind == "period" for f in out):
        for index, passage in enumerate(passages):
            if AUDIT_WORD.search(passage.text) and not FUTURE.search(passage.text) and _period_near(out, passages, index, passage.text, fact):
                break
    return out


def _base(before: str) -> int | None:
    """The number of cases a share is of, when the words before it state it ("Of the 40 cases
    audited, 41 per cent …") and no other number stands between."""
    match = None
    for match in re.finditer(r"\bof\s+the\s+(?P<n>\d[\d,]*)\s+(?:[\w-]+\s+){0,2}?(?:cases|audits|files)\b(?:\s+audited)?", before, re.I):
        pass
    if match is None or re.search(r"\d", before[match.end():]):
        return None
    return number_of(match.group("n"))


def _period_near(out: list[AuditStatFact], passages: Sequence[Passage], index: int, text: str, fact) -> bool:  # type: ignore[no-untyped-def]
    if any(f.kind == "period" for f in out):
        return True
    candidates = [(passages[index], text)] + [(p, p.text) for p in passages[index + 1:index + 3]]
    for passage, candidate in candidates:
        for pattern in PERIOD:
            match = pattern.search(normal(candidate))
            if match:
                fact("period", match.group(0).strip(), passage, candidate)
                return True
    return False
