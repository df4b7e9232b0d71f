"""Pure rule functions shared by the spaCy components (text in, decision plus cues out).

Kept free of pipeline state so each rule can be tested and explained on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from tagging import lexicon as lx

# ---------------------------------------------------------------------------------------------
# phrase scanning


@dataclass(frozen=True)
class Hit:
    phrase: str
    weight: float
    start: int
    end: int


@lru_cache(maxsize=64)
def _compile(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for a phrase list, built as a trie so matching does not try every phrase at
    every position (a plain alternation of hundreds of phrases is the tagger's hot spot).

    Longest match first, as a plain alternation sorted by length would give: at each trie node the
    longer continuations are tried before stopping.
    """
    trie: dict = {}
    for phrase in set(p.lower() for p in phrases):
        if not phrase:
            continue
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = True  # end of a phrase
    return re.compile(_trie_regex(trie, first=True), re.IGNORECASE)


def _trie_regex(node: dict, first: bool = False) -> str:
    branches = []
    for char in sorted((c for c in node if c), key=lambda c: -_depth(node[c])):
        child = node[char]
        if char == " ":
            piece = r"\s+"
        else:
            piece = re.escape(char)
            if first and char.isalnum():
                piece = r"(?<![\w])" + piece
        branches.append(piece + _trie_regex(child))
    if "" in node:
        # A phrase may end here: it must not run on into a word character when it ends in one.
        return "(?:" + "|".join(branches + [_END]) + ")" if branches else _END
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


# The end of a phrase: after a letter or digit, no further word character (checked with a
# lookbehind on the last character so phrases ending in punctuation need no boundary).
_END = r"(?:(?<=[^\w])|(?![\w]))"


def _depth(node: dict) -> int:
    return 1 + max((_depth(child) for key, child in node.items() if key), default=0)


_TOKEN_RE = re.compile(r"\w+|[^\w\s]")
_SPACES_RE = re.compile(r"\s+")
Entry = tuple[tuple[str, ...], str, float]  # a phrase's tokens, the phrase, its weight


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[list[str], list[int], list[int], dict[str, list[int]]]:
    """Lower-case word and punctuation tokens of a text with their offsets, and where each word
    occurs (each text is scanned by a dozen phrase lists: tokenised once)."""
    matches = list(_TOKEN_RE.finditer(text))
    words = [match.group(0).lower() for match in matches]
    starts = [match.start() for match in matches]
    ends = [match.end() for match in matches]
    where: dict[str, list[int]] = {}
    for position, word in enumerate(words):
        where.setdefault(word, []).append(position)
    return words, starts, ends, where


_INDEXES: dict[int, tuple[dict[str, float], dict[str, list[Entry]]]] = {}


def _index(lexicon: dict[str, float]) -> dict[str, list[Entry]]:
    """A phrase list indexed by first token, longest phrases first. Found by the list's identity:
    phrase lists are built once, with the pipeline, and scanned for every passage, so hashing their
    items on every call cost more than the scan itself. The cache keeps each list alive, so an id
    is never reused while cached."""
    cached = _INDEXES.get(id(lexicon))
    if cached is not None and cached[0] is lexicon:
        return cached[1]
    lowered: dict[str, float] = {}
    for phrase, weight in lexicon.items():
        lowered[phrase.lower()] = weight
    index: dict[str, list[Entry]] = {}
    for phrase, weight in lowered.items():
        tokens = tuple(_TOKEN_RE.findall(phrase))  # a trailing space is checked when matching
        if tokens:
            index.setdefault(tokens[0], []).append((tokens, phrase, weight))
    for entries in index.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    if len(_INDEXES) >= 256:  # lists built on the fly come and go: keep the cache bounded
        _INDEXES.clear()
    _INDEXES[id(lexicon)] = (lexicon, index)
    return index


def scan(text: str, lexicon: dict[str, float]) -> list[Hit]:
    """Non-overlapping, longest-first matches of a weighted phrase list.

    A phrase matches whole tokens (so "plan" never matches inside "plans"), case-insensitively, with
    any run of white space where the phrase has a space. Token lookups replace one large regex per
    list: the same matches at a fraction of the cost.
    """
    if not lexicon:
        return []
    index = _index(lexicon)
    words, starts, ends, where = _tokens(text)
    hits: list[Hit] = []
    n = len(words)
    free = 0  # the first token not inside a phrase already found
    # only the positions of words that start a phrase of this list (most words start none)
    for i in sorted(i for word, at in where.items() if word in index for i in at):
        if i < free:
            continue
        for tokens, phrase, weight in index[words[i]]:
            size = len(tokens)
            if i + size <= n and tuple(words[i:i + size]) == tokens:
                start, end = starts[i], ends[i + size - 1]
                if phrase.endswith(" "):  # "dear ": the word and the space after it
                    space = _SPACES_RE.match(text, end)
                    if space is None:
                        continue
                    end = space.end()
                if _SPACES_RE.sub(" ", text[start:end].lower()) == phrase:  # spacing as the phrase has it
                    hits.append(Hit(phrase, weight, start, end))
                    free = i + size
                    break
    return hits


def total(hits: Iterable[Hit], cap_each: int = 2) -> float:
    seen: dict[str, int] = {}
    score = 0.0
    for hit in hits:
        seen[hit.phrase] = seen.get(hit.phrase, 0) + 1
        if seen[hit.phrase] <= cap_each:
            score += hit.weight
    return score


def quote(hit: Hit | str) -> str:
    return f"'{hit.phrase if isinstance(hit, Hit) else hit}'"


# ---------------------------------------------------------------------------------------------
# printed labels and structure

LABEL_RE = re.compile(
    r"^\s*(?:(?P<ra>[RA]\d{1,3})\**|(?P<num>\d{1,2}(?:\.\d{1,2}){1,3})\.?|(?P<int>\d{1,3})\.?(?=\s+(?:[A-Z#|(\"'‘]|$))|"
    r"(?P<roman>(?:i{1,3}|iv|v|vi{1,3}|ix|x)\.)|(?P<alpha>[a-z]\)|[a-z]\.|\([a-z]\)))(?=\s|$)",
)
ACTION_ID_RE = re.compile(r"(?<![\w.])(?P<id>[RA]\d{1,3})\b\**")


def split_label(text: str) -> tuple[str | None, str]:
    """Split a printed paragraph label ("R1**", "10.8.3", "12", "iv.") off the front of a text."""
    match = LABEL_RE.match(text)
    if not match:
        return None, text
    label = next(g for g in match.groupdict().values() if g)
    rest = text[match.end():].lstrip(" *|:-–")
    return label.rstrip("."), rest


MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
DATE_RE = re.compile(
    rf"\b(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<month>{MONTHS})\.?\s+(?P<year>(?:19|20)\d\d)\b"
    rf"|\b(?P<year2>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_MONTH_NUM = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}


def find_date(text: str) -> str | None:
    """First date in a text as ISO (yyyy-mm or yyyy), else None."""
    for match in DATE_RE.finditer(text):
        if match.group("month"):
            month = match.group("month").lower()
            number = next((n for name, n in _MONTH_NUM.items() if name.startswith(month[:3])), None)
            if number:
                return f"{match.group('year')}-{number:02d}"
        if match.group("year2"):
            return match.group("year2")
    return None


# ---------------------------------------------------------------------------------------------
# has_data

_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
NUMBER_WORDS = (  # compounds first: "sixty-four" is one number, not "sixty" and a stray "-four"
    f"(?:{_TENS})-(?:one|two|three|four|five|six|seven|eight|nine)|"
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    f"sixteen|seventeen|eighteen|nineteen|{_TENS}|hundred|hundreds|dozen"
)
_NUMBER_START = r"(?=[\dotfsenhd])"  # a digit or the first letter of a NUMBER_WORDS word: most words fail here, cheaply
_FIGURE = rf"(?:\d[\d,]*|{NUMBER_WORDS})"  # a count in digits or in words
_APPROX = r"(?:about\s+|around\s+|approximately\s+|just\s+(?:over|under)\s+)?"  # "around 15", "just over 40"
_NEAR = "just over|just under|over|under|about|around|nearly|almost|more than|less than"  # "nearly half", "over a third"
PERCENT_RE = re.compile(r"\d+(?:\.\d+)?\s?(?:%|per\s?cent\b|percent\b)", re.IGNORECASE)
RATE_RE = re.compile(r"\bper\s+(?:1,?000|10,?000|100,?000)\b", re.IGNORECASE)
# a change from one figure to another, perhaps dated ("from 63 in July 2017 to 39"); a span of dates or
# years ("from 2017 to 2019", "from 1 April to 31 March") is not data (checked where it is used)
FROM_TO_RE = re.compile(
    r"\bfrom\s+(?P<a>\d[\d,.]*|" + NUMBER_WORDS + r")\s*(?P<unit>%|\w+)?"
    r"(?:\s+(?:in|at|on|as at)\s+(?:[A-Za-z]+\s+)?(?:19|20)\d\d(?:[/–-]\d\d(?:\d\d)?)?|,[^,.;]{3,60},)?\s+to\s+"
    + _APPROX + r"(?P<b>\d[\d,.]*|" + NUMBER_WORDS + r")\b",
    re.IGNORECASE,
)
_MONTH_RE = re.compile(rf"^(?:{MONTHS})$", re.IGNORECASE)
# a month after the second number ends a span of dates, when a year or punctuation follows it ("from 11
# to 13 July 2023"; "from 3 to 5 may help" is not a date)
_MONTH_AFTER_RE = re.compile(rf"^\s*(?:{MONTHS})\b(?=\s*(?:\d|[,.;:)]|$))", re.IGNORECASE)
FRACTION_RE = re.compile(
    r"\b(?:by half|halved|(?:halving|doubling) (?:of|the number)|doubled|trebled|a (?:quarter|third|fifth) of|one in (?:\w+)|"
    # a share stated as a fraction after "at" or an approximation ("relatively high, at a fifth to a quarter")
    rf"(?:at|{_NEAR}) (?:a|one) (?:quarter|third|fifth)\b(?! past\b| of an? (?:hour|day|century))|"
    # "four in five", "9 in 10" (not "four in 18 months": changes over a period)
    r"(?:two|three|four|five|six|seven|eight|nine|\d) in (?:three|four|five|six|seven|eight|nine|ten|\d{1,2})"
    r"(?![\d,])(?!\s+(?:days?|weeks?|months?|years?)\b)|"
    r"half of (?:all|the|these|those|them|children|young people|families|cases)|"
    r"half the (?:[\w-]+\s+)?(?:children|young people|families|cases|plans|assessments|referrals|care leavers)\b|"
    rf"(?:{_NEAR}|fewer than) half|"
    r"(?:one|two|three|four)[\s-](?:thirds?|quarters?|fifths?)|"
    r"two-thirds|three-quarters|"
    # a ratio between two counts or rates ("twice as many agency workers as permanent staff"), not a
    # frequency ("twice a week")
    r"(?:twice|(?:three|four|five|ten|\d+) times) as (?:many|much|likely|high|long)|"
    r"(?:three|four|five|ten|\d+) times (?:more|higher|lower|greater))\b", re.IGNORECASE)
_COUNT = "|".join(sorted((re.escape(w) for w in lx.COUNT_NOUNS), key=len, reverse=True))
# events counted in reports ("four adoptions", "two adoption disruptions", "31 instances")
# (singular too: "one serious incident notification since the last inspection" counts events over a period)
_EVENTS = ("adoptions?|disruptions?|instances?|incidents?|exclusions?|allegations?|complaints?|admissions?|moves|deaths|"
           "notifications?")
# a single child or case is an example, not a figure ("one young person said ...", "in one case")
_ANECDOTE = {"one", "a"}
# ... and stays one when what follows is what that child or case said or felt, even over a period
ANECDOTE_AFTER_RE = re.compile(
    r"^\s*(?:[\w’'-]+\s+){0,2}?(?:said|says|told|tells|described|describes|commented|explained|stated|felt|"
    r"spoke|shared|wrote|reported that)\b", re.IGNORECASE)
# ages and age bands are not data ("aged 16 and 17", "over 21 years", "until they are 18")
AGE_RE = re.compile(
    r"\b(?:aged?|ages|turn(?:s|ed)?|become|becomes|reach(?:es|ed)?|until they are|when they are)\s+"
    r"(?:at least\s+|up to\s+|over\s+|under\s+)?\d{1,2}(?:\s*(?:and|to|or|-|–)\s*\d{1,2})?(?:\s+(?:and a half|years?(?: old)?|year-olds?))?\b|"
    r"\b(?:under|over|aged)\s+\d{1,2}\s*(?:years?(?: old)?|year-olds?|s)\b|"
    # an age band named after who it is of ("children under 5", "young people over 16")
    r"\b(?:children|child|babies|young people|pupils)\s+(?:under|over|aged)\s+\d{1,2}\b|"
    r"\bages?\s+of\s+\d{1,2}(?:\s*(?:and|to|or|-|–)\s*\d{1,2})?\b|"
    r"\b\d{1,2}(?:\s*(?:and|to|or|-|–)\s*\d{1,2})?[- ]years?[- ]olds?\b", re.IGNORECASE)
# a count met against a target is evidence ("surpassing its target of 225 families")
TARGET_MET_RE = re.compile(r"\b(?:surpass\w*|exceed\w*|met|achiev\w*|beat(?:en|ing)?|short of|missed)\b[^.;]{0,30}$",
                           re.IGNORECASE)
PARA_LIST_RE = re.compile(r"\b(?:paragraphs?|paras?|sections?|pages?|recommendations?)\s+(?:\d[\d.]*(?:,\s*|\s+and\s+|\s*-\s*))*$",
                          re.IGNORECASE)
# a benchmark named as information to have or an aim, not a comparison made ("access to comparative
# data", "comparisons with ... statistical neighbour averages", "to accelerate a narrowing of the attainment gap")
BENCHMARK_INTENT_RE = re.compile(
    r"\b(?:include|including|access to|provid\w*|use of|using|develop\w*|accelerate|narrow\w*(?: of)?|"
    r"comparisons? (?:made |drawn )?with|benchmarked against|close|closing|reduc\w*)\b[^.;]{0,50}$", re.IGNORECASE)
# benchmarking named as an activity or a report's contents, not a comparison made ("to benchmark
# progress", "insufficient benchmarking", "lacked comparative data", "in line with national reforms", "in
# line with national requirements": compliance, not a comparison)
BENCHMARK_ACTIVITY_RE = re.compile(
    r"\b(?:to benchmark|benchmark(?:ing)? (?:data|information|progress|improvement|activity)|"
    r"insufficient benchmarking|lack(?:s|ed)? (?:of )?(?:comparative|benchmark)|(?:comparative|comparator) (?:data|information)|"
    r"in line with (?:the )?(?:national|government[’']?s?) (?:[\w’'-]+ ){0,4}?(?:reforms?|polic\w+|guidance|legislation|"
    r"frameworks?|expectations|standards?|agenda|opportunities|requirements|regulations|developments))\b")
COUNT_STATEMENT_RE = re.compile(r"\b(?:only|just|there (?:is|are|was|were|has been|have been)(?: only| just)?)\s+$",
                                re.IGNORECASE)
PERIOD_AFTER_RE = re.compile(
    r"^[^.;]{0,60}\b(?:in the (?:last|past|previous)|this year|last year|since|during|over the (?:last|past)|per (?:year|month|week)|a year)\b",
    re.IGNORECASE)
# a period stated before a count ("Since the last inspection, one notification has been made"): a count of
# events over a period, not an example
PERIOD_BEFORE_RE = re.compile(
    r"\b(?:since the (?:last|previous) inspection|in the (?:last|past|previous) (?:\w+\s+)?(?:years?|months|weeks)|"
    r"(?:this|last|that) year|during (?:the|this|that) (?:year|period)|over the (?:last|past) (?:\w+\s+)?(?:years?|months|weeks))"
    r"\b[^.;]{0,30}$", re.IGNORECASE)
# a zero over a period is a count ("there have been no permanent exclusions since 2016", "No serious case
# reviews were ongoing at the time of the inspection")
ZERO_COUNT_RE = re.compile(  # where "no" opens a clause (checked with ZERO_OPENING_RE on the text before)
    rf"\bno\s+(?:[A-Za-z’'-]+\s+){{0,2}}?(?:{_EVENTS}|{_COUNT})\b[^.;]{{0,90}}?"
    rf"\b(?:since|(?:in|for) the (?:last|past|previous)|over the (?:last|past)|during (?:the|this|that) (?:year|period)|"
    rf"(?:this|last) year|at the time of (?:the\s+)?inspection)\b", re.IGNORECASE)
# "has not used any external fostering placements for children in the last two years": a zero over a period
NONE_OVER_PERIOD_RE = re.compile(
    rf"\b(?:has|have|had)\s+not\s+(?:been\s+)?[a-z]+\s+any\s+(?:[A-Za-z’'-]+\s+){{0,2}}?"
    rf"(?:{_EVENTS}|placements|referrals|children|young people|cases|care leavers)\b[^.;]{{0,60}}?"
    rf"\b(?:since|in the (?:last|past|previous)|over the (?:last|past)|during (?:the|this|that) (?:year|period)|"
    rf"(?:this|last) year)\b", re.IGNORECASE)
ZERO_OPENING_RE = re.compile(r"(?:^|[.;:]\s*|\bthere\s+(?:have|has|had)\s+been\s+|\bthere\s+(?:were|was)\s+|\b(?:with|as|and|but|because)\s+|"
                             r"\bresult(?:ed|ing|s)?\s+in\s+)$",
                             re.IGNORECASE)
CONTACT_RE = re.compile(r"\b(?:contact(?: officer)?|tel(?:ephone)?|ext(?:ension)?|phone|direct line)\b", re.IGNORECASE)
# a number and what it counts are on one line, and each word between them starts with a letter: a
# contents page's "Areas for improvement 17" + line break + "Outcomes for children" is a page number,
# and "Monitoring Visit 4 - Children in Care" a title
COUNT_RE = re.compile(
    # ("1:1 sessions" is one-to-one work, not a count)
    rf"(?<![\w.,/:-]){_NUMBER_START}(?P<n>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|{NUMBER_WORDS})(?![\d.,/:-]\d)"
    rf"(?:[^\S\n]+(?:or so|more|fewer|additional|new|"
    rf"open|different|[a-z]+(?:ed|al|ic|ive|ful|ent|ant|ing|ary|ous)))?[^\S\n]+"
    rf"(?P<between>(?:[A-Za-z][A-Za-z'’-]*[^\S\n]+){{0,2}}?)"
    # ... but not a noun made an adjective ("two child friendly versions of the plan")
    rf"(?P<noun>{_COUNT}|{_EVENTS})\b(?![’']s)(?![\s-]+(?:friendly|centred|centered|focused|led|facing|sized)\b)",
    re.IGNORECASE,
)
BARE_NUMBER_RE = re.compile(r"(?<![\w.,/-])(\d[\d,]*(?:\.\d+)?)(?![\w/-]|\.\d)")
DURATION_CMP_RE = re.compile(
    r"\b(?:longer than|more than|over|in excess of|average(?: of)?|up to|at least|less than)\s+"
    r"(?:\d+|" + NUMBER_WORDS + r")\s+(?:working\s+)?(?:hours?|days?|weeks?|months?|years?)\b", re.IGNORECASE)
# a duration measured rather than set: an average or a performance figure ("27 weeks on average", "the
# average length of proceedings, which was 44 weeks", "performance down to 30 weeks"): a timescale met
_DURATION = rf"(?:\d+(?:\.\d+)?|{NUMBER_WORDS})\s+(?:working\s+)?(?:days|weeks|months)\b"
DURATION_AVERAGE_RE = re.compile(  # run only on passages that say "average"
    rf"{_NUMBER_START}\b{_DURATION}\s+on\s+average\b|"
    rf"\baverage\b[^.;]{{0,60}}?\b(?:was|is|were|has been|had been|stood at|stands at)\s+"
    rf"{_APPROX}{_DURATION}", re.IGNORECASE)
DURATION_CHANGE_RE = re.compile(
    rf"\b(?:stands?|stood|standing|remains?|remained)\s+at\s+{_APPROX}{_DURATION}|"
    rf"\b(?:down|reduced|fallen|fell|dropped|improved|increased|risen|rose)\s+to\s+"
    rf"{_APPROX}{_DURATION}", re.IGNORECASE)
RULE_CONTEXT_RE = re.compile(
    r"\b(?:expected|timescales? of|timescale|must|should|will|required|requirement|target|standard|deadline|"
    r"within the statutory)\b", re.IGNORECASE)
# "up to 21 years", "over 18 years": a care leaver's age, not a duration (no wait or stay runs that long)
ADULT_AGE_RE = re.compile(r"\b(?:1[6-9]|2[0-5])\s+years?\b", re.IGNORECASE)
PROVISION_HOURS_AFTER_RE = re.compile(r"^\s*(?:(?:a|per|each|every)\s+week|of\s+(?:[\w-]+\s+){0,2}?(?:education|provision|tuition|"
                                      r"teaching|learning|schooling|support|contact)\b)", re.IGNORECASE)
EXPERIENCE_AFTER_RE = re.compile(r"^(?:[’']s?)?\s+(?:of\s+)?(?:post-qualifying\s+|social\s+work\s+)?experience\b", re.IGNORECASE)
# "16–25 young people": an age band, not a range of counts
AGE_RANGE_BEFORE_RE = re.compile(r"\b(?:1[1-9]|0)\s*(?:[–-]|to)\s*$")
BRACKET_AGE_RE = re.compile(r"\byears?\b|\byear-olds?\b|\baged?\b", re.IGNORECASE)
# a figure that is a rule, target, threshold or staffing need rather than evidence (guidelines: "rules
# and targets ... staffing needs ... are not data")
TARGET_BEFORE_RE = re.compile(
    r"\b(?:targets?(?:\s+of)?|aim(?:s|ing)? (?:is |was )?to|(?:a )?minimum of|(?:a )?maximum of|"
    r"no (?:more|fewer|less) than|expected to|(?:each|every)\s+(?:month|week|fortnight|quarter)|"
    # a caseload limit set for a group of staff is a rule ("a protected caseload of 15 cases")
    r"(?:protected|capped)\s+case\s?loads?(?:\s+of)?)\b[^.;]{0,50}$",
    re.IGNORECASE)
# a figure governed by a future or conditional verb is a plan, not evidence ("support would include two
# reviews", "the service will recruit 12 foster carers")
FUTURE_BEFORE_RE = re.compile(r"\b(?:will|would|shall)\s+(?:not\s+)?(?:[a-z]+\s+){1,2}$", re.IGNORECASE)
NEED_AFTER_RE = re.compile(r"^[^.;]{0,40}?\b(?:are|is|will be|would be)\s+(?:required|needed|necessary)\b",
                           re.IGNORECASE)
LEGAL_AFTER_RE = re.compile(r"^\s*(?:\([\w]+\)\s*)?of\s+the\s+(?:[A-Z][\w']*\s+)(?:[A-Za-z][\w']*\s+){0,7}Act\b")
MONEY_RE = re.compile(r"£\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:million|m|k|bn|billion)\b)?", re.IGNORECASE)
BENCHMARK_RE = re.compile(
    r"\bin line with (?:that of |those of )?(?:the )?(?:national|england|regional|department for education|dfe|government|"
    r"statistical|comparator|similar|other (?:local )?(?:authorities|councils|areas))\b|\b(?:attainment|performance|achievement) gap\b|"
    r"\bgap between (?!(?:children[’']s|adults?[’']?|the)\s+(?:and\s+)?(?:adults?[’']?\s+)?services?\b)|"
    r"\b(?:above|below|exceed\w*|better than|worse than|higher than|lower than) (?:the )?national (?:figures?|averages?|rates?|levels?)\b|"
    # "above average for similar groups", "below the average for all pupils"
    r"\b(?:above|below) (?:the )?average (?:for|of|in|among)\b|"
    r"\bthan (?:their )?(?:peers|counterparts)(?: (?:do|did|are|were|have|had))?(?: nationally| in (?:england|similar areas|other areas))\b|"
    r"\bdisproportionately (?:represented|high|low)\b|"
    r"\bcompar\w+ (?:favourably|well|poorly|unfavourably) (?:with|to|against) (?:the |that |those )?(?:national|england|regional|"
    r"similar|statistical|comparator|other|peers)\b|\bthan (?:that |those )?(?:seen |found |reported )?nationally\b|"
    r"\b(?:higher|lower|better|worse) than (?:the )?(?:national|england|regional|average|similar|comparator|comparable|"
    r"neighbouring|statistical|other)\b|"
    # "a much lower proportion of looked after children than comparable local authorities"
    r"\b(?:higher|lower|greater|smaller)\s+(?:proportion|number|rate|percentage)s?\s+of\b[^.;]{0,60}?\bthan\s+(?:the\s+|in\s+)?"
    r"(?:national|england|regional|average|similar|comparator|comparable|neighbouring|statistical|other)\b|"
    # "the difference in attainment between children looked after and their peers"
    r"\b(?:difference|gap)s? in (?:attainment|achievement|progress|outcomes) between\b|"
    # hyphenated ("a higher-than-average proportion of long-term agency workers", "above-average rates")
    r"\b(?:higher|lower|greater|better|worse)-than-(?:average|expected)\b|\b(?:above|below)-average\b|"
    # "turnover, although comparable with other local areas, is high"; "in line with an average for London"
    r"\bcomparable (?:with|to) (?:that of |those of |the )?(?:national|england|regional|similar|statistical|comparator|other|"
    r"neighbouring|peers)\b|\bin line with (?:an?|the) average\b|"
    # a group compared with its peers ("more likely than their peers to be at risk")
    r"\b(?:more|less) likely than (?:their |other )?(?:peers|counterparts)\b|"
    # a time measured against a standard without a figure ("considerably longer than the expected timescales")
    r"\b(?:longer|shorter|quicker|faster|slower) than (?:the )?(?:expected|required|statutory|national|average) "
    r"(?:timescales?|times?|averages?|standards?)\b", re.IGNORECASE)

# a measure's performance stated against its target without a figure ("the measure was still below
# target"): a comparison with a benchmark (the target alone is not data); run only when "target" is said
TARGET_CMP_RE = re.compile(
    r"\b(?:is|are|was|were|been|being|remains?|remained|still|performing|performance)\s+[“\"']?(?:\w+ly\s+|just\s+)?"
    r"(?:above|below|ahead of|behind|short of|off|on)\s+(?:the\s+|its\s+|their\s+|our\s+)?targets?\b(?!\s+to\b)|"
    r"\b(?:has|have|had)\s+(?:not\s+)?(?:achieved|met|exceeded|missed|surpassed)\s+(?:its|their|the|our)\s+(?:own\s+)?"
    r"(?:[\w-]+\s+)?targets?\b|"
    # present tense: "consistently meets the 26-week target", "is not meeting its own target"
    r"\b(?:meets|meeting|achieves|achieving|exceeds|exceeding|misses|missing)\s+(?:its|their|the|our)\s+(?:own\s+)?"
    r"(?:[\w-]+\s+)?targets?\b", re.IGNORECASE)

# a rank in words against the country or region ("the fastest rate of child growth in the country",
# "among the lowest rates in England"), unless it is an ambition ("aiming to have the lowest rate in
# England"); "best", "worst" and "most" are left out: praise or description ("one of the best teams in the
# country", "some of the most vulnerable children in England"), not a rank
_RANKING_PLACES = ("the country", "england", "wales", "scotland", "northern ireland", "the region", "london", "the uk")
RANKING_RE = re.compile(
    r"\b(?:highest|lowest|fastest|slowest|largest|smallest)\s+(?:[\w-]+\s+){0,6}?"
    r"(?:in|of any (?:authority|council|area) in)\s+(?:"
    + "|".join(place.replace(" ", r"\s+") for place in _RANKING_PLACES) + r")\b",
    re.IGNORECASE)
# the ranking pattern runs only on passages naming one of its places (the last word of each)
RANKING_HINT_RE = re.compile("|".join(place.split()[-1] for place in _RANKING_PLACES))
AMBITION_BEFORE_RE = re.compile(r"\b(?:ambition\w*|aim\w*|aspir\w*|want\w*|strive|striving|to be|to become)\b[^.;]{0,40}$",
                                re.IGNORECASE)

# "seven of the 14 measures", "14 out of 90 targets", "39 (of the 78) children": a part counted against a whole is a figure
PART_OF_WHOLE_RE = re.compile(
    rf"\b{_NUMBER_START}(?P<a>\d[\d,]*|{NUMBER_WORDS})\s+\(?(?:out\s+)?of\s+(?:the\s+|these\s+|those\s+|its\s+|their\s+)?"
    rf"(?P<b>\d[\d,]*|{NUMBER_WORDS})\b(?!\s*(?:years?|months?|weeks?|days?)\b)", re.IGNORECASE)
# a vague amount made exact by a figure in brackets or between commas ("a large number (36) of cases",
# "a very small minority of children (two)", "a small number, seventeen, attend"): a count
VAGUE_EXACT_RE = re.compile(
    rf"\b(?:number|minority|majority|handful|few)(?:\s+of\s+(?:[A-Za-z’'-]+\s+){{0,3}}?(?:{_COUNT}|{_EVENTS}))?"
    rf"(?:\s*(?:\(\s*(?P<n>\d[\d,]*|{NUMBER_WORDS})\s*\)|,\s*(?P<m>\d[\d,]*|{NUMBER_WORDS})\s*,)|"
    # ... or at the end of the clause that says what they are ("the small number of children who live in
    # homes outside the borough (21)")
    rf"\s+(?:who|that|which|placed|living|in)\b[^.;:()]{{0,100}}?\(\s*(?P<k>\d[\d,]*)\s*\))", re.IGNORECASE)
# a timescale met, observed rather than required ("most decisions are made within 24 hours")
WITHIN_MET_RE = re.compile(
    rf"\b(?:are|were|is|was|been)\s+(?:being\s+)?(?:now\s+|usually\s+|typically\s+|routinely\s+|consistently\s+)?"
    rf"(?:\w+ed|made|seen|held|undertaken|done)\s+(?:\w+\s+){{0,3}}?within\s+(?:a\s+maximum\s+of\s+|an?\s+)?"
    rf"(?:\d+|{NUMBER_WORDS})[\s-]+(?:working\s+)?(?:hours?|days?|weeks?|months?)\b", re.IGNORECASE)
# a caseload's size or an average age is a measure ("caseloads are unacceptably high at around 40",
# "the average age of children reported missing had fallen to 13"); a protected caseload is a rule
MEASURE_FIGURE_RE = re.compile(
    r"\b(?:(?<!protected )(?<!maximum )(?<!reduced )(?<!capped )caseloads?\b[^.;]{0,40}?"
    r"\b(?:at|of|around|about|averag\w*|between|over|up to|as high as)|"
    r"average age\b[^.;]{0,100}?)\s+"
    r"(?:around\s+|about\s+|approximately\s+|up to\s+|over\s+|of\s+)?\d+(?:\.\d+)?\b", re.IGNORECASE)
# a zero of events, with or without a period ("there have been no adoption disruptions", "resulted in no
# primary exclusions"): the "no disruptions in the last 12 months" (a zero of children now, "no
# children are living in unregistered homes", is a state, not a count)
ZERO_EVENTS_RE = re.compile(
    rf"(?:^|[.;:]\s*|\bthere\s+(?:are|were|have\s+been|has\s+been|had\s+been)\s+|\bresulted\s+in\s+)"
    rf"(?:almost\s+)?no\s+(?:[A-Za-z’'-]+\s+){{0,3}}?(?:{_EVENTS})\b", re.IGNORECASE)
# a wait or a time taken, measured ("it has taken 2,000 days to secure the right family", "children waited
# up to three months", "adopters waited between seven and 10 months"), unless a rule says it ("should not wait more than 26 weeks")
TAKEN_RE = re.compile(
    rf"\b(?:taken|took|waited|waiting\s+times?\s+of|wait\s+of)\s+(?:over\s+|more\s+than\s+|almost\s+|nearly\s+|up\s+to\s+|"
    rf"around\s+|about\s+|less\s+than\s+|between\s+(?:\d[\d,]*|{NUMBER_WORDS})\s+and\s+)?(?:\d[\d,]*|{NUMBER_WORDS})\s+"
    rf"(?:working\s+)?(?:days?|weeks?|months?|years?)\b",
    re.IGNORECASE)
# a number stated for a measure ("the number of decisions that changed away from adoption was 65 ...
# and currently stands at eight"): a count, unless a rule or a target says it
NUMBER_OF_RE = re.compile(
    rf"\bnumbers? of\b[^.;]{{0,80}}?\b(?:was|were|is|are|stood at|stands at|has (?:risen|fallen|reduced|increased|dropped) to|"
    rf"(?:reduced|fell|rose|increased|decreased|dropped) to)\s+{_APPROX}"
    rf"(?P<n>\d[\d,]*|{NUMBER_WORDS})\b(?!\s*(?:%|per\s?cent|years?|months?|weeks?|days?)\b)", re.IGNORECASE)
# a total is a count whatever it counts ("All cases, currently 80 in total, are risk assessed")
TOTAL_RE = re.compile(r"\b\d[\d,]*\s+in\s+total\b", re.IGNORECASE)
# a list item of a report's statistics that opens with "one" in lower case counts one child ("one lives in a
# residential special school", "one young person ceased to be looked after"); "One young person said" in a
# sentence is an example
LIST_ONE_RE = re.compile(
    r"^[^\w]*one\s+(?:(?:child|young\s+person|care\s+leaver|person|family|case)\s+)?"
    r"(?:is|was|has|had|lives|lived|ceased|remains|remained|attends|attended|became|went|moved|returned)\b")
# a share by its exceptions, a proportion whatever it is of: "all but one care leaver have maintained their tenancy"
# (the match starts at the number, so what is said before "all but" is not read as the number's label)
ALL_BUT_RE = re.compile(rf"(?<=\ball\sbut\s)(?P<n>\d[\d,]*|{NUMBER_WORDS})\s+[A-Za-z’'-]+(?:\s+[A-Za-z’'-]+)?", re.IGNORECASE)
# a count stated after a judgement of it ("has been relatively low (six)"), a count of what happened ("of which
# there have been four so far"), the size of a cohort ("from an original cohort of 16 ... only two are left"), a
# share of a counted group ("all four of the current young people", "Of the eight sets of potential adopters
# currently being assessed, half are seeking dual approval")
JUDGED_COUNT_RE = re.compile(
    rf"\b(?:low|high|small|large|few|many|rare)\s*\(\s*(?P<n>{_FIGURE})\s*\)|"
    rf"\bof which there (?:have been|has been|were|was|are)\s+(?:only\s+|just\s+)?(?P<w>{_FIGURE})\b|"
    rf"\bcohort of\s+(?P<c>{_FIGURE})\b(?!\s*(?:%|per\s?cent|years?|months?|weeks?|days?)\b)|"
    rf"(?:^|[.;:]\s+)of (?:the|these|those) (?P<o>{_FIGURE})\s+[^.;]{{0,100}}?,\s+"
    rf"(?:half|most|all|none|{_FIGURE})\s+(?:are|were|have|had|has|is|was|of them)\b", re.IGNORECASE)
ALL_OF_RE = re.compile(rf"\ball (?P<n>{_FIGURE}) of (?:the|these|those|them)\b", re.IGNORECASE)
# a figure that is a clause's subject: "56 are unaccompanied asylum-seeking children", "34 had been resolved"
COUNT_SUBJECT_RE = re.compile(
    rf"(?:^|[.;:]\s+|\bof whom\s+)(?P<n>\d[\d,]*|{NUMBER_WORDS})\s+(?:had|have|has|are|were|was|is|live|lived|"
    rf"remain|remained|attend|attended|received|receive)\b", re.IGNORECASE)


def _before(body: str, start: int, width: int = 60) -> str:
    """The text just before a match: where a rule, an intent or a period that governs a figure is said."""
    return body[max(0, start - width): start]


# a sentence that opens with an instruction is a recommendation: its figures say what is to be done ("Review
# all cases where children have been subject to a child protection plan for over 18 months")
RECOMMENDATION_OPENING_RE = re.compile(
    r"(?:^|[.;:!?]\s+)(?:Review|Ensure|Improve|Develop|Strengthen|Establish|Undertake|Make sure|Implement|Provide|Consider|"
    r"Reduce|Increase)\b[^.;:!?]*$")


def _in_recommendation(body: str, start: int) -> bool:
    return bool(RECOMMENDATION_OPENING_RE.search(body[max(0, start - 300): start]))


def _is_rule_figure(body: str, start: int, end: int) -> bool:
    before = _before(body, start, 80)
    after = body[end: end + 60]
    found = TARGET_BEFORE_RE.search(before)
    # a target whose own value comes first is what this figure is measured against ("concluded within
    # the national target of 26 weeks in 45% of cases")
    target = (found and not TARGET_MET_RE.search(before)
              and not (found.group(0)[:6].lower() == "target" and re.search(r"\d", found.group(0))))
    return bool(target or NEED_AFTER_RE.match(after) or LEGAL_AFTER_RE.match(after)
                or FUTURE_BEFORE_RE.search(before) or _in_recommendation(body, start))


_COUNTED_BEFORE_RE = re.compile(rf"\b(?:{_COUNT}|{_EVENTS})\s*$", re.IGNORECASE)


# A count of what is not a child or a case is not data ("five children's homes", "44 social workers":
# cues.yaml non_case_count_nouns) unless a review's own method counted it ("interviewed 16 social workers",
# as the guidelines' "17 case files reviewed"), it is a share ("none of the 25 staff") or a rate ("fifty
# audits are completed each month")
METHOD_BEFORE_RE = re.compile(
    # ("interviews" is not here: "return home interviews following the appointment of five staff" is a service)
    r"\b(?:interview(?:ed)?|spoke(?:\s+(?:to|with))?|spoken\s+(?:to|with)|met(?:\s+with)?|survey(?:ed)?|consulted|"
    r"heard\s+from|talked\s+(?:to|with)|focus\s+groups?\s+(?:of|with)|team\s+of|responses?\s+from)\b[^.;:]*$",
    re.IGNORECASE)
PART_BEFORE_RE = re.compile(r"\b(?:of\s+the|out\s+of)\s+$", re.IGNORECASE)
RATE_AFTER_RE = re.compile(r"^[^.;]{0,40}?\b(?:each|every|per|a)\s+(?:day|week|month|quarter|year)\b", re.IGNORECASE)
# the inspectorate's visits ("two focused visits") are not visits to children
INSPECTION_VISIT_RE = re.compile(r"\b(?:focused|monitoring|inspection|ofsted)\b", re.IGNORECASE)
# a singular noun after a plural number modifies the next one ("two child protection chairs", "five family
# hubs"): counted only if the next one is counted ("two adoption disruptions", "78 case files")
_SINGULAR_NOUNS = {"child", "case", "file", "referral", "person", "family", "plan", "visit", "assessment", "placement",
                   "conference", "review", "contact", "notification", "order", "adoption", "disruption", "complaint",
                   "incident", "exclusion", "allegation", "admission", "instance"}
_ONE = {"one", "1", "a", "single"}
# (a time unit does not count: "two Adoption Activity days" are events, not adoptions)
_COUNTED_NEXT_RE = re.compile(rf"[^\S\n]+(?:[A-Za-z’'-]+[^\S\n]+)?(?!(?:hours|days|weeks|months|years)\b)(?:{_COUNT}|{_EVENTS})\b",
                              re.IGNORECASE)
# "one of the 10 local design areas" is a reference unless children or cases are counted; "all but one of
# the eight" is a share
SHARE_BEFORE_RE = re.compile(r"\b(?:all but|only|just)\s+$", re.IGNORECASE)


def _next_words(after: str, count: int, chars: int) -> list[str]:
    return re.findall(r"[A-Za-z’'-]+", after[:chars].lower())[:count]


def _counts_cases(after: str) -> bool:
    """Whether the next few words name children, cases or events (not staff, homes, councils)."""
    return any(w in lx.COUNT_NOUNS and w not in lx.NON_CASE_COUNT_NOUNS or re.fullmatch(_EVENTS, w)
               for w in _next_words(after, 3, 40))


def _counts_others(after: str) -> bool:
    """Whether the next word or two name what is not a child or a case (staff, participants, homes)."""
    return any(w in lx.NON_CASE_COUNT_NOUNS for w in _next_words(after, 2, 30))


def _benchmark_named_only(body: str, start: int, end: int) -> bool:
    """A benchmark named as an aim, as information to have or as an activity, not a comparison made."""
    return bool(BENCHMARK_INTENT_RE.search(_before(body, start))
                or BENCHMARK_ACTIVITY_RE.search(body[max(0, start - 50): end + 60].lower()))


def _not_a_figure(body: str, start: int) -> bool:
    """A number that labels or refers rather than counts: a section, paragraph list or grade number."""
    before = body[: start]
    return bool(NOT_DATA_BEFORE.search(before) or PARA_LIST_RE.search(before))


YEAR_RE = re.compile(r"^(?:19|20)\d\d$")


def _is_year(number: str) -> bool:
    """A year, not a count: "2016" or "2016," is a year; "1,974" is a count (a year has no thousands comma)."""
    return bool(YEAR_RE.match(number.rstrip(",")))


NOT_DATA_BEFORE = re.compile(
    # whole words only: "average 18 children" is a figure though "average" ends in "age"
    r"(?:\b(?:section|grade|part|appendix|list|annex|table|key stage|year|years|aged|age|page|paragraph|para|"
    r"phase|wave|level|tier|step|stage|week|chapter|schedule|article|regulation|point|lots?|no\.|number|"
    # a room, reference or agenda item number labels a place or a paper ("Room 102", "ref: 866")
    r"room|ref\.?:?|reference:?|item|"
    # a place in a series is not a count ("the fifth of six visits")
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final)\s+of(?:\s+the)?)|\||#)\s*$",
    re.IGNORECASE,
)


