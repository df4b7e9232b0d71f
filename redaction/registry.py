"""The recognizer registry: every kind of personal data, in the order recognizers run.

Order matters: a span an earlier recognizer took cannot be taken by a later one (an NHS number
is not also a phone number). To add a kind of personal data, write a recognizer module in
`redaction/recognizers/` (see `base.py`) and list it here.
"""

from __future__ import annotations

from functools import lru_cache

from redaction.recognizers.address import (
    AddressBeforePostcodeRecognizer,
    CuedAddressRecognizer,
    StreetAddressRecognizer,
    StreetNameRecognizer,
)
from redaction.recognizers.base import PatternRecognizer
from redaction.recognizers.case_reference import CaseReferenceRecognizer
from redaction.recognizers.date_of_birth import DateOfBirthRecognizer
from redaction.recognizers.email import EmailRecognizer
from redaction.recognizers.ni_number import NiNumberRecognizer
from redaction.recognizers.nhs_number import NhsNumberRecognizer
from redaction.recognizers.phone import PhoneRecognizer
from redaction.recognizers.postcode import PostcodeRecognizer
from redaction.recognizers.upn import UpnRecognizer


@lru_cache(maxsize=1)
def pattern_recognizers() -> tuple[PatternRecognizer, ...]:
    """The pattern recognizers, each built once. People come after them (`PersonRecognizer`)."""
    return (
        EmailRecognizer(),
        NhsNumberRecognizer(),
        UpnRecognizer(),
        NiNumberRecognizer(),
        CaseReferenceRecognizer(),
        DateOfBirthRecognizer(),
        PhoneRecognizer(),
        StreetAddressRecognizer(),
        CuedAddressRecognizer(),
        AddressBeforePostcodeRecognizer(),
        StreetNameRecognizer(),
        PostcodeRecognizer(),
    )
