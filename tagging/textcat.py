"""The statistical layer: spaCy text classifiers over a passage's words, shape and the rules' output.

Four spaCy components, trained from `tagging/model/config.cfg` (see tagging/fit.py) and shipped in
`tagging/model/textcat/` (package data, loaded with no network):

| component | factory | labels |
| --- | --- | --- |
| `textcat_role` | `textcat` (exclusive) | outcome, process, recommendation, judgement, context |
| `textcat_polarity` | `textcat` (exclusive) | strength, concern, neutral |
| `textcat_loe` | `textcat_multilabel` | the four current ILACS lines of enquiry |
| `textcat_data` | `textcat_multilabel` | has_data |

Each uses the architecture `readiness.PassageBOW.v1` registered here: spaCy's own sparse linear
bag-of-features classifier (as `spacy.TextCatBOW.v3`), fed by readable features (tagging/features.py)
instead of raw token ids, so the rules' decisions are inputs and a decision can name the features
that weighed most (`top_features`). The pipeline component `readiness_model` (after the rules, from
`tagging/data/pipeline.yaml`) runs the classifiers the model uses and writes each decision it owns onto
the Doc in place of the rules', with its explanation.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache, partial
from pathlib import Path
from typing import Collection, Iterable, Iterator, List, Mapping, Sequence

import numpy as np
from spacy.language import Language
from spacy.ml.models.textcat import resize_and_set_ref
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import minibatch, registry
from thinc.api import Linear, Model, SparseLinear_v2, add, chain, concatenate, list2ragged, reduce_max, reduce_mean, resizable, with_cpu
from thinc.layers.resizable import resize_linear_weighted
from thinc.types import Floats2d

from tagging import rules
from tagging.features import passage_features, source_features, text_of

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).parent / "model"
TEXTCAT_DIR = MODEL_DIR / "textcat"
CONFIG_PATH = MODEL_DIR / "config.cfg"
HEADS = {"role": "textcat_role", "polarity": "textcat_polarity", "loe": "textcat_loe", "has_data": "textcat_data"}
_CACHE_KEY = "readiness_features"
DEFAULT_GROUPS = "words,stems,shape,rules,cues"

# -- the architecture -----------------------------------------------------------------------------


def _without_domain(groups: str) -> str:
    return ",".join(g for g in groups.split(",") if g.strip() and g.strip() != "domain")


def features_of(doc: Doc, groups: str = DEFAULT_GROUPS) -> list[str]:
    """The passage's feature names, computed once per Doc and kept on it."""
    key = (_CACHE_KEY, groups)
    names = doc.user_data.get(key)
    if names is None:
        names = passage_features(doc, tuple(g.strip() for g in groups.split(",") if g.strip()))
        doc.user_data[key] = names
    return names


def _keys(names: Sequence[str]) -> np.ndarray:
    return np.fromiter((get_string_id(n) for n in names), dtype="uint64", count=len(names))


def feature_values(names: Sequence[str]) -> np.ndarray:
    """Word features share a unit of weight (1/sqrt of their number); shape and rule features count
    one each. Without this a long passage's hundred word features outvote what the rules found."""
    words = sum(1 for n in names if n[:2] in ("w:", "b:"))
    stems = sum(1 for n in names if n[:2] in ("s:", "sb", "st"))
    share = 1.0 / np.sqrt(words) if words else 1.0
    stem_share = 1.0 / np.sqrt(stems) if stems else 1.0
    return np.asarray([share if n[:2] in ("w:", "b:") else stem_share if n[:2] in ("s:", "sb", "st") else 1.0
                       for n in names], dtype="f")


# the `domain` group: each feature's key mixed with the passage's source gives that source's own copy
# of the feature (feature augmentation for domain adaptation, Daume 2007), with no names to hash again
_SOURCE_SALT = {"src:council": np.uint64(0x9E3779B97F4A7C15), "src:inspection": np.uint64(0xC2B2AE3D27D4EB4F)}


