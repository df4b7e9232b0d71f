"""Recommendations: the items under "What needs to improve?", "What does the local authority need to
improve?", "Areas for improvement", "Recommendations" and a review's "Action Points", as printed.

A passage is an item when a heading above it (its heading path) names such a section and it is a
list item or a numbered paragraph (or, in a section whose items are plain paragraphs, a paragraph
that reads as an instruction). Sub-bullets of an item that ends with a colon are folded into it, as
are the lines of an item broken across a page. Timescales come from the sub-headings older reports
group items under ("Immediately:", "Within three months:"). Items under the LSCB's own section are
addressed to the partnership, not the council.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.model import InspectionRef, Passage, Provenance, RecommendationFact, Subject
from facts.text import normal

SECTION_RE = re.compile(
    r"^(?:what (?:needs|does (?:the )?(?:local authority|council|partnership|[\w ]{2,40}) need) to improve\b"
    r"|areas? for (?:improvement|priority action|development)\b|recommendations?\b|priority and immediate action\b"
    r"|action points?\b|key recommendations\b)", re.I)
TIMESCALE_RE = re.compile(r"^(?P<when>immediately|within (?:\w+|\d+) (?:weeks?|months?)|by [\w ]{3,30})\s*:?\s*$", re.I)
PARTNERSHIP_RE = re.compile(r"\blocal safeguarding children board\b|\bLSCB\b|\bsafeguarding (?:children )?partnership\b", re.I)
ID_RE = re.compile(r"^(?:[-–•▪■*]\s*)?(?P<id>[RA]\d{1,3})\b\**\s*[.:)–-]?\s*", re.I)
INTRO_RE = re.compile(r"^(?:in order to|to improve|the areas for improvement have been|we have made|this (?:section|report)|the following)", re.I)
SHOULD_RE = re.compile(r"^(?:the )?(?:local authority|council|board|partnership)(?: and (?:its )?partners)? should\b", re.I)
# Instructions start with a verb: "Ensure …", "Improve …", "Strengthen …"; findings-style items
# ("The quality of assessments.") are lists of what needs to improve.
_IMPERATIVE = re.compile(r"^(?:[A-Z][a-z]+(?:s|e|en|y|t|d|h|k|n|r)?)\b")


NONE_RE = re.compile(r"\b(?:no|not (?:find|identify) any|did not (?:find|identify) any|there are no) (?:areas?|recommendations?)\b", re.I)
# "Members of the committee are requested to:" - what follows asks a committee to note a report, not
# something to improve
COMMITTEE_INTRO = re.compile(r"\b(?:members|committee|cabinet|panel|board|council(?:lors)?|scrutiny)\b[^.]{0,80}?\b(?:are|is)\s+"
                             r"(?:asked|requested|recommended|invited|requested)\b|^it is recommended that\b", re.I)
COMMITTEE_ASK = re.compile(
    r"^that\s+(?:the\s+)?[\w() ,'&-]{0,60}?\b(?:committee|panel|board|cabinet|council|members|scrutiny|forum)\b[^.]{0,40}?"
    r"\b(?:notes?|supports?|agrees?|approves?|considers?|receives?|endorses?|comments?|is asked|are asked|be asked)\b"
    r"|^(?:members|the committee|cabinet) (?:are|is) (?:asked|requested|recommended)", re.I)
VERBS = set("""accelerate address agree align assess audit build carry challenge clarify complete conduct consider consistently continue
create deliver design develop embed enable encourage engage enhance ensure establish evaluate evidence expand extend further give hold
identify implement improve increase introduce invest make maintain monitor prepare prevent prioritise produce promote provide put raise
reduce refresh reinforce renew resolve respond review revise risk secure share simplify strengthen support take target track
undertake update use work""".split())


def _opens_section(passage: Passage, text: str) -> bool:
    if not SECTION_RE.match(text) or len(text) > 120 or NONE_RE.search(text):
        return False
    if passage.kind == "heading":
        return True
    # a section title printed as a paragraph: short, no full stop
    return passage.kind == "paragraph" and len(text.split()) <= 12 and not text.endswith(".")


def _is_topic_line(text: str) -> bool:
    """A sub-heading printed as a paragraph ("Quality of social work practice", "Leadershipandmanagement")."""
    return len(text.split()) <= 8 and not text.endswith((".", ":", ";")) and (text.split()[0].lower() if text.split() else "") not in VERBS


def _imperative(text: str) -> bool:
    first = re.sub(r"[^a-z]", "", text.split()[0].lower()) if text.split() else ""
    return first in VERBS or bool(SHOULD_RE.match(text)) or text.lower().startswith(
        ("with partners", "working with", "working through", "where appropriate"))


def _number(label: str | None) -> int | None:
    return int(label) if label and label.isdigit() else None


class _Section:
    def __init__(self, heading: str, subject: str) -> None:
        self.heading = heading
        self.subject = subject
        self.timescale: str | None = None
        self.label_shape: str | None = None  # the shape of its first item's printed id


def _label(label: str | None) -> str | None:
    """A printed id without decoration: "R1**" -> "R1"."""
    if not label:
        return None
    cleaned = re.sub(r"[^\w.]+$", "", label.strip()).rstrip(".")
    return cleaned or None


def _shape(label: str | None) -> str | None:
    """"A9"/"R1" -> "letter", "12" -> "number", "10.2" -> "dotted"."""
    if not label:
        return None
    if re.fullmatch(r"[A-Za-z]{1,3}\d+", label):
        return "letter"
    if re.fullmatch(r"\d+", label):
        return "number"
    if re.fullmatch(r"\d+(?:\.\d+)+", label):
        return "dotted"
    return "other"


def read_recommendations(passages: Sequence[Passage], inspection: InspectionRef | None, authority: str | None) -> list[RecommendationFact]:
    items: list[RecommendationFact] = []
    section: _Section | None = None
    parent: Passage | None = None  # the passage of the last item
    folding = False  # the last item ended with a colon: lower-case bullets that follow are its sub-bullets
    partnership_part = False  # past the heading of a report's review of the LSCB
    for position, passage in enumerate(passages):
        text = normal(passage.text)
        if not text:
            continue
        if passage.kind == "heading" and (passage.page or 1) > 2 and PARTNERSHIP_RE.search(text) and not SECTION_RE.match(text) \
                and not re.search(r"\s\d+$", text) and "contents" not in " ".join(passage.heading_path).lower():
            partnership_part = True
        if _opens_section(passage, text):
            path = " ".join(passage.heading_path) + " " + text
            if section is None or not (section.subject == Subject.PARTNERSHIP.value or SUBSECTION_RE.match(text)):
                subject = Subject.PARTNERSHIP.value if partnership_part or PARTNERSHIP_RE.search(path) else Subject.COUNCIL.value
                section = _Section(text, subject)
            section.timescale = None
            parent = None
            continue
        if section is None:
            continue
        if passage.kind == "heading":
            match = TIMESCALE_RE.match(text)
            if match:
                section.timescale = match.group("when").lower()
                parent = None
                continue
            if _topic_heading_inside(passages, position, items, parent):
                continue
            section, parent = None, None
            continue
        if TIMESCALE_RE.match(text):
            section.timescale = TIMESCALE_RE.match(text).group("when").lower()  # type: ignore[union-attr]
            parent = None
            continue
        if _is_topic_line(text) and not passage.label and passage.kind != "list item":
            continue
        if items and parent is not None and not passage.label and _folds_into(parent, items[-1].text, passage, text, folding,
                                                                              items[-1].item_id):
            items[-1].text = f"{items[-1].text} {text}"
            continue
        label = _label(passage.label)
        if section.label_shape == "letter" and _shape(label) in ("number", "dotted"):
            # a review's action points ("A9") end where its numbered paragraphs go on ("20")
            section, parent = None, None
            continue
        is_item = passage.kind == "list item" or bool(label) or bool(ID_RE.match(text))
        if COMMITTEE_INTRO.search(text) and not passage.label and passage.kind != "list item":
            section, parent = None, None
            continue
        if INTRO_RE.match(text) or NONE_RE.search(text) or COMMITTEE_ASK.match(text):
            continue
        if not is_item and (text.endswith(":") or not _imperative(text)):
            continue
        item_id = label
        match = ID_RE.match(text)
        if match:
            item_id = match.group("id").upper()
            text = text[match.end():].strip()
        if section.label_shape is None and item_id:
            section.label_shape = _shape(item_id)
        if len(text) < 8:
            continue
        items.append(RecommendationFact(
            authority, inspection, item_id, text, section.heading, section.timescale,
            Provenance(passage.document_sha, passage.id, passage.page, passage.label, text[:400]), section.subject))
        parent = passage
        folding = text.endswith(":")
    return items


SUBSECTION_RE = re.compile(r"^(?:priority and immediate action|areas? for (?:improvement|priority action))\b", re.I)


def _folds_into(parent: Passage, parent_text: str, passage: Passage, text: str, folding: bool, parent_id: str | None = None) -> bool:
    """Sub-bullets of an item (a numbered item's bullets; bullets after an item ending with a colon),
    and the rest of an item broken across a page."""
    if passage.kind == "list item":
        if parent.label and parent.kind != "list item":
            return True
        if parent_id:
            return True  # bullets under an item with a printed id ("R1", "A12") are its own
        return folding and text[:1].islower()
    return text[:1].islower() and not parent_text.rstrip().endswith((".", ";", "?", "!"))


def _topic_heading_inside(passages: Sequence[Passage], position: int, items: list[RecommendationFact], parent: Passage | None) -> bool:
    """A topic sub-heading inside a numbered list of recommendations: the numbering goes on after it."""
    last = _number(parent.label) if parent is not None else None
    if last is None or len(normal(passages[position].text).split()) > 8:
        return False
    for following in passages[position + 1: position + 3]:
        if _number(following.label) == last + 1:
            return _imperative(normal(following.text))
        if following.kind == "heading":
            break
    return False
