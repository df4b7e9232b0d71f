"""Cue vocabularies used by the rule components.

Everything here is general domain language (from the labelling guidelines, the framework handbooks'
vocabulary and ordinary English), never text copied from evaluation passages. Weights are on a
0-1 scale: 1.0 = the phrase alone is enough, 0.5 = needs support from a second cue.
"""

from __future__ import annotations

# --- Lines of enquiry: extra vocabulary keyed by CURRENT ILACS top-level ids. ---------------
# Framework files carry the council-editable cues; these add inflections, abbreviations and
# weights. For another framework they are routed through its crosswalk.
LOE_LEXICON: dict[str, dict[str, float]] = {
    "ilacs.help_and_protection": {
        "child protection": 1.0, "protection plan": 1.0, "protection plans": 1.0, "cp plan": 1.0,
        "child in need": 1.0, "children in need": 1.0, "cin": 1.0, "caf": 1.0, "common assessment": 1.0,
        "referral": 1.0, "referrals": 1.0, "re-referral": 1.0, "re-referrals": 1.0, "contacts": 0.6,
        "contact, referral": 1.0, "contact and referral": 1.0, "threshold": 1.0, "thresholds": 1.0,
        "early help": 1.0, "front door": 1.0, "mash": 1.0, "multi-agency safeguarding hub": 1.0,
        "strategy meeting": 1.0, "strategy meetings": 1.0, "strategy discussion": 1.0,
        "strategy discussions": 1.0, "section 47": 1.0, "s47": 1.0, "core group": 1.0,
        "core groups": 1.0, "conference": 0.7, "conferences": 0.7, "cpc": 1.0, "cpcs": 1.0,
        "icpc": 1.0, "assessment": 0.7, "assessments": 0.7, "single assessment": 1.0,
        "single assessments": 1.0, "risk assessment": 0.8, "risk assessments": 0.8,
        "domestic abuse": 1.0, "domestic violence": 1.0, "neglect": 1.0, "sexual abuse": 1.0,
        "sexually abused": 1.0, "sexual exploitation": 1.0, "cse": 1.0, "exploitation": 1.0,
        "criminal exploitation": 1.0, "county lines": 1.0, "missing from home": 1.0,
        "missing episodes": 1.0, "missing children": 1.0, "children missing": 1.0, "missing from school": 1.0,
        "private fostering": 1.0, "privately fostered": 1.0, "lado": 1.0, "disabled children": 1.0,
        "children with disabilities": 1.0, "pre-birth": 1.0, "unborn": 1.0,
        "elective home education": 1.0, "home education": 0.8, "pre-proceedings": 1.0,
        "public law outline": 1.0, "plo": 1.0, "family support": 0.8, "family intervention": 1.0,
        "intensive family support": 1.0, "safety plan": 1.0, "safety plans": 1.0, "safety planning": 1.0,
        "direct work": 0.8, "wishes and feelings": 0.7, "seen alone": 1.0, "duty team": 0.8,
        "duty and assessment": 1.0, "referral and assessment": 1.0, "help and protection": 1.0,
        "protection of children": 1.0, "protect children": 0.8, "keep children safe": 0.8,
        "keeping children safe": 0.8, "safeguarding of children": 0.6, "children at risk": 0.8,
        "significant harm": 1.0, "step down": 0.8, "step-down": 0.8, "step up": 0.6,
        "case closure": 0.7, "close cases": 0.7, "no further action": 0.8, "chronology": 0.7,
        "chronologies": 0.7, "marac": 1.0, "mappa": 1.0, "multi-agency public protection": 1.0,
        "bullying": 0.6, "feel safe": 0.6, "felt safe": 0.6, "teenage pregnancy": 0.6,
        "child's journey": 0.6, "journey of the child": 0.6, "family group conference": 0.8,
        "youth offending": 0.6, "child sexual": 1.0, "abused": 0.8, "abuse": 0.6,
        "emergency duty": 1.0, "out of hours": 0.8, "child's plan": 0.5,
        "safeguarding concerns": 0.8, "protection concerns": 1.0, "safeguarding": 0.7,
        "safeguarding services": 1.0, "safeguarding and looked after": 1.0, "safeguarding practice": 1.0,
        # zero weight: longest-match guards so board/partnership names do not count as practice
        "safeguarding board": 0.0, "safeguarding children board": 0.0, "safeguarding champions": 0.0,
        "safeguarding partners": 0.0, "safeguarding partnership": 0.0, "safeguarding children partnership": 0.0,
        "safeguarding and protecting children improvement": 0.0,
    },
    "ilacs.children_in_care": {
        "looked after": 1.0, "lac": 1.0, "cla": 1.0, "children in care": 1.0, "child in care": 1.0,
        "in care": 0.6, "into care": 1.0, "placement": 0.8, "placements": 0.8, "placed": 0.5,
        "foster": 1.0, "fostering": 1.0, "foster carer": 1.0, "foster carers": 1.0,
        "adoption": 1.0, "adopted": 1.0, "adopters": 1.0, "adoptive": 1.0, "permanence": 1.0,
        "permanency": 1.0, "permanent homes": 1.0, "virtual school": 1.0, "pep": 1.0, "peps": 1.0,
        "personal education plan": 1.0, "personal education plans": 1.0, "iro": 1.0, "iros": 1.0,
        "independent reviewing officer": 1.0, "independent reviewing officers": 1.0,
        "corporate parent": 0.8, "corporate parents": 0.8, "corporate parenting": 0.8,
        "children's home": 1.0, "children's homes": 1.0, "residential care": 1.0, "residential": 0.6,
        "care order": 1.0, "care orders": 1.0, "care proceedings": 1.0, "court proceedings": 0.8,
        "special guardianship": 1.0, "sgo": 1.0, "uasc": 1.0, "unaccompanied": 1.0,
        "reunification": 1.0, "care planning": 0.8, "care plan": 0.8, "care plans": 0.8,
        "lac reviews": 1.0, "life story": 1.0, "children's guardian": 0.8, "in care council": 1.0,
        "pledge": 0.6, "secure unit": 0.8, "secure homes": 0.8, "units": 0.3, "family time": 0.8,
        "sibling": 0.5, "siblings": 0.5, "health assessments": 0.6, "care4me": 1.0,
        "looked-after": 1.0, "achieving permanence": 1.0, "quality of care": 0.6,
        "safeguarding and looked after": 1.0,
    },
    "ilacs.care_leavers": {
        "care leaver": 1.0, "care leavers": 1.0, "care leaver's": 1.0, "care leavers'": 1.0,
        "leaving care": 1.0, "leave care": 1.0, "pathway plan": 1.0, "pathway plans": 1.0,
        "personal adviser": 1.0, "personal advisers": 1.0, "personal advisor": 1.0,
        "personal advisors": 1.0, "staying put": 1.0, "staying close": 1.0, "neet": 1.0, "eet": 1.0,
        "education, employment or training": 1.0, "education, employment and training": 1.0,
        "semi-independent": 1.0, "16+": 0.8, "independent living": 1.0, "supported accommodation": 1.0,
        "supported lodgings": 1.0, "tenancy": 0.8, "tenancies": 0.8, "homelessness": 0.5,
        "aftercare": 1.0, "after care": 0.6, "becoming independent": 1.0, "care-experienced": 1.0,
        "care experienced": 1.0, "leaving the system": 1.0, "local offer": 0.8, "leaver": 0.8,
        "leavers": 0.8, "apprenticeship": 0.6, "apprenticeships": 0.6, "into adulthood": 0.8,
        "young adults": 0.6, "economic well-being": 0.8, "economic wellbeing": 0.8,
    },
    "ilacs.impact_of_leaders": {
        "leaders": 1.0, "leadership": 1.0, "senior managers": 1.0, "senior management": 1.0,
        "senior leadership": 1.0, "management team": 0.8, "managers": 0.6, "manager": 0.4,
        "director": 0.8, "dcs": 1.0, "chief executive": 1.0, "lead member": 1.0, "members": 0.5,
        "councillors": 0.8, "portfolio holder": 1.0, "portfolio holders": 1.0, "cabinet": 0.7,
        "scrutiny": 1.0, "governance": 1.0, "lscb": 1.0, "hscb": 1.0, "bscb": 1.0,
        "safeguarding board": 1.0, "safeguarding children board": 1.0, "children's trust": 1.0,
        "improvement board": 1.0, "corporate parenting board": 1.0, "partnership": 0.7,
        "partnerships": 0.7, "partners": 0.6, "partner agencies": 0.8, "multi-agency": 0.4,
        "performance management": 1.0, "performance framework": 1.0, "performance": 0.5,
        "performance information": 1.0, "performance data": 1.0, "quality assurance": 1.0, "qa": 0.8,
        "audit": 1.0, "audits": 1.0, "audited": 1.0, "auditing": 1.0, "auditors": 1.0,
        "auditor": 1.0, "dip sample": 1.0, "self-assessment": 1.0, "self-evaluation": 1.0,
        "supervision": 1.0, "supervisors": 0.8, "management oversight": 1.0, "oversight": 0.6,
        "workforce": 1.0, "recruitment": 0.8, "retention": 0.8, "agency staff": 1.0,
        "agency social workers": 1.0, "caseloads": 1.0, "caseload": 1.0, "workloads": 0.8,
        "training": 0.6, "staff": 0.4, "morale": 0.8, "commissioning": 1.0, "commissioned": 0.6,
        "sufficiency": 1.0, "value for money": 1.0, "budget": 0.7, "investment": 0.7, "funding": 0.6,
        "improvement plan": 1.0, "action plan": 0.7, "service improvement": 1.0, "improvement programme": 1.0,
        "readiness": 1.0, "inspection readiness": 1.0, "lines of enquiry": 1.0, "evidence": 0.4,
        "narrative": 0.6, "narratives": 0.6, "serious case review": 1.0, "serious case reviews": 1.0,
        "lessons": 0.6, "learning": 0.4, "peer review": 0.8, "service review": 1.0,
        "head of service": 0.8, "team managers": 0.8, "service manager": 0.8,
        "principal social worker": 1.0, "practice standards": 0.8, "compliance": 0.6,
        "database": 0.8, "recording": 0.5, "record keeping": 0.6, "decision making": 0.4,
        "decision-making": 0.4, "strategic": 0.8, "ambition": 0.6, "vision": 0.6,
        "priorities": 0.4, "capacity": 0.6, "capacity to improve": 1.0, "risk register": 1.0,
        "health and wellbeing board": 1.0, "hwb": 1.0, "corporate": 0.5, "political": 0.8,
        "improvement journey": 1.0, "practice model": 1.0, "focus groups": 0.5, "whistleblowing": 0.5,
        "key decision": 0.6, "panels": 0.4, "monitoring": 0.4, "challenge": 0.4, "rag": 0.5,
        "practitioners": 0.3, "social workers": 0.3, "team manager": 0.8, "tms": 0.6,
        "equality and diversity": 0.8, "user engagement": 0.8, "participation": 0.6,
        "complaints": 0.6, "joint working": 0.6, "working together": 0.6, "statistical neighbours": 0.5,
    },
}

