"""Curation that does what it says: move moves, a pin keeps the ordering's place unless a position
is asked for, every passage's key can be exported, and a key that matches nothing says why."""

from __future__ import annotations

import json
from datetime import date

import pytest
import yaml

from core.settings import Settings
from frameworks import load_framework
from packs import Curation, build_pack, parse_curation, plan_pack
from packs.curation import CurationError
from packs.plan import passage_keys
from packs.testing import EvidenceBuilder

AS_OF = date(2026, 1, 1)
HP = "ilacs.help_and_protection"
CIC = "ilacs.children_in_care"
CL = "ilacs.care_leavers"


@pytest.fixture(scope="module")
def fw():
    return load_framework("ilacs")


pytestmark = pytest.mark.usefixtures("no_narratives")  # the pack on its own (tests/conftest.py)


def crowded(fw, folder=None):
    """Children in care holds more outcomes with data than the limit (12), one per year from 2014
    to 2025, and as many without data; a 2024 outcome with data scored low (0.2) is the one the
    limits leave out among those with data. Care leavers has two items."""
    b = EvidenceBuilder(fw, folder)
    docs = {year: b.document(f"Performance report {year}", f"{year}-06-01", "committee report", content=f"report {year}")
            for year in range(2014, 2026)}
    for year, doc in docs.items():
        b.passage(doc, f"Placement stability in {year}: 11 per cent of children had three moves.", label="3.1",
                  loe=CIC, role="outcome", has_data=True, score=1.0, cues=["placement stability"])
        b.passage(doc, f"Children in care said they were listened to in {year}.", label="3.2",
                  loe=CIC, role="outcome", score=1.0, cues=["voice of the child"])
    b.passage(docs[2024], "Health assessments for children in care were timely in 2024: 87 per cent.", label="4.7",
              loe=CIC, role="outcome", has_data=True, score=0.2, cues=["health assessments"])
    b.passage(docs[2025], "A weekly placements panel was set up.", label="6.1", loe=CIC, role="process", score=0.2)
    b.passage(docs[2025], "Care leavers in suitable accommodation rose to 93 per cent.", label="7.1",
              loe=CL, role="outcome", has_data=True, cues=["suitable accommodation"])
    b.passage(docs[2023], "Pathway plans were reviewed on time.", label="7.2", loe=CL, role="process")
    return b.evidence()


def plan(evidence, curation=None, **kwargs):
    return plan_pack(evidence, Settings(), curation or Curation(), as_of=AS_OF, **kwargs)


def key_of(evidence, text):
    keys = passage_keys(i.passage for i in evidence.items)
    return next(keys[i.passage.id] for i in evidence.items if i.passage.text.startswith(text))


def item_of(p, text):
    return next((i for i in p.items if i.text.startswith(text)), None)


# ----------------------------------------------------------------------------- move
def test_move_alone_moves_an_item_the_limits_would_have_left_out(fw):
    ev = crowded(fw)
    health = key_of(ev, "Health assessments")
    assert item_of(plan(ev), "Health assessments") is None  # the limits leave it out
    moved = plan(ev, parse_curation({"move": {health: "care-leavers"}}))
    item = item_of(moved, "Health assessments")
    assert item is not None and item.area == CL and item.moved and item.moved_from == CIC
    assert not item.pinned and moved.curation_problems == []
    # the rest of care leavers is untouched, and children in care lost nothing it had
    assert [i.key for i in plan(ev).sections[1].items] == [i.key for i in moved.sections[1].items]


def test_a_moved_item_is_not_reported_gone(tmp_path, fw):
    ev = crowded(fw)
    build_pack(ev, tmp_path / "pack", Settings(), as_of=AS_OF)
    health = key_of(ev, "Health assessments")
    (tmp_path / "pack.yaml").write_text(yaml.safe_dump({"move": {health: 3}}))
    result = build_pack(ev, tmp_path / "pack", Settings(), as_of=AS_OF)
    assert item_of(result.plan, "Health assessments").number.startswith("3.")
    changes = (tmp_path / "pack" / "changes.md").read_text()
    assert "## Gone" not in changes and health in changes.split("## New items", 1)[1]


