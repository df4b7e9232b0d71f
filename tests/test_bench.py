"""The benchmark: a seeded, realistic synthetic corpus, and `python -m benchmarks.run` writing its figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import corpus

REQUIRED = (
    "pages", "cold_seconds", "cold_pages_per_s", "pdfplumber_pages_per_s", "pdftotext_pages_per_s",
    "unchanged_rerun_seconds", "changed_1pct_rerun_seconds", "peak_rss_mb",
    "cold_vs_pdftotext_ratio", "cold_ingest_tag_pages_per_cpu_s", "pdftotext_pages_per_cpu_s", "tag_passages_per_s_per_core",
    "fidelity_min_recall", "fidelity_min_precision",
)


def test_specs_are_seeded():
    assert corpus.specs(10, seed=3) == corpus.specs(10, seed=3)
    assert corpus.specs(10, seed=3) != corpus.specs(10, seed=4)
    mix = corpus.specs(300)
    pages = sum(s.pages for s in mix)
    assert 2500 <= pages <= 3500  # "about 3,000 pages" by default
    assert 0.05 < sum(s.fmt == "docx" for s in mix) / len(mix) < 0.3


def test_pdf_has_structure_and_same_seed_same_text(tmp_path: Path):
    import pdfplumber

    spec = next(s for s in corpus.specs(40, seed=11) if s.fmt == "pdf")
    pages = corpus.write_pdf(spec, tmp_path / "a.pdf")
    corpus.write_pdf(spec, tmp_path / "b.pdf")
    with pdfplumber.open(tmp_path / "a.pdf") as a, pdfplumber.open(tmp_path / "b.pdf") as b:
        assert len(a.pages) == pages >= 2
        text = a.pages[0].extract_text()
        assert text == b.pages[0].extract_text()
        assert "OFFICIAL" in text and "Page 1" in text  # running header and footer
        assert "1. Help and protection" in text  # a numbered heading
        assert any(p.find_tables() for p in a.pages) or "Indicator" not in "".join(p.extract_text() for p in a.pages)
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()  # invariant output
    corpus.write_pdf(spec, tmp_path / "c.pdf", variant=1)
    assert (tmp_path / "c.pdf").read_bytes() != (tmp_path / "a.pdf").read_bytes()


def test_docx_has_headings_tables_and_header(tmp_path: Path):
    import docx

    spec = next(s for s in corpus.specs(40, seed=11) if s.fmt == "docx")
    corpus.write_docx(spec, tmp_path / "a.docx")
    document = docx.Document(str(tmp_path / "a.docx"))
    styles = {p.style.name for p in document.paragraphs}
    assert "Heading 1" in styles and "Heading 2" in styles
    assert "OFFICIAL" in document.sections[0].header.paragraphs[0].text
    assert any(p.text[:1].isdigit() for p in document.paragraphs)  # numbered paragraphs


def test_generate_reuses_a_cached_corpus(tmp_path: Path):
    first = corpus.generate(tmp_path / "c", 3, seed=5, processes=1)
    stamp = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "c").iterdir()}
    again = corpus.generate(tmp_path / "c", 3, seed=5, processes=1)
    assert first == again
    assert stamp == {p.name: p.stat().st_mtime_ns for p in (tmp_path / "c").iterdir()}
    assert not any(p.name == "manifest.json" for p in (tmp_path / "c").iterdir())  # hidden: not a document


@pytest.mark.slow
def test_bench_writes_the_figures(tmp_path: Path):
    from benchmarks import run as bench

    out = tmp_path / "bench.json"
    assert bench.main(["--docs", "2", "--out", str(out), "--no-flow", "--cache-dir", str(tmp_path)]) == 0
    figures = json.loads(out.read_text())
    for key in REQUIRED:
        assert key in figures
    assert figures["pages"] >= 2 and figures["cold_seconds"] > 0
    assert figures["changed_files"] == 1
    assert figures["unchanged_rerun_stage_seconds"]["ingest"] < figures["stages"]["ingest"]["seconds"]
    assert figures["targets"]["peak_rss_mb"]["met"] in (True, False)
    if figures["pdftotext_pages_per_s"] is not None:  # poppler installed: every PDF scored against it
        faithful = figures["fidelity"]
        assert faithful["files_scored"] == figures["pdfs"] >= 1
        assert 0 < figures["fidelity_min_recall"] <= 1 and 0 < figures["fidelity_min_precision"] <= 1
        assert figures["cold_vs_pdftotext_ratio"] > 0
