"""spaCy components: each does one thing to a Doc and leaves its result on `Doc._` extensions.

Factories (all with a default config, all rule-based, all explainable):

| factory | sets |
| --- | --- |
| `readiness_loe` | `doc._.loe` {line id: score}, `doc._.loe_cues` {line id: [cues]} |
| `readiness_data` | `doc._.has_data`, `doc._.data_cues` |
| `readiness_judgements` | `doc._.judgements` (spans with `span._.grade`, `span._.area`, `span._.date`) |
| `readiness_role` | `doc._.role`, `doc._.role_cues`, `doc._.role_scores` |
| `readiness_polarity` | `doc._.polarity`, `doc._.polarity_cues` |
| `readiness_actions` | `doc._.actions` (dicts: action_id, text, kind, owner, due) |

`doc._.hints` (optional, set before the pipeline runs) carries passage metadata: heading_path,
kind, label, document_kind. Components work without it.

Vocabulary is data: line-of-enquiry cues come from the framework file and the shared vocabulary
(`frameworks/data/vocabulary.yaml`, keyed by the reference framework's lines and routed to any other
framework through its crosswalk); role, polarity and data cues from `tagging/data/cues.yaml`. No
framework is named here: a component's `framework` config is a framework name, and None means the
default one (`frameworks/data/catalogue.yaml`).
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from frameworks import Framework, default_framework_id, load_framework, reference_framework, vocabulary
from tagging import lexicon as lx
from tagging import rules
from tagging.rules import quote


def _framework(name: str | None, frameworks_dir: str | None) -> Framework:
    return load_framework(name or default_framework_id(), frameworks_dir or None)


def _reference_tops(frameworks_dir: str | None) -> tuple[str, ...]:
    """The reference framework's top-level line ids: the keys of the shared vocabulary and crosswalks."""
    return tuple(line.id for line in reference_framework(frameworks_dir or None).top_lines)