# ----------------------------------------------------------------------------- pin and position
def test_a_pin_keeps_the_item_where_the_ordering_puts_it(fw):
    ev = crowded(fw)
    health = key_of(ev, "Health assessments")
    pinned = plan(ev, Curation(pin=[health]))
    section = pinned.sections[1]
    item = item_of(pinned, "Health assessments")
    assert item.pinned and len(section.items) == 12
    # an outcome with data from 2024: after 2025's, beside 2024's stronger one, before 2023's
    assert [i.text[:30] for i in section.items[:4]] == [
        "Placement stability in 2025: 1", "Placement stability in 2024: 1", "Health assessments for childre",
        "Placement stability in 2023: 1"]
    assert item.number == "2.03"


def test_position_puts_an_item_where_the_lead_asks(fw):
    ev = crowded(fw)
    panel = key_of(ev, "A weekly placements panel")
    health = key_of(ev, "Health assessments")
    placed = plan(ev, parse_curation({"position": {panel: 1, health: 3}}))
    section = placed.sections[1]
    assert section.items[0].text.startswith("A weekly placements panel") and section.items[0].number == "2.01"
    assert section.items[2].text.startswith("Health assessments") and section.items[2].number == "2.03"
    # everything else keeps the ordering rules' relative order
    others = [i.key for i in section.items if i.position_asked is None]
    assert others == [i.key for i in sorted((i for i in section.items if i.position_asked is None),
                                             key=lambda i: section.items.index(i))]
    assert placed.curation_problems == []


def test_position_past_the_end_is_last_and_a_bad_position_is_refused(fw):
    ev = crowded(fw)
    health = key_of(ev, "Health assessments")
    section = plan(ev, parse_curation({"position": {health: 99}})).sections[1]
    assert section.items[-1].text.startswith("Health assessments")
    for bad in (0, -1, "first", 1.5):
        with pytest.raises(CurationError):
            parse_curation({"position": {health: bad}})


def test_a_signpost_alone_keeps_the_item_with_its_words(fw):
    ev = crowded(fw)
    health = key_of(ev, "Health assessments")
    p = plan(ev, parse_curation({"signpost": {health: "Outcome: timely health assessments, 2024"}}))
    item = item_of(p, "Health assessments")
    assert item.signpost == "Outcome: timely health assessments, 2024" and item.signpost_edited


def test_exclude_wins_over_pin_and_move(fw):
    ev = crowded(fw)
    health = key_of(ev, "Health assessments")
    p = plan(ev, parse_curation({"pin": [health], "move": {health: "care-leavers"}, "exclude": [health]}))
    assert item_of(p, "Health assessments") is None


# ----------------------------------------------------------------------------- keys that match nothing
def test_a_mistyped_key_is_unknown_with_the_nearest_keys(fw):
    ev = crowded(fw)
    health = key_of(ev, "Health assessments")  # ".../4.7"
    typo = health[:-1] + "8"  # ".../4.8": never existed
    p = plan(ev, Curation(pin=[typo]))
    assert p.curation_problems == [f"{typo}: unknown key (did you mean {health}?)"] or (
        p.curation_problems[0].startswith(f"{typo}: unknown key (did you mean ") and health in p.curation_problems[0]
    )
    wrong_sha = "f" + health[1:]
    assert plan(ev, Curation(pin=[wrong_sha])).curation_problems[0].startswith(f"{wrong_sha}: unknown key")
    nothing_like = plan(ev, Curation(pin=["zzzz"])).curation_problems
    assert nothing_like == ["zzzz: unknown key"]


