"""Review an officer's own narrative draft against the evidence store.

Bedford's 2011 readiness review (paras 28-31) is the yardstick: one or two pages, about outcomes
for children rather than the process of agreeing to act, with up-to-date data, and every claim
backed by evidence that can be signposted. The review reports figures and specific suggestions
naming the evidence the store holds.

Thresholds (a draft passes when all hold):
  pages <= 2.0 (about 500 words a page), outcome share >= 0.5, process share <= 0.35,
  data points >= 3, and, when the store holds evidence, unsupported sentences <= 1 in 3.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from evidence_store.evidence import Evidence, EvidenceItem
from core.model import parse_iso_date
from core.settings import Settings
from templates.text import plural, shorten

from narratives.classify import SentenceLabel, classify_texts
from narratives.compose import _years_before, items_for, resolve_loe
from narratives.impacts import ImpactItem, impacts
from narratives.text import (
    content_words,
    data_points,
    split_sentences,
    trim,
    word_count,
)

WORDS_PER_PAGE = 500
MAX_PAGES = 2.0
MIN_OUTCOME_SHARE = 0.5
MAX_PROCESS_SHARE = 0.35
MIN_DATA_POINTS = 3
MAX_UNSUPPORTED_SHARE = 1 / 3
SUPPORT_SHARE = 0.6  # share of a sentence's content words found in one passage
SUPPORT_MIN_WORDS = 3

_PROCESS_NOUNS = {
    "meeting": "meetings", "minutes": "minutes", "board": "board business", "committee": "committee business",
    "panel": "panels", "group": "working groups", "workshop": "workshops", "policy": "policies",
    "procedure": "procedures", "protocol": "protocols", "strategy": "strategies", "framework": "frameworks",
    "action plan": "action plans", "training": "training", "terms of reference": "terms of reference",
    "agreed": "agreements reached", "discussed": "discussions", "structure": "structures",
    "governance": "governance", "report": "reporting",
}
_CITED_YEAR = re.compile(r"[\(\[][^)\]]*?\b((?:19|20)\d\d)\b[^)\]]*[\)\]]")


@dataclass
class DraftSentence:
    paragraph: int  # 1-based paragraph number in the draft (headings not counted)
    text: str
    label: SentenceLabel
    data_points: list[str]
    supported_by: list[EvidenceItem] = field(default_factory=list)
    checked: bool = True  # too short to check support

    @property
    def is_outcome(self) -> bool:
        return self.label.is_outcome

    @property
    def is_process(self) -> bool:
        return self.label.role == "process" and not self.label.has_data


@dataclass
class DraftReview:
    path: str
    loe_id: str | None
    words: int
    pages: float
    paragraphs: int
    sentences: list[DraftSentence]
    outcome_share: float
    process_share: float
    data_points: int
    unsupported: list[dict]
    stale: list[dict]
    suggestions: list[str]
    checks: list[dict]
    classifier: str

    @property
    def passes(self) -> bool:
        return all(check["ok"] for check in self.checks)

    @property
    def verdict(self) -> str:
        return "pass" if self.passes else "revise"

    @property
    def unsupported_sentences(self) -> int:
        return len(self.unsupported)

    @property
    def stale_references(self) -> int:
        return len(self.stale)

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "loe": self.loe_id,
            "verdict": self.verdict,
            "passes": self.passes,
            "words": self.words,
            "pages": self.pages,
            "paragraphs": self.paragraphs,
            "sentences": len(self.sentences),
            "outcome_share": round(self.outcome_share, 3),
            "process_share": round(self.process_share, 3),
            "data_points": self.data_points,
            "unsupported_sentences": self.unsupported_sentences,
            "stale_references": self.stale_references,
            "checks": self.checks,
            "unsupported": self.unsupported,
            "stale": self.stale,
            "suggestions": self.suggestions,
            "classifier": self.classifier,
        }


# --------------------------------------------------------------------------- reading drafts


def read_draft(path: Path) -> list[str]:
    """Body paragraphs of a .docx, .md or .txt draft; headings and empty lines left out."""
    path = Path(path)
    if path.suffix.lower() == ".docx":
        from docx import Document

        document = Document(str(path))
        paragraphs = []
        for paragraph in document.paragraphs:
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            text = paragraph.text.strip()
            if not text or style.lower().startswith(("heading", "title", "subtitle")):
                continue
            paragraphs.append(text)
        return paragraphs
    raw = path.read_text(encoding="utf-8", errors="replace")
    paragraphs, current = [], []
    for line in raw.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or set(stripped) <= set("-=*_ "):
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if re.match(r"^([-*+]|\d+[.)])\s", stripped) and current:
            paragraphs.append(" ".join(current))  # each list item is its own paragraph
            current = []
        current.append(stripped)
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


# --------------------------------------------------------------------------- support


class _SupportIndex:
    def __init__(self, items: list[EvidenceItem]) -> None:
        self.items = [i for i in items if i.passage.kind != "heading"]
        self.words = [content_words(i.passage.text) for i in self.items]
        self.postings: dict[str, list[int]] = defaultdict(list)
        for index, words in enumerate(self.words):
            for word in words:
                self.postings[word].append(index)

    def support(self, sentence_words: frozenset[str]) -> list[EvidenceItem]:
        needed = max(SUPPORT_MIN_WORDS, int(round(SUPPORT_SHARE * len(sentence_words))))
        counts: Counter[int] = Counter()
        for word in sentence_words:
            counts.update(self.postings.get(word, ()))
        return [self.items[i] for i, n in counts.most_common() if n >= needed][:5]


# --------------------------------------------------------------------------- review


def check_draft(
    path: Path,
    evidence: Evidence,
    settings: Settings,
    loe_id: str | None = None,
    *,
    use_tagger: bool | None = None,
) -> DraftReview:
    path = Path(path)
    paragraphs = read_draft(path)
    framework = evidence.framework
    line_id = resolve_loe(framework, loe_id).id if loe_id else None

    texts: list[tuple[int, str]] = []
    for number, paragraph in enumerate(paragraphs, start=1):
        for raw in split_sentences(paragraph):
            text = trim(raw)
            if word_count(text) >= 3:
                texts.append((number, text))
    labels = classify_texts([t for _, t in texts], framework, settings, use_tagger=use_tagger)
    classifier = labels[0].source if labels else "rules"

    pool = [item for item, _ in items_for(evidence, line_id)] if line_id else list(evidence.items)
    if line_id and not pool:
        pool = list(evidence.items)
    index = _SupportIndex(pool)
    sentences: list[DraftSentence] = []
    for (number, text), label in zip(texts, labels):
        words = content_words(text)
        sentence = DraftSentence(number, text, label, data_points(text))
        if len(words) < 4:
            sentence.checked = False
        elif index.items:
            sentence.supported_by = index.support(words)
        sentences.append(sentence)

    total_words = sum(word_count(p) for p in paragraphs)
    pages = round(total_words / WORDS_PER_PAGE, 2)
    n = len(sentences) or 1
    outcome_share = sum(s.is_outcome for s in sentences) / n if sentences else 0.0
    process_share = sum(s.is_process for s in sentences) / n if sentences else 0.0
    n_data = sum(len(s.data_points) for s in sentences)

    unsupported = []
    if index.items:
        unsupported = [
            {"paragraph": s.paragraph, "sentence": s.text}
            for s in sentences
            if s.checked and not s.supported_by
        ]
    stale = _stale(sentences, settings)

    checks = [
        _check("pages", pages, f"<= {MAX_PAGES:g}", pages <= MAX_PAGES),
        _check("outcome_share", round(outcome_share, 3), f">= {MIN_OUTCOME_SHARE:g}", outcome_share >= MIN_OUTCOME_SHARE),
        _check("process_share", round(process_share, 3), f"<= {MAX_PROCESS_SHARE:g}", process_share <= MAX_PROCESS_SHARE),
        _check("data_points", n_data, f">= {MIN_DATA_POINTS}", n_data >= MIN_DATA_POINTS),
    ]
    if index.items:
        share = len(unsupported) / n if sentences else 0.0
        checks.append(
            _check("unsupported_share", round(share, 3), f"<= {MAX_UNSUPPORTED_SHARE:.2f}", share <= MAX_UNSUPPORTED_SHARE)
        )

    review = DraftReview(
        path=str(path),
        loe_id=line_id,
        words=total_words,
        pages=pages,
        paragraphs=len(paragraphs),
        sentences=sentences,
        outcome_share=outcome_share,
        process_share=process_share,
        data_points=n_data,
        unsupported=unsupported,
        stale=stale,
        suggestions=[],
        checks=checks,
        classifier=classifier,
    )
    review.suggestions = _suggestions(review, evidence, settings, line_id)
    return review


def _check(name: str, value: object, threshold: str, ok: bool) -> dict:
    return {"name": name, "value": value, "threshold": threshold, "ok": bool(ok)}


def _stale(sentences: list[DraftSentence], settings: Settings) -> list[dict]:
    cutoff = _years_before(date.today(), settings.stale_years)
    found = []
    for s in sentences:
        cited_years = [int(y) for y in _CITED_YEAR.findall(s.text)]
        if cited_years and max(cited_years) < cutoff.year:
            found.append({"paragraph": s.paragraph, "sentence": s.text, "why": f"cites evidence from {max(cited_years)}"})
            continue
        dates = [parse_iso_date(i.passage.document_date) for i in s.supported_by]
        dated = [d for d in dates if d]
        if dated and max(dated) < cutoff:
            newest = max(dated)
            titles = sorted({i.passage.citation() for i in s.supported_by})[:2]
            found.append(
                {
                    "paragraph": s.paragraph,
                    "sentence": s.text,
                    "why": f"supported only by evidence from {newest.year} or earlier: {'; '.join(titles)}",
                }
            )
    return found


def _describe_process(paragraph_sentences: list[DraftSentence]) -> str:
    text = " ".join(s.text.lower() for s in paragraph_sentences)
    found = [label for cue, label in _PROCESS_NOUNS.items() if cue in text]
    unique = list(dict.fromkeys(found))[:3]
    if not unique:
        return "process"
    return unique[0] if len(unique) == 1 else ", ".join(unique[:-1]) + " and " + unique[-1]


def _outcome_evidence(
    evidence: Evidence, settings: Settings, line_id: str | None, cache: dict[str, list[ImpactItem]]
) -> list[ImpactItem]:
    lines = [line_id] if line_id else [line.id for line in evidence.framework.top_lines]
    found: list[ImpactItem] = []
    for loe in lines:
        if loe not in cache:
            cache[loe] = impacts(evidence, loe, settings, words=2000)
        found.extend(cache[loe])
    return found


def _best_for(words: frozenset[str], items: list[ImpactItem], exclude: set[int], k: int = 2) -> list[ImpactItem]:
    ranked = sorted(
        (i for i in items if i.source.passage_id not in exclude),
        key=lambda i: (-len(words & content_words(i.text)), -i.has_data, -(parse_iso_date(i.date) or date.min).toordinal()),
    )
    return ranked[:k]


def _quote(item: ImpactItem, limit: int = 14) -> str:
    return f"{item.source.label} (\u201c{shorten(item.text, words=limit)}\u201d)"


def _suggestions(review: DraftReview, evidence: Evidence, settings: Settings, line_id: str | None) -> list[str]:
    suggestions: list[str] = []
    cache: dict[str, list[ImpactItem]] = {}
    used = {i.passage.id for s in review.sentences for i in s.supported_by}
    outcome_items = _outcome_evidence(evidence, settings, line_id, cache) if evidence.items else []
    area = "this area" if line_id else "this framework"

    if review.pages > MAX_PAGES:
        suggestions.append(
            f"The draft is {review.pages:g} pages ({review.words} words); aim for one to two pages "
            f"(under {int(MAX_PAGES * WORDS_PER_PAGE)} words). Cut the account of how decisions were reached first."
        )
    by_paragraph: dict[int, list[DraftSentence]] = defaultdict(list)
    for s in review.sentences:
        by_paragraph[s.paragraph].append(s)
    process_paragraphs = 0
    for number, group in sorted(by_paragraph.items()):
        process = sum(s.is_process for s in group)
        outcome = sum(s.is_outcome for s in group)
        if process and process >= max(1, len(group) / 2) and process > outcome:
            process_paragraphs += 1
            words = frozenset().union(*(content_words(s.text) for s in group))
            best = _best_for(words, outcome_items, used)
            what = _describe_process(group)
            if best:
                suggestions.append(
                    f"Paragraph {number} describes {what} rather than what changed for children; "
                    f"the store holds outcome evidence for {area}: " + "; ".join(_quote(i) for i in best) + "."
                )
                used.update(i.source.passage_id for i in best)
            else:
                suggestions.append(
                    f"Paragraph {number} describes {what} rather than what changed for children; "
                    f"the store holds no outcome evidence for {area} yet, so add data or examples of impact."
                )
    if review.outcome_share < MIN_OUTCOME_SHARE and not process_paragraphs:
        suggestions.append(
            f"Only {review.outcome_share:.0%} of sentences describe outcomes for children; lead each paragraph with the difference made."
        )
    if review.data_points < MIN_DATA_POINTS:
        with_data = [i for i in outcome_items if i.has_data and i.source.passage_id not in used][:2]
        text = f"The draft states {plural(review.data_points, 'figure')}; support claims with data"
        if with_data:
            text += ", for example " + "; ".join(_quote(i) for i in with_data)
        suggestions.append(text + ".")
    for item in review.unsupported[:5]:
        snippet = shorten(item["sentence"], words=12)
        suggestions.append(
            f"Paragraph {item['paragraph']}: \u201c{snippet}\u201d has no support in the evidence store; "
            "add the evidence to the pack or remove the claim."
        )
    if len(review.unsupported) > 5:
        suggestions.append(f"{len(review.unsupported) - 5} more sentences have no support in the evidence store.")
    cutoff = _years_before(date.today(), settings.stale_years)
    recent = [i for i in outcome_items if (parse_iso_date(i.date) or date.min) >= cutoff]
    for item in review.stale[:3]:
        text = f"Paragraph {item['paragraph']} {item['why']}"
        if recent:
            text += "; more recent evidence: " + _quote(recent[0])
        else:
            text += f"; no evidence newer than {settings.stale_years:g} years is held for {area}"
        suggestions.append(text + ".")
    if not suggestions:
        suggestions.append("The draft is outcome-focused, within length and supported by the evidence store.")
    return suggestions
