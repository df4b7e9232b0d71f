"""spaCy's PERSON entities, on the sentences no rule or list has explained yet.

The model is loaded once per process and never downloaded; without it names are found by the
rules and lists only.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any

from redaction.shapes import NAME_WORD_RE, norm_word, overlaps
from redaction.vocabulary import vocabulary

from .mentions import Mentions, followed_by_org, preceded_by_org

log = logging.getLogger(__name__)


@lru_cache(maxsize=4)
def load_nlp(model: str) -> Any:
    """The spaCy pipeline for NER, or None (rules only). Never downloads anything."""
    if not model or model == "blank":
        log.warning("redaction: spacy_model is 'blank'; names found by rules only (no NER)")
        return None
    try:
        import spacy

        nlp = spacy.load(model, exclude=["tok2vec", "lemmatizer", "parser", "tagger", "attribute_ruler", "senter"])
        if "ner" not in nlp.pipe_names:
            log.warning("redaction: model %s has no NER; names found by rules only", model)
            return None
        nlp.max_length = 2_000_000
        return nlp
    except Exception as exc:  # model missing or broken: fall back to rules only
        log.warning("redaction: spaCy model %r unavailable (%s); names found by rules only", model, type(exc).__name__)
        return None


def _segments(mentions: Mentions) -> list[tuple[int, int, int]]:
    """(passage, start, end) of sentences with a capitalised word nothing has explained yet."""
    v = vocabulary()
    covered: dict[int, list[tuple[int, int]]] = {}
    for m in mentions.family + mentions.professional:
        covered.setdefault(m.passage, []).append((m.start, m.end))
    out = []
    for p, text in enumerate(mentions.texts):
        spans = covered.get(p, []) + mentions.blocked[p]
        for sm in re.finditer(r"[^\n]*?(?:[.!?](?=\s)|\n|$)", text):
            a, b = sm.start(), sm.end()
            if b - a < 2:
                continue
            for wm in NAME_WORD_RE.finditer(text, a, b):
                w = norm_word(wm.group(0)).lower()
                if w in v.not_name_words or w in v.given_names or w in v.org_words:
                    continue
                if overlaps(spans, wm.start(), wm.end()):
                    continue
                out.append((p, a, b))
                break
    # neighbouring sentences of a passage go together, so NER sees some context
    merged: list[tuple[int, int, int]] = []
    for p, a, b in out:
        if merged and merged[-1][0] == p and a - merged[-1][2] <= 2 and b - merged[-1][1] < 600:
            merged[-1] = (p, merged[-1][1], b)
        else:
            merged.append((p, a, b))
    return merged


def ner(mentions: Mentions, nlp: Any) -> None:
    if nlp is None:
        return
    org = vocabulary().org_words
    try:
        segments = _segments(mentions)
        docs = nlp.pipe([mentions.texts[p][a:b] for p, a, b in segments], batch_size=32)
        for (p, off, _), doc in zip(segments, docs):
            text = mentions.texts[p]
            for ent in doc.ents:
                if ent.label_ != "PERSON":
                    continue
                s, e = ent.start_char + off, ent.end_char + off
                digit = re.search(r"[\s,]*\S*\d", text[s:e])
                if digit:  # "Zuriel Mbeki 03-03-": the entity ends before any number
                    e = s + digit.start()
                if e <= s:
                    continue
                if preceded_by_org(text, s) or followed_by_org(text, e):
                    continue
                if any(w.lower().strip("'’") in org for w in ent.text.split()):
                    continue
                if not re.search(r"[A-Z]", ent.text):
                    continue
                mentions.add(p, s, e, None, "ner")
    except Exception as exc:  # NER is a supplement: never let it break redaction
        log.warning("redaction: NER failed (%s); rules only for this document", type(exc).__name__)
