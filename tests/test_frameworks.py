"""Framework data files: each version loads, says what it knows, keeps the reference ids, crosswalks
to real lines, and dates its judged areas; the loader refuses a key written twice."""

from __future__ import annotations

from datetime import date

import pytest

from frameworks import (
    BUNDLED_DIR, DuplicateKeyError, area_titles, available, default_framework_id, family_versions, load_framework,
    reference_framework, reference_framework_id, vocabulary,
)
from frameworks.history import judged_areas, version_in_force
from frameworks.yamlfile import loads_yaml

REFERENCE_IDS = {
    "ilacs.help_and_protection",
    "ilacs.children_in_care",
    "ilacs.care_leavers",
    "ilacs.impact_of_leaders",
}
FILES = sorted(p.stem for p in BUNDLED_DIR.glob("*.yaml"))
APRIL_2024_HEADINGS = {
    "Engagement and direct work with children and families", "Making good decisions for children",
    "Stability and permanence", "Strategic leadership", "Workforce",
}


def test_every_framework_file_and_family_is_available():
    assert {"ilacs-2018", "ilacs-2023", "ilacs-2024", "ilacs-2026", "sif", "slac", "jtai"} <= set(FILES)
    assert set(FILES) | {"ilacs"} <= set(available())


@pytest.mark.parametrize("name", FILES)
def test_framework_file_loads_and_is_honest_about_what_it_knows(name):
    framework = load_framework(name)
    assert framework.key == name and framework.family and framework.version
    assert framework.in_force_from is not None
    assert framework.top_lines
    ids = [line.id for line in framework.lines]
    assert len(ids) == len(set(ids)), "line ids must be unique"
    for line in framework.lines:
        assert line.title and line.slug and line.cues, line.id
        assert line.parent is None or line.parent in ids, line.id
    assert framework.not_verified, f"{name} should say what it could not verify"
    assert set(framework.judged_areas) <= set(area_titles())


@pytest.mark.parametrize("name", FILES)
def test_crosswalk_covers_every_line_and_points_at_reference_lines(name):
    framework = load_framework(name)
    targets_allowed = {line.id for line in reference_framework().top_lines} | {"overall"}
    for line in framework.lines:
        targets = framework.to_current(line.id)
        assert targets, f"{line.id} has no crosswalk entry"
        assert set(targets) <= targets_allowed, f"{line.id} -> {targets}"
        assert framework.crosswalk[line.id] == targets[0]


def test_catalogue_names_the_default_and_reference_frameworks():
    assert load_framework(default_framework_id()).family == default_framework_id()
    reference = reference_framework()
    assert reference.family == reference_framework_id()
    assert {line.id for line in reference.top_lines} == REFERENCE_IDS
    assert {line.area for line in reference.top_lines} == {"help_protection", "in_care", "care_leavers", "leaders"}


def test_ilacs_versions_follow_each_other_without_gap_or_overlap():
    versions = family_versions()["ilacs"]
    assert [v.key for v in versions] == ["ilacs-2018", "ilacs-2023", "ilacs-2024", "ilacs-2026"]
    for before, after in zip(versions, versions[1:]):
        assert (after.in_force_from - before.in_force_to).days == 1, (before.key, after.key)
    assert versions[-1].in_force_to is None
    # the family id means the version in force today
    assert load_framework("ilacs").in_force_on(date.today())


def test_judged_areas_follow_the_framework_history():
    # care leavers became a separate judgement in January 2023
    assert "care_leavers" not in judged_areas("ilacs", date(2022, 12, 15))
    assert "care_leavers" in judged_areas("ilacs", date(2023, 1, 20))
    # from April 2026 reports carry no overall effectiveness grade
    assert "overall" in judged_areas("ilacs", date(2026, 3, 31))
    assert "overall" not in judged_areas("ilacs", date(2026, 4, 1))
    assert judged_areas("ilacs", date(2017, 6, 1)) == ()
    assert judged_areas("sif", date(2015, 5, 13)) == ("overall", "help_protection", "in_care", "care_leavers", "leaders")
    assert judged_areas("jtai", date(2023, 5, 1)) == ()
    assert judged_areas("no-such-framework", date(2023, 5, 1)) == ()


def test_version_in_force_for_the_facts_layer():
    assert version_in_force("ilacs", date(2019, 6, 1)).key == "ilacs-2018"
    assert version_in_force("ilacs", date(2024, 4, 4)).key == "ilacs-2023"
    assert version_in_force("ilacs", date(2024, 4, 5)).key == "ilacs-2024"
    assert version_in_force("ilacs", date(2026, 4, 1)).key == "ilacs-2026"
    assert version_in_force("ilacs-2024", date(2026, 5, 1)).key == "ilacs-2026"  # a file name means its family
    assert version_in_force("ilacs", date(2017, 12, 31)) is None
    # versions that share their lines share the id their tags carry
    assert {v.id for v in family_versions()["ilacs"][1:]} == {"ilacs"}


def test_april_2024_versions_use_the_criteria_headings_as_sub_lines():
    for name in ("ilacs-2024", "ilacs-2026"):
        framework = load_framework(name)
        titles = {line.title for line in framework.lines if line.parent}
        assert titles == APRIL_2024_HEADINGS, name
    # regrouping kept every cue under the same judgement as the January 2023 version
    old, new = load_framework("ilacs-2023"), load_framework("ilacs-2024")
    for top in REFERENCE_IDS:
        assert {c for l in old.lines if old.ancestor(l.id) == top for c in l.cues} == \
               {c for l in new.lines if new.ancestor(l.id) == top for c in l.cues}, top


