"""Review an officer's narrative draft (or one readiness wrote) against the evidence store.

Bedford's 2011 readiness review (paras 28-31) is the yardstick: one or two pages, about outcomes
for children rather than the process of agreeing to act, with up-to-date data, and every claim
backed by evidence that can be signposted.

- **Citations.** The product's own formats are read: Markdown footnotes (`…[^3]` and `[^3]: …`),
  Word footnotes, and inline citations such as "([2.10] Title, 2024-03-31, p.4, para 12)". A cited
  sentence is checked against the passages it cites; an uncited one against the whole store.
- **Outcome or process**, by what each sentence says (`narratives.draft_roles`).
- **Support per paragraph.** A paragraph is supported when every sentence in it is (its numbers
  appear in the evidence, and its words in a passage); it is never reported as both.
- **Suggestions** name outcome evidence of the same line of enquiry and the same council.

Thresholds (a draft passes when all hold): pages <= 2, outcome share >= 0.5, process share <= 0.3,
unsupported sentences <= 1 in 3 when the store holds evidence, and at least 3 figures when the store
holds the council's figures for the area.
"""

from __future__ import annotations

import json

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from core.model import Passage, parse_iso_date
from core.settings import Settings
from evidence_store.evidence import Evidence, EvidenceItem
from templates.text import plural, shorten

from facts.superseded import superseded_documents
from narratives.compose import best_line, line_scores
from narratives.draft_roles import DraftRole, classify
from narratives.extractive import _years_before, resolve_loe
from narratives.impacts import ImpactItem, impacts
from narratives.text import content_words, data_points, split_sentences, trim, word_count

WORDS_PER_PAGE = 520
FOOTNOTE_WORDS = 12  # a footnote line takes about as much of a page as this many words of text
HEADING_WORDS = 8
MAX_PAGES = 2.0
MIN_OUTCOME_SHARE = 0.5
MAX_PROCESS_SHARE = 0.3
MIN_DATA_POINTS = 3
MAX_UNSUPPORTED_SHARE = 1 / 3
SUPPORT_SHARE = 0.6  # share of an uncited sentence's content words found in one passage
CITED_SHARE = 0.4  # share of a cited sentence's own words found in the passages it cites
SUPPORT_MIN_WORDS = 3
# Words a narrative adds around evidence ("Ofsted's inspection found that …"): not claims to check.
FRAMING = frozenset(content_words(
    "Ofsted ofsted's inspection inspections inspectors inspector found find reported report reports judged "
    "also short standard focused visit monitoring our audit audits asked improve identified area improvement "
    "action due open compared with for statistical neighbours england rose fell from was were is are "
    "january february march april may june july august september october november december recommended "
    "their words said told"))

_MD_NOTE_REF = re.compile(r"\[\^(\w+)\]")
_MD_NOTE_DEF = re.compile(r"^\[\^(\w+)\]:\s*(.*)$")
_INLINE_CITE = re.compile(r"\s*\((\[[\w.\-]+\][^()]*(?:\([^()]*\)[^()]*)*|[^()]*?,\s*(?:19|20)\d\d(?:-\d\d-\d\d)?[^()]*?(?:p\.\s?\d+|para\s+\S+)[^()]*)\)")
_BRACKET_REF = re.compile(r"\s*\[(\d+\.\d+|E\d+)\]")
_PROCESS_NOUNS = {
    "meeting": "meetings", "minutes": "minutes", "board": "boards", "committee": "committee business",
    "panel": "panels", "group": "working groups", "forum": "forums", "workshop": "workshops", "policy": "policies",
    "procedure": "procedures", "protocol": "protocols", "strateg": "strategies", "framework": "frameworks",
    "action plan": "action plans", "action tracker": "action logs", "action log": "action logs", "training": "training",
    "terms of reference": "terms of reference", "structure": "structures", "governance": "governance",
    "arrangements": "arrangements", "attend": "attendance",
}
_CITED_YEAR = re.compile(r"[\(\[][^)\]]*?\b((?:19|20)\d\d)\b[^)\]]*[\)\]]")


