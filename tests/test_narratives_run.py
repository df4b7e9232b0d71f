"""The narratives issue's acceptance, on our own fictional documents run through the whole job:
a folder with the council's latest and an older inspection report, an adviser's readiness review,
the council's performance report and three other councils' latest reports, run with
`readiness run DIR --authority Bedford`.

- every narrative .docx is at most two pages when LibreOffice renders it (where it is installed);
- the JSON sidecars cite only Bedford's documents, and no sentence holds a number its cited
  passages lack;
- `check-narrative --json` gives `pass` on each narrative .md;
- the latest inspection is used, the older one is not, for the areas the latest covers;
- the self-evaluation is in the pack (sef/), every statement footnoted, at most 12 pages.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from core.settings import Settings
from facts import figures_supported
from redaction.view import open_evidence
from tests.narrative_documents import write_bedford_folder

OFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("bedford")
    files = write_bedford_folder(root / "documents")
    store = str(root / "store.sqlite")
    pack = root / "pack"
    result = CliRunner().invoke(app, ["run", "--local", str(root / "documents"), "--out", str(pack), "--store", store,
                                      "--authority", "Bedford"])
    assert result.exit_code == 0, result.output
    shas = {name: hashlib.sha256(path.read_bytes()).hexdigest() for name, path in files.items()}
    return {"pack": pack, "store": store, "shas": shas, "root": root}


def _sidecars(pack: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted((pack / "narratives").glob("*.json"))]


def test_sidecars_cite_only_the_home_councils_documents(run):
    bedford = {sha for name, sha in run["shas"].items() if name.startswith("bedford")}
    sidecars = _sidecars(run["pack"])
    assert len(sidecars) == 4
    cited = {c["document_sha256"] for data in sidecars for s in data["sentences"] for c in s["citations"]}
    assert cited and cited <= bedford
    assert all(data["authority"] == "Bedford" for data in sidecars)


def test_no_sentence_holds_a_number_its_cited_passages_lack(run):
    _, _, evidence = open_evidence(Settings(store=run["store"], authority="Bedford"))
    passages = {i.passage.id: i.passage for i in evidence.items}
    sentences = [s for data in _sidecars(run["pack"]) for s in data["sentences"]]
    assert sentences
    for sentence in sentences:
        cited = [passages[c["passage_id"]] for c in sentence["citations"]]
        assert all(c["text"] == passages[c["passage_id"]].text for c in sentence["citations"])
        assert figures_supported(sentence["text"], cited), sentence["text"]


def test_the_latest_inspection_replaces_the_older_one(run):
    cited = {c["document_sha256"] for data in _sidecars(run["pack"]) for s in data["sentences"] for c in s["citations"]}
    assert run["shas"]["bedford-ilacs-2024.md"] in cited
    assert run["shas"]["bedford-lac-2013.md"] not in cited


def test_advice_and_pointers_are_not_narrated(run):
    texts = " ".join(p.read_text() for p in (run["pack"] / "narratives").glob("*.md"))
    texts += (run["pack"] / "sef" / "self-evaluation.md").read_text()
    for words in ("Develop a short narrative", "Prepare short narratives", "table below", "regulates and inspects",
                  "in line with the ILACS framework", "page narrative"):
        assert words not in texts


def test_check_narrative_passes_the_products_own_narratives(run):
    runner = CliRunner()
    for md in sorted((run["pack"] / "narratives").glob("*.md")):
        result = runner.invoke(app, ["check-narrative", str(md), "--json", "--store", run["store"], "--authority", "Bedford"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.output[result.output.index("{"):])
        assert data["verdict"] == "pass", (md.name, data["reasons"], data["unsupported"])
        assert {"verdict", "outcome_share", "pages", "reasons"} <= set(data)


def test_gaps_show_each_areas_evidence_age(run):
    gaps = (run["pack"] / "gaps.md").read_text()
    assert gaps.count("Evidence age: newest") == 4
    assert "older than its window" in (run["pack"] / "index.html").read_text()


def test_topic_narrative_from_the_command(run):
    out = run["root"] / "topic"
    result = CliRunner().invoke(app, ["narrate", "--topic", "health assessments", "--out", str(out), "--store", run["store"],
                                      "--authority", "Bedford"])
    assert result.exit_code == 0, result.output
    data = json.loads(next(out.glob("*.json")).read_text())
    assert data["sentences"]
    assert all("health assessment" in " ".join(c["text"] for c in s["citations"]).lower() for s in data["sentences"])


def _pages(docx: Path, out: Path) -> int:
    subprocess.run([OFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(docx)], check=True,
                   capture_output=True, timeout=300)
    return len(re.findall(rb"/Type\s*/Page[^s]", (out / (docx.stem + ".pdf")).read_bytes()))


@pytest.mark.skipif(OFFICE is None, reason="LibreOffice not on PATH")
def test_every_narrative_fits_two_pages_and_the_sef_twelve(run):
    out = run["root"] / "pdf"
    out.mkdir(exist_ok=True)
    for docx in sorted((run["pack"] / "narratives").glob("*.docx")):
        assert _pages(docx, out) <= 2, docx.name
    assert _pages(run["pack"] / "sef" / "self-evaluation.docx", out) <= 12