def _inputs(doc: Doc, groups: str) -> tuple[np.ndarray, np.ndarray]:
    key = (_CACHE_KEY + ":inputs", groups)
    cached = doc.user_data.get(key)
    if cached is None:
        if "domain" in (g.strip() for g in groups.split(",")):
            keys, values = _inputs(doc, _without_domain(groups))
            source = source_features(doc)
            if source:
                cached = (np.concatenate([keys, keys ^ _SOURCE_SALT[source[0]]]), np.concatenate([values, values]))
            else:
                cached = (keys, values)
        else:
            names = features_of(doc, groups)
            cached = (_keys(names), feature_values(names))
        doc.user_data[key] = cached
    return cached


def _extract_forward(model: Model, docs: List[Doc], is_train: bool):
    batch = [_inputs(doc, model.attrs["groups"]) for doc in docs]
    lengths = model.ops.asarray([len(k) for k, _ in batch], dtype="int32")
    keys = np.concatenate([k for k, _ in batch]) if batch else np.zeros((0,), dtype="uint64")
    vals = np.concatenate([v for _, v in batch]) if batch else np.zeros((0,), dtype="f")

    def backprop(dY):
        return []

    return (keys, model.ops.asarray(vals, dtype="f"), lengths), backprop


def extract_features(groups: str) -> Model:
    return Model("readiness_features", _extract_forward, attrs={"groups": groups})


@registry.architectures("readiness.PassageBOW.v1")
def build_passage_bow(exclusive_classes: bool, groups: str = DEFAULT_GROUPS, length: int = 32768,
                      nO: int | None = None) -> Model[List[Doc], Floats2d]:
    """spaCy's bag-of-words text classifier (TextCatBOW.v3's layers) over readable passage features."""
    length = 2 ** (length - 1).bit_length()
    sparse_linear = SparseLinear_v2(nO=nO, length=length)
    fill_defaults = {"b": -5000 if exclusive_classes else 0, "W": 0}
    with Model.define_operators({">>": chain}):
        resizable_layer = resizable(sparse_linear, resize_layer=partial(resize_linear_weighted,
                                                                      fill_defaults=fill_defaults))
        model = extract_features(groups) >> resizable_layer
        model = with_cpu(model, model.ops)
        output_layer = _log_loss_output(exclusive_classes)
        model = model >> with_cpu(output_layer, output_layer.ops)
    if nO is not None:
        model.set_dim("nO", nO)
    model.set_ref("output_layer", sparse_linear)
    model.attrs["multi_label"] = not exclusive_classes
    model.attrs["feature_groups"] = groups
    model.attrs["resize_output"] = partial(resize_and_set_ref, resizable_layer=resizable_layer)
    return model


@registry.architectures("readiness.PassageEnsemble.v1")
def build_passage_ensemble(exclusive_classes: bool, tok2vec: Model, groups: str = DEFAULT_GROUPS,
                           length: int = 32768, nO: int | None = None) -> Model[List[Doc], Floats2d]:
    """The bag of features above plus a small CNN over the words (spaCy's HashEmbedCNN tok2vec,
    mean- and max-pooled): their scores are added before the softmax or sigmoid."""
    length = 2 ** (length - 1).bit_length()
    sparse_linear = SparseLinear_v2(nO=nO, length=length)
    with Model.define_operators({">>": chain, "|": concatenate, "+": add}):
        linear = with_cpu(extract_features(groups) >> sparse_linear, sparse_linear.ops)
        cnn = tok2vec >> list2ragged() >> (reduce_mean() | reduce_max()) >> Linear(nO=nO)
        model = (linear + cnn) >> _log_loss_output(exclusive_classes)
    model.set_ref("output_layer", sparse_linear)
    model.set_ref("tok2vec", tok2vec)
    model.attrs["multi_label"] = not exclusive_classes
    model.attrs["feature_groups"] = groups
    return model


def _log_loss_output(exclusive: bool) -> Model[Floats2d, Floats2d]:
    """Softmax or sigmoid whose backward pass hands the textcat's (prediction - truth) straight to
    the scores: the gradient of log loss, as thinc's own Softmax layer does. With the textcat's
    squared error through the activation's Jacobian instead, confident mistakes on a rare label
    (has_data: 9% of passages) barely move the weights, and held-out recall collapsed."""

    def forward(model: Model, X: Floats2d, is_train: bool):
        Y = model.ops.softmax(X, inplace=False) if exclusive else model.ops.sigmoid(X, inplace=False)

        def backprop(dY: Floats2d) -> Floats2d:
            return dY

        return Y, backprop

    return Model("log_loss_softmax" if exclusive else "log_loss_sigmoid", forward)