@dataclass
class DraftParagraph:
    number: int  # 1-based, headings and metadata lines not counted
    text: str  # without citation markers
    sentences: list[tuple[str, list[str]]]  # (sentence, the citation texts that cover it)


@dataclass
class DraftSentence:
    paragraph: int
    text: str
    role: DraftRole
    data_points: list[str]
    cited: list[str] = field(default_factory=list)  # citation texts as written
    supported_by: list[EvidenceItem] = field(default_factory=list)
    checked: bool = True  # False: too short to check
    why_unsupported: str | None = None

    @property
    def is_outcome(self) -> bool:
        return self.role.is_outcome

    @property
    def is_process(self) -> bool:
        return self.role.is_process

    @property
    def supported(self) -> bool:
        return not self.checked or self.why_unsupported is None


@dataclass
class DraftReview:
    path: str
    loe_id: str | None
    loe_how: str
    authority: str | None
    words: int
    footnotes: int
    pages: float
    paragraphs: int
    sentences: list[DraftSentence]
    outcome_share: float
    process_share: float
    data_points: int
    unsupported: list[dict]  # one entry per unsupported paragraph
    supported_paragraphs: list[int]
    stale: list[dict]
    suggestions: list[str]
    checks: list[dict]
    classifier: str = "rules"

    @property
    def passes(self) -> bool:
        return all(check["ok"] for check in self.checks)

    @property
    def verdict(self) -> str:
        return "pass" if self.passes else "revise"

    @property
    def reasons(self) -> list[str]:
        return [check["reason"] for check in self.checks if not check["ok"]]

    @property
    def unsupported_sentences(self) -> int:
        return sum(len(p["sentences"]) for p in self.unsupported)

    @property
    def stale_references(self) -> int:
        return len(self.stale)

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "verdict": self.verdict,
            "outcome_share": round(self.outcome_share, 3),
            "pages": self.pages,
            "reasons": self.reasons,
            "loe": self.loe_id,
            "loe_how": self.loe_how,
            "authority": self.authority,
            "passes": self.passes,
            "words": self.words,
            "footnotes": self.footnotes,
            "paragraphs": self.paragraphs,
            "sentences": len(self.sentences),
            "process_share": round(self.process_share, 3),
            "data_points": self.data_points,
            "unsupported_sentences": self.unsupported_sentences,
            "stale_references": self.stale_references,
            "checks": self.checks,
            "unsupported": self.unsupported,
            "supported_paragraphs": self.supported_paragraphs,
            "stale": self.stale,
            "suggestions": self.suggestions,
            "roles": [{"paragraph": s.paragraph, "sentence": s.text, "role": s.role.role, "why": list(s.role.reasons)}
                      for s in self.sentences],
            "classifier": self.classifier,
        }


# --------------------------------------------------------------------------- reading drafts
def read_draft(path: Path) -> list[str]:
    """Body paragraphs of a .docx, .md or .txt draft, citation markers removed."""
    return [p.text for p in read_paragraphs(path)[0]]


def read_paragraphs(path: Path) -> tuple[list[DraftParagraph], int]:
    """Body paragraphs with the citations covering each sentence, and the number of footnotes."""
    path = Path(path)
    if path.suffix.lower() == ".docx":
        return _read_docx(path)
    return _read_text(path.read_text(encoding="utf-8", errors="replace"))


