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
that weighed most (`top_features`). `readiness_textcat_decide` (after them, in the same pipeline)
writes each decision the model owns onto the Doc in place of the rules', with its explanation.
"""

from __future__ import annotations

import logging
from functools import lru_cache, partial
from pathlib import Path
from typing import List, Sequence

import numpy as np
from spacy.language import Language
from spacy.ml.models.textcat import resize_and_set_ref
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Linear, Model, SparseLinear_v2, add, chain, concatenate, list2ragged, reduce_max, reduce_mean, resizable, with_cpu
from thinc.layers.resizable import resize_linear_weighted
from thinc.types import Floats2d

from tagging.features import passage_features

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).parent / "model"
TEXTCAT_DIR = MODEL_DIR / "textcat"
CONFIG_PATH = MODEL_DIR / "config.cfg"
HEADS = {"role": "textcat_role", "polarity": "textcat_polarity", "loe": "textcat_loe", "has_data": "textcat_data"}
_CACHE_KEY = "readiness_features"
DEFAULT_GROUPS = "words,numbers,shape,rules"

# -- the architecture -----------------------------------------------------------------------------


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
    stems = sum(1 for n in names if n[:2] in ("s:", "sb"))
    share = 1.0 / np.sqrt(words) if words else 1.0
    stem_share = 1.0 / np.sqrt(stems) if stems else 1.0
    return np.asarray([share if n[:2] in ("w:", "b:") else stem_share if n[:2] in ("s:", "sb") else 1.0
                       for n in names], dtype="f")


def _inputs(doc: Doc, groups: str) -> tuple[np.ndarray, np.ndarray]:
    key = (_CACHE_KEY + ":inputs", groups)
    cached = doc.user_data.get(key)
    if cached is None:
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


def feature_weights(pipe, names: Sequence[str]) -> np.ndarray:
    """Each feature's weight per label of a trained textcat (rows: names, columns: its labels)."""
    linear = pipe.model.get_ref("output_layer")
    if not names:
        return np.zeros((0, len(pipe.labels)))
    keys = _keys(names)
    vals = np.ones(len(keys), dtype="f")
    lengths = np.ones(len(keys), dtype="int32")
    scores = linear.predict((keys, vals, lengths))
    return np.asarray(scores) - np.asarray(linear.get_param("b"))[None, :]


def top_features(pipe, doc: Doc, label: str, k: int = 3) -> list[str]:
    """The features of this passage that pushed hardest towards `label` (readable names)."""
    names = features_of(doc, pipe.model.attrs["feature_groups"])
    weights = feature_weights(pipe, names)
    if not len(weights):
        return []
    column = list(pipe.labels).index(label)
    push = weights[:, column]
    if weights.shape[1] > 1 and not pipe.model.attrs.get("multi_label"):
        push = push - weights.mean(axis=1)  # towards this label rather than the others
    order = np.argsort(-push)[:k]
    return [names[i] for i in order if push[i] > 0]


def readable(name: str) -> str:
    """'b:placement stability' -> "'placement stability'"; 'rule:role=outcome' -> 'rules said outcome'."""
    kind, _, value = name.partition(":")
    if kind in {"w", "b", "first", "first2"}:
        return f"'{value}'"
    if kind == "rule":
        return "rules: " + value.replace("=", " ").replace(":", " ")
    return value.replace("=", " ").replace("<=", " up to ")
