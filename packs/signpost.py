"""One line per item saying what it shows, from the item's tags (role, polarity, data, cues).

"Outcome (data): placement stability, below national average, 2025". Generated, and a lead may
rewrite any of them in `pack.yaml`.
"""

from __future__ import annotations

import re

from templates.text import ELLIPSIS, shorten

ROLE_WORDS = {
    "outcome": "Outcome",
    "judgement": "Judgement",
    "recommendation": "Recommendation",
    "process": "Process",
    "context": "Context",
}

_COMPARATOR = r"(above|below|better than|worse than|higher than|lower than|in line with|similar to|compared with|exceeds?|exceeding)"
_BENCHMARK = r"(the )?(national( average)?|england( average)?|statistical neighbours?|regional( average)?|comparators?|similar (councils|authorities))"
_COMPARE_RE = re.compile(rf"\b{_COMPARATOR}\s+{_BENCHMARK}", re.IGNORECASE)
_TREND_RE = re.compile(
    r"\b(improved|improving|increased|increasing|risen|rose|fallen|fell|reduced|reducing|declined|declining|"
    r"worsened|deteriorated|sustained|remains? (?:high|low|stable))\b",
    re.IGNORECASE,
)
_NUMBER_RE = re.compile(r"\b\d+(?:\.\d+)?\s?(?:%|per ?cent\b)", re.IGNORECASE)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def _canonical_comparison(match: re.Match[str]) -> str:
    text = " ".join(match.group(0).lower().split())
    text = re.sub(r"^(better than|higher than|exceeds?|exceeding)", "above", text)
    text = re.sub(r"^(worse than|lower than)", "below", text)
    text = re.sub(r"^similar to", "in line with", text)
    text = text.replace(" the ", " ")
    if text.endswith(" national") or text.endswith(" england"):
        text = text.rsplit(" ", 1)[0] + " national average"
    return text


