"""Which documents are personal records, and which are public by positive evidence.

Decided by what the text contains, never by a guess at the document's kind: a social worker's
child protection conference report headed "Report to:/Report by:" looks like a committee paper,
but its date of birth, NHS number and "Mum, Kelly Smith" make it a personal record.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from redaction.analyzer import pattern_spans
from redaction.recognizers.person.mentions import Mentions
from redaction.recognizers.person.lowercase import lowercase_relations
from redaction.recognizers.person.tables import TableReader
from redaction.recognizers.person.rules import (
    Runs,
    age_after,
    alias,
    dob_after,
    family_name,
    form_label,
    quoted_alias,
    relation_after,
    relation_before,
    subject,
)
from redaction.shapes import NAME_RUN
from redaction.vocabulary import read_list

# Numbers and dates that only a personal record carries.
RECORD_CATEGORIES = {"DOB", "NHS NUMBER", "UPN", "NI NUMBER", "CASE REFERENCE"}
# Context rules that name a family member ("Mum, Kelly Smith", "Case summary for Isla Kaur").
FAMILY_RULES = (relation_before, relation_after, subject, form_label, age_after, dob_after, family_name, alias,
                quoted_alias)
# "Brandon lives with ...", "lives with her nan, Pat Smith": someone named lives with someone.
# ("Children living with domestic abuse" in an inspection report names no one.)
_LIVES = r"(?i:lives|is\s+living|was\s+living|lived|has\s+lived|resides|is\s+staying|stays|now\s+lives|currently\s+lives)"
# Text redacted already (a pack deciding from the evidence view) still shows what it held.
RECORD_PLACEHOLDER_RE = re.compile(r"\[(?:CHILD|ADULT) [A-Z]{1,3}\]|\[(?:DOB|NHS NUMBER|UPN|NI NUMBER|CASE REFERENCE)\]")
LIVES_WITH_RE = re.compile(
    r"(?P<subject>" + NAME_RUN + r")[ \t]+" + _LIVES + r"[ \t]+(?i:with)\b"
    r"|" + _LIVES + r"[ \t]+(?i:with)[ \t]+(?:(?i:his|her|their)[ \t]+(?:[a-z-]+[ \t]+){0,2})?[,:]?[ \t]*(?P<object>" + NAME_RUN + r")"
)


def _lives_with(mentions: Mentions, p: int, text: str) -> bool:
    for m in LIVES_WITH_RE.finditer(text):
        group = "subject" if m.group("subject") else "object"
        before = len(mentions.family)
        if not mentions.doubtful(text, m.start(group), m.end(group)):
            mentions.add(p, m.start(group), m.end(group), None, "rule")
        if len(mentions.family) > before:
            return True
    return False


def _markers(texts: Sequence[str]) -> list[str]:
    """The personal-record markers found, by name (for explaining a decision)."""
    texts = [t if isinstance(t, str) else "" for t in texts]
    found: list[str] = []
    for text in texts:
        found += sorted({sp.category for sp in pattern_spans(text) if sp.category in RECORD_CATEGORIES})
        if RECORD_PLACEHOLDER_RE.search(text):
            found.append("placeholder of a redacted record")
    mentions = Mentions(texts, [[] for _ in texts])
    tables = TableReader()
    for p, text in enumerate(texts):
        if _lives_with(mentions, p, text):
            found.append("lives with")
        before = len(mentions.family)
        lowercase_relations(mentions, p)
        if len(mentions.family) > before:
            found.append("lower-case name beside a relation")
        before, dates = len(mentions.family), len(mentions.dates_of_birth[p])
        tables.read(mentions, p)
        if len(mentions.family) > before or len(mentions.dates_of_birth[p]) > dates:
            found.append("family table")
        runs = Runs.of(text)
        for rule in FAMILY_RULES:
            before = len(mentions.family)
            rule(mentions, p, text, runs)
            if len(mentions.family) > before:
                found.append(rule.__name__)
    return found


def personal_record_markers(texts: Sequence[str]) -> list[str]:
    """Why a document is a personal record: marker names, empty when it is not one."""
    return sorted(set(_markers(texts)))


def is_personal_record(texts: Sequence[str]) -> bool:
    """True when the text carries a personal record's marks: a date of birth, an NHS number, a
    UPN, a case or child reference, "lives with", a family relation or form label next to a
    name, a child's age after a name, a record about a named child ("Strategy meeting re: ...")."""
    return bool(_markers(texts))


@lru_cache(maxsize=2)
def _cues(name: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(line, re.IGNORECASE | re.MULTILINE) for line in read_list(name))


def _matching(texts: Sequence[str], cues: tuple[re.Pattern[str], ...]) -> list[int]:
    """Which cue lines match anywhere in the document (line by line, so ^ means a line start)."""
    joined = "\n".join(t for t in texts if isinstance(t, str))
    return [i for i, c in enumerate(cues) if c.search(joined)]


def public_evidence(texts: Sequence[str]) -> str | None:
    """"ofsted" or "committee" when the text shows it is such a publication, else None."""
    if len(_matching(texts, _cues("public_cues_ofsted.txt"))) >= 2:
        return "ofsted"
    committee = _matching(texts, _cues("public_cues_committee.txt"))
    if 0 in committee and len(committee) >= 2:
        return "committee"
    return None


def is_public_by_evidence(texts: Sequence[str], title: str | None = None) -> bool:
    """May the original file be copied into a pack? Only with positive evidence that it is a
    publication (an Ofsted report or letter, a published committee paper) *and* no mark of a
    personal record anywhere in it, title included. Works on original or already redacted
    passages: a person, date-of-birth or number placeholder is a personal record's mark."""
    every = list(texts) + ([title] if title else [])
    return public_evidence(every) is not None and not is_personal_record(every)
