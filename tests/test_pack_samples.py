"""The pack built from samples/documents by the real pipeline (run --local): the README's pack tree
is what the product writes, and a lead's curation round trip works end to end (keys from
`export --what passages` into pack.yaml, the asked-for pack, a re-run that keeps it)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from cli import app
from tests.conftest import REPO, SAMPLES

pytestmark = pytest.mark.slow
runner = CliRunner()
HIDDEN_STATE = ".readiness-pack-state.json"  # the re-pack fingerprint: readiness's own, not for readers


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    """One run of the main job on the sample documents: (work folder, store, pack)."""
    work = tmp_path_factory.mktemp("samples")
    sources = work / "documents"
    shutil.copytree(SAMPLES, sources)
    store, pack = work / "store.sqlite", work / "pack"
    result = runner.invoke(app, ["run", "--local", str(sources), "--out", str(pack), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return work, store, pack


# ----------------------------------------------------------------------------- the README's pack tree
def readme_pack_tree() -> tuple[dict[str, str], set[str]]:
    """Entries of the tree under "What the pack contains" (name -> description) and every other
    file name the descriptions promise ("with audit-trend.svg")."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## What the pack contains", 1)[1]
    block = section.split("```", 2)[1]
    entries: dict[str, str] = {}
    current = None
    for line in block.splitlines():
        match = re.match(r"^  (\S+)\s*(.*)$", line)
        if match:
            current = match.group(1)
            entries[current] = match.group(2)
        elif current and line.strip():
            entries[current] += " " + line.strip()
    assert entries, "the README has a pack tree"
    named = set()
    for description in entries.values():
        named |= set(re.findall(r"\b[\w-]+\.(?:svg|md|json|csv|yaml|docx|html|txt)\b", description))
    return entries, named


def test_the_readme_pack_tree_is_what_a_pack_holds(sample_run):
    _, _, pack = sample_run
    entries, named = readme_pack_tree()
    top = {p.name + ("/" if p.is_dir() else "") for p in pack.iterdir()} - {HIDDEN_STATE}
    promised = {name.split("/")[0] + ("/" if "/" in name else "") for name in entries}
    assert promised == top, f"README lists {sorted(promised - top)} that the pack lacks; pack has {sorted(top - promised)} the README omits"
    for name in named:
        assert (pack / name).exists() or any(pack.rglob(name)), f"the README promises {name}"
    # narratives/: one per line of enquiry in every format the README names
    formats = set(re.findall(r"\.(md|docx|html)\b", entries["narratives/"]))
    assert formats == {"md", "docx", "html"}
    stems = {p.stem for p in (pack / "narratives").iterdir()}
    manifest = json.loads((pack / "manifest.json").read_text())
    assert len(stems) == len({i["area"] for i in manifest["items"]}) or len(stems) >= 4
    for stem in stems:
        for fmt in formats:
            assert (pack / "narratives" / f"{stem}.{fmt}").is_file(), f"{stem}.{fmt}"
    # evidence/NN-area/: numbered area folders holding the items' files
    evidence_entry = next(name for name in entries if name.startswith("evidence/"))
    assert re.fullmatch(r"evidence/NN-area/", evidence_entry)
    folders = [p.name for p in (pack / "evidence").iterdir()]
    assert folders and all(re.fullmatch(r"\d\d-[a-z0-9-]+", name) for name in folders)
    # and the manifest lists every file the pack holds
    listed = set(manifest["files"])
    held = {p.relative_to(pack).as_posix() for p in pack.rglob("*") if p.is_file()} - {"manifest.json", HIDDEN_STATE}
    assert held == listed


# ----------------------------------------------------------------------------- a lead's curation round trip
def test_keys_from_export_curate_the_pack_and_a_rerun_keeps_it(sample_run):
    work, store, pack = sample_run
    sources = work / "documents"
    manifest = json.loads((pack / "manifest.json").read_text())
    in_pack = {k for item in manifest["items"] for k in item["member_keys"]}
    exported = runner.invoke(app, ["export", "--what", "passages", "--store", str(store)])
    assert exported.exit_code == 0
    rows = [json.loads(line) for line in exported.output.splitlines() if line.startswith("{")]
    assert rows and all(row["key"] for row in rows)
    assert in_pack <= {row["key"] for row in rows}  # export carries the keys the pack uses

    candidates = [r for r in rows if r["lines_of_enquiry"] and r["kind"] != "heading" and r["key"] not in in_pack]
    outside = sorted(candidates, key=lambda r: r["role"] == "context")[0]["key"]  # tagged, but left out by the limits
    first_area = [i for i in manifest["items"] if i["area"] == "ilacs.help_and_protection"]
    excluded, moved, renamed = first_area[0]["key"], first_area[1]["key"], first_area[2]["key"]
    typo = excluded[:-1] + ("x" if excluded[-1] != "x" else "y")
    (work / "pack.yaml").write_text(yaml.safe_dump({  # beside the pack, where a run looks for it
        "pin": [outside],
        "exclude": [excluded, typo],  # the second is a slip of the keyboard
        "move": {moved: "care-leavers"},
        "signpost": {renamed: "Outcome: what the lead wants said, 2025"},
        "position": {renamed: 1},
    }), encoding="utf-8")

    second = runner.invoke(app, ["run", "--local", str(sources), "--out", str(pack), "--store", str(store)])
    assert second.exit_code == 0, second.output
    after = json.loads((pack / "manifest.json").read_text())
    items = {i["key"]: i for i in after["items"]}
    members = {k: i for i in after["items"] for k in i["member_keys"]}
    assert members[outside]["pinned"]
    assert excluded not in members
    assert items[moved]["area"] == "ilacs.care_leavers" and items[moved]["number"].startswith("3.")
    assert items[renamed]["signpost"] == "Outcome: what the lead wants said, 2025" and items[renamed]["number"] == "1.01"
    problems = after["curation"]["problems"]
    assert len(problems) == 1 and problems[0].startswith(f"{typo}: unknown key (did you mean ") and excluded in problems[0]
    assert f"pack.yaml: {typo}: unknown key" in " ".join(second.output.split())  # said on screen
    assert "unknown key" in (pack / "index.html").read_text()

    third = runner.invoke(app, ["run", "--local", str(sources), "--out", str(pack), "--store", str(store)])
    assert third.exit_code == 0, third.output
    assert "pack kept as it was" in " ".join(third.output.split())
    kept = json.loads((pack / "manifest.json").read_text())
    assert [(i["number"], i["key"], i["signpost"]) for i in kept["items"]] == [(i["number"], i["key"], i["signpost"]) for i in after["items"]]
    assert "pack: " in " ".join(third.output.split())  # the run report says what the kept pack holds