# Phrases that must not count towards a line although they contain a cue (longest match wins).
LOE_BLOCKERS: tuple[str, ...] = (
    "audit commission", "audit practice", "audit firms", "private audit", "in-house audit practice",
    "needs assessment", "contact details", "inspection team", "lead inspector",
    "care quality commission", "health and social care", "social care overview",
    "adult social care", "day care", "care act",
)

# --- Evidence role ------------------------------------------------------------------------
IMPERATIVE_VERBS: frozenset[str] = frozenset(
    """ensure develop prepare consider review improve establish implement identify note agree
    provide strengthen undertake highlight indicate support monitor order align clarify define
    introduce increase reduce embed extend explore revise update produce complete create set
    make use build collate collect list share secure record reinforce evaluate appoint ask seek
    continue include address publish promote raise deliver commission assess check put test
    agree approve endorse confirm focus take recruit enable encourage maintain""".split()
)

RECOMMENDATION_PHRASES: dict[str, float] = {
    "should": 1.0, "must": 1.0, "need to": 0.7, "needs to": 0.7, "what needs to change": 0.0,
    "the needs of": 0.0, "need to come into": 0.0, "there is a need": 1.0,
    "is required": 0.6, "are required": 0.6, "it is recommended": 1.0, "we recommend": 1.0,
    "recommendation": 0.6, "recommendations": 0.4, "may wish to": 1.0, "you may choose": 1.0,
    "it is important to": 0.7, "it is important that": 0.5, "looking forward": 1.0,
    "we will": 1.0, "we intend": 1.0, "we are ambitious to": 0.7, "will be developed": 1.0,
    "will be undertaken": 1.0, "will be implemented": 1.0, "will see": 0.8, "will be key": 0.8,
    "will be reviewed": 1.0, "will be built": 1.0, "will be introduced": 1.0, "to be improved": 1.0,
    "to be strengthened": 1.0, "to be defined": 1.0, "to be reviewed": 1.0, "to be developed": 1.0,
    "to be addressed": 1.0, "to be embedded": 0.8, "what needs to improve": 1.0,
    "areas for improvement": 0.5, "area for improvement": 0.5, "areas for development": 0.5,
    "note the report": 1.0, "note the content": 1.0, "notes the progress": 1.0, "note the findings": 1.0,
    "are requested to": 1.0, "is requested to": 1.0, "be selective": 1.0, "do include": 1.0,
    "priority area": 0.6, "further priority": 0.8, "would benefit from": 0.8, "will drive": 0.6,
    "will manage": 1.0, "will assist": 0.6, "will ensure": 0.8, "will be": 0.5, "will": 0.4,
    "will see": 1.0, "will be key": 1.0, "there may be opportunities": 1.0, "opportunities to": 0.4,
    "it is of urgent importance": 1.0, "action is taken": 0.6, "are required": 0.8,
    "requires at least": 0.6, "required in": 0.4, "re-launch": 0.3,
}