NOISE_RE = re.compile(
    r"(?:\b(?:tel|telephone|phone|textphone|t|contact)\b\.?:?\s*)?\(?\b0\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}\b|"
    r"\S+@\S+|\b(?:https?://|www\.)\S+|\b[A-Z]{1,2}\d{1,2}[A-Z]?\s+\d[A-Z]{2}\b", re.IGNORECASE)
# every NOISE_RE alternative needs a digit, an @, "www." or "http(s):"
_NOISE_HINT = re.compile(r"[\d@]|www\.|https?:", re.IGNORECASE)
# paragraph numbers printed mid-text by PDF extraction, after a sentence's end or after a grade (a
# judgement line run into the numbered paragraph under it: "... are inadequate 103. The local authority");
# a number that ends a sentence after any other word is a figure ("reduced from 60 to 36. During",
# "caseloads, sometimes over 40. This"): in the 150 reports every such mid-text match was one
PARA_NUMBER_RE = re.compile(r"(?:^|(?<=\s))\d{1,3}\.(?=\s+[A-Z])")
_PARA_NUMBER_AFTER_RE = re.compile(r"(?:[.:;!?]|\b(?:inadequate|adequate|good|outstanding|improvement))\s*$", re.IGNORECASE)


def _without_paragraph_numbers(body: str) -> str:
    return PARA_NUMBER_RE.sub(lambda m: " " if m.start() == 0 or _PARA_NUMBER_AFTER_RE.search(
        body[max(0, m.start() - 14): m.start()]) else m.group(0), body)


