"""The small learned layer on top of the rules: features, a numpy logistic regression, the model file.

The rule components run first and stay the explanation. This layer reads what they decided (their
scores, cues and choices) plus the passage's words and shape, and re-decides role, polarity and the
lines of enquiry with multinomial logistic regression (L2, full-batch gradient descent, numpy only).
Every model decision is reported next to the rule cues ("model: p=0.82; words: 'foster', 'placement'").

    feats = features(doc)                        # {name: value}, after the rule components ran
    model = Model.load(MODEL_PATH)               # or load_default() (cached, once per process)
    model.predict_proba("role", feats)           # {class: p}

Train with `readiness train-tagger` (tagging/train.py); the file lives in tagging/model/.
"""

from __future__ import annotations

import json
import logging
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from tagging import rules

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).parent / "model" / "tagger_model.npz"
ROLES = ("outcome", "process", "recommendation", "judgement", "context")
POLARITIES = ("strength", "concern", "neutral")
FEATURE_VERSION = 1
_WORD = re.compile(r"[a-z][a-z'’-]*")


# ---------------------------------------------------------------------------------------------
# features


def _label_kind(label: str | None) -> str:
    if not label:
        return "none"
    if re.match(r"^[RA]\d", label):
        return "action"
    if re.match(r"^\d+(?:\.\d+)+$", label):
        return "dotted"
    if label.isdigit():
        return "number"
    return "other"


def text_tokens(doc: Doc) -> list[str]:
    """Lower-case lemmas (words when the pipeline has no lemmatizer), alphabetic tokens only."""
    out = []
    for token in doc:
        if not token.is_alpha:
            continue
        lemma = (token.lemma_ or token.text).lower()
        out.append(lemma if _WORD.fullmatch(lemma) else token.lower_)
    return out


def features(doc: Doc) -> dict[str, float]:
    """What the rules decided plus words and structure, as named feature values."""
    feats: dict[str, float] = {}
    text = doc.text or ""
    label, body = rules.split_label(text)
    hints = doc._.hints or {}
    label = hints.get("label") or label

    # the rules' decisions and scores
    feats[f"rule:role={doc._.role or 'context'}"] = 1.0
    feats[f"rule:pol={doc._.polarity or 'neutral'}"] = 1.0
    if doc._.has_data:
        feats["rule:data"] = 1.0
    for name, value in (doc._.role_scores or {}).items():
        if value:
            feats[f"rule:role_score={name}"] = min(float(value), 4.0) / 2.0
    for name, value in (doc._.polarity_scores or {}).items():
        if value:
            feats[f"rule:pol_score={name}"] = min(float(value), 4.0) / 2.0
    for line, value in (doc._.loe or {}).items():
        feats[f"rule:loe_score={line}"] = min(float(value), 4.0) / 2.0
    for line in (doc._.loe_selected or {}):
        feats[f"rule:loe={line}"] = 1.0
    if not doc._.loe_selected:
        feats["rule:loe=none"] = 1.0
    for note in doc._.loe_notes or []:
        feats[f"rule:loe_note={note.split(':')[0]}"] = 1.0
    for span in doc._.judgements or []:
        feats[f"rule:grade={span._.grade}"] = 1.0
        feats["rule:judgement"] = 1.0

    # structure
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", body)
    n = len(words)
    feats[f"shape:label={_label_kind(label)}"] = 1.0
    feats["shape:log_words"] = math.log1p(n) / 4.0
    for bucket, limit in (("<=5", 5), ("<=12", 12), ("<=30", 30)):
        if n <= limit:
            feats[f"shape:words{bucket}"] = 1.0
    stripped = body.strip()
    if stripped.endswith(":"):
        feats["shape:ends_colon"] = 1.0
    if stripped.endswith("?"):
        feats["shape:question"] = 1.0
    if not re.search(r"[.!?;:]\s*$", stripped):
        feats["shape:no_final_stop"] = 1.0
    if re.search(r"\d", body):
        feats["shape:digit"] = 1.0
    if "|" in body:
        feats["shape:table_row"] = 1.0
    if stripped[:1].islower():
        feats["shape:starts_lower"] = 1.0
    if hints.get("kind"):
        feats[f"shape:kind={hints['kind']}"] = 1.0

    # words: lemma unigrams, bigrams and the opening words, L2-normalised as a block
    tokens = text_tokens(doc)
    bag: set[str] = set()
    for index, token in enumerate(tokens):
        bag.add(f"w:{token}")
        if index:
            bag.add(f"b:{tokens[index - 1]}_{token}")
    for index, token in enumerate(tokens[:2]):
        bag.add(f"first{index}:{token}")
    if bag:
        weight = 1.0 / math.sqrt(len(bag))
        for name in bag:
            feats[name] = weight
    return feats


