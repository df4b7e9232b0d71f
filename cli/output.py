"""Everything the command line prints goes through here: text from documents and paths is made
safe for a terminal (no control characters or escape sequences, no rich markup taken literally)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from core.text import printable

console = Console(stderr=False, highlight=False)
err = Console(stderr=True, highlight=False)

def plain(text: object) -> str:
    """Text with control characters and terminal escape sequences removed."""
    return printable(text)


def safe(text: object) -> str:
    """Text to put inside rich markup: plain, with its own brackets escaped."""
    return escape(plain(text))


def print_report(report: dict) -> None:
    """The run report on screen: what was seen, kept, skipped and refused, and where the pack is."""
    docs = report["documents"]
    console.print(
        f"[bold]Run report[/]: {_count(docs['seen'], 'file')} seen, {docs['ingested']} ingested, "
        f"{docs['unchanged']} unchanged (skipped), {docs['refused']} refused"
        + (f", {docs['renditions']} of them another format of a document already held" if docs.get("renditions") else "")
        + "; "
        f"{_count(report['passages'], 'new passage')}, {_count(report['tags'], 'tag')}"
    )
    for skipped in report.get("skipped", []):
        console.print(f"  [dim]skipped[/] {safe(skipped['file'])}: {safe(skipped['reason'])}")
    for refused in report["refused"]:
        console.print(f"  [yellow]refused[/] {safe(refused['file'])}: {safe(refused['reason'])}")
    for note in report.get("notes", []):
        style = "bold red" if note.startswith("REDACTION IS OFF") else "cyan"
        console.print(f"  [{style}]note[/] {safe(note)}")
    if report.get("stage_seconds"):
        console.print("  time: " + ", ".join(f"{safe(k)} {v:.1f}s" for k, v in report["stage_seconds"].items()))
    if report.get("pack_dir"):
        console.print(f"Pack written to [bold]{safe(report['pack_dir'])}[/]")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