def _register_extensions() -> None:
    doc_ext: dict[str, Any] = {
        "hints": None, "loe": None, "loe_cues": None, "has_data": False, "data_cues": None,
        "judgements": None, "role": None, "role_cues": None, "role_scores": None,
        "polarity": None, "polarity_cues": None, "actions": None, "loe_selected": None, "loe_notes": None,
        "loe_strongest": None, "role_cue_map": None, "polarity_scores": None, "polarity_cue_map": None,
        "model_notes": None,
    }
    for name, default in doc_ext.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name in ("grade", "area", "date"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


_register_extensions()


def _text(doc: Doc) -> str:
    """The passage's text, joined once: Doc.text joins every token again on each call, and the rules
    read it a dozen times per passage (a third of the tagging time)."""
    text = doc.user_data.get("readiness_text")
    if text is None:
        text = doc.user_data["readiness_text"] = doc.text
    return text


def _hints(doc: Doc) -> dict:
    return doc._.hints or {}


def _label_and_body(doc: Doc) -> tuple[str | None, str, int]:
    """Printed label (from hints or the text) and the text after it."""
    label = _hints(doc).get("label")
    found, body = rules.split_label(_text(doc))
    start = len(_text(doc)) - len(body)
    return (label or found), body, start


def _variants(phrase: str) -> set[str]:
    out = {phrase}
    if phrase.endswith("y") and not phrase.endswith(("ey", "ay", "oy")):
        out.add(phrase[:-1] + "ies")
    elif phrase.endswith("s"):
        out.add(phrase[:-1])
    else:
        out.add(phrase + "s")
    return out


# ---------------------------------------------------------------------------------------------
# lines of enquiry


class LineOfEnquiryTagger:
    """Scores each top-level line of the framework from its cues (and its sub-lines' cues).

    Three sources of evidence, each named in the cues it reports:
    the framework file's cue phrases (PhraseMatcher on lower-case text, plural variants added),
    the shared vocabulary (routed through the framework's crosswalk), and passage hints (a heading
    path naming a line). A phrase counts 1.0 when it is a cue of the top-level line itself and 0.8
    when it is only a sub-line's cue; listed on both, it counts once, as the top line's (the
    matcher's order for equal spans does not decide it).
    """

    def __init__(self, nlp: Language, name: str, framework: str | None, frameworks_dir: str | None,
                 threshold: float, use_lexicon: bool) -> None:
        self.name = name
        self.framework: Framework = _framework(framework, frameworks_dir)
        self.threshold = threshold
        self.use_lexicon = use_lexicon
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.cue_owner: dict[str, tuple[str, str]] = {}  # match key -> (top line, fired line)
        self.lexicon: dict[str, dict[str, float]] = {}
        tops = {line.id: self.framework.ancestor(line.id) for line in self.framework.lines}
        # the phrases (as lower-case token sequences) a top-level line lists itself: they count 1.0
        self.top_phrases: dict[str, set[tuple[str, ...]]] = {}
        for line in self.framework.lines:
            if tops[line.id] == line.id:
                self.top_phrases.setdefault(line.id, set()).update(
                    tuple(t.lower_ for t in nlp.make_doc(variant)) for cue in line.cues for variant in _variants(cue))
        for line in self.framework.lines:
            patterns = [nlp.make_doc(variant) for cue in line.cues for variant in _variants(cue)]
            self.matcher.add(line.id, patterns)
            self.cue_owner[line.id] = (tops[line.id], line.id)
        # shared vocabulary: reference line ids -> this framework's top lines via the crosswalk
        if use_lexicon:
            reference_tops = _reference_tops(frameworks_dir)
            shared = vocabulary().lines
            for top in self.framework.top_lines:
                targets = set(self.framework.to_current(top.id)) or (
                    {top.id} if top.id in reference_tops else set())
                # a top line also inherits what its children map to (grouping strands)
                for line in self.framework.lines:
                    if line.parent == top.id and not targets:
                        targets.update(self.framework.to_current(line.id))
                merged: dict[str, float] = {}
                for target in targets:
                    for phrase, weight in shared.get(target, {}).items():
                        merged[phrase] = max(weight, merged.get(phrase, 0.0))
                if merged:
                    self.lexicon[top.id] = merged
            self.title_index = [
                (top.id, re.compile(re.escape(top.title.lower())), top.title) for top in self.framework.top_lines
            ]
        self.blockers = rules._compile(vocabulary().blockers)
        # a heading counts only with a line's strong phrases
        self.heading_lexicon = {top: {k: v for k, v in lexicon.items() if v >= 1.0} for top, lexicon in self.lexicon.items()}

    def __call__(self, doc: Doc) -> Doc:
        scores: dict[str, float] = {}
        cues: dict[str, list[str]] = {}
        blocked = [(m.start(), m.end()) for m in self.blockers.finditer(_text(doc))]

        def is_blocked(start: int, end: int) -> bool:
            return any(b0 <= start and end <= b1 for b0, b1 in blocked)

        seen: set[tuple[str, str]] = set()
        strongest: dict[str, float] = {}
        self._strongest = strongest
        for match_id, start, end in self.matcher(doc):
            key = doc.vocab.strings[match_id]
            top, fired = self.cue_owner[key]
            span = doc[start:end]
            if is_blocked(span.start_char, span.end_char):
                continue
            phrase = span.text.lower()
            if (top, phrase) in seen:
                continue
            seen.add((top, phrase))
            # a top line's own phrase counts in full even when a sub-line that also lists it matched first
            if fired != top and tuple(t.lower_ for t in span) in self.top_phrases.get(top, ()):
                fired = top
            weight = 1.0 if fired == top else 0.8
            scores[top] = scores.get(top, 0.0) + weight
            strongest[top] = max(strongest.get(top, 0.0), weight)
            cues.setdefault(top, []).append(
                f"cue: '{phrase}'" + ("" if fired == top else f" ({fired})"))
        if self.use_lexicon:
            self._lexicon(doc, scores, cues, seen, is_blocked)
        doc._.loe = {k: round(v, 3) for k, v in scores.items()}
        doc._.loe_strongest = strongest
        doc._.loe_cues = cues
        return doc

    def _lexicon(self, doc, scores, cues, seen, is_blocked) -> None:
        text = _text(doc)
        lowered = text.lower()
        for top, lexicon in self.lexicon.items():
            for hit in rules.scan(text, lexicon):
                if is_blocked(hit.start, hit.end) or (top, hit.phrase) in seen:
                    continue
                # "care leavers" must not also count as children "in care"
                if hit.phrase in {"in care", "care"} and re.match(r"\s*leav", lowered[hit.end: hit.end + 8]):
                    continue
                seen.add((top, hit.phrase))
                if hit.weight <= 0:
                    continue
                scores[top] = scores.get(top, 0.0) + hit.weight
                self._strongest[top] = max(self._strongest.get(top, 0.0), hit.weight)
                cues.setdefault(top, []).append(f"lexicon: '{hit.phrase}'")
        heading = " / ".join(_hints(doc).get("heading_path") or ()).lower()
        if heading:
            for top, pattern, title in self.title_index:
                short = _short_title(title)
                if pattern.search(heading) or (short and short in heading):
                    scores[top] = scores.get(top, 0.0) + 0.6
                    cues.setdefault(top, []).append(f"heading: '{short or title}'")
            for top, lexicon in self.heading_lexicon.items():
                for hit in rules.scan(heading, lexicon):
                    scores[top] = scores.get(top, 0.0) + 0.4
                    cues.setdefault(top, []).append(f"heading: '{hit.phrase}'")
                    break


def _short_title(title: str) -> str:
    lowered = title.lower()
    for marker in ("progress of ", "impact of "):
        if marker in lowered:
            return lowered.split(marker, 1)[1].split(" on ")[0].split(" who ")[0].strip()
    return lowered


@Language.factory(
    "readiness_loe",
    default_config={"framework": None, "frameworks_dir": None, "threshold": 1.0, "use_lexicon": True},
)
def make_loe(nlp: Language, name: str, framework: str | None, frameworks_dir: str | None,
             threshold: float, use_lexicon: bool) -> LineOfEnquiryTagger:
    return LineOfEnquiryTagger(nlp, name, framework, frameworks_dir, threshold, use_lexicon)


# ---------------------------------------------------------------------------------------------
# has_data


class DataDetector:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        label, body, _ = _label_and_body(doc)
        cues = rules.data_cues(body, label=label or "")
        doc._.data_cues = cues
        doc._.has_data = bool(cues)
        return doc


@Language.factory("readiness_data", default_config={})
def make_data(nlp: Language, name: str) -> DataDetector:
    return DataDetector(name)


# ---------------------------------------------------------------------------------------------
# judgements


class JudgementFinder:
    """Formal grade statements ("judged inadequate", "The quality of provision is adequate").

    The area a grade belongs to comes from the words near it (the shared vocabulary's
    `judgement_areas`), mapped to this framework's lines through the crosswalk; "overall" stays
    "overall"."""

    def __init__(self, name: str, framework: str | None, frameworks_dir: str | None) -> None:
        self.name = name
        self.framework = _framework(framework, frameworks_dir)
        reference = reference_framework(frameworks_dir or None)
        self.reference_tops = tuple(line.id for line in reference.top_lines)
        # area cues keyed by what they name: "overall" or a reference top-level line id
        line_of_area = {line.area: line.id for line in reference.top_lines if line.area}
        self.area_cues: dict[str, tuple[str, ...]] = {}
        for area, cues in vocabulary().judgement_areas.items():
            self.area_cues[area if area == "overall" else line_of_area.get(area, area)] = cues
        variants: dict[str, str] = {}
        for grade in self.framework.grade_scale:
            for variant in grade.variants:
                variants[variant.lower()] = grade.label
        # older reports use the other scale's words; still a grade, keep its own label
        for extra, label in (("outstanding", "outstanding"), ("good", "good"), ("adequate", "adequate"),
                             ("inadequate", "inadequate"), ("requires improvement", "requires improvement to be good"),
                             ("requires improvement to be good", "requires improvement to be good"),
                             ("require improvement to be good", "requires improvement to be good"),
                             ("require improvement", "requires improvement to be good")):
            variants.setdefault(extra, label)
        self.variants = variants
        self.area_map = self._area_map()

    def _area_map(self) -> dict[str, str]:
        """Reference top-level line ids -> this framework's line ids (unmapped ones stay as they are)."""
        out = {"overall": "overall"}
        for top in self.framework.top_lines:
            for target in self.framework.to_current(top.id) or (
                    (top.id,) if top.id in self.reference_tops else ()):
                out.setdefault(target, top.id)
        for key in self.reference_tops:
            out.setdefault(key, key)
        return out

    def __call__(self, doc: Doc) -> Doc:
        text = _text(doc)
        spans: list[Span] = []
        for hit in rules.find_grades(text, self.variants):
            if rules.is_descriptive(text, hit.start) or _grades_cases_not_a_service(text, hit.start):
                continue
            span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
            if span is None:
                continue
            span = Span(doc, span.start, span.end, label="GRADE")
            span._.grade = hit.grade
            span._.area = self._area(text, hit.start, doc)
            span._.date = rules.find_date(text) or (_hints(doc).get("document_date") or None)
            spans.append(span)
        if not spans and rules.PRIORITY_RE.search(text) and re.search(
                r"\b(?:inspect|ofsted|visit)", text, re.IGNORECASE):
            match = rules.PRIORITY_RE.search(text)
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None:
                span = Span(doc, span.start, span.end, label="VERDICT")
                negative = match.group(0).lower().startswith("no")
                span._.grade = "no areas for priority action" if negative else "areas for priority action"
                span._.area = self._area(text, match.start(), doc)
                span._.date = rules.find_date(text)
                spans.append(span)
        doc._.judgements = spans
        return doc

    def _area(self, text: str, position: int, doc: Doc) -> str:
        sentence_start = max(text.rfind(". ", 0, position), 0)
        window = text[sentence_start: position + 80].lower()
        best, best_pos = None, -1
        for area, cues in self.area_cues.items():
            for cue in cues:
                index = window.rfind(cue)
                if index > best_pos and not (area == "overall" and cue == "overall" and "overall effectiveness" not in window and index > position - sentence_start):
                    best, best_pos = area, index
        if best is None:
            scores = doc._.loe or {}
            if scores:
                top = max(scores, key=scores.get)
                return top
            return "overall"
        return self.area_map.get(best, best)


_CASE_NOUNS = re.compile(r"\b(?:cases?|case files?|files|records|audits?|audited)\b", re.IGNORECASE)
_COUNT = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"half|a third|a quarter|most|many|some|none|all)\b|per cent|%", re.IGNORECASE)


