"""NHS numbers: ten digits that pass the NHS check digit (python-stdnum), or any ten digits
labelled "NHS number" (a mistyped number is still someone's)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from stdnum.gb import nhs

from redaction.model import Span

NHS_RE = re.compile(r"(?<![\d/.-])(\d{3})[ \t\-]?(?:\r?\n)?[ \t]?(\d{3})[ \t\-]?(?:\r?\n)?[ \t]?(\d{4})(?![\d/-])")
NHS_LABEL_RE = re.compile(r"(?i)\bNHS\s*(?:number|no\.?|num\.?|#|id)?\s*(?:is|:|-|=)?\s*\(?\s*$")
TEN_DIGITS_RE = re.compile(r"\d(?:[ \t\-]?\d){9}(?!\d)")


def nhs_number_valid(number: str) -> bool:
    """The NHS modulus-11 check (spaces and dashes ignored); ten equal digits are not a number."""
    digits = re.sub(r"\D", "", number)
    return len(digits) == 10 and len(set(digits)) > 1 and nhs.is_valid(digits)


class NhsNumberRecognizer:
    name = "nhs number"
    category = "NHS NUMBER"
    records_only = False

    def find(self, text: str, found: Sequence[Span]) -> Iterator[tuple[int, int]]:
        for m in NHS_RE.finditer(text):
            if nhs_number_valid(m.group(0)):
                yield m.start(), m.end()
        for m in TEN_DIGITS_RE.finditer(text):
            if NHS_LABEL_RE.search(text[max(0, m.start() - 30):m.start()]):
                yield m.start(), m.end()