CONTEXT_PHRASES: dict[str, float] = {
    "crown copyright": 2.0, "www.": 1.5, "http": 1.5, "telephone": 1.5, "textphone": 2.0,
    "email": 1.0, "yours sincerely": 2.0, "dear ": 1.0, "report by": 1.5, "title of report": 2.0,
    "braille": 2.0, "large print": 1.5, "background papers": 2.0, "appendix": 0.6,
    "the purpose of": 1.0, "purpose of the review": 1.0, "this report": 0.5, "to inform": 0.6,
    "to advise": 0.6, "education and inspections act": 2.0, "section 136": 2.0,
    "inspection framework": 1.0, "evaluation schedule": 1.0, "grade descriptors": 1.0,
    "four point scale": 1.5, "four possible judgements": 1.5, "what the inspection judgements mean": 2.0,
    "inspectors will": 1.0, "ofsted will": 1.2, "the inspection will": 1.2, "inspection team": 0.8,
    "inspection was carried out": 1.5, "the inspectors were": 1.5, "inspection dates": 1.5,
    "her majesty's inspector": 1.5, "her majesty’s inspector": 1.5, "hmi": 0.5,
    "population": 1.0, "census": 1.5, "aged 0-17": 1.0, "at the time of the inspection": 1.0,
    "we reviewed": 1.0, "we interviewed": 1.0, "we agreed to": 0.8, "we completed": 0.6,
    "interviewed": 0.6, "reviewed": 0.3, "focus groups": 0.4, "the aim of": 0.8, "aimed to": 0.8,
    "set out to": 0.6, "questionnaires": 0.6, "questionnaire": 0.4, "responses": 0.4,
    "acknowledge": 1.0, "thanks": 1.0, "table": 0.5, "chart": 0.5, "contents": 0.8,
    "will take the findings": 1.5, "take account of": 0.6, "legal implications": 1.5,
    "alternative options": 1.5, "strategic aim": 1.5, "consultation": 0.4, "framework differs": 1.0,
    "has published": 1.0, "guidance documents": 1.0, "was implemented in": 0.6,
    "public corporation": 1.5, "this document may be reproduced": 2.0, "licence": 1.0,
    "meeting:": 1.5, "report of the": 1.0, "cabinet member for": 1.5,
}