def feature_weights(pipe, names: Sequence[str], keys: np.ndarray | None = None) -> np.ndarray:
    """Each feature's weight per label of a trained textcat (rows: names, columns: its labels)."""
    linear = pipe.model.get_ref("output_layer")
    if not len(names):
        return np.zeros((0, len(pipe.labels)))
    keys = _keys(names) if keys is None else keys
    vals = np.ones(len(keys), dtype="f")
    lengths = np.ones(len(keys), dtype="int32")
    scores = linear.predict((keys, vals, lengths))
    return np.asarray(scores) - np.asarray(linear.get_param("b"))[None, :]


def explainable(pipe, doc: Doc) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The passage's features a reader can follow, their values and hash keys (once per Doc and
    feature set)."""
    # a source's copies have no names of their own: a classifier reading them explains from the
    # features they copy
    groups = _without_domain(pipe.model.attrs["feature_groups"])
    key = (_CACHE_KEY + ":explainable", groups)
    cached = doc.user_data.get(key)
    if cached is None:
        names = features_of(doc, groups)
        keys, values = _inputs(doc, groups)
        keep = [i for i, n in enumerate(names) if _explains(n)]
        cached = ([names[i] for i in keep], values[keep], keys[keep])
        doc.user_data[key] = cached
    return cached


def top_features(pipe, doc: Doc, label: str, k: int = 3, weights: np.ndarray | None = None) -> list[str]:
    """The features of this passage that pushed hardest towards `label` (readable names). `weights`
    (feature_weights of explainable(pipe, doc)) may be given when computed for a batch at once."""
    names, values, keys = explainable(pipe, doc)
    if not names:
        return []
    if weights is None:
        weights = feature_weights(pipe, names, keys)
    column = list(pipe.labels).index(label)
    push = weights[:, column]
    if weights.shape[1] > 1 and not pipe.model.attrs.get("multi_label"):
        push = push - weights.mean(axis=1)  # towards this label rather than the others
    push = push * values  # what each feature added to this passage's score
    order = [i for i in np.argsort(-push)[:k] if push[i] > 0]
    return [names[i] for i in order]


def readable(name: str) -> str:
    """A feature as a reader sees it: words quoted ('pathway plan'), a rule cue by what it matched
    ("imperative 'Ensure'"), a rule decision as "rules: outcome", the source by its kind, the heading
    by its words ("'improve' in its heading") and the passage by its kind ("a list item")."""
    kind, _, value = name.partition(":")
    if kind == "src":
        return "an inspection report" if value == "inspection" else "a council paper"
    if kind in {"w", "b", "first", "first2", "s", "sb", "st"}:
        return f"'{value}'"
    if kind == "hw":
        return f"'{value}' in its heading"
    if kind == "hk":
        return f"a {value}"
    if kind in {"rcue", "pcue", "lcue"}:
        return value.partition(":")[2].strip() or value
    if kind == "rule":
        return "rules: " + value.replace("=", " ").replace(":", " ")
    if kind == "fig":
        return _readable_figure(value)
    return value.replace("=", " ").replace("<=", " up to ")


_FIGURE_KIND = r"(\*|<[a-z]+>%?|w:[a-z]+)"
_FIGURE_NAMES = {"<num>": "a number", "<bignum>": "a number", "<num>%": "a percentage", "<dec>": "a decimal",
                 "<money>": "a sum of money", "<year>": "a year", "<years>": "a span of years",
                 "<numword>": "a number in words", "<numx>": "a number"}
_FIGURE_AFTER = re.compile(rf"^{_FIGURE_KIND}>(.+)$")
_FIGURE_BEFORE = re.compile(rf"^(.+)<{_FIGURE_KIND}$")


def _readable_figure(value: str) -> str:
    """A `figures` feature in words: "*>child" -> "a figure before 'child'", "within<*" -> "'within' before a figure"."""
    def figure(part: str) -> str:
        if part.startswith("w:"):
            return f"'{part[2:]}'"
        return _FIGURE_NAMES.get(part, "a figure" if part == "*" else part)

    if value.startswith("kind="):
        return figure(value[5:])
    after = _FIGURE_AFTER.match(value)
    if after:
        return f"{figure(after.group(1))} before '{after.group(2)}'"
    before = _FIGURE_BEFORE.match(value)
    return f"'{before.group(1)}' before {figure(before.group(2))}" if before else value


_UNEXPLAINING = frozenset({"shape", "pbalance", "s", "sb", "st"})
_ALNUM = re.compile(r"[^\W_]")  # a letter or digit, as str.isalnum has them


def _explains(name: str) -> bool:
    """Punctuation, length buckets and word stems (their words are there too) weigh in decisions but
    tell a reader nothing more. Not cached: a corpus has more word pairs than any cache would keep."""
    kind, _, value = name.partition(":")
    return kind not in _UNEXPLAINING and (value[:1].isalnum() or _ALNUM.search(value) is not None)



def read_by_direction(polarity: str, text: str) -> tuple[str, str | None]:
    """The polarity the shipped tagger gives a passage the classifier called `polarity`, and the words
    of a measured change that overrode it: the classifiers see the words of "repeat referrals fell
    from 24% to 17%" but not which way is better (rules.trend_polarity)."""
    trend = rules.trend_polarity(text)
    if trend and trend[0] != polarity:
        return trend[0], trend[1]
    return polarity, None


