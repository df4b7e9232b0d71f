"""Addresses: street lines, "lives at ..." phrases, and the lines before a postcode.

Four recognizers, in registry order:
- `StreetAddressRecognizer`: a house or flat number, up to four capitalised words and a street
  word from `data/street_suffixes.txt` ("22 Mill Lane", "Flat 4b, 22 Mill Lane"), with the
  town and county that follow up to a postcode.
- `CuedAddressRecognizer`: what follows "address:", "lives at", "moved to" up to a postcode,
  line end or sentence end (a bare town after "lives in" is not an address).
- `AddressBeforePostcodeRecognizer`: from a house number to an upper-case postcode.
- `StreetNameRecognizer` (personal records only): a street with no number before it
  ("Elm Road", "elm road" after "lives at"), since a house number is sometimes printed apart,
  or read as a paragraph label.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from redaction.model import PLACEHOLDER_RE, Span
from redaction.recognizers.postcode import POSTCODE, POSTCODE_RE
from redaction.shapes import DATE_RE, MONTHS, WS
from redaction.vocabulary import vocabulary


def _street_words() -> str:
    return "|".join(sorted(set(vocabulary().street_suffixes), key=len, reverse=True))


_STREET_WORD = r"(?:[A-Z][A-Za-z'’\-]+|[A-Z]\.?|St\.?|de|la|le|of|the|upon|on|by)"
_FLAT = r"(?i:\b(?:flat|apartment|apt\.?|unit|room|maisonette|studio)\s*(?:no\.?\s*)?)"


def _street_address_re() -> re.Pattern[str]:
    return re.compile(
        r"(?:" + _FLAT + r"\d+[A-Za-z]?"
        r"(?:[ \t]*,?[ \t]*(?:[A-Z][A-Za-z'’\-]+[ \t]+){1,3}(?i:house|court|lodge|tower|towers|"
        r"heights|mansions|point|block|buildings|hall|place|view|apartments))?[ \t]*,?" + WS + r")?"
        r"(?<![\w/.£$])\d{1,4}[A-Za-z]?(?:[ \t]*[-–/][ \t]*\d{1,4}[A-Za-z]?)?,?" + WS +
        r"(?:" + _STREET_WORD + r"[ \t]+(?:\r?\n[ \t]*)?){0,3}(?:[A-Z][A-Za-z'’\-]+[ \t]+(?:\r?\n[ \t]*)?)?"
        r"(?:" + _street_words() + r")\b\.?"
        r"|(?i:\b(?:flat|apartment|apt\.?|maisonette)\s*(?:no\.?\s*)?)\d+[A-Za-z]?\b"
        r"(?:[ \t]*,?[ \t]*(?:[A-Z][A-Za-z'’\-]+[ \t]+){1,3}(?:[A-Z][a-z]+))?"
    )


# ", Town[, County]" up to a postcode: part of the address before it.
_TOWN_TO_POSTCODE_RE = re.compile(
    r"(?:,?[ \t]*(?:\r?\n[ \t]*)?[A-Z][A-Za-z'’\-]+(?:[ \t]+(?:upon|on|under|le|in|by|the|[A-Z][A-Za-z'’\-]+)){0,3}){1,3}"
    r",?[ \t]*(?:\r?\n[ \t]*)?(?=" + POSTCODE + r"(?![A-Za-z0-9]))"
)
ADDRESS_CUE_RE = re.compile(
    r"(?i)\b(?:(?:home|current|previous|new|old|last|known|temporary|placement|family|"
    r"correspondence|postal|registered)\s+)?(?:address(?:es)?(?:\s+is\b|\s+was\b|\s*[:\-–|])"
    r"|(?:lives|living|live|lived|resides|residing|resident|reside|staying|stays|stayed|"
    r"moved|moving|move|relocated|placed|housed|rehoused|located)\s+(?:at|to|in|on)"
    r"(?:\s+(?:the\s+)?(?:property|address|flat|house|home)\s+(?:at|in))?)[ \t]*"
)
_CUE_STOP_RE = re.compile(r"(?:\.(?:\s|$)|;|\n\s*\n|\s(?:with|where|since|until|and\s+(?:is|was|has|attends))\s|\(|$)")


# An organisation's address block: "Wiltshire Council County Hall Bythesea Road Trowbridge BA14 8JN".
ORGANISATION_ADDRESS_RE = re.compile(
    r"\b(?:Council|County Hall|Civic Centre|Civic Offices|Town Hall|Guildhall|Council Offices|Shire Hall|"
    r"Ofsted|Department for Education|Local Authority|Children'?s Services|NHS Trust)\b"
)


def organisation_address(text: str) -> bool:
    """In a public document, the address in a passage naming a council or public body is that
    body's (a personal record's addresses are never exempt)."""
    return bool(ORGANISATION_ADDRESS_RE.search(text))


class StreetAddressRecognizer:
    name = "street address"
    category = "ADDRESS"
    records_only = False
    kept_in_public = staticmethod(organisation_address)

    def __init__(self) -> None:
        self.pattern = _street_address_re()

    def find(self, text: str, found: Sequence[Span]) -> Iterator[tuple[int, int]]:
        for m in self.pattern.finditer(text):
            s, e = m.start(), m.end()
            if re.search(r"\d[ \t\-]?$", text[max(0, s - 2):s]):
                continue  # "0300 123 1231 Piccadilly Gate": the end of a phone number, not a house number
            tail = _TOWN_TO_POSTCODE_RE.match(text[e:e + 120])
            if tail:
                e += len(tail.group(0).rstrip(" \t\r\n,"))
            yield s, e


class CuedAddressRecognizer:
    name = "address after a cue"
    category = "ADDRESS"
    records_only = False
    kept_in_public = staticmethod(organisation_address)

    def __init__(self) -> None:
        self.street_words = re.compile(r"\b(?:" + _street_words() + r")\b")

    def find(self, text: str, found: Sequence[Span]) -> Iterator[tuple[int, int]]:
        for m in ADDRESS_CUE_RE.finditer(text):
            rest = text[m.end():m.end() + 160]
            if not rest or rest[0] in ".;" or PLACEHOLDER_RE.match(rest):
                continue
            pc = POSTCODE_RE.search(rest)
            stop = _CUE_STOP_RE.search(rest)
            end_rel = stop.start() if stop else len(rest)
            if pc and pc.start() <= end_rel + 1:
                end_rel = pc.start()
            chunk = rest[:end_rel]
            labelled = bool(re.search(r"(?i)address", m.group(0)))
            if not chunk.strip():
                continue
            if labelled and not re.search(r"[A-Za-z0-9]", chunk):
                continue
            if not labelled and not self._looks_like_address(chunk, pc is not None):
                continue  # "lives in Kington": a town on its own is not an address
            yield m.end(), m.end() + len(chunk.rstrip(" ,"))

    def _looks_like_address(self, chunk: str, postcode: bool) -> bool:
        if DATE_RE.match(chunk.strip()) or re.match(r"(?i)\s*(?:" + MONTHS + r"|(?:19|20)\d{2}\b)", chunk):
            return False  # "went live in April 2019", "placed on 30 September 2014"
        if re.fullmatch(r"\s*\d{1,3}\s*", chunk):
            return False  # "semi-independent living at 18": an age
        starts_well = re.match(r"\s*(?:the\s+)?(?:[A-Z0-9]|(?i:flat|apartment|unit|room)\b)", chunk)
        # "lives at 12 elm road": a house number then words is an address in any case
        if re.match(r"\s*\d{1,4}[A-Za-z]?,?\s+[A-Za-z]", chunk):
            return True
        return bool(starts_well and (re.search(r"\b\d{1,4}[A-Za-z]?\b", chunk) or self.street_words.search(chunk) or postcode))


class AddressBeforePostcodeRecognizer:
    """"5 Acacia Kingsway, Leeds LS2 7EQ": from a house number to a postcode is an address."""

    name = "address before a postcode"
    category = "ADDRESS"
    records_only = False
    kept_in_public = staticmethod(organisation_address)

    _HOUSE_RE = re.compile(
        r"(?i:\b(?:flat|apartment|apt|unit|room)\s*\d+[A-Za-z]?\b|(?<![\w/.£$])\d{1,4}[A-Za-z]?(?:\s*[-–]\s*\d{1,4})?\b),?"
        r"[ \t]*(?:\r?\n[ \t]*)?[A-Z][A-Za-z'’\-]+"
    )

    def find(self, text: str, found: Sequence[Span]) -> Iterator[tuple[int, int]]:
        for m in POSTCODE_RE.finditer(text):
            if not m.group(0).isupper():
                continue
            ps = m.start()
            if any(sp.start <= ps <= sp.end + 3 and sp.category == "ADDRESS" for sp in found):
                continue
            lo = ps
            while (lo > 0 and ps - lo < 120 and re.match(r"[\w ,'’.\-\t/\n]", text[lo - 1])
                   and not re.match(r"\.\s", text[lo - 1:lo + 1]) and text[lo - 2:lo] != "\n\n"):
                lo -= 1
            hm = self._HOUSE_RE.search(text[lo:ps])
            if hm:
                a, b = lo + hm.start(), ps
                while b > a and text[b - 1] in " ,\t\r\n":
                    b -= 1
                yield a, b


class StreetNameRecognizer:
    """A street name on its own, in personal records: "Elm Road", "Mill Lane, Leominster".

    Only unambiguous street words count here ("Road", "Street", "Lane"...; not "Park", "Green"
    or "Court", which name services and courts too).
    """

    name = "street name"
    category = "ADDRESS"
    records_only = True
    STREET_WORDS = ("Road", "Rd", "Street", "Lane", "Avenue", "Ave", "Close", "Drive", "Crescent",
                    "Terrace", "Gardens", "Grove", "Mews", "Walk", "Parade", "Boulevard", "Wharf")

    def __init__(self) -> None:
        words = "|".join(self.STREET_WORDS)
        self.capitalised = re.compile(r"(?<![\w'’])(?:[A-Z][A-Za-z'’\-]+[ \t]+){1,3}(?:" + words + r")\b\.?")
        self.after_cue = re.compile(
            r"(?i)\b(?:lives|living|lived|resides|staying|moved|address(?:\s+is)?)\s+(?:at|to|in|on|:)?\s*"
            r"(?:\d{1,4}[a-z]?,?\s+)?((?:[a-z][a-z'’\-]+\s+){1,3}(?:" + words + r"))\b"
        )

    def find(self, text: str, found: Sequence[Span]) -> Iterator[tuple[int, int]]:
        v = vocabulary()
        for m in self.capitalised.finditer(text):
            words = [w.lower() for w in m.group(0).split()[:-1]]
            # "Staying Close", "The Close", "Children's Services Road map": not streets
            if any(w in v.strict_org_words or w in v.not_name_words or w in v.stop_words or w.endswith("ing") for w in words):
                continue
            yield m.start(), m.end()
        for m in self.after_cue.finditer(text):
            yield m.start(1), m.end(1)