def _grades_cases_not_a_service(text: str, position: int) -> bool:
    """A case audit's grades ("26 cases (17 per cent) were graded inadequate", "Six were graded
    requires improvement") are findings about cases, not a formal judgement of a service."""
    sentence_start = max(text.rfind(". ", 0, position) + 1, 0)
    before = text[sentence_start:position]
    if _CASE_NOUNS.search(before):
        return True
    return bool(re.search(r"\baudit", text, re.IGNORECASE) and _COUNT.search(before))


@Language.factory("readiness_judgements", default_config={"framework": None, "frameworks_dir": None})
def make_judgements(nlp: Language, name: str, framework: str | None, frameworks_dir: str | None) -> JudgementFinder:
    return JudgementFinder(name, framework, frameworks_dir)


# ---------------------------------------------------------------------------------------------
# evidence role

HEADING_HINTS_REC = re.compile(
    r"recommendation|what needs to improve|action plan|areas? for (?:priority action|improvement|development)|"
    r"next steps|looking forward|actions?\b", re.IGNORECASE)
FINITE_RE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|must|may|might|does|do|did|"
    r"be|been|being|need|needs|provides?|shows?|remains?|continues?|takes?|makes?|includes?|"
    r"[a-z]{3,}ed|[a-z]{3,}s)\b", re.IGNORECASE)
