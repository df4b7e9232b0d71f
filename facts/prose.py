"""Judgements stated in sentences: an earlier inspection as a report states it, or the inspection a
council's own paper reports on.

A sentence yields a judgement only when all of these are clear from its words (and, for a short
sentence, the sentence before it in the same passage):
- a grade in a judgement frame: "was judged (to be) inadequate", "were rated as good overall",
  "judged services for help and protection to be good", "a judgement of inadequate for overall
  effectiveness", "the 2010 inadequate safeguarding judgement";
- whose grade it is: the council's services as a whole ("services", "children's services", "the
  local authority", "the overall effectiveness") or a named area ("services for children looked
  after", "help and protection"); a children's home, fostering or adoption service, school, LSCB or
  cases in an audit are someone else's, and their grades never reach the judgement history;
- when: an inspection with a year or month ("the last inspection in 2019", "in May 2018", "its
  Safeguarding and Looked After Children inspection in 2009").

Hypotheses and definitions are not judgements: "before services are consistently good", "is likely
to be judged good if", "the four-point scale - outstanding, good, adequate, inadequate", "no areas
for priority action". Everything is checked against the framework's history (facts.areas), so a grade
for an area an inspection did not grade then is dropped, as is a grade word off its scale.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from core.model import InspectionKind, InspectionRef, JudgementFact, Passage, Provenance, Scope, Subject
from facts.areas import areas_judged
from facts.authorities import find_authorities
from facts.dates import as_date, last_day, month_of
from frameworks.inspections import full_inspection_on, inspection_family
from facts.text import GRADE_RE, grade_of, grade_on_scale, normal, sentences

_G = GRADE_RE.pattern
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DATE = rf"(?:(?:\d{{1,2}}\s+)?{_MONTHS}\s+)?(?:19|20)\d\d"

# Words that make a sentence a definition, a hypothesis or an aim rather than a judgement made.
NOT_A_JUDGEMENT = re.compile(
    r"\b(?:likely to be|if the following|grade descriptors?|four[- ]point scale|point scale|what the inspection judge?ments mean|"
    r"minimum requirements|would|could|should|will be|to become|aim(?:s|ing)? to|ambition|expect(?:s|ed|ation)|target|"
    r"before (?:services|it|they)|not yet|no longer|less than|at least|or better|or outstanding|good or|"
    r"areas? for priority action|priority action|descriptor|if|necessarily|lead to|leads to|categories)\b", re.I)
JUDGE_VERB = r"(?:judged|rated|graded|found|assessed|considered|described)"
# "was judged (to be) inadequate", "were rated as good", "were inadequate", "was judged to require improvement"
PASSIVE = re.compile(
    rf"\b(?:was|were|had been|have been|has been|being|been)\s+(?:(?:previously|last|also|all|both)\s+)?(?:{JUDGE_VERB}\s+)?"
    rf"(?:by\s+ofsted\s+)?(?:(?:to\s+be|as|to)\s+)?['‘\"]?(?P<grade>{_G})['’\"]?", re.I)
# "judged services for help and protection to be good", "judged the local authority as outstanding"
ACTIVE = re.compile(
    rf"\b(?:judged|rated|graded|found)\s+(?P<object>(?!to\b|as\b|that\b)[^,;]{{3,120}}?)\s+(?:to\s+be|as|to)\s+['‘\"]?(?P<grade>{_G})['’\"]?", re.I)
# "a judgement of inadequate for overall effectiveness", "with a judgement of requires improvement to be good"
JUDGEMENT_OF = re.compile(rf"\b(?:a|the|its|an)\s+(?:(?:overall|previous|last)\s+)?judge?ment\s+of\s+['‘\"]?(?P<grade>{_G})['’\"]?(?:\s+for\s+(?P<object>[^,;.]{{3,60}}))?", re.I)
# "when overall effectiveness was inadequate", "when the overall effectiveness judgement was outstanding"
OVERALL_WAS = re.compile(rf"\b(?:the\s+)?overall\s+effectiveness(?:\s+judge?ment)?\s+(?:was|is)\s+(?:judged\s+)?(?:(?:to\s+be|as)\s+)?['‘\"]?(?P<grade>{_G})['’\"]?", re.I)
# "the 2010 inadequate safeguarding judgement", "the previous inadequate judgements for the protection of children and looked after children in 2013"
ADJECTIVAL = re.compile(
    rf"\b(?:the|its|an?)\s+(?:(?P<year>(?:19|20)\d\d)\s+)?(?:previous\s+|last\s+)?['‘\"]?(?P<grade>{_G})['’\"]?\s+(?P<object>[a-z' ]{{0,40}}?)\s*"
    rf"(?:inspection\s+)?judge?ments?(?:\s+(?:for|of)\s+(?P<object2>[^,;.]{{3,90}}?))?(?=\s+in\s+(?:19|20)\d\d|[,;.]|\s+(?:in|at|of)\s)", re.I)
# "rated inadequate for safeguarding and adequate for looked after children"
GRADE_FOR = re.compile(rf"['‘\"]?(?P<grade>{_G})['’\"]?\s+for\s+(?:both\s+)?(?P<object>[^,;.]{{3,80}}?)(?=\s+and\s+['‘\"]?(?:{_G})\b|[,;.]|\s+in\s+|$)", re.I)

# "for safeguarding - overall effectiveness and capacity to improve both adequate"
FOR_STRAND = re.compile(
    rf"\bfor\s+(?P<object>safeguarding|(?:services\s+for\s+)?(?:looked\s+after\s+children|children\s+looked\s+after)|help\s+and\s+protection)"
    rf"\s*[–:-]?\s*(?:the\s+)?overall\s+effectiveness(?:\s+and\s+(?:the\s+)?capacity\s+(?:to|for)\s+improve(?:ment)?)?\s+"
    rf"(?:(?:both|were|was|is|are|judged|as|to\s+be)\s+)*['‘\"]?(?P<grade>{_G})['’\"]?", re.I)
INSPECTION_DATE = re.compile(
    rf"\b(?:(?P<which>last|previous|prior|earlier|most recent|first)\s+)?(?:(?:full|ofsted|judgement|ilacs|sif|single|standard|short)\s+)*"
    rf"(?P<what>(?:re-?)?inspections?|visit)\b(?P<of>[^.;]{{0,110}}?)"
    rf"(?:,\s*|\s+(?:was\s+)?(?:undertaken\s+|carried out\s+|published\s+|completed\s+)?)(?:in|on|during)\s+(?P<date>{_DATE})", re.I)
YEAR_INSPECTION = re.compile(rf"\b(?:the|its|their)\s+(?P<date>(?:19|20)\d\d)\s+(?P<of>[\w ']{{0,60}}?)(?:re-?)?inspection\b", re.I)
BARE_DATE = re.compile(rf"\b(?:in|since|from|until|of)\s+(?P<date>{_DATE})\b", re.I)
EARLIER_WORDS = re.compile(r"\b(?:last|previous|prior|earlier|previously|since|following)\b", re.I)
INSPECTION_WORDS = re.compile(r"\b(?:inspect\w*|ofsted|judge?ment|judged)", re.I)

# Whose grade: the first matching pattern names the subject (or areas).
PROVIDER = re.compile(r"\b(?:children['’]s homes?|(?:the|this|each|a)\s+home\b|homes\b|fostering\s+(?:service|agency|agencies)|"
                      r"adoption\s+(?:service|agency|agencies)|voluntary adoption|schools?\b|providers?\b|placements?\b|nurser(?:y|ies)|"
                      r"residential\s+(?:special\s+)?schools?|secure\s+(?:unit|home)|academ(?:y|ies))", re.I)
PARTNERSHIP = re.compile(r"\b(?:LSCB|safeguarding\s+children\s+(?:board|partnership)|local\s+safeguarding|board\b|partnership\b)", re.I)
CASES = re.compile(r"\b(?:cases?|case\s+files?|files|audits?|audited|records)\b", re.I)
ALL_AREAS = re.compile(r"\b(?:in\s+all\s+(?:judge?ment\s+)?areas|all\s+(?:of\s+the\s+)?(?:judge?ments|areas|services|judged\s+areas)|"
                       r"in\s+every\s+(?:area|judge?ment)|all\s+(?:five|four|three)\s+judge?ments)\b", re.I)
AREA_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p, re.I), a) for p, a in (
    (r"\boverall\s+effectiveness\b", "overall"),
    (r"\bhelp\s+and\s+protection\b|\bsafeguarding\b|\bchild\s+protection\b|\bprotection\s+of\s+children\b|\bchildren\s+in\s+need\b", "help_protection"),
    (r"\bcare\s+leavers?\b", "care_leavers"),
    (r"\blooked[- ]after\b|\bchildren\s+in\s+care\b|\bin\s+care\b|\bchildren\s+looked\s+after\b", "in_care"),
    (r"\bleadership\b|\bleaders\b|\bimpact\s+of\s+leaders\b", "leaders"),
))
# A subject that is the council's services as a whole.
WHOLE = re.compile(
    r"^(?:(?:the|its|all|these|both)\s+)?(?:(?:[A-Z][\w'’-]*\s+){0,4})?(?:(?:local\s+authority|council|(?:children['’]s\s+)?services?|authority|"
    r"(?:[A-Z][\w'’-]*\s+){0,4}(?:City\s+|County\s+|Borough\s+|Metropolitan\s+)*council|it|they|children['’]s\s+social\s+care|provision|arrangements)"
    r"(?:\s+(?:for|to)\s+(?:vulnerable\s+)?children(?:,?\s+(?:young\s+people\s+)?and\s+(?:their\s+)?(?:families|young\s+people|care\s+leavers))?)?"
    r"(?:\s+in\s+[A-Z][\w'’ -]{1,40})?(?:\s+overall)?)$", re.I)


@dataclass(frozen=True)
class _Stated:
    when: str  # as the text states it: "2019", "2019-07", "2019-07-12"
    kind: str
    framework: str | None
    earlier: bool
    strand: tuple[str, ...] = ()  # areas the inspection's own name covers ("of services for looked after children")


def prose_judgements(
    passages: Sequence[Passage],
    inspection: InspectionRef | None,
    authority: str | None,
    on: date | None,
    already: Sequence[JudgementFact],
) -> list[JudgementFact]:
    """Judgements stated in the document's sentences (not its own grade table)."""
    out: list[JudgementFact] = []
    seen: set[tuple] = set()
    own_start = as_date(inspection.start) if inspection else None
    document_context: _Stated | None = None
    listed: _Stated | None = None  # "The judgements for the local authority were:" - the list that follows
    for passage in passages:
        if passage.kind == "heading" or passage.cells:
            continue
        text = normal(passage.text)
        listed_item = _LISTED.match(text)
        if listed is not None and listed_item:
            fact = _listed_judgement(listed_item, listed, passage, authority, inspection)
            if fact is not None and (fact.authority, fact.inspection.end, fact.area) not in seen:
                seen.add((fact.authority, fact.inspection.end, fact.area))
                out.append(fact)
            continue
        listed = None
        if re.search(r"\bjudge?ments?\b[^.:]{0,60}\bwere\s*:\s*$", text, re.I):
            listed = _when(text)
        context = " ".join(passage.heading_path).lower()
        if re.search(r"what the inspection judge?ments mean|grade descriptor|judgements and what they mean", context):
            continue
        previous = ""
        for sentence in sentences(normal(passage.text)):
            if inspection is None:
                # a council's paper about an inspection names it once ("Ofsted undertook a full announced
                # inspection ... during September 2010") and then reports its judgements
                stated_here = _when(sentence)
                if stated_here is not None and re.search(r"\b(?:inspect\w*|visit)\b", sentence, re.I):
                    document_context = stated_here
            for fact in _read_sentence(sentence, previous, passage, inspection, authority, on, own_start, document_context):
                key = (fact.authority, fact.inspection.kind, fact.inspection.end, fact.area, fact.subject)
                if key in seen:
                    continue
                seen.add(key)
                out.append(fact)
            previous = sentence
    return out


