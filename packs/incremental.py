"""A re-pack that costs what changed.

A pack is rebuilt in full on every run that changed anything (the atomic swap needs a complete new
folder), but the parts that cost real time are reused from the previous pack when nothing they are
made from has changed:

- narratives, per line of enquiry: each is a function of the documents with evidence tagged to
  that line (or cited by the line's audit entries), the pack item numbers of their passages, the
  line's audit view, the settings, the code and today's date. When the digest of all that is the
  one recorded for the previous pack, the previous pack's files are copied (after checking them
  against its manifest) instead of composing the narrative again;
- whether a document is a publication (which decides whether its original may be copied): a
  function of its redacted text and title.

The digests and verdicts are kept in `CACHE_FILE` inside the pack, so they are swapped in with the
files they describe and can never outlive them.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from core.fingerprint import folder_stamp
from core.model import sha256_file
from evidence_store.evidence import Evidence, EvidenceItem

CACHE_FILE = ".readiness-pack-cache.json"
CACHE_FORMAT = 1
# Packages whose code decides what a narrative says or how it is written.
_CODE = ("core", "evidence_store", "frameworks", "narratives", "audits", "packs", "templates", "redaction", "facts")


@dataclass
class PackCache:
    """What the previous pack recorded about how its parts were made."""

    narratives: dict[str, dict] = field(default_factory=dict)  # line id -> {"digest", "files": [relative paths]}
    published: dict[str, bool] = field(default_factory=dict)  # document text digest -> is a publication

    def to_json(self) -> str:
        return json.dumps({"format": CACHE_FORMAT, "narratives": self.narratives, "published": self.published},
                          indent=1, sort_keys=True)


def load_cache(pack_dir: Path) -> PackCache:
    """The previous pack's cache, or an empty one (no pack, another format, unreadable)."""
    try:
        data = json.loads((Path(pack_dir) / CACHE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return PackCache()
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
        return PackCache()
    narratives = {str(k): v for k, v in (data.get("narratives") or {}).items() if isinstance(v, dict)}
    published = {str(k): bool(v) for k, v in (data.get("published") or {}).items()}
    return PackCache(narratives, published)


def save_cache(root: Path, cache: PackCache) -> None:
    (Path(root) / CACHE_FILE).write_text(cache.to_json(), encoding="utf-8")


# ----------------------------------------------------------------------------- digests
@lru_cache(maxsize=1)
def code_stamp() -> str:
    """The code a pack is made by (sizes and times of its files: cheap, and changes on any edit)."""
    root = Path(__file__).resolve().parent.parent
    return _digest([folder_stamp(root / name) for name in _CODE])


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=repr).encode("utf-8")).hexdigest()


def _settings_values(settings: object) -> dict:
    values = getattr(settings, "values", None)
    if callable(values):
        data = dict(values())
    else:
        data = {k: v for k, v in vars(settings).items() if not k.startswith("_")}
    for volatile in ("store", "workers"):  # where the store is and how many processes: not what is said
        data.pop(volatile, None)
    return data


def base_digest(evidence: Evidence, settings: object, today: date | None = None) -> str:
    """Everything every part depends on: settings, a council's own templates and frameworks, the
    code, the framework, whose evidence it is, redaction, and the day (narratives are dated and
    judge staleness against today)."""
    framework = evidence.framework
    return _digest({
        "settings": _settings_values(settings),
        "council templates": folder_stamp(getattr(settings, "templates_dir", None)),
        "council frameworks": folder_stamp(getattr(settings, "frameworks_dir", None)),
        "code": code_stamp(),
        "framework": [framework.id, getattr(framework, "key", None), framework.name],
        "authority": [evidence.authority, evidence.authority_how],
        "redacted": evidence.redacted,
        "today": (today or date.today()).isoformat(),
    })


