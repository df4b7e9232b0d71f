"""A small shared vocabulary of practice themes, so "Supervision skills" in a 2013 audit report,
"Supervision" in a 2018 table and a `supervision` score column are recognised as one theme.

Anything that matches no entry keeps its own (normalised) name, so exact repeats still count.
Councils can extend the vocabulary with `extra` in the mapping file or by editing this list.
"""

from __future__ import annotations

import re

# Order matters only for ties: the earliest match in the text wins, then the first entry here.
VOCABULARY: list[tuple[str, str]] = [
    ("management oversight", r"management (?:oversight|decision|grip|accountability|actions?)|manager(?:s'?|ial)? (?:oversight|decisions?)|oversight by (?:team )?managers|decision[- ]making"),
    ("supervision", r"supervis"),
    ("pathway planning", r"pathway plan|care leaver|personal advis"),
    ("permanence", r"permanen"),
    ("chronologies", r"chronolog"),
    ("recording", r"\brecord(?:ing|s| keeping)\b|record[- ]keeping|case (?:records?|notes|summar\w*|files?)|pen pictures?"),
    ("eligibility and thresholds", r"eligib|threshold|repeat referral|right service|step[- ](?:up|down)"),
    ("assessment and analysis", r"analys|assess|enquir"),
    ("interagency working", r"inter-?agency|multi[- ]?agency|partner(?:ship)? working|information sharing|professional challenge|lead agency"),
    ("voice of the child", r"voice of (?:the )?child|wishes and feelings|lived experience|direct work|seen alone|child'?s views|child'?s voice"),
    ("visits", r"\bvisits?\b|visiting"),
    ("planning", r"\bplans?\b|planning|smart\b"),
    ("compliance and timeliness", r"complian|timel|timescale|overdue|delay|drift"),
    ("quality assurance", r"quality assurance|performance management"),
    ("health", r"health assessment|health needs"),
    ("exploitation", r"exploitation|\bcse\b|\bcce\b"),
]
_COMPILED = [(name, re.compile(pattern, re.I)) for name, pattern in VOCABULARY]
_LEADING = re.compile(r"^(?:lack of|poor|inconsistent|quality of( the)?|the|our|improving|improved|effective|good)\s+", re.I)


def canonical(text: str, fallback: bool = True) -> str | None:
    """The vocabulary theme that `text` names (earliest match wins); else its own short name."""
    text = text.replace("_", " ")
    best: tuple[int, int, str] | None = None
    for index, (name, pattern) in enumerate(_COMPILED):
        m = pattern.search(text)
        if m and (best is None or (m.start(), index) < best[:2]):
            best = (m.start(), index, name)
    if best:
        return best[2]
    if not fallback:
        return None
    name = " ".join(re.sub(r"[^a-z0-9' ]+", " ", text.lower().replace("_", " ")).split())
    previous = None
    while previous != name:
        previous, name = name, _LEADING.sub("", name)
    return name or None


def all_themes(text: str) -> list[str]:
    return [name for name, pattern in _COMPILED if pattern.search(text)]