_LISTED = re.compile(r"^(?:\d(?:\.\d)?\.?\s+)?(?P<title>[^:|]{6,120}?)\s*:\s*['‘\"]?(?P<grade>" + _G + r")['’\"]?\.?$", re.I)


def _listed_judgement(match: re.Match[str], stated: _Stated, passage: Passage, authority: str | None,
                      inspection: InspectionRef | None) -> JudgementFact | None:
    """One line of an earlier inspection's judgements listed after "The judgements … were:"."""
    from facts.areas import area_of_title

    area = area_of_title(match.group("title"))
    grade = grade_of(match.group("grade"))
    if area is None or grade is None or not grade_on_scale(grade, stated.framework):
        return None
    ref = InspectionRef(stated.kind, stated.framework, None, stated.when)
    if area not in areas_judged(ref) or area in ("lscb",):
        return None
    scope = Scope.EARLIER.value if (inspection is not None or stated.earlier) else Scope.THIS.value
    return JudgementFact(authority, ref, area, grade, scope, Subject.COUNCIL.value,
                         Provenance(passage.document_sha, passage.id, passage.page, passage.label, normal(passage.text)[:400]))


def _read_sentence(
    sentence: str,
    previous: str,
    passage: Passage,
    inspection: InspectionRef | None,
    authority: str | None,
    on: date | None,
    own_start: date | None,
    document_context: _Stated | None = None,
) -> list[JudgementFact]:
    if not GRADE_RE.search(sentence) or NOT_A_JUDGEMENT.search(sentence):
        return []
    frames = list(_frames(sentence))
    if not frames:
        return []
    stated = _when(sentence) or (_when(previous) if len(sentence) < 160 and previous and not NOT_A_JUDGEMENT.search(previous) else None)
    stated = stated or document_context
    if stated is None:
        return []
    stated_first = as_date(stated.when)
    if stated_first is None or (on and stated_first > on):
        return []
    # the report's own inspection is read from its grade table, not from its sentences
    if inspection is not None and own_start and last_day(stated.when) and last_day(stated.when) >= own_start and not stated.earlier:  # type: ignore[operator]
        return []
    if inspection is not None and own_start and stated_first >= own_start:
        return []
    scope = Scope.EARLIER.value if (inspection is not None or stated.earlier) else Scope.THIS.value
    first_day = stated_first
    ref = InspectionRef(stated.kind, stated.framework, None, stated.when)
    allowed = areas_judged(ref)
    out: list[JudgementFact] = []
    for grade_words, subject_text, after in frames:
        grade = grade_of(grade_words)
        if grade is None or not grade_on_scale(grade, stated.framework):
            continue
        subject, areas = _subject(subject_text, after, sentence, previous, stated)
        if subject is None:
            continue
        # "Children's services in the predecessor local authority, Cumbria County Council, were judged …":
        # the grade is the council the sentence names, not the document's
        named = [a for a in find_authorities(subject_text + " " + sentence[:sentence.find(grade_words)], first_day) if a != authority]
        whose = authority
        if named:
            if len(named) > 1:
                continue
            whose = named[0]
        for area in areas:
            if subject == Subject.COUNCIL.value and area not in allowed:
                continue
            out.append(JudgementFact(whose, ref, area, grade, scope, subject,
                                     Provenance(passage.document_sha, passage.id, passage.page, passage.label, sentence[:400])))
    return out


