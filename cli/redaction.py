"""`readiness check-redaction`: leaks and kept phrases on case records, placeholders on public
documents, and an optional scan of a pack for the case records' personal strings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer


def _extractor(config: Path | None):  # type: ignore[no-untyped-def]
    """The project's extractor with the user's settings (the same passages a run would store)."""
    from core.settings import Settings
    from extractors import extract

    settings = Settings.load(config)

    def run(path: Path):  # type: ignore[no-untyped-def]
        return extract(path, settings)

    return run, settings


def register(app: typer.Typer) -> None:
    @app.command("check-redaction")
    def check_redaction_cmd(
        case_dir: Annotated[Optional[Path], typer.Argument(exists=True, file_okay=False, help="Case records with gold.jsonl (strings that must never appear, phrases that must survive).")] = None,
        public: Annotated[Optional[list[Path]], typer.Option("--public", exists=True, file_okay=False, help="A folder of public documents (inspection reports, committee papers): count the placeholders inserted. Repeatable.")] = None,
        cache: Annotated[Optional[Path], typer.Option("--cache", help="JSONL of extracted public passages: read if present, new documents appended (extracting 150 reports takes minutes).")] = None,
        worst: Annotated[int, typer.Option("--worst", help="How many public documents to list, worst first.")] = 10,
        as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
        scan: Annotated[Optional[Path], typer.Option("--scan", help="Also scan this output folder for the gold pii strings.")] = None,
        config: Annotated[Optional[Path], typer.Option("--config", help="readiness.yaml")] = None,
        show_leaks: Annotated[bool, typer.Option("--show-leaks", help="Print leaked strings (they are personal data).")] = False,
    ) -> None:
        """Measure redaction: 0 leaks on case records, 0 person placeholders on public documents."""
        from redaction import Redactor
        from redaction.evaluation import (
            check_public_documents,
            check_redaction,
            format_gold_report,
            format_public_report,
            gold_pii_strings,
            load_public_documents,
            scan_for_strings,
        )

        if case_dir is None and not public:
            typer.echo("give a folder of case records (with gold.jsonl), --public FOLDER, or both", err=True)
            raise typer.Exit(2)
        extract, settings = _extractor(config)
        redactor = Redactor(settings.spacy_model)  # always on: this command measures redaction
        report: dict = {}
        failed = False
        if case_dir is not None:
            report["case_records"] = gold = check_redaction(case_dir, redactor, show_leaks=show_leaks, extract=extract)
            failed |= gold["leaked"] > 0
            if scan is not None:
                hits = scan_for_strings(scan, gold_pii_strings(case_dir))
                gold["scan"] = {"folder": str(scan), "hits": len(hits), "files": sorted({f for f, _ in hits}),
                                "strings": sorted({s for _, s in hits}) if show_leaks else []}
                failed |= bool(hits)
        if public:
            documents = load_public_documents(public, extract, cache)
            report["public_documents"] = check_public_documents(documents, redactor)
        if as_json:
            typer.echo(json.dumps(report if public else report.get("case_records"), indent=2, ensure_ascii=False))
        else:
            if "case_records" in report:
                typer.echo(format_gold_report(report["case_records"]))
                if "scan" in report["case_records"]:
                    s = report["case_records"]["scan"]
                    typer.echo(f"scan of {scan}: {s['hits']} hits in {len(s['files'])} files")
            if "public_documents" in report:
                typer.echo(format_public_report(report["public_documents"], worst))
        raise typer.Exit(code=1 if failed else 0)
