"""`make bench`: how fast is the main job, cold and incremental, against bare PDF text extraction?

    python -m benchmarks.run --docs 300 --out out/bench.json          # synthetic corpus (seeded)
    python -m benchmarks.run --corpus /path/to/folder --out out/bench.json

What it does, in one process (numbers in one rich table, and as JSON in --out):

1. corpus: generates `--docs` realistic PDFs and DOCX files with a seeded generator (benchmarks/corpus.py;
   cached under out/bench-corpus-<docs>-<seed>/), or takes `--corpus DIR`; copies it to a scratch
   folder so the 1% change never touches the original;
2. cold run on an empty store: the main job's plain functions called directly (core.job: plan,
   extract_batch, tag_batch, pack_stage) with workers=2, **not through the Prefect flow** (Prefect's start-up, ~14 s with a temporary server, would swamp small runs; the flow is
   timed separately, below); pages/s and passages/s per stage;
3. re-run with nothing changed, then with 1% of the files changed (at least one), same store and
   pack folder; the pack stage keeps the last pack when nothing it is built from changed
   (core/fingerprint.py), exactly as `run --local` and the flow do;
4. peak memory: resource.getrusage maxrss of this process (RUSAGE_SELF) plus the largest child
   process (RUSAGE_CHILDREN), measured right after the runs;
5. references on the same PDFs: `pdftotext` (poppler) when it is installed (else null), the
   reference that matters (the floor for reading a PDF's text layer), and pdfplumber's own
   `extract_text` page by page in one process (1 core; skip with --no-pdfplumber, it is slow);
   pages per CPU-second for readiness's ingest + tag and for pdftotext (user + system time of this
   process and its children), so the comparison does not depend on how many cores were used;
6. fidelity: every PDF as the store holds it after the runs, scored against pdftotext
   (extractors.fidelity: word recall and precision, labels kept, header/footer leaks); the
   smallest recall and precision over all files are the figures to quote;
7. the Prefect flow once, on the unchanged corpus (so it measures orchestration overhead), in a
   child process, unless --no-flow.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORKERS = 2
TARGETS = {
    "cold_vs_pdftotext_ratio": (">=", 0.5),
    "fidelity_min_recall": (">=", 0.98),
    "fidelity_min_precision": (">=", 0.98),
    "unchanged_rerun_pct_of_cold": ("<=", 2.0),
    "changed_1pct_rerun_pct_of_cold": ("<=", 5.0),
    "peak_rss_mb": ("<=", 1024.0),
}


# ----------------------------------------------------------------------------- corpus
def prepare_corpus(args: argparse.Namespace, scratch: Path) -> tuple[Path, dict[str, int] | None, dict]:
    """Copy (or generate, then copy) the corpus into scratch; returns (folder, known pages, info)."""
    from benchmarks import corpus

    work = scratch / "corpus"
    if args.corpus:
        source = Path(args.corpus)
        if not source.is_dir():
            raise SystemExit(f"--corpus: not a folder: {source}")
        shutil.copytree(source, work, ignore=shutil.ignore_patterns(".*"))
        return work, None, {"corpus": str(source), "generated": False}
    cache = Path(args.cache_dir or Path(args.out).parent) / f"bench-corpus-{args.docs}-{args.seed}"
    started = time.perf_counter()
    manifest = corpus.generate(cache, args.docs, args.seed, processes=WORKERS)
    gen_s = time.perf_counter() - started
    shutil.copytree(cache, work, ignore=shutil.ignore_patterns(".*"))
    return work, manifest["pages"], {"corpus": str(cache), "generated": True, "seed": args.seed, "generate_or_load_seconds": round(gen_s, 2)}


def pdf_page_counts(files: list[Path]) -> dict[str, int]:
    import pypdfium2 as pdfium

    counts: dict[str, int] = {}
    for path in files:
        try:
            doc = pdfium.PdfDocument(str(path))
            counts[path.name] = len(doc)
            doc.close()
        except Exception:  # noqa: BLE001 - unreadable: counts as 0 pages
            counts[path.name] = 0
    return counts


def change_files(files: list[Path], fraction: float, seed: int, synthetic: bool) -> list[Path]:
    """Change ~fraction of the files (at least one) so their sha256 changes and content differs."""
    from benchmarks import corpus

    rng = random.Random(seed + 99)
    chosen = rng.sample(files, max(1, round(len(files) * fraction)))
    by_name = {s.name: s for s in corpus.specs(len(files), seed)} if synthetic else {}
    for path in chosen:
        spec = by_name.get(path.name)
        if spec is not None:
            corpus.write(spec, path.parent, variant=1)  # regenerate with different text
        elif path.suffix.lower() == ".pdf":
            with open(path, "ab") as handle:  # an appended comment: new bytes, same pages
                handle.write(b"\n% readiness bench change\n%%EOF\n")
        elif path.suffix.lower() == ".docx":
            import docx

            document = docx.Document(str(path))
            document.add_paragraph("Added for the benchmark: one more paragraph.")
            document.save(str(path))
        else:
            with open(path, "a", encoding="utf-8") as handle:
                handle.write("\nAdded for the benchmark.\n")
    return chosen


# ----------------------------------------------------------------------------- runs
def cpu_seconds() -> float:
    """User + system time of this process and of its children that have been waited for (the
    worker pools of a stage are, once the stage returns)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_stages(sources: list[str], settings, out: Path) -> dict:  # type: ignore[no-untyped-def]
    """plan + extract -> tag -> pack with the main job's functions; seconds and counts per stage."""
    from core import job
    from core.context import StageTimer, new_report
    from flows.stages import default_stages

    stages = default_stages(settings)
    figures: dict = {}
    c0 = cpu_seconds()
    t0 = time.perf_counter()
    planned = job.plan(sources, settings, stages)
    ingest = job.extract_batch(planned.pending, settings, stages, meanwhile=lambda: job.prepare_tagging(settings, stages))  # as job.run does
    t1 = time.perf_counter()
    tagged = job.tag_batch(settings, stages)
    t2 = time.perf_counter()
    figures["ingest_tag_cpu_seconds"] = cpu_seconds() - c0
    refused = planned.refused + ingest.refused
    figures.update(
        ingest_seconds=t1 - t0, tag_seconds=t2 - t1, documents=planned.seen, ingested=len(ingest.ingested),
        unchanged=planned.unchanged + ingest.unchanged, refused=[[r.path, r.reason] for r in refused], passages=ingest.passages,
        tagged_documents=tagged.documents, tags=tagged.tags,
    )
    report = new_report(sources, settings, stages.framework_id(settings))
    job.absorb_plan(report, planned)
    job.absorb_batch(report, ingest)
    report.tags = tagged.tags
    timer = StageTimer({"ingest": t1 - t0, "tag": t2 - t1})
    try:
        figures["packed"] = job.pack_stage(out, settings, stages, report, timer)
        figures["pack_error"] = None
    except Exception as exc:  # noqa: BLE001 - report a failed pack stage, don't die
        figures["pack_error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
    figures["pack_seconds"] = time.perf_counter() - t2
    figures["seconds"] = time.perf_counter() - t0
    return figures


def pdfplumber_reference(pdfs: list[Path]) -> dict:
    """pdfplumber's own extract_text, page by page, one process (run in a child: own memory)."""
    code = (
        "import sys, time, pdfplumber\n"
        "pages = 0\nstart = time.perf_counter()\n"
        "for p in sys.argv[1:]:\n"
        "    try:\n"
        "        with pdfplumber.open(p) as pdf:\n"
        "            for page in pdf.pages:\n"
        "                page.extract_text(); page.flush_cache(); pages += 1\n"
        "    except Exception:\n"
        "        pass\n"
        "print(pages, time.perf_counter() - start)\n"
    )
    return _timed_child([sys.executable, "-c", code, *map(str, pdfs)])


def pdftotext_reference(pdfs: list[Path]) -> dict | None:
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    c0 = cpu_seconds()
    start = time.perf_counter()
    for path in pdfs:
        subprocess.run([tool, "-q", str(path), "-"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return {"seconds": time.perf_counter() - start, "cpu_seconds": cpu_seconds() - c0}


def fidelity(pdfs: list[Path], store_path: str) -> dict | None:
    """Every PDF as the store holds it, against pdftotext (extractors.fidelity); None without
    pdftotext. A file the store does not hold (refused) scores 0, as it lost every word."""
    from core.model import sha256_file
    from evidence_store import EvidenceStore
    from extractors.fidelity import ReferenceUnavailable, reference_pages, score

    if shutil.which("pdftotext") is None or not pdfs:
        return None
    files: dict[str, dict] = {}
    store = EvidenceStore(store_path)
    try:
        for path in pdfs:
            try:
                pages = reference_pages(path)
            except ReferenceUnavailable as exc:
                files[path.name] = {"error": str(exc)}
                continue
            passages = store.passages([sha256_file(path)])
            figures = score(passages, pages, file=path.name)
            files[path.name] = {k: getattr(figures, k) for k in ("recall", "precision", "labels", "leaks")} | {"met": figures.met()}
    finally:
        store.close()
    scored = [f for f in files.values() if "recall" in f]
    if not scored:
        return {"files": files}
    return {
        "min_recall": min(f["recall"] for f in scored),
        "min_precision": min(f["precision"] for f in scored),
        "min_labels": min(f["labels"] for f in scored),
        "leaks": sum(f["leaks"] for f in scored),
        "files_meeting_targets": sum(f["met"] for f in scored),
        "files_scored": len(scored),
        "worst_recall": sorted(((f["recall"], name) for name, f in files.items() if "recall" in f))[:3],
        "worst_precision": sorted(((f["precision"], name) for name, f in files.items() if "precision" in f))[:3],
        "files": files,
    }


def _timed_child(cmd: list[str]) -> dict:
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    try:
        pages, seconds = done.stdout.split()[-2:]
        return {"pages": int(pages), "seconds": float(seconds)}
    except ValueError:
        return {"pages": 0, "seconds": None, "error": done.stderr[-500:]}


def flow_run(sources: list[str], settings, out: Path, timeout: float = 900.0) -> dict:  # type: ignore[no-untyped-def]
    """The Prefect flow once, in a child process (wall time includes Prefect's start-up)."""
    payload = json.dumps({"sources": sources, "out": str(out), "settings": settings.values()})
    code = (
        "import json, sys, time\n"
        "t = time.perf_counter()\n"
        "from flows.pipeline_flow import readiness_run\n"
        "a = json.loads(sys.argv[1])\n"
        "r = readiness_run(sources=a['sources'], out=a['out'], settings=a['settings'])\n"
        "print(json.dumps({'report': r, 'in_process_seconds': time.perf_counter() - t}))\n"
    )
    import signal

    start = time.perf_counter()
    # own session, so a timeout can stop the child and the temporary Prefect server it started
    child = subprocess.Popen([sys.executable, "-c", code, payload], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, cwd=Path(__file__).resolve().parent.parent, start_new_session=True)
    try:
        stdout, stderr = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
        return {"wall_seconds": time.perf_counter() - start, "error": f"timed out after {timeout:g}s"}
    done = subprocess.CompletedProcess(child.args, child.returncode, stdout, stderr)
    wall = time.perf_counter() - start
    try:
        result = json.loads(done.stdout.strip().splitlines()[-1])
        stage = result["report"].get("stage_seconds", {})
        return {"wall_seconds": wall, "in_process_seconds": result["in_process_seconds"], "stage_seconds": stage, "error": None}
    except (ValueError, IndexError, KeyError):
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or [""]
        return {"wall_seconds": wall, "error": tail[0][:300]}


def peak_rss_mb() -> dict:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"self_mb": round(own, 1), "largest_child_mb": round(children, 1), "peak_rss_mb": round(own + children, 1)}


# ----------------------------------------------------------------------------- main
def bench(args: argparse.Namespace) -> dict:
    from core.settings import Settings

    scratch = Path(tempfile.mkdtemp(prefix="readiness-bench-"))
    try:
        folder, known_pages, info = prepare_corpus(args, scratch)
        files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
        pdfs = [p for p in files if p.suffix.lower() == ".pdf"]
        pdf_pages = pdf_page_counts(pdfs)
        pages_by_file = dict(known_pages or {})
        pages_by_file.update(pdf_pages)
        settings = Settings.load(None, store=str(scratch / "store.sqlite"), workers=args.workers, redact=True)
        sources = [str(folder)]

        cold = run_stages(sources, settings, scratch / "pack")
        total_pages = sum(pages_by_file.get(p.name, 0) for p in files) or None
        unchanged = run_stages(sources, settings, scratch / "pack")
        changed_files = change_files(files, 0.01, args.seed, synthetic=info["generated"])
        changed = run_stages(sources, settings, scratch / "pack")
        memory = peak_rss_mb()

        poppler = pdftotext_reference(pdfs) if not args.no_reference else None
        plumber = pdfplumber_reference(pdfs) if not (args.no_reference or args.no_pdfplumber) else {"pages": 0, "seconds": None}
        flow = flow_run(sources, settings, scratch / "flow-pack") if not args.no_flow else None
        faithful = fidelity(pdfs, settings.store) if not args.no_reference else None

        pdf_total = sum(pdf_pages.values())
        result = summarise(args, info, files, pdfs, total_pages, pdf_total, cold, unchanged, changed, changed_files, memory, plumber, poppler, flow)
        add_pdftotext_comparison(result, cold, poppler, faithful)
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
        else:
            print(f"scratch kept in {scratch}", file=sys.stderr)
    return result


def _rate(count: float | None, seconds: float | None) -> float | None:
    if not count or not seconds:
        return None
    return round(count / seconds, 2)


def summarise(args, info, files, pdfs, pages, pdf_pages, cold, unchanged, changed, changed_files, memory, plumber, poppler, flow) -> dict:  # type: ignore[no-untyped-def]
    cold_s = cold["seconds"]
    passages = cold["passages"]
    result = {
        "corpus": info,
        "documents": len(files),
        "pdfs": len(pdfs),
        "pages": pages,
        "pdf_pages": pdf_pages,
        "passages": passages,
        "workers": args.workers,
        "cold_seconds": round(cold_s, 2),
        "cold_pages_per_s": _rate(pages, cold_s),
        "cold_passages_per_s": _rate(passages, cold_s),
        "stages": {
            name: {
                "seconds": round(cold[f"{name}_seconds"], 2),
                "pages_per_s": _rate(pages, cold[f"{name}_seconds"]),
                "passages_per_s": _rate(passages, cold[f"{name}_seconds"]),
            }
            for name in ("ingest", "tag", "pack")
        },
        "pack_error": cold["pack_error"],
        "refused": cold["refused"],
        "tags": cold["tags"],
        "pdfplumber_seconds": plumber.get("seconds"),
        "pdfplumber_pages_per_s": _rate(plumber.get("pages"), plumber.get("seconds")),
        "pdftotext_seconds": round(poppler["seconds"], 2) if poppler else None,
        "pdftotext_pages_per_s": _rate(pdf_pages, poppler["seconds"]) if poppler else None,
        "unchanged_rerun_seconds": round(unchanged["seconds"], 3),
        "unchanged_rerun_stage_seconds": {k: round(unchanged[f"{k}_seconds"], 3) for k in ("ingest", "tag", "pack")},
        "unchanged_rerun_packed": unchanged.get("packed"),
        "changed_files": len(changed_files),
        "changed_1pct_rerun_seconds": round(changed["seconds"], 3),
        "changed_1pct_rerun_stage_seconds": {k: round(changed[f"{k}_seconds"], 3) for k in ("ingest", "tag", "pack")},
        "changed_1pct_reingested": changed["ingested"],
        "peak_rss_mb": memory["peak_rss_mb"],
        "memory": memory,
        "flow": flow,
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
    }
    ratio = None
    if result["cold_pages_per_s"] and result["pdfplumber_pages_per_s"]:
        ratio = round(result["cold_pages_per_s"] / result["pdfplumber_pages_per_s"], 3)
    result["cold_vs_pdfplumber_ratio"] = ratio
    result["unchanged_rerun_pct_of_cold"] = round(100 * unchanged["seconds"] / cold_s, 2) if cold_s else None
    result["changed_1pct_rerun_pct_of_cold"] = round(100 * changed["seconds"] / cold_s, 2) if cold_s else None
    result["targets"] = {}
    for key, (op, limit) in TARGETS.items():
        value = result.get(key)
        ok = None if value is None else (value >= limit if op == ">=" else value <= limit)
        result["targets"][key] = {"value": value, "target": f"{op} {limit:g}", "met": ok}
    stage_times = {k: v["seconds"] for k, v in result["stages"].items()}
    result["dominant_stage"] = max(stage_times, key=stage_times.get) if stage_times else None
    return result


def add_pdftotext_comparison(result: dict, cold: dict, poppler: dict | None, faithful: dict | None) -> None:
    """Cold ingest + tag against pdftotext over the same files in the same run: wall-clock pages/s
    (readiness with its workers, pdftotext one file at a time) and pages per CPU-second."""
    pages, pdf_pages = result["pages"], result["pdf_pages"]
    ingest_tag = cold["ingest_seconds"] + cold["tag_seconds"]
    result["cold_ingest_tag_seconds"] = round(ingest_tag, 2)
    result["cold_ingest_tag_pages_per_s"] = _rate(pages, ingest_tag)
    result["cold_ingest_tag_pages_per_cpu_s"] = _rate(pages, cold.get("ingest_tag_cpu_seconds"))
    result["tag_passages_per_s_per_core"] = _rate(result["passages"], cold["tag_seconds"] * max(1, result["workers"]))
    result["pdftotext_pages_per_cpu_s"] = _rate(pdf_pages, (poppler or {}).get("cpu_seconds"))
    ratio = per_cpu = None
    if result["cold_ingest_tag_pages_per_s"] and result["pdftotext_pages_per_s"]:
        ratio = round(result["cold_ingest_tag_pages_per_s"] / result["pdftotext_pages_per_s"], 4)
    if result["cold_ingest_tag_pages_per_cpu_s"] and result["pdftotext_pages_per_cpu_s"]:
        per_cpu = round(result["cold_ingest_tag_pages_per_cpu_s"] / result["pdftotext_pages_per_cpu_s"], 4)
    result["cold_vs_pdftotext_ratio"] = ratio
    result["cold_vs_pdftotext_per_cpu_ratio"] = per_cpu
    result["fidelity_min_recall"] = (faithful or {}).get("min_recall")
    result["fidelity_min_precision"] = (faithful or {}).get("min_precision")
    result["fidelity"] = faithful
    for key, (op, limit) in TARGETS.items():
        value = result.get(key)
        ok = None if value is None else (value >= limit if op == ">=" else value <= limit)
        result["targets"][key] = {"value": value, "target": f"{op} {limit:g}", "met": ok}


def print_table(result: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    def fmt(value, unit: str = "") -> str:  # type: ignore[no-untyped-def]
        if value is None:
            return "—"
        if isinstance(value, float):
            return f"{value:,.2f}{unit}"
        return f"{value:,}{unit}"

    table = Table(title=f"readiness bench: {result['documents']} documents, {fmt(result['pages'])} pages ({result['pdfs']} PDFs, {fmt(result['pdf_pages'])} PDF pages), workers={result['workers']}")
    table.add_column("measure")
    table.add_column("seconds", justify="right")
    table.add_column("pages/s", justify="right")
    table.add_column("passages/s", justify="right")
    table.add_column("note")
    for name, stage in result["stages"].items():
        note = "stage function, workers=2"
        if name == "pack" and result["pack_error"]:
            note = f"[red]failed: {result['pack_error'][:60]}[/]"
        table.add_row(f"cold: {name}", fmt(stage["seconds"]), fmt(stage["pages_per_s"]), fmt(stage["passages_per_s"]), note)
    table.add_row("[bold]cold: end to end[/]", fmt(result["cold_seconds"]), fmt(result["cold_pages_per_s"]), fmt(result["cold_passages_per_s"]),
                  f"{result['passages']:,} passages, {result['tags']:,} tags; dominated by {result['dominant_stage']}")
    table.add_row("cold: ingest + tag", fmt(result.get("cold_ingest_tag_seconds")), fmt(result.get("cold_ingest_tag_pages_per_s")), "",
                  f"{fmt(result.get('cold_ingest_tag_pages_per_cpu_s'))} pages per CPU-second; tagging {fmt(result.get('tag_passages_per_s_per_core'))} passages/s per core")
    table.add_row("reference: pdftotext", fmt(result["pdftotext_seconds"]), fmt(result["pdftotext_pages_per_s"]), "",
                  f"poppler, 1 process; {fmt(result.get('pdftotext_pages_per_cpu_s'))} pages per CPU-second" if result["pdftotext_seconds"] is not None else "not installed")
    table.add_row("ingest + tag ÷ pdftotext", "", fmt(result.get("cold_vs_pdftotext_ratio")), "",
                  f"wall clock; per CPU-second {fmt(result.get('cold_vs_pdftotext_per_cpu_ratio'))}")
    table.add_row("reference: pdfplumber extract_text", fmt(result["pdfplumber_seconds"]), fmt(result["pdfplumber_pages_per_s"]), "", "same PDFs, 1 process")
    faithful = result.get("fidelity") or {}
    if "min_recall" in faithful:
        table.add_row("fidelity vs pdftotext", "", "", "",
                      f"min recall {faithful['min_recall']:.4f}, min precision {faithful['min_precision']:.4f}, min labels {faithful['min_labels']:.3f}, "
                      f"{faithful['leaks']} leaks; {faithful['files_meeting_targets']}/{faithful['files_scored']} files meet every target")
    def split(key: str) -> str:
        parts = result[key]
        return ", ".join(f"{k} {v:.2f}s" for k, v in parts.items())

    table.add_row("re-run, nothing changed", fmt(result["unchanged_rerun_seconds"]), "", "",
                  f"{fmt(result['unchanged_rerun_pct_of_cold'])}% of cold ({split('unchanged_rerun_stage_seconds')}; pack {'rebuilt' if result['unchanged_rerun_packed'] else 'kept'})")
    table.add_row(f"re-run, 1% changed ({result['changed_files']} files)", fmt(result["changed_1pct_rerun_seconds"]), "", "",
                  f"{fmt(result['changed_1pct_rerun_pct_of_cold'])}% of cold ({split('changed_1pct_rerun_stage_seconds')})")
    mem = result["memory"]
    table.add_row("peak RSS (self + largest child)", "", "", "", f"{mem['peak_rss_mb']:,.0f} MB (self {mem['self_mb']:,.0f}, child {mem['largest_child_mb']:,.0f})")
    if result["flow"]:
        flow = result["flow"]
        note = f"error: {flow['error']}" if flow.get("error") else f"in process {flow['in_process_seconds']:.1f}s; wall includes Prefect start-up"
        table.add_row("Prefect flow, unchanged corpus", fmt(flow["wall_seconds"]), "", "", note)
    for key, target in result["targets"].items():
        met = {True: "[green]met[/]", False: "[red]missed[/]", None: "—"}[target["met"]]
        table.add_row(f"target: {key}", "", "", "", f"{fmt(target['value'])} (target {target['target']}) {met}")
    Console().print(table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=300, help="synthetic documents to generate (default 300, ~3,000 pages)")
    parser.add_argument("--corpus", help="measure this folder instead of a synthetic corpus")
    parser.add_argument("--out", default="out/bench.json", help="where to write the figures as JSON")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--cache-dir", help="where generated corpora are kept (default: next to --out)")
    parser.add_argument("--no-reference", action="store_true", help="skip the pdftotext and pdfplumber references and fidelity")
    parser.add_argument("--no-pdfplumber", action="store_true", help="skip the pdfplumber reference (slow: minutes on thousands of pages)")
    parser.add_argument("--no-flow", action="store_true", help="skip timing the Prefect flow")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder (store, packs)")
    args = parser.parse_args(argv)
    if args.docs < 1:
        parser.error("--docs must be at least 1")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    result = bench(args)
    out.write_text(json.dumps(result, indent=2))
    print_table(result)
    print(f"figures written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
