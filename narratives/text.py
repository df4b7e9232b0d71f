"""Sentence handling for narratives: split, trim, compare, spot data points.

Nothing here writes new words. `trim` only removes what is printed around a sentence (a paragraph
label, a bullet, stray markup); `split_sentences` only cuts text at sentence boundaries.
"""

from __future__ import annotations

import re
from functools import lru_cache

# --------------------------------------------------------------------------- splitting

_ABBREVIATIONS = {
    "para", "paras", "e.g", "i.e", "eg", "ie", "no", "nos", "p", "pp", "mr", "mrs", "ms", "dr", "st",
    "cf", "etc", "fig", "vol", "approx", "incl", "vs", "v", "ref", "sect", "s", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "cllr", "prof", "rev",
}
_REGEX_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])")


@lru_cache(maxsize=1)
def _sentencizer():  # type: ignore[no-untyped-def]
    try:
        import spacy

        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return nlp
    except Exception:  # spaCy missing or broken: the regex splitter does the job
        return None


def _regex_split(text: str) -> list[str]:
    return [part for part in _REGEX_BOUNDARY.split(text) if part.strip()]


def split_sentences(text: str) -> list[str]:
    """Sentences of one passage, with abbreviation-caused breaks ("para. 4.2") mended."""
    text = " ".join(text.split())
    if not text:
        return []
    nlp = _sentencizer()
    if nlp is not None:
        try:
            pieces = [s.text.strip() for s in nlp(text).sents if s.text.strip()]
        except Exception:
            pieces = _regex_split(text)
    else:
        pieces = _regex_split(text)
    merged: list[str] = []
    for piece in pieces:
        if merged and _continues(merged[-1], piece):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged


def _continues(previous: str, piece: str) -> bool:
    """True when `piece` is the rest of `previous`, cut after an abbreviation or mid-number."""
    if not previous.endswith((".", "!", "?", '."', ".)")):
        return True  # the splitter cut without a full stop (e.g. at a semicolon or colon)
    last = previous.rstrip(".").split(" ")[-1].lower().strip("(")
    if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
        return True
    first = piece[:1]
    return bool(first) and (first.islower() or first in ",;:)")


# --------------------------------------------------------------------------- trimming

_LEADING_LABEL = re.compile(
    r"""^\s*(?:
        [-*\u2022\u2023\u25aa\u25cf\u2013\u2014>]+\s*             # bullets and quote marks
      | \*\*[A-Z]?\d+(?:\.\d+)*\*\*\s*                            # **R1** in Markdown
      | \(?[A-Z]{0,2}\d+(?:\.\d+)*[.)]?\s+(?![a-z%\s])        # 10.7  A9  R1  3.1.2  (4); not "22 per cent"
      | \([a-z]{1,3}\)\s*                                         # (b)  (iv)
      | [a-z][.)](?=\s)\s*                                        # a)  b.
    )""",
    re.VERBOSE,
)
_MARKUP = re.compile(r"\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)|`|^#+\s*")


def trim(sentence: str) -> str:
    """Drop a leading paragraph label, bullet or Markdown emphasis; nothing else changes."""
    text = " ".join(sentence.split())
    for _ in range(3):  # "- R1 **" style stacks
        new = _LEADING_LABEL.sub("", text, count=1)
        if new == text:
            break
        text = new
    text = _MARKUP.sub("", text).strip()
    if text.endswith((";", ",")):
        text = text[:-1].rstrip() + "."
    return text


def looks_like_sentence(text: str) -> bool:
    """A readable, self-standing sentence: capitalised, long enough, not a contents line."""
    words = text.split()
    if len(words) < 6 or len(words) > 70:
        return False
    if not (text[:1].isupper() or text[:1].isdigit() or text[:1] in "\"'("):
        return False
    if text.endswith("?") or text.endswith(":"):
        return False
    if "\t" in text or re.search(r"\.{4,}|https?://|www\.|Error! Bookmark|</?[a-z]+[\s>/]|\|", text):
        return False
    if text.isupper():
        return False
    letters = sum(ch.isalpha() for ch in text)
    return letters >= 0.6 * len(text.replace(" ", ""))