def data_cues(text: str, label: str | None = None) -> list[str]:
    """Quantitative evidence in a passage: percentages, rates, counts, comparisons, changes."""
    _, body = split_label(text) if label is None else (label, text)
    if label is None:
        label_found, rest = split_label(text)
        body = rest if label_found else text
    cues: list[str] = []
    if _NOISE_HINT.search(body):  # most passages hold no phone number, address or link at all
        body = NOISE_RE.sub(" ", body)
    body = _without_paragraph_numbers(body)
    lower = body.lower()
    for regex in (PERCENT_RE, RATE_RE, FROM_TO_RE, FRACTION_RE, MONEY_RE):
        for match in regex.finditer(body):
            if regex is FROM_TO_RE and (YEAR_RE.match(match.group("a")) or YEAR_RE.match(match.group("b"))
                                        or _MONTH_RE.match(match.group("unit") or "")
                                        or _MONTH_AFTER_RE.match(body[match.end():])):
                continue  # a span of years or dates ("from 2017 to 2019", "from 11 to 13 July 2023")
            if not _is_rule_figure(body, match.start(), match.end()):
                cues.append(match.group(0))
    for phrase in lx.BENCHMARK_PHRASES:
        at = lower.find(phrase)
        while at >= 0:
            if not _benchmark_named_only(body, at, at + len(phrase)):
                cues.append(phrase)
                break
            at = lower.find(phrase, at + 1)
    benchmarks = list(BENCHMARK_RE.finditer(body))
    if "target" in lower:
        benchmarks += TARGET_CMP_RE.finditer(body)
    cues += [m.group(0) for m in benchmarks if not _benchmark_named_only(body, m.start(), m.end())]
    if RANKING_HINT_RE.search(lower):
        cues += [m.group(0) for m in RANKING_RE.finditer(body)
                 if not AMBITION_BEFORE_RE.search(_before(body, m.start()))]
    ages = [(m.start(), m.end()) for m in AGE_RE.finditer(body)]

    def in_age(position: int) -> bool:
        return any(a <= position < b for a, b in ages)

    for match in DURATION_CMP_RE.finditer(body):
        before = _before(body, match.start())
        if in_age(match.end() - 1) or in_age(match.start()) or ADULT_AGE_RE.search(match.group(0)):
            continue
        if match.group(0).lower().endswith(("hour", "hours")) and PROVISION_HOURS_AFTER_RE.match(body[match.end():]):
            continue  # "at least 25 hours of education per week": an entitlement, not a time taken
        if EXPERIENCE_AFTER_RE.match(body[match.end():]):
            continue  # "more than two years' experience": a worker's service, not a timescale
        if match.group(0).lower().startswith("within") and RULE_CONTEXT_RE.search(before + match.group(0)):
            continue
        if not RULE_CONTEXT_RE.search(before) and not _in_recommendation(body, match.start()):
            cues.append(match.group(0))
    for match in ZERO_COUNT_RE.finditer(body):
        if (ZERO_OPENING_RE.search(_before(body, match.start(), 30))
                and not RULE_CONTEXT_RE.search(match.group(0))):
            cues.append(match.group(0).strip(" .;:"))
    measured = list(DURATION_AVERAGE_RE.finditer(body)) if "average" in lower else []
    for match in measured + list(DURATION_CHANGE_RE.finditer(body)):
        if not RULE_CONTEXT_RE.search(_before(body, match.start()) + match.group(0)):
            cues.append(match.group(0))
    for match in COUNT_RE.finditer(body):
        number = match.group("n")
        noun = match.group("noun").lower()
        if _is_year(number) or in_age(match.start("n")) or AGE_RANGE_BEFORE_RE.search(body[: match.start("n")]):
            continue
        if _not_a_figure(body, match.start()):
            continue
        if noun in {"days", "weeks", "months", "hours", "years", "minutes"}:
            continue  # bare durations are timescales or rules, handled above
        if noun in {"per cent", "percent"}:
            continue
        if (noun in lx.NON_CASE_COUNT_NOUNS and not METHOD_BEFORE_RE.search(_before(body, match.start("n"), 50))
                and not PART_BEFORE_RE.search(_before(body, match.start("n"), 12))
                and not RATE_AFTER_RE.match(body[match.end():])):
            continue  # "five children's homes", "44 social workers": counts of what is not a child or a case
        if (noun in _SINGULAR_NOUNS and number.lower() not in _ONE
                and not _COUNTED_NEXT_RE.match(body[match.end():])):
            continue  # "two child protection chairs", "five family hubs"
        if noun.startswith("visit") and INSPECTION_VISIT_RE.search(match.group(0)):
            continue  # "two focused visits": the inspectorate's visits, not visits to children
        if re.match(r"(?!members of)[a-z]+s of\b", match.group("between"), re.IGNORECASE):
            continue  # "10 sections of Children's Act": the count is of sections ("3 members of staff" is of staff)
        if (number.lower() in _ANECDOTE and not PERIOD_AFTER_RE.match(body[match.end():])
                and not (PERIOD_BEFORE_RE.search(_before(body, match.start(), 80))
                         and not ANECDOTE_AFTER_RE.match(body[match.end():]))
                and not COUNT_STATEMENT_RE.search(_before(body, match.start(), 30))):
            continue  # "one young person said": an example, not a figure (unless over a period)
        if not number[0].isdigit() and re.search(r"\b(?:the|these|those|both)\s+$", body[: match.start()], re.IGNORECASE):
            continue  # "the two local authorities": a reference, not a count
        if _is_rule_figure(body, match.start(), match.end()):
            continue
        cues.append(match.group(0))
    # a number in brackets after a noun phrase: "(478)", "(129 responses)", "(18 during 2015-2016)"
    for match in re.finditer(r"\((\d[\d,]*)((?:\s+[\w’'/–−-]+){0,3})\)", body):
        unit = (match.group(2) or "").strip().lower().split(" ")[0]
        if len(match.group(1)) < 3 and not unit and not _COUNTED_BEFORE_RE.search(body[: match.start()]):
            continue  # "(2)": a sub-section, not a count
        if in_age(match.start(1)) or _not_a_figure(body, match.start()) or BRACKET_AGE_RE.search(match.group(2) or ""):
            continue  # "(16 to 18 years)": an age band
        if not YEAR_RE.match(match.group(1)) and unit not in {"days", "weeks", "months", "hours", "years", "kb", "mb"}:
            cues.append(match.group(0))
    vague = "number" in lower or "minority" in lower or "majority" in lower or "handful" in lower or "few" in lower
    stated = (PART_OF_WHOLE_RE, COUNT_SUBJECT_RE, WITHIN_MET_RE, MEASURE_FIGURE_RE, ZERO_EVENTS_RE, TOTAL_RE, TAKEN_RE,
              NUMBER_OF_RE, NONE_OVER_PERIOD_RE, ALL_BUT_RE, JUDGED_COUNT_RE, ALL_OF_RE)
    for regex in stated + ((VAGUE_EXACT_RE,) if vague else ()):
        for match in regex.finditer(body):
            numbers = [g for g in match.groupdict().values() if g]
            if any(_is_year(n) for n in numbers) or _not_a_figure(body, match.start()):
                continue
            if (regex is PART_OF_WHOLE_RE and match.group("a").lower() in _ONE and not _counts_cases(body[match.end():])
                    and not SHARE_BEFORE_RE.search(_before(body, match.start(), 20))):
                continue  # "one of the 10 local design areas": a reference ("all but one of the eight" is a share)
            if regex is ALL_OF_RE and not _counts_cases(body[match.end():]):
                continue  # "all six of the recommendations": a count of what is not a child or a case
            if regex is COUNT_SUBJECT_RE and match.group("n").lower() in _ANECDOTE:
                continue  # "One was judged outstanding": a pronoun, not a count
            if regex is WITHIN_MET_RE and RULE_CONTEXT_RE.search(match.group(0)):
                continue  # "are expected to be seen within 24 hours": a standard, not one met
            if in_age(match.start()) or _is_rule_figure(body, match.start(), match.end()):
                continue
            cues.append(match.group(0).strip(" .;:"))
    list_one = LIST_ONE_RE.match(body)
    if list_one:
        cues.append(list_one.group(0).strip(" ─•*–-"))
    contact = CONTACT_RE.search(body)
    # a large figure (three or more digits, not a year) is a count in itself
    for match in BARE_NUMBER_RE.finditer(body):
        raw = match.group(1).replace(",", "")
        if _is_year(match.group(1)) or _not_a_figure(body, match.start()) or contact:
            continue  # beside a contact officer, a bare number is a telephone extension
        after = body[match.end(): match.end() + 12].lower()
        if re.match(r"\s*(?:am|pm|working days|days|hours|weeks|months|kb|mb)\b", after):
            continue
        if re.match(r"^(?:19|20)\d\d(?:19|20)?\d\d$", raw) or re.match(r"^(?:19|20)\d{4}$", raw):
            continue  # a financial year run together ("202223")
        if _is_rule_figure(body, match.start(), match.end()):
            continue
        if _counts_others(body[match.end():]):
            continue  # "2,000 participants in training sessions": people who are not children or cases
        if "." in raw or len(raw.split(".")[0]) >= 3:
            if re.match(r"^\d{1,2}\.\d{1,2}$", raw) and not re.search(r"(?:%|per|rate|average)", after):
                continue  # paragraph numbers like 10.7
            cues.append(match.group(1))
    return list(dict.fromkeys(c.strip() for c in cues))