# --- Outcome versus process ------------------------------------------------------------------
CHILD_SUBJECTS: frozenset[str] = frozenset(
    """child children young people person family families parents parent carers carer leavers leaver
    girl boy baby babies adolescents teenagers adopters siblings""".split()
)

OUTCOME_PHRASES: dict[str, float] = {
    "as a result": 0.8, "resulted in": 0.6, "resulting in": 0.6, "led to": 0.6, "leads to": 0.5,
    "has led to": 0.8, "have led to": 0.8, "making a difference": 1.0, "make a difference": 0.6,
    "positive difference": 0.6, "outcomes for": 0.6, "improved outcomes": 0.8, "impact on": 0.5,
    "told inspectors": 1.0, "told us": 0.8, "said": 0.3, "felt safe": 1.0, "feel safe": 0.8,
    "feel supported": 0.6, "live in": 0.6, "living in": 0.5, "lived experience": 0.6,
    "benefit from": 0.6, "benefits from": 0.6, "are helped": 0.8, "is helped": 0.8, "helped to": 0.6,
    "are supported": 0.6, "well supported": 0.6, "receive": 0.5, "received": 0.4, "access": 0.4,
    "achieve": 0.6, "achieving": 0.5, "attainment": 0.8, "exclusions": 0.6, "attendance": 0.5,
    "reduction in": 0.8, "reduced": 0.6, "fell from": 1.0, "fallen": 0.6, "rose from": 0.8,
    "increased from": 0.6, "improvement in": 0.6, "improvements in": 0.6, "improving": 0.3,
    "stability": 0.5, "stable": 0.6, "safe": 0.4, "safer": 0.8, "at risk": 0.5, "harm": 0.5,
    "waiting": 0.6, "matched": 0.6, "failed by": 1.0, "experience": 0.4, "experiences": 0.4,
    "progress": 0.3, "direct work": 0.6, "risk": 0.3, "plans are": 0.5, "plans": 0.3,
    "assessments are": 0.4, "quality of": 0.3, "timely": 0.3, "delay": 0.5, "drift": 0.5,
    "placement stability": 0.8, "rated": 0.3, "satisfaction": 0.5, "homelessness": 0.6,
    "tenancies": 0.6, "in touch": 0.5, "suitable accommodation": 0.8, "wishes and feelings": 0.5,
    "voice": 0.3, "national average": 0.5, "performance indicators": 0.4, "indicators": 0.3,
    "no longer": 0.5, "understanding of": 0.2, "well understood": 0.2, "thrive": 0.8,
    "prevention of": 0.5, "reduce risk": 0.6, "risk has reduced": 1.0, "repeat": 0.4,
}

