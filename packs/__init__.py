"""Build the ordered evidence pack: numbering, signposts, curation, gaps, actions and an index.

    build_pack(evidence, out_dir, settings, run_report=..., curation_file=...) -> PackResult
    plan_pack(evidence, settings, curation) -> PackPlan      # pure: nothing is written

See `packs/README.md` for the pack layout and `packs/curation.py` for `pack.yaml`.
"""

from __future__ import annotations

from packs.build import PackError, build_pack, compare_manifests, slug
from packs.curation import Curation, CurationError, load_curation, parse_curation
from packs.model import ActionRow, Gap, JudgementRow, Limits, PackCounts, PackItem, PackPlan, PackResult, Section
from packs.plan import passage_keys, plan_pack

__all__ = [
    "ActionRow",
    "Curation",
    "CurationError",
    "Gap",
    "JudgementRow",
    "Limits",
    "PackCounts",
    "PackError",
    "PackItem",
    "PackPlan",
    "PackResult",
    "Section",
    "build_pack",
    "compare_manifests",
    "load_curation",
    "parse_curation",
    "passage_keys",
    "plan_pack",
    "slug",
]
