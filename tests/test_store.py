"""The evidence store: content addressing, copies, versions, refusals, tagging swaps."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from evidence_store import EvidenceStore
from core.model import (
    Decided,
    ExtractedDocument,
    ExtractedPassage,
    PassageKind,
    PassageLabel,
    Tag,
)


def make_doc(sha: str, path: str, texts: list[str], title: str = "Report", date: str | None = "2024-05-01") -> ExtractedDocument:
    return ExtractedDocument(
        sha256=sha,
        source_path=path,
        format="text",
        passages=[ExtractedPassage(t, PassageKind.PARAGRAPH, page=1, label=f"{i + 1}", heading_path=("Intro",)) for i, t in enumerate(texts)],
        title=Decided(title, "first heading"),
        date=Decided(date, "test"),
    )


@pytest.fixture()
def store(tmp_path: Path) -> EvidenceStore:
    s = EvidenceStore(str(tmp_path / "store.sqlite"))
    yield s
    s.close()


def test_same_bytes_are_stored_once(store: EvidenceStore) -> None:
    doc = make_doc("a" * 64, "/in/report.pdf", ["One.", "Two."])
    assert store.add_document(doc) is True
    assert store.add_document(doc) is False
    assert store.counts()["documents"] == 1
    assert store.counts()["passages"] == 2


def test_a_copy_under_another_name_is_one_document_with_two_sources(store: EvidenceStore) -> None:
    store.add_document(make_doc("a" * 64, "/in/report.pdf", ["One."]))
    store.record_source("/in/copy of report.pdf", "a" * 64)
    assert len(store.current_documents()) == 1
    assert {s["path"] for s in store.document_sources("a" * 64)} == {"/in/report.pdf", "/in/copy of report.pdf"}


def test_changed_file_at_same_path_supersedes_old_version_and_keeps_history(store: EvidenceStore) -> None:
    store.add_document(make_doc("a" * 64, "/in/plan.docx", ["Old text."]))
    store.add_document(make_doc("b" * 64, "/in/plan.docx", ["New text."]))
    current = store.current_documents()
    assert [d["sha256"] for d in current] == ["b" * 64]
    assert store.counts()["documents"] == 2  # nothing lost
    old_source = store.document_sources("a" * 64)[0]
    assert old_source["superseded_by"] == "b" * 64
    assert [p.text for p in store.passages()] == ["New text."]


def test_passages_carry_provenance_and_document_metadata(store: EvidenceStore) -> None:
    store.add_document(make_doc("c" * 64, "/in/letter.pdf", ["Children are safer."], title="Focused visit letter"))
    (passage,) = store.passages()
    assert passage.label == "1" and passage.page == 1 and passage.heading_path == ("Intro",)
    assert passage.citation() == "Focused visit letter, 2024-05-01, p.1, para 1"


def test_tagging_is_replaced_whole_and_remembered_per_version(store: EvidenceStore) -> None:
    store.add_document(make_doc("d" * 64, "/in/x.txt", ["Care leavers are in touch."]))
    (passage,) = store.passages()
    assert store.untagged_documents("ilacs", "v1") == ["d" * 64]
    for _ in range(2):  # tagging twice must not duplicate rows
        store.replace_tagging(
            "d" * 64, "ilacs", "v1", [passage.id],
            [Tag(passage.id, "ilacs", "ilacs.care_leavers", 0.9, ["care leavers"], "loe")],
            [PassageLabel(passage.id, "outcome", "strength", False, {"role": ["are in touch"]})],
        )
    assert store.untagged_documents("ilacs", "v1") == []
    assert store.untagged_documents("ilacs", "v2") == ["d" * 64]
    assert len(store.tags("ilacs")) == 1
    assert store.tags("ilacs")[0].cues == ["care leavers"]
    assert store.labels("ilacs")[passage.id].explanation == {"role": ["are in touch"]}


def test_refusals_are_recorded(store: EvidenceStore) -> None:
    store.record_refusal("/in/bad.pdf", None, "empty file")
    assert store.counts()["refusals"] == 1
    assert store.counts()["documents"] == 0


def test_a_failed_document_write_leaves_nothing_half_written(store: EvidenceStore) -> None:
    doc = make_doc("e" * 64, "/in/y.txt", ["ok"])
    doc.passages.append(ExtractedPassage(None, PassageKind.PARAGRAPH))  # type: ignore[arg-type]  # NOT NULL violation
    with pytest.raises(Exception):
        store.add_document(doc)
    assert store.counts()["documents"] == 0
    assert store.counts()["passages"] == 0


def test_store_url_accepts_paths_and_urls(tmp_path: Path) -> None:
    from evidence_store.store import store_url

    assert store_url(str(tmp_path / "a.sqlite")).startswith("sqlite:///")
    assert store_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert store_url("sqlite:///x.db") == "sqlite:///x.db"


def test_redaction_cache_keeps_one_redactor_version_per_document(store: EvidenceStore) -> None:
    store.add_document(make_doc("a" * 64, "/in/report.pdf", ["One."]))
    store.save_redactions("a" * 64, "v1", ["One."])
    store.save_redactions("a" * 64, "v1:facts", ["Jo Smith", "[NAME]"])  # the facts' own strings, beside the passages
    assert store.cached_redactions("v1") == {"a" * 64: ["One."]}
    assert store.cached_redactions("v1:facts") == {"a" * 64: ["Jo Smith", "[NAME]"]}
    store.save_redactions("a" * 64, "v10", ["One!"])  # another redactor: the old version's rows go
    assert store.cached_redactions("v1") == {} and store.cached_redactions("v1:facts") == {}
    assert store.cached_redactions("v10") == {"a" * 64: ["One!"]}


@pytest.mark.skipif(not os.environ.get("READINESS_TEST_PG_URL"), reason="no PostgreSQL server (set READINESS_TEST_PG_URL)")
def test_an_older_postgresql_store_takes_long_version_strings():
    """Stores made when version columns were VARCHAR(32) are widened on open, so a tagger or facts
    version that names all its parts can be recorded."""
    import psycopg
    from sqlalchemy.engine import make_url

    from tests.conftest import fresh_postgres_database

    url = fresh_postgres_database(os.environ["READINESS_TEST_PG_URL"])
    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    EvidenceStore(url).engine.dispose()
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute("ALTER TABLE tagging_runs ALTER COLUMN tagger_version TYPE VARCHAR(32)")
        conn.execute("ALTER TABLE fact_documents ALTER COLUMN facts_version TYPE VARCHAR(32)")
    store = EvidenceStore(url)
    with psycopg.connect(plain) as conn:
        lengths = dict(
            conn.execute(
                "SELECT column_name, character_maximum_length FROM information_schema.columns "
                "WHERE column_name IN ('tagger_version', 'facts_version')"
            ).fetchall()
        )
    store.engine.dispose()
    assert lengths == {"tagger_version": None, "facts_version": None}


def test_a_file_taken_out_of_a_scanned_folder_takes_its_document_out(store: EvidenceStore, tmp_path: Path) -> None:
    folder = tmp_path / "evidence"
    folder.mkdir()
    kept, taken, elsewhere = folder / "kept.txt", folder / "taken.txt", tmp_path / "other" / "gone.txt"
    kept.write_text("k")
    store.add_document(make_doc("a" * 64, str(kept), ["Kept."]))
    store.add_document(make_doc("b" * 64, str(folder / "taken.txt"), ["Taken out."]))
    store.add_document(make_doc("c" * 64, str(elsewhere), ["In a folder this run did not scan."]))
    assert store.retire_missing_sources([str(folder)]) == 1
    assert {d["sha256"] for d in store.current_documents()} == {"a" * 64, "c" * 64}
    assert store.counts()["documents"] == 3  # history stays
    taken.write_text("t")  # put back: the document is current again
    store.record_source(str(taken), "b" * 64)
    assert {d["sha256"] for d in store.current_documents()} == {"a" * 64, "b" * 64, "c" * 64}


def _report_words(council: str, seed: int, sentences: int = 120) -> list[str]:
    """A report on a common template: shared boilerplate, the council's own findings."""
    import random

    rng = random.Random(seed)
    vocabulary = ["children", "social", "workers", "plans", "visits", "leaders", "audits", "families", "timely",
                  "support", "quality", "assessments", "managers", "carers", "placements", "reviews", "health"]
    sentences_out = []
    for i in range(sentences):
        if i % 3 == 0:
            sentences_out.append(f"Inspectors looked at the experiences of children in {council}.")
        else:
            sentences_out.append(" ".join(rng.choice(vocabulary) for _ in range(12)) + ".")
    return [" ".join(sentences_out)]


