"""What the statistical layer reads from a passage: words, shape and what the rules decided.

    names = passage_features(doc)        # ["w:placement", "b:placement stability", "rule:role=outcome", ...]

Every feature is a readable string (so a decision can name the words that weighed most); the
textcat architecture in tagging/textcat.py hashes them into spaCy's sparse linear layer. Numbers are
read by their kind, not their value ("24 children" -> "<num> children", "2019" -> "<year>"), so what
the layer learns about figures carries over to figures it has never seen.

Feature groups (tagging/model/config.cfg names the groups each classifier reads):
- `words`: `w:` lower-case words and `b:` word pairs (numbers by kind), `first:`/`first2:` the opening words;
- `stems`: `s:`/`sb:` crude suffix stems and stem pairs, so "assessed" and "assessments" share weight;
- `shape`: length, final punctuation, a table row, a printed label, a heading;
- `rules`: the rule components' decisions, cue kinds and scores (only when the rules ran first);
- `cues`: each rule cue by the label it argues for (`pcue:concern:negated robust`), the polarity balance;
- `source`: whether the passage is from an inspection report or a council's own paper (the extractor's
  document kind, `doc._.hints`); nothing when the kind is not known;
- `heading`: `hw:` the words of the heading the passage sits under and `hk:` what the extractor took
  the passage for (a list item, a table row, a paragraph, a heading); nothing when not known;
- `domain`: every other feature again, as the passage's source's own copy (its hash key mixed with
  the source, tagging/textcat.py), so a classifier learns weights shared by both kinds of document
  and weights of each kind's own;
- `figures`: each figure in the passage (a number by its kind, a number word, "no", "none", "all",
  "only") with the stems of the words either side of it ("fig:*>child", "fig:within<*"): whether a
  passage holds data turns on what a number counts, which the words right beside it say.
Word and stem features share one unit of weight per passage (tagging/textcat.py, feature_values).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from spacy.attrs import ORTH
from spacy.tokens import Doc

NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand "
    "half halves third thirds quarter quarters fifth fifths tenth tenths".split())
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_YEAR_SPAN = re.compile(r"^(?:19|20)\d\d[/–-]\d\d(?:\d\d)?$")
_DECIMAL = re.compile(r"^\d+\.\d+$")
_DIGITS = re.compile(r"\d")
_LABEL = re.compile(r"^\s*(?:\(?\d+(?:\.\d+)*\)?\.?|[A-Z]\d+\.?|\([a-z]\))\s+")
_FINAL = re.compile(r"([.:;?!|])\W*$")

FEATURE_VERSION = 4


def text_of(doc: Doc) -> str:
    """The passage's text, joined once per Doc (the rule components keep it under the same key)."""
    text = doc.user_data.get("readiness_text")
    if text is None:
        text = doc.user_data["readiness_text"] = doc.text
    return text


def forms_of(doc: Doc) -> list[str]:
    """The doc's token forms (token_form, skipped tokens dropped), computed once per Doc."""
    forms = doc.user_data.get("readiness_forms")
    if forms is None:
        # token texts read in one call: a Token object per word cost more than the features themselves
        strings = doc.vocab.strings
        forms = [f for f in (token_form(strings[orth]) for orth in doc.to_array(ORTH).tolist()) if f is not None]
        doc.user_data["readiness_forms"] = forms
    return forms


def _word_forms(doc: Doc) -> list[str]:
    return [f for f in forms_of(doc) if f[0].isalpha() or f[0] == "<"]


@lru_cache(maxsize=65536)
def token_form(text: str) -> str | None:
    """The form a word takes in the features: lower case; numbers by kind; None to skip."""
    if text.isspace() or not text:
        return None
    lower = text.lower()
    if _DIGITS.search(lower):
        if _YEAR.match(lower):
            return "<year>"
        if _YEAR_SPAN.match(lower):
            return "<years>"
        if lower.endswith("%"):
            return "<num>%"
        if _DECIMAL.match(lower):
            return "<dec>"
        if lower[0] in "£$€":
            return "<money>"
        if re.fullmatch(r"[\d,]+", lower):
            return "<num>" if len(lower.replace(",", "")) < 3 else "<bignum>"
        return "<numx>"
    return lower


