"""Small text helpers shared by the fact readers: normalising, sentences, grade words."""

from __future__ import annotations

import re

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "−": "-", "\u00a0": " "})


def normal(text: str) -> str:
    """Whitespace collapsed, curly quotes and dashes made plain."""
    return " ".join(text.translate(_QUOTES).split())


def sentences(text: str) -> list[str]:
    """Sentences of a passage (a full stop followed by a capital, digit or quote starts a new one)."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(‘“])", " ".join(text.split()))
    return [p for p in parts if p]


# Grade words as reports print them -> the word the judgement history records (Data to Insight's).
GRADE_WORDS: tuple[tuple[str, str], ...] = (
    (r"requires?\s+improvement(?:\s+to\s+be\s+good)?|requiring\s+improvement(?:\s+to\s+be\s+good)?", "requires improvement"),
    (r"inadequate", "inadequate"),
    (r"outstanding", "outstanding"),
    (r"adequate", "adequate"),
    (r"good", "good"),
)
GRADE_RE = re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p, _ in GRADE_WORDS) + r")\b", re.I)
# The same, where the whole text is nothing but a grade (a table cell).
GRADE_ONLY_RE = re.compile(r"^\s*['‘\"]?(?:" + "|".join(f"(?:{p})" for p, _ in GRADE_WORDS) + r")['’\"]?\s*\.?\s*$", re.I)


def grade_of(words: str) -> str | None:
    """The recorded grade for a grade phrase ("Requires Improvement to be good" -> "requires improvement")."""
    text = " ".join(words.lower().split()).strip(" '‘’\".")
    for pattern, grade in GRADE_WORDS:
        if re.fullmatch(pattern, text):
            return grade
    return None


def grade_on_scale(grade: str, framework: str | None) -> bool:
    """Whether a grade belongs to the framework family's grade scale ("adequate" before November
    2013, "requires improvement" from the single inspection framework on): frameworks' data."""
    from frameworks.inspections import grade_on_scale as on_scale

    return on_scale(grade, framework)


NUMBER_WORDS: dict[str, int] = {
    w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split())
}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90})
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = "one two three four five six seven eight nine".split()
NUMBER_WORD_RE = re.compile(
    r"\b(?:(?:" + "|".join(_TENS) + r")[- ](?:" + "|".join(_UNITS) + r")|"
    + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")(?:\s+hundred)?\b", re.I)


def word_number(text: str) -> int | None:
    """"forty-one" -> 41, "sixty" -> 60, "two hundred" -> 200; None when not a number word."""
    words = text.lower().replace("-", " ").split()
    if not words:
        return None
    hundred = words[-1] == "hundred"
    if hundred:
        words = words[:-1]
    total = 0
    for word in words:
        if word not in NUMBER_WORDS:
            return None
        total += NUMBER_WORDS[word]
    return total * 100 if hundred else total
