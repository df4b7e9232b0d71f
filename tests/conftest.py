"""Shared test set-up: where the shared corpus is, and the reliability figures printed at the end."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLES = REPO / "samples" / "documents"

# Keep Prefect's state for tests out of the user's home, and never reach for a server.
os.environ.setdefault("PREFECT_HOME", str(REPO / "out" / ".prefect-test"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

RELIABILITY_FIGURES: dict[str, object] = {}


def shared_path(*parts: str) -> Path:
    """A path in ../shared, skipping the calling test cleanly when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not present (../shared is optional)")
    return path


def fresh_postgres_database(url: str) -> str:
    """A new, empty database on the test server, so every run starts cold."""
    import uuid

    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    name = f"readiness_test_{uuid.uuid4().hex[:10]}"
    admin = parsed.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return parsed.set(database=name).render_as_string(hide_password=False)


@pytest.fixture()
def no_narratives(monkeypatch):
    """A pack built without its narratives and self-evaluation: pack tests check the pack on its own
    (narrative tests compose directly), and stay fast."""
    import packs.build

    monkeypatch.setattr(packs.build, "write_narratives", lambda *args, **kwargs: [])
    monkeypatch.setattr(packs.build, "write_sef", lambda *args, **kwargs: [])


@pytest.fixture()
def record_figure():
    def record(name: str, value: object) -> None:
        RELIABILITY_FIGURES[name] = value

    return record


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    if RELIABILITY_FIGURES:
        terminalreporter.section("reliability figures")
        for name, value in RELIABILITY_FIGURES.items():
            terminalreporter.write_line(f"{name}: {value}")
