"""The word lists in `redaction/data/`, loaded once per process.

Each data file holds one entry a line (lower case unless the file says otherwise); a line starting
with `#` is a comment. Recognizers never hold word lists of their own: they ask `vocabulary()`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

PACKAGE = "redaction"


def read_list(name: str) -> tuple[str, ...]:
    """The entries of one data file, in file order, without comments or blank lines."""
    text = resources.files(PACKAGE).joinpath("data", name).read_text(encoding="utf-8")
    entries = []
    for line in text.splitlines():
        entry = line.strip()
        if entry and not entry.startswith("#"):
            entries.append(entry)
    return tuple(entries)


@dataclass(frozen=True)
class Vocabulary:
    given_names: frozenset[str]
    ambiguous_given: frozenset[str]
    names_that_are_words: frozenset[str]  # never matched in lower case
    stop_words: frozenset[str]
    nicknames: dict[str, frozenset[str]]  # a short form -> the given names it stands for, and back
    adult_relations: tuple[str, ...]
    child_relations: tuple[str, ...]
    kin_shortlist: frozenset[str]
    collective_relations: frozenset[str]
    subject_cues: tuple[str, ...]
    labels_child: tuple[str, ...]
    labels_adult: tuple[str, ...]
    professional_roles: tuple[str, ...]
    hard_words: frozenset[str]  # never a name
    form_words: frozenset[str]  # form vocabulary, trimmed even from strong evidence
    not_name_words: frozenset[str]  # hard + form + weak: trimmed from weak evidence
    strong_trim: frozenset[str]  # hard + form
    org_words: frozenset[str]
    strict_org_words: frozenset[str]
    street_suffixes: tuple[str, ...]
    header_name_cells: frozenset[str]
    header_dob_cells: frozenset[str]
    public_contacts: frozenset[str]  # compact: postcodes without spaces, phone numbers as digits
    functional_mailboxes: frozenset[str]
    case_reference_labels: tuple[str, ...]


def _nicknames() -> dict[str, frozenset[str]]:
    """`nicknames.txt` lines are "given: short, short"; both directions are returned."""
    pairs: dict[str, set[str]] = {}
    for line in read_list("nicknames.txt"):
        given, _, shorts = line.partition(":")
        given = given.strip().lower()
        for short in (s.strip().lower() for s in shorts.split(",")):
            if short:
                pairs.setdefault(given, set()).add(short)
                pairs.setdefault(short, set()).add(given)
    return {k: frozenset(v) for k, v in pairs.items()}


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # spaCy's list: maintained, no model needed

    return frozenset(STOP_WORDS)


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case English dictionary words (GCIDE, from the english-words package): a lower-case
    word not among them ("kowalczyk", "krisztina") may be a name written in lower case."""
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["gcide"], lower=True, alpha=True))


def name_like_lower(word: str) -> bool:
    """Could this lower-case word be a name? A known given name (not an ordinary word too), or
    a word no English dictionary or stop list has."""
    v = vocabulary()
    w = word.lower()
    if len(w) < 2 or w in v.stop_words or w in v.not_name_words or w in v.names_that_are_words:
        return False
    if w in v.given_names and w not in v.ambiguous_given:
        return True
    return w.isalpha() and not is_english(w)


def is_english(word: str) -> bool:
    """In the dictionary, itself or as an inflection: "looked", "placed", "referred", "babies"."""
    words = english_words()
    w = word.lower()
    stems = {w}
    for suffix, repl in (("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"),
                         ("ly", ""), ("er", ""), ("est", ""), ("ers", ""), ("ings", ""), ("’s", ""), ("'s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 2:
            stem = w[: len(w) - len(suffix)] + repl
            stems.add(stem)
            if len(stem) > 2 and stem[-1] == stem[-2]:
                stems.add(stem[:-1])  # "referred" -> "referr" -> "refer"
    # British spellings of a US dictionary: organisation, prioritising, colour
    stems |= {re.sub(r"is(?=(?:e|ed|es|ing|ation|ations|er|ers)$)", "iz", x) for x in stems}
    stems |= {x.replace("our", "or") for x in stems}
    return any(x in words for x in stems)


def compact_contact(text: str) -> str:
    """A postcode or phone number as a key: upper case, no spaces or punctuation; +44 as 0."""
    key = re.sub(r"[^0-9A-Za-z+]", "", text).upper()
    if key.startswith("+44"):
        key = "0" + key[3:]
    return key.replace("(0)", "")


def _public_contacts() -> frozenset[str]:
    """`public_contacts.txt` lines are "body: contact, contact"."""
    out = set()
    for line in read_list("public_contacts.txt"):
        _, _, contacts = line.partition(":")
        out |= {compact_contact(c) for c in contacts.split(",") if c.strip()}
    return frozenset(out)


def is_public_contact(text: str) -> bool:
    """A published postcode or phone number of a national public body (kept, never personal)."""
    return compact_contact(text) in vocabulary().public_contacts


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    adult = read_list("adult_relations.txt")
    child = read_list("child_relations.txt")
    hard = frozenset(read_list("hard_words.txt"))
    weak = frozenset(read_list("weak_words.txt"))
    # The last word of every relation ("carer" of "foster carer") is form vocabulary too.
    form = frozenset(read_list("form_words.txt")) | {r.split()[-1] for r in adult + child}
    return Vocabulary(
        given_names=frozenset(read_list("given_names.txt")),
        ambiguous_given=frozenset(read_list("ambiguous_given_names.txt")),
        names_that_are_words=frozenset(read_list("names_that_are_words.txt")),
        stop_words=_stop_words(),
        nicknames=_nicknames(),
        adult_relations=adult,
        child_relations=child,
        kin_shortlist=frozenset(read_list("kin_shortlist.txt")),
        collective_relations=frozenset(read_list("collective_relations.txt")),
        subject_cues=read_list("subject_cues.txt"),
        labels_child=read_list("labels_child.txt"),
        labels_adult=read_list("labels_adult.txt"),
        professional_roles=read_list("professional_roles.txt"),
        hard_words=hard,
        form_words=form,
        not_name_words=hard | form | weak,
        strong_trim=hard | form,
        org_words=frozenset(read_list("org_words.txt")),
        strict_org_words=frozenset(read_list("strict_org_words.txt")),
        street_suffixes=read_list("street_suffixes.txt"),
        header_name_cells=frozenset(read_list("header_name_cells.txt")),
        header_dob_cells=frozenset(read_list("header_dob_cells.txt")),
        public_contacts=_public_contacts(),
        functional_mailboxes=frozenset(read_list("functional_mailboxes.txt")),
        case_reference_labels=read_list("case_reference_labels.txt"),
    )
