"""Settings: defaults, file, environment, overrides, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.settings import Settings


def test_file_then_environment_then_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "readiness.yaml"
    config.write_text("framework: sif\nnarrative_words: 600\nstale_years: 2\n", encoding="utf-8")
    monkeypatch.setenv("READINESS_NARRATIVE_WORDS", "700")
    settings = Settings.load(config, stale_years=5)
    assert settings.framework == "sif"
    assert settings.narrative_words == 700
    assert settings.stale_years == 5


def test_unknown_setting_is_a_clear_error(tmp_path: Path) -> None:
    config = tmp_path / "readiness.yaml"
    config.write_text("frameworkk: ilacs\n", encoding="utf-8")
    with pytest.raises(ValueError, match="frameworkk"):
        Settings.load(config)


def test_boolean_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no readiness.yaml here
    monkeypatch.setenv("READINESS_REDACT", "false")
    assert Settings.load().redact is False


def test_lists_are_lists_and_passwords_keep_their_commas(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("READINESS_PDF_PASSWORDS", '["a,b", "c"]')
    assert Settings.load().pdf_passwords == ["a,b", "c"]


def test_a_bad_value_names_the_setting_and_the_file(tmp_path: Path) -> None:
    config = tmp_path / "readiness.yaml"
    config.write_text("workers: none\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"'workers'.*readiness.yaml"):
        Settings.load(config)


def test_the_settings_file_in_use_is_recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "mine.yaml"
    config.write_text("thin_items: 5\n", encoding="utf-8")
    settings = Settings.load(config)
    assert settings.settings_file == str(config)
    assert "settings_file" not in settings.values()
    monkeypatch.chdir(tmp_path)
    assert Settings.load().settings_file is None


def test_a_missing_settings_file_given_by_name_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not found"):
        Settings.load(str(tmp_path / "typo.yaml"))