# "… found services for looked after children to be adequate and safeguarding services to be inadequate"
AND_OBJECT = re.compile(rf"\band\s+(?P<object>(?!to\b)[^,;]{{3,80}}?)\s+(?:to\s+be|as)\s+['‘\"]?(?P<grade>{_G})['’\"]?", re.I)
# "… safeguarding services were judged to be adequate and those for looked after children good"
AND_THOSE = re.compile(rf"\band\s+those\s+(?:for|of)\s+(?P<object>[^,;]{{3,60}}?)\s+(?:(?:to\s+be|as|were)\s+)?['‘\"]?(?P<grade>{_G})['’\"]?", re.I)


def _frames(sentence: str) -> list[tuple[str, str, str]]:
    """(grade words, the words naming whose grade it is, the words after the grade) per grade frame,
    in the order they appear."""
    frames: list[tuple[int, str, str, str]] = []
    used: set[int] = set()
    spans: list[tuple[int, int]] = []

    def add(match: re.Match[str], subject: str) -> None:
        start = match.start("grade")
        if start in used or any(a <= start < b for a, b in spans):
            return  # "good" inside "requires improvement to be good"
        used.add(start)
        spans.append(match.span("grade"))
        frames.append((start, match.group("grade"), subject, sentence[match.end("grade"):match.end("grade") + 60]))

    for match in FOR_STRAND.finditer(sentence):
        add(match, match.group("object"))
    for match in GRADE_FOR.finditer(sentence):
        add(match, match.group("object"))
    for match in OVERALL_WAS.finditer(sentence):
        add(match, "overall effectiveness")
    for match in JUDGEMENT_OF.finditer(sentence):
        add(match, match.group("object") or _clause_before(sentence, match.start(), used))
    for match in ADJECTIVAL.finditer(sentence):
        add(match, " ".join(x for x in (match.group("object"), match.group("object2")) if x) or "")
    for match in AND_THOSE.finditer(sentence):
        add(match, match.group("object"))
    active = list(ACTIVE.finditer(sentence))
    for match in active:
        add(match, match.group("object"))
    if active:
        for match in AND_OBJECT.finditer(sentence, active[0].end()):
            add(match, match.group("object"))
    for match in PASSIVE.finditer(sentence):
        add(match, _clause_before(sentence, match.start(), used))
    return [(g, subj, after) for _, g, subj, after in sorted(frames)]