def word_count(text: str) -> int:
    return len(re.findall(r"[\w'’%£$.,-]+", text)) if text else 0


# --------------------------------------------------------------------------- comparing

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves there's it's we're they're been being within across upon
    per may might must shall us well still yet however therefore thus whilst""".split()
)
_WORD = re.compile(r"[a-z][a-z'’-]+|\d+(?:\.\d+)?%?")


def _stem(word: str) -> str:
    for suffix in ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ness", "edly", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> frozenset[str]:
    """Lower-cased, lightly stemmed words that carry meaning (numbers kept)."""
    words = _WORD.findall(text.lower())
    return frozenset(_stem(w.strip("'’-")) for w in words if w not in STOPWORDS and len(w) > 2 or w[:1].isdigit())


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set found in the larger: 1.0 when one sentence contains the other."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def near_duplicate(a: frozenset[str], b: frozenset[str]) -> bool:
    """Same point made twice: most words shared, or one sentence contained in the other."""
    return jaccard(a, b) >= 0.6 or (overlap(a, b) >= 0.85 and min(len(a), len(b)) >= 5)


# --------------------------------------------------------------------------- data points

_DATA_PATTERNS = [
    re.compile(r"\b\d+(?:\.\d+)?\s?(?:%|per\s?cent|percent)", re.I),  # 85%  12 per cent
    re.compile(r"\b\d+(?:\.\d+)?\s+(?:out\s+)?of\s+(?:the\s+)?\d+\b", re.I),  # 4 of 22
    re.compile(r"\b(?:ranked|ranking|rank)\s+\w*\s*\d+(?:st|nd|rd|th)?\b", re.I),
    re.compile(r"\b\d+(?:st|nd|rd|th)\s+(?:out\s+of|of|in|among|nationally|best|highest|lowest|place)\b", re.I),
    re.compile(r"\b(?:top|bottom|first|second|third|fourth)\s+quartile\b", re.I),
    re.compile(r"£\s?\d[\d,]*(?:\.\d+)?\s?(?:m|k|bn|million|thousand)?", re.I),
    re.compile(r"\b(?:from|down from|up from|increased from|reduced from|fell from|rose from)\s+\d[\d,.]*%?\s+(?:to|in)\s+\d", re.I),
]
_PLAIN_NUMBER = re.compile(r"(?<![\w./-])\d[\d,]*(?:\.\d+)?(?![\w./-]|\.\d)")
_YEARISH = re.compile(r"^(?:19|20)\d\d$")
_NUMBER_WORDS_AFTER = re.compile(
    r"^\s*(?:children|young|child|families|famil|cases|case|referrals|contacts|assessments|plans|"
    r"days|weeks|months|hours|working|visits|placements|carers|foster|social|staff|workers|audits|"
    r"care|looked|lac|cla|adoptions|homes|moves|schools|pupils|gcses|episodes|incidents|reviews|"
    r"conferences|more|fewer|less|new|additional|per|out|points|places|beds|times|percentage|"
    r"pupils|mothers|babies|practitioners|agencies|partners|vacancies|posts)",
    re.I,
)


def data_points(text: str) -> list[str]:
    """Figures, percentages and rankings stated in a sentence (years and labels are not data)."""
    found: list[tuple[int, int, str]] = []
    for pattern in _DATA_PATTERNS:
        for match in pattern.finditer(text):
            found.append((match.start(), match.end(), match.group(0).strip()))
    for match in _PLAIN_NUMBER.finditer(text):
        value = match.group(0)
        if _YEARISH.match(value.replace(",", "")):
            continue
        if any(s <= match.start() < e for s, e, _ in found):
            continue
        after = text[match.end() : match.end() + 20]
        if _NUMBER_WORDS_AFTER.match(after):
            found.append((match.start(), match.end(), f"{value} {after.split()[0]}"))
    found.sort()
    result: list[str] = []
    last_end = -1
    for start, end, value in found:
        if start >= last_end:
            result.append(value)
            last_end = end
    return result


def has_data(text: str) -> bool:
    return bool(data_points(text))
