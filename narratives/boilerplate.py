"""Sentences that are not evidence of practice, decided by what they say.

An inspection report's method statement ("The visit was carried out in line with the ILACS
framework"), a grade definition, Ofsted's publication notices, guidance on how inspections work, an
adviser's advice about getting ready for one ("Develop a short narrative outlining …"), and a
sentence that points at a table or chart the narrative cannot show ("The table below shows …") say
nothing about children's experiences or the council's practice. `reason(sentence)` names why a
sentence is left out, or returns None for a sentence that may be evidence.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# Ofsted's own notices, addresses and licences, printed on every report.
_PUBLICATION = re.compile(
    r"Ofsted\)? regulates and inspects|Crown copyright|Open Government Licen[cs]e|nationalarchives|"
    r"\bwww\.|https?://|@ofsted|\bPiccadilly Gate\b|\bAviation House\b|If you would like a copy|"
    r"alternative format|You may reuse this information|Interested in our work|receive monthly|"
    r"reference no\.?\s*\d|\bTel:?\s*\d|This publication is available|Report published|"
    r"Office for Standards in Education, Children['’]s Services and Skills \(Ofsted\)",
    _I,
)
# How an inspection or review was done, not what it found.
_METHOD = re.compile(
    r"^(?:this|the) (?:inspection|visit|review|monitoring visit|focused visit|report|audit) "
    r"(?:was|is|were) (?:carried out|conducted|undertaken|completed|led|made)|"
    r"\bin line with the (?:ILACS|inspection|inspecting local authority)|"
    r"\bunder section \d+|\bthe inspection framework\b|\bthis (?:local authority|visit) was inspected\b|"
    r"^inspectors? (?:looked at|spoke (?:to|with)|met|reviewed|considered|evaluated|examined|sampled|tracked|"
    r"observed|used|visited|also (?:looked|spoke|met|reviewed|considered))\b|"
    r"^(?:we|our) (?:approach|agreed approach|review|reviewed|interviewed|conducted|completed|matched|used|agreed to)\b|"
    r"^in (?:conducting|testing|carrying out) (?:both parts of )?(?:the|this|our) (?:review|inspection|audit|readiness)|"
    r"^this (?:letter|report) (?:sets out|summarises|outlines|describes)|"
    r"^the purpose of (?:the|this) (?:review|visit|report|inspection|paper)",
    _I,
)
# How inspections work and what grades mean: guidance, not evidence.
_GUIDANCE = re.compile(
    r"^Ofsted (?:will|is conducting|has published|inspects|may|uses|does not)\b|^Ofsted['’]s (?:guidance|framework)|"
    r"\bOfsted will (?:take|give|consider|return|use)\b|\b(?:four|4)[- ]point scale\b|\bgrade descriptors?\b|"
    r"\bevaluation schedule\b|^(?:outstanding|good|requires improvement(?: to be good)?|inadequate|adequate)\s*[:–-]|"
    r"\bthe (?:inspection )?(?:report|team) will (?:contain|examine|include)\b|^(?:the )?inspectors will\b|"
    r"\bjudgements? (?:of|on) (?:a|the) (?:four|4)|\bwill (?:give|receive) (?:only )?(?:ten|five|\d+) (?:working )?days",
    _I,
)
# An adviser's advice about preparing for inspection: what to write or gather, not what happened.
_ADVICE_VERB = re.compile(
    r"^(?:develop|prepare|produce|write|draft|collate|compile|gather|order|align|highlight|identify|"
    r"list|consider|ensure that the gcse|make a list|outline|signpost|collect)\b",
    _I,
)
_ADVICE_OBJECT = re.compile(
    r"\bnarratives?\b|\bevidence (?:folders?|sets?|documents?|packs?)\b|\bdocument sets?\b|\bsignpost|"
    r"\b(?:interviews?|focus groups?) (?:and|or|with)\b|\bfor (?:the )?inspection\b|\blines of enquiry\b|"
    r"\bexamination results are collected\b|\bminutes of meetings\b|\bquality is better than quantity\b",
    _I,
)
_ADVICE_STATEMENT = re.compile(
    r"\b(?:a|one or two|short) (?:one or two )?page narrative\b|\bnarratives? should\b|\bdocument set is ordered\b|"
    r"\bthe best preparation\b|\bcan reap dividends\b|\bbe selective and signpost\b|\bif these are prepared now\b|"
    r"\bprepare for (?:interviews|the inspection)\b|\bis an excellent idea but\b",
    _I,
)
# A pointer to something the narrative cannot show.
_POINTER = re.compile(
    r"\b(?:the|this) (?:table|chart|graph|figure|diagram|map) (?:below|above|overleaf|opposite)\b|"
    r"\b(?:table|chart|graph|figure|appendix|annex) \d+[a-z]? (?:below |above )?(?:shows|sets out|illustrates|gives|summarises)\b|"
    r"\b(?:as|is) (?:shown|set out|illustrated|summarised) (?:in|below|above)\b|\bsee (?:table|chart|appendix|annex|figure|below|above)\b|"
    r"\b(?:below|above) (?:shows|sets out|illustrates)\b|\bthe following (?:table|chart|graph)\b",
    _I,
)
# Committee-paper furniture: the recommendation to note, the report's own purpose, contacts.
_FURNITURE = re.compile(
    r"^(?:that )?(?:members|the (?:committee|board|panel|cabinet)) (?:are asked to |is asked to )?(?:note|notes|consider|agree|endorse)\b|"
    r"^(?:contact|report author|background papers|appendices)\b|^to (?:present|inform|update|provide)\b",
    _I,
)

_CHECKS: tuple[tuple[re.Pattern[str], str], ...] = (
    (_PUBLICATION, "publication notice"),
    (_METHOD, "method statement"),
    (_GUIDANCE, "guidance or grade definition"),
    (_POINTER, "points at a table or chart"),
    (_FURNITURE, "committee-paper furniture"),
    (_ADVICE_STATEMENT, "advice about preparing for inspection"),
)


def reason(sentence: str) -> str | None:
    """Why `sentence` is not evidence of practice, or None when it may be."""
    text = " ".join(sentence.split())
    for pattern, why in _CHECKS:
        if pattern.search(text):
            return why
    if _ADVICE_VERB.match(text) and _ADVICE_OBJECT.search(text):
        return "advice about preparing for inspection"
    return None


def is_boilerplate(sentence: str) -> bool:
    return reason(sentence) is not None
