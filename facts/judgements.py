"""Judgements: graded areas of an inspection, scoped to its council, inspection and subject.

Where they are read from, most trusted first:
1. an Ofsted report's own grade table and headline on its first page ("Overall effectiveness |
   Good", "Children's services in Norfolk are inadequate", "1. Children who need help and
   protection | Requires improvement");
2. the report's judgement headings ("The experiences and progress of care leavers: good") and its
   statements of graded sub-judgements ("The graded judgement for adoption performance is good");
3. sentences about an inspection, in any document (facts.prose): an earlier inspection as the text
   states it ("since the last inspection in 2019, when services were judged good overall"), or the
   inspection a council's own paper reports on.

Every judgement is checked against the framework's history: an area the inspection did not grade
(care leavers before January 2023, overall effectiveness after March 2026) is not recorded, and a
grade word off the framework's scale ("adequate" after 2013) is not either. Grades given to a
children's home, a fostering or adoption agency, the LSCB or cases in an audit are recorded with
that subject and never enter a council's history.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.model import InspectionKind, InspectionRef, JudgementFact, Passage, Provenance, Scope, Subject
from facts.areas import area_of_title, areas_judged
from facts.text import GRADE_ONLY_RE, GRADE_RE, grade_of, grade_on_scale, normal, sentences

_STRAND_KINDS = (InspectionKind.LOOKED_AFTER.value, InspectionKind.CHILD_PROTECTION.value, InspectionKind.SLAC.value)

# The first page of a report: grade table and headline. Stop at the first section proper.
_OPENING_END = re.compile(r"^(?:what needs to improve|executive summary|contents|headline findings|summary for children)", re.I)
_HEADLINE = re.compile(
    r"^children['’]s services in (?P<place>.{2,80}?) (?:(?:are|is) )?(?P<grade>" + GRADE_RE.pattern + r")\.?$", re.I)
_OVERALL_IS = re.compile(
    r"^the overall judgement is (?:that )?(?:children['’]s services )?(?:are |is )?(?P<grade>" + GRADE_RE.pattern + r")", re.I)
_LSCB_IS = re.compile(
    r"^the (?:judgement for the )?(?:effectiveness of the )?(?:local safeguarding children board|LSCB)(?: \(LSCB\))? (?:is |are )?(?:that it )?(?P<grade>"
    + GRADE_RE.pattern + r")\.?$", re.I)
# Reports of a looked after children inspection (2012-13) and SLAC reports state their strand's
# overall effectiveness in a sentence under the "Overall effectiveness" heading.
_STRAND_OVERALL = re.compile(
    r"^(?:the judgement for overall effectiveness|the overall effectiveness of (?:the )?(?P<strand>services for looked after children"
    r"|safeguarding services|services for (?:children|young people) looked after)[^.]{0,60}?) is (?P<grade>" + GRADE_RE.pattern + r")\.?$", re.I)
_TITLE_COLON_GRADE = re.compile(r"^(?:\d(?:\.\d)?\.?\s+)?(?P<title>[^:|]{6,140}?)\s*[:|]\s*(?P<grade>[^:|]{4,45})$")
_GRADED_SUB = re.compile(
    r"^the graded judge?ment (?:for|about|on) (?:the )?(?P<title>adoption performance|(?:the )?experiences? and progress of care leavers)"
    r" is (?:that it )?(?:is |requires |require )?(?P<grade>" + GRADE_RE.pattern + r")", re.I)
_EARLIER_CONTEXT = re.compile(r"\b(?:previous|last|earlier|prior)\s+(?:ofsted\s+)?inspections?\b", re.I)


def _grade_cell(text: str) -> str | None:
    text = normal(text)
    return grade_of(text) if GRADE_ONLY_RE.match(text) else None


def _provenance(passage: Passage, words: str) -> Provenance:
    return Provenance(passage.document_sha, passage.id, passage.page, passage.label, normal(words)[:400])


def report_judgements(passages: Sequence[Passage], inspection: InspectionRef, authority: str | None) -> list[JudgementFact]:
    """The grades an Ofsted report gives in its opening table, headline and judgement headings."""
    allowed = areas_judged(inspection)
    if not allowed:
        return []
    found: dict[str, JudgementFact] = {}

    def add(area: str | None, grade: str | None, passage: Passage, words: str, subject: str = Subject.COUNCIL.value) -> None:
        if not area or not grade or area in found:
            return
        if area not in allowed or not grade_on_scale(grade, inspection.framework):
            return
        if area == "lscb":
            subject = Subject.PARTNERSHIP.value
        found[area] = JudgementFact(authority, inspection, area, grade, Scope.THIS.value, subject, _provenance(passage, words))

    # 1. the opening: grade table rows, "Overall effectiveness: good", the headline sentence
    for passage in _opening(passages):
        text = normal(passage.text)
        cells = [normal(c) for c in (passage.cells or ()) if normal(c)] if passage.cells else []
        if len(cells) >= 2 and _grade_cell(cells[-1]) and len(cells[0]) < 160:
            add(area_of_title(cells[0]), _grade_cell(cells[-1]), passage, text)
            continue
        match = _HEADLINE.match(text) or _OVERALL_IS.match(text)
        if match:
            add("overall", grade_of(match.group("grade")), passage, text)
            continue
        match = _LSCB_IS.match(text)
        if match:
            add("lscb", grade_of(match.group("grade")), passage, text)
            continue
        match = _TITLE_COLON_GRADE.match(text)
        if match and _grade_cell(match.group("grade")):
            add(area_of_title(match.group("title")), _grade_cell(match.group("grade")), passage, text)

    # 2. judgement headings and graded sub-judgements in the body
    for passage in passages:
        text = normal(passage.text)
        if _EARLIER_CONTEXT.search(" ".join(passage.heading_path)):
            continue
        if passage.kind == "heading":
            match = _LSCB_IS.match(text)
            if match:
                add("lscb", grade_of(match.group("grade")), passage, text)
                continue
            match = _TITLE_COLON_GRADE.match(text)
            if match and _grade_cell(match.group("grade")):
                add(area_of_title(match.group("title")), _grade_cell(match.group("grade")), passage, text)
        else:
            match = _GRADED_SUB.match(text)
            if match:
                add(area_of_title(match.group("title")), grade_of(match.group("grade")), passage, match.group(0))
                continue
            if inspection.kind in _STRAND_KINDS and "overall effectiveness" in " ".join(passage.heading_path).lower():
                for sentence in sentences(text):
                    match = _STRAND_OVERALL.match(sentence)
                    if match:
                        strand = (match.group("strand") or "").lower()
                        area = "help_protection" if strand.startswith("safeguarding") else (
                            "in_care" if strand or inspection.kind == InspectionKind.LOOKED_AFTER.value else None)
                        if inspection.kind == InspectionKind.CHILD_PROTECTION.value and not strand:
                            area = "help_protection"
                        add(area, grade_of(match.group("grade")), passage, sentence)
    return list(found.values())


def _opening(passages: Sequence[Passage]) -> list[Passage]:
    out: list[Passage] = []
    for passage in passages[:40]:
        if (passage.page or 1) > 2:
            break
        if passage.kind == "heading" and _OPENING_END.match(normal(passage.text)) and out:
            break
        out.append(passage)
    return out
