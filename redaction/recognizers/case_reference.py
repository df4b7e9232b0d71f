"""Case and child reference numbers after a label ("Case ref: 2025/00417", "LCS ID 1234567",
"Our ref: KS/CP/0117"). Labels live in `data/case_reference_labels.txt`."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from redaction.model import Span
from redaction.shapes import alternation
from redaction.vocabulary import vocabulary


@lru_cache(maxsize=1)
def case_reference_re() -> re.Pattern[str]:
    labels = alternation(vocabulary().case_reference_labels)
    return re.compile(
        r"(?i)(?<![\w])(?:" + labels + r")\.?(?:\s*(?:no\.?|number|#))?\s*[:.#=\-–]?\s*"
        r"(?P<ref>(?=[A-Z0-9/\-]*\d)[A-Z0-9][A-Z0-9/\-]{2,24}[A-Z0-9])(?![\w/])"
    )


class CaseReferenceRecognizer:
    name = "case reference"
    category = "CASE REFERENCE"
    records_only = False

    def find(self, text: str, found: Sequence[Span]) -> Iterator[tuple[int, int]]:
        for m in case_reference_re().finditer(text):
            yield m.start("ref"), m.end("ref")
