"""The gazetteer layer: a common given name (`data/given_names.txt`) and the capitalised words
after it are a name, unless an organisation or place word is beside it ("Mary's Primary")."""

from __future__ import annotations

import re

from redaction.shapes import NAME_RUN_RE, UPPER_RUN_RE, norm_word
from redaction.vocabulary import vocabulary

from .mentions import Mentions, followed_by_org, preceded_by_org, trim_run


def gazetteer(mentions: Mentions, p: int) -> None:
    v = vocabulary()
    text = mentions.texts[p]
    for m in NAME_RUN_RE.finditer(text):
        _run(mentions, p, m.start(), m.end())
    for m in UPPER_RUN_RE.finditer(text):
        words = m.group(0).split()
        first = words[0].lower()
        if "-" in first and first.split("-")[0] in v.given_names:
            first = first.split("-")[0]
        if len(words) >= 2 and first in v.given_names and first not in v.ambiguous_given:
            if not any(w.lower() in v.not_name_words for w in words):
                mentions.add(p, m.start(), m.end(), None, "gazetteer")


def _run(mentions: Mentions, p: int, s: int, e: int) -> None:
    v = vocabulary()
    text = mentions.texts[p]
    for ps, pe in trim_run(text, s, e):
        tokens = [(t.start() + ps, t.end() + ps, t.group(0)) for t in re.finditer(r"\S+", text[ps:pe])]
        # the first given name in the piece: it and the words after it are a name
        for i, (ts, te, tok) in enumerate(tokens):
            w = norm_word(tok).lower()
            if w not in v.given_names and "-" in w and w.split("-")[0] in v.given_names:
                w = w.split("-")[0] + "-"  # "Daisy-Mae": a given name, never ambiguous
            if w in v.given_names or w.endswith("-"):
                rest = tokens[i + 1:]
                if w in v.ambiguous_given and not rest:
                    break
                end = rest[-1][1] if rest else te
                if preceded_by_org(text, ts) or followed_by_org(text, end):
                    break
                mentions.add(p, ts, end, None, "gazetteer")
                break