def test_current_ilacs_does_not_name_the_lscb():
    for name in ("ilacs-2023", "ilacs-2024", "ilacs-2026"):
        cues = {c for line in load_framework(name).lines for c in line.cues}
        assert not {"lscb", "safeguarding board", "local safeguarding children board"} & cues, name
    # old documents still reach the leaders line through the shared vocabulary
    assert vocabulary().lines["ilacs.impact_of_leaders"]["lscb"] == 1.0


def test_april_2026_version_judges_four_areas_and_does_not_claim_more():
    framework = load_framework("ilacs-2026")
    assert framework.judged_areas == ("leaders", "help_protection", "in_care", "care_leavers")
    assert "as in force" not in framework.name.lower()
    assert any("criteria" in item for item in framework.not_verified)


def test_ilacs_2018_combined_judgement_maps_to_both_reference_lines():
    framework = load_framework("ilacs-2018")
    assert framework.to_current("ilacs-2018.children_in_care_and_care_leavers") == (
        "ilacs.children_in_care",
        "ilacs.care_leavers",
    )
    assert framework.to_current("ilacs-2018.overall_effectiveness") == ("overall",)
    assert framework.line_for_area("in_care").id == "ilacs-2018.children_in_care_and_care_leavers"
    assert framework.line_for_area("care_leavers") is None


def test_older_grade_scales():
    assert "adequate" in [g.label for g in load_framework("slac").grade_scale]
    assert "adequate" not in [g.label for g in load_framework("sif").grade_scale]
    assert load_framework("jtai").grade_scale == ()


def test_jtai_themes_carry_the_dates_of_their_rounds():
    framework = load_framework("jtai")
    themes = framework.children("jtai.deep_dive")
    assert len(themes) >= 8 and all(t.in_force_from for t in themes)
    neglect = framework.line("jtai.theme.neglect")
    assert (neglect.in_force_from, neglect.in_force_to) == (date(2017, 5, 1), date(2017, 12, 31))


def test_shared_vocabulary_is_keyed_by_reference_lines_and_areas():
    vocab = vocabulary()
    assert set(vocab.lines) == REFERENCE_IDS
    assert set(vocab.judgement_areas) <= set(area_titles())
    assert set(vocab.defaults.values()) <= REFERENCE_IDS


def test_council_folder_overrides_a_bundled_version(tmp_path):
    # the current version extends the April 2024 one; a council's edited copy of that file is used
    text = (BUNDLED_DIR / "ilacs-2024.yaml").read_text(encoding="utf-8")
    (tmp_path / "ilacs-2024.yaml").write_text(text.replace("staying put", "staying put, leaving care hub"),
                                              encoding="utf-8")
    framework = load_framework("ilacs-2026", tmp_path)
    assert "leaving care hub" in framework.line("ilacs.cl.stability_permanence").cues
    assert "leaving care hub" not in load_framework("ilacs-2026").line("ilacs.cl.stability_permanence").cues


def test_a_council_file_extends_a_bundled_one(tmp_path):
    (tmp_path / "local.yaml").write_text(
        "extends: ilacs-2024\nfamily: local\nversion: '2026-09'\nname: Our own reading\n"
        "in_force: {from: 2026-09-01, to: null}\nnot_verified: [everything]\n", encoding="utf-8")
    framework = load_framework("local", tmp_path)
    assert framework.name == "Our own reading" and framework.id == "ilacs"
    assert len(framework.lines) == len(load_framework("ilacs-2024").lines)


def test_a_key_written_twice_is_refused_with_file_line_and_key(tmp_path):
    with pytest.raises(DuplicateKeyError, match=r"x\.yaml: line 3: key 'b' is written twice.*first on line 2"):
        loads_yaml("a: 1\nb: 2\nb: 3\n", "x.yaml")
    text = (BUNDLED_DIR / "sif.yaml").read_text(encoding="utf-8")
    (tmp_path / "sif.yaml").write_text(text.replace("family: sif\n", "family: sif\nfamily: sif\n"), encoding="utf-8")
    with pytest.raises(DuplicateKeyError, match="'family'"):
        load_framework("sif", tmp_path)


def test_a_line_under_a_missing_parent_is_refused(tmp_path):
    text = (BUNDLED_DIR / "sif.yaml").read_text(encoding="utf-8")
    (tmp_path / "sif.yaml").write_text(text.replace("parent: sif.lac_permanence", "parent: sif.nowhere", 1),
                                       encoding="utf-8")
    with pytest.raises(ValueError, match="parent is not in the file: sif.adoption_performance"):
        load_framework("sif", tmp_path)


def test_a_framework_id_too_long_for_the_store_is_refused_by_name(tmp_path):
    # PostgreSQL enforces the store's column bound; the council hears it when the file loads, not mid-run
    text = (BUNDLED_DIR / "sif.yaml").read_text(encoding="utf-8")
    long_id = "sif_" + "x" * 40
    (tmp_path / "sif.yaml").write_text(text.replace("\nid: sif\n", f"\nid: {long_id}\n", 1), encoding="utf-8")
    with pytest.raises(ValueError, match=f"framework id '{long_id}' is longer than 32"):
        load_framework("sif", tmp_path)


def test_a_line_and_below_and_every_lines_top_line():
    framework = load_framework("ilacs")
    below = framework.line_and_below("ilacs.care_leavers")
    assert "ilacs.care_leavers" in below and "ilacs.cl.stability_permanence" in below
    assert not any(line.startswith("ilacs.cic.") for line in below)
    tops = framework.top_of()
    assert tops["ilacs.cl.stability_permanence"] == "ilacs.care_leavers"
    assert all(tops[line.id] == line.id for line in framework.top_lines)
