"""How the action register is scored against "What needs to improve" items (recommendations-dev.jsonl).

The matching rule:
1. Texts are normalised: Unicode NFKC, lower case, curly quotes and dashes made plain, every run of
   characters other than letters and digits made one space. Line-end hyphens are kept as printed
   (the gold keeps them too), so "well-being" and "well being" compare alike.
2. Rows are compared only with items of the same report (the row's `document` column is the report's
   file name).
3. Within a report, item-row pairs are taken greedily from the most similar down
   (difflib.SequenceMatcher ratio on the normalised texts); a pair counts as a match when the ratio
   is at least 0.90, and each item and each row is matched at most once. 0.90 allows a few words of
   difference (a page-header fragment, a folded sub-bullet's punctuation) but not a different item.
4. Recall = matched items / gold items. Precision = matched rows / scored rows, where scored rows are
   the register's rows from reports the gold covers, less rows addressed to the safeguarding
   partnership (the LSCB's own recommendations in single-inspection reports, which the gold leaves
   out by design); how many such rows there were is reported.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

THRESHOLD = 0.90


@dataclass(frozen=True)
class GoldItem:
    document: str
    text: str


@dataclass(frozen=True)
class RegisterRow:
    document: str
    text: str
    kind: str = "recommendation"


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"}))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def read_gold(path: str | Path) -> list[GoldItem]:
    items: list[GoldItem] = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                items.extend(GoldItem(record["file"], text) for text in record.get("items") or [])
    return items


def gold_documents(path: str | Path) -> set[str]:
    with open(path, encoding="utf-8") as handle:
        return {json.loads(line)["file"] for line in handle if line.strip()}


def rows_from_csv(path: str | Path) -> list[RegisterRow]:
    """A pack's actions.csv as register rows."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [RegisterRow(r.get("document") or "", (r.get("text") or "").lstrip("'"), r.get("kind") or "") for r in csv.DictReader(handle)]


@dataclass
class RegisterEval:
    gold: int
    rows: int
    all_rows: int
    partnership_rows: int
    matched: int
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.matched / self.rows if self.rows else 0.0

    def as_dict(self) -> dict[str, object]:
        return {"gold_items": self.gold, "scored_rows": self.rows, "register_rows": self.all_rows,
                "partnership_rows": self.partnership_rows, "matched": self.matched, "recall": self.recall,
                "precision": self.precision, "missed": self.missed, "extra": self.extra, "threshold": THRESHOLD}


def evaluate_register(items: list[GoldItem], rows: list[RegisterRow], documents: set[str] | None = None) -> RegisterEval:
    covered = documents if documents is not None else {i.document for i in items}
    in_scope = [r for r in rows if r.document in covered]
    partnership = [r for r in in_scope if "partnership" in r.kind]
    scored = [r for r in in_scope if "partnership" not in r.kind]
    by_doc_items: dict[str, list[GoldItem]] = {}
    by_doc_rows: dict[str, list[RegisterRow]] = {}
    for item in items:
        by_doc_items.setdefault(item.document, []).append(item)
    for row in scored:
        by_doc_rows.setdefault(row.document, []).append(row)
    matched = 0
    missed: list[str] = []
    extra: list[str] = []
    for document in sorted(set(by_doc_items) | set(by_doc_rows)):
        gold_texts = [normalise(i.text) for i in by_doc_items.get(document, [])]
        row_texts = [normalise(r.text) for r in by_doc_rows.get(document, [])]
        pairs = sorted(((SequenceMatcher(None, g, r, autojunk=False).ratio(), gi, ri)
                        for gi, g in enumerate(gold_texts) for ri, r in enumerate(row_texts)), reverse=True)
        used_gold: set[int] = set()
        used_rows: set[int] = set()
        for ratio, gi, ri in pairs:
            if ratio < THRESHOLD:
                break
            if gi in used_gold or ri in used_rows:
                continue
            used_gold.add(gi)
            used_rows.add(ri)
        matched += len(used_gold)
        missed += [f"{document}: {by_doc_items[document][i].text[:140]}" for i in range(len(gold_texts)) if i not in used_gold]
        extra += [f"{document}: {by_doc_rows[document][i].text[:140]}" for i in range(len(row_texts)) if i not in used_rows]
    return RegisterEval(len(items), len(scored), len(rows), len(partnership), matched, missed, extra)
