"""Plan a pack without writing anything: which items, in what order, numbered how, with what gaps.

Order (Bedford 2011, paras 28-31: order by line of enquiry, outcomes before process, be selective
and signpost): framework order; within a line of enquiry outcome evidence with data, then other
outcome evidence, then judgements and recommendations, then process; newer before older. Context
is left out unless a lead pins it. Everything is sorted on stable keys, so an unchanged store gives
the same numbers on every run.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from evidence_store.evidence import Evidence, EvidenceItem
from facts.superseded import superseded_documents
from core.model import Passage, parse_iso_date
from frameworks import Framework
from packs.actions import action_register
from packs.curation import Curation
from packs.freshness import all_stale, area_age, item_kind
from packs.model import (
    THEME_GAP,
    TIER_CONTEXT,
    TIER_NAMES,
    TIER_PROCESS,
    Gap,
    JudgementRow,
    Limits,
    PackItem,
    PackPlan,
    Section,
    tier_of,
)
from packs.signpost import make_signpost
from templates.text import plural, shorten

GROUPABLE_KINDS = {"list item", "table row"}
MAX_GROUP = 6
_SAFE_LABEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9.()_-]{0,23}")
ROLE_RANK = {"outcome": 0, "judgement": 1, "recommendation": 2, "process": 3, "context": 4}


# ----------------------------------------------------------------------------- keys
def passage_keys(passages: Iterable[Passage]) -> dict[int, str]:
    """Stable key per passage: sha prefix + label as printed, or #ordinal if missing/repeated."""
    by_doc: dict[str, list[Passage]] = defaultdict(list)
    for passage in passages:
        by_doc[passage.document_sha].append(passage)
    keys: dict[int, str] = {}
    for sha, doc_passages in by_doc.items():
        labels = Counter((p.label or "").strip() for p in doc_passages)
        for p in doc_passages:
            label = (p.label or "").strip()
            if label and labels[label] == 1 and _SAFE_LABEL.fullmatch(label):
                keys[p.id] = f"{sha[:12]}/{label}"
            else:
                keys[p.id] = f"{sha[:12]}/#{p.ordinal}"
    return keys


class _KeyIndex:
    """Resolve keys a lead typed, including shorter sha prefixes when unambiguous."""

    def __init__(self, keys: dict[int, str]) -> None:
        self.by_key = {key: pid for pid, key in keys.items()}
        self.prefixes = sorted({key.split("/", 1)[0] for key in self.by_key})

    def resolve(self, key: str) -> int | None:
        if key in self.by_key:
            return self.by_key[key]
        prefix, _, rest = key.partition("/")
        prefix = prefix.lower()
        if len(prefix) < 6 or not rest:
            return None
        matches = [p for p in self.prefixes if p.startswith(prefix[:12])]
        if len(matches) != 1:
            return None
        return self.by_key.get(f"{matches[0]}/{rest}")

    def explain(self, key: str, known: set[str]) -> str:
        """Why a key matches nothing: an item of an earlier pack that is gone, or a key that never
        existed, with the nearest keys there are (a typing slip is the likely cause)."""
        if key in known or self._expand(key) in known:
            return f"{key}: no longer exists (it was in an earlier pack; its document has changed or gone)"
        guesses = self.near(key)
        return f"{key}: unknown key" + (f" (did you mean {' or '.join(guesses)}?)" if guesses else "")

    def _expand(self, key: str) -> str:
        prefix, _, rest = key.partition("/")
        matches = [p for p in self.prefixes if len(prefix) >= 6 and p.startswith(prefix.lower()[:12])]
        return f"{matches[0]}/{rest}" if len(matches) == 1 else key

    def near(self, key: str, n: int = 3) -> list[str]:
        """Keys a slip of the keyboard could have come from: difflib's close matches (in the same
        document when the sha part is right), nearest first by typing edits, then length."""
        typed = self._expand(key)
        prefix = typed.partition("/")[0]
        same_document = [k for k in self.by_key if k.startswith(prefix + "/")] if prefix in self.prefixes else []
        close = difflib.get_close_matches(typed, same_document or list(self.by_key), n=12, cutoff=0.6)
        return sorted(close, key=lambda k: (_edits(typed, k), abs(len(k) - len(typed)), k))[:n]


