"""One canonical name per council (data in authorities.yaml), and which council a text is about.

"Herefordshire", "Herefordshire Council" and "County of Herefordshire District Council" are one
council; "Cumbria" (to March 2023) and its successors "Cumberland" and "Westmorland and Furness"
are three. Names that reorganisation reused ("Dorset" the county council before April 2019, the
unitary council after) are told apart by the date of the document that names them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

_DATA = Path(__file__).with_name("authorities.yaml")

# Forms a council's name takes besides the name itself ("Kent County Council", "London Borough of Barnet").
_SUFFIXES = ("County Council", "City Council", "Metropolitan Borough Council", "Metropolitan District Council",
             "Borough Council", "District Council", "Unitary Authority", "Council")
_PREFIXES = ("London Borough of", "Royal Borough of", "Borough of", "City of", "County of", "Council of the")


@dataclass(frozen=True)
class Authority:
    name: str
    variants: tuple[str, ...] = ()
    start: date | None = None  # first day running children's services, when after 2009
    end: date | None = None  # last day, when it has been replaced
    predecessors: tuple[str, ...] = ()
    successors: tuple[str, ...] = ()
    ambiguous: bool = False  # the bare name is an everyday word or a person's name

    def in_being(self, on: date | None) -> bool:
        if on is None:
            return self.end is None
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value  # type: ignore[return-value]
    return date.fromisoformat(str(value))


@lru_cache(maxsize=1)
def authorities() -> dict[str, Authority]:
    """Canonical name -> Authority, in the data file's order."""
    raw = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    out: dict[str, Authority] = {}
    for entry in raw["authorities"]:
        authority = Authority(
            name=str(entry["name"]),
            variants=tuple(str(v) for v in entry.get("variants") or ()),
            start=_as_date(entry.get("from")),
            end=_as_date(entry.get("until")),
            predecessors=tuple(entry.get("predecessors") or ()),
            successors=tuple(entry.get("successors") or ()),
            ambiguous=bool(entry.get("ambiguous")),
        )
        out[authority.name] = authority
    return out


def _norm(text: str) -> str:
    text = text.replace("&", " and ").replace("’", "'").replace("-", " ").replace(".", " ")
    return " ".join(text.lower().split())


def _core(name: str) -> str:
    """The name without council words: "Kent County Council" -> "kent"."""
    norm = _norm(name)
    for prefix in _PREFIXES:
        p = _norm(prefix) + " "
        if norm.startswith(p):
            norm = norm[len(p):]
            break
    for suffix in _SUFFIXES:
        s = " " + _norm(suffix)
        if norm.endswith(s):
            norm = norm[: -len(s)]
            break
    if norm.startswith("the "):
        norm = norm[4:]
    return norm


@lru_cache(maxsize=1)
def _forms() -> dict[str, tuple[str, ...]]:
    """Normalised core name -> canonical names it can mean (several where a name was reused)."""
    forms: dict[str, list[str]] = {}
    for authority in authorities().values():
        for form in (authority.name, *authority.variants):
            key = _core(form)
            forms.setdefault(key, [])
            if authority.name not in forms[key]:
                forms[key].append(authority.name)
    return {k: tuple(v) for k, v in forms.items()}


def _choose(candidates: tuple[str, ...], on: date | None, exact: str | None = None) -> str:
    if len(candidates) == 1:
        return candidates[0]
    table = authorities()
    living = [n for n in candidates if table[n].in_being(on)] or list(candidates)
    if exact:
        for name in living:
            if _norm(name) == exact:
                return name
    return next((n for n in living if table[n].end is None), living[0])


def canonical_authority(name: str | None, on: date | None = None) -> str | None:
    """The canonical name of the council `name` refers to, or None when it names no council we know.

    `on` (the document's date) decides between councils that shared a name.
    """
    if not name:
        return None
    key = _core(name)
    candidates = _forms().get(key)
    if candidates:
        return _choose(candidates, on, _norm(name))
    # "Isle of Wight Council and Hampshire County Council": the first council named
    found = find_authorities(name, on)
    return found[0] if found else None


def exact_authority(text: str | None, on: date | None = None) -> str | None:
    """The council `text` is the name of (the whole text, in any of its forms), or None."""
    if not text:
        return None
    candidates = _forms().get(_core(text))
    return _choose(candidates, on, _norm(text)) if candidates else None


def successors_of(name: str) -> tuple[str, ...]:
    authority = authorities().get(name)
    return authority.successors if authority else ()


def predecessors_of(name: str) -> tuple[str, ...]:
    authority = authorities().get(name)
    return authority.predecessors if authority else ()


_COUNCIL_WORDS = r"(?:County |City |Metropolitan Borough |Metropolitan District |Borough |District )?Council"


@lru_cache(maxsize=1)
def _mention_re() -> re.Pattern[str]:
    """Every form of every council's name, longest first, so "North Somerset" wins over "Somerset"."""
    pieces: list[str] = []
    for form in sorted({f for a in authorities().values() for f in (a.name, *a.variants)}, key=len, reverse=True):
        words = re.split(r"[\s-]+", form.replace("&", " & "))
        body = r"[\s-]+".join(re.escape(w) if w != "&" else r"(?:&|and)" for w in words if w)
        pieces.append(body)
    return re.compile(r"(?<![\w-])(" + "|".join(pieces) + r")(?![\w-])(?:\s+(" + _COUNCIL_WORDS + r"))?")


_AMBIGUOUS_CONTEXT = re.compile(r"^\s*(?:'s\s+)?(?:local authority|council|children's services|children’s services)", re.I)


def find_authorities(text: str, on: date | None = None) -> list[str]:
    """Canonical names of the councils `text` mentions, in order of first mention (no repeats).

    A name that is also an everyday word or a person's name ("Reading", "Kent", "Bury") counts only
    when written with its capital and next to a council word ("Kent County Council", "Reading's
    children's services", "London Borough of Sutton")."""
    return list(dict.fromkeys(name for name, _ in mentions(text, on)))


def mentions(text: str, on: date | None = None) -> list[tuple[str, int]]:
    """(canonical name, offset) for every mention of a council in `text`."""
    table = authorities()
    out: list[tuple[str, int]] = []
    for match in _mention_re().finditer(text):
        form = match.group(1)
        candidates = _forms().get(_core(form))
        if not candidates:
            continue
        name = _choose(candidates, on, _norm(form + (" " + match.group(2) if match.group(2) else "")))
        if table[name].ambiguous or not form[:1].isupper():
            before = text[max(0, match.start() - 20): match.start()]
            prefixed = re.search(r"(?:Borough|City|County) of\s+$", before)
            if not form[:1].isupper():
                continue
            if not (match.group(2) or prefixed or _AMBIGUOUS_CONTEXT.match(text[match.end(1):])):
                continue
        out.append((name, match.start()))
    return out


def most_named(text: str, on: date | None = None) -> tuple[str | None, int]:
    """The council `text` names most often (ties: the first named), with its count."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for name, offset in mentions(text, on):
        counts[name] += 1
        first.setdefault(name, offset)
    if not counts:
        return None, 0
    best = max(counts, key=lambda n: (counts[n], -first[n]))
    return best, counts[best]
