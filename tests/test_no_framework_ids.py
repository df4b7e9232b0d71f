"""Framework ids live in data: no Python source outside tests names one as a string."""

from __future__ import annotations

import ast
from pathlib import Path

from frameworks import BUNDLED_DIR, available, load_framework

REPO = Path(__file__).resolve().parents[1]
SKIP = {"tests", ".venv", "out", "build", "samples"}


def _ids() -> set[str]:
    names = set(available())
    names.update(load_framework(p.stem).id for p in BUNDLED_DIR.glob("*.yaml"))
    return names


def test_no_python_source_outside_tests_names_a_framework_id():
    ids = _ids()
    found = []
    for path in sorted(REPO.rglob("*.py")):
        if SKIP & set(path.relative_to(REPO).parts) or any(part.endswith(".egg-info") for part in path.parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value.strip()
                if text in ids or any(text.startswith(f"{i}.") for i in ids):
                    found.append(f"{path.relative_to(REPO)}:{node.lineno}: {text!r}")
    assert not found, "framework ids belong in data files:\n" + "\n".join(found)