def _edits(a: str, b: str) -> int:
    """Levenshtein distance: how many typed characters differ (keys are short)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


# ----------------------------------------------------------------------------- areas
def _top_scores(item: EvidenceItem, framework: Framework, top_ids: set[str], ancestors: dict[str, str]) -> dict[str, float]:
    scores: dict[str, float] = defaultdict(float)
    for tag in item.tags:
        if tag.framework and tag.framework != framework.id:
            continue
        top = ancestors.get(tag.loe)
        if top in top_ids:
            scores[top] += float(tag.score)
    return scores


def resolve_area(value: str, framework: Framework) -> str | None:
    """A line of enquiry from what a lead typed: id, slug, title or section number."""
    text = str(value).strip()
    tops = framework.top_lines
    if text.isdigit() and 1 <= int(text) <= len(tops):
        return tops[int(text) - 1].id
    for line in framework.lines:
        if text.lower() in (line.id.lower(), line.slug.lower(), line.title.lower()):
            return framework.ancestor(line.id)
    return None


# ----------------------------------------------------------------------------- plan
def limits_from(settings: object, curation: Curation) -> Limits:
    limits = Limits(
        items_per_area=int(getattr(settings, "pack_items_per_area", Limits.items_per_area)),
        per_document=int(getattr(settings, "pack_items_per_document", Limits.per_document)),
        process_per_area=int(getattr(settings, "pack_process_per_area", Limits.process_per_area)),
        include_context=bool(getattr(settings, "pack_include_context", Limits.include_context)),
    )
    for name, value in curation.limits.items():
        if not hasattr(limits, name):
            raise ValueError(f"pack.yaml: unknown limit {name!r}")
        setattr(limits, name, bool(value) if name == "include_context" else max(0, int(value)))
    return limits


def _date_ordinal(value: str | None) -> int:
    parsed = parse_iso_date(value)
    return parsed.toordinal() if parsed else 0


def display_key(item: PackItem) -> tuple:
    """Tier, newer first, stronger first, then position in the document: total and stable."""
    return (item.tier, -_date_ordinal(item.date), -round(item.score, 6), item.document_sha, item.first.ordinal)


def quality_key(item: PackItem) -> tuple:
    """Which items to keep when an area has more than the limit."""
    return (item.tier, -round(item.score, 3), -_date_ordinal(item.date), item.document_sha, item.first.ordinal)


def _normalised(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def plan_pack(evidence: Evidence, settings: object, curation: Curation | None = None, *, as_of: date | None = None,
              known_keys: Iterable[str] = ()) -> PackPlan:
    """The whole pack, decided. `known_keys` are keys of items in earlier packs at this location:
    a curated key among them that matches nothing "no longer exists"; any other is "unknown"."""
    curation = curation or Curation()
    known_keys = set(known_keys)
    framework = evidence.framework
    limits = limits_from(settings, curation)
    as_of = as_of or date.today()
    tops = framework.top_lines
    top_ids = {line.id for line in tops}
    section_of = {line.id: index + 1 for index, line in enumerate(tops)}
    ancestors = framework.top_of()

    all_passages = [item.passage for item in evidence.items]
    keys = passage_keys(all_passages)
    index = _KeyIndex(keys)
    by_pid = {item.passage.id: item for item in evidence.items}

    # Resolve every curated key once; keys that match nothing are reported back, each with why.
    problems: list[str] = []
    resolved: dict[str, int] = {}
    for key in curation.keys():
        pid = index.resolve(key)
        if pid is None:
            problems.append(index.explain(key, known_keys))
        else:
            resolved[key] = pid
    pinned_pids = {resolved[k] for k in curation.pin if k in resolved}
    excluded_pids = {resolved[k] for k in curation.exclude if k in resolved}
    moved_to: dict[int, str] = {}
    for key, target in curation.move.items():
        if key not in resolved:
            continue
        area = resolve_area(target, framework)
        if area is None:
            problems.append(f"{key}: move target {target!r} is not a line of enquiry (use an id, slug or section number)")
        else:
            moved_to[resolved[key]] = area
    signposts = {resolved[k]: text for k, text in curation.signpost.items() if k in resolved and text}
    positions = {resolved[k]: n for k, n in curation.position.items() if k in resolved}
    # every passage a lead named for keeping (a heading or context passage included)
    kept_pids = pinned_pids | set(moved_to) | set(signposts) | set(positions)

    # 1. Each passage goes to its strongest top-level area (or where a lead moved it).
    area_of: dict[int, str] = {}
    moved_from: dict[int, str] = {}
    scores_of: dict[int, float] = {}
    for item in evidence.items:
        pid = item.passage.id
        if item.passage.kind == "heading" and pid not in kept_pids:
            continue
        scores = _top_scores(item, framework, top_ids, ancestors)
        best = min(scores, key=lambda a: (-scores[a], section_of[a])) if scores else None
        if pid in moved_to:
            if best and best != moved_to[pid]:
                moved_from[pid] = best
            best = moved_to[pid]
        if best is None:
            if pid in kept_pids:
                problems.append(f"{keys[pid]}: tagged to no line of enquiry, so it has no section: add a move")
            continue
        area_of[pid] = best
        scores_of[pid] = scores.get(best, max(scores.values(), default=0.0))

    # 2. Consecutive list items / table rows of one document under one heading form one item.
    items: list[PackItem] = []
    current: PackItem | None = None
    for pid in sorted(area_of, key=lambda p: (by_pid[p].passage.document_sha, by_pid[p].passage.ordinal)):
        ev = by_pid[pid]
        p = ev.passage
        last = current.passages[-1] if current else None
        if (
            current is not None
            and last is not None
            and last.document_sha == p.document_sha
            and p.ordinal == last.ordinal + 1
            and p.kind in GROUPABLE_KINDS
            and p.kind == last.kind
            and p.heading_path == last.heading_path
            and area_of[pid] == current.area
            and len(current.passages) < MAX_GROUP
            and pid not in signposts
            and current.first.id not in moved_to and pid not in moved_to
        ):
            current.passages.append(p)
            current.member_keys.append(keys[pid])
            current.score = max(current.score, scores_of[pid])
            current.has_data = current.has_data or ev.has_data
            if ROLE_RANK.get(ev.role, 9) < ROLE_RANK.get(current.role, 9):
                current.role, current.polarity = ev.role, ev.polarity
            current.cues.extend(_cues_for(ev, ancestors, current.area))
            continue
        current = PackItem(
            key=keys[pid],
            area=area_of[pid],
            passages=[p],
            role=ev.role,
            polarity=ev.polarity,
            has_data=ev.has_data,
            score=scores_of[pid],
            cues=_cues_for(ev, ancestors, area_of[pid]),
            moved_from=moved_from.get(pid),
            member_keys=[keys[pid]],
        )
        items.append(current)

    # 3. Curation at item level (any member's key counts); exclude wins over everything else.
    by_area: dict[str, list[PackItem]] = defaultdict(list)
    for item in items:
        pids = set(item.passage_ids)
        if pids & excluded_pids:
            continue
        item.pinned = bool(pids & pinned_pids)
        item.moved = bool(pids & set(moved_to))
        item.signpost_edited = bool(pids & set(signposts))
        item.position_asked = min((positions[p] for p in pids if p in positions), default=None)
        by_area[item.area].append(item)

    # 4. Keep the best within the limits, then order for display and number.
    sections: list[Section] = []
    gaps: list[Gap] = []
    item_refs: dict[int, str] = {}
    cutoff = as_of - timedelta(days=round(float(getattr(settings, "stale_years", 3.0)) * 365.25))
    thin = int(getattr(settings, "thin_items", 3))
    latest_inspection = max((parse_iso_date(i.date) or date.min for i in items if item_kind(i) == "inspection"), default=None)
    superseded = superseded_documents(evidence)
    for number, line in enumerate(tops, start=1):
        candidates = by_area.get(line.id, [])
        evidential = [i for i in candidates if i.tier != TIER_CONTEXT]
        kept = _place(_select(candidates, limits, superseded.get(line.id, set())))
        for position, item in enumerate(kept, start=1):
            item.section, item.position = number, position
            _signpost(item, signposts)
            for pid in item.passage_ids:
                item_refs[pid] = item.number
        counts = Counter(TIER_NAMES[i.tier] for i in candidates)
        age = area_age(kept, as_of, latest_inspection)
        sections.append(
            Section(number, line, kept, len(evidential), max(0, len(evidential) - len([k for k in kept if k.tier != TIER_CONTEXT])), dict(counts), age)
        )
        gaps.extend(_area_gaps(line.id, line.title, number, evidential, thin, cutoff, float(getattr(settings, "stale_years", 3.0)), age))

    # Evaluation themes (sub-lines) with nothing at all: "our understanding of preventive services".
    theme_hits: Counter[str] = Counter()
    for item in items:
        if set(item.passage_ids) & excluded_pids:
            continue
        for pid in item.passage_ids:
            for tag in by_pid[pid].tags:
                theme_hits[tag.loe] += 1
    for line in framework.lines:
        if line.parent is None or theme_hits[line.id]:
            continue
        try:
            top = framework.ancestor(line.id)
        except KeyError:
            continue
        gaps.append(Gap(line.id, line.title, THEME_GAP, f"No evidence tagged to this theme ({framework.line(top).title}).", section_of.get(top)))

    judgements = judgement_history(evidence, item_refs, by_pid)
    actions = action_register(evidence, item_refs)
    return PackPlan(
        framework=framework,
        sections=sections,
        gaps=gaps,
        judgements=judgements,
        actions=actions,
        item_refs=item_refs,
        curation_problems=problems,
        limits=limits,
        as_of=as_of.isoformat(),
    )


def _cues_for(ev: EvidenceItem, ancestors: dict[str, str], area: str) -> list[str]:
    """The cues that fired, strongest tag first; tags under `area` before others."""
    tags = sorted(ev.tags, key=lambda t: (ancestors.get(t.loe) != area, -t.score, t.loe))
    return [c for t in tags for c in t.cues]


def _signpost(item: PackItem, overrides: dict[int, str]) -> None:
    item.cues = _dedupe(item.cues)
    override = next((overrides[pid] for pid in item.passage_ids if pid in overrides), None)
    if override:
        item.signpost, item.signpost_edited = shorten(override, 300), True
    else:
        item.signpost = make_signpost(item.role, item.polarity, item.has_data, item.cues, item.text, item.year)


def _dedupe(values: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        seen.setdefault(str(value).strip().lower(), None)
    return [v for v in seen if v]


def _place(kept: list[PackItem]) -> list[PackItem]:
    """Display order: the ordering rules for every item (a pin does not move an item), then each
    item with a `position:` taken out and put back at the place the lead asked for."""
    ordered = sorted(kept, key=display_key)
    placed = sorted((i for i in ordered if i.position_asked is not None), key=lambda i: i.position_asked or 0)
    result = [i for i in ordered if i.position_asked is None]
    for item in placed:
        result.insert(min(len(result), (item.position_asked or 1) - 1), item)
    return result


def _select(candidates: list[PackItem], limits: Limits, superseded: set[str]) -> list[PackItem]:
    """Items a lead asked for always; then the best, at most `per_document` from one document and
    `process_per_area` process items, topped up from the per-document overflow if room is left;
    duplicate texts (the same paragraph in a PDF and a DOCX copy) once. Items of an inspection
    report that a later inspection of the area replaced come after every current item: the
    inspector reads what the council is now, and the older report only fills spare room."""
    kept: list[PackItem] = [i for i in candidates if i.kept_by_lead]
    texts = {_normalised(i.text) for i in kept}
    per_doc = Counter(i.document_sha for i in kept)
    process = sum(1 for i in kept if i.tier == TIER_PROCESS)
    overflow: list[PackItem] = []
    for item in sorted((i for i in candidates if not i.kept_by_lead), key=lambda i: (i.document_sha in superseded, quality_key(i))):
        if item.tier == TIER_CONTEXT and not limits.include_context:
            continue
        if len(kept) >= limits.items_per_area:
            break
        text = _normalised(item.text)
        if text in texts:
            continue
        if item.tier == TIER_PROCESS and process >= limits.process_per_area:
            continue
        if per_doc[item.document_sha] >= limits.per_document:
            overflow.append(item)
            continue
        kept.append(item)
        texts.add(text)
        per_doc[item.document_sha] += 1
        process += item.tier == TIER_PROCESS
    for item in overflow:
        if len(kept) >= limits.items_per_area:
            break
        text = _normalised(item.text)
        if text not in texts:
            kept.append(item)
            texts.add(text)
    return kept


SURFEIT_SHARE = 0.5


def _area_gaps(area: str, title: str, section: int, items: list[PackItem], thin: int, cutoff: date, stale_years: float,
               age: object | None = None) -> list[Gap]:
    def gap(kind: str, message: str) -> Gap:
        return Gap(area, title, kind, message, section)

    if not items:
        return [gap("none", "No evidence at all for this line of enquiry.")]
    gaps: list[Gap] = []
    if len(items) < thin:
        gaps.append(gap("thin", f"Thin evidence: {plural(len(items), 'item')} (fewer than {thin})."))
    if age is not None and all_stale(age):  # type: ignore[arg-type]
        when = f"newest {age.newest.isoformat()}" if age.newest else "all undated"  # type: ignore[attr-defined]
        gaps.append(gap("stale", f"Only stale evidence: every item in the pack is older than its freshness window ({when})."))
    elif age is None:
        dates = [parse_iso_date(i.date) for i in items]
        if not any(d and d >= cutoff for d in dates):
            newest = max((d for d in dates if d), default=None)
            when = f"newest {newest.isoformat()}" if newest else "all undated"
            gaps.append(gap("stale", f"Only stale evidence: nothing dated within {stale_years:g} years ({when})."))
    if all(i.role == "process" for i in items):
        gaps.append(gap("process-only", "Only process evidence: nothing on outcomes, judgements or recommendations."))
    if not any(i.role == "outcome" and i.has_data for i in items):
        gaps.append(gap("no-data", "No outcome data: no outcome evidence with figures."))
    minutes = sum(1 for i in items if (i.first.document_kind or "") == "minutes")
    process = sum(1 for i in items if i.role == "process")
    if len(items) >= max(thin, 4):
        if minutes / len(items) > SURFEIT_SHARE:
            gaps.append(gap("surfeit", f"Surfeit of minutes: {minutes} of {len(items)} items come from meeting minutes; be selective and signpost what they show."))
        elif process / len(items) > SURFEIT_SHARE:
            gaps.append(gap("surfeit", f"Surfeit of process: {process} of {len(items)} items describe process rather than outcomes."))
    return gaps


# ----------------------------------------------------------------------------- judgements
def grade_rank(framework: Framework, grade: str) -> int | None:
    text = " ".join(str(grade).lower().split())
    for g in framework.grade_scale:
        if text == g.label.lower() or text in (v.lower() for v in g.variants):
            return g.rank
    return None


def judgement_history(evidence: Evidence, item_refs: dict[int, str], by_pid: dict[int, EvidenceItem]) -> list[JudgementRow]:
    """The home council's judgement history from the facts layer: one row per inspection and area,
    the council's own service grades only (facts.history), each citing where it was read."""
    from facts.history import judgement_history as history
    from frameworks.history import area_names

    framework = evidence.framework
    order = {line.id: i for i, line in enumerate(framework.top_lines)}
    paths = {d["sha256"]: d.get("source_path") or "" for d in evidence.documents}
    titles = {d["sha256"]: d.get("title") for d in evidence.documents}
    out: list[JudgementRow] = []
    for row in history(evidence.facts, paths, authority=evidence.authority):
        for area, grade in row.grades.items():
            line, title = _history_line(framework, area, area_names())
            source = row.sources[area]
            item = by_pid.get(source.passage_id) if source.passage_id is not None else None
            if item is not None:
                citation = item.passage.citation()
            else:
                citation = ", ".join(x for x in (titles.get(source.document_sha) or "", f"p.{source.page}" if source.page else "",
                                                 f"para {source.label}" if source.label else "") if x)
            label = _grade_label(framework, grade)
            out.append(JudgementRow(line, title, label, grade_rank(framework, label), row.when or None, citation,
                                    item_refs.get(source.passage_id) if source.passage_id is not None else None,
                                    row.authority, _inspection_label(row)))
    return sorted(out, key=lambda r: (order.get(r.area, -1 if r.area == "overall" else len(order)), r.area, r.date or "", r.grade))


def _history_line(framework: Framework, area: str, names: dict[str, str]) -> tuple[str, str]:
    """The framework's top-level line (pack section) a history area is filed under."""
    if area == "overall":
        return "overall", "Overall effectiveness"
    line = framework.line_for_area(area)
    if line is not None:
        top = framework.line(framework.ancestor(line.id))
        return top.id, top.title
    return area, names.get(area, area)


def _grade_label(framework: Framework, grade: str) -> str:
    """The framework's own words for a grade ("requires improvement" -> "requires improvement to be good")."""
    text = grade.lower()
    for g in framework.grade_scale:
        if text == g.label.lower() or text in (v.lower() for v in g.variants):
            return g.label
    return grade


def _inspection_label(row) -> str:  # type: ignore[no-untyped-def]
    from frameworks.inspections import inspection_label

    kind = inspection_label(row.inspection.kind)
    return f"{kind}, as a later document states it" if row.scope == "earlier" else kind