# ---------------------------------------------------------------------------------------------
# measured change with a known better direction

def _alternation(phrases: Sequence[str]) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"[\s,]+") for p in sorted(phrases, key=len, reverse=True))


_DOWN = "fell|fallen|reduced|decreased|dropped|declined|went down|come down|came down"
_UP = "rose|risen|increased|went up|grew|climbed"
_TREND_RE = re.compile(rf"\b(?P<verb>{_DOWN}|{_UP})\s+(?:(?:significantly|sharply|slightly|steadily)\s+)?"
                       rf"(?:from|to|by)\s+\d", re.IGNORECASE)
_DOWN_RE = re.compile(rf"^(?:{_DOWN})$", re.IGNORECASE)
_LOWER_BETTER_RE = re.compile(rf"\b(?:{_alternation(lx.LOWER_IS_BETTER)})\b", re.IGNORECASE)
_HIGHER_BETTER_RE = re.compile(rf"\b(?:{_alternation(lx.HIGHER_IS_BETTER)})\b", re.IGNORECASE)


def trend_polarity(text: str) -> tuple[str, str] | None:
    """("strength" | "concern", the words read) when a measure whose better direction is known moved
    by a stated figure in the same sentence ("repeat referrals fell from 24% to 17%": strength); None
    when there is no such change, the measure's direction is unknown, or two changes disagree."""
    found: dict[str, str] = {}
    for match in _TREND_RE.finditer(text):
        sentence = re.split(r"[.;]\s", text[max(0, match.start() - 80): match.start()])[-1]
        lower, higher = _LOWER_BETTER_RE.search(sentence), _HIGHER_BETTER_RE.search(sentence)
        if bool(lower) == bool(higher):
            continue
        down = bool(_DOWN_RE.match(match.group("verb")))
        measure = (lower or higher).group(0)
        side = "strength" if down == bool(lower) else "concern"
        found.setdefault(side, f"{measure} {match.group('verb')}")
    return next(iter(found.items())) if len(found) == 1 else None


