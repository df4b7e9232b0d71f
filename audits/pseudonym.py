"""Case references are replaced on the way in by a keyed hash; the raw reference is never stored.

The key (salt) is secret and per store: `READINESS_AUDIT_SALT` if set, else a file next to a SQLite
store (`<store>.audit-salt`), else `READINESS_AUDIT_SALT_FILE` or `~/.readiness/audit-salt` for a
database URL. It is created on first use (mode 600). The same reference under the same key always
gives the same pseudonym, so re-audits of one case can be followed without knowing the case.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path

ENV_SALT = "READINESS_AUDIT_SALT"
ENV_SALT_FILE = "READINESS_AUDIT_SALT_FILE"


def salt_path(store: str) -> Path:
    if os.environ.get(ENV_SALT_FILE):
        return Path(os.environ[ENV_SALT_FILE]).expanduser()
    if "://" in store:
        if store.startswith("sqlite:///"):
            return Path(store[len("sqlite:///"):] + ".audit-salt")
        return Path.home() / ".readiness" / "audit-salt"
    return Path(store).expanduser().with_name(Path(store).name + ".audit-salt")


def load_salt(store: str) -> bytes:
    if os.environ.get(ENV_SALT):
        return os.environ[ENV_SALT].encode("utf-8")
    path = salt_path(store)
    if path.exists():
        return path.read_text(encoding="utf-8").strip().encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, value.encode("utf-8"))
    finally:
        os.close(fd)
    return value.encode("utf-8")


def normalise_reference(ref: object) -> str:
    text = str(ref).strip()
    if re.fullmatch(r"\d+\.0+", text):  # a number cell read as float
        text = text.split(".")[0]
    return re.sub(r"\s+", "", text).upper()


def pseudonymise(ref: object, salt: bytes) -> str:
    digest = hmac.new(salt, normalise_reference(ref).encode("utf-8"), hashlib.sha256).hexdigest()
    return "case-" + digest[:16]
