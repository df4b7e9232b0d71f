"""The command line, the top layer: typer commands over the stages' plain functions.

Every command module is imported here by name, so an import error in one fails loudly (in the
tests and at start-up) instead of quietly losing the command.
"""

from __future__ import annotations

import typer

from cli import audits, extraction, facts, frameworks, main_job, narratives, packs, redaction, schedules, tagging

app = typer.Typer(
    help="Turn a council's children's-services documents into inspection-ready evidence packs.",
    no_args_is_help=True,
    add_completion=False,
)

for _module in (main_job, narratives, packs, audits, facts, redaction, extraction, schedules, frameworks, tagging):
    _module.register(app)


__all__ = ["app"]
