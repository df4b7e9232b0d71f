"""Words for readers: text cut at a word boundary with an ellipsis everywhere, counts that agree and
read as English, and a Word index a lead can read (judgement grid, every item's first sentence)."""

from __future__ import annotations

import json
import random
import re
from datetime import date

import pytest

from core.settings import Settings
from packs import build_pack
from packs.model import Gap, PackCounts, counted_gaps
from packs.report import record_run_report
from packs.testing import EvidenceBuilder, sample_evidence
from templates.text import ELLIPSIS, md_code, md_escape, plural, shorten

AS_OF = date(2026, 1, 1)
LEADERS = "ilacs.impact_of_leaders"
WORD = re.compile(r"[A-Za-z0-9’'-]+")


pytestmark = pytest.mark.usefixtures("no_narratives")  # the pack on its own (tests/conftest.py)


# ----------------------------------------------------------------------------- the helpers
def test_shorten_never_cuts_inside_a_word():
    rng = random.Random(7)
    vocabulary = ["consideration", "social", "care", "children", "of", "the", "placement", "stability,", "(2024)", "a"]
    for _ in range(500):
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 40)))
        limit = rng.randint(8, 120)
        short = shorten(text, limit)
        assert len(short) <= limit
        if short == text:
            continue
        assert short.endswith(ELLIPSIS)
        kept, original = short[: -len(ELLIPSIS)].split(), text.split()
        if len(original[0]) >= limit:  # a first word longer than the limit is the one mid-word cut
            continue
        # whole words of the text, in order; the last may lose trailing punctuation such as "," or "("
        assert kept[:-1] == original[: len(kept) - 1]
        assert kept[-1] == original[len(kept) - 1].rstrip(",(") or (kept[-1] in original[len(kept) - 1] and original[len(kept) - 1].startswith("("))


def test_shorten_examples():
    text = "The authority gave careful consideration to the social care needs of children"
    assert shorten(text, 40) == "The authority gave careful…"
    assert shorten(text, 200) == text
    assert shorten(text, words=3) == "The authority gave…"
    assert shorten("  spaced \n out  ") == "spaced out"
    assert shorten("a" * 30, 10) == "a" * 9 + ELLIPSIS  # one giant word is the only mid-word cut
    assert shorten("placement stability, (see below) more", 24) == "placement stability…"


def test_file_names_are_cut_between_words():
    from packs import slug

    assert slug("Children's Social Care Performance Report: Quarter 3", 40) == "children-s-social-care-performance"
    assert slug("x" * 60, 10) == "x" * 10  # one long word: the only cut inside a word


def test_counts_in_english():
    assert [plural(n, "gap") for n in (0, 1, 2)] == ["0 gaps", "1 gap", "2 gaps"]
    assert plural(1, "passage") + " left out" == "1 passage left out"
    assert plural(1693, "passage") == "1,693 passages"
    assert plural(2, "line of enquiry", "lines of enquiry") == "2 lines of enquiry"
    assert plural(3, "new item") == "3 new items" and plural(2, "policy") == "2 policies"


def test_markdown_escaping_keeps_text_as_text():
    assert md_escape("<script>alert(1)</script>") == r"\<script\>alert(1)\</script\>"
    assert md_escape("[click](javascript:alert(1))") == r"\[click\](javascript:alert(1))"
    assert md_escape("[2.03] Ofsted report, 2024") == "[2.03] Ofsted report, 2024"  # a citation stays readable
    assert md_escape("# not a heading") == r"\# not a heading"
    assert md_escape("*bold* and_under") == r"\*bold\* and\_under"
    assert md_code("3f2a9c1b0d4e/#17") == "`3f2a9c1b0d4e/#17`"
    assert md_code("a`b") == "``a`b``"


def test_signposts_read_the_taggers_cue_phrases():
    from packs.signpost import make_signpost

    cues = ["cue: 're-referrals' (ilacs.hp.front_door)", "cue: 'referrals'", "lexicon: 'early help'", "model: p=0.91"]
    line = make_signpost("outcome", "strength", True, cues, "Re-referrals fell to 18 per cent, below the national average.", 2025)
    assert line == "Outcome (data, strength): re-referrals and early help, below national average, 18 per cent, 2025"
    twice = make_signpost("outcome", "concern", False, ["cue: 'chronologies'", "cue: 'chronology'"], "Chronologies were late.", 2025)
    assert twice == "Outcome (concern): chronologies were late, 2025"  # the topic and what it shows


