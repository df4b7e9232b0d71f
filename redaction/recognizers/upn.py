"""Unique Pupil Numbers: a letter and twelve characters that pass the UPN check letter
(python-stdnum's `stdnum.gb.upn`), or any such shape labelled "UPN" / "pupil number"."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from stdnum.gb import upn

from redaction.model import Span

UPN_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][ \t]?\d{3}[ \t]?\d{4}[ \t]?\d{2}[ \t]?\d{2}[0-9A-Za-z](?![A-Za-z0-9])")
UPN_LABEL_RE = re.compile(r"(?i)\b(?:UPN|unique\s+pupil\s+(?:number|no\.?)|pupil\s+(?:number|no\.?))\s*(?:is|:|-|=)?\s*\(?\s*$")


def upn_valid(number: str) -> bool:
    return upn.is_valid(re.sub(r"\s", "", number).upper())


class UpnRecognizer:
    name = "unique pupil number"
    category = "UPN"
    records_only = False

    def find(self, text: str, found: Sequence[Span]) -> Iterator[tuple[int, int]]:
        for m in UPN_RE.finditer(text):
            if upn_valid(m.group(0)) or UPN_LABEL_RE.search(text[max(0, m.start() - 30):m.start()]):
                yield m.start(), m.end()
