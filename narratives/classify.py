"""Sentence role and polarity, behind one function so the classifier can be swapped.

`classify_texts(texts, framework, settings)` uses the project tagger (`tagging.Tagger.tag_texts`)
when it can be imported and works, and otherwise the small rule classifier below. Set the
environment variable `READINESS_NARRATIVE_CLASSIFIER=rules` to force the rules (tests do).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from narratives.text import has_data as _has_data

log = logging.getLogger(__name__)

ROLES = ("outcome", "process", "recommendation", "judgement", "context")


@dataclass(frozen=True)
class SentenceLabel:
    role: str
    polarity: str
    has_data: bool
    source: str = "rules"  # rules | tagger

    @property
    def is_outcome(self) -> bool:
        """An outcome sentence, or one whose figures say how children are doing."""
        return self.role == "outcome" or (self.has_data and self.role not in ("recommendation", "process"))


def _cues(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(phrases) + r")", re.I)


_OUTCOME = _cues(
    r"outcomes? for", r"impact", r"improv\w*", r"increas\w*", r"reduc\w*", r"fell", r"fallen", r"rose",
    r"risen", r"fewer", r"more children", r"children (?:are|were|have|now|feel|said|told|report)",
    r"young people (?:are|were|have|now|feel|said|told|report)", r"families (?:are|were|have|now|said|told)",
    r"achiev\w*", r"attainment", r"attend\w*", r"stability", r"stable", r"timel\w*", r"within \d+",
    r"making a difference", r"made a difference", r"led to", r"as a result", r"resulted in", r"better",
    r"safer", r"progress(?:ed)? (?:well|in)", r"performance", r"rate", r"proportion", r"percentage",
    r"no longer", r"now (?:seen|receive|have|take|in)", r"seen (?:alone|within|promptly)", r"feel safe",
    r"placed with", r"permanence (?:was|is) achieved", r"adopted", r"in education, employment",
    r"re-?referrals?", r"repeat", r"compared (?:with|to)", r"national average", r"statistical neighbours",
    r"benchmark", r"quartile", r"ranked", r"lower than", r"higher than", r"declin\w*", r"worsen\w*",
)
_PROCESS = _cues(
    r"meetings?", r"minutes", r"met\b", r"agenda", r"board", r"committee", r"panel", r"steering group",
    r"working group", r"task and finish", r"workshops?", r"terms of reference", r"agreed", r"discussed",
    r"considered", r"noted", r"presented", r"attended", r"chaired", r"convened", r"established",
    r"set up", r"introduced", r"launched", r"re-launch\w*", r"developed", r"drafted", r"produced",
    r"policy", r"policies", r"procedures?", r"protocols?", r"framework", r"guidance", r"strategy",
    r"action plan", r"training", r"briefings?", r"structure", r"restructur\w*", r"governance",
    r"reporting", r"report(?:ed)? to", r"audits? (?:were|was|is|are) (?:undertaken|completed|carried out)",
    r"programme of", r"we reviewed", r"reviewed", r"interviewed", r"focus groups?", r"commissioned",
    r"arrangements", r"process(?:es)?", r"mutual blaming",
)
_RECOMMENDATION = _cues(
    r"recommend\w*", r"should", r"needs? to", r"must", r"ought", r"will (?:need|be|continue|ensure|develop|review|introduce)",
    r"we will", r"plans? (?:to|are|is) ", r"next steps?", r"going forward", r"action point", r"priorit\w* for",
    r"area for (?:improvement|development)", r"areas for (?:improvement|development)", r"by (?:january|february|march|april|may|june|july|august|september|october|november|december) 20\d\d",
)
_IMPERATIVE = re.compile(
    r"^(?:ensure|develop|review|improve|consider|establish|introduce|strengthen|make sure|continue|undertake|"
    r"increase|reduce|monitor|agree|identify|note|support|indicate|highlight|outline|explain|provide|prepare|"
    r"produce|create|set out|put in place|build|embed|extend|raise|address|clarify|implement|evaluate|use)\b",
    re.I,
)
_GRADES = r"(?:outstanding|good|adequate|inadequate|requires? improvement(?: to be good)?)"
_JUDGEMENT = re.compile(
    r"\b(?:judged|judgements?|graded|grade of|rated|overall effectiveness)\b[^.]{0,80}?\b" + _GRADES + r"\b"
    r"|\b" + _GRADES + r"\b[^.]{0,40}?\b(?:judgement|grade)\b"
    r"|\b(?:were|was|is|are) (?:judged|graded|rated) (?:to be |as )?" + _GRADES,
    re.I,
)
_CONCERN = _cues(
    r"poor\w*", r"not\b", r"n't", r"weak\w*", r"inconsisten\w*", r"variable", r"slow\w*", r"delay\w*",
    r"drift", r"concern\w*", r"fail\w*", r"lack\w*", r"gaps?\b", r"too many", r"too few", r"too long",
    r"below", r"worse\w*", r"declin\w*", r"inadequate", r"requires improvement", r"insufficient\w*",
    r"shortfall", r"difficult\w*", r"problem\w*", r"risk of", r"backlog", r"unallocated", r"vacanc\w*",
    r"overdue", r"late\b", r"missed", r"less well", r"limited", r"blam\w*",
)
_STRENGTH = _cues(
    r"good", r"excellent", r"outstanding", r"improv\w*", r"strong\w*", r"effective\w*", r"well\b",
    r"better", r"timely", r"above", r"success\w*", r"positive\w*", r"robust", r"safer", r"stable",
    r"making a difference", r"made a difference", r"appreciated", r"committed", r"confident",
    r"no longer", r"reduc\w*", r"fewer",
)


def classify_rules(text: str) -> SentenceLabel:
    """Role and polarity from cue phrases; figures count towards outcome."""
    data = _has_data(text)
    scores = {
        "outcome": len(_OUTCOME.findall(text)) + (1.5 if data else 0.0),
        "process": len(_PROCESS.findall(text)) * 1.0,
        "recommendation": len(_RECOMMENDATION.findall(text)) * 1.5 + (4.0 if _IMPERATIVE.match(text) else 0.0),
        "judgement": 2.5 if _JUDGEMENT.search(text) else 0.0,
    }
    role, best = max(scores.items(), key=lambda kv: kv[1])
    if best <= 0:
        role = "context"
    elif scores["process"] == best and scores["outcome"] == best:
        role = "outcome" if data else "process"
    concern = len(_CONCERN.findall(text))
    strength = len(_STRENGTH.findall(text))
    polarity = "concern" if concern > strength else "strength" if strength > concern else "neutral"
    return SentenceLabel(role, polarity, data)


def combine(sentence: SentenceLabel, passage_role: str | None, passage_polarity: str | None) -> SentenceLabel:
    """A sentence's own cues first; a sentence with no cues takes its passage's role."""
    role = sentence.role
    if role == "context" and passage_role in ROLES:
        role = passage_role
    polarity = sentence.polarity
    if polarity == "neutral" and passage_polarity in ("strength", "concern"):
        polarity = passage_polarity
    return SentenceLabel(role, polarity, sentence.has_data, sentence.source)


@lru_cache(maxsize=4)
def _tagger(framework_key: object, settings_key: object):  # type: ignore[no-untyped-def]
    from tagging import Tagger  # noqa: WPS433 - optional: the tagger may not be installed yet

    framework, settings = framework_key, settings_key  # hashed by identity via the wrapper below
    return Tagger(framework.value, settings.value)  # type: ignore[attr-defined]


class _ByIdentity:
    def __init__(self, value: object) -> None:
        self.value = value

    def __hash__(self) -> int:
        return id(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _ByIdentity) and other.value is self.value


def _field(result: object, name: str, default: object = None) -> object:
    if isinstance(result, dict):
        return result.get(name, default)
    return getattr(result, name, default)


def classify_texts(texts: Sequence[str], framework=None, settings=None, *, use_tagger: bool | None = None) -> list[SentenceLabel]:  # type: ignore[no-untyped-def]
    """Role/polarity/has_data per text: the project tagger when available, else the rules."""
    texts = list(texts)
    if use_tagger is None:
        use_tagger = os.environ.get("READINESS_NARRATIVE_CLASSIFIER", "").lower() != "rules"
    if use_tagger and framework is not None and settings is not None and texts:
        try:
            tagger = _tagger(_ByIdentity(framework), _ByIdentity(settings))
            results = list(tagger.tag_texts(texts))
            if len(results) == len(texts):
                labels = []
                for text, result in zip(texts, results):
                    raw_role = _field(result, "role", "context") or "context"
                    role = str(getattr(raw_role, "value", raw_role))
                    raw_polarity = _field(result, "polarity", "neutral") or "neutral"
                    polarity = str(getattr(raw_polarity, "value", raw_polarity))
                    data = bool(_field(result, "has_data", False)) or _has_data(text)
                    labels.append(SentenceLabel(role if role in ROLES else "context", polarity, data, "tagger"))
                return labels
        except Exception as exc:  # not written yet, or failing: the rules keep the command working
            log.debug("tagger unavailable for sentence classification: %s", exc)
    return [classify_rules(text) for text in texts]
