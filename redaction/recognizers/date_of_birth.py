"""Dates of birth: a date with a birth cue before it ("DOB", "born on", "EDD").

Other dates stay: they are evidence. Dates right after a family member's name, or in a table
row or column of a family, are dates of birth too; the person recognizer finds those.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from redaction.model import Span
from redaction.shapes import DATE, DOB_CUE

DOB_RE = re.compile(
    r"(?i)\b" + DOB_CUE + r"[\s:=\-–—(|,]*(?:(?:is|was|on|of)\s+)?(?:the\s+)?[\s:]*(" + DATE + r")"
    r"|(?i:\bborn\s+in)\s+((?:19|20)\d{2})\b"
)


class DateOfBirthRecognizer:
    name = "date of birth"
    category = "DOB"
    records_only = False

    def find(self, text: str, found: Sequence[Span]) -> Iterator[tuple[int, int]]:
        for m in DOB_RE.finditer(text):
            g = 1 if m.group(1) else 2
            yield m.start(g), m.end(g)
