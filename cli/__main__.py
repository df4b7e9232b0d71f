"""`python -m cli`: the same as the `readiness` command."""

from cli import app

app(prog_name="readiness")
