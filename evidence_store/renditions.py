"""When two files are one document: the same text (a report saved as PDF, DOCX and plain text), or
the same title with near-identical text. The second is stored as a rendition of the first, so the
pack lists a document once however many formats a council keeps it in.
"""

from __future__ import annotations

import hashlib
import heapq
import re
import zlib
from collections.abc import Sequence

_WORD = re.compile(r"[a-z0-9]+")
SIMILAR = 0.9  # share of word triples two renditions have in common (Jaccard); drafts of different
# councils' reports built on one template share far fewer (below 0.3 on the Ofsted corpus)
LENGTH_RATIO = 0.9  # renditions differ in length by running headers and the like, not by sections
SKETCH_SIZE = 128  # smallest triple hashes kept per document (a bottom-k sketch)
SKETCH_FLOOR = 0.75  # below this estimated similarity two documents are not compared in full: for
# a true similarity of SIMILAR the estimate falls this low about once in ten million pairs


def words(texts: Sequence[str]) -> list[str]:
    return _WORD.findall(" ".join(texts).lower())


def text_hash(word_list: Sequence[str]) -> str:
    """The identity of a document's words (`words` of its texts), whatever format, layout or
    punctuation carried them."""
    return hashlib.sha256(" ".join(word_list).encode()).hexdigest()


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


def sketch(word_list: Sequence[str]) -> str:
    """A bottom-k sketch of a document's word triples (the SKETCH_SIZE smallest CRC-32s, hex), kept
    with the document so a new file is compared in full only with documents whose sketches say
    they may be near-identical: comparing every same-titled document in full (every Ofsted report
    of one kind shares its title) grew with the square of the store."""
    hashes = {zlib.crc32(triple.encode()) for triple in triples(word_list)}
    return " ".join(f"{h:08x}" for h in heapq.nsmallest(SKETCH_SIZE, hashes))


def sketch_similarity(a: str, b: str) -> float:
    """Estimated Jaccard similarity of two documents' word triples from their sketches."""
    left, right = {int(h, 16) for h in a.split()}, {int(h, 16) for h in b.split()}
    if not left or not right:
        return 0.0
    union = heapq.nsmallest(SKETCH_SIZE, left | right)
    both = left & right
    return sum(1 for h in union if h in both) / len(union)


def may_be_near_identical(a: str | None, b: str | None) -> bool:
    """False only when both sketches are known and say the documents are far apart."""
    if not a or not b:
        return True
    return sketch_similarity(a, b) >= SKETCH_FLOOR
