"""Tag passages with lines of enquiry, evidence role, polarity and whether they hold data.

    tagger = Tagger(load_framework(settings.framework), settings)
    result = tagger.tag(passages)          # Tags and PassageLabels for the store
    tagger.tag_texts(["Repeat referrals fell from 24% to 17%."])   # bare text, for evaluation

Grades and recommendations the rule components spot are cues for the role only: the judgement
history and the action register are the facts layer's (facts/), which scopes each to its council
and inspection.

Rules first, then spaCy text classifiers (tagging/textcat.py, trained from tagging/model/config.cfg,
shipped in tagging/model/textcat/): the rule components find cues and decide; the classifiers read
the passage's words and the rules' decisions and re-decide the labels where leave-one-council-out CV
showed they beat the rules (`readiness train-tagger --cv`). Everything stays explained: every Tag
lists the cues that fired; every PassageLabel carries an `explanation` per label, with
"model: p=…; weighed most: …" where the model decided. The spaCy pipeline is built
once per process (see `tagging.pipeline`). Bump TAGGER_VERSION whenever rules or cues change so
the store re-tags.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from spacy.tokens import Doc

from core.model import Passage, PassageLabel, Tag
from frameworks import Framework
from core.settings import Settings

_THEME_IN_CUE = re.compile(r"\(([a-z0-9_]+(?:\.[a-z0-9_]+)+)\)")
_PHRASE_IN_CUE = re.compile(r"'([^']+)'")

TAGGER_VERSION = "2026.12.05-rules.22+textcat.18"  # the has_data classifier (the words around each figure; trained also on the has_data check batches not held out) adds a figure the rules missed where p >= 0.5
BATCH_SIZE = 64

__all__ = ["TAGGER_VERSION", "Tagger", "TaggingResult", "TextTags"]


@dataclass
class TaggingResult:
    tags: list[Tag] = field(default_factory=list)
    labels: list[PassageLabel] = field(default_factory=list)


@dataclass
class TextTags:
    """Everything the tagger decided about one text, with the reasons."""

    loe: dict[str, float]  # selected line ids -> score (0-1)
    loe_cues: dict[str, list[str]]
    role: str
    polarity: str
    has_data: bool
    explanation: dict[str, list[str]]
    judgements: list[dict] = field(default_factory=list)
    actions: list[dict] = field(default_factory=list)

    @property
    def loe_ids(self) -> list[str]:
        return list(self.loe)


class Tagger:
    def __init__(self, framework: Framework, settings: Settings | None = None, *, use_lexicon: bool = True,
                 use_model: bool = True) -> None:
        from tagging.pipeline import get_pipeline

        self.framework = framework
        self.settings = settings or Settings()
        self.nlp = get_pipeline(
            self.settings.spacy_model, framework.key or framework.id, self.settings.frameworks_dir, use_lexicon,
            use_model
        )
        self.base_model = self.nlp.meta.get("readiness_base_model", "?")

    # -- running the pipeline ---------------------------------------------------------------
    def _docs(self, texts: Sequence[str], hints: Sequence[dict] | None = None) -> Iterable[Doc]:
        def prepared() -> Iterable[Doc]:
            for index, text in enumerate(texts):
                doc = self.nlp.make_doc(text or "")
                doc.user_data["readiness_text"] = text or ""  # Doc.text is the text given, joined again on each call
                doc._.hints = hints[index] if hints else None
                yield doc

        return self.nlp.pipe(prepared(), batch_size=BATCH_SIZE)

    def tag_texts(self, texts: Sequence[str], hints: Sequence[dict] | None = None) -> list[TextTags]:
        """Tags for bare texts; `hints` (one per text, as `tag` builds them) may name each text's
        document kind, which the statistical layer reads."""
        return [self._text_tags(doc) for doc in self._docs(list(texts), hints)]

    def tag(self, passages: Sequence[Passage]) -> TaggingResult:
        result = TaggingResult()
        hints = [
            {
                "document": p.document_sha,  # passages either side in the same document weigh (textcat)
                "heading_path": tuple(p.heading_path or ()),
                "kind": p.kind,
                "label": p.label,
                "document_kind": p.document_kind,
                "document_date": p.document_date,
            }
            for p in passages
        ]
        for passage, doc in zip(passages, self._docs([p.text for p in passages], hints)):
            tags = self._text_tags(doc)
            for loe, score in tags.loe.items():
                result.tags.append(Tag(
                    passage_id=passage.id, framework=self.framework.id, loe=loe, score=score,
                    cues=tags.loe_cues.get(loe, []), component="readiness_loe",
                ))
                result.tags.extend(self._theme_tags(passage.id, loe, score, tags.loe_cues.get(loe, [])))
            result.labels.append(PassageLabel(
                passage_id=passage.id, role=tags.role, polarity=tags.polarity,
                has_data=tags.has_data, explanation=tags.explanation,
            ))
        return result

    def _theme_tags(self, passage_id: int, loe: str, score: float, cues: Sequence[str]) -> list[Tag]:
        """Tags for the sub-lines (themes) whose cues fired inside a line of enquiry.

        The line's cues name the theme they belong to ("cue: 'pathway plan' (<sub-line id>)");
        a theme tag scores a little below its line so the line still orders the pack.
        """
        by_theme: dict[str, list[str]] = {}
        for cue in cues:
            themes = set(_THEME_IN_CUE.findall(cue))
            phrase = _PHRASE_IN_CUE.search(cue)
            if phrase:  # a cue phrase that is also one of a theme's own cues
                themes.update(self._themes_by_cue().get(phrase.group(1).lower().rstrip("s"), ()))
            for theme in sorted(themes):  # a set: sorted, so a re-run stores its tags in the same order
                if self._parent_of(theme) == loe:
                    by_theme.setdefault(theme, []).append(cue)
        return [
            Tag(passage_id=passage_id, framework=self.framework.id, loe=theme,
                score=round(score * 0.9, 4), cues=theme_cues, component="readiness_loe_theme")
            for theme, theme_cues in by_theme.items()
        ]

    def _themes_by_cue(self) -> dict[str, set[str]]:
        if not hasattr(self, "_theme_cue_index"):
            index: dict[str, set[str]] = {}
            for line in self.framework.lines:
                if line.parent:
                    for cue in line.cues:
                        index.setdefault(cue.lower().rstrip("s"), set()).add(line.id)
            self._theme_cue_index = index
        return self._theme_cue_index

    def _parent_of(self, loe_id: str) -> str | None:
        try:
            return self.framework.line(loe_id).parent
        except KeyError:
            return None

    # -- reading results off a Doc ----------------------------------------------------------
    @staticmethod
    def _text_tags(doc: Doc) -> TextTags:
        selected = doc._.loe_selected or {}
        judgements = [
            {"area": span._.area, "grade": span._.grade, "date": span._.date, "cue": span.text}
            for span in (doc._.judgements or [])
        ]
        explanation = {
            "loe": [f"{loe}: {', '.join(cues[:4])}" for loe, cues in (doc._.loe_cues or {}).items() if loe in selected]
            + list(doc._.loe_notes or []),
            "role": list(doc._.role_cues or []),
            "polarity": list(doc._.polarity_cues or []),
            "has_data": list(doc._.data_cues or []),
        }
        if judgements:
            explanation["judgements"] = [f"{j['area']}: {j['grade']} ('{j['cue']}')" for j in judgements]
        return TextTags(
            loe=dict(selected),
            loe_cues={k: v for k, v in (doc._.loe_cues or {}).items() if k in selected},
            role=doc._.role or "context",
            polarity=doc._.polarity or "neutral",
            has_data=bool(doc._.has_data),
            explanation=explanation,
            judgements=judgements,
            actions=list(doc._.actions or []),
        )
