"""The layers of docs/architecture.md: imports only go downwards, and packages form no cycle.

Every import is counted, including those inside functions: a lazy import is still a dependency."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# lowest first; packages on one line are one layer
LAYERS: list[tuple[str, ...]] = [
    ("frameworks",),
    ("core",),
    ("evidence_store",),
    ("extractors", "tagging", "facts", "redaction"),
    ("narratives", "audits", "packs", "templates"),
    ("flows",),
    ("cli", "benchmarks"),
]
RANK = {package: rank for rank, layer in enumerate(LAYERS) for package in layer}


def imports_of(path: Path) -> set[str]:
    """Top-level package names this file imports (absolute imports; relative ones stay inside)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & set(RANK)


def package_graph() -> dict[str, dict[str, list[str]]]:
    """package -> imported package -> the files that import it."""
    graph: dict[str, dict[str, list[str]]] = {p: {} for p in RANK}
    for package in RANK:
        for path in sorted((REPO / package).rglob("*.py")):
            for target in imports_of(path) - {package}:
                graph[package].setdefault(target, []).append(str(path.relative_to(REPO)))
    return graph


def test_every_package_is_in_a_layer() -> None:
    packages = {p.parent.name for p in REPO.glob("*/__init__.py") if p.parent.name not in {"tests", "samples"}}
    assert packages <= set(RANK), f"packages without a layer: {sorted(packages - set(RANK))}"


def test_no_module_imports_a_higher_layer() -> None:
    upward = [
        f"{file} imports {target} (layer {RANK[target]} above {package}'s {RANK[package]})"
        for package, targets in package_graph().items()
        for target, files in targets.items()
        if RANK[target] > RANK[package]
        for file in files
    ]
    assert upward == []


def test_packages_form_no_cycle() -> None:
    graph = {p: set(t) for p, t in package_graph().items()}
    cycles = []
    for start in graph:
        stack = [(start, [start])]
        while stack:
            node, trail = stack.pop()
            for nxt in graph[node]:
                if nxt == start:
                    cycles.append(" -> ".join(trail + [start]))
                elif nxt not in trail:
                    stack.append((nxt, trail + [nxt]))
    assert cycles == []


def test_only_the_command_line_imports_typer() -> None:
    offenders = [
        str(path.relative_to(REPO))
        for package in RANK
        if package != "cli"
        for path in (REPO / package).rglob("*.py")
        if "typer" in {n.split(".")[0] for n in _raw_imports(path)}
    ]
    assert offenders == []


def _raw_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names
