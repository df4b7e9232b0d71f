"""The redaction cache key: changes whenever any code or data file of this package changes, or
the spaCy model, so redacted texts cached in the store are redone."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=8)
def cache_key(spacy_model: str) -> str:
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".txt", ".yaml", ".json"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    digest.update(spacy_model.encode())
    return digest.hexdigest()[:32]