class DocumentDigests:
    """One digest per document of everything the evidence holds about it: its record, every
    passage as redacted with its label and tags, and its facts."""

    def __init__(self, evidence: Evidence) -> None:
        self.items: dict[str, list[EvidenceItem]] = defaultdict(list)
        for item in evidence.items:
            self.items[item.passage.document_sha].append(item)
        self.records = {d.get("sha256"): d for d in evidence.documents}
        self.facts = {f.document_sha: f for f in evidence.facts}
        self._done: dict[str, str] = {}

    def __call__(self, sha: str) -> str:
        if sha not in self._done:
            digest = hashlib.sha256()
            digest.update(json.dumps(self.records.get(sha), sort_keys=True, default=str).encode("utf-8"))
            for item in self.items.get(sha, ()):
                digest.update(repr(item).encode("utf-8"))
            digest.update(repr(self.facts.get(sha)).encode("utf-8"))
            self._done[sha] = digest.hexdigest()
        return self._done[sha]


def narrative_sources(evidence: Evidence, line_id: str, audit_summary: object | None) -> tuple[set[str], set[int]]:
    """What a line's narrative is drawn from: the documents with a passage tagged to the line or
    below it, or cited by the line's audit entries; and the passages it can cite, so only their
    pack numbers enter its digest (an item added to another section renumbers that section, not
    this narrative): those tagged to the line, those its audit entries cite, and the sources of
    its documents' facts."""
    family = evidence.framework.line_and_below(line_id)
    tagged = {item.passage.id: item.passage.document_sha for item in evidence.items if any(tag.loe in family for tag in item.tags)}
    cited = audit_passages(audit_summary, line_id)
    documents = set(tagged.values()) | {item.passage.document_sha for item in evidence.items if item.passage.id in cited}
    sources = {fact.source.passage_id for document in evidence.facts if document.document_sha in documents
               for _kind, fact in document.all_facts()}
    return documents, set(tagged) | cited | {pid for pid in sources if pid is not None}


def audit_passages(audit_summary: object | None, line_id: str) -> set[int]:
    loe_audit = (getattr(audit_summary, "by_loe", None) or {}).get(line_id)
    if loe_audit is None:
        return set()
    return {pid for sentence in getattr(loe_audit, "sentences", []) or [] for pid in sentence.passage_ids if pid is not None}


def narrative_digest(evidence: Evidence, line_id: str, item_refs: dict[int, str], audit_summary: object | None,
                     base: str, documents: DocumentDigests) -> str:
    """Everything one line's narrative is made from (see the module's docstring)."""
    wanted, citable = narrative_sources(evidence, line_id, audit_summary)
    shas = sorted(wanted)
    refs = sorted((pid, ref) for pid, ref in item_refs.items() if pid in citable)
    loe_audit = (getattr(audit_summary, "by_loe", None) or {}).get(line_id)
    audit_documents = [(d.document_sha, repr(d.facts)) for d in getattr(audit_summary, "documents", []) or []
                       if d.document_sha in wanted] if loe_audit is not None else []
    return _digest({
        "base": base,
        "line": line_id,
        "documents": [[sha, documents(sha)] for sha in shas],
        "refs": refs,
        "audit": repr(loe_audit),
        "audit documents": audit_documents,
        "audit available": audit_summary is not None,
    })


def text_digest(texts: Iterable[str], title: str | None, base: str) -> str:
    digest = hashlib.sha256(base.encode())
    digest.update((title or "").encode("utf-8") + b"\0")
    for text in texts:
        digest.update(text.encode("utf-8") + b"\0")
    return digest.hexdigest()


# ----------------------------------------------------------------------------- reuse
def reuse_files(old_root: Path, new_root: Path, relative: list[str], previous_files: dict[str, str]) -> bool:
    """Copy files of the previous pack into the new one, only if every one is exactly as that
    pack's manifest recorded it (a file edited since is a user's, and is never reused)."""
    for name in relative:
        source = old_root / name
        if not previous_files.get(name) or not source.is_file() or source.is_symlink():
            return False
    copied: list[Path] = []
    for name in relative:
        target = new_root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        # a copy, checked after copying (not a hard link): a file edited in the old pack while this
        # one is built must never reach the new pack under a hash readiness records as its own
        shutil.copyfile(old_root / name, target)
        copied.append(target)
        if sha256_file(target) != previous_files[name]:
            for path in copied:
                path.unlink(missing_ok=True)
            return False
    return True