def _read_text(raw: str) -> tuple[list[DraftParagraph], int]:
    notes: dict[str, str] = {}
    body: list[str] = []
    for line in raw.splitlines():
        match = _MD_NOTE_DEF.match(line.strip())
        if match:
            notes[match.group(1)] = match.group(2).strip()
        else:
            body.append(line)
    blocks: list[str] = []
    current: list[str] = []
    for line in body:
        stripped = line.strip()
        meta = (not stripped or stripped.startswith(("#", ">")) or set(stripped) <= set("-=*_ ")
                or (stripped.startswith("_") and stripped.endswith("_")))
        if meta:
            if current:
                blocks.append(" ".join(current))
                current = []
            continue
        if re.match(r"^([-*+]|\d+[.)])\s", stripped) and current:
            blocks.append(" ".join(current))  # each list item is its own paragraph
            current = []
        current.append(re.sub(r"^[-*+]\s+", "", stripped))
    if current:
        blocks.append(" ".join(current))
    paragraphs = []
    for block in blocks:
        paragraph = _paragraph(len(paragraphs) + 1, block, lambda key: notes.get(key))
        if paragraph is not None:
            paragraphs.append(paragraph)
    return paragraphs, len(notes)


def _read_docx(path: Path) -> tuple[list[DraftParagraph], int]:
    from docx import Document

    from narratives.docx_notes import paragraph_footnote_ids, read_footnotes

    document = Document(str(path))
    notes = read_footnotes(document)
    paragraphs = []
    for paragraph in document.paragraphs:
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        text = paragraph.text.strip()
        if not text or style.lower().startswith(("heading", "title", "subtitle")) or "quote" in style.lower():
            continue
        runs = [r for r in paragraph.runs if r.text.strip()]
        if runs and all(r.italic for r in runs):
            continue  # a subtitle or an editor's note
        # put a marker where each footnote reference sits, so sentences find their notes
        marked = ""
        ids = iter(paragraph_footnote_ids(paragraph))
        from docx.oxml.ns import qn

        for run in paragraph._p.iter(qn("w:r")):
            if run.find(qn("w:footnoteReference")) is not None:
                marked += f"[^{next(ids, 0)}]"
            else:
                marked += "".join(t.text or "" for t in run.iter(qn("w:t")))
        built = _paragraph(len(paragraphs) + 1, marked, lambda key: notes.get(int(key)) if key.isdigit() else None)
        if built is not None:
            paragraphs.append(built)
    return paragraphs, len(notes)


def _paragraph(number: int, text: str, note_text) -> DraftParagraph | None:  # type: ignore[no-untyped-def]
    """Sentences of one paragraph with the citations that cover them: a footnote or inline
    citation covers the sentences since the previous one (the product cites a run of sentences from
    one passage once, after the last)."""
    text = " ".join(text.split())
    if not text:
        return None
    pieces: list[tuple[str, list[str]]] = []
    # runs of text, each ended by the citations that follow it
    marks = re.compile(r"(\[\^\w+\](?:\s*\[\^\w+\])*|" + _INLINE_CITE.pattern + r")")
    position = 0
    runs: list[tuple[str, list[str]]] = []
    for match in marks.finditer(text):
        chunk = text[position:match.start()]
        cites = [note_text(key) for key in _MD_NOTE_REF.findall(match.group(0))]
        cites = [c for c in cites if c] or ([match.group(2)] if match.group(2) else [])
        runs.append((chunk, cites))
        position = match.end()
    runs.append((text[position:], []))
    for chunk, cites in runs:
        sentences = [trim(_BRACKET_REF.sub("", s)).strip() for s in split_sentences(chunk)]
        sentences = [s for s in sentences if s and s not in ".;,"]
        if not sentences:
            if pieces and cites:
                pieces[-1][1].extend(cites)
            continue
        pieces.extend((sentence, list(cites)) for sentence in sentences)
    words = sum(word_count(s) for s, _ in pieces)
    if not pieces or (words < 6 and not any(c for _, c in pieces)):
        return None  # a label, a date line, a signature
    if len(pieces) == 1 and words < 12 and not pieces[0][0].endswith((".", "!", "?", "”", '"')):
        return None  # a heading or metadata line written as a paragraph ("Status: DRAFT")
    return DraftParagraph(number, " ".join(s for s, _ in pieces), pieces)