# ---------------------------------------------------------------------------------------------
# formal judgements

JUDGE_VERBS = (
    r"judged|rated|graded|assessed|found|deemed|considered|evaluated|seen|judgement|judgment|"
    r"rating|grade|grading|was|were|is|are|remains|remain|remained|be|been|being|as"
)
AREA_WORDS = re.compile(
    r"\b(?:overall effectiveness|effectiveness|quality of (?:safeguarding )?provision|leadership|governance|"
    r"capacity (?:to|for) improve\w*|experiences and progress|outcomes for|lscb|safeguarding children board|"
    r"judgements?|judgments?|positive contribution|ambition and prioritisation|partnership working|"
    r"help and protection|adoption performance|children's services|services for|safeguarding services|"
    r"performance management|quality assurance|commissioning|value for money|equality and diversity|"
    r"being healthy|staying safe|enjoying and achieving|economic well-?being|arrangements)\b",
    re.IGNORECASE,
)


@dataclass
class GradeHit:
    grade: str  # canonical label from the framework's grade scale
    phrase: str
    start: int
    end: int


def grade_pattern(variants: dict[str, str]) -> re.Pattern[str]:
    words = sorted((v for v in variants if len(v) > 2), key=len, reverse=True)
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"['‘’\"]?\b(?P<g>{alt})\b['‘’\"]?", re.IGNORECASE)


