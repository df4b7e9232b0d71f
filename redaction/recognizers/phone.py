"""Telephone numbers: UK numbers validated by `phonenumbers`, international numbers, and short
local numbers after a phone label ("Tel: 273 456").

Kept: numbers only organisations have (freephone 0800, 03xx and 084x/087x non-geographic,
premium rate), such as a regulator's helpline printed in its reports, and the published numbers
in `data/public_contacts.txt`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType

from redaction.model import Span
from redaction.shapes import DATE_RE
from redaction.vocabulary import is_public_contact

# +44 / 0044 / 0, then 9-10 more digits, with spaces, dashes, dots or brackets (and a PDF line
# break) between groups.
UK_PHONE_RE = re.compile(
    r"(?<![\w+/])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(0|0)"
    r"\d(?:[ \t\-.)/]{0,3}(?:\r?\n)?[ \t]*\d){7,11}(?![\d])"
)
INTERNATIONAL_RE = re.compile(r"(?<![\w+])\+(?!44)\d{1,3}(?:[ \t\-.]?\(?\d{1,5}\)?){2,6}(?![\d])")
PHONE_LABEL_RE = re.compile(
    r"(?i)\b(?:tel(?:ephone)?|phone|mob(?:ile)?|mob\.|contact(?:\s+(?:number|no\.?|tel(?:ephone)?))?|"
    r"landline|number|no\.|call(?:ed)?|text(?:ed)?|whatsapp)\b[\s:.#-]*$"
)
LABELLED_LOCAL_RE = re.compile(
    r"(?i)\b(?:tel(?:ephone)?|phone|mob(?:ile)?|landline)\b(?:\s*(?:no\.?|number))?[\s:.#-]*((?:\+?\d[\d \t\-()]{4,16}\d))"
)
ORGANISATION_TYPES = {PhoneNumberType.TOLL_FREE, PhoneNumberType.UAN, PhoneNumberType.SHARED_COST,
                      PhoneNumberType.PREMIUM_RATE}


def _parse(raw: str) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(re.sub(r"\s+", " ", raw), "GB")
    except NumberParseException:
        return None


def organisation_number(raw: str) -> bool:
    """A number of a kind no family has: freephone, 03xx, shared cost, premium rate."""
    if is_public_contact(raw):
        return True
    number = _parse(raw)
    return number is not None and phonenumbers.number_type(number) in ORGANISATION_TYPES


def possible_uk_number(raw: str) -> bool:
    """Long enough to be a whole UK number (not only a local one), and not a date."""
    number = _parse(raw)
    if number is None or DATE_RE.fullmatch(raw.strip()):
        return False
    return phonenumbers.is_possible_number_with_reason(number) == phonenumbers.ValidationResult.IS_POSSIBLE


class PhoneRecognizer:
    name = "phone"
    category = "PHONE"
    records_only = False

    def find(self, text: str, found: Sequence[Span]) -> Iterator[tuple[int, int]]:
        for m in UK_PHONE_RE.finditer(text):
            raw = m.group(0)
            if organisation_number(raw):
                continue
            digits = sum(c.isdigit() for c in raw)
            if possible_uk_number(raw):
                yield m.start(), m.end()
            elif 6 <= digits <= 11 and PHONE_LABEL_RE.search(text[max(0, m.start() - 25):m.start()]):
                yield m.start(), m.end()
        for m in INTERNATIONAL_RE.finditer(text):
            if 8 <= sum(c.isdigit() for c in m.group(0)) <= 15:
                yield m.start(), m.end()
        for m in LABELLED_LOCAL_RE.finditer(text):
            if sum(c.isdigit() for c in m.group(1)) >= 6 and not organisation_number(m.group(1)):
                yield m.start(1), m.end(1)