# --------------------------------------------------------------------------- support
class _Evidence:
    """The home council's passages: by citation, and by content words for uncited sentences."""

    def __init__(self, items: list[EvidenceItem]) -> None:
        self.items = [i for i in items if i.passage.kind != "heading"]
        self.by_label: dict[str, list[EvidenceItem]] = defaultdict(list)
        for item in items:
            self.by_label[_norm(item.passage.citation())].append(item)
        self.words = [content_words(i.passage.text) for i in self.items]
        self.postings: dict[str, list[int]] = defaultdict(list)
        for index, words in enumerate(self.words):
            for word in words:
                self.postings[word].append(index)

    def cited(self, citations: list[str]) -> list[EvidenceItem]:
        found: list[EvidenceItem] = []
        for citation in citations:
            for part in re.split(r";\s+(?=\[|[A-Z])", citation):
                label = _norm(re.sub(r"^\[[\w.\-]+\]\s*", "", part).rstrip(". "))
                found.extend(self.by_label.get(label, []))
        return list({id(i): i for i in found}.values())

    def search(self, words: frozenset[str]) -> list[EvidenceItem]:
        """Passages holding most of a sentence's words; its numbers are checked separately, so a
        sentence with a wrong figure is found and then reported for the figure."""
        words = frozenset(w for w in words if not w[:1].isdigit()) or words
        needed = max(SUPPORT_MIN_WORDS, int(round(SUPPORT_SHARE * len(words))))
        counts: Counter[int] = Counter()
        for word in words:
            counts.update(self.postings.get(word, ()))
        return [self.items[i] for i, n in counts.most_common() if n >= needed][:5]


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def _support(sentence: DraftSentence, index: _Evidence) -> None:
    from facts import figures_supported

    words = content_words(sentence.text)
    if sentence.cited:
        cited = index.cited(sentence.cited)
        if not cited:
            sentence.supported_by = index.search(words)
            if not sentence.supported_by:
                sentence.why_unsupported = "its citation matches no passage in the evidence store"
                return
        else:
            claims = words - FRAMING
            have = frozenset().union(*(content_words(i.passage.text) for i in cited))
            if claims and len(claims & have) < max(1, CITED_SHARE * len(claims)):
                sentence.why_unsupported = "the passages it cites do not say this"
                sentence.supported_by = cited
                return
            sentence.supported_by = cited
    else:
        if len(words) < 4:
            sentence.checked = False
            return
        sentence.supported_by = index.search(words)
        if not sentence.supported_by:
            sentence.why_unsupported = "no passage in the evidence store says this"
            return
    passages: list[Passage] = [i.passage for i in sentence.supported_by]
    if not figures_supported(sentence.text, passages):
        sentence.why_unsupported = "a number it states is not in the evidence it rests on"


