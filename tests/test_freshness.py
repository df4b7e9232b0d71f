"""Freshness windows per kind of evidence, and each area's evidence age."""

from __future__ import annotations

from datetime import date

from frameworks.freshness import area_evidence_age, evidence_age, freshness_kind, is_stale, windows

TODAY = date(2026, 1, 5)


def test_windows_per_kind_of_evidence():
    w = windows()
    assert (w["data"].months, w["audit"].months, w["inspection"].months) == (12, 12, None)
    assert w["other"].months == 36


def test_data_and_audits_go_stale_after_twelve_months():
    assert not is_stale(date(2025, 1, 6), "data", TODAY)
    assert is_stale(date(2025, 1, 4), "data", TODAY)
    assert is_stale(date(2024, 12, 1), "audit", TODAY)
    assert not is_stale(date(2024, 12, 1), "other", TODAY)


def test_inspection_findings_stand_until_the_next_inspection():
    assert not is_stale(date(2019, 3, 1), "inspection", TODAY)  # no later inspection on record
    assert is_stale(date(2019, 3, 1), "inspection", TODAY, next_inspection_after=date(2022, 11, 18))
    assert not is_stale(date(2022, 11, 18), "inspection", TODAY, next_inspection_after=date(2022, 11, 18))


def test_each_areas_evidence_age():
    items = [
        ("in_care", date(2025, 3, 1), "data"), ("in_care", date(2024, 1, 1), "data"),
        ("in_care", date(2022, 11, 18), "inspection"), ("in_care", date(2019, 3, 15), "inspection"),
        ("leaders", date(2025, 12, 1), "audit"),
    ]
    ages = area_evidence_age(items, TODAY)
    in_care = ages["in_care"]
    assert in_care.count == 4 and in_care.newest == date(2025, 3, 1) and in_care.newest_days == 310
    # stale: the 2024 data (over 12 months) and the 2019 inspection (a later one exists)
    assert in_care.stale == 2 and in_care.stale_share == 0.5
    assert in_care.median_days == ((TODAY - date(2024, 1, 1)).days + (TODAY - date(2022, 11, 18)).days) / 2
    assert ages["leaders"].stale == 0 and ages["leaders"].by_kind == {"audit": 1}


def test_nothing_to_age():
    empty = evidence_age([], TODAY)
    assert (empty.count, empty.newest, empty.median_days, empty.stale_share) == (0, None, None, 0.0)


def test_kind_from_the_document_and_its_figures():
    assert freshness_kind("inspection report") == "inspection"
    assert freshness_kind("audit report") == "audit"
    assert freshness_kind("committee report", has_data=True) == "data"
    assert freshness_kind("minutes") == "other" and freshness_kind(None) == "other"
