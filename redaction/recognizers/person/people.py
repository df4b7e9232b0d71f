"""From mentions to people: who is family, who is the same person, and every place they appear.

The steps, in order (each a function below):
1. `split_professionals`  professionals are kept, unless a family rule found the same span;
2. `drop_weak_family`     weak evidence (gazetteer, NER) inside or equal to a professional's
                          name is not family;
3. `merge_overlaps`       overlapping mentions become one (rule spans win, votes add up);
4. `cluster_people`       full names define people; a lone first name or surname joins the
                          nearest person with that word (before it, else after);
5. `propagate`            every word of every family member (and the short forms of their given
                          names) is found again everywhere in the document, in any case; a
                          professional sharing a family word becomes [PROFESSIONAL];
6. `dates_after_names`    a date right after a family member's name is a date of birth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from redaction.shapes import NAME_WORD, SEP, name_words, norm_word, overlaps
from redaction.vocabulary import name_like_lower, vocabulary

from .mentions import Mention, Mentions
from .rules import patterns


@dataclass
class Person:
    key: tuple[str, ...]
    words: set[str]
    first: str
    last: str
    votes: dict[str, int] = field(default_factory=dict)
    first_pos: tuple[int, int] = (10**9, 10**9)
    mentions: list[tuple[int, int]] = field(default_factory=list)  # (passage, start)
    only_single: bool = True  # never seen with a full name
    written_lower: set[str] = field(default_factory=set)  # words the document wrote in lower case

    @property
    def category(self) -> str:
        a, c = self.votes.get("ADULT", 0), self.votes.get("CHILD", 0)
        if a != c:
            return "ADULT" if a > c else "CHILD"
        return "CHILD" if self.only_single else "ADULT"

    def vote(self, m: Mention, text: str) -> None:
        self.mentions.append((m.passage, m.start))
        if text[m.start:m.end].islower():
            self.written_lower |= set(m.words)
        for r, v in m.votes.items():
            self.votes[r] = self.votes.get(r, 0) + v
        self.first_pos = min(self.first_pos, (m.passage, m.start))


@dataclass
class Occurrence:
    """Where a person (or a professional clashing with a family name) appears."""

    passage: int
    start: int
    end: int
    person: Person | None  # None: a professional whose name shares a family word
    source: str


class People:
    """Family members of one document and their occurrences."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, ...], Person] = {}

    def for_full_name(self, words: tuple[str, ...]) -> Person:
        key = (words[0], words[-1])
        per = self.by_key.get(key)
        if per is None:
            per = self.by_key[key] = Person(key, set(words), words[0], words[-1])
        per.words |= set(words)
        per.only_single = False
        return per

    def attach(self, word: str, pos: tuple[int, int], honorific: str, create: bool = True) -> Person | None:
        """The person a lone first name or surname refers to: nearest mention before, else after."""
        cands = [per for per in self.by_key.values() if word in per.words]
        if not cands:
            if not create:
                return None
            per = self.by_key.get((word,))
            if per is None:
                per = self.by_key[(word,)] = Person((word,), {word}, word, word)
            return per
        if honorific:
            adults = [c for c in cands if c.votes.get("ADULT", 0) >= c.votes.get("CHILD", 0)]
            cands = adults or cands
        pool = [c for c in cands if c.first == word] or cands

        def distance(per: Person) -> tuple[int, int, int]:
            before = [mp for mp in per.mentions if mp <= pos]
            if before:
                b = max(before)
                return (0, pos[0] - b[0], pos[1] - b[1])
            a = min([mp for mp in per.mentions if mp > pos] or [per.first_pos])
            return (1, a[0] - pos[0], a[1] - pos[1])

        return min(pool, key=distance)

    def of(self, m: Mention) -> Person | None:
        if len(m.words) >= 2:
            return self.by_key.get((m.words[0], m.words[-1]))
        return self.attach(m.words[0], (m.passage, m.start), m.honorific)

    def in_order(self) -> list[Person]:
        """Each person once, in order of first appearance (the placeholder letters' order)."""
        return sorted({id(x): x for x in self.by_key.values()}.values(), key=lambda x: x.first_pos)

    def words(self) -> list[str]:
        return sorted({w for per in self.by_key.values() for w in per.words}, key=len, reverse=True)


