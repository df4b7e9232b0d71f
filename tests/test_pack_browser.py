"""index.html in a real browser (headless Chromium, skipped when absent) and its search script
under Node with a stand-in DOM (skipped when Node is absent)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from packs import build_pack
from packs.render import BUNDLED_TEMPLATES
from packs.testing import sample_evidence
from core.settings import Settings

CHROMIUM = next(
    (shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome", "chrome", "headless_shell") if shutil.which(name)),
    None,
)
NODE = shutil.which("node")


@pytest.fixture()
def pack(tmp_path, no_narratives):
    result = build_pack(sample_evidence(tmp_path / "sources"), tmp_path / "pack", Settings(), as_of=date(2026, 1, 1))
    return result


def _dump_dom(url: str, tmp_path: Path) -> str:
    completed = subprocess.run(
        [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
         f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=3000", "--dump-dom", url],
        capture_output=True, text=True, timeout=90,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return completed.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not on PATH")
def test_index_in_headless_chromium(pack, tmp_path):
    index = pack.path / "index.html"
    dom = _dump_dom(index.as_uri() + "#q=placement", tmp_path)
    # sections per line of enquiry
    assert len(re.findall(r'<section class="area"', dom)) == len(pack.plan.sections)
    # the search ran (so the CSP hash let our script through) and filtered the items
    items = re.findall(r'<li class="item[^"]*" id="([^"]+)"[^>]*>', dom)
    hidden = set(re.findall(r'<li class="item[^"]*" id="([^"]+)"[^>]*\bhidden\b', dom))
    assert items and hidden and set(items) - hidden
    matching = {i.anchor for i in pack.items if "placement" in (i.signpost + i.text + i.citation()).lower()}
    assert matching and matching <= set(items) - hidden
    assert re.search(r'id="count"[^>]*>\d+ of \d+ items match<', dom)
    # a document's <script> is text, and ours is the only script element
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in dom
    assert dom.count("<script") == 1
    # links to items resolve inside the pack
    for href in re.findall(r'href="(evidence/[^"#]+)', dom):
        assert (pack.path / href).is_file()


@pytest.mark.skipif(NODE is None, reason="node not on PATH")
def test_search_script_logic_with_a_stand_in_dom(tmp_path):
    harness = tmp_path / "harness.js"
    harness.write_text(
        r"""
const fs = require("fs");
function item(text) { return { textContent: text, hidden: false }; }
const a1 = [item("2.01 Outcome: placement stability, 2025"), item("2.02 Process: panel")];
const a2 = [item("1.01 Process: front door, 2025")];
function area(list) { return { hidden: false, querySelector: () => list.find(i => !i.hidden) || null }; }
const areas = [area(a1), area(a2)];
const box = { value: "", listeners: {}, addEventListener(type, fn) { this.listeners[type] = fn; } };
const count = { textContent: "" };
global.document = {
  getElementById: id => (id === "q" ? box : count),
  querySelectorAll: sel => (sel === "li.item" ? a1.concat(a2) : areas),
};
global.location = { hash: "#q=placement%20STABILITY" };
eval(fs.readFileSync(process.argv[2], "utf8"));
const results = [{ items: a1.concat(a2).map(i => i.hidden), areas: areas.map(a => a.hidden), count: count.textContent }];
box.value = "  "; box.listeners.input();
results.push({ items: a1.concat(a2).map(i => i.hidden), areas: areas.map(a => a.hidden), count: count.textContent });
box.value = "front"; box.listeners.input();
results.push({ items: a1.concat(a2).map(i => i.hidden), areas: areas.map(a => a.hidden), count: count.textContent });
console.log(JSON.stringify(results));
"""
    )
    completed = subprocess.run([NODE, str(harness), str(BUNDLED_TEMPLATES / "index_search.js.j2")],
                               capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stderr
    hash_search, cleared, front = json.loads(completed.stdout)
    assert hash_search == {"items": [False, True, True], "areas": [False, True], "count": "1 of 3 items match"}
    assert cleared == {"items": [False, False, False], "areas": [False, False], "count": "3 items"}
    assert front == {"items": [True, True, False], "areas": [True, False], "count": "1 of 3 items match"}
