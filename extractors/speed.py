"""Extraction speed on a folder of PDFs, beside its references, in one run: pages per second per core.

    python -m extractors.speed ../shared/corpus/ofsted-reports [--limit 30] [--json]

Measured one after another in this process (one core each), over the same files:
  * readiness     `extractors.extract()`: the whole extraction (both text layers, blocks, metadata);
  * fast layer    `pdf_pdfium.read_page()` on every page: the pdfium text layer alone;
  * pdfplumber    `page.extract_text()` on every page: the bare careful layer;
  * pdftotext     `pdftotext -layout FILE -`, one process per file (poppler's C++: the floor).
Each figure is pages / CPU seconds (the process's own, or pdftotext's children's), so other work on
a shared machine does not count; wall-clock figures are printed beside them. It also prints which
pages readiness sent to pdfplumber, and why. Not a test: it prints figures, it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(work) -> tuple[float, float, object]:
    """(cpu seconds, wall seconds, result) of work(), counting pdftotext's child processes too."""
    cpu, children, wall = time.process_time(), _children_cpu(), time.perf_counter()
    result = work()
    return time.process_time() - cpu + _children_cpu() - children, time.perf_counter() - wall, result


def measure(files: list[Path]) -> dict:
    import pdfplumber
    import pypdfium2 as pdfium

    from . import extract, pdf_pdfium
    from core.model import Refused

    pages = 0
    for path in files:
        document = pdfium.PdfDocument(str(path))
        pages += len(document)
        document.close()

    def readiness():
        layers: Counter[str] = Counter()
        reasons: Counter[str] = Counter()
        refused = []
        for path in files:
            try:
                document = extract(path)
            except Refused as exc:
                refused.append(f"{path.name}: {exc.reason}")
                continue
            plumbed = document.properties.get("pdfplumber pages", "")
            count = plumbed.count("(")
            layers["pdfplumber"] += count
            layers["pdfium"] += (document.page_count or 0) - count
            for reason in plumbed.split("), "):
                if "(" in reason:
                    reasons[reason.split("(", 1)[1].rstrip(")")] += 1
        return layers, reasons, refused

    def fast_layer():
        for path in files:
            document = pdfium.PdfDocument(str(path))
            for index in range(len(document)):
                page = document[index]
                try:
                    pdf_pdfium.read_page(page, index + 1, strict=False)
                finally:
                    page.close()
            document.close()

    def plumber():
        for path in files:
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    page.close()

    tool = shutil.which("pdftotext")

    def pdftotext():
        for path in files:
            subprocess.run([tool, "-layout", str(path), "-"], capture_output=True, check=False)

    figures: dict = {"files": len(files), "pages": pages}
    runs = [("readiness", readiness), ("fast_layer", fast_layer), ("pdfplumber", plumber)]
    if tool:
        runs.append(("pdftotext", pdftotext))
    for name, work in runs:
        cpu, wall, result = _timed(work)
        figures[name] = {"pages_per_cpu_s": round(pages / max(cpu, 1e-9), 1), "pages_per_wall_s": round(pages / max(wall, 1e-9), 1), "cpu_s": round(cpu, 2)}
        if name == "readiness":
            layers, reasons, refused = result  # type: ignore[misc]
            figures["pages_by_layer"] = dict(layers)
            figures["pdfplumber_share"] = round(layers["pdfplumber"] / max(1, pages), 4)
            figures["pdfplumber_reasons"] = dict(reasons)
            figures["refused"] = refused
    if tool:
        figures["readiness_vs_pdftotext"] = round(figures["readiness"]["pages_per_cpu_s"] / figures["pdftotext"]["pages_per_cpu_s"], 3)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="only the first N files (sorted by name)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    files = sorted(p for p in args.folder.iterdir() if p.suffix.lower() == ".pdf")
    if args.limit:
        files = files[: args.limit]
    if not files:
        print(f"no PDFs in {args.folder}", file=sys.stderr)
        return 2
    figures = measure(files)
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"{figures['files']} PDFs, {figures['pages']} pages (pages/s per core: CPU time; wall clock in brackets)")
    for name in ("readiness", "fast_layer", "pdfplumber", "pdftotext"):
        if name in figures:
            f = figures[name]
            print(f"  {name:11} {f['pages_per_cpu_s']:8.1f}  ({f['pages_per_wall_s']:.1f} wall)")
    if "readiness_vs_pdftotext" in figures:
        print(f"  readiness / pdftotext: {figures['readiness_vs_pdftotext']:.2f}x")
    print(f"  pages read by pdfplumber: {figures['pages_by_layer'].get('pdfplumber', 0)} ({figures['pdfplumber_share']:.1%}): {figures['pdfplumber_reasons']}")
    for line in figures["refused"]:
        print(f"  refused: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
