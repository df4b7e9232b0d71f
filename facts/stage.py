"""The facts stage of the main job: read every current document's facts into the store (only
documents not yet read by this version), and decide whose evidence the store holds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from evidence_store.store import EvidenceStore
from facts.extract import FACTS_VERSION, extract_facts
from facts.home import AuthorityDecision, DocumentOwner, infer_home_authority
from facts.authorities import canonical_authority


@dataclass
class FactsResult:
    documents: int = 0
    facts: int = 0


def extract_store_facts(store: EvidenceStore, only: Sequence[str] | None = None, redo: bool = False) -> FactsResult:
    """Read facts for every current document whose facts this version has not read (or `only` those
    sha256s); each document's facts replace its old ones in one transaction."""
    docs = {d["sha256"]: d for d in store.current_documents()}
    todo = list(docs) if redo else store.documents_without_facts(FACTS_VERSION)
    if only is not None:
        wanted = set(only)
        todo = [sha for sha in todo if sha in wanted]
    result = FactsResult()
    for sha in todo:
        passages = store.passages([sha])
        facts = extract_facts(docs[sha], passages)
        store.replace_facts(sha, facts, FACTS_VERSION)
        result.documents += 1
        result.facts += len(facts.all_facts())
    return result


def home_authority(store: EvidenceStore, setting: str | None = None) -> AuthorityDecision:
    """The council the store's evidence is for: the `authority` setting when given (as its canonical
    name), else inferred from the council's own documents (facts.home)."""
    if setting:
        name = canonical_authority(setting)
        if name:
            return AuthorityDecision(name, f"from the authority setting ({setting!r})")
        return AuthorityDecision(setting, f"from the authority setting ({setting!r}; not a council name we know)")
    owners = [DocumentOwner(f.authority, f.inspection is not None) for f in store.document_facts()]
    return infer_home_authority(owners)


def ensure_facts(store: EvidenceStore) -> FactsResult:
    """Read the facts of documents this version has not read yet (cheap when none are missing).

    Until the main job has its own facts stage, opening evidence calls this so packs and
    narratives never read a store without facts."""
    return extract_store_facts(store)