# words of a recommendation that fixes a weakness (a concern under the guidelines)
_FIXES_A_WEAKNESS = {
    "ensure that": 0.5, "improve": 0.6, "improved": 0.6, "to be improved": 1.0,
    "strengthen": 0.8, "strengthened": 0.8, "inconsistent": 1.0, "should be reviewed": 0.6,
    "should not": 0.8, "increased": 0.4, "need for": 0.6, "there is a need": 1.0, "insufficient": 1.0,
    "better": 0.4, "weakness": 1.0, "variable": 0.8, "clearly understood": 0.5,
    "widely understood": 0.6, "rigorously": 0.5, "required": 0.5, "must": 0.6,
    "accurate": 0.4, "timely": 0.4, "issues": 0.6, "drift": 1.0, "delay": 0.8,
    "areas for improvement": 1.0, "what needs to improve": 1.0, "to be defined": 0.8,
}

ADVICE_RE = re.compile(
    r"\b(?:you|your)\b|\b(?:narratives?|evidence|document sets?|signpost)\b", re.IGNORECASE)
FUTURE_SUBJECT_RE = re.compile(
    r"\b(?:ofsted|inspectors?|inspection|the inspection team|hmi|report|lead inspector|authority will be informed)\b[^.]{0,40}\bwill\b",
    re.IGNORECASE)


