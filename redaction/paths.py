"""Paths for console and report output, with personal data taken out of every component.

A folder named after a child ("Kiera-Lee Dobson DOB 03.05.2016/minutes.docx", "dobson_kiera/")
is as personal as the file inside it. All components of a path are read together as one
personal record (so a surname seen in a folder is found in the file name too), with word
separators (`_`, and `-` or `.` between letters) read as spaces and file extensions left out.
Placeholders then replace the same characters in the path as written. A word joined to a name
found in a component ("dobson" in "dobson_kiera") goes with it, unless it is a word that is
never a name ("referral", "minutes").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from redaction.model import Finding
from redaction.vocabulary import vocabulary

if TYPE_CHECKING:
    from redaction.redactor import Redactor

_SEPARATOR_RE = re.compile(r"(?<=[A-Za-z])[.\-+](?=[A-Za-z])|_")
_EXTENSION_RE = re.compile(r"\.(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{1,5}$")  # ".docx", not ".2016"
_WORD_RE = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ'’]+")


def _readable(component: str) -> str:
    """The same length as `component`, word separators as spaces, its extension blanked."""
    ext = _EXTENSION_RE.search(component)
    stem_end = ext.start() if ext and ext.start() > 0 else len(component)
    return _SEPARATOR_RE.sub(" ", component[:stem_end]) + " " * (len(component) - stem_end)


def _widen(text: str, findings: list[Finding]) -> list[Finding]:
    """A person finding takes in the name-like words joined to it in a file or folder name."""
    v = vocabulary()
    out = []
    for f in findings:
        if f.category in ("CHILD", "ADULT"):
            start, end = f.start, f.end
            while (m := re.search(r"(" + _WORD_RE.pattern + r")[ ,]+$", text[:start])) and _joinable(m.group(1), v):
                start = m.start(1)
            while (m := re.match(r"[ ,]+(" + _WORD_RE.pattern + r")", text[end:])) and _joinable(m.group(1), v):
                end += m.end(1)
            f = Finding(f.passage, start, end, text[start:end], f.category, f.placeholder, f.source, f.person)
        out.append(f)
    return out


def _joinable(word: str, v) -> bool:  # type: ignore[no-untyped-def]
    low = word.lower().strip("'’")
    return len(low) > 1 and low not in v.not_name_words and low not in v.stop_words and low not in v.hard_words


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
    positions = [i for i, piece in enumerate(pieces) if piece and not re.fullmatch(r"[/\\]+", piece) and re.search(r"[A-Za-z0-9]", piece)]
    if not positions:
        return path
    readable = [_readable(pieces[i]) for i in positions]
    findings = redactor.analyse(readable)
    by_passage: dict[int, list[Finding]] = {}
    for f in findings:
        by_passage.setdefault(f.passage, []).append(f)
    for p, fs in by_passage.items():
        i = positions[p]
        for f in sorted(_widen(readable[p], fs), key=lambda f: f.start, reverse=True):
            pieces[i] = pieces[i][:f.start] + f.placeholder + pieces[i][f.end:]
    return "".join(pieces)
