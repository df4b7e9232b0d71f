"""check_extraction: the figures a lead reads to trust extraction, and the CLI command that prints them."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from cli.extraction import register
from extractors.quality import check_extraction, truth_lines, words
from tests.extract_fixtures import REPORT_TXT, SEEDS, make_report_pdf


@pytest.fixture()
def seeds(tmp_path):
    (tmp_path / "report.txt").write_text(REPORT_TXT, encoding="utf-8")
    make_report_pdf(tmp_path / "report.pdf")
    return tmp_path


def test_own_report_meets_targets(seeds):
    result = check_extraction(seeds)
    figures = result["files"]["report.pdf"]
    assert figures["recall"] >= 0.98 and figures["precision"] >= 0.98
    assert figures["leaks"] == 0
    assert figures["labels"] == 1.0 and figures["labels_printed"] == 7
    assert result["targets_met"] is True
    json.dumps(result)  # JSON-able


def test_leaked_footer_and_lost_words_are_caught(seeds, monkeypatch):
    import extractors.pdf_layout as layout

    monkeypatch.setattr(layout, "_remove_furniture", lambda pages: None)
    figures = check_extraction(seeds)["files"]["report.pdf"]
    assert figures["leaks"] > 0
    assert figures["precision"] < 1.0
    assert check_extraction(seeds)["targets_met"] is False


def test_truth_labels_and_words_are_normalised():
    lines = truth_lines("10.7 While 22 per cent\n- 6.1 The findings\nA13\n22 January 2015\nMeasure\t2023\n")
    assert [label for label, _ in lines] == ["10.7", "6.1", "A13", None, None]
    assert words("Children\u2019s front-line, services.") == words("children's FRONT-LINE services")


def test_cli_command_prints_json_and_exit_code(seeds):
    app = typer.Typer()
    register(app)

    @app.command("noop")
    def noop() -> None:  # a second command so typer keeps sub-command names
        pass

    result = CliRunner().invoke(app, ["check-extraction", str(seeds), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["targets_met"] is True
    table = CliRunner().invoke(app, ["check-extraction", str(seeds)])
    assert "report.pdf" in table.output and "all targets met" in table.output


@pytest.mark.slow
@pytest.mark.skipif(not SEEDS.exists(), reason="shared corpus absent")
def test_shared_seeds_meet_targets():
    result = check_extraction(SEEDS)
    failing = {name: f for name, f in result["files"].items() if not f["targets_met"]}
    assert len(result["files"]) == 10
    assert not failing, failing