_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9‘“'\"(])")
_LEADING_LABEL_RE = re.compile(r"^\s*(?:\(?[0-9]+(?:\.[0-9]+)*\)?\.?|[A-Z]{1,2}[0-9]+\.?|\([a-z]\))\s+")
_TOKEN_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’%.,/-]*")
_TRAILING = {"a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "by", "at", "from", "that", "which", "is", "are", "was", "were", "be", "has", "have", "had"}


def _sentences(text: str) -> list[str]:
    parts = [p.strip() for p in _SENTENCE_RE.split(" ".join(text.split())) if p.strip()]
    # A passage that starts mid-sentence (a PDF page break) leads with a fragment: skip it.
    if len(parts) > 1 and parts[0][:1].islower():
        parts = parts[1:]
    parts = [_LEADING_LABEL_RE.sub("", p) for p in parts]
    # Paragraph numbers printed in the flow ("... over time. 15. When it is ...") are not sentences.
    return [p for p in parts if len(re.findall(r"[A-Za-z]{2,}", p)) >= 3] or parts or [text]


def first_sentence(text: str, limit: int = 300) -> str:
    """The item's first whole sentence (a leading paragraph number and a fragment carried over
    from the previous page left out), cut at a word boundary when it is very long."""
    sentences = _sentences(text)
    return shorten(sentences[0] if sentences else text, limit)


def _gist(text: str, has_data: bool = False, words: int = 12) -> str:
    sentences = _sentences(text)
    chosen = sentences[0]
    if has_data:
        chosen = next((s for s in sentences if _NUMBER_RE.search(s) or re.search(r"\d", s)), chosen)
    gist = shorten(" ".join(t for t in (t.rstrip(".,") for t in _TOKEN_RE.findall(chosen)) if t), words=words)
    if gist.endswith(ELLIPSIS):  # a cut ends on a content word, not "of the…"
        cut = gist[: -len(ELLIPSIS)].split()
        while len(cut) > 3 and cut[-1].lower() in _TRAILING:
            cut.pop()
        gist = " ".join(cut) + ELLIPSIS
    return gist


# The tagger explains a tag with cues such as "cue: 'care leavers' (ilacs.cl.pathway)",
# "lexicon: 'members'" or "heading: 'front door'": the quoted phrase is the topic. Other entries say
# how a tag was decided (model probabilities, defaults, grades) and are never shown to a reader.
_QUOTED_RE = re.compile(r"['‘\"](.+?)['’\"]")
_NOT_A_TOPIC = re.compile(r"^\s*(?:model|grade|rules?|role|polarity|default|weak cues|boilerplate|qa/audit|p=)",
                          re.IGNORECASE)


def cue_phrase(cue: str) -> str | None:
    """The words a cue stands for ("cue: 'care leavers' (ilacs.cl.pathway)" -> "care leavers"); a plain
    phrase stays as it is; None for explanations that are not topics ("model: p=0.91", "default: ...")."""
    text = " ".join(str(cue).split()).strip()
    if not text or _NOT_A_TOPIC.match(text):
        return None
    quoted = _QUOTED_RE.search(text)
    if quoted:
        return quoted.group(1).strip() or None
    if ":" in text or "(" in text or "=" in text:
        return None  # some other explanation, never a cue string in a signpost
    return text


def _singular(phrase: str) -> str:
    words = phrase.lower().split()
    last = words[-1] if words else ""
    last = last[:-3] + "y" if last.endswith("ies") else last[:-1] if last.endswith("s") and not last.endswith("ss") else last
    return " ".join(words[:-1] + [last])


def _topics(cues: list[str], limit: int = 2) -> list[str]:
    """Up to `limit` phrases the item is about, in the order of the strongest tag's cues."""
    topics: list[str] = []
    for raw in cues:
        cue = cue_phrase(raw) or ""
        if not cue or any(_singular(cue) in _singular(t) or _singular(t) in _singular(cue) for t in topics):
            continue  # "chronologies and chronology" says one thing twice
        topics.append(cue)
        if len(topics) == limit:
            break
    return topics


def make_signpost(role: str, polarity: str, has_data: bool, cues: list[str], text: str, year: int | None) -> str:
    qualifiers = []
    if has_data:
        qualifiers.append("data")
    if polarity == "concern":
        qualifiers.append("concern")
    elif polarity == "strength":
        qualifiers.append("strength")
    head = ROLE_WORDS.get(role, role.capitalize() or "Evidence")
    if qualifiers:
        head += f" ({', '.join(qualifiers)})"

    parts: list[str] = []
    topics = _topics(cues)
    if topics:
        parts.append(" and ".join(topics))
    compare = _COMPARE_RE.search(text)
    if compare:
        parts.append(_canonical_comparison(compare))
    else:
        trend = _TREND_RE.search(text)
        if trend and topics:
            before = text[max(0, trend.start() - 12) : trend.start()].lower()
            negated = re.search(r"\b(not|not yet|never|no longer)\s+(been\s+)?$", before)
            parts.append(("not " if negated else "") + trend.group(0).lower())
    described = len(parts) > (1 if topics else 0)  # a comparison or trend says what it shows
    if not topics:
        parts.insert(0, _gist(text, has_data))
    elif has_data:
        number = _NUMBER_RE.search(text)
        if number:
            parts.append(" ".join(number.group(0).split()))
            described = True
    body = ", ".join(p for p in parts if p)
    if topics and not described:
        # a topic alone says what the item is about, not what it shows: add the passage's gist
        gist = _gist(text, has_data, words=10)
        gist = gist[0].lower() + gist[1:] if gist[1:2].islower() else gist
        head_words = gist.split()[: len(body.split())]
        if gist and [_singular(w) for w in head_words] == [_singular(w) for w in body.split()]:
            body = gist  # "chronologies were late" says the topic and what it shows at once
        elif gist and gist.lower() not in body.lower():
            body += " — " + gist
    line = f"{head}: {body}" if body else head
    if year:
        line += f", {year}"
    return line[0].upper() + line[1:]