class RoleClassifier:
    """outcome / process / recommendation / judgement / context, by ordered rules with cues."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        role, cues, scores = self.decide(doc)
        doc._.role = role
        doc._.role_cues = cues
        doc._.role_scores = {k: round(v, 2) for k, v in scores.items()}
        return doc

    def decide(self, doc: Doc) -> tuple[str, list[str], dict[str, float]]:
        hints = _hints(doc)
        label, body, body_start = _label_and_body(doc)
        text = body
        lower = text.lower()
        words = re.findall(r"[A-Za-z][A-Za-z'’-]*", text)
        scores = {"outcome": 0.0, "process": 0.0, "recommendation": 0.0, "judgement": 0.0, "context": 0.0}
        cues: dict[str, list[str]] = {k: [] for k in scores}

        # judgement: formal grade statements found by the judgement component
        judgements = doc._.judgements or []
        if judgements:
            scores["judgement"] += 2.0
            cues["judgement"] += [f"grade: '{s.text}'" for s in judgements][:3]

        # recommendation
        first = _first_word(doc, body_start)
        if first and first[0].isupper() and first.lower() in lx.IMPERATIVE_VERBS and not re.match(
                rf"{re.escape(first)}\s+(?:of|to|is|are|was|were|has|have)\b", text.strip(), re.IGNORECASE):
            if not _looks_nominal(doc, body_start):
                scores["recommendation"] += 1.5
                cues["recommendation"].append(f"imperative: '{first}'")
        if label and re.match(r"^[RA]\d", label):
            scores["recommendation"] += 1.0
            cues["recommendation"].append(f"label: '{label}'")
        rec_hits = rules.scan(text, lx.RECOMMENDATION_PHRASES)
        if FUTURE_SUBJECT_RE.search(text):
            rec_hits = [h for h in rec_hits if not h.phrase.startswith("will")]
        rec_score = min(rules.total(rec_hits, cap_each=1), 2.0)
        if len(words) > 40 and not (label and re.match(r"^[RA]\d", label)):
            # long evaluative passages use "needs to"/"should" descriptively; count only a leading cue
            lead = [h for h in rec_hits if h.start < 80]
            rec_score = min(rules.total(lead, cap_each=1), 2.0) + 0.25 * (rec_score - rules.total(lead, cap_each=1))
        scores["recommendation"] += rec_score
        cues["recommendation"] += [f"cue: {quote(h)}" for h in rec_hits][:4]
        if re.search(r"^(?:that\b|members\b)", lower.strip()) and re.search(r"\bnote", lower):
            scores["recommendation"] += 1.0
            cues["recommendation"].append("committee resolution")
        if re.match(r"^\s*(?:the\s+)?(?:re-?launch|development|introduction|implementation|review) of\b", lower) and len(words) < 14:
            scores["recommendation"] += 0.6
            cues["recommendation"].append("planned item")
        heading = " / ".join(hints.get("heading_path") or ())
        if heading and HEADING_HINTS_REC.search(heading):
            scores["recommendation"] += 0.8
            cues["recommendation"].append(f"heading: '{HEADING_HINTS_REC.search(heading).group(0)}'")

        # context
        ctx_hits = rules.scan(text, lx.CONTEXT_PHRASES)
        scores["context"] += rules.total(ctx_hits, cap_each=1)
        cues["context"] += [f"cue: {quote(h)}" for h in ctx_hits][:4]
        if hints.get("kind") == "heading":
            scores["context"] += 2.0
            cues["context"].append("passage is a heading")
        if (len(words) <= 4 or (len(words) <= 12 and not re.search(r"[.;,]\s*$", text))) and not _has_finite_verb(doc, text):
            scores["context"] += 1.5
            cues["context"].append("heading-like: no finite verb")
        if text.rstrip().endswith("?"):
            scores["context"] += 1.0
            cues["context"].append("question")
        if text.rstrip().endswith(":") and len(words) < 25:
            scores["context"] += 0.8
            cues["context"].append("introduces a list")
        if re.search(r"\|\s*\d+\s*$|bookmark not defined", text, re.IGNORECASE):
            scores["context"] += 2.0
            cues["context"].append("contents entry")

        # outcome versus process: what is the finding about?
        out_hits = rules.scan(text, lx.OUTCOME_PHRASES)
        proc_hits = rules.scan(text, lx.PROCESS_PHRASES)
        scores["outcome"] += rules.total(out_hits, cap_each=1)
        scores["process"] += rules.total(proc_hits, cap_each=1)
        cues["outcome"] += [f"cue: {quote(h)}" for h in out_hits][:4]
        cues["process"] += [f"cue: {quote(h)}" for h in proc_hits][:4]
        mentions = len(re.findall(r"\b(?:children|child|child's|children's|young people|young person|families|family|care leavers|parents|carers)\b", lower))
        if mentions:
            scores["outcome"] += min(1.2, 0.3 * mentions)
            cues["outcome"].append(f"about children and families ({mentions} mentions)")
        subject = _child_subject(doc)
        if subject:
            scores["outcome"] += 0.8
            cues["outcome"].append(f"subject: '{subject}'")
        if doc._.has_data and re.search(r"\b(?:fell|rose|reduc|increas|declin|improv|drop|fewer|more|higher|lower)", lower):
            scores["outcome"] += 0.8
            cues["outcome"].append("measured change")

        role = self._choose(scores, text, words)
        explanation = cues[role] or [f"default: {role}"]
        doc._.role_cue_map = {k: list(v) for k, v in cues.items()}
        return role, explanation, scores

    @staticmethod
    def _choose(scores: dict[str, float], text: str, words: list[str]) -> str:
        if scores["judgement"] >= 2.0 and scores["recommendation"] < 2.0:
            return "judgement"
        if scores["recommendation"] >= 0.8 and scores["recommendation"] >= scores["context"]:
            return "recommendation"
        if scores["context"] >= 1.5 or (scores["context"] >= 1.0 and max(scores["outcome"], scores["process"]) < 1.5):
            return "context"
        evaluative = max(scores["outcome"], scores["process"])
        if evaluative < 0.5:
            return "context"
        return "outcome" if scores["outcome"] >= scores["process"] else "process"


def _first_word(doc: Doc, body_start: int) -> str | None:
    match = re.match(r"\s*[\W_]*([A-Za-z][A-Za-z-]*)", _text(doc)[body_start:])
    return match.group(1) if match else None


def _looks_nominal(doc: Doc, body_start: int) -> bool:
    """With a tagger, an imperative-looking first word that is tagged as a noun is not imperative."""
    if not doc.has_annotation("TAG"):
        return False
    for token in doc:
        if token.idx >= body_start and token.is_alpha:
            return token.tag_ not in {"VB", "VBP"} and token.pos_ not in {"VERB"}
    return False


def _has_finite_verb(doc: Doc, text: str) -> bool:
    if doc.has_annotation("TAG"):
        return any(t.tag_ in {"VBD", "VBP", "VBZ", "MD"} for t in doc)
    return bool(FINITE_RE.search(text))


def _child_subject(doc: Doc) -> str | None:
    """Children, young people or families as the grammatical subject (with a parser), or leading."""
    if doc.has_annotation("DEP"):
        for token in doc:
            if token.dep_ in {"nsubj", "nsubjpass"} and token.lemma_.lower() in lx.CHILD_SUBJECTS | {"child", "leaver"}:
                return token.text
            if token.dep_ in {"nsubj", "nsubjpass"} and token.text.lower() in lx.CHILD_SUBJECTS:
                return token.text
        return None
    match = re.match(r"\s*(?:\w+\s+){0,3}?(children|young people|families|care leavers|parents|carers)\b", _text(doc), re.IGNORECASE)
    return match.group(1) if match else None


@Language.factory("readiness_role", default_config={})
def make_role(nlp: Language, name: str) -> RoleClassifier:
    return RoleClassifier(name)


# ---------------------------------------------------------------------------------------------
# polarity

GRADE_POLARITY = {
    "outstanding": "strength", "good": "strength", "adequate": "neutral",
    "requires improvement to be good": "concern", "inadequate": "concern",
    "no areas for priority action": "strength", "areas for priority action": "concern",
}
WELL_NOISE = re.compile(r"\bas well\b|\bwell as\b|\bwell-being\b|\bwellbeing\b", re.IGNORECASE)
NEGATION_BEFORE_RE = re.compile(
    r"\b(?:(?:not|no|never|nor|lack of|rather than|insufficiently|less)\s+(?:[\w'’-]+\s+){0,3}"
    # "without" governs its whole noun phrase: "without the benefit of a robust risk assessment"
    r"|without\s+(?:[\w'’-]+\s+){0,5})$")
# "outstanding" before work still to do means unresolved, not excellent ("outstanding concerns")
UNRESOLVED_AFTER_RE = re.compile(
    r"\s+(?:\w+\s+)?(?:concerns?|risks?|issues?|actions?|work|cases?|referrals?|assessments?|visits?|tasks?|"
    r"recommendations?|debts?|complaints?|allegations?)\b", re.IGNORECASE)
COORDINATED_RE = re.compile(r"\s*(?:and|or|,)\s*(?:[\w'’-]+\s+)?", re.IGNORECASE)
# an evaluation needs this much cue weight before a passage of this role is called a strength or
# concern: descriptions of structures and activity use "robust", "appropriate", "clear" in passing
MIN_EVIDENCE: dict[str, float] = {"process": 1.0}
DOMAIN_NOUN_BEFORE_RE = re.compile(
    r"\b(?:safeguarding|protection|welfare|urgent|immediate|presenting|emerging|escalating|known|potential|"
    r"contextual|extra-familial)\s+(?:\w+\s+(?:and|or)\s+)?$", re.IGNORECASE)
CONCESSIVE_RE = re.compile(r"\b(?:although|though|while|whilst|despite|notwithstanding|even if)\b[^,;.]*", re.IGNORECASE)
CONTRAST_RE = re.compile(r"\b(?:however|but|nevertheless|yet)\b[^.;]*", re.IGNORECASE)
CONCESSIVE_WEIGHT, CONTRAST_WEIGHT = 0.6, 1.0


def _clause_weights(text: str):
    """Weight of an evaluative cue by its clause: a concession ("although X") counts less. The clause
    a contrast introduces ("however, Y") keeps weight 1.0: weighting it up lost accuracy in CV."""
    spans = [(m.start(), m.end(), CONCESSIVE_WEIGHT) for m in CONCESSIVE_RE.finditer(text)]
    spans += [(m.start(), m.end(), CONTRAST_WEIGHT) for m in CONTRAST_RE.finditer(text)]

    def weight(position: int) -> float:
        for start, end, value in spans:
            if start <= position < end:
                return value
        return 1.0

    return weight


# concern words that name a harm or failing being prevented, reduced or absent
MITIGABLE = frozenset({"drift", "delay", "delays", "delayed", "risk", "risks", "concern", "concerns", "gaps",
                       "gap", "instability", "backlog", "turnover", "failures", "errors"})
MITIGATED_BEFORE_RE = re.compile(
    r"\b(?:prevents?|prevented|preventing|prevention of|avoids?|avoided|avoiding|reduces?|reduced|reducing|"
    r"reduction in|minimis\w+|tackl\w+|no|without|free from|fewer|identif\w+|manag\w+|respond\w* to|"
    r"address\w*)\s+(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)


class PolarityClassifier:
    """strength / concern / neutral from weighted evaluative cues with negation."""

    def __init__(self, name: str, margin: float) -> None:
        self.name = name
        self.margin = margin

    def __call__(self, doc: Doc) -> Doc:
        polarity, cues = self.decide(doc)
        doc._.polarity = polarity
        doc._.polarity_cues = cues
        return doc

    def decide(self, doc: Doc) -> tuple[str, list[str]]:
        label, text, _ = _label_and_body(doc)
        role = doc._.role
        strength_s, concern_s, s_all, c_all = self._scores(text)
        doc._.polarity_scores = {"strength": round(strength_s, 3), "concern": round(concern_s, 3)}
        doc._.polarity_cue_map = {"strength": s_all[:5], "concern": c_all[:5]}
        if role == "judgement" and doc._.judgements:
            grades = [GRADE_POLARITY.get(s._.grade, "neutral") for s in doc._.judgements]
            strength_s, concern_s = self._scores(text)[:2]
            first = grades[0]
            if first == "neutral":
                if strength_s > concern_s + 0.5:
                    first = "strength"
                elif concern_s > strength_s + 0.5:
                    first = "concern"
            return first, [f"grade: '{s._.grade}'" for s in doc._.judgements][:3]
        strength, concern, s_cues, c_cues = self._scores(text)
        if role == "context":
            if concern >= 2.0 and concern > strength * 2:
                return "concern", c_cues[:4]
            return "neutral", ["context passages are neutral"]
        if role == "recommendation":
            fixes = rules.scan(text, _FIXES_A_WEAKNESS)
            score = rules.total(fixes) + concern * 0.5
            # a directive ("X should be ...") fixes something found; advice on preparing evidence does not
            if re.search(r"\bshould\b", text, re.IGNORECASE) and not any(h.phrase == "should not" for h in fixes):
                score += 0.6
            if ADVICE_RE.search(text):
                score -= 0.6
            if score >= 1.0:
                return "concern", [f"fixes a weakness: {quote(h)}" for h in fixes][:3] + c_cues[:2]
            return "neutral", ["forward plan or advice"] + [f"cue: {quote(h)}" for h in fixes][:2]
        if strength == 0 and concern == 0:
            return "neutral", ["no evaluative cue"]
        floor = MIN_EVIDENCE.get(role or "", 0.0)
        if max(strength, concern) < floor:
            return "neutral", [f"weak evaluative cues only (< {floor})"] + (s_cues + c_cues)[:2]
        if concern >= strength + self.margin:
            return "concern", c_cues[:5]
        if strength >= concern + self.margin:
            return "strength", s_cues[:5]
        return "neutral", ["balanced: " + ", ".join((s_cues[:2] + c_cues[:2]))]

    @staticmethod
    def _scores(text: str) -> tuple[float, float, list[str], list[str]]:
        clean = WELL_NOISE.sub(" ", text)
        strength_hits = rules.scan(clean, lx.STRENGTH_PHRASES)
        concern_hits = rules.scan(clean, lx.CONCERN_PHRASES)
        strength = 0.0
        concern = 0.0
        s_cues: list[str] = []
        c_cues: list[str] = []
        concern_spans = [(h.start, h.end) for h in concern_hits]
        last_negated_end = -1
        weight_at = _clause_weights(clean)
        for hit in strength_hits:
            if any(a <= hit.start < b for a, b in concern_spans):
                continue
            if hit.phrase.lower() == "outstanding" and UNRESOLVED_AFTER_RE.match(clean, hit.end):
                continue
            window = clean[max(0, hit.start - 60): hit.start].lower()
            # negation scope: a negator up to three words back in the same clause, or a coordinated
            # word after a negated one ("not ... sufficiently timely and robust")
            negated = bool(NEGATION_BEFORE_RE.search(window)) or (
                last_negated_end >= 0 and COORDINATED_RE.fullmatch(clean[last_negated_end: hit.start]))
            if negated:
                concern += hit.weight * 0.8 * weight_at(hit.start)
                c_cues.append(f"negated: '{hit.phrase}'")
                last_negated_end = hit.end
            else:
                strength += hit.weight * weight_at(hit.start)
                s_cues.append(f"cue: '{hit.phrase}'")
        for hit in concern_hits:
            window = clean[max(0, hit.start - 40): hit.start].lower()
            if hit.phrase in {"concern", "concerns", "risk", "risks"} and DOMAIN_NOUN_BEFORE_RE.search(window):
                continue  # "safeguarding concerns", "immediate risk": what the work responds to, not a weakness
            if hit.phrase in MITIGABLE and MITIGATED_BEFORE_RE.search(window):
                # the weakness is what is being prevented or reduced ("prevent drift", "no concerns")
                s_cues.append(f"mitigated: '{hit.phrase}'")
                continue
            concern += hit.weight * weight_at(hit.start)
            c_cues.append(f"cue: '{hit.phrase}'")
        return strength, concern, s_cues, c_cues


@Language.factory("readiness_polarity", default_config={"margin": 0.5})
def make_polarity(nlp: Language, name: str, margin: float) -> PolarityClassifier:
    return PolarityClassifier(name, margin)


# ---------------------------------------------------------------------------------------------
# recommendations and action points

OWNER_RE = re.compile(
    r"\b(?:owner|lead officer|lead|responsible(?: officer)?|by whom)\s*[:\-–]\s*(?P<owner>[A-Z][^.;|\n]{2,60})",
    re.IGNORECASE)
DUE_RE = re.compile(
    rf"\b(?:by|before|due|deadline|timescale|target date|completion date)\s*[:\-–]?\s*(?:the\s+)?(?:end\s+of\s+)?"
    rf"(?P<due>(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{rules.MONTHS})\.?\s+(?:19|20)\d\d|(?:19|20)\d\d|"
    rf"\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|immediately|within (?:three|six|\d+) months)",
    re.IGNORECASE)


class ActionFinder:
    """Recommendations and action points with their printed ids (R1, A9, 10.8.3)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        label, body, _ = _label_and_body(doc)
        actions: list[dict] = []
        role = doc._.role
        action_id = None
        if label and re.match(r"^[RA]\d+$", label):
            action_id = label
        elif label and role == "recommendation" and re.match(r"^\d+(?:\.\d+)+$", label):
            action_id = label
        elif role == "recommendation":
            match = rules.ACTION_ID_RE.match(_text(doc).strip())
            if match:
                action_id = match.group("id")
        if action_id:
            kind = "action point" if action_id.startswith("A") else "recommendation"
            owner = OWNER_RE.search(body)
            due = DUE_RE.search(body)
            actions.append({
                "action_id": action_id,
                "text": body.strip(),
                "kind": kind,
                "owner": owner.group("owner").strip() if owner else None,
                "due": due.group("due") if due else None,
            })
        doc._.actions = actions
        return doc