def split_professionals(mentions: Mentions) -> list[Mention]:
    """Professional mentions, except those a family rule found on the same words
    ("Mum, Kelly Smith, a nurse" is family)."""
    rule_by_p: dict[int, list[Mention]] = {}
    for f in mentions.family:
        if f.source == "rule":
            rule_by_p.setdefault(f.passage, []).append(f)
    return [m for m in mentions.professional
            if not any(f.start < m.end and m.start < f.end for f in rule_by_p.get(m.passage, ()))]


def drop_weak_family(family: list[Mention], professional: list[Mention]) -> list[Mention]:
    prof_by_p: dict[int, list[Mention]] = {}
    for pm in professional:
        prof_by_p.setdefault(pm.passage, []).append(pm)
    prof_words = {w for m in professional for w in m.words}
    kept = []
    for m in family:
        if m.source != "rule":
            if any(pm.start <= m.start and m.end <= pm.end for pm in prof_by_p.get(m.passage, ())):
                continue
            if all(w in prof_words for w in m.words):
                continue
        kept.append(m)
    return kept


def merge_overlaps(family: list[Mention], texts: list[str]) -> list[Mention]:
    family = sorted(family, key=lambda m: (m.passage, m.start, -(m.end - m.start), m.source != "rule"))
    kept: list[Mention] = []
    kept_by_p: dict[int, list[Mention]] = {}
    for m in family:
        clash = [k for k in kept_by_p.get(m.passage, ()) if k.start < m.end and m.start < k.end]
        if clash:
            k = clash[0]
            for r, v in m.votes.items():
                k.votes[r] = k.votes.get(r, 0) + v
            if m.end > k.end and m.start >= k.start and (m.source == "rule" or k.source != "rule"):
                k.end = m.end
                k.words = name_words(texts[k.passage][k.start:k.end])
            continue
        kept.append(m)
        kept_by_p.setdefault(m.passage, []).append(m)
    return kept


def add_nicknames(people: People) -> None:
    """"Josephine Varga" is also "Jojo" and "Josie"; a "Gaz" seen beside Gary is Gary."""
    nick = vocabulary().nicknames
    for per in people.by_key.values():
        for w in list(per.words):
            for other in nick.get(w.lower(), ()):
                per.words.add("-".join(part.capitalize() for part in other.split("-")))


def cluster_people(family: list[Mention], texts: list[str]) -> tuple[People, list[Mention]]:
    people = People()
    order = sorted(family, key=lambda m: (m.passage, m.start))
    for m in order:
        if len(m.words) >= 2:
            people.for_full_name(m.words).vote(m, texts[m.passage])
    add_nicknames(people)
    for m in order:
        if len(m.words) == 1:
            per = people.attach(m.words[0], (m.passage, m.start), m.honorific)
            assert per is not None
            per.vote(m, texts[m.passage])
    return people, order


def _lower_case_safe(word: str) -> bool:
    """May this family word be matched in lower case? Not when it is also an ordinary word
    ("training", "adopt"); a name the document itself wrote in lower case always is."""
    return len(word) >= 3 and name_like_lower(word) and word.lower() not in vocabulary().ambiguous_given