PROCESS_PHRASES: dict[str, float] = {
    "supervision": 0.8, "management oversight": 0.8, "oversight": 0.5, "recording": 0.6,
    "records": 0.5, "record keeping": 0.8, "quality assurance": 0.8, "audit": 0.6, "audits": 0.6,
    "audited": 0.5, "auditing": 0.6, "governance": 0.8, "meeting": 0.6, "meetings": 0.6,
    "board": 0.6, "panel": 0.6, "panels": 0.6, "training": 0.7, "policy": 0.6, "procedure": 0.6,
    "procedures": 0.6, "protocol": 0.7, "framework": 0.5, "system": 0.5, "systems": 0.5,
    "introduced": 0.7, "introduction of": 0.7, "implemented": 0.7, "implementation": 0.6,
    "established": 0.6, "establishment of": 0.6, "launched": 0.6, "re-launch": 0.6,
    "in place": 0.6, "held": 0.5, "took place": 0.7, "take place": 0.5, "underway": 0.7,
    "under way": 0.7, "ongoing": 0.5, "on-going": 0.5, "commenced": 0.7, "strategy": 0.5,
    "structures": 0.6, "structure": 0.5, "database": 0.8, "recruitment": 0.6, "appointed": 0.6,
    "appointment": 0.6, "commissioning": 0.5, "performance management": 0.7, "formed": 0.7,
    "staff": 0.4, "managers": 0.4, "workforce": 0.5, "caseloads": 0.5, "engagement": 0.4,
    "engaged": 0.4, "partnership": 0.4, "partners": 0.4, "leaders": 0.4, "understand": 0.3,
    "understanding": 0.3, "plan to": 0.5, "plans to": 0.5, "planned": 0.5, "developed": 0.4,
    "development": 0.4, "compliance": 0.6, "processes": 0.6, "process": 0.6, "monitoring": 0.5,
    "challenge": 0.3, "scrutiny": 0.6, "arrangements": 0.4, "guidance": 0.5, "tool": 0.5,
    "template": 0.6, "roles": 0.4, "chair": 0.5, "accountability": 0.6, "work is underway": 1.0,
    "annual": 0.3, "survey": 0.4, "participated": 0.6, "attended": 0.6, "sessions": 0.6,
    "service": 0.2, "team": 0.2, "reports to": 0.6, "reported to": 0.6, "completes": 0.6, "monthly": 0.5,
    "weekly": 0.5, "regular": 0.4, "in post": 0.6, "undertaken": 0.5, "summary report": 0.6,
    "presentation": 0.5, "agreed": 0.4, "work is": 0.3, "managed": 0.5, "located": 0.5,
    "head of service": 0.5, "anticipated": 0.4, "is available": 0.5, "briefing": 0.6, "evidence of": 0.3,
    "practice": 0.2, "use of": 0.4, "tools": 0.5, "professional challenge": 0.6, "ratings": 0.5,
}

