"""How old each area's pack evidence is, against the freshness window of each kind of evidence
(frameworks/data/freshness.yaml: data and audits 12 months, inspection findings until the next
inspection, other evidence 36 months). The gap report and the index show it per area; an area
whose pack evidence is all older than its window is a "stale" gap."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from core.model import parse_iso_date
from frameworks.freshness import EvidenceAge, evidence_age, freshness_kind
from packs.model import PackItem
from templates.text import plural


def item_kind(item: PackItem) -> str:
    return freshness_kind(item.first.document_kind, item.has_data)


def area_age(items: Sequence[PackItem], today: date, latest_inspection: date | None = None) -> EvidenceAge:
    """The age of an area's pack items; undated items are counted as stale."""
    dated = [(parse_iso_date(i.date), item_kind(i)) for i in items]
    age = evidence_age([(d, k) for d, k in dated if d], today, latest_inspection)
    undated = sum(1 for d, _ in dated if d is None)
    if not undated:
        return age
    count = age.count + undated
    stale = age.stale + undated
    return EvidenceAge(count, age.newest, age.newest_days, age.median_days, stale, round(stale / count, 3), age.by_kind)


def all_stale(age: EvidenceAge) -> bool:
    return age.count > 0 and age.stale == age.count


def age_text(age: EvidenceAge | None) -> str:
    """"Evidence age: newest 2026-02-27 (9 months old), median 9 months, 0% older than its window." """
    if age is None or not age.count:
        return "Evidence age: no evidence in the pack."
    if age.newest is None:
        return f"Evidence age: all {plural(age.count, 'item')} undated, so counted as older than their window."
    return (f"Evidence age: newest {age.newest.isoformat()} ({_months(age.newest_days)} old), median {_months(age.median_days)}, "
            f"{age.stale_share:.0%} older than its window.")


def _months(days: float | None) -> str:
    if days is None:
        return "not known"
    months = round(days / 30.44)
    return plural(months, "month") if months else plural(int(days), "day")
