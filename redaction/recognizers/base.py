"""What a pattern recognizer is: one kind of personal data, found in one passage's text.

A recognizer yields candidate spans (start, end). The analyzer trims their edges, drops those
that overlap what an earlier recognizer in the registry already took, and labels them with the
recognizer's `category`. `found` is what earlier recognizers took in this passage, for
recognizers that build on it (a street before a postcode).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from redaction.model import Span


class PatternRecognizer(Protocol):
    name: str  # for the README and debugging
    category: str  # the placeholder's word: "[PHONE]"
    records_only: bool  # True: only in personal records (too eager for public reports)

    def find(self, text: str, found: Sequence[Span]) -> Iterator[tuple[int, int]]: ...

    # Optional: `kept_in_public(text) -> bool`, True when this passage's finds are a public body's
    # own details and the document is not a personal record (an address block of a council).


def preceded_by(pattern, text: str, start: int, window: int = 30) -> bool:  # noqa: ANN001 - a compiled regex
    """Does `pattern` (anchored with `$`) match just before `start`? Context words, Presidio-style."""
    return bool(pattern.search(text[max(0, start - window):start]))