def test_a_same_titled_report_of_another_council_is_not_a_rendition_and_a_near_copy_is(store: EvidenceStore) -> None:
    """Every Ofsted report of one kind has the same title: the sketch kept with each document
    rules out other councils' reports, and a re-saved copy with a few words changed is still found."""
    from evidence_store import renditions

    first = _report_words("Westmarsh", 1)
    other = _report_words("Eastwold", 2)
    near = [first[0].replace("Inspectors looked", "Inspectors examined", 3)]
    assert renditions.sketch_similarity(renditions.sketch(renditions.words(first)), renditions.sketch(renditions.words(other))) < renditions.SKETCH_FLOOR
    store.add_document(make_doc("a" * 64, "/in/westmarsh.pdf", first, title="Inspection of children's services"))
    store.add_document(make_doc("b" * 64, "/in/eastwold.pdf", other, title="Inspection of children's services"))
    store.add_document(make_doc("c" * 64, "/in/westmarsh-resaved.docx", near, title="Inspection of children's services"))
    assert store.rendition_of("b" * 64) is None
    assert store.rendition_of("c" * 64) == "a" * 64


def test_an_older_store_gets_the_index_that_keeps_retagging_a_document_cheap(tmp_path: Path) -> None:
    """Replacing a document's tags looks them up by passage and framework; a store made before
    that index existed gets it when opened (without it every tag of the framework was read per
    document, so tagging slowed as the store grew)."""
    from sqlalchemy import inspect, text

    path = str(tmp_path / "old.sqlite")
    EvidenceStore(path).close()
    old = EvidenceStore(path)
    with old.engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_tags_passage_framework"))
    old.close()
    reopened = EvidenceStore(path)
    try:
        assert "ix_tags_passage_framework" in {i["name"] for i in inspect(reopened.engine).get_indexes("tags")}
        with reopened.engine.connect() as conn:
            plan = " ".join(str(row) for row in conn.execute(text(
                "EXPLAIN QUERY PLAN DELETE FROM tags WHERE passage_id IN (1, 2) AND framework = 'f'")))
        assert "ix_tags_passage_framework" in plan
    finally:
        reopened.close()