# --------------------------------------------------------------------------- review
def check_draft(
    path: Path,
    evidence: Evidence,
    settings: Settings,
    loe_id: str | None = None,
    *,
    use_tagger: bool | None = None,  # noqa: ARG001 - roles are read from the sentences themselves
) -> DraftReview:
    path = Path(path)
    paragraphs, footnotes = read_paragraphs(path)
    framework = evidence.framework
    sentences: list[DraftSentence] = []
    for paragraph in paragraphs:
        for text, cites in paragraph.sentences:
            if word_count(text) < 3:
                continue
            sentences.append(DraftSentence(paragraph.number, text, classify(text), data_points(text), cites))

    index_all = _Evidence(list(evidence.items))
    for sentence in sentences:
        _support(sentence, index_all)
    sidecar = None if loe_id else _sidecar_line(path)
    try:
        line_id, how = _line(evidence, loe_id or sidecar, sentences)
        how = "from the narrative's sidecar" if sidecar else how
    except KeyError:  # a sidecar of another framework's line: read the draft as any other
        if not sidecar:
            raise
        line_id, how = _line(evidence, None, sentences)

    total_words = sum(word_count(p.text) for p in paragraphs)
    headings = 4
    pages = round((total_words + HEADING_WORDS * headings + FOOTNOTE_WORDS * footnotes) / WORDS_PER_PAGE, 2)
    n = len(sentences) or 1
    outcome_share = sum(s.is_outcome for s in sentences) / n if sentences else 0.0
    process_share = sum(s.is_process for s in sentences) / n if sentences else 0.0
    n_data = sum(len(s.data_points) for s in sentences)

    unsupported: list[dict] = []
    supported_paragraphs: list[int] = []
    if index_all.items:
        for paragraph in paragraphs:
            mine = [s for s in sentences if s.paragraph == paragraph.number and s.checked]
            bad = [s for s in mine if not s.supported]
            if bad:
                unsupported.append({"paragraph": paragraph.number,
                                    "sentences": [{"sentence": s.text, "why": s.why_unsupported} for s in bad]})
            elif mine:
                supported_paragraphs.append(paragraph.number)
    stale = _stale(sentences, settings, set(supported_paragraphs))

    home_figures = _figures_for(evidence, line_id)
    checks = [
        _check("pages", pages, f"<= {MAX_PAGES:g}", pages <= MAX_PAGES,
               f"{pages:g} pages: cut to one or two pages"),
        _check("outcome_share", round(outcome_share, 3), f">= {MIN_OUTCOME_SHARE:g}", outcome_share >= MIN_OUTCOME_SHARE,
               f"only {outcome_share:.0%} of sentences describe outcomes for children" if sentences else
               "the draft makes no statements about children's outcomes yet (headings and notes only)"),
        _check("process_share", round(process_share, 3), f"<= {MAX_PROCESS_SHARE:g}", process_share <= MAX_PROCESS_SHARE,
               f"{process_share:.0%} of sentences describe process (meetings, structures, plans written)"),
    ]
    if home_figures >= MIN_DATA_POINTS:
        checks.append(_check("data_points", n_data, f">= {MIN_DATA_POINTS}", n_data >= MIN_DATA_POINTS,
                             f"the draft states {plural(n_data, 'figure')}; the store holds {plural(home_figures, 'figure')} for this area"))
    if index_all.items:
        share = sum(len(p["sentences"]) for p in unsupported) / n if sentences else 0.0
        checks.append(_check("unsupported_share", round(share, 3), f"<= {MAX_UNSUPPORTED_SHARE:.2f}",
                             share <= MAX_UNSUPPORTED_SHARE,
                             f"{share:.0%} of sentences have no support in the evidence store"))

    review = DraftReview(
        path=str(path), loe_id=line_id, loe_how=how, authority=evidence.authority, words=total_words,
        footnotes=footnotes, pages=pages, paragraphs=len(paragraphs), sentences=sentences,
        outcome_share=outcome_share, process_share=process_share, data_points=n_data, unsupported=unsupported,
        supported_paragraphs=supported_paragraphs, stale=stale, suggestions=[], checks=checks,
    )
    review.suggestions = _suggestions(review, evidence, settings, line_id, home_figures)
    return review


def _check(name: str, value: object, threshold: str, ok: bool, reason: str) -> dict:
    return {"name": name, "value": value, "threshold": threshold, "ok": bool(ok), "reason": reason}


def _sidecar_line(path: Path) -> str | None:
    """The line a narrative the product wrote is about, from its JSON sidecar beside it (a draft
    that cites evidence of other areas is still that line's narrative)."""
    sidecar = path.with_suffix(".json")
    if path.suffix == ".json" or not sidecar.is_file():
        return None
    try:
        loe = json.loads(sidecar.read_text(encoding="utf-8")).get("loe")
    except (OSError, ValueError, AttributeError):
        return None
    return loe if isinstance(loe, str) and loe else None


