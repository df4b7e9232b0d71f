"""Paths for console and report output, with personal data taken out of every component.

A folder named after a child ("Jayden Smith DOB 12.03.2015/referral.docx", "smith_jayden/")
is as personal as the file inside it. Every component of the path is read as one passage of a
personal record: separators between words (`_`, `-`, `.` between letters) count as spaces and
a component written all in lower case is read in title case, so the name rules and lists apply;
the placeholders then replace the same characters in the path as written.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from redaction.redactor import Redactor

_SEPARATOR_RE = re.compile(r"(?<=[A-Za-z])[_.\-+](?=[A-Za-z])|_")
_NAMEY_RE = re.compile(r"[A-Za-z]")


def _readable(component: str) -> str:
    """The same length as `component`: word separators as spaces, lower case as title case."""
    text = _SEPARATOR_RE.sub(" ", component)
    if text == text.lower():
        text = re.sub(r"[a-z][a-z'’]*", lambda m: m.group(0).capitalize(), text)
    return text


def redact_path(path: str, redactor: "Redactor | None" = None) -> str:
    """`path` with personal data in any folder or file name replaced by placeholders."""
    if not path:
        return path
    if redactor is None:
        from redaction import default_redactor

        redactor = default_redactor()
    if not redactor.enabled:
        return path
    pieces = re.split(r"([/\\]+)", str(path))
    positions = [i for i, piece in enumerate(pieces) if piece and not re.fullmatch(r"[/\\]+", piece) and _NAMEY_RE.search(piece)]
    if not positions:
        return path
    readable = [_readable(pieces[i]) for i in positions]
    findings = redactor.analyse(readable)
    for f in sorted(findings, key=lambda f: (f.passage, f.start), reverse=True):
        i = positions[f.passage]
        pieces[i] = pieces[i][:f.start] + f.placeholder + pieces[i][f.end:]
    return "".join(pieces)
