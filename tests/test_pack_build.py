"""Writing a pack: files, escaping, CSP, safe names, atomic swap, actions.csv, change report."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from frameworks import load_framework
from packs import PackError, build_pack, plan_pack, slug
from packs import build as build_module
from packs.curation import Curation
from packs.testing import EvidenceBuilder, sample_evidence
from core.settings import Settings

AS_OF = date(2026, 1, 1)


def build(evidence, out, **kwargs):
    kwargs.setdefault("as_of", AS_OF)
    return build_pack(evidence, out, Settings(), **kwargs)


pytestmark = pytest.mark.usefixtures("no_narratives")  # the pack on its own (tests/conftest.py)


@pytest.fixture()
def evidence(tmp_path):
    return sample_evidence(tmp_path / "sources")


def test_pack_layout(tmp_path, evidence):
    result = build(evidence, tmp_path / "pack", run_report={"sources": ["x"]})
    root = tmp_path / "pack"
    assert result.path == root.absolute()
    for name in ("index.html", "index.docx", "gaps.md", "actions.csv", "manifest.json", "run-report.json", "changes.md"):
        assert (root / name).is_file(), name
    assert json.loads((root / "run-report.json").read_text()) == {"sources": ["x"]}
    for item in result.items:
        assert item.file and (root / item.file).is_file()
        assert item.file.startswith(f"evidence/{item.section:02d}-")
    assert set(result.item_refs.values()) == {i.number for i in result.items}
    # nothing left beside the pack
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack", "sources"]


def test_public_documents_copied_private_ones_extracted(tmp_path, evidence):
    result = build(evidence, tmp_path / "pack")
    root = tmp_path / "pack"
    by_kind = {}
    for item in result.items:
        by_kind.setdefault(item.first.document_kind, set()).add((item.file_kind, Path(item.file).suffix))
    assert by_kind["committee report"] == {("copy", ".txt")}
    assert by_kind["inspection report"] == {("copy", ".txt")}
    assert by_kind["minutes"] == {("extract", ".txt")}
    assert by_kind["case summary"] == {("extract", ".txt")}
    case = next(i for i in result.items if i.first.document_kind == "case summary")
    text = (root / case.file).read_text()
    assert "Personal data redacted." in text and case.key in text
    # one copy per document per area, shared by that document's items
    scrutiny = [i for i in result.items if i.first.document_kind == "committee report" and i.section == 2]
    assert len({i.file for i in scrutiny}) == 1


def test_source_that_changed_is_not_copied(tmp_path, evidence):
    src = next(d for d in evidence.documents if d["kind"] == "committee report")
    Path(src["source_path"]).write_text("edited since ingest")
    result = build(evidence, tmp_path / "pack")
    assert all(i.file_kind == "extract" for i in result.items if i.document_sha == src["sha256"])
    assert any("has changed" in w for w in result.warnings)


def test_case_summary_never_copied_even_unredacted(tmp_path):
    ev = sample_evidence(tmp_path / "sources", redacted=False)
    result = build(ev, tmp_path / "pack")
    kinds = {i.first.document_kind: i.file_kind for i in result.items}
    assert kinds["case summary"] == "extract" and kinds["minutes"] == "copy"


def test_script_in_documents_is_shown_as_text(tmp_path, evidence):
    build(evidence, tmp_path / "pack")
    html = (tmp_path / "pack" / "index.html").read_text()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert html.count("<script") == 1  # ours only


def test_strict_content_security_policy(tmp_path, evidence):
    import base64
    import hashlib
    import html as html_lib

    build(evidence, tmp_path / "pack")
    page = (tmp_path / "pack" / "index.html").read_text()
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert meta, "CSP meta tag missing"
    policy = html_lib.unescape(meta.group(1))
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy and "http" not in policy
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in policy
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    assert base64.b64encode(hashlib.sha256(style.encode()).digest()).decode() in policy
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # no external loads
    assert ' style="' not in page  # inline style attributes would need 'unsafe-inline'


def test_index_has_sections_items_and_pictures(tmp_path, evidence):
    result = build(evidence, tmp_path / "pack")
    page = (tmp_path / "pack" / "index.html").read_text()
    for section in result.plan.sections:
        assert f'id="area-{section.number}"' in page
    for item in result.items:
        assert f'id="{item.anchor}"' in page and f'href="{item.href}"' in page
    assert page.count("<svg") == 2


def test_docx_index_opens(tmp_path, evidence):
    import docx

    result = build(evidence, tmp_path / "pack")
    document = docx.Document(str(tmp_path / "pack" / "index.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert all(i.number in text for i in result.items)
    assert len(document.inline_shapes) == 2  # coverage chart and judgement timeline


def test_control_characters_do_not_break_docx(tmp_path):
    b = EvidenceBuilder(load_framework("ilacs"), tmp_path / "s")
    doc = b.document("Odd\x0cdoc", "2025-01-01", "minutes")
    b.passage(doc, "Text with \x00 nul and \x0b tab.", loe="ilacs.children_in_care", role="outcome")
    build(b.evidence(), tmp_path / "pack")
    assert (tmp_path / "pack" / "index.docx").stat().st_size > 0


def test_actions_csv(tmp_path):
    b = EvidenceBuilder(load_framework("ilacs"), tmp_path / "s")
    rep = b.document("Inspection", "2022-01-01", "inspection report")
    later = b.document("Scrutiny", "2025-01-01", "committee report")
    r1 = b.passage(rep, "Improve the timeliness of return home interviews for missing children.", label="R1",
                   loe="ilacs.help_and_protection", role="recommendation")
    b.action(r1, "R1")
    r2 = b.passage(rep, "=HYPERLINK(\"http://x\") strengthen supervision", label="R2", loe="ilacs.help_and_protection", role="recommendation")
    b.action(r2, "R2")
    b.passage(later, "Return home interviews for missing children are now timely (92%).", label="4.1",
              loe="ilacs.help_and_protection", role="outcome", has_data=True)
    result = build(b.evidence(), tmp_path / "pack")
    with open(tmp_path / "pack" / "actions.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["id", "text", "kind", "owner", "due", "source", "pack_item", "status", "progress_evidence", "document"]
    by_id = {r["id"]: r for r in rows}
    assert by_id["R1"]["status"] == "progress evidenced"
    later_ref = result.item_refs[b.items[-1].passage.id]
    assert by_id["R1"]["progress_evidence"].startswith(later_ref) and "Scrutiny" in by_id["R1"]["progress_evidence"]
    assert by_id["R2"]["status"] == "open"
    assert by_id["R2"]["text"].startswith("'=")  # a spreadsheet shows it, never runs it


def test_safe_file_names(tmp_path):
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("C:\\Windows\\..") == "c-windows"
    assert slug("") == "item" and slug("../..") == "item"
    fw = load_framework("ilacs")
    hostile = replace(fw, lines=tuple(replace(l, slug="../../escape") if l.parent is None else l for l in fw.lines))
    b = EvidenceBuilder(hostile, tmp_path / "s")
    doc = b.document("../../../outside/../Report\x00 name", "2025-01-01", "minutes", name="report.txt")
    b.passage(doc, "Outcome.", loe="ilacs.children_in_care", role="outcome")
    result = build(b.evidence(), tmp_path / "out" / "pack")
    (item,) = result.items
    assert re.fullmatch(r"evidence/02-escape/02\.01-[a-z0-9-]+\.txt", item.file), item.file
    written = {p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()}
    assert all(str(p).startswith(("out/pack/", "s/")) for p in written)


def test_rerun_gives_same_numbering_and_files(tmp_path, evidence):
    first = build(evidence, tmp_path / "pack")
    before = [(i.number, i.key, i.file) for i in first.items]
    manifest1 = json.loads((tmp_path / "pack" / "manifest.json").read_text())
    second = build(evidence, tmp_path / "pack")
    assert [(i.number, i.key, i.file) for i in second.items] == before
    manifest2 = json.loads((tmp_path / "pack" / "manifest.json").read_text())
    assert manifest1["items"] == manifest2["items"]
    changes = (tmp_path / "pack" / "changes.md").read_text()
    assert "0 new items, 0 changed, 0 gone" in changes


def test_curation_file_next_to_pack_is_respected(tmp_path, evidence):
    first = build(evidence, tmp_path / "pack")
    panel = next(i.key for i in first.items if i.first.text.startswith("A weekly"))
    carers = next(i.key for i in first.items if i.first.text.startswith("Carers"))
    (tmp_path / "pack.yaml").write_text(
        f'exclude: ["{panel}"]\nmove: {{"{carers}": care-leavers}}\nsignpost: {{"{carers}": "Outcome: carers say children are settled, 2025"}}\n'
        'pin: ["0123456789ab/gone"]\n'
    )
    second = build(evidence, tmp_path / "pack")
    keys = {i.key: i for i in second.items}
    assert panel not in keys
    assert keys[carers].number == "3.01" and keys[carers].signpost == "Outcome: carers say children are settled, 2025"
    assert second.curation_problems == ["0123456789ab/gone: unknown key"]
    third = build(evidence, tmp_path / "pack")
    assert [(i.number, i.key) for i in third.items] == [(i.number, i.key) for i in second.items]
    page = (tmp_path / "pack" / "index.html").read_text()
    assert "0123456789ab/gone" in page
    manifest = json.loads((tmp_path / "pack" / "manifest.json").read_text())
    assert manifest["curation"]["problems"] == ["0123456789ab/gone: unknown key"] and manifest["curation"]["sha256"]


def test_explicit_curation_file_must_exist(tmp_path, evidence):
    with pytest.raises(PackError):
        build(evidence, tmp_path / "pack", curation_file=tmp_path / "nope.yaml")


def test_change_report(tmp_path, evidence):
    build(evidence, tmp_path / "pack")
    assert "No previous pack" in (tmp_path / "pack" / "changes.md").read_text()
    b = EvidenceBuilder(evidence.framework, tmp_path / "more")
    doc = b.document("Care leavers audit", "2025-11-01", "audit report", content="audit")
    b._next_id = 1000
    b.passage(doc, "Care leavers in suitable accommodation rose to 93%.", label="2.1", loe="ilacs.care_leavers",
              role="outcome", has_data=True, cues=["suitable accommodation"])
    gone = next(i for i in evidence.items if i.passage.text.startswith("Carers"))
    items = [i for i in evidence.items if i is not gone] + b.items
    changed = replace(evidence, items=items, documents=evidence.documents + b.documents)
    build(changed, tmp_path / "pack")
    report = (tmp_path / "pack" / "changes.md").read_text()
    assert "1 new item," in report and "1 gone" in report
    assert "93%" in report or "suitable accommodation" in report
    assert "new: Care leavers audit" in report
    assert "closed: The experiences and progress of care leavers: none" in report
    assert "renumbered from" in report  # items after the gone one moved up


def test_failed_build_keeps_the_old_pack(tmp_path, evidence, monkeypatch):
    build(evidence, tmp_path / "pack")
    before = {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / "pack").rglob("*") if p.is_file()}

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(build_module, "render_docx", boom)
    with pytest.raises(RuntimeError, match="disk full"):
        build(evidence, tmp_path / "pack")
    after = {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / "pack").rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack", "sources"]  # no half-built folder left


def test_failed_swap_restores_the_old_pack(tmp_path, evidence, monkeypatch):
    build(evidence, tmp_path / "pack")
    real_rename = build_module.os.rename
    calls = []

    def rename(src, dst):
        calls.append((src, dst))
        if len(calls) == 2:  # moving the new pack in
            raise OSError("cross-device link")
        return real_rename(src, dst)

    monkeypatch.setattr(build_module.os, "rename", rename)
    with pytest.raises(OSError):
        build(evidence, tmp_path / "pack")
    assert (tmp_path / "pack" / "manifest.json").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack", "sources"]


def test_refuses_to_replace_a_folder_that_is_not_a_pack(tmp_path, evidence):
    precious = tmp_path / "Documents"
    precious.mkdir()
    (precious / "thesis.docx").write_text("mine")
    with pytest.raises(PackError):
        build(evidence, precious)
    assert (precious / "thesis.docx").read_text() == "mine"


def test_manifest_records_inputs_settings_and_redaction(tmp_path, evidence):
    settings = Settings(pdf_passwords=["s3cret"], store="postgresql://user:pw@db/readiness")
    build_pack(evidence, tmp_path / "pack", settings, as_of=AS_OF)
    text = (tmp_path / "pack" / "manifest.json").read_text()
    manifest = json.loads(text)
    assert "s3cret" not in text and ":pw@" not in text
    assert manifest["redaction"] == {"setting": True, "evidence_redacted": True}
    assert {d["sha256"] for d in manifest["inputs"]} == {d["sha256"] for d in evidence.documents}
    assert manifest["tool_versions"]["jinja2"]
    assert manifest["files"]["index.html"] and "manifest.json" not in manifest["files"]


def test_narratives_failure_does_not_stop_the_pack(tmp_path, evidence, monkeypatch):
    import packs.build

    def write_narratives(*args, **kwargs):
        raise ValueError("model missing")

    monkeypatch.setattr(packs.build, "write_narratives", write_narratives)
    result = build(evidence, tmp_path / "pack")
    assert any("narratives were not written" in w for w in result.warnings)
    assert (tmp_path / "pack" / "index.html").is_file()


def test_narratives_get_item_refs(tmp_path, evidence, monkeypatch):
    import packs.build

    seen = {}

    def write_narratives(ev, out_dir, settings, item_refs=None, **options):
        seen["refs"] = item_refs
        path = Path(out_dir) / "01-area.md"
        path.write_text("# narrative")
        return [path]

    monkeypatch.setattr(packs.build, "write_narratives", write_narratives)
    result = build(evidence, tmp_path / "pack")
    assert seen["refs"] == result.item_refs
    assert 'href="narratives/01-area.md"' in (tmp_path / "pack" / "index.html").read_text()


def test_plan_matches_written_pack(tmp_path, evidence):
    planned = plan_pack(evidence, Settings(), Curation(), as_of=AS_OF)
    built = build(evidence, tmp_path / "pack")
    assert [(i.number, i.key) for i in planned.items] == [(i.number, i.key) for i in built.items]


def test_pack_command(tmp_path, evidence, monkeypatch):
    from typer.testing import CliRunner

    import cli.packs
    from cli import app

    asked = {}

    def context_factory(store, framework, config, **extra):
        asked.update(store=store, framework=framework, config=config)
        return Settings(), evidence

    monkeypatch.setattr(cli.packs, "open_view", context_factory)
    (tmp_path / "mine.yaml").write_text('exclude: ["0123456789ab/1"]\n')
    out = tmp_path / "packs" / "p"
    runner = CliRunner()
    result = runner.invoke(app, ["pack", "--out", str(out), "--store", "s.sqlite", "--framework", "ilacs",
                                 "--curation", str(tmp_path / "mine.yaml")])
    assert result.exit_code == 0, result.output
    assert asked == {"store": "s.sqlite", "framework": "ilacs", "config": None}
    assert "Pack written to" in result.output and "0123456789ab/1" in result.output
    report = json.loads((out / "run-report.json").read_text())
    assert report["command"] == "pack"
    bad = runner.invoke(app, ["pack", "--out", str(tmp_path)])  # not a pack folder: refused, exit 2
    assert bad.exit_code == 2


def test_leftovers_of_a_killed_run_are_tidied(tmp_path, evidence):
    build(evidence, tmp_path / "pack")
    dead = 2**22 + 12345  # above the usual pid_max, so no such process
    # killed between moving the old pack aside and moving the new one in
    (tmp_path / "pack").rename(tmp_path / f".pack.old-{dead}-abcd1234")
    (tmp_path / f".pack.building-{dead}-0000ffff").mkdir()
    (tmp_path / f".pack.building-{dead}-0000ffff" / "index.html").write_text("half")
    result = build(evidence, tmp_path / "pack")
    assert result.path.is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack", "sources"]
    assert "0 new items" in (tmp_path / "pack" / "changes.md").read_text()  # the old pack was found again
