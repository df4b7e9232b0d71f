"""The anonymizer: operators turn findings into placeholders, and texts are rewritten.

Operators (Presidio's word), one per kind of finding:
- `category_placeholder`: "[PHONE]", "[DOB]", "[PROFESSIONAL]" ...
- `PersonPlaceholders`: the same person gets the same placeholder throughout a document,
  lettered in order of first appearance: "[CHILD A]", "[ADULT B]", ... "[CHILD AA]".
"""

from __future__ import annotations

from collections.abc import Sequence

from redaction.model import Finding


def letters(n: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    s = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def category_placeholder(finding: Finding) -> str:
    return f"[{finding.category}]"


class PersonPlaceholders:
    """One document's people: person number -> "[CHILD A]" (letters follow first appearance)."""

    def __call__(self, finding: Finding) -> str:
        assert finding.person is not None
        return f"[{finding.category} {letters(finding.person)}]"


def apply_operators(findings: list[Finding]) -> list[Finding]:
    person = PersonPlaceholders()
    for f in findings:
        f.placeholder = person(f) if f.person is not None else (f.placeholder or category_placeholder(f))
    return findings


def anonymize(texts: Sequence[str], findings: list[Finding]) -> list[str]:
    by_passage: dict[int, list[Finding]] = {}
    for f in findings:
        by_passage.setdefault(f.passage, []).append(f)
    out = []
    for p, text in enumerate(texts):
        text = text if isinstance(text, str) else ("" if text is None else str(text))
        for f in sorted(by_passage.get(p, []), key=lambda f: f.start, reverse=True):
            text = text[:f.start] + f.placeholder + text[f.end:]
        out.append(text)
    return out