def _line(evidence: Evidence, loe_id: str | None, sentences: list[DraftSentence]) -> tuple[str | None, str]:
    """The draft's line of enquiry: as given, else the top-level line its evidence is tagged with
    most, else the line whose cue phrases its words match most."""
    framework = evidence.framework
    if loe_id:
        return resolve_loe(framework, loe_id).id, "given"
    tops: Counter[str] = Counter()
    for sentence in sentences:
        for item in sentence.supported_by[:2]:
            for tag in item.tags:
                try:
                    tops[framework.ancestor(tag.loe)] += tag.score
                except KeyError:
                    continue
    if tops:
        return tops.most_common(1)[0][0], "from the evidence the draft's sentences rest on"
    text = " ".join(s.text for s in sentences).lower()
    for line in framework.lines:
        hits = sum(1 for cue in line.cues if re.search(r"\b" + re.escape(cue.lower()) + r"\b", text))
        if hits:
            try:
                tops[framework.ancestor(line.id)] += hits
            except KeyError:
                continue
    if tops:
        return tops.most_common(1)[0][0], "from the framework's cue phrases in the draft"
    return None, "not known"


def _figures_for(evidence: Evidence, line_id: str | None) -> int:
    """The home council's data for the area (all areas when it is not known): shares and rates,
    the figures a narrative should state; counts of months or meetings are not data about children."""
    data = [f for f in evidence.figures if f.unit in ("%", "per 10000", "per 1000", "per 100000")]
    superseded = superseded_documents(evidence)
    if line_id is None:
        replaced = set().union(*superseded.values()) if superseded else set()
        return sum(1 for f in data if f.source.document_sha not in replaced)
    # a later inspection of the area replaced an older report's figures; a narrative rightly leaves them out
    # and a figure is expected only of the narrative its passage goes to (its strongest line)
    replaced = superseded.get(line_id, set())
    framework = evidence.framework
    order = {line.id: n for n, line in enumerate(framework.top_lines)}
    family = framework.line_and_below(line_id)
    tops = framework.top_of()
    tagged = set()
    for item in evidence.items:
        if item.passage.document_sha in replaced or not any(t.loe in family for t in item.tags):
            continue
        if line_id not in order or best_line(line_scores(item.tags, tops), order) == line_id:  # a theme: any of its evidence
            tagged.add(item.passage.id)
    return sum(1 for f in data if f.source.passage_id in tagged)


def _stale(sentences: list[DraftSentence], settings: Settings, supported: set[int]) -> list[dict]:
    cutoff = _years_before(date.today(), settings.stale_years)
    found = []
    for s in sentences:
        cited_years = [int(y) for y in _CITED_YEAR.findall(s.text)]
        if cited_years and max(cited_years) < cutoff.year:
            found.append({"paragraph": s.paragraph, "sentence": s.text, "why": f"cites evidence from {max(cited_years)}"})
            continue
        if s.paragraph not in supported:
            continue  # an unsupported paragraph is reported as that, never also as supported by old evidence
        dated = [d for d in (parse_iso_date(i.passage.document_date) for i in s.supported_by) if d]
        if dated and max(dated) < cutoff:
            titles = sorted({i.passage.citation() for i in s.supported_by})[:2]
            found.append({"paragraph": s.paragraph, "sentence": s.text,
                          "why": f"rests only on evidence from {max(dated).year} or earlier: {'; '.join(titles)}"})
    return found


def _describe_process(group: list[DraftSentence]) -> str:
    text = " ".join(s.text.lower() for s in group)
    found = list(dict.fromkeys(label for cue, label in _PROCESS_NOUNS.items() if cue in text))[:3]
    if not found:
        return "process"
    return found[0] if len(found) == 1 else ", ".join(found[:-1]) + " and " + found[-1]


def _outcome_evidence(evidence: Evidence, settings: Settings, line_id: str | None) -> list[ImpactItem]:
    """Outcome evidence of the same line of enquiry and council (the evidence view holds only the
    home council's passages); every line when the draft's line is not known."""
    lines = [line_id] if line_id else [line.id for line in evidence.framework.top_lines]
    found: list[ImpactItem] = []
    for loe in lines:
        found.extend(impacts(evidence, loe, settings, words=2000))
    return found


