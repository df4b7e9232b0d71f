"""Mentions: candidate spans of a person's name, with who found them and their role votes.

Every layer (context rules, tables, gazetteer, NER) adds mentions through `Mentions.add`, which
trims words that cannot be names, drops organisations and places, and files the mention as
family (to be redacted) or professional (kept unless a family name word is in it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from redaction.shapes import NAME_WORD, PARTICLE, name_words, norm_word, overlaps
from redaction.vocabulary import vocabulary

NOUN_SUFFIX_RE = re.compile(r"(?i)(?:tions?|sions?|ments?|ness|ities|ity|ships?|ology|isms?|ives)$")
ORG_BEFORE = {"st", "st.", "saint", "the", "of", "at"}  # "St Mary's", "The Grace Academy"
# Places the document names: "in Bromley", "across Wigan", "Sefton Council".
PLACE_RE = re.compile(
    r"(?:\b(?:in|across|within|throughout|around|outside|to|from)[ \t]+(?P<a>" + NAME_WORD + r")(?![\w'’-])"
    r"|(?P<b>" + NAME_WORD + r")[ \t]+(?:(?:City|County|Borough|Metropolitan|District)[ \t]+)?Council\b"
    r"|\b(?:Borough|City|County|Council|Kingdom|Isle|Royal Borough)[ \t]+of[ \t]+(?P<c>" + NAME_WORD + r"(?:[ \t]+(?:and|upon|on)?[ \t]*" + NAME_WORD + r"){0,3})"
    r"|\b(?:Inspection|inspection)[ \t]+of[ \t]+(?P<d>" + NAME_WORD + r"(?:[ \t]+(?:and|upon|on)?[ \t]*" + NAME_WORD + r"){0,3})[ \t]+(?:local[ \t]+authority|children)"
    r"|\b(?:services|children|families)[ \t]+in[ \t]+(?P<e>" + NAME_WORD + r"(?:[ \t]+" + NAME_WORD + r"){0,2}))"
)


@dataclass
class Mention:
    passage: int
    start: int
    end: int
    words: tuple[str, ...]
    votes: dict[str, int] = field(default_factory=dict)  # {"CHILD": 2, "ADULT": 3}
    source: str = "rule"  # rule | honorific | gazetteer | verb | ner
    professional: bool = False
    honorific: str = ""


def is_acronym(word: str) -> bool:
    """"UASC", "AfC", "DfE", "PAs": short, with two or more capitals (not "McKay", "O'Neil")."""
    if re.match(r"(?:Mc|Mac|O'|O’|D'|De|Di|Le|La|Van)[A-Z]", word):
        return False
    return len(word) <= 6 and sum(c.isupper() for c in word) >= 2


def is_blocked(word: str, strong: bool = False) -> bool:
    """A word that cannot be (part of) a name; strong evidence trims fewer words."""
    v = vocabulary()
    w = word.lower().replace("’", "'")
    return w in (v.strong_trim if strong else v.not_name_words)


def trim_run(text: str, start: int, end: int, strong: bool = False) -> list[tuple[int, int]]:
    """Cut a matched capitalised run into name pieces, dropping blocked words.

    "Mum Ellis Gallagher" -> "Ellis Gallagher"; "Isla\\nWas" -> "Isla" (Was blocked).
    """
    pieces: list[tuple[int, int]] = []
    cur: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\s]+", text[start:end]):
        word = m.group(0)
        s, e = start + m.start(), start + m.end()
        if re.fullmatch(PARTICLE, word):
            continue
        if is_blocked(norm_word(word), strong):
            if cur:
                pieces.append((cur[0][0], cur[-1][1]))
                cur = []
            continue
        cur.append((s, e))
    if cur:
        pieces.append((cur[0][0], cur[-1][1]))
    return pieces


def followed_by_org(text: str, end: int, strict: bool = False) -> bool:
    """Does a capitalised org/place word follow (possibly after 's)? "Mary's Primary School"."""
    v = vocabulary()
    orgs = v.strict_org_words if strict else v.org_words
    m = re.match(r"(?:['’]s)?[ \t]+((?:[A-Z][A-Za-z'’]+[ \t]+){0,3}[A-Z][A-Za-z'’]+)", text[end:end + 80])
    if not m:
        return False
    for w in m.group(1).split():
        low = w.lower().strip("'’")
        if low in orgs:
            return True
        if low in v.hard_words:
            return False
    return False


def preceded_by_org(text: str, start: int) -> bool:
    before = text[max(0, start - 12):start]
    m = re.search(r"(\S+)[ \t]+$", before)
    return bool(m and m.group(1).lower() in ORG_BEFORE and m.group(1)[0].isupper())


class Mentions:
    """The mentions of one document, and what they may not overlap."""

    def __init__(self, texts: list[str], blocked: list[list[tuple[int, int]]]) -> None:
        self.texts = texts
        self.blocked = blocked  # per passage: pattern spans and placeholders
        self.family: list[Mention] = []
        self.professional: list[Mention] = []
        self.dates_of_birth: list[list[tuple[int, int]]] = [[] for _ in texts]  # found beside family names
        # words the document uses in lower case: "Framework" in a heading is not a surname
        self.lower_words = {w for t in texts for w in re.findall(r"(?<![\w'’-])[a-z][a-z'’-]+", t)}
        # acronyms the document spells out: "Common Assessment Framework (CAF)"
        self.acronyms = {m.group(1) for t in texts for m in re.finditer(r"\(([A-Z]{2,6})s?\)", t)}
        given = vocabulary().given_names
        self.places = {w for t in texts for m in PLACE_RE.finditer(t)
                       for w in re.findall(NAME_WORD, next(g for g in m.groups() if g)) if w.lower() not in given}

    def add(self, p: int, s: int, e: int, votes: dict[str, int] | None, source: str,
            professional: bool = False, honorific: str = "", keep_blocked: bool = False) -> None:
        text = self.texts[p]
        strong = source in ("rule", "honorific")
        pieces = trim_run(text, s, e, strong) if not keep_blocked else [(s, e)]
        trimmed = pieces != [(s, e)] and not (len(pieces) == 1 and text[s:e].endswith(("'s", "’s")))
        for ps, pe in pieces:
            if trimmed and source == "ner":
                # "Peer Challenge" -> "Challenge": what is left of a trimmed entity must still
                # look like a name
                left = name_words(text[ps:pe])
                if len(left) < 2 and not any(w.lower() in vocabulary().given_names for w in left):
                    continue
            if text[ps:pe].endswith(("'s", "’s")):
                pe -= 2  # the possessive stays outside the span
            words = name_words(text[ps:pe])
            if not words or overlaps(self.blocked[p], ps, pe):
                continue
            if (pe < len(text) and text[pe].isalpha()) or (ps > 0 and text[ps - 1].isalpha()):
                continue  # cut mid-word: "Af" of "AfC"
            if any(w.lower() in vocabulary().strict_org_words for w in words) or followed_by_org(text, pe, strict=True):
                continue  # "Safeguarding Children Board", "Oakwood Primary School"
            if source in ("ner", "verb") and not professional and not self.plausible(words, text, ps, pe):
                continue
            m = Mention(p, ps, pe, words, dict(votes or {}), source, professional, honorific)
            (self.professional if professional else self.family).append(m)
            if strong:
                self.places.difference_update(words)  # a rule said it is a person: not a place here

    def add_date_of_birth(self, p: int, s: int, e: int) -> None:
        if not overlaps(self.blocked[p], s, e):
            self.dates_of_birth[p].append((s, e))
            self.blocked[p].append((s, e))

    def doubtful(self, text: str, s: int, e: int, only_people: bool = False) -> bool:
        """Is this run unlikely to be a name, for a rule whose context is weak ("(Grade 3)",
        "Overall, children", "the Bromley children's project", "(UASC)", "Working Together")?
        Yes when no word is a given name and every word is one the document also writes in
        lower case, a word that is never a name, a place it names, or an acronym.

        `only_people`: the context is one only a person has (a date of birth, an age), so a word
        read as a place elsewhere ("spoke to Keziah" looks like "moved to Leeds") still counts."""
        v = vocabulary()
        raw = [r.strip(",.;:()[]|'’") for r in text[s:e].split()]
        raw = [r for r in raw if len(r) > 1 and not re.fullmatch(PARTICLE, r) and not is_blocked(norm_word(r), strong=True)]
        if not raw:
            return True
        words = [norm_word(r) for r in raw]
        if any(w.lower() in v.given_names and w.lower() not in v.ambiguous_given for w in words):
            return False
        return all(w.lower() in self.lower_words or w.lower() in v.not_name_words or (w in self.places and not only_people)
                   or is_acronym(r) for r, w in zip(raw, words))

    def plausible(self, words: tuple[str, ...], text: str, s: int, e: int) -> bool:
        """Weak evidence (NER, a verb): reject words that look like ordinary vocabulary."""
        v = vocabulary()
        if any(w.lower() in v.given_names for w in words):
            return True
        raw = text[s:e]
        if len(words) == 1 and (raw.isupper() or re.search(
                r"(?i)\b(?:in|at|from|near|across|within|throughout|around|of|into|outside)\s+(?:the\s+)?$", text[max(0, s - 20):s])):
            return False  # "RAG"; "lives in Bedford"
        line_start = text.rfind("\n", 0, s) + 1
        line_end = text.find("\n", e)
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        if len(words) == 1 and len(line.split()) <= 4:
            return False  # a heading such as "Bookmark" or "Annex"
        if any(NOUN_SUFFIX_RE.search(w) for w in words):
            return False
        if any(w in self.places for w in words) or all(is_acronym(r) for r in raw.split()):
            return False  # "Halton", "Halton Speak Out", "Kingston upon Hull", "PAs", "DfE"
        if all(w.lower() in self.lower_words or w.lower() in v.not_name_words for w in words):
            return False  # "Framework", "Training": the document also uses them as words
        return True