@Language.factory("readiness_actions", default_config={})
def make_actions(nlp: Language, name: str) -> ActionFinder:
    return ActionFinder(name)


# ---------------------------------------------------------------------------------------------
# final line-of-enquiry decision (runs after role, which it uses)

NO_LOE_ROLE_CUES = ("passage is a heading", "contents entry")
BOILERPLATE_RE = re.compile(
    r"crown copyright|www\.|textphone|yours sincerely|braille|large print|background papers|"
    r"note the (?:report|content|findings)|notes the progress|education and inspections act|"
    r"four[- ]point scale|what the inspection judgements mean|her majesty.s inspector",
    re.IGNORECASE)
PRACTICE_RE = re.compile(
    r"\b(?:social work(?:ers?)?|practitioners?|case (?:work|files?|records?)|casework|families|"
    r"child's|children(?:'s)? (?:and|who|are|were|is)|plans?\b|visits?\b|direct work|risk|safeguard(?:ing)?|"
    r"interventions?|decision[- ]making|cases\b)", re.IGNORECASE)


COMMITTEE_RE = re.compile(r"\bnote (?:the|that)\b|\bnotes the\b|are requested to|is requested to", re.IGNORECASE)
# QA, audit, self-evaluation and supervision activity belongs to leaders' impact even when the
# passage is mainly about a practice line (guidelines: an audit finding about supervision in child
# protection work is both); one such cue is enough to add the leaders' line beside another line.
QA_CUE_RE = re.compile(
    r"'(?:audit\w*|re-audit\w*|dip samples?|quality assurance|self-evaluation|self-assessment|"
    r"supervision|management oversight|inspection readiness|learning from audit)'")