def _best_for(words: frozenset[str], items: list[ImpactItem], exclude: set[int], need_overlap: bool, k: int = 2) -> list[ImpactItem]:
    scored = [(len(words & content_words(i.text)), i) for i in items if i.source.passage_id not in exclude]
    if need_overlap:
        scored = [(n, i) for n, i in scored if n >= 2]
    scored.sort(key=lambda pair: (-pair[0], -pair[1].has_data, -(parse_iso_date(pair[1].date) or date.min).toordinal()))
    return [i for _, i in scored[:k]]


def _quote(item: ImpactItem, limit: int = 14) -> str:
    return f"{item.source.citation} (\u201c{shorten(item.text, words=limit)}\u201d)"


def _suggestions(review: DraftReview, evidence: Evidence, settings: Settings, line_id: str | None, home_figures: int) -> list[str]:
    suggestions: list[str] = []
    used = {i.passage.id for s in review.sentences for i in s.supported_by}
    outcome_items = _outcome_evidence(evidence, settings, line_id) if evidence.items else []
    area = "this area" if line_id else "this council"
    if line_id:
        area = f"“{evidence.framework.line(line_id).title}”"
    if review.pages > MAX_PAGES:
        suggestions.append(
            f"The draft is {review.pages:g} pages ({review.words} words); aim for one to two pages "
            f"(under {int(MAX_PAGES * WORDS_PER_PAGE) - 100} words). Cut the account of how decisions were reached first."
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
            best = _best_for(words, outcome_items, used, need_overlap=line_id is None)
            what = _describe_process(group)
            if best and process_paragraphs <= 4:
                suggestions.append(
                    f"Paragraph {number} describes {what} rather than what changed for children; "
                    f"the store holds outcome evidence for {area}: " + "; ".join(_quote(i) for i in best) + "."
                )
                used.update(i.source.passage_id for i in best)
            elif process_paragraphs <= 4:
                suggestions.append(f"Paragraph {number} describes {what} rather than what changed for children; "
                                   "say what difference it made, with data or examples.")
    if process_paragraphs > 4:
        suggestions.append(f"{plural(process_paragraphs - 4, 'more paragraph')} describe process rather than outcomes.")
    if review.outcome_share < MIN_OUTCOME_SHARE and not process_paragraphs:
        suggestions.append(f"Only {review.outcome_share:.0%} of sentences describe outcomes for children; "
                           "lead each paragraph with the difference made.")
    if review.data_points < MIN_DATA_POINTS:
        with_data = [i for i in outcome_items if i.has_data and i.source.passage_id not in used][:2]
        text = f"The draft states {plural(review.data_points, 'figure')}; support claims with data"
        if with_data:
            text += ", for example " + "; ".join(_quote(i) for i in with_data)
        elif not home_figures:
            text += " (the evidence store holds none of this council's figures for this area yet)"
        suggestions.append(text + ".")
    for entry in review.unsupported[:5]:
        first = entry["sentences"][0]
        more = f" (and {plural(len(entry['sentences']) - 1, 'more sentence')})" if len(entry["sentences"]) > 1 else ""
        suggestions.append(
            f"Paragraph {entry['paragraph']}: \u201c{shorten(first['sentence'], words=12)}\u201d{more}: {first['why']}; "
            "cite the evidence or remove the claim."
        )
    if len(review.unsupported) > 5:
        suggestions.append(f"{plural(len(review.unsupported) - 5, 'more paragraph')} lack support in the evidence store.")
    cutoff = _years_before(date.today(), settings.stale_years)
    recent = [i for i in outcome_items if (parse_iso_date(i.date) or date.min) >= cutoff]
    for item in review.stale[:3]:
        text = f"Paragraph {item['paragraph']} {item['why']}"
        text += ("; more recent evidence: " + _quote(recent[0])) if recent else f"; no newer evidence is held for {area}"
        suggestions.append(text + ".")
    if not suggestions:
        suggestions.append("The draft is outcome-focused, within length and supported by the evidence store.")
    return suggestions
