"""The analyzer: runs the registry's recognizers over a document and returns its findings.

Pattern recognizers run on every passage; the person recognizer (and recognizers marked
`records_only`) only when the caller says the document is a personal record. Text that already
holds a placeholder is left as it is, so redacting twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from redaction.model import PLACEHOLDER_RE, Finding, Span
from redaction.recognizers.person import PersonRecognizer
from redaction.registry import pattern_recognizers
from redaction.shapes import overlaps


def _trimmed(text: str, s: int, e: int) -> tuple[int, int]:
    """Whitespace and punctuation off a span's edges (an opening bracket stays if it closes)."""
    while s < e and text[s] in " \t\r\n,;:(" and not (text[s] == "(" and ")" in text[s:e]):
        s += 1
    while e > s and text[e - 1] in " \t\r\n,;:(":
        e -= 1
    return s, e


@lru_cache(maxsize=8192)
def pattern_spans(text: str, records: bool = False) -> tuple[Span, ...]:
    """Every pattern recognizer's spans in one passage, first come first served (cached: the
    record decision and the redaction read the same passages)."""
    spans: list[Span] = []
    taken = [(m.start(), m.end()) for m in PLACEHOLDER_RE.finditer(text)]
    for recognizer in pattern_recognizers():
        if recognizer.records_only and not records:
            continue
        keep_in_public = getattr(recognizer, "kept_in_public", None)
        if not records and keep_in_public is not None and keep_in_public(text):
            continue
        for s, e in list(recognizer.find(text, spans)):
            s, e = _trimmed(text, s, e)
            if e > s and not overlaps(taken, s, e):
                spans.append(Span(s, e, recognizer.category))
                taken.append((s, e))
    return tuple(spans)


_RANK = {"pattern": 0, "rule": 1, "honorific": 1, "gazetteer": 2, "verb": 2, "ner": 2, "propagation": 3}


def _non_overlapping(findings: list[Finding]) -> list[Finding]:
    """Patterns first, then stronger evidence, then longer spans."""
    findings = sorted(findings, key=lambda f: (f.passage, _RANK.get(f.source, 9), -(f.end - f.start), f.start))
    kept: dict[int, list[Finding]] = {}
    for f in findings:
        lst = kept.setdefault(f.passage, [])
        if not any(k.start < f.end and f.start < k.end for k in lst):
            lst.append(f)
    return sorted((f for lst in kept.values() for f in lst), key=lambda f: (f.passage, f.start))


def analyze(texts: Sequence[str], nlp: Any = None, records: bool = True) -> list[Finding]:
    """The findings of one document's passages. `records`: look for people too."""
    texts = [t if isinstance(t, str) else ("" if t is None else str(t)) for t in texts]
    spans = [pattern_spans(text, records) for text in texts]
    findings = [Finding(p, sp.start, sp.end, texts[p][sp.start:sp.end], sp.category, f"[{sp.category}]")
                for p, per_passage in enumerate(spans) for sp in per_passage]
    if records:
        blocked = [[(sp.start, sp.end) for sp in per_passage] + [(m.start(), m.end()) for m in PLACEHOLDER_RE.finditer(text)]
                   for text, per_passage in zip(texts, spans)]
        found = PersonRecognizer(nlp).analyze(texts, blocked)
        number = {id(per): i for i, per in enumerate(found.people)}
        for p, text in enumerate(texts):
            for s, e in found.dates_of_birth[p]:
                findings.append(Finding(p, s, e, text[s:e], "DOB", "[DOB]"))
            for o in found.occurrences[p]:
                if o.person is None:
                    findings.append(Finding(p, o.start, o.end, text[o.start:o.end], "PROFESSIONAL", "[PROFESSIONAL]", o.source))
                else:
                    findings.append(Finding(p, o.start, o.end, text[o.start:o.end], o.person.category, "", o.source,
                                            person=number[id(o.person)]))
    return _non_overlapping(findings)
