"""UK postcodes by shape. Upper case as printed, or any case after an address or the word
"postcode" ("17 fern close, hucknall ng15 7pq").

Kept: the published postcodes of national public bodies' offices (`data/public_contacts.txt`,
such as Ofsted's M1 2WD printed on every report): no family lives at them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from redaction.model import Span
from redaction.vocabulary import is_public_contact

POSTCODE = (
    r"(?:GIR ?0AA|"
    r"(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|"
    r"[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])"
    r"[ \t]{0,2}(?:\r?\n)?[ \t]*[0-9][ABD-HJLNP-UW-Z]{2})"
)
POSTCODE_RE = re.compile(r"(?<![A-Za-z0-9])" + POSTCODE + r"(?![A-Za-z0-9])", re.IGNORECASE)
POSTCODE_LABEL_RE = re.compile(r"(?i)post\s*code")


class PostcodeRecognizer:
    name = "postcode"
    category = "POSTCODE"
    records_only = False

    @staticmethod
    def kept_in_public(text: str) -> bool:
        from redaction.recognizers.address import organisation_address

        return organisation_address(text)

    def find(self, text: str, found: Sequence[Span]) -> Iterator[tuple[int, int]]:
        for m in POSTCODE_RE.finditer(text):
            pc = m.group(0)
            # lower-case lookalikes need an address just before them, or a postcode label
            after_address = any(sp.category == "ADDRESS" and 0 <= m.start() - sp.end <= 3 for sp in found)
            if not pc.isupper() and not after_address and not POSTCODE_LABEL_RE.search(text[max(0, m.start() - 20):m.start()]):
                continue
            if is_public_contact(pc):
                continue
            yield m.start(), m.end()
