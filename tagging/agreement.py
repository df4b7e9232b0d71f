"""Agreement between two annotators who labelled the same passages (the labelling protocol's check).

    python -m tagging.agreement A.jsonl B.jsonl

Lines of enquiry: micro-F1 of one annotator against the other (symmetric) and the share of
passages with the same set; role, polarity, has_data: raw agreement and Cohen's kappa; has_data F1.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

FIELDS = ("role", "polarity", "has_data")


def read_labels(path: Path) -> dict[str, dict]:
    with open(path, encoding="utf-8") as handle:
        return {row["id"]: row for row in (json.loads(line) for line in handle if line.strip())}


def cohen_kappa(pairs: Sequence[tuple[object, object]]) -> float:
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    left, right = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(left[k] * right[k] for k in set(left) | set(right)) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def agreement(first: Mapping[str, dict], second: Mapping[str, dict]) -> dict[str, float | int]:
    ids = sorted(set(first) & set(second))
    if not ids:
        raise ValueError("the two files share no passage ids")
    tp = fp = fn = 0
    for i in ids:
        a, b = set(first[i]["loe"]), set(second[i]["loe"])
        tp, fp, fn = tp + len(a & b), fp + len(b - a), fn + len(a - b)
    figures: dict[str, float | int] = {
        "passages": len(ids),
        "loe_micro_f1": round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0,
        "loe_same_set": round(sum(set(first[i]["loe"]) == set(second[i]["loe"]) for i in ids) / len(ids), 4),
    }
    for field in FIELDS:
        pairs = [(first[i][field], second[i][field]) for i in ids]
        figures[f"{field}_agreement"] = round(sum(a == b for a, b in pairs) / len(pairs), 4)
        figures[f"{field}_kappa"] = round(cohen_kappa(pairs), 4)
    both = sum(bool(first[i]["has_data"]) and bool(second[i]["has_data"]) for i in ids)
    either = sum(bool(first[i]["has_data"]) != bool(second[i]["has_data"]) for i in ids)
    figures["has_data_f1"] = round(2 * both / (2 * both + either), 4) if both else 0.0
    return figures


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    print(json.dumps(agreement(read_labels(Path(sys.argv[1])), read_labels(Path(sys.argv[2]))), indent=2))