def _document_of(doc: Doc) -> object | None:
    hints = doc._.hints if Doc.has_extension("hints") else None
    return (hints or {}).get("document")


def _beside(doc: Doc, previous: Doc | None, following: Doc | None) -> list[Doc]:
    """The passages either side of `doc` in the stream that belong to its document (the extractor's
    reading order; `Tagger.tag` names each passage's document in its hints). A text tagged without a
    document has no neighbours."""
    document = _document_of(doc)
    if document is None:
        return []
    return [n for n in (previous, following) if n is not None and _document_of(n) == document]


def with_neighbours(own: Mapping[str, float], neighbours: Sequence[Mapping[str, float]],
                    weight: float) -> dict[str, float]:
    """A passage's scores for one head (role or polarity) with the mean of its neighbours' (the
    passages either side in its document) added at `weight`. Roles and findings run in stretches (a
    list of recommendations, a run of minutes' narration, a section of strengths), so a passage the
    classifier finds ambiguous on its own leans the way the passages around it read."""
    if not neighbours or weight <= 0:
        return dict(own)
    return {label: score + weight * sum(n.get(label, 0.0) for n in neighbours) / len(neighbours)
            for label, score in own.items()}


def role_with_rules(model_role: str, rule_role: str, rule_roles: Collection[str]) -> str:
    """The shipped role: the model's, except a rules' label the configuration keeps because the rules
    won on it in cross-validation (a formal grade the rules read is a judgement, whatever the words
    around it suggest to the classifier)."""
    return rule_role if rule_role in rule_roles else model_role


def lines_with_rules(model_lines: Iterable[str], rule_lines: Iterable[str], kept: Collection[str]) -> list[str]:
    """The shipped lines of enquiry: the model's, plus the rules' lines the configuration keeps
    beside them (cross-validation showed the rules' cues for them precise enough to add)."""
    lines = list(model_lines)
    return lines + [line for line in rule_lines if line in kept and line not in lines]


# -- the trained components in the tagging pipeline ------------------------------------------------


@lru_cache(maxsize=2)
def load_trained(path: str | None = None) -> Language | None:
    """The shipped textcat pipeline (package data), loaded once per process; None when missing."""
    import spacy

    target = Path(path) if path else TEXTCAT_DIR
    if not (target / "config.cfg").exists():
        log.warning("tagger model %s not found: rules only", target)
        return None
    return spacy.load(target)


