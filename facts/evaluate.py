"""Evaluation of the facts layer against reference tables.

`evaluate_judgements`: the judgement history against a table in Data to Insight's layout (file,
council, inspection_start, inspection_end, framework, five grades). Cells holding
`data_unreadable`, `inspection_pre_dates_judgement` or nothing are not scored;
`not_reported_post_reform` means the report has no overall grade, and is right when none was read.
The table is a scrape and can be wrong: a corrections file (file, field, grade, page, words) gives
the value the report's own page shows, and both the raw and the corrected figures are reported.

`evaluate_recommendations`: the action register against "What needs to improve" items, by the
matching rule in `facts.matching`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from core.model import DocumentFacts, JudgementFact, Scope, Subject
from facts.areas import HISTORY_AREAS, areas_judged
from facts.authorities import canonical_authority
from facts.dates import as_date, last_day
from facts.history import HistoryRow, judgement_history

NOT_SCORED = {"", "data_unreadable", "inspection_pre_dates_judgement"}
NO_GRADE = "not_reported_post_reform"
GRADE_FIELDS = HISTORY_AREAS
# Words near a history grade that say it may be a provider's, the partnership's or cases' grade.
_NOT_THE_COUNCIL = ("children's home", "childrens home", "fostering", "adoption agency", "lscb", "safeguarding children board",
                    "partnership", "cases", "case files", "audit", "school", "the home")


@dataclass
class Correction:
    file: str
    field: str
    value: str
    page: str
    words: str


def read_corrections(path: str | Path | None) -> list[Correction]:
    if not path:
        return []
    with open(path, newline="", encoding="utf-8") as handle:
        return [Correction(r["file"], r["field"], r["grade"], r.get("page", ""), r.get("words", "")) for r in csv.DictReader(handle)]


def read_truth(path: str | Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(handle)]


def apply_corrections(truth: list[dict[str, str]], corrections: Sequence[Correction]) -> tuple[list[dict[str, str]], list[str]]:
    """The truth table with corrections applied, and problems (a correction naming no row or field)."""
    by_file = {r["file"]: dict(r) for r in truth}
    problems = []
    for c in corrections:
        row = by_file.get(c.file)
        if row is None or c.field not in row:
            problems.append(f"correction for {c.file} {c.field}: no such row or field")
            continue
        row[c.field] = c.value
    return [by_file[r["file"]] for r in truth], problems


@dataclass
class FieldScore:
    right: int = 0
    scored: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float | None:
        return self.right / self.scored if self.scored else None


@dataclass
class JudgementEval:
    reports: int
    matched: int
    fields: dict[str, FieldScore]
    earlier_rows: int
    earlier_invalid: list[str]
    earlier_checked: int
    earlier_disagree: list[str]
    not_council_in_history: list[str]
    unmatched: list[str]
    stated: int = 0  # judgements read from sentences about another inspection
    stated_agree_with_report: int = 0  # ... that agree with that inspection's own report in the store
    stated_disagree_with_report: list[str] = field(default_factory=list)

    @property
    def grades(self) -> FieldScore:
        total = FieldScore()
        for name in GRADE_FIELDS:
            f = self.fields[name]
            total.right += f.right
            total.scored += f.scored
            total.wrong += f.wrong
        return total

    def as_dict(self) -> dict[str, object]:
        return {
            "reports": self.reports,
            "matched": self.matched,
            "grades": {"right": self.grades.right, "scored": self.grades.scored, "accuracy": self.grades.accuracy},
            "fields": {k: {"right": v.right, "scored": v.scored, "accuracy": v.accuracy, "wrong": v.wrong} for k, v in self.fields.items()},
            "earlier_rows": self.earlier_rows,
            "earlier_invalid": self.earlier_invalid,
            "earlier_checked_against_reports": self.earlier_checked,
            "earlier_disagree": self.earlier_disagree,
            "not_council_grades_in_history": self.not_council_in_history,
            "unmatched_reports": self.unmatched,
            "stated_judgements": self.stated,
            "stated_agree_with_report": self.stated_agree_with_report,
            "stated_disagree_with_report": self.stated_disagree_with_report,
        }


def _norm_grade(value: str) -> str:
    text = " ".join(value.lower().split())
    if text.startswith("requires improvement") or text.startswith("require improvement"):
        return "requires improvement"
    return text


def evaluate_judgements(
    documents: Sequence[DocumentFacts],
    source_paths: Mapping[str, str],
    truth: list[dict[str, str]],
) -> JudgementEval:
    """Per-field accuracy of the history against `truth`, matched on file name."""
    history = judgement_history(documents, source_paths)
    by_file: dict[str, HistoryRow] = {}
    for row in history:
        if row.scope == Scope.THIS.value:
            for name in row.files:
                by_file.setdefault(name, row)
    fields = {name: FieldScore() for name in (*GRADE_FIELDS, "inspection_end", "inspection_start", "framework", "council")}
    matched = 0
    unmatched = []
    for t in truth:
        row = by_file.get(t["file"])
        if row is None:
            unmatched.append(t["file"])
        else:
            matched += 1
        for name in GRADE_FIELDS:
            want = t.get(name, "")
            if want in NOT_SCORED:
                continue
            got = row.grades.get(name, "") if row else ""
            score = fields[name]
            score.scored += 1
            ok = (got == "") if want == NO_GRADE else (_norm_grade(got) == _norm_grade(want))
            if ok:
                score.right += 1
            else:
                score.wrong.append(f"{t['file']}: {name} read {got or 'nothing'!r}, table {want!r}")
        for name in ("inspection_end", "inspection_start"):
            want = t.get(name, "")
            if not want:
                continue
            got = getattr(row.inspection, name.split("_")[1]) if row else None
            score = fields[name]
            score.scored += 1
            if got == want:
                score.right += 1
            else:
                score.wrong.append(f"{t['file']}: {name} read {got!r}, table {want!r}")
        want = t.get("framework", "")
        if want in ("standard", "short"):
            score = fields["framework"]
            score.scored += 1
            got = row.inspection.kind if row else None
            if got == want:
                score.right += 1
            else:
                score.wrong.append(f"{t['file']}: framework read {got!r}, table {want!r}")
        if t.get("council"):
            score = fields["council"]
            score.scored += 1
            want_name = canonical_authority(t["council"])
            got = row.authority if row else None
            if got == want_name:
                score.right += 1
            else:
                score.wrong.append(f"{t['file']}: council read {got!r}, table {t['council']!r} ({want_name!r})")

    earlier = [r for r in history if r.scope == Scope.EARLIER.value]
    invalid = []
    for row in earlier:
        allowed = areas_judged(row.inspection)
        for area in row.grades:
            if area not in allowed:
                invalid.append(f"{row.authority} {row.inspection.kind} {row.when}: {area} not judged then "
                               f"({row.sources[area].words[:120]!r})")
    stated = [f for d in documents for f in d.judgements
              if f.subject == Subject.COUNCIL.value and f.area in HISTORY_AREAS and (d.inspection is None or f.inspection != d.inspection)]
    checked, disagree = _check_stated(stated, truth)
    from facts.history import _same_inspection

    reports = [r for r in history if r.scope == Scope.THIS.value]
    consistent, inconsistent = 0, []
    for fact in stated:
        for report in reports:
            if _same_inspection(fact, report) and fact.area in report.grades:
                consistent += 1
                if _norm_grade(report.grades[fact.area]) != _norm_grade(fact.grade):
                    consistent -= 1
                    inconsistent.append(f"{fact.authority} {fact.inspection.end} {fact.area}: stated {fact.grade!r}, the report "
                                        f"({', '.join(report.files)}) {report.grades[fact.area]!r}; {fact.source.words[:140]!r}")
    not_council = []
    for row in history:
        for area, source in row.sources.items():
            words = source.words.lower().replace("’", "'")
            if any(w in words for w in _NOT_THE_COUNCIL) and not _is_table_row(words):
                not_council.append(f"{row.authority} {row.when} {area}: {source.words[:160]!r}")
    return JudgementEval(len(truth), matched, fields, len(earlier), invalid, checked, disagree, not_council, unmatched,
                         len(stated), consistent, inconsistent)


def _is_table_row(words: str) -> bool:
    return " | " in words or words.count(":") == 1 and len(words) < 160


def _check_stated(stated: Iterable[JudgementFact], truth: list[dict[str, str]]) -> tuple[int, list[str]]:
    """Judgements stated in sentences about an inspection that is also a row of the truth table
    (same council, the row's dates within the stated month or year): do the grades agree?"""
    by_council: dict[str, list[dict[str, str]]] = {}
    for t in truth:
        name = canonical_authority(t.get("council", ""))
        if name:
            by_council.setdefault(name, []).append(t)
    checked = 0
    disagree = []
    for fact in stated:
        when = fact.inspection.end or fact.inspection.published or fact.inspection.start
        first, last = as_date(when), last_day(when)
        if not first or not last:
            continue
        for t in by_council.get(fact.authority or "", []):
            days = [as_date(t.get("inspection_end")), as_date(t.get("inspection_start")), as_date(t.get("publication_date"))]
            if not any(d and first <= d <= last for d in days):
                continue
            want = t.get(fact.area, "")
            if want in NOT_SCORED or want == NO_GRADE:
                continue
            checked += 1
            if _norm_grade(want) != _norm_grade(fact.grade):
                disagree.append(f"{fact.authority} {when} {fact.area}: stated {fact.grade!r}, table {want!r} ({t['file']}); "
                                f"{fact.source.words[:140]!r}")
    return checked, disagree
