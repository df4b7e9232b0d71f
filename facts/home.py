"""Whose documents these are: each document's council, and the council a pack is for.

A document's council is decided, in order, by: the council an Ofsted report or letter is addressed
to ("Inspection of Dorset local authority children's services", "Focused visit to Wiltshire
children's services"); a council named in its title; a council named in its opening headings; the
council its opening text names most. The home council of a store is the `authority` setting when
given; otherwise the council that owns most of the store's documents that are not Ofsted's (a
council's own committee papers, audits and plans), else most of its documents.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from core.model import Passage
from facts.authorities import canonical_authority, exact_authority, find_authorities, most_named
from facts.text import normal

_OFSTED_ADDRESS = re.compile(
    r"\b(?i:inspection of|(?:focused|monitoring) visit to|joint targeted area inspection (?:of|in))\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w'&,.-]*(?:\s+(?:[A-Z][\w'&,.-]*|and|upon|on|of|with|in|under))*?)"
    r"(?:['’]s)?\s+(?i:local authority|children['’]s services|children['’]s social care|council\b|city council|county council|"
    r"borough council|metropolitan borough council|district council)",
)
OPENING = 12


@dataclass(frozen=True)
class AuthorityDecision:
    name: str | None
    how: str


def document_authority(title: str | None, passages: Sequence[Passage], on: date | None) -> AuthorityDecision:
    """The council a document belongs to, with how that was decided."""
    opening = [normal(p.text) for p in passages[:OPENING]]
    unknown: str | None = None
    for text in ([normal(title)] if title else []) + opening:
        match = _OFSTED_ADDRESS.search(text)
        if match:
            name = canonical_authority(match.group("name"), on)
            if name:
                return AuthorityDecision(name, f"named in the report's heading: {match.group(0)!r}")
            unknown = unknown or _as_written(match.group("name"))
    if title:
        found = find_authorities(normal(title), on)
        if len(found) == 1:
            return AuthorityDecision(found[0], f"named in the title: {title!r}")
    for passage in passages[:OPENING]:
        exact = exact_authority(normal(passage.text), on) if len(passage.text) < 80 else None
        if exact:
            return AuthorityDecision(exact, f"an opening line is the council's name: {normal(passage.text)!r}")
        if passage.kind == "heading":
            found = find_authorities(normal(passage.text), on)
            if len(found) == 1:
                return AuthorityDecision(found[0], f"named in an opening heading: {normal(passage.text)[:80]!r}")
    text = " \n".join(normal(p.text) for p in passages[:200])
    name, count = most_named(text, on)
    if name and count >= 2:
        return AuthorityDecision(name, f"the council the text names most ({count} times)")
    if name:
        return AuthorityDecision(name, "the only council the opening text names")
    # a council our list does not know (new, renamed or fictional): as its own heading writes it
    for text in opening:
        match = _COUNCIL_LINE.match(text)
        if match and not unknown:
            unknown = _as_written(match.group("name"))
    if unknown:
        return AuthorityDecision(unknown, f"{unknown!r} as the document names it (not a council in facts/authorities.yaml)")
    return AuthorityDecision(None, "no council named")


_COUNCIL_LINE = re.compile(r"^(?P<name>(?:[A-Z][\w'-]+\s+){1,4}(?:Borough\s+|County\s+|City\s+|Metropolitan\s+Borough\s+|District\s+)?Council)$")
_NOT_A_PLACE = {"children", "children's", "youth", "care", "parish", "town", "the", "our", "safeguarding", "schools"}


def _as_written(name: str) -> str | None:
    """"Northmoor Borough Council" -> "Northmoor"; None when it does not read as a place."""
    words = re.sub(r"\b(?:Metropolitan\s+)?(?:Borough|County|City|District)?\s*(?:Council\b.*)?$", "", name).split()
    if not words or words[0].lower() in _NOT_A_PLACE or any(w.lower() in _NOT_A_PLACE for w in words):
        return None
    return " ".join(words)


@dataclass(frozen=True)
class DocumentOwner:
    authority: str | None
    is_ofsted: bool  # an Ofsted report or letter (its subject is the council, its author is not)


def infer_home_authority(owners: Iterable[DocumentOwner]) -> AuthorityDecision:
    """The council a store's evidence is for, when the `authority` setting does not say."""
    owners = list(owners)
    own = Counter(o.authority for o in owners if o.authority and not o.is_ofsted)
    if own:
        name, count = own.most_common(1)[0]
        total = sum(1 for o in owners if not o.is_ofsted)
        return AuthorityDecision(name, f"inferred: {count} of the {total} council documents (not Ofsted's) are {name}'s")
    reports = Counter(o.authority for o in owners if o.authority)
    if reports:
        name, count = reports.most_common(1)[0]
        return AuthorityDecision(name, f"inferred: {count} of the {len(owners)} documents are about {name}")
    return AuthorityDecision(None, "not known: no document names a council; set `authority` or pass --authority")
