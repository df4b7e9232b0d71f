"""The person recognizer: family members' names in case records, resolved into people.

Unlike the pattern recognizers it reads a whole document at once, because who a name belongs to
is decided across passages ("Kelly" in passage 9 is the "Mum, Kelly Smith" of passage 2). Layers,
each adding mentions (a leak is far worse than over-redaction, so every layer adds):

1. context rules (`rules.py`): relation words, form labels, honorifics, subject phrases, ages;
2. table rows (`tables.py`);
3. the gazetteer of given names (`gazetteer.py`), and names written in lower case
   (`lowercase.py`);
4. spaCy NER PERSON entities (`ner.py`), when the model is installed;
5. resolution into people and propagation (`people.py`): every word of a family member's
   name, in any case, and the short forms of their given names (`data/nicknames.txt`).

Professionals acting in their role ("the allocated social worker, Sarah Lloyd") are kept
unless one of their name words is also a family name word.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .gazetteer import gazetteer
from .lowercase import lowercase_names
from .mentions import Mentions
from .ner import load_nlp, ner
from .people import Occurrence, Person, cluster_people, dates_after_names, drop_weak_family, merge_overlaps, propagate, split_professionals
from .rules import RULES, Runs
from .tables import TableReader

__all__ = ["PersonRecognizer", "PeopleFound", "Person", "Occurrence", "load_nlp"]


@dataclass
class PeopleFound:
    people: list[Person]  # in order of first appearance
    occurrences: list[list[Occurrence]]  # per passage
    dates_of_birth: list[list[tuple[int, int]]]  # per passage: dates beside family names


class PersonRecognizer:
    name = "person"

    def __init__(self, nlp: Any = None) -> None:
        self.nlp = nlp

    def analyze(self, texts: list[str], blocked: list[list[tuple[int, int]]]) -> PeopleFound:
        mentions = Mentions(texts, [list(b) for b in blocked])
        tables = TableReader()
        for p, text in enumerate(texts):
            runs = Runs.of(text)
            for rule in RULES:
                rule(mentions, p, text, runs)
            tables.read(mentions, p)
            gazetteer(mentions, p)
            lowercase_names(mentions, p)
        ner(mentions, self.nlp)
        professional = split_professionals(mentions)
        family = drop_weak_family(mentions.family, professional)
        family = merge_overlaps(family, texts)
        people, order = cluster_people(family, texts)
        occurrences = propagate(texts, mentions.blocked, people, order, professional)
        dates_after_names(mentions, occurrences)
        return PeopleFound(people.in_order(), occurrences, mentions.dates_of_birth)