LEADERSHIP_RE = re.compile(r"\b(?:we|our|council|service|managers?|staff|team|audit\w*|quality|performance|evidence|narratives?)\b", re.IGNORECASE)


class LineOfEnquiryDecider:
    """Turns raw line scores into the selected lines, with default and boilerplate rules."""

    def __init__(self, name: str, threshold: float, relative: float, default_line: str | None,
                 default_process: str | None) -> None:
        self.name = name
        self.default_process = default_process
        self.threshold = threshold
        self.relative = relative
        self.default_line = default_line

    def __call__(self, doc: Doc) -> Doc:
        raw = dict(doc._.loe or {})
        notes: list[str] = []
        selected: dict[str, float] = {}
        if BOILERPLATE_RE.search(_text(doc)) or any(c in NO_LOE_ROLE_CUES for c in (doc._.role_cues or [])):
            notes.append("boilerplate or heading: no line of enquiry")
        else:
            role = doc._.role or "context"
            strongest = doc._.loe_strongest or {}
            best = max(raw.values(), default=0.0)
            threshold = self.threshold * (1.5 if role == "context" else 1.0)
            for loe, score in raw.items():
                strong = strongest.get(loe, 0.0) >= 0.8
                if score >= threshold and (strong or score >= threshold * 1.6) and score >= best * self.relative:
                    selected[loe] = round(min(1.0, score / 3.0), 3)
            qa_line = self.default_process
            if (selected and qa_line and qa_line not in selected and raw.get(qa_line, 0.0) >= 0.8
                    and any(QA_CUE_RE.search(c) for c in (doc._.loe_cues or {}).get(qa_line, ()))):
                selected[qa_line] = round(min(1.0, raw[qa_line] / 3.0), 3)
                notes.append(f"QA/audit activity alongside practice -> {qa_line}")
            if not selected and role != "context":
                # evidence always belongs somewhere: the best-scoring line, else the role's default
                if best >= 0.5:
                    loe = max(raw, key=raw.get)
                    selected[loe] = round(min(1.0, best / 3.0), 3)
                    notes.append(f"weak cues only: best line {loe}")
                elif self.default_line and PRACTICE_RE.search(_text(doc)) and role in {"outcome", "judgement"}:
                    selected[self.default_line] = 0.3
                    notes.append(f"default: generic practice -> {self.default_line}")
                elif self.default_process and role in {"process", "recommendation"} and not COMMITTEE_RE.search(_text(doc)):
                    if self.default_line and PRACTICE_RE.search(_text(doc)) and not LEADERSHIP_RE.search(_text(doc)):
                        selected[self.default_line] = 0.3
                        notes.append(f"default: generic practice -> {self.default_line}")
                    else:
                        selected[self.default_process] = 0.3
                        notes.append(f"default: internal workings -> {self.default_process}")
        doc._.loe_selected = selected
        doc._.loe_notes = notes
        return doc