class TextcatDecider:
    """Runs the trained text classifiers the model uses and writes each decision it owns onto the
    Doc in place of the rules', with its explanation.

    Which decisions it owns (`active`) and the line threshold come from the model's meta: the heads
    that beat the rules in cross-validation. has_data is the rules', with the classifier adding a
    figure they missed where it is sure enough (`data_threshold`). The rules' cues stay the explanation of a decision the
    model agrees with; where it disagrees, the note says what the rules said and which of the
    passage's features weighed most. Without the model files the rules' decisions stand.
    """

    def __init__(self, name: str, framework: str | None, frameworks_dir: str | None,
                 model_path: str | None) -> None:
        from frameworks import default_framework_id, load_framework

        self.name = name
        trained = load_trained(model_path)
        meta = trained.meta.get("readiness", {}) if trained is not None else {}
        self.threshold = float(meta.get("loe_threshold", 0.5))
        self.rule_roles = frozenset(meta.get("rule_roles", ()))
        self.rule_lines = frozenset(meta.get("rule_lines", ()))
        self.neighbour_weight = float(meta.get("neighbour_weight", 0.0))
        self.data_threshold = float(meta.get("data_threshold", 0.0))
        heads = list(meta.get("active", [])) + (["has_data"] if self.data_threshold > 0 else [])
        self.pipes = {head: trained.get_pipe(HEADS[head]) for head in dict.fromkeys(heads)
                      if trained is not None and HEADS.get(head) in trained.pipe_names}
        fw = load_framework(framework or default_framework_id(), frameworks_dir or None)
        # the line classifier learned the current ILACS lines: used only where they are this framework's lines
        if "loe" in self.pipes and not set(self.pipes["loe"].labels) <= {line.id for line in fw.top_lines}:
            self.pipes.pop("loe")

    def _classify(self, batch: list[Doc]) -> None:
        """Each classifier's scores into doc.cats, and the feature weights behind the explanations,
        looked up once per batch."""
        for head, pipe in self.pipes.items():
            pipe.set_annotations(batch, pipe.predict(batch))
            if head == "has_data":
                continue  # explained only where it adds a figure, which few passages need
            parts = [explainable(pipe, doc) for doc in batch]
            names = [part[0] for part in parts]
            weights = feature_weights(pipe, [n for doc_names in names for n in doc_names],
                                      np.concatenate([part[2] for part in parts]) if parts else None)
            start = 0
            for doc, doc_names in zip(batch, names):
                doc.user_data[(_CACHE_KEY + ":weights", head)] = weights[start:start + len(doc_names)]
                start += len(doc_names)

    def pipe(self, stream: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        # each passage is decided once the one after it is classified: its neighbours' scores weigh
        previous: Doc | None = None
        current: Doc | None = None
        for batch in minibatch(stream, size=batch_size):
            self._classify(batch)
            for doc in batch:
                if current is not None:
                    yield self._decide(current, _beside(current, previous, doc))
                    previous = current
                current = doc
        if current is not None:
            yield self._decide(current, _beside(current, previous, None))

    def __call__(self, doc: Doc) -> Doc:
        self._classify([doc])
        return self._decide(doc, [])

    def _decide(self, doc: Doc, neighbours: Sequence[Doc] = ()) -> Doc:
        notes: list[str] = []
        if "role" in self.pipes:
            self._role(doc, notes, neighbours)
        if "polarity" in self.pipes:
            self._polarity(doc, neighbours)
        if "has_data" in self.pipes:
            self._data(doc)
        if "loe" in self.pipes:
            self._lines(doc, notes)
        doc._.model_notes = notes
        return doc

    def _why(self, head: str, doc: Doc, label: str) -> str:
        weights = doc.user_data.get((_CACHE_KEY + ":weights", head))
        shown: list[str] = []
        rules_named = False
        for name in top_features(self.pipes[head], doc, label, k=8, weights=weights):
            is_rule = name.startswith("rule:")
            if is_rule and rules_named:
                continue  # the rules' decision and its score are one reason: leave room for the words
            rules_named |= is_rule
            text = readable(name)
            if text not in shown:
                shown.append(text)
            if len(shown) == 3:
                break
        return ", ".join(shown) or "no single feature"

    def _beside_neighbours(self, head: str, doc: Doc, neighbours: Sequence[Doc]) -> tuple[str, str]:
        """The model's label for a head read alone and read beside the passages either side."""
        labels = self.pipes[head].labels
        own = {label: doc.cats.get(label, 0.0) for label in labels}
        combined = with_neighbours(own, [{label: n.cats.get(label, 0.0) for label in labels} for n in neighbours],
                                   self.neighbour_weight)
        return max(labels, key=own.__getitem__), max(labels, key=combined.__getitem__)

    def _model_note(self, head: str, doc: Doc, alone: str, label: str) -> str:
        why = self._why(head, doc, label)
        if alone == label:
            return f"model: p={doc.cats[label]:.2f}; weighed most: {why}"
        return (f"model: {label} beside the passages either side ({alone} alone, p={doc.cats[alone]:.2f}); "
                f"weighed most: {why}")

    def _role(self, doc: Doc, notes: list[str], neighbours: Sequence[Doc] = ()) -> None:
        from tagging.components import ActionFinder

        alone, model_role = self._beside_neighbours("role", doc, neighbours)
        rule_role = doc._.role or "context"
        role = role_with_rules(model_role, rule_role, self.rule_roles)
        note = self._model_note("role", doc, alone, model_role)
        if role != model_role:
            note = f"rules' {rule_role} kept over the model's {model_role} ({note})"
        elif model_role != rule_role:
            note += f" (rules said {rule_role})"
        cue_map = doc._.role_cue_map or {}
        doc._.role_cues = (cue_map.get(role) or [])[:4] + [note]
        if role != rule_role:
            doc._.role = role
            ActionFinder("readiness_actions")(doc)  # recommendations carry actions
            notes.append(f"role {rule_role} -> {role}")

    def _polarity(self, doc: Doc, neighbours: Sequence[Doc] = ()) -> None:
        alone, polarity = self._beside_neighbours("polarity", doc, neighbours)
        rule_polarity = doc._.polarity or "neutral"
        pol_map = doc._.polarity_cue_map or {}
        if polarity == rule_polarity:
            cues = list(doc._.polarity_cues or [])
        elif polarity == "neutral":
            sides = pol_map.get("strength", [])[:2] + pol_map.get("concern", [])[:2]
            cues = ["balanced: " + ", ".join(sides)] if sides else []
        else:
            grades = [f"grade: '{s._.grade}'" for s in doc._.judgements or []]
            cues = grades + list(pol_map.get(polarity, []))
        note = self._model_note("polarity", doc, alone, polarity)
        if polarity != rule_polarity:
            note += f" (rules said {rule_polarity})"
        polarity, reading = read_by_direction(polarity, text_of(doc))
        if reading:
            cues = [f"measured change: '{reading}'"]
            note += f"; read as {polarity} by the measure's direction"
        doc._.polarity_cues = cues[:5] + [note]
        doc._.polarity = polarity

    def _data(self, doc: Doc) -> None:
        """has_data: a figure the rules found stands; where they found none, the classifier's call
        above `data_threshold` adds one, named by the words around the figure that weighed most."""
        p = doc.cats.get("has_data", 0.0)
        if doc._.has_data or p < self.data_threshold:  # only run with the classifier on (data_threshold > 0)
            return
        doc._.data_cues = [f"model: p={p:.2f} (weighed most: {self._why('has_data', doc, 'has_data')})"]
        doc._.has_data = True

    def _lines(self, doc: Doc, model_notes: list[str]) -> None:
        notes: list[str] = []
        raw_cues = doc._.loe_cues or {}
        rule_selected = doc._.loe_selected or {}
        selected: dict[str, float] = {}
        line_cues: dict[str, list[str]] = {}
        kept_by_rules = set(lines_with_rules((), rule_selected, self.rule_lines))
        for line in self.pipes["loe"].labels:
            p = float(doc.cats.get(line, 0.0))
            if p >= self.threshold:
                selected[line] = round(p, 3)
                note = f"model: p={p:.2f}; weighed most: {self._why('loe', doc, line)}"
                line_cues[line] = list(raw_cues.get(line, []))[:3] + [note]
            elif line in kept_by_rules:
                selected[line] = rule_selected[line]
                line_cues[line] = list(raw_cues.get(line, []))[:3] + [f"rules' line kept (model: p={p:.2f})"]
            elif line in rule_selected:
                notes.append(f"model: not {line} (p={p:.2f})")
        doc._.loe_selected = selected
        doc._.loe_cues = {**raw_cues, **line_cues}
        doc._.loe_notes = list(doc._.loe_notes or []) + notes
        model_notes.extend(notes)


@Language.factory("readiness_model",
                  default_config={"framework": None, "frameworks_dir": None, "model_path": None})
def make_model(nlp: Language, name: str, framework: str | None, frameworks_dir: str | None,
               model_path: str | None) -> TextcatDecider:
    """The statistical layer as one pipeline component (tagging/data/pipeline.yaml), after the rules."""
    return TextcatDecider(name, framework, frameworks_dir, model_path)
