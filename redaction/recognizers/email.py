"""Email addresses, also written out ("kelly.smith at gmail dot com").

Kept: functional mailboxes of organisations ("enquiries@ofsted.gov.uk", "mash@council.gov.uk"),
whose local part is made only of words in `data/functional_mailboxes.txt`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from redaction.model import Span
from redaction.vocabulary import vocabulary

EMAIL_RE = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+'-]*@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,24}(?![\w-])"
)
# "kelly [at] example.com", "kelly.smith at gmail dot com": a bracketed "at", or a spelt-out
# "dot" (so "available at www.gov.uk" is not an address).
_DOMAIN = r"(?:[a-z0-9-]+\s*(?:\[dot\]|\(dot\)|\sdot\s|\.)\s*)+(?:com|net|org|co\.uk|uk|gov|ac)\b"
EMAIL_SPELT_OUT_RE = re.compile(
    r"(?i)(?<![\w.])[a-z0-9][a-z0-9._%+-]*\s*(?:(?:\[at\]|\(at\))\s*" + _DOMAIN
    + r"|\sat\s+(?!www\.)(?=[a-z0-9.\s-]*(?:\[dot\]|\(dot\)|\sdot\s))" + _DOMAIN + r")"
)


def is_functional_mailbox(address: str) -> bool:
    local = address.split("@", 1)[0].lower()
    parts = [p for p in re.split(r"[._+\-0-9]+", local) if p]
    return bool(parts) and all(p in vocabulary().functional_mailboxes for p in parts)


class EmailRecognizer:
    name = "email"
    category = "EMAIL"
    records_only = False

    def find(self, text: str, found: Sequence[Span]) -> Iterator[tuple[int, int]]:
        for m in EMAIL_RE.finditer(text):
            if not is_functional_mailbox(m.group(0)):
                yield m.start(), m.end()
        for m in EMAIL_SPELT_OUT_RE.finditer(text):
            yield m.start(), m.end()