_CLAUSE_BREAK = re.compile(r"(?:,\s*(?:when|where|which|as|and|but|although|while|after|since|following)\b|;|\bwhen\b|\bwhere\b|\bsince\b|\bafter\b|\bfollowing\b|\bthat\b)", re.I)


def _clause_before(sentence: str, position: int, grades_at: set[int] | None = None) -> str:
    """The words between the last clause break (or the last grade) before `position` and
    `position`: the subject."""
    head = sentence[:position]
    breaks = list(_CLAUSE_BREAK.finditer(head))
    start = breaks[-1].end() if breaks else 0
    for at in grades_at or ():
        if at < position:
            match = GRADE_RE.match(sentence, at)
            if match and match.end() > start:
                start = match.end()
                follow = re.match(r"\s*(?:and|but|while|whereas)\b", sentence[start:position])
                if follow:
                    start += follow.end()
    return head[start:].strip(" ,")


def _main_subject(sentence: str) -> str:
    """The sentence's first noun phrase before its verb: what "they"/"it" refers to."""
    match = re.match(r"^(?P<np>[^,;]{3,120}?)\s+(?:have|has|had|are|is|were|was|continue|remain|require|requires|received?)\b", sentence)
    return match.group("np") if match else ""


def _subject(subject_text: str, after: str, sentence: str, previous: str, stated: _Stated) -> tuple[str | None, list[str]]:
    """(subject, areas) of a grade, or (None, []) when whose grade it is is not clear."""
    original = " ".join(subject_text.split())
    text = _without_council_names(original)
    if not text and original:
        text = "the council"  # the subject was a council's name: "when Solihull Council was judged …"
    lowered = text.lower()
    if re.fullmatch(r"(?:it|they|this|these|those)", lowered):
        text = _main_subject(sentence)
        lowered = text.lower()
        if not text:
            return None, []
    if PROVIDER.search(text) or PROVIDER.search(after[:25]):
        return Subject.PROVIDER.value, ["overall"]
    if PARTNERSHIP.search(text):
        return Subject.PARTNERSHIP.value, ["lscb"]
    if CASES.search(text):
        return Subject.CASES.value, ["overall"]
    if re.match(r"^\s*(?:in\s+all\s+areas|overall|for\s+all)", after, re.I) or ALL_AREAS.search(text):
        if re.match(r"^\s*overall", after, re.I):
            return Subject.COUNCIL.value, ["overall"]
        return Subject.COUNCIL.value, list(_every_area(stated))
    areas = _areas_named(text)
    if areas:
        if not _only_service_words(text):
            return None, []  # "the quality of safeguarding provision", "outcomes for looked after children": a sub-judgement
        if "overall" in areas and len(areas) > 1:
            areas.remove("overall")  # "the overall effectiveness of services for looked after children": that strand's
        return Subject.COUNCIL.value, list(dict.fromkeys(areas))
    if WHOLE.match(text) or lowered in ("", "overall"):
        if not text and not re.search(r"\boverall\b", after[:12], re.I):
            return None, []
        if stated.strand and not re.search(r"\boverall\b", after[:12], re.I):
            # "The previous inspection of the local authority's services for children looked after was
            # in July 2013. The local authority was judged to be good." - the strand's grade
            if len(stated.strand) == 1:
                return Subject.COUNCIL.value, list(stated.strand)
            if stated.framework and "overall" not in _areas_of(stated):
                return None, []  # both strands of a two-strand inspection (SLAC): one grade for two judgements is not clear
        return Subject.COUNCIL.value, ["overall"]
    return None, []


