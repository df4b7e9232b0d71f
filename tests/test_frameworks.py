"""Framework data files: each loads, keeps the current ILACS ids, and crosswalks to real lines."""

from __future__ import annotations

import pytest

from frameworks import available, load_framework

CURRENT_IDS = {
    "ilacs.help_and_protection",
    "ilacs.children_in_care",
    "ilacs.care_leavers",
    "ilacs.impact_of_leaders",
}
FILES = ["ilacs", "ilacs-2018", "sif", "slac", "jtai"]


def test_every_framework_file_is_available():
    assert set(FILES) <= set(available())


@pytest.mark.parametrize("framework_id", FILES)
def test_framework_loads_with_lines_cues_and_timetable(framework_id):
    framework = load_framework(framework_id)
    assert framework.id == framework_id
    assert framework.top_lines
    ids = [line.id for line in framework.lines]
    assert len(ids) == len(set(ids)), "line ids must be unique"
    for line in framework.lines:
        assert line.title and line.slug and line.cues, line.id
        assert line.parent is None or line.parent in ids, line.id
    assert framework.notice_period_working_days is not None


@pytest.mark.parametrize("framework_id", FILES)
def test_crosswalk_covers_every_line_and_points_at_current_ilacs(framework_id):
    framework = load_framework(framework_id)
    current = {line.id for line in load_framework("ilacs").top_lines} | {"overall"}
    for line in framework.lines:
        targets = framework.to_current(line.id)
        assert targets, f"{line.id} has no crosswalk entry"
        assert set(targets) <= current, f"{line.id} -> {targets}"
        assert framework.crosswalk[line.id] == targets[0]


def test_current_ilacs_has_the_four_judgements_and_no_overall_grade():
    framework = load_framework("ilacs")
    assert {line.id for line in framework.top_lines} == CURRENT_IDS
    assert all(line.graded for line in framework.top_lines)
    assert [g.label for g in framework.grade_scale][-1] == "inadequate"
    assert framework.notice_period_working_days == 5


def test_ilacs_2018_combined_judgement_maps_to_both_current_lines():
    framework = load_framework("ilacs-2018")
    assert framework.to_current("ilacs-2018.children_in_care_and_care_leavers") == (
        "ilacs.children_in_care",
        "ilacs.care_leavers",
    )
    assert framework.to_current("ilacs-2018.overall_effectiveness") == ("overall",)


def test_older_scales_and_notice_periods():
    assert "adequate" in [g.label for g in load_framework("slac").grade_scale]
    assert load_framework("slac").notice_period_working_days == 10
    assert load_framework("sif").notice_period_working_days == 1
    assert load_framework("jtai").grade_scale == ()


def test_council_folder_overrides_bundled_file(tmp_path):
    text = (load_framework.__globals__["BUNDLED_DIR"] / "ilacs.yaml").read_text(encoding="utf-8")
    (tmp_path / "ilacs.yaml").write_text(text.replace("staying put", "staying put, house project"), encoding="utf-8")
    framework = load_framework("ilacs", tmp_path)
    assert "house project" in framework.line("ilacs.care_leavers").cues


def test_judged_areas_follow_the_framework_history():
    from datetime import date

    from frameworks.history import judged_areas

    # care leavers became a separate ILACS judgement in January 2023
    assert "care_leavers" not in judged_areas("ilacs", date(2022, 12, 15))
    assert "care_leavers" in judged_areas("ilacs", date(2023, 1, 20))
    # from April 2026 ILACS reports carry no overall effectiveness grade
    assert "overall" in judged_areas("ilacs", date(2026, 3, 31))
    assert "overall" not in judged_areas("ilacs", date(2026, 4, 1))
    assert judged_areas("ilacs", date(2017, 6, 1)) == ()
