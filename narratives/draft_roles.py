"""What a sentence of a draft narrative is about: outcomes for children, process, plans, or context.

Bedford's readiness review (para 30) asks narratives to focus on "outcomes for children and
families"; "the processes by which you agree to act are less relevant". A sentence is **process**
when it tells of meetings, boards and panels, structures, terms of reference, action logs,
policies and strategies written or approved, training delivered or attended, or reports presented;
it is an **outcome** when it tells what children and families experience, say or achieve, or
states a measure of practice and how it moved ("re-referrals fell from 24% to 19%", "children are
seen promptly", "78 per cent said they felt settled"). A figure alone does not make an outcome:
"the board met six times" is process. **Plan** is what will be done; **context** the rest.

Rules over what the sentence says, so they work on drafts of any council in any style; each
decision carries its reasons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_I = re.IGNORECASE


def _words(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(phrases) + r")\b", _I)


# -- process -----------------------------------------------------------------------------------
_PROCESS_STRONG = _words(
    r"meetings?", r"met (?:every|each|monthly|weekly|quarterly|fortnightly|regularly|on|in|six|five|four|three|twice|\d)",
    r"(?:has|have|had) met", r"meets", r"minutes", r"agendas?", r"terms of reference", r"action (?:logs?|trackers?|registers?)",
    r"risk registers?", r"work programmes?", r"chair(?:ed|s)?(?: by)?", r"attend(?:ed|s|ance)?", r"membership", r"standing item",
    r"governance", r"boards?", r"panels?", r"committees?", r"steering groups?", r"working groups?", r"task and finish",
    r"sub-?groups?", r"forums?", r"workshops?", r"away days?", r"cabinet", r"portfolio holder",
)
_PROCESS = _words(
    r"polic(?:y|ies)", r"strateg(?:y|ies)", r"procedures?", r"protocols?", r"frameworks?", r"handbooks?", r"templates?",
    r"toolkits?", r"training", r"trained", r"briefings?", r"structures?", r"restructur\w*", r"arrangements",
    r"approved", r"presented", r"reported to", r"reports? (?:to|are reported)", r"endorsed", r"signed off", r"ratified",
    r"established", r"formed", r"set up", r"convened", r"refreshed", r"relaunched", r"re-launched", r"launched",
    r"drafted", r"produced", r"developed (?:a|an|the|our)", r"agreed", r"discussed", r"considered", r"noted",
    r"relationships with", r"contributed to", r"partnership working", r"oversight", r"updated", r"reviewed (?:its|their|the) ",
    r"quality assurance", r"programmes?", r"arrangements", r"leadership programme", r"practice model", r"supervision",
    r"escalated", r"commissioned", r"action plans?", r"improvement plans?", r"firm foundation", r"introduced", r"implemented",
    r"rolled out", r"invested", r"recruited", r"appointed", r"created", r"put in place",
)
# -- outcomes ----------------------------------------------------------------------------------
_CHILD = _words(
    r"children", r"child", r"young (?:people|person)", r"care leavers?", r"famil(?:y|ies)", r"parents?", r"babies",
    r"pupils?", r"teenagers?", r"adolescents?", r"siblings?", r"girls", r"boys", r"unaccompanied", r"mothers?",
)
_EXPERIENCE = _words(
    r"feel", r"felt", r"feels", r"said", r"say", r"says", r"told", r"tell", r"described", r"live", r"lived", r"living",
    r"moved", r"moves", r"stay(?:ed|ing)?", r"return(?:ed)?(?: home)?", r"achiev\w*", r"attend(?:ing)? (?:school|education)",
    r"benefit\w*", r"receiv\w*", r"make progress", r"made progress", r"progress(?:ed)? (?:well|in)", r"are seen", r"were seen",
    r"seen (?:alone|promptly|quickly|within|regularly)", r"visited", r"wait(?:ed|ing)?", r"safe(?:r)?", r"settled", r"stable",
    r"adopted", r"placed", r"in education", r"employment", r"NEET", r"experience[sd]?", r"kept safe", r"protected",
    r"supported (?:well|to)", r"helped to", r"understand their", r"know (?:who|why)", r"spend time", r"enjoy",
    r"lives", r"life", r"homes?", r"school", r"friends", r"relationships", r"plans? (?:ended|ceased|progressed)",
    r"get(?:ting)? (?:help|support|it)", r"got (?:help|support)", r"started (?:apprenticeships?|work|college|university|jobs?)",
    r"apprenticeships?", r"university", r"college", r"jobs?",
)
_CHANGE = _words(
    r"fell", r"fallen", r"falling", r"rose", r"risen", r"rising", r"increased", r"increase", r"decreased", r"reduced",
    r"reduction", r"improv\w*", r"declin\w*", r"dropped", r"down from", r"up from", r"worsen\w*", r"deteriorat\w*",
    r"higher", r"lower", r"better", r"worse", r"fewer", r"more children", r"now", r"no longer", r"remains?", r"rate",
    r"timel\w*", r"on time", r"within \d+", r"stability", r"led to", r"as a result", r"resulted in", r"made a difference",
    r"making a difference", r"impact", r"outcomes?",
)
_MEASURE = _words(
    r"re-?referrals?", r"placements?", r"placement moves", r"assessments?", r"visits?", r"plans?", r"stability", r"timeliness",
    r"attainment", r"GCSEs?", r"absence", r"exclusions?", r"NEET", r"missing", r"episodes", r"health", r"dental", r"adoptions?",
    r"permanence", r"audits? (?:found|graded|rated|judged)", r"graded", r"good or better", r"inadequate", r"caseloads?",
    r"turnover", r"vacanc\w*", r"agency (?:social )?workers", r"foster(?:ing)? (?:households|carers)", r"enquiries",
    r"national average", r"england", r"statistical neighbours", r"nationally", r"similar (?:councils|authorities|areas)",
    r"practice (?:is|has|was|remains)", r"quality of (?:practice|work|assessments?|plans?|care)", r"sooner", r"quicker", r"earlier",
)
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|per\s?cent)|\bfrom \d[\d,.]*%? to \d|\b\d+ (?:of|out of) (?:the )?\d+\b|"
                     r"\b(?:half|a third|a quarter|two thirds|most|all|every) (?:of )?(?:the )?(?:children|young people|families)\b", _I)
_VOICE = re.compile(r"\b(?:children|young people|care leavers|families|parents|carers|a child|a young person)\b[^.;]{0,50}?"
                    r"\b(?:told|tell|said|say|says|described|feel|felt|report(?:ed)? that|spoke)\b", _I)
_INSPECTOR_FINDING = re.compile(r"\b(?:inspectors?|ofsted|the inspection|auditors?|audits?)\b[^.;]{0,30}\b(?:found|judged|reported|saw|noted)\b", _I)
# -- plans -------------------------------------------------------------------------------------
_PLAN = re.compile(r"\b(?:recommended that|asked us to|identified this area for improvement|is (?:red|amber|green|open|on track)|we will|we'll|will continue|we (?:plan|intend|aim|expect)|we are planning|next steps?|"
                   r"over the (?:next|coming)|in the (?:next|coming) (?:year|months?)|going forward|will be (?:reviewed|launched|"
                   r"introduced|extended|delivered|completed|reported))\b", _I)
_PROCESS_SUBJECT = re.compile(
    r"^(?:(?:in|since|from|during|over|by) [^,]{1,40}, )?(?:the |our |a |an |each |every |all )?[\w' -]{0,40}?"
    r"\b(?:board|panel|committee|group|forum|meeting|policy|strategy|framework|protocol|procedure|handbook|training|"
    r"workshop|governance|structure|arrangement|programme|template|minutes|team managers|managers|members|"
    r"principal social worker|director|we have (?:put|established|refreshed|introduced|launched|held|set up|developed|"
    r"created|formed|agreed|strong|contributed|attended|updated|reviewed))s?\b",
    _I,
)


@dataclass(frozen=True)
class DraftRole:
    role: str  # outcome | process | plan | context
    reasons: tuple[str, ...]
    has_figure: bool

    @property
    def is_outcome(self) -> bool:
        return self.role == "outcome"

    @property
    def is_process(self) -> bool:
        return self.role == "process"


def classify(sentence: str) -> DraftRole:
    """The role of one sentence of a draft, by what it says."""
    text = " ".join(sentence.split())
    head = text[:90]
    figure = bool(_FIGURE.search(text))
    strong = _PROCESS_STRONG.findall(text)
    weak = _PROCESS.findall(text)
    process = 2.0 * len(strong) + 1.0 * len(weak)
    reasons: list[str] = []
    if _PROCESS_SUBJECT.search(head):
        process += 1.5
        reasons.append("the sentence's subject is a meeting, structure, plan or the council's own activity")
    child = bool(_CHILD.search(text))
    experience = len(_EXPERIENCE.findall(text))
    change = len(_CHANGE.findall(text))
    measure = len(_MEASURE.findall(text))
    outcome = 0.0
    if child and experience:
        outcome += 1.5 + 0.5 * min(experience, 3)
    if change and (measure or child):
        outcome += 1.0 + 0.5 * min(change, 3)
    if figure and (measure or child or change):
        outcome += 2.0
    if _VOICE.search(text):
        outcome += 2.5
        reasons.append("children's or families' own words")
    if _INSPECTOR_FINDING.search(text) and (child or measure or change):
        outcome += 2.0
    if figure and not (measure or child or change):
        reasons.append("a figure about activity, not about children")
    if strong:
        reasons.append("tells of " + ", ".join(dict.fromkeys(s.lower() for s in strong[:3])))
    if _PLAN.search(text) and outcome < 3.5:
        return DraftRole("plan", tuple(reasons + ["says what will be done"]), figure)
    if outcome >= 2.0 and outcome > process:
        return DraftRole("outcome", tuple(reasons + ["says what children experience or how a measure moved"]), figure)
    if process >= 1.5 and process >= outcome:
        return DraftRole("process", tuple(reasons), figure)
    if outcome >= 1.5 and outcome > process:
        return DraftRole("outcome", tuple(reasons + ["says what children experience or how a measure moved"]), figure)
    if process >= 1.0:
        return DraftRole("process", tuple(reasons), figure)
    return DraftRole("context", tuple(reasons), figure)