def test_a_key_from_an_earlier_pack_no_longer_exists(tmp_path, fw):
    ev = crowded(fw)
    first = build_pack(ev, tmp_path / "pack", Settings(), as_of=AS_OF)
    gone = next(i for i in first.items if i.area == CL)
    # the document is replaced by a new version: its passages (and keys) are gone
    b = EvidenceBuilder(fw)
    b.items = [i for i in ev.items if i.passage.document_sha != gone.document_sha]
    b.documents = [d for d in ev.documents if d["sha256"] != gone.document_sha]
    changed = b.evidence()
    (tmp_path / "pack.yaml").write_text(yaml.safe_dump({"pin": [gone.key, "0000000000ab/1"]}))
    second = build_pack(changed, tmp_path / "pack", Settings(), as_of=AS_OF)
    assert f"{gone.key}: no longer exists (it was in an earlier pack; its document has changed or gone)" in second.curation_problems
    assert "0000000000ab/1: unknown key" in second.curation_problems
    # and the history survives a further pack that no longer holds the item either
    third = build_pack(changed, tmp_path / "pack", Settings(), as_of=AS_OF)
    assert any(p.startswith(f"{gone.key}: no longer exists") for p in third.curation_problems)
    index = (tmp_path / "pack" / "index.html").read_text()
    assert "unknown key" in index and "no longer exists" in index


# ----------------------------------------------------------------------------- the acceptance case
def test_pack_yaml_gives_exactly_the_asked_for_pack_and_a_rerun_keeps_it(tmp_path, fw):
    ev = crowded(fw, tmp_path / "sources")
    base = build_pack(ev, tmp_path / "pack", Settings(), as_of=AS_OF)
    health = key_of(ev, "Health assessments")  # left out by the limits
    listened = key_of(ev, "Children in care said they were listened to in 2025")  # left out by the limits
    assert item_of(base.plan, "Health assessments") is None and item_of(base.plan, "Children in care said") is None
    dropped = item_of(base.plan, "Placement stability in 2025").key  # in the pack
    moving = item_of(base.plan, "Placement stability in 2023").key  # move alone
    renamed = item_of(base.plan, "Care leavers in suitable accommodation").key
    (tmp_path / "pack.yaml").write_text(yaml.safe_dump({
        "pin": [health],
        "exclude": [dropped],
        "move": {moving: "care-leavers"},
        "signpost": {renamed: "Outcome: care leavers in good homes, 2025"},
    }))
    asked = build_pack(ev, tmp_path / "pack", Settings(), as_of=AS_OF)
    by_key = {i.key: i for i in asked.items}
    assert health in by_key and by_key[health].pinned and by_key[health].area == CIC
    assert dropped not in by_key
    assert by_key[moving].area == CL and by_key[moving].number.startswith("3.")
    assert by_key[renamed].signpost == "Outcome: care leavers in good homes, 2025"
    assert asked.curation_problems == []
    # nothing else changed: every other item of the first pack is still there, in the same area
    others = {i.key: i.area for i in base.items if i.key not in {dropped, moving}}
    assert all(by_key[k].area == area for k, area in others.items())
    # the pin in; the slot the exclude frees goes to the best item left (the ordering rules)
    assert {i.key for i in asked.items} - {i.key for i in base.items} == {health, listened}
    assert {i.key for i in base.items} - {i.key for i in asked.items} == {dropped}
    changes = (tmp_path / "pack" / "changes.md").read_text()
    assert "2 new items," in changes and "1 gone" in changes
    assert f"`{moving}`: moved from 2.03" in changes
    # a re-run keeps it: same items, same numbers, same signposts, nothing new, changed or gone
    again = build_pack(ev, tmp_path / "pack", Settings(), as_of=AS_OF)
    assert [(i.number, i.key, i.signpost) for i in again.items] == [(i.number, i.key, i.signpost) for i in asked.items]
    assert "0 new items, 0 changed, 0 gone" in (tmp_path / "pack" / "changes.md").read_text()
    manifest = json.loads((tmp_path / "pack" / "manifest.json").read_text())
    assert manifest["curation"]["problems"] == [] and manifest["curation"]["sha256"]