# ---------------------------------------------------------------------------------------------
# multinomial logistic regression (numpy)


@dataclass
class Sparse:
    """A row-sparse matrix (CSR without scipy): rows, column indices and values."""

    n_rows: int
    n_cols: int
    rows: np.ndarray  # row index of each stored value
    cols: np.ndarray
    vals: np.ndarray

    @classmethod
    def from_dicts(cls, feats, vocab: dict[str, int]) -> "Sparse":
        rows, cols, vals = [], [], []
        for r, f in enumerate(feats):
            for name, value in f.items():
                j = vocab.get(name)
                if j is not None and value:
                    rows.append(r)
                    cols.append(j)
                    vals.append(value)
        return cls(len(feats), len(vocab), np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64),
                   np.asarray(vals, dtype=np.float64))

    def dot(self, W: np.ndarray) -> np.ndarray:  # (n, d) @ (d, k); rows are stored in order
        out = np.zeros((self.n_rows, W.shape[1]))
        if not len(self.rows):
            return out
        starts = np.flatnonzero(np.r_[True, self.rows[1:] != self.rows[:-1]])
        out[self.rows[starts]] = np.add.reduceat(self.vals[:, None] * W[self.cols], starts, axis=0)
        return out

    def tdot(self, G: np.ndarray) -> np.ndarray:  # (n, d).T @ (n, k)
        weighted = self.vals[:, None] * G[self.rows]
        return np.stack([np.bincount(self.cols, weights=weighted[:, c], minlength=self.n_cols)
                         for c in range(G.shape[1])], axis=1)


def fit_heads(X: Sparse, targets: list[tuple[np.ndarray, int, float]], iterations: int = 250,
              learning_rate: float = 0.1, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """Several independent softmax regressions over the same rows, fitted together (one matmul).

    Each target is (class index per row, number of classes, l2); each head minimises its mean
    cross-entropy + l2/(2n)*|W|^2 (bias free). Full-batch Adam from tiny seeded weights: the same
    data gives the same model.
    """
    rng = np.random.default_rng(seed)
    n, d = X.n_rows, X.n_cols
    dense = np.zeros((n, d), dtype=np.float32)
    dense[X.rows, X.cols] = X.vals
    sizes = [k for _, k, _ in targets]
    edges = np.cumsum([0] + sizes)
    K = int(edges[-1])
    W = (rng.standard_normal((d, K)) * 1e-3).astype(np.float32)
    b = np.zeros(K, dtype=np.float32)
    Y = np.zeros((n, K), dtype=np.float32)
    decay = np.zeros(K, dtype=np.float32)
    for (y, k, l2), start in zip(targets, edges[:-1]):
        Y[np.arange(n), start + y] = 1.0
        decay[start:start + k] = l2 / n
    m_w, v_w = np.zeros_like(W), np.zeros_like(W)
    m_b, v_b = np.zeros_like(b), np.zeros_like(b)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, iterations + 1):
        logits = dense @ W + b
        P = np.empty_like(logits)
        for start, end in zip(edges[:-1], edges[1:]):
            P[:, start:end] = softmax_rows(logits[:, start:end])
        G = (P - Y) / n
        grad_w = dense.T @ G + decay * W
        grad_b = G.sum(axis=0)
        for param, grad, m, v in ((W, grad_w, m_w, v_w), (b, grad_b, m_b, v_b)):
            m *= beta1
            m += (1 - beta1) * grad
            v *= beta2
            v += (1 - beta2) * grad * grad
            param -= learning_rate * (m / (1 - beta1 ** step)) / (np.sqrt(v / (1 - beta2 ** step)) + eps)
    return [(W[:, s:e].copy(), b[s:e].astype(np.float64)) for s, e in zip(edges[:-1], edges[1:])]


