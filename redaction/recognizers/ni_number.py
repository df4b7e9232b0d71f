"""National Insurance numbers by their shape (two prefix letters, six digits, a suffix letter)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from redaction.model import Span

NI_RE = re.compile(
    r"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b"
)


class NiNumberRecognizer:
    name = "national insurance number"
    category = "NI NUMBER"
    records_only = False

    def find(self, text: str, found: Sequence[Span]) -> Iterator[tuple[int, int]]:
        for m in NI_RE.finditer(text):
            yield m.start(), m.end()