# --- Polarity -------------------------------------------------------------------------------
STRENGTH_PHRASES: dict[str, float] = {
    "effective": 1.0, "effectively": 1.0, "well": 0.4, "good": 0.6, "strong": 1.0, "strongly": 0.6,
    "strength": 1.0, "strengths": 0.6, "robust": 1.0, "excellent": 1.2, "improved": 0.8,
    "improving": 0.6, "improvement in": 0.8, "improvements in": 0.8, "improvements have": 0.8,
    "success": 1.0, "successful": 1.0, "successfully": 1.0, "positive": 0.7, "positively": 0.7,
    "timely": 0.7, "consistently": 0.6, "high quality": 1.0, "high-quality": 1.0, "notable": 0.8,
    "outstanding": 1.0, "appropriate": 0.5, "appropriately": 0.5, "proactive": 0.8,
    "proactively": 0.8, "creative": 0.8, "creatively": 0.8, "aspirational": 1.0, "celebrated": 1.0,
    "valued": 0.7, "value": 0.3, "committed": 0.6, "commitment": 0.5, "clear": 0.5, "clearly": 0.4,
    "thorough": 0.8, "sensitive": 0.7, "sensitively": 0.7, "child-centred": 1.0, "well-established": 0.8,
    "well established": 0.8, "well supported": 1.0, "well understood": 0.8, "well engaged": 1.0,
    "making a difference": 1.2, "reduction": 0.6, "reduced": 0.4, "fell": 0.4, "fell from": 1.0,
    "dropped from": 1.0, "reduced from": 1.0, "a reduction in": 0.8, "a drop of": 0.8, "no longer": 0.4,
    "safe": 0.4, "stable": 0.6, "secure": 0.4, "demonstrable": 0.8, "skilled": 0.8, "tenacious": 1.0,
    "purposeful": 0.8, "helpful": 0.6, "helped": 0.5, "enjoy": 0.6, "enjoying": 0.5, "confident": 0.6,
    "progress has been made": 1.0, "making progress": 0.8, "good progress": 1.0, "praised": 1.0,
    "above the national average": 0.8, "better than": 0.8, "lower than": 0.3, "higher than": 0.3,
    "very highly": 1.0, "highly": 0.6, "excellent examples": 1.0, "manageable": 0.8, "stability": 0.4,
    "well resourced": 0.6, "visible": 0.5, "ambitious": 0.5, "embedded": 0.6, "increasing number": 0.5,
    "well matched": 1.0, "mostly": 0.2, "timeliness": 0.1, "sustained": 0.6, "resilience": 0.4,
}

