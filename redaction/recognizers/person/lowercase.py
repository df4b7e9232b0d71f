"""Names written in lower case ("saw bartek and his sister ola", "mum (krisztina)"), as in
notes typed quickly or exported from a case system.

A lower-case word is name-like when it is a given name that is not also an ordinary word, or
when no English dictionary has it (`vocabulary.name_like_lower`). Three rules, each needing
context as well: a relation word before it, a given name, or a verb only people do after it.
"""

from __future__ import annotations

import re

from redaction.shapes import alternation
from redaction.vocabulary import name_like_lower, vocabulary

from .mentions import Mentions
from .rules import REL_MOD

_LOWER_TOKEN = r"[a-zß-öø-ÿ][a-zß-öø-ÿ'’\-]+"
_VERBS = (r"said|says|told|tells|disclosed|stated|explained|cried|admitted|denied|refused|wants|wanted|"
          r"misses|likes|liked|loves|lives|was\s+seen|is\s+\d{1,2}|was\s+\d{1,2}|attends")


def _relation_re() -> re.Pattern[str]:
    v = vocabulary()
    return re.compile(
        r"(?i:(?<![\w-])" + REL_MOD + r"(?:(?P<adult>" + alternation(v.adult_relations) + r")|(?P<child>"
        + alternation(v.child_relations) + r")))[ \t]*(?:[,:(\-–][ \t]*|[ \t]+(?:is|named|called)[ \t]+)?"
        r"(?P<name>" + _LOWER_TOKEN + r"(?:[ \t]+" + _LOWER_TOKEN + r")?)"
    )


_RELATION_RE: re.Pattern[str] | None = None
_TOKEN_RE = re.compile(r"(?<![\w'’\-\[])" + _LOWER_TOKEN + r"(?![\w-])")
_VERB_AFTER_RE = re.compile(r"(?:['’]s)?[ \t]+(?:(?:has|had|was|is|also|then|now)[ \t]+)?(?:" + _VERBS + r")\b")


def _name_span(text: str, s: int, e: int) -> tuple[int, int] | None:
    """The name-like lower-case words of s..e (the first must be; a second may be)."""
    words = list(re.finditer(r"\S+", text[s:e]))
    if not words or not name_like_lower(words[0].group(0).strip(",.;:()'’")):
        return None
    end = s + words[0].end()
    if len(words) > 1 and name_like_lower(words[1].group(0).strip(",.;:()'’")):
        end = s + words[1].end()
    return s, end


def _add(mentions: Mentions, p: int, s: int, e: int, source: str, votes: dict[str, int] | None = None) -> None:
    before = len(mentions.family)
    mentions.add(p, s, e, votes, source, keep_blocked=True)
    for m in mentions.family[before:]:
        # the person's words as a name is written, so "Piotr" elsewhere is the same person
        m.words = tuple(w[:1].upper() + w[1:] for w in m.words)


def lowercase_relations(mentions: Mentions, p: int) -> None:
    """"his sister ola", "mum (krisztina)", "her nan, ilona varga"."""
    global _RELATION_RE
    if _RELATION_RE is None:
        _RELATION_RE = _relation_re()
    text = mentions.texts[p]
    kin = vocabulary().kin_shortlist
    for m in _RELATION_RE.finditer(text):
        if not m.group("name").islower():
            continue
        rel = re.sub(r"\s+", " ", (m.group("adult") or m.group("child")).lower())
        between = text[m.end("adult") if m.group("adult") else m.end("child"):m.start("name")]
        if rel not in kin and (rel in vocabulary().collective_relations or not re.search(r"[:(]", between)):
            continue  # "children looked after", "foster carers, unannounced visits": a kin word, or a label, introduces a name
        span = _name_span(text, m.start("name"), m.end("name"))
        if span:
            _add(mentions, p, *span, "rule", {"ADULT": 3} if m.group("adult") else {"CHILD": 3})


def lowercase_names(mentions: Mentions, p: int) -> None:
    text = mentions.texts[p]
    if not re.search(r"[a-z]", text):
        return
    lowercase_relations(mentions, p)
    given = vocabulary().given_names
    ambiguous = vocabulary().ambiguous_given
    for m in _TOKEN_RE.finditer(text):
        word = m.group(0)
        if not word.islower():
            continue
        if word in given and word not in ambiguous and name_like_lower(word):
            nxt = re.match(r"[ \t]+(" + _LOWER_TOKEN + r")", text[m.end():])
            end = m.end() + nxt.end(1) if nxt and name_like_lower(nxt.group(1)) else m.end()
            _add(mentions, p, m.start(), end, "gazetteer")
        elif name_like_lower(word) and _VERB_AFTER_RE.match(text, m.end()):
            _add(mentions, p, m.start(), m.end(), "verb")