def propagate(texts: list[str], blocked: list[list[tuple[int, int]]], people: People, order: list[Mention],
              professional: list[Mention]) -> list[list[Occurrence]]:
    occurrences: list[list[Occurrence]] = [[] for _ in texts]
    for m in order:
        occurrences[m.passage].append(Occurrence(m.passage, m.start, m.end, people.of(m), m.source))
    all_words = people.words()

    # professionals' names: protected unless they share a word with the family
    protected: list[list[tuple[int, int]]] = [[] for _ in texts]
    clash: list[list[tuple[int, int]]] = [[] for _ in texts]
    for words in {m.words for m in professional}:
        pat = re.compile(r"(?<![\w'’-])" + SEP.join(re.escape(w) for w in words) + r"(?![\w-])")
        target = clash if any(w in all_words for w in words) else protected
        for p, text in enumerate(texts):
            target[p].extend((mm.start(), mm.end()) for mm in pat.finditer(text))
    for m in professional:
        (clash if any(w in all_words for w in m.words) else protected)[m.passage].append((m.start, m.end))

    if all_words:
        exact = "|".join(re.escape(w) for w in all_words)
        upper = "|".join(re.escape(w.upper()) for w in all_words)
        seen_lower = {w for per in people.by_key.values() for w in per.written_lower}
        lower = "|".join(re.escape(w.lower()) for w in all_words if _lower_case_safe(w) or w in seen_lower)
        alternatives = exact + "|" + upper + ("|" + lower if lower else "")
        word_re = re.compile(r"(?<![\w'’\-\[])(?:" + alternatives + r")(?=['’]s\b|(?![\w-]))")
        for p, text in enumerate(texts):
            existing = [(o.start, o.end) for o in occurrences[p]]
            for mm in word_re.finditer(text):
                s, e = mm.start(), mm.end()
                if overlaps(existing, s, e) or overlaps(blocked[p], s, e) or overlaps(protected[p], s, e) or overlaps(clash[p], s, e):
                    continue
                w = norm_word(mm.group(0))
                if w.islower():
                    w = next((x for x in all_words if x.lower() == w), w)
                per = people.attach(w, (p, s), "", create=False)
                if per is None:
                    continue
                occurrences[p].append(Occurrence(p, s, e, per, "propagation"))
                existing.append((s, e))
    _surnames_after(texts, blocked, protected, occurrences)
    for p in range(len(texts)):
        occurrences[p].extend(Occurrence(p, s, e, None, "rule") for s, e in clash[p])
    return occurrences


_NEXT_NAME_WORD = re.compile(r"[ \t]+(" + NAME_WORD + r")(?=['’]s\b|(?![\w-]))")


def _surnames_after(texts: list[str], blocked: list[list[tuple[int, int]]], protected: list[list[tuple[int, int]]],
                    occurrences: list[list[Occurrence]]) -> None:
    """A name word straight after a family member's name is that person's surname ("Keziah
    Osei-Barnes's head of year", where only "Keziah" was known): the occurrence takes it in, unless
    it is a word that is never a name, an organisation's word, or already accounted for."""
    v = vocabulary()
    for p, text in enumerate(texts):
        taken = [(o.start, o.end) for o in occurrences[p]]
        for i, o in enumerate(occurrences[p]):
            if o.person is None:
                continue
            nm = _NEXT_NAME_WORD.match(text, o.end)
            if not nm:
                continue
            s, e = nm.start(1), nm.end(1)
            if text[s:e].endswith(("'s", "’s")):
                e -= 2  # the possessive stays outside the span
            word = norm_word(text[s:e])
            if (word.lower() in v.not_name_words or word.lower() in v.org_words or word.lower() in v.strict_org_words
                    or overlaps(taken, s, e) or overlaps(blocked[p], s, e) or overlaps(protected[p], s, e)):
                continue
            occurrences[p][i] = replace(o, end=e)
            taken.append((s, e))


def dates_after_names(mentions: Mentions, occurrences: list[list[Occurrence]]) -> None:
    """"Kelly Smith (03/03/2012)", "Tom Smith, 3 March 2012", "Tom Smith | 03/03/12"."""
    for p, text in enumerate(mentions.texts):
        for o in occurrences[p]:
            if o.person is None:
                continue
            dm = patterns().date_after_name.match(text, o.end)
            if dm:
                mentions.add_date_of_birth(p, dm.start(1), dm.end(1))