_AREA_PHRASES = re.compile(
    r"overall\s+effectiveness|help\s+and\s+protection|child(?:ren)?\s+(?:in\s+need\s+of\s+)?(?:help\s+and\s+)?protection|protection\s+of\s+children|"
    r"safeguarding(?:\s+children(?:\s+and\s+young\s+people)?)?|children\s+in\s+need|care\s+leavers?|looked[- ]after\s+children(?:'s)?|children\s+looked\s+after|"
    r"children\s+in\s+care|in\s+care|looked[- ]after|leadership(?:,?\s+management(?:\s+and\s+governance)?)?|impact\s+of\s+leaders|leaders|"
    r"achieving\s+permanence|young\s+people", re.I)
_SERVICE_WORDS = set("""the its their local authority authority's authorities council council's services service arrangements provision
for to of and in overall both all those these that were was children's children young people families who need help those""".split())


def _without_council_names(text: str) -> str:
    """"Children's services in the predecessor local authority, Cumbria County Council" ->
    "Children's services": whose grade it is is decided separately."""
    from facts.authorities import _mention_re

    text = _mention_re().sub(" ", text)
    text = re.sub(r"\b(?:the\s+)?(?:predecessor|former|previous|old|neighbouring|new)\s+(?:local\s+authority|council|authority)\b", " ", text, flags=re.I)
    text = re.sub(r"\s*,\s*(?:,\s*)*", " ", text)
    text = re.sub(r"\s+in\s*$", "", " ".join(text.split()))
    return text.strip(" ,")