def fit_softmax(X: Sparse, y: np.ndarray, n_classes: int, l2: float = 1.0, iterations: int = 250,
                learning_rate: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """One multinomial logistic regression (see fit_heads)."""
    return fit_heads(X, [(np.asarray(y), n_classes, l2)], iterations, learning_rate, seed)[0]


def softmax_rows(logits: np.ndarray) -> np.ndarray:
    logits = logits - logits.max(axis=-1, keepdims=True)
    P = np.exp(logits)
    return P / P.sum(axis=-1, keepdims=True)


# ---------------------------------------------------------------------------------------------
# the model file


@dataclass
class Head:
    classes: tuple[str, ...]
    W: np.ndarray  # (d, k)
    b: np.ndarray  # (k,)
    threshold: float | None = None  # binary heads: P(positive) needed to select


@dataclass
class Model:
    vocab: dict[str, int]
    heads: dict[str, Head]  # "role", "polarity", "loe:<line id>"
    meta: dict = field(default_factory=dict)

    def vector(self, feats: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
        pairs = [(self.vocab[k], v) for k, v in feats.items() if k in self.vocab]
        if not pairs:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        idx, val = zip(*pairs)
        return np.asarray(idx, dtype=np.int64), np.asarray(val, dtype=np.float64)

    def predict_proba(self, head: str, feats: dict[str, float]) -> dict[str, float]:
        idx, val = self.vector(feats)
        h = self.heads[head]
        logits = h.b + (val @ h.W[idx] if len(idx) else 0.0)
        probs = softmax_rows(np.asarray(logits, dtype=np.float64))
        return {c: float(p) for c, p in zip(h.classes, probs)}

    def top_features(self, head: str, cls: str, feats: dict[str, float], k: int = 3) -> list[str]:
        """The features that pushed hardest towards `cls` (for explanations)."""
        h = self.heads[head]
        j = h.classes.index(cls)
        idx, val = self.vector(feats)
        if not len(idx):
            return []
        contrib = val * (h.W[idx, j] - h.W[idx].mean(axis=1))
        names = self._names_by_index()
        order = np.argsort(-contrib)[:k]
        return [names[int(idx[o])] for o in order if contrib[o] > 0]

    def _names_by_index(self) -> dict[int, str]:
        if getattr(self, "_inverse_vocab", None) is None or len(self._inverse_vocab) != len(self.vocab):
            self._inverse_vocab = {i: name for name, i in self.vocab.items()}
        return self._inverse_vocab

    def loe_heads(self) -> list[str]:
        return [name.split(":", 1)[1] for name in self.heads if name.startswith("loe:")]

    # -- storage: one compressed .npz, float16 weights ---------------------------------------
    def save(self, path: Path) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        names = sorted(self.vocab, key=self.vocab.get)
        arrays: dict[str, np.ndarray] = {"vocab": np.array(names, dtype=str)}
        head_meta = {}
        for name, head in self.heads.items():
            key = name.replace(":", "__").replace(".", "_")
            arrays[f"W_{key}"] = head.W.astype(np.float16)
            arrays[f"b_{key}"] = head.b.astype(np.float32)
            head_meta[name] = {"key": key, "classes": list(head.classes), "threshold": head.threshold}
        arrays["meta"] = np.array(json.dumps({**self.meta, "heads": head_meta}))
        with open(path, "wb") as handle:
            np.savez_compressed(handle, **arrays)

    @classmethod
    def load(cls, path: Path) -> "Model":
        with np.load(Path(path), allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            vocab = {str(name): i for i, name in enumerate(data["vocab"].tolist())}
            heads = {}
            for name, info in meta.pop("heads").items():
                heads[name] = Head(tuple(info["classes"]), data[f"W_{info['key']}"].astype(np.float32),
                                   data[f"b_{info['key']}"].astype(np.float64), info.get("threshold"))
        return cls(vocab, heads, meta)


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> Model | None:
    """The shipped model, loaded once per process; None (rules only) when the file is missing."""
    target = Path(path) if path else MODEL_PATH
    if not target.exists():
        log.warning("tagger model %s not found: rules only", target)
        return None
    model = Model.load(target)
    if model.meta.get("feature_version") != FEATURE_VERSION:
        log.warning("tagger model %s was built for other features: rules only", target)
        return None
    return model