CONCERN_PHRASES: dict[str, float] = {
    "however": 0.6, "inconsistent": 1.0, "inconsistently": 1.0, "inconsistency": 1.0,
    "inconsistencies": 1.0, "variable": 0.8, "weak": 1.0, "weakness": 1.0, "weaknesses": 1.0,
    "insufficient": 1.0, "insufficiently": 1.0, "lack of": 1.0, "lack": 0.8, "lacks": 0.8,
    "limited": 0.7, "poor": 1.0, "poorly": 1.0, "gap": 0.6, "gaps": 0.8, "concern": 0.8, "concerns": 0.8,
    "failed": 1.0, "failing": 1.0, "failure": 1.0, "failures": 1.0, "fail": 1.0, "delay": 0.8,
    "delays": 0.8, "delayed": 0.8, "drift": 1.0, "too many": 1.0, "too few": 1.0, "too slow": 1.0,
    "too often": 1.0, "slow": 0.7, "inadequate": 1.0, "inadequately": 1.0, "requires improvement": 1.0,
    "require improvement": 1.0, "requiring improvement": 1.0, "not yet": 0.8, "not always": 1.0,
    "not sufficiently": 1.0, "not consistently": 1.0, "not good enough": 1.2, "not well": 1.0,
    "remains high": 0.8, "remains low": 0.8, "remain high": 0.8, "remains a challenge": 1.0,
    "challenge": 0.3, "challenges": 0.5, "challenging": 0.5, "shortfall": 1.0, "shortfalls": 1.0,
    "under performance": 1.0, "underperformance": 1.0, "unclear": 0.8, "lack of clarity": 1.0,
    "difficult": 0.6, "deteriorated": 1.0, "deterioration": 1.0, "declined": 0.8, "breach": 0.8,
    "breaching": 0.8, "significant weaknesses": 1.2, "areas for improvement": 0.6,
    "areas for development": 0.6, "area of development": 0.6, "area for development": 0.6,
    "need to improve": 0.8, "needs to improve": 0.8, "significant issues": 1.0, "issues": 0.4,
    "risk": 0.2, "risks": 0.3, "absence of": 0.8, "unable": 0.7, "cannot": 0.5, "little": 0.5,
    "under-developed": 1.0, "underdeveloped": 1.0, "reliance": 0.5, "not happen": 0.8,
    "negative": 0.8, "vulnerable": 0.1, "low": 0.4, "high turnover": 1.0, "turnover": 0.4,
    "does not": 0.6, "do not": 0.6, "did not": 0.5, "is not": 0.4, "are not": 0.5, "not": 0.2,
    "no evidence": 1.0, "instability": 1.0, "mixed": 0.5, "uncertain": 0.6, "pressures": 0.5,
    "recurring": 0.6, "under-performance": 1.0, "only": 0.2, "disengaged": 0.6, "dis-engaged": 0.6,
    "omitted": 0.6, "incomplete": 0.8, "errors": 0.8, "missed": 0.7, "lost": 0.5, "hampered": 1.0,
    "undermined": 1.0, "inappropriate": 1.0, "inappropriately": 1.0, "overdue": 1.0, "backlog": 1.0,
    "not been": 0.4, "has yet to": 0.8, "have yet to": 0.8, "yet to": 0.6, "could be": 0.3,
    "not as": 0.6, "variability": 0.8, "sporadic": 0.8, "rarely": 0.7, "fewer": 0.2,
    # hedged negatives as whole phrases, so "are not" does not swallow the "not always" that follows
    "are not always": 1.0, "is not always": 1.0, "do not always": 1.0, "does not always": 1.0,
    "are not consistently": 1.0, "is not consistently": 1.0, "are not sufficiently": 1.0,
    "is not sufficiently": 1.0, "are not yet": 0.8, "is not yet": 0.8, "not fully": 0.6,
    "high caseloads": 1.0, "caseloads are high": 1.0, "caseloads remain high": 1.0, "more work to do": 0.8,
    "further work is required": 0.8, "further work is needed": 0.8,
}

# Positive words that a negation turns into a concern ("not effective", "no robust ...").
NEGATORS: frozenset[str] = frozenset({"not", "no", "never", "nor", "n't", "without", "lack", "lacks"})

# --- Quantities -----------------------------------------------------------------------------
COUNT_NOUNS: frozenset[str] = frozenset(
    """child children case cases file files referral referrals young people person families family
    assessments assessment plans plan visits visit conferences meetings staff social workers workers
    managers auditors responses respondents questionnaires homes placements carers adopters
    councils authorities episodes days weeks months hours years per cent percent percentage rate
    applications reviews schools practitioners partners leavers uasc lac cla sessions homes units
    beds applicants contacts notifications enquiries orders proceedings posts vacancies caseloads
    minutes audits""".split()
)

BENCHMARK_PHRASES: tuple[str, ...] = (
    "national average", "england average", "regional average", "statistical neighbour",
    "statistical neighbours", "comparator", "comparative", "national tolerances", "above that",
    "below that", "in line with national", "tolerances nationally", "ranked", "ranking", "benchmark",
    "per 10,000", "per cent", "percentage", "completion rates", "than other areas", "than similar areas",
    "compared with", "than the national", "top quartile", "bottom quartile", "than comparator",
)

VAGUE_AMOUNTS: tuple[str, ...] = ("the vast majority", "the majority", "most ", "a minority", "a few")