DESCRIPTIVE_RE = re.compile(
    r"\b(?:if|where|whether|would|could|can|may|might|an? (?:outstanding|good|inadequate)\s+local authority|"
    r"four[- ]point scale|possible judgements|grade descriptors|scale|descriptors|"
    r"to achieve|achieve better|avoid|predict|expectation|aim to be|ambition to be|to be judged|"
    r"will be judged|will automatically)\b",
    re.IGNORECASE,
)
NOT_GRADE_AFTER = re.compile(
    r"^\s*(?:[a-z]+\s+)?(?:practice|quality|number|range|example|examples|engagement|relationships?|"
    r"understanding|progress|use|evidence|commitment|opportunit|feature|standard|level|work|support|"
    r"outcomes?|attendance|care|homes?|schools?|or better|idea|story|access|partnership)",
    re.IGNORECASE,
)
CASE_SUBJECT_RE = re.compile(r"\b(?:cases?|files?|records?|audits?|plans?|assessments?)\s+(?:were|was|are|is)?\s*(?:judged|deemed|rated|graded)\b", re.IGNORECASE)
PRIORITY_RE = re.compile(r"\b(?:no|any)\s+areas?\s+for\s+priority\s+action\b", re.IGNORECASE)


def find_grades(text: str, variants: dict[str, str]) -> list[GradeHit]:
    """Formal grade statements: a grade word governed by a judging verb/copula near an area word.

    "judged inadequate", "The quality of provision is adequate", "Overall effectiveness: good",
    "rated 'requires improvement'". Everyday uses ("a good number of", "good practice") do not count.
    """
    hits: list[GradeHit] = []
    if not variants:
        return hits
    pattern = grade_pattern(variants)
    for match in pattern.finditer(text):
        word = match.group("g").lower()
        word_norm = re.sub(r"\s+", " ", word)
        canonical = variants.get(word_norm, word_norm)
        before = text[max(0, match.start() - 90): match.start()]
        after = text[match.end(): match.end() + 40]
        strong_phrase = word_norm.endswith("to be good") or (
            word_norm.startswith("require") and match.group(0)[:1] in "'‘\"")
        # grade used as an adjective before a noun ("good practice", "adequate quality")
        if NOT_GRADE_AFTER.match(after) and not strong_phrase:
            continue
        if re.match(r"\s*(?:and|or)\s+(?:better|above|worse)", after):
            continue
        tail = before[-40:]
        verb = re.search(rf"\b(?:{JUDGE_VERBS})\b(?:\s+(?:to\s+be|as|was|were|of))?\s*(?:\w+ly\s+)?['‘\"]?$", tail, re.IGNORECASE)
        colon = re.search(r"(?:effectiveness|judgement|judgment|grade|rating|outcome|care leavers|in care|"
                          r"protection|families|leaders|lscb)\s*[:\-–|]\s*['‘\"]?$", tail, re.IGNORECASE)
        quoted = match.group(0)[:1] in "'‘\"" and re.search(r"judge?ment|grade|rating|ofsted", before, re.IGNORECASE)
        formal_verb = verb and re.search(r"judged|rated|graded|judgement|judgment|grade|rating", verb.group(0), re.IGNORECASE)
        if not (verb or colon or quoted or strong_phrase):
            continue
        if verb and not formal_verb and not colon and not quoted:
            # plain copula: needs a judgement-area subject in the same clause
            clause = re.split(r"[.;:!?]", before)[-1]
            if not AREA_WORDS.search(clause):
                continue
        if CASE_SUBJECT_RE.search(before[-60:]):
            continue
        hits.append(GradeHit(canonical, match.group(0).strip("'‘’\""), match.start(), match.end()))
    return hits


def is_descriptive(text: str, start: int) -> bool:
    """Grade statements inside conditional or framework-describing text are not judgements."""
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("? ", 0, start), 0)
    window = text[sentence_start: start + 60]
    return bool(DESCRIPTIVE_RE.search(window))