def default_lines(framework: Framework, frameworks_dir: str | None = None) -> tuple[str | None, str | None]:
    """This framework's top lines for generic practice and for the council's internal workings: the
    shared vocabulary's `defaults` (reference line ids) routed through the crosswalk."""
    reference_tops = _reference_tops(frameworks_dir)

    def line_for(target: str | None) -> str | None:
        if not target:
            return None
        return next((t.id for t in framework.top_lines if target in framework.to_current(t.id)
                     or (t.id == target and t.id in reference_tops)), None)

    defaults = vocabulary().defaults
    return line_for(defaults.get("generic_practice")), line_for(defaults.get("internal_workings"))


@Language.factory(
    "readiness_loe_decide",
    default_config={"threshold": 1.0, "relative": 0.0, "framework": None, "frameworks_dir": None,
                    "use_defaults": True},
)
def make_loe_decide(nlp: Language, name: str, threshold: float, relative: float, framework: str | None,
                    frameworks_dir: str | None, use_defaults: bool) -> LineOfEnquiryDecider:
    """`use_defaults`: send evidence with no strong line to the framework's generic-practice or
    internal-workings line (see `default_lines`); off, such evidence gets no line."""
    generic, internal = default_lines(_framework(framework, frameworks_dir), frameworks_dir) if use_defaults else (None, None)
    return LineOfEnquiryDecider(name, threshold, relative, generic, internal)