_SUFFIXES = ("ations", "ation", "ments", "ment", "ness", "ings", "ing", "ies", "ied", "ers", "er", "ed", "es", "ly", "s")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude suffix stem ("assessments", "assessed" -> "assess"), so related forms share weight."""
    if len(word) <= 4 or word.startswith("<"):
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def stem_features(doc: Doc) -> list[str]:
    stems = [stem(f) for f in _word_forms(doc)]
    feats = {f"s:{s}" for s in stems}
    feats.update(f"sb:{a} {b}" for a, b in zip(stems, stems[1:]))
    return sorted(feats)


def word_features(doc: Doc) -> list[str]:
    forms = forms_of(doc)
    feats = {f"w:{f}" for f in forms}
    feats.update(f"b:{a} {b}" for a, b in zip(forms, forms[1:]))
    body_forms = forms
    if forms and _LABEL.match(text_of(doc)):  # skip a printed paragraph label at the start
        label_tokens = len(_LABEL.match(text_of(doc)).group(0).split())
        body_forms = forms[label_tokens:] or forms
    if body_forms:
        feats.add(f"first:{body_forms[0]}")
        if len(body_forms) > 1:
            feats.add(f"first2:{body_forms[0]} {body_forms[1]}")
    if any(f in NUMBER_WORDS for f in forms):
        feats.add("w:<numword>")
    return sorted(feats)


def _hints(doc: Doc) -> dict:
    """What the extractor said about the passage (doc._.hints), empty when nothing was said."""
    return (doc._.hints or {}) if Doc.has_extension("hints") else {}


def shape_features(doc: Doc) -> list[str]:
    text = text_of(doc).strip()
    words = len(re.findall(r"[A-Za-z]{2,}", text))
    feats = [f"shape:words<={limit}" for limit in (3, 6, 12, 25, 50, 100) if words <= limit]
    final = _FINAL.search(text)
    feats.append(f"shape:final={final.group(1) if final else 'none'}")
    if "|" in text:
        feats.append("shape:table_row")
    if _LABEL.match(text_of(doc)):
        feats.append("shape:label")
    if text[:1].islower():
        feats.append("shape:starts_lower")
    if text.isupper() and words:
        feats.append("shape:upper")
    if _hints(doc).get("kind") == "heading":
        feats.append("shape:heading")
    return feats


def _bucket(value: float) -> str:
    return "0" if value <= 0 else "low" if value < 1.0 else "mid" if value < 2.0 else "high"


def _cue_kind(cue: str) -> str:
    lower = cue.lower()
    if "%" in lower or "per cent" in lower or "percent" in lower:
        return "percent"
    if re.search(r"\d", lower):
        return "figure"
    return "words"


def rule_features(doc: Doc) -> list[str]:
    """What the rule components decided (empty when they did not run)."""
    if not Doc.has_extension("role") or doc._.role is None:
        return []
    feats = [f"rule:role={doc._.role}", f"rule:polarity={doc._.polarity or 'neutral'}",
             f"rule:data={bool(doc._.has_data)}"]
    for kind in sorted({_cue_kind(c) for c in doc._.data_cues or ()}):
        feats.append(f"rule:data_cue={kind}")
    for name, value in sorted((doc._.role_scores or {}).items()):
        feats.append(f"rule:role_score={name}:{_bucket(float(value))}")
    for name, value in sorted((doc._.polarity_scores or {}).items()):
        feats.append(f"rule:polarity_score={name}:{_bucket(float(value))}")
    for line, value in sorted((doc._.loe or {}).items()):
        feats.append(f"rule:loe_score={line}:{_bucket(float(value))}")
    selected = doc._.loe_selected or {}
    feats += [f"rule:loe={line}" for line in sorted(selected)] or ["rule:loe=none"]
    for span in doc._.judgements or ():
        feats.append(f"rule:grade={span._.grade}")
    if doc._.actions:
        feats.append("rule:action")
    return feats


_CUE_TEXT = re.compile(r"^(?:cue|lexicon|heading|negated|mitigated|imperative|label|grade|fixes a weakness): ")


def _cue_name(cue: str) -> str:
    cue = re.sub(r"\s*\(\d+ mentions?\)", "", cue)
    return _CUE_TEXT.sub(lambda m: m.group(0)[:-2] + " ", cue).replace("'", "").strip()


def cue_features(doc: Doc) -> list[str]:
    """The rule components' individual cues, by the label they argue for ("pcue:concern:negated robust")."""
    if not Doc.has_extension("role") or doc._.role is None:
        return []
    feats: set[str] = set()
    for role, cues in (doc._.role_cue_map or {}).items():
        feats.update(f"rcue:{role}:{_cue_name(c)}" for c in cues)
    for side, cues in (doc._.polarity_cue_map or {}).items():
        feats.update(f"pcue:{side}:{_cue_name(c)}" for c in cues)
    for line, cues in (doc._.loe_cues or {}).items():
        for cue in cues:
            theme = re.search(r"\(([a-z_.]+)\)", cue)
            feats.add(f"lcue:{line}:{theme.group(1) if theme else _cue_name(cue).split(' ')[0]}")
    scores = doc._.polarity_scores or {}
    balance = float(scores.get("strength", 0)) - float(scores.get("concern", 0))
    feats.add("pbalance:" + ("s++" if balance >= 1.5 else "s+" if balance >= 0.5 else "c++" if balance <= -1.5
                             else "c+" if balance <= -0.5 else "even"))
    return sorted(feats)