# ----------------------------------------------------------------------------- one gap count
def test_one_gap_count_in_index_gaps_changes_manifest_and_run_report(tmp_path):
    from core.model import RunReport
    from datetime import datetime, timezone

    result = build_pack(sample_evidence(tmp_path / "sources"), tmp_path / "pack", Settings(), as_of=AS_OF)
    counted = len(counted_gaps(result.gaps))
    themes = len(result.gaps) - counted
    assert themes > 0 and counted > 0  # both kinds exist, so a count that mixes them would differ
    words = plural(counted, "gap")
    root = tmp_path / "pack"
    assert words in (root / "index.html").read_text()
    assert f"{words} in 4 lines of enquiry" in (root / "gaps.md").read_text()
    assert words in (root / "changes.md").read_text()
    manifest = json.loads((root / "manifest.json").read_text())
    assert manifest["counts"]["gaps"] == counted and PackCounts.from_manifest(manifest).gaps == counted
    report = RunReport(datetime.now(timezone.utc), ["x"], "ilacs")
    record_run_report(root, report)
    assert any(n.startswith("pack: ") and words in n for n in report.notes)
    assert json.loads((root / "run-report.json").read_text())["notes"] == report.notes
    from docx import Document

    first = "\n".join(p.text for p in Document(str(root / "index.docx")).paragraphs[:3])
    assert words in first


def test_counts_sentence_reads_as_english():
    one = PackCounts(items=1, areas=1, gaps=1, left_out=1, themes_without_evidence=0)
    assert one.sentence(left_out=True) == "1 item in 1 line of enquiry, 1 gap; 1 more item in the store left out by the limits"
    many = PackCounts(items=48, areas=4, gaps=6, left_out=0, themes_without_evidence=2)
    assert many.sentence(left_out=True) == "48 items in 4 lines of enquiry, 6 gaps"
    gaps = [Gap("a", "A", "thin", "m"), Gap("a.t", "T", "theme-none", "m"), {"kind": "stale"}, {"kind": "theme-none"}]
    assert len(counted_gaps(gaps)) == 2


# ----------------------------------------------------------------------------- cuts everywhere
LONG_ACTION = ("Team managers to give careful consideration to the recording of supervision and management oversight "
               "on every child's case file, so that social care practitioners can show the reasons for decisions, "
               "with monthly sampling by the principal social worker and a report to the improvement board by March.")
LONG_STRENGTH = ("Direct work with children was strong and the voice of the child was clear in most cases audited, "
                 "with social care practitioners recording children's wishes and feelings in their own words and "
                 "showing careful consideration of what children told them about their lives at home and at school.")


def audit_evidence(tmp_path):
    base = sample_evidence(tmp_path / "sources")
    b = EvidenceBuilder(base.framework, tmp_path / "sources")
    b.items, b.judgements, b.actions, b.documents = list(base.items), list(base.judgements), list(base.actions), list(base.documents)
    b._ordinals = {d["sha256"]: 1000 for d in base.documents}
    b._next_id = 1000
    doc = b.document("Case audit programme 2024", "2024-11-30", "audit report", content="Case audit programme\n", name="audit.txt")
    b.passage(doc, "A total of 1,440 cases were audited over 8 weeks from September 2024.", label="9.2", loe=LEADERS,
              role="process", has_data=True, cues=["case audit"])
    b.passage(doc, "22 per cent of cases were judged to be of good quality or better.", label="10.7", loe=LEADERS,
              role="outcome", has_data=True, cues=["case audit"])
    b.passage(doc, "Strengths", kind="heading", role=None)
    b.passage(doc, LONG_STRENGTH, label="11.1", kind="list item", loe=LEADERS, role="outcome", polarity="strength",
              heading_path=("Strengths",))
    b.passage(doc, "Recommendations", kind="heading", role=None)
    b.passage(doc, LONG_ACTION, label="12.1", kind="list item", loe=LEADERS, role="recommendation",
              heading_path=("Recommendations",))
    return b.evidence()


def test_no_text_in_the_pack_is_cut_inside_a_word(tmp_path):
    """Every '…' in every text file of the pack follows a whole word of the evidence (audits.md once
    cut "considera" and "social car")."""
    evidence = audit_evidence(tmp_path)
    build_pack(evidence, tmp_path / "pack", Settings(store=str(tmp_path / "store.sqlite")), as_of=AS_OF)
    words = {w.lower().strip("'’-") for item in evidence.items for w in WORD.findall(item.passage.text)}
    words |= {w.lower().strip("'’-") for d in evidence.documents for w in WORD.findall(d["title"] or "")}
    words |= {w.lower().strip("'’-") for line in evidence.framework.lines for w in WORD.findall(line.title)}
    root = tmp_path / "pack"
    cuts = 0
    for path in root.rglob("*"):
        if path.suffix not in {".md", ".html", ".yaml", ".txt", ".csv", ".svg"}:
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix in {".html", ".svg"}:
            text = re.sub(r"<[^>]+>", " ", text)
        for match in re.finditer(r"([A-Za-z0-9’'-]+)\s*…", text):
            cuts += 1
            assert match.group(1).lower().strip("'’-") in words, f"{path.name}: cut inside a word: {match.group(0)!r}"
    assert cuts > 0  # the long audit texts were cut somewhere, so the check above saw real cuts


