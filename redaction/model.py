"""What recognizers report: spans of personal data, and findings with their placeholders."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Every placeholder the anonymizer writes. Text already holding one is not redacted again.
PLACEHOLDER_RE = re.compile(
    r"\[(?:CHILD|ADULT|PERSON|PROFESSIONAL)(?: [A-Z]{1,3})?\]|"
    r"\[(?:DOB|ADDRESS|POSTCODE|PHONE|EMAIL|NHS NUMBER|NI NUMBER|UPN|CASE REFERENCE|NAME|REDACTED)\]"
)
PERSON_CATEGORIES = ("CHILD", "ADULT", "PROFESSIONAL")


@dataclass(frozen=True)
class Span:
    """One recognizer result in one passage: characters start..end are `category`."""

    start: int
    end: int
    category: str


@dataclass
class Finding:
    """One piece of personal data found in a document's passage, with what replaces it.

    `person` is the resolved person's number within the document (people only), so the
    anonymizer gives every mention of one person the same placeholder.
    """

    passage: int
    start: int
    end: int
    text: str
    category: str  # CHILD ADULT PROFESSIONAL DOB ADDRESS POSTCODE PHONE EMAIL NHS NUMBER NI NUMBER UPN CASE REFERENCE
    placeholder: str
    source: str = "pattern"  # pattern | rule | honorific | gazetteer | verb | ner | propagation
    person: int | None = None

    def __repr__(self) -> str:  # never print the personal data itself by accident in logs
        return f"Finding({self.passage}:{self.start}-{self.end} {self.category} {self.placeholder} via {self.source})"