def source_features(doc: Doc) -> list[str]:
    """Whether the passage comes from an inspection report or a council's own paper (the extractor's
    document kind): the same words weigh differently in an inspector's verdict and a committee's notes."""
    kind = _hints(doc).get("document_kind")
    if not kind:
        return []
    return ["src:inspection" if kind == "inspection report" else "src:council"]


def heading_features(doc: Doc) -> list[str]:
    """The words of the heading a passage sits under and what the extractor took it for (a list
    item, a table row, a paragraph): an item under "What needs to improve?" is a recommendation
    however it is worded, and a section's title says which line of enquiry its findings serve."""
    hints = _hints(doc)
    feats: set[str] = set()
    path = hints.get("heading_path") or ()
    if path:
        feats.update(f"hw:{form}" for form in (token_form(w) for w in re.findall(r"[\w’'-]+", path[-1]))
                     if form and len(form) > 2)
    kind = hints.get("kind")
    if kind:
        feats.add(f"hk:{getattr(kind, 'value', kind)}")
    return sorted(feats)


# what counts as a figure for the `figures` group: numbers (by kind) and the words that quantify
_FIGURE_WORDS = NUMBER_WORDS | {"no", "none", "nil", "all", "only", "single"}
_QUANTIFIERS = frozenset({"no", "none", "nil", "zero", "all", "only", "single"})


def figure_features(doc: Doc) -> list[str]:
    """Each figure with the stems of the words beside it: up to three after and two before."""
    forms = forms_of(doc)
    feats: set[str] = set()
    for i, form in enumerate(forms):
        if not (form.startswith("<") or form in _FIGURE_WORDS):
            continue
        kind = form if form.startswith("<") else (f"w:{form}" if form in _QUANTIFIERS else "<numword>")
        after = [stem(f) for f in forms[i + 1: i + 4]]
        before = [stem(f) for f in forms[max(0, i - 2): i]]
        feats.add(f"fig:kind={kind}")
        if after:
            feats.update((f"fig:{kind}>{after[0]}", f"fig:*>{after[0]}"))
            feats.update(f"fig:*>{' '.join(after[:n])}" for n in (2, 3) if len(after) >= n)
        if before:
            feats.update((f"fig:{before[-1]}<{kind}", f"fig:{before[-1]}<*"))
            if len(before) == 2:
                feats.add(f"fig:{before[0]} {before[1]}<*")
    return sorted(feats)


GROUPS = {"words": word_features, "stems": stem_features, "cues": cue_features, "shape": shape_features,
          "rules": rule_features, "source": source_features, "heading": heading_features,
          "figures": figure_features}
ALL_GROUPS = ("words", "stems", "shape", "rules", "cues")
def passage_features(doc: Doc, groups: Sequence[str] = ALL_GROUPS) -> list[str]:
    """The named features of these groups (`domain` names none of its own: tagging/textcat.py)."""
    feats: list[str] = []
    for group in groups:
        if group != "domain":
            # classifiers reading different groups share each group's features, computed once per Doc
            key = ("readiness_group", group)
            names = doc.user_data.get(key)
            if names is None:
                names = doc.user_data[key] = GROUPS[group](doc)
            feats += names
    return feats