# ----------------------------------------------------------------------------- the Word index
def _docx_text(path):
    from docx import Document

    return Document(str(path))


def test_word_index_shows_every_item_with_signpost_and_first_sentence(tmp_path):
    from packs.signpost import first_sentence

    result = build_pack(sample_evidence(tmp_path / "sources"), tmp_path / "pack", Settings(), as_of=AS_OF)
    paragraphs = [p.text for p in _docx_text(tmp_path / "pack" / "index.docx").paragraphs]
    for item in result.items:
        at = next(n for n, text in enumerate(paragraphs) if text.startswith(f"{item.number}  "))
        assert item.signpost in paragraphs[at]
        assert paragraphs[at + 1] == f"“{first_sentence(item.text)}”"
        assert item.key in paragraphs[at + 2]


def test_first_sentence_skips_labels_and_carried_over_fragments():
    from packs.signpost import first_sentence

    assert first_sentence("4.1 Re-referrals fell to 18 per cent. Leaders noticed.") == "Re-referrals fell to 18 per cent."
    assert first_sentence("from the previous page. Children are safe here now.") == "Children are safe here now."
    assert first_sentence("word " * 200).endswith(ELLIPSIS) and len(first_sentence("word " * 200)) <= 300


def _with_inspections(tmp_path, count):
    base = sample_evidence(tmp_path / "sources")
    b = EvidenceBuilder(base.framework, tmp_path / "sources")
    b.items, b.judgements, b.actions, b.documents = list(base.items), list(base.judgements), list(base.actions), list(base.documents)
    b._ordinals = {d["sha256"]: 1000 for d in base.documents}
    b._next_id = 1000
    grades = ["good", "requires improvement to be good", "inadequate", "outstanding"]
    for n in range(count):
        doc = b.document(f"Ofsted inspection {2010 + n}", f"{2010 + n}-05-01", "inspection report", content=f"insp {n}")
        for area_n, area in enumerate(("ilacs.impact_of_leaders", "ilacs.children_in_care", "ilacs.care_leavers")):
            item = b.passage(doc, f"The area is {grades[(n + area_n) % 4]}.", label=str(area_n + 1), loe=area, role="judgement")
            b.judgement(item, area, grades[(n + area_n) % 4])
    return b.evidence()


def test_word_index_judgements_are_a_compact_grid_of_areas_by_inspections(tmp_path):
    result = build_pack(_with_inspections(tmp_path, 3), tmp_path / "pack", Settings(), as_of=AS_OF)
    document = _docx_text(tmp_path / "pack" / "index.docx")
    grid = document.tables[0]
    header = [c.text for c in grid.rows[0].cells]
    dates = sorted({j.date for j in result.plan.judgements})
    assert header == ["Area", *dates]
    areas = {j.area for j in result.plan.judgements}
    assert len(grid.rows) == 1 + len(areas)  # one row per area, not one per judgement
    assert len(result.plan.judgements) > len(grid.rows)
    rows = {row.cells[0].text[:40]: [c.text for c in row.cells] for row in grid.rows[1:]}
    leaders = next(j for j in result.plan.judgements if j.area == "ilacs.impact_of_leaders" and j.date == "2011-05-01")
    # "requires improvement to be good", short, with the pack item that states it
    assert rows[leaders.area_title[:40]][header.index("2011-05-01")] == f"RI ({leaders.ref})" and leaders.ref
    assert all(s.orientation == 0 for s in document.sections)  # three inspections fit a portrait page


def test_word_index_many_inspections_get_a_landscape_page(tmp_path):
    build_pack(_with_inspections(tmp_path, 8), tmp_path / "pack", Settings(), as_of=AS_OF)
    document = _docx_text(tmp_path / "pack" / "index.docx")
    orientations = [s.orientation for s in document.sections]
    assert orientations == [0, 1, 0]  # portrait, the grid landscape, then portrait again
    landscape = document.sections[1]
    assert landscape.page_width > landscape.page_height
    assert len(document.tables[0].columns) == 1 + 8 + 1  # sample evidence's own 2023 inspection too
