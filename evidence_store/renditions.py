"""When two files are one document: the same text (a report saved as PDF, DOCX and plain text), or
the same title with near-identical text. The second is stored as a rendition of the first, so the
pack lists a document once however many formats a council keeps it in.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

_WORD = re.compile(r"[a-z0-9]+")
SIMILAR = 0.9  # share of word triples two renditions have in common (Jaccard); drafts of different
# councils' reports built on one template share far fewer (below 0.3 on the Ofsted corpus)
LENGTH_RATIO = 0.9  # renditions differ in length by running headers and the like, not by sections


def words(texts: Sequence[str]) -> list[str]:
    return _WORD.findall(" ".join(texts).lower())


def text_hash(texts: Sequence[str]) -> str:
    """The identity of a document's words, whatever format, layout or punctuation carried them."""
    return hashlib.sha256(" ".join(words(texts)).encode()).hexdigest()


def triples(word_list: Sequence[str]) -> set[str]:
    return {" ".join(word_list[i : i + 3]) for i in range(max(0, len(word_list) - 2))}


def near_identical(a: Sequence[str], b: Sequence[str]) -> bool:
    """Word lists of the same document: lengths within LENGTH_RATIO and word triples SIMILAR."""
    if not a or not b or min(len(a), len(b)) / max(len(a), len(b)) < LENGTH_RATIO:
        return False
    left, right = triples(a), triples(b)
    if not left or not right:  # too short for word triples: only the very same words will do
        return list(a) == list(b)
    return len(left & right) / len(left | right) >= SIMILAR


def same_title(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and words([a or ""]) == words([b or ""])