def _only_service_words(text: str) -> bool:
    """Whether a subject is just an area (with service words), not a part of one ("the quality of …")."""
    rest = _AREA_PHRASES.sub(" ", text.replace("’", "'"))
    rest = re.sub(r"\bin\s+(?:[A-Z][\w'-]*\s*)+", " ", rest)  # "in Herefordshire"
    words = [w for w in re.findall(r"[a-z']+", rest.lower()) if w not in _SERVICE_WORDS]
    return not words


def _areas_named(text: str) -> list[str]:
    areas = [a for pattern, a in AREA_WORDS if pattern.search(text)]
    if "care_leavers" in areas and "in_care" in areas and re.search(r"\b(?:in\s+care|looked\s+after)\s+and\s+care\s+leavers\b", text, re.I):
        areas.remove("care_leavers")  # the combined judgement (2018-2022) is filed under in_care
    return list(dict.fromkeys(areas))


def _every_area(stated: _Stated) -> tuple[str, ...]:
    from facts.areas import HISTORY_AREAS

    areas = areas_judged(InspectionRef(stated.kind, stated.framework, None, stated.when))
    return tuple(a for a in areas if a in HISTORY_AREAS)


def _when(sentence: str) -> _Stated | None:
    """The inspection a sentence dates, with its kind, or None."""
    match = INSPECTION_DATE.search(sentence)
    what = ""
    if match:
        when_text, what = match.group("date"), sentence[:match.end()]
        earlier = bool(match.group("which")) or bool(EARLIER_WORDS.search(sentence[:match.start()]))
    else:
        match = YEAR_INSPECTION.search(sentence)
        if match:
            when_text, what = match.group("date"), match.group("of") or ""
            earlier = True
        else:
            match = BARE_DATE.search(sentence)
            if not match or not INSPECTION_WORDS.search(sentence):
                return None
            when_text = match.group("date")
            earlier = bool(EARLIER_WORDS.search(sentence))
            what = sentence
    when = month_of(when_text)
    first = as_date(when)
    if when is None or first is None:
        return None
    kind, framework = _kind(what, first)
    strand: tuple[str, ...] = ()
    if match is not None and "of" in match.groupdict() and match.group("of"):
        named = [a for a in _areas_named(match.group("of")) if a in ("help_protection", "in_care")]
        strand = tuple(named)
    return _Stated(when, kind, framework, earlier, strand)


