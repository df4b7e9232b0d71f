"""Re-runs that cost what changed, through the real main job (`run --local`) on the sample
documents: nothing changed keeps the pack byte for byte; a changed document changes the pack, and the
narratives reused from the previous pack are exactly what composing them again gives; a document
taken out of the folder leaves the pack."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from packs.incremental import CACHE_FILE
from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow
runner = CliRunner()
STATE_FILE = ".readiness-pack-state.json"
CHANGED = "ofsted-focused-visit-2025.md"
ADDED = "A new fostering hub near the town centre is helping children in care to stay close to their schools and friends."


@pytest.fixture()
def work(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLES, tmp_path / "documents")
    return tmp_path


def run(work: Path) -> str:
    result = runner.invoke(app, ["run", "--local", str(work / "documents"), "--out", str(work / "pack"), "--store", str(work / "store.sqlite")])
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def files(pack: Path) -> dict[str, bytes]:
    return {p.relative_to(pack).as_posix(): p.read_bytes() for p in sorted(pack.rglob("*")) if p.is_file()}


def manifest(pack: Path) -> dict:
    return json.loads((pack / "manifest.json").read_text(encoding="utf-8"))


def narratives(pack: Path) -> dict[str, object]:
    """Each narrative file's bytes; a Word file's as its parts (the zip records when it was written)."""
    found: dict[str, object] = {}
    for name, body in files(pack).items():
        if name.startswith("narratives/"):
            if name.endswith(".docx"):
                with zipfile.ZipFile(io.BytesIO(body)) as docx:
                    body = {part: docx.read(part) for part in sorted(docx.namelist())}
            found[name] = body
    return found


def test_a_rerun_with_nothing_changed_leaves_the_pack_byte_identical(work: Path) -> None:
    run(work)
    before = files(work / "pack")
    output = run(work)
    assert "pack kept as it was" in output
    after = files(work / "pack")
    # only the run's own report (and its hash in the manifest) says that another run happened
    assert {k: v for k, v in after.items() if k not in ("run-report.json", "manifest.json")} == \
        {k: v for k, v in before.items() if k not in ("run-report.json", "manifest.json")}
    old, new = json.loads(before["manifest.json"]), json.loads(after["manifest.json"])
    old["files"].pop("run-report.json"), new["files"].pop("run-report.json")
    assert old == new


def test_a_changed_document_changes_the_pack_and_reused_narratives_are_what_composing_gives(work: Path) -> None:
    run(work)
    first = manifest(work / "pack")
    with open(work / "documents" / CHANGED, "a", encoding="utf-8") as handle:
        handle.write(f"\n5 {ADDED}\n")
    output = run(work)
    assert "pack kept as it was" not in output
    pack_text = b"".join(files(work / "pack").values()).decode("utf-8", errors="replace")
    assert ADDED in pack_text  # the new words reach the pack
    second = manifest(work / "pack")
    assert second["generated_at"] != first["generated_at"] or second["files"] != first["files"]
    reused = second["reused"]
    # the change is read by the line(s) it is tagged to: those are composed again; the rest are
    # reused unless the new item renumbered passages they cite (on these samples, every line cites
    # items of the changed section, so which lines are reused is tested on the digest below)
    assert reused["narratives_composed"], "the changed document's lines must be composed again"
    assert not set(reused["narratives_composed"]) & set(reused["narratives_reused"])
    incremental = narratives(work / "pack")

    # the same pack built with nothing to reuse: every narrative composed again
    (work / "pack" / CACHE_FILE).unlink()
    (work / "pack" / STATE_FILE).unlink()
    run(work)
    recomposed = manifest(work / "pack")["reused"]
    assert recomposed["narratives_reused"] == []
    assert narratives(work / "pack") == incremental


def test_a_document_taken_out_of_the_folder_leaves_the_pack(work: Path) -> None:
    run(work)
    gone = work / "documents" / CHANGED
    sha = hashlib.sha256(gone.read_bytes()).hexdigest()
    before = manifest(work / "pack")
    assert any(item["document_sha"] == sha for item in before["items"])
    assert any(doc["sha256"] == sha for doc in before["inputs"])
    gone.unlink()
    output = run(work)
    assert "pack kept as it was" not in output
    after = manifest(work / "pack")
    assert not any(item["document_sha"] == sha for item in after["items"])
    assert not any(doc["sha256"] == sha for doc in after["inputs"])
    assert after["items"]  # the rest stays
    # the lines it was evidence for are composed again, without it
    assert after["reused"]["narratives_composed"]
    text = b"".join(body for body in narratives(work / "pack").values() if isinstance(body, bytes)).decode("utf-8", errors="replace")
    assert ADDED not in text and "Focused visit to Northmoor" not in text


def test_a_narrative_digest_follows_only_what_its_line_can_cite() -> None:
    """A line's narrative is reused when nothing it is made from changed: another line's document,
    or a pack number it cannot cite, does not count; its own passage's number does."""
    from frameworks import load_framework
    from packs.incremental import DocumentDigests, narrative_digest
    from packs.testing import EvidenceBuilder

    b = EvidenceBuilder(load_framework("ilacs"))
    leavers = b.document("Care leavers update", "2025-01-01", "committee report")
    care = b.document("Placement stability report", "2025-02-01", "committee report")
    own = b.passage(leavers, "Care leavers in suitable homes rose to 91%.", loe="ilacs.care_leavers", has_data=True)
    other = b.passage(care, "Fewer children in care moved home three times.", loe="ilacs.children_in_care")
    aside = b.passage(leavers, "Children in care see their social worker monthly.", loe="ilacs.children_in_care")
    evidence = b.evidence()

    def digest(refs: dict[int, str]) -> str:
        return narrative_digest(evidence, "ilacs.care_leavers", refs, None, "base", DocumentDigests(evidence))

    first = digest({own.passage.id: "3.01", other.passage.id: "2.01", aside.passage.id: "2.02"})
    # another section renumbered, even an item of the same document that this line cannot cite
    assert digest({own.passage.id: "3.01", other.passage.id: "2.02", aside.passage.id: "2.03"}) == first
    assert digest({own.passage.id: "3.02", other.passage.id: "2.01", aside.passage.id: "2.02"}) != first  # its own item
