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
    monkeypatch.setenv("READINESS_REDACT", "false")
    assert Settings.load(tmp_path / "absent.yaml").redact is False
