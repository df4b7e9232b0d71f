"""Commands of the facts layer: `readiness facts`, `readiness judgements`, `readiness eval-judgements`,
`readiness eval-recommendations`. Thin: the work is in `facts/` (and `packs.actions` for the register).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from cli.options import ConfigOpt, StoreOpt, load_settings
from cli.output import console, err, safe
from core.settings import Settings
SourceOpt = Annotated[Optional[list[Path]], typer.Option(
    "--source", help="Read these files or folders into the store first (unchanged files are skipped).")]

BUNDLED_CORRECTIONS = Path(__file__).resolve().parent.parent / "facts" / "eval" / "judgements-dev-corrections.csv"


def register(app: typer.Typer) -> None:
    app.command("facts")(facts_command)
    app.command("judgements")(judgements_command)
    app.command("eval-judgements")(eval_judgements_command)
    app.command("eval-recommendations")(eval_recommendations_command)


def _settings(store: str | None, config: str | None, **extra: object) -> Settings:
    return load_settings(store, None, config, **extra)


def _open(settings: Settings, sources: list[Path] | None):  # type: ignore[no-untyped-def]
    from evidence_store import EvidenceStore
    from facts.stage import ensure_facts

    store = EvidenceStore(settings.store)
    if sources:
        _ingest(sources, store, settings)
    ensure_facts(store)
    return store


def _ingest(sources: list[Path], store, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    """Read files whose bytes are not in the store yet, exactly as the main job does."""
    from cli.main_job import check_sources_and_out
    from core import job
    from flows.stages import default_stages

    check_sources_and_out([str(s) for s in sources], None)
    stages = default_stages(settings)
    planned = job.plan([str(s) for s in sources], settings, stages)
    result = job.extract_batch(planned.pending, settings, stages)
    err.print(f"read {len(result.ingested)} new file(s); {planned.unchanged + result.unchanged} unchanged; "
              f"{len(planned.refused) + len(result.refused)} refused")


def facts_command(
    store: StoreOpt = None,
    config: ConfigOpt = None,
    redo: Annotated[bool, typer.Option(help="Read every document's facts again, not only new ones.")] = False,
    authority: Annotated[Optional[str], typer.Option("--authority", help="The council the evidence is for.")] = None,
) -> None:
    """Read judgements, recommendations, actions, figures and audit statistics from stored documents."""
    from evidence_store import EvidenceStore
    from facts.stage import extract_store_facts, home_authority

    settings = _settings(store, config, authority=authority)
    evidence_store = EvidenceStore(settings.store)
    result = extract_store_facts(evidence_store, redo=redo)
    home = home_authority(evidence_store, settings.authority)
    counts: dict[str, int] = {}
    for doc in evidence_store.document_facts():
        for kind, _fact in doc.all_facts():
            counts[kind] = counts.get(kind, 0) + 1
    console.print(f"Read facts of {result.documents} document(s). In the store: "
                  + ", ".join(f"{n} {k.replace('_', ' ')}s" for k, n in sorted(counts.items())) + ".")
    console.print(f"Council: [bold]{home.name or 'not known'}[/] ({home.how})")


def judgements_command(
    authority: Annotated[Optional[str], typer.Option("--authority", help="One council's history (any form of its name).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table | csv | jsonl")] = "table",
    store: StoreOpt = None,
    config: ConfigOpt = None,
    source: SourceOpt = None,
) -> None:
    """The judgement history in the column layout of Data to Insight's ILACS summary, every inspection
    with its source file and page (jsonl adds the words each grade was read from)."""
    from facts.authorities import canonical_authority
    from facts.history import COLUMNS, judgement_history

    if fmt not in ("table", "csv", "jsonl"):
        err.print("[red]--format must be table, csv or jsonl[/]")
        raise typer.Exit(2)
    settings = _settings(store, config)
    evidence_store = _open(settings, source)
    name = canonical_authority(authority) if authority else None
    if authority and not name:
        name = authority
    paths = {d["sha256"]: d.get("source_path") or "" for d in evidence_store.current_documents()}
    rows = judgement_history(evidence_store.document_facts(), paths, authority=name)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row.as_dict())
        sys.stdout.write(out.getvalue())
        return
    if fmt == "jsonl":
        redact_text = _redactor(settings)
        for row in rows:
            record = row.as_dict()
            sources = row.sources_dict()
            if redact_text is not None:
                for source_info in sources.values():
                    source_info["words"] = redact_text(str(source_info["words"]))
            record["sources"] = sources
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    table = Table(*COLUMNS, title=f"Judgement history{' of ' + name if name else ''} ({len(rows)} inspections)")
    for row in rows:
        values = row.as_dict()
        table.add_row(*(str(values[c]) for c in COLUMNS))
    console.print(table)


def _redactor(settings: Settings):  # type: ignore[no-untyped-def]
    if not settings.redact:
        return None
    from redaction.view import redactors

    return redactors(settings)[1]


def eval_judgements_command(
    truth: Annotated[Path, typer.Option("--truth", help="Reference table in Data to Insight's layout (file, council, dates, framework, grades).")],
    corrections: Annotated[Optional[Path], typer.Option(
        "--corrections", help="Corrections to the table (file, field, grade, page, words); default: the bundled file for judgements-dev.csv.")] = None,
    store: StoreOpt = None,
    config: ConfigOpt = None,
    source: SourceOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print figures as JSON.")] = False,
    show: Annotated[int, typer.Option(help="List at most this many disagreements per field.")] = 20,
) -> None:
    """Per-field accuracy of the judgement history against a reference table, raw and corrected."""
    from facts.evaluate import apply_corrections, evaluate_judgements, read_corrections, read_truth

    settings = _settings(store, config)
    evidence_store = _open(settings, source)
    table = read_truth(truth)
    if corrections is None and truth.name == "judgements-dev.csv" and BUNDLED_CORRECTIONS.exists():
        corrections = BUNDLED_CORRECTIONS
    fixes = read_corrections(corrections)
    corrected, problems = apply_corrections(table, fixes)
    documents = evidence_store.document_facts()
    paths = {d["sha256"]: Path(d.get("source_path") or "").name for d in evidence_store.current_documents()}
    raw = evaluate_judgements(documents, paths, table)
    fixed = evaluate_judgements(documents, paths, corrected)
    if as_json:
        console.print_json(json.dumps({"raw": raw.as_dict(), "corrected": fixed.as_dict(), "corrections": len(fixes),
                                       "correction_problems": problems}))
        return
    console.print(f"[bold]{raw.matched} of {raw.reports}[/] reports in the table matched a report in the store. "
                  f"Corrections: {len(fixes)} ({corrections or 'none'}).")
    for problem in problems:
        console.print(f"  [yellow]{problem}[/]")
    grid = Table("field", "raw right/scored", "raw accuracy", "corrected right/scored", "corrected accuracy")
    for name in (*raw.fields, "all grades"):
        a = raw.grades if name == "all grades" else raw.fields[name]
        b = fixed.grades if name == "all grades" else fixed.fields[name]
        grid.add_row(name, f"{a.right}/{a.scored}", _pct(a.accuracy), f"{b.right}/{b.scored}", _pct(b.accuracy))
    console.print(grid)
    console.print(f"Earlier-inspection rows: {fixed.earlier_rows}; under an area their inspection did not judge: "
                  f"{len(fixed.earlier_invalid)}")
    for line in fixed.earlier_invalid[:show]:
        console.print(f"  [red]{line}[/]")
    console.print(f"Judgements stated in sentences: {fixed.stated}; checked against the table: {fixed.earlier_checked}, "
                  f"disagreeing: {len(fixed.earlier_disagree)}; checked against that inspection's own report in the store: "
                  f"{fixed.stated_agree_with_report + len(fixed.stated_disagree_with_report)}, disagreeing: "
                  f"{len(fixed.stated_disagree_with_report)}")
    for line in (fixed.earlier_disagree + fixed.stated_disagree_with_report)[:show]:
        console.print(f"  [red]{line}[/]")
    console.print(f"History grades whose words name a provider, the partnership or cases: {len(fixed.not_council_in_history)}")
    for line in fixed.not_council_in_history[:show]:
        console.print(f"  [red]{line}[/]")
    for name, score in fixed.fields.items():
        for line in score.wrong[:show]:
            console.print(f"  [yellow]{line}[/]")


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.2f}%"


def eval_recommendations_command(
    gold: Annotated[Path, typer.Option("--gold", help="JSON lines: file, section, page, items.")],
    pack: Annotated[Optional[Path], typer.Option("--pack", help="Score this pack's actions.csv (default: build the register from the store).")] = None,
    store: StoreOpt = None,
    config: ConfigOpt = None,
    source: SourceOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print figures as JSON.")] = False,
    show: Annotated[int, typer.Option(help="List at most this many misses and extras.")] = 20,
) -> None:
    """Recall and precision of the action register against "What needs to improve" items (the matching
    rule is in facts/matching.py)."""
    from facts.matching import RegisterRow, evaluate_register, read_gold, rows_from_csv

    items = read_gold(gold)
    note = ""
    if pack is not None:
        rows = rows_from_csv(pack / "actions.csv")
        # a pack is one council's: score the gold reports its register draws on
        cited = {r.document for r in rows}
        items = [i for i in items if i.document in cited]
        note = f" (a pack's register: the {len(cited)} report(s) it cites)"
    else:
        from evidence_store.evidence import load_evidence
        from facts.stage import home_authority
        from frameworks import load_framework
        from packs.actions import action_register
        from redaction.view import redaction_key, redactors

        settings = _settings(store, config)
        evidence_store = _open(settings, source)
        framework = load_framework(settings.framework, settings.frameworks_dir)
        redact_document, redact_text = redactors(settings)
        key = redaction_key(settings) if redact_document is not None else None
        home = home_authority(evidence_store, settings.authority)
        evidence = load_evidence(evidence_store, framework, redact_document, redact_text, key, home.name, home.how)
        # every council's register: the gold covers many councils' reports
        evidence.recommendations = [r for f in evidence.facts for r in f.recommendations]
        evidence.actions = [a for f in evidence.facts for a in f.actions]
        rows = [RegisterRow(r.document or "", r.text, r.kind) for r in action_register(evidence, {})]
    result = evaluate_register(items, rows)
    if as_json:
        console.print_json(json.dumps(result.as_dict()))
        return
    console.print(f"Gold items: {result.gold}{note}; register rows scored: {result.rows} (of {result.all_rows}; rows from documents "
                  f"the gold does not cover and {result.partnership_rows} recommendations to the safeguarding partnership are not scored)")
    console.print(f"[bold]recall {result.recall:.4f}[/] ({result.matched}/{result.gold}), "
                  f"[bold]precision {result.precision:.4f}[/] ({result.matched}/{result.rows})")
    for line in result.missed[:show]:
        console.print(f"  [yellow]missed[/] {line}")
    for line in result.extra[:show]:
        console.print(f"  [yellow]extra[/] {line}")