def _areas_of(stated) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    """The areas the stated inspection's framework judges (on its date; any version when undated)."""
    from frameworks import family_versions
    from frameworks.history import judged_areas

    day = as_date(stated.when) if stated.when else None
    if day is not None:
        return judged_areas(stated.framework, day)
    return tuple({a for v in family_versions().get(stated.framework, ()) for a in v.judged_areas})


def _kind(words: str, on: date) -> tuple[str, str | None]:
    text = words.lower()
    if re.search(r"focused visit|monitoring visit|joint targeted|jtai", text) and not re.search(r"\binspection of", text):
        return InspectionKind.OTHER.value, None
    if re.search(r"unannounced|contact,? referral and assessment|front[- ]line|annual (?:performance )?(?:rating|assessment)|"
                 r"peer review|joint area review|\bjar\b|annual rating", text):
        return InspectionKind.OTHER.value, None
    if re.search(r"\bilacs\b", text):
        return InspectionKind.ILACS.value, inspection_family(InspectionKind.ILACS.value)
    if re.search(r"single inspection|\bsif\b", text):
        return InspectionKind.SIF.value, inspection_family(InspectionKind.SIF.value)
    if date(2012, 6, 1) <= on <= date(2013, 10, 31):
        if re.search(r"protection of children|child protection|safeguarding arrangements", text) and not re.search(r"looked after", text):
            return InspectionKind.CHILD_PROTECTION.value, None
        if re.search(r"looked after|children in care", text) and not re.search(r"safeguarding and looked", text):
            return InspectionKind.LOOKED_AFTER.value, None
    found = full_inspection_on(on)
    return found if found is not None else (InspectionKind.OTHER.value, None)
