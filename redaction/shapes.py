"""Text shapes several recognizers share: dates, name runs, whitespace, word lists as regex.

Nothing here decides what is personal data; recognizers combine these shapes with context.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

WS = r"[ \t]*(?:\r?\n[ \t]*)?"  # spaces, at most one line break (PDF wrapping)
SEP = r"(?:[ \t]+|[ \t]*\r?\n[ \t]*)"  # between the words of a name


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first; spaces match any whitespace."""
    ws = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", r"[\-\s]?") for w in ws)


# ---- dates --------------------------------------------------------------------------

MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DATE = (
    r"(?:\d{1,2}[ \t]*[/.\-][ \t]*\d{1,2}[ \t]*[/.\-][ \t]*(?:\d{4}|\d{2})(?![\d])"
    r"|\d{4}-\d{1,2}-\d{1,2}(?!\d)"
    r"|\d{1,2}(?:st|nd|rd|th)?" + WS + r"(?:of" + WS + r")?" + MONTHS + r",?" + WS + r"(?:\d{4}|['’]?\d{2})(?![\d:])"
    r"|" + MONTHS + WS + r"\d{1,2}(?:st|nd|rd|th)?,?" + WS + r"\d{4}"
    r"|" + MONTHS + r"[ \t]+\d{4})"
)
DATE_RE = re.compile(r"(?i)(?<![\w/])" + DATE + r"(?![\w/])")
# Words that say the date next to them is a date of birth (or an expected delivery date).
DOB_CUE = (
    r"(?:D\.?\s?O\.?\s?B\.?|date\s+of\s+birth|birth\s*date|birthdate|birthday|born(?:\s+on)?"
    r"|(?<![A-Za-z])b\.|(?<![A-Za-z])E\.?D\.?D\.?|expected\s+(?:date\s+of\s+)?delivery(?:\s+date)?|due\s+date|"
    r"due\s+(?:on|in))"
)

# ---- names --------------------------------------------------------------------------

UP = "A-ZÀ-ÖØ-ÞĀ-ſ"
LO = "a-zß-öø-ÿĀ-ſ"
# A capitalised name word: "Kelly", "McDonald", "O'Brien", "Smith-Jones", "Al-Hassan".
NAME_WORD = (
    r"(?:[" + UP + r"][" + LO + r"]*[" + UP + r"]?[" + LO + r"]+(?:['’][" + LO + r"]+)?"
    r"|[" + UP + r"]['’][" + UP + r"][" + LO + r"]+)(?:-[" + UP + r"][" + LO + UP + r"'’]+)*"
)
UPPER_WORD = r"(?:[A-ZÀ-ÖØ-Þ]{2,}|[A-Z]['’][A-Z]{2,})(?:-[A-ZÀ-ÖØ-Þ]{2,})*"
INITIALS = r"(?:[A-Z]\.?[ \t]+){0,2}"
PARTICLE = r"(?:de|da|di|del|della|van|von|der|den|bin|binti|ibn|al|el|le|la|ul|du|dos|das)"
NAME_RUN = (
    r"(?:(?<![\w.])" + INITIALS + NAME_WORD + r")(?:" + SEP + r"(?:" + PARTICLE + SEP + r")?(?:" + NAME_WORD + r")){0,3}"
)
UPPER_RUN = r"(?:" + UPPER_WORD + r")(?:" + SEP + r"(?:" + UPPER_WORD + r")){0,3}"
NAME_WORD_RE = re.compile(NAME_WORD)
NAME_RUN_RE = re.compile(NAME_RUN)
UPPER_RUN_RE = re.compile(r"(?<![A-Za-z])" + UPPER_RUN + r"(?![A-Za-z])")
FULL_NAME_RE = re.compile(r"(?:" + NAME_RUN + r"|" + UPPER_RUN + r")")
TOKEN_SPLIT_RE = re.compile(r"[ \t\r\n]+")


def norm_word(w: str) -> str:
    """A name word as a key: quotes and possessive off, UPPER CASE as Title Case."""
    w = w.strip().strip("'’").replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w.isupper() and len(w) > 1:
        parts = re.split(r"([-'])", w)
        w = "".join(p.capitalize() if p not in "-'" else p for p in parts)
    elif m := re.fullmatch(r"(Mc|Mac|O')([A-Z]{2,}(?:-[A-Z]{2,})*)", w):
        w = m.group(1) + norm_word(m.group(2))  # "McGRATH" is "McGrath"
    return w


def name_words(text: str) -> tuple[str, ...]:
    """The name words of a span, normalised, without particles and single letters."""
    out = []
    for raw in TOKEN_SPLIT_RE.split(text.strip()):
        if not raw:
            continue
        w = norm_word(raw.strip(",.;:()[]|"))
        if len(w) > 1 and re.fullmatch(PARTICLE, w) is None:
            out.append(w)
    return tuple(out)


def overlaps(spans: Iterable[tuple[int, int]], s: int, e: int) -> bool:
    return any(a < e and s < b for a, b in spans)
