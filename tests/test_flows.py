"""Orchestration: batching, cache keys, the Prefect flow (cache, refusals, Dask), schedules and pools.

One Prefect test server for the whole module (prefect_test_harness is slow to start): the
`harness` fixture is session-scoped and only the tests that talk to Prefect use it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

Path(os.environ.get("PREFECT_HOME", Path(__file__).resolve().parents[1] / "out" / ".prefect-test")).mkdir(parents=True, exist_ok=True)
from flows import pipeline_flow as pf  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples" / "documents"


# ----------------------------------------------------------------------------- pure parts
def test_batches_are_stable_and_refusals_run_alone():
    pending = [(f"/d/{i}.pdf", f"{i:064x}") for i in range(30)]
    refused = {pending[3][1], pending[7][1]}
    a = pf.make_batches(pending, refused, workers=2)
    b = pf.make_batches(list(reversed(pending)), refused, workers=2)
    assert a == b  # input order does not change batches, so cache keys repeat
    assert [len(x) for x in a if len(x) == 1 and x[0][1] in refused] == [1, 1]
    assert sum(len(x) for x in a) == 30
    assert max(len(x) for x in a) <= pf.MAX_BATCH_DOCS
    assert pf.batch_size(300, 2) == 25 and pf.batch_size(20, 2) == 3 and pf.batch_size(1, 8) == 1


def test_cache_keys_follow_content_and_versions(monkeypatch):
    settings = {"store": "/tmp/x.sqlite", "framework": "ilacs", "file_timeout_s": 120.0}
    one = pf.extract_cache_key(None, {"batch": [("/a.pdf", "aa"), ("/b.pdf", "bb")], "settings": settings})
    same = pf.extract_cache_key(None, {"batch": [("/elsewhere/b.pdf", "bb"), ("/c/a.pdf", "aa")], "settings": settings})
    assert one == same  # the key is the bytes (sha256), not the path or the order
    assert one != pf.extract_cache_key(None, {"batch": [("/a.pdf", "aa")], "settings": settings})
    assert one != pf.extract_cache_key(None, {"batch": [("/a.pdf", "aa"), ("/b.pdf", "bb")], "settings": dict(settings, file_timeout_s=300.0)})
    tag = pf.tag_cache_key(None, {"shas": ["bb", "aa"], "settings": settings})
    monkeypatch.setattr(pf, "tagger_version", lambda settings: "next")
    assert tag != pf.tag_cache_key(None, {"shas": ["bb", "aa"], "settings": settings})
    assert "secret" not in pf.store_identity("postgresql://u:secret@db/readiness")
    assert pf.extract_cache_key(None, {"batch": [("/unreadable.pdf", "")], "settings": settings}) is None


# ----------------------------------------------------------------------------- Prefect
@pytest.fixture(scope="session")
def harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("ofsted-focused-visit-2025.md", "safeguarding-partnership-minutes-2025.txt", "corporate-parenting-care-leavers-2024.docx"):
        shutil.copy(SAMPLES / name, folder / name)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + b"x" * 4000)
    return folder


def _settings(tmp_path: Path, **extra) -> dict:
    from core.settings import Settings

    return Settings(store=str(tmp_path / "store.sqlite"), spacy_model=extra.pop("spacy_model", "blank"), **extra).values()


def _task_states(flow_run_id) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter
    from prefect.client.schemas.sorting import TaskRunSort

    states: dict[str, list[str]] = {}
    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(
            flow_run_filter=FlowRunFilter(id={"any_": [flow_run_id]}), sort=TaskRunSort.EXPECTED_START_TIME_ASC, limit=200
        )
        for run in runs:
            states.setdefault(run.name.split(" ")[0], []).append(run.state.name if run.state else "?")
    return states


def _run(sources: list[str], settings: dict, **kw):  # type: ignore[no-untyped-def]
    state = pf.ingest_and_tag(sources, settings, return_state=True, **kw)
    return state.result(), state.state_details.flow_run_id


def test_flow_ingests_tags_and_rerun_costs_nothing(harness, corpus: Path, tmp_path: Path):
    settings = _settings(tmp_path, workers=2)
    figures, run_id = _run([str(corpus)], settings)
    assert figures["seen"] == 4 and len(figures["ingested"]) == 3
    assert [r["file"] for r in figures["refused"]] == [str(corpus / "broken.pdf")]
    assert figures["tagged_documents"] == 3
    first = _task_states(run_id)
    assert first["extract"].count("Completed") == len(first["extract"])

    again, run_id = _run([str(corpus)], settings)
    assert again["ingested"] == [] and again["unchanged"] == 3 and again["tagged_documents"] == 0
    states = _task_states(run_id)
    # unchanged documents never reach a task; only the refused file's batch is asked, and its
    # refusal comes from Prefect's cache instead of a second extraction
    assert states["extract"] == ["Cached"]
    assert "tag" not in states


def test_cached_result_is_checked_against_the_store(harness, corpus: Path, tmp_path: Path):
    settings = _settings(tmp_path)
    (corpus / "broken.pdf").unlink()
    figures, _ = _run([str(corpus)], settings)
    assert len(figures["ingested"]) == 3
    Path(settings["store"]).unlink()  # the store is replaced; Prefect's cache still says "done"
    for suffix in ("-wal", "-shm"):
        Path(settings["store"] + suffix).unlink(missing_ok=True)
    figures, _ = _run([str(corpus)], settings)
    assert len(figures["ingested"]) == 3  # re-extracted, not trusted from the cache
    from evidence_store import EvidenceStore

    assert EvidenceStore(settings["store"]).counts()["documents"] == 3


def test_dask_task_runner_on_a_local_cluster(harness, corpus: Path, tmp_path: Path):
    from distributed import LocalCluster

    settings = _settings(tmp_path, workers=2)
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        runner = pf.make_task_runner(2, cluster.scheduler_address)
        flow = pf.ingest_and_tag.with_options(task_runner=runner)
        figures = flow([str(corpus)], settings, None, True)
    assert len(figures["ingested"]) == 3 and figures["tagged_documents"] == 3


@pytest.mark.skipif(not os.environ.get("READINESS_TEST_PG_URL"), reason="READINESS_TEST_PG_URL not set (no PostgreSQL server)")
def test_postgresql_store(harness, corpus: Path, tmp_path: Path):
    from sqlalchemy import text

    from evidence_store import EvidenceStore

    url = os.environ["READINESS_TEST_PG_URL"]
    store = EvidenceStore(url)
    with store.engine.begin() as conn:  # a clean slate: this database is for tests
        from evidence_store import schema

        schema.metadata.drop_all(conn)
    store.close()
    settings = dict(_settings(tmp_path, workers=2), store=url)
    figures, _ = _run([str(corpus)], settings)
    assert len(figures["ingested"]) == 3 and figures["tagged_documents"] == 3
    again, _ = _run([str(corpus)], settings)
    assert again["ingested"] == [] and again["unchanged"] == 3
    store = EvidenceStore(url)
    with store.engine.connect() as conn:
        assert conn.execute(text("select count(*) from documents")).scalar_one() == 3
    store.close()


def test_serve_schedule_is_visible_to_prefect(harness, corpus: Path, tmp_path: Path):
    from prefect.client.orchestration import get_client

    from cli.schedules import build_deployment, flow_parameters
    from core.settings import Settings

    params = flow_parameters([str(corpus)], tmp_path / "pack", Settings(store=str(tmp_path / "s.sqlite")))
    deployment = build_deployment("weekly-test", params, cron="0 6 * * 1")
    deployment_id = deployment.apply()
    with get_client(sync_client=True) as client:
        read = client.read_deployment_by_name("readiness-run/weekly-test")
        assert read.id == deployment_id
        assert read.parameters["sources"] == [str(corpus.resolve())]
        assert read.parameters["settings"]["store"] == str((tmp_path / "s.sqlite").resolve())
        (schedule,) = read.schedules
        assert schedule.schedule.cron == "0 6 * * 1"
        assert schedule.schedule.timezone == "Europe/London"
        assert schedule.active


def test_notice_schedule_fires_on_working_days_only(harness, corpus: Path, tmp_path: Path):
    from datetime import date, datetime, time

    from prefect.client.orchestration import get_client

    from cli.schedules import build_deployment, flow_parameters
    from frameworks.timetable import rrule_for, timetable
    from core.settings import Settings

    # a JTAI notified on Thu 21 Dec 2028 (day 1): inspectors on site on day 10, Mon 8 Jan 2029; the
    # refreshes skip Christmas Day, Boxing Day, the weekends and New Year's Day
    tt = timetable("jtai", date(2028, 12, 21))
    assert tt.arrival == date(2029, 1, 8)
    rule = rrule_for(tt.refresh_days, time(6, 0), now=datetime(2028, 12, 21, 7, 0))
    params = flow_parameters([str(corpus)], tmp_path / "pack", Settings(store=str(tmp_path / "s.sqlite")))
    build_deployment("notice-test", params, rrule=rule).apply()
    with get_client(sync_client=True) as client:
        read = client.read_deployment_by_name("readiness-run/notice-test")
        (schedule,) = read.schedules
        times = schedule.schedule.get_dates(10, start=datetime(2028, 12, 21, 7, 0)) if hasattr(schedule.schedule, "get_dates") else None
    assert "RDATE:20281222T060000,20281227T060000,20281228T060000,20281229T060000,20290102T060000" in schedule.schedule.rrule
    if times is not None:
        import asyncio

        if asyncio.iscoroutine(times):
            times = asyncio.run(times)
        assert [t.date() for t in times] == [date(2028, 12, 22), date(2028, 12, 27), date(2028, 12, 28), date(2028, 12, 29),
                                             date(2029, 1, 2), date(2029, 1, 3), date(2029, 1, 4), date(2029, 1, 5)]


def test_deploy_to_a_work_pool(harness, corpus: Path, tmp_path: Path):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate

    from cli.schedules import CommandError, deploy_to_pool, flow_parameters
    from core.settings import Settings

    params = flow_parameters([str(corpus)], tmp_path / "pack", Settings(store=str(tmp_path / "s.sqlite")))
    with pytest.raises(CommandError, match="not found"):
        deploy_to_pool("pool-test", "no-such-pool", params, "0 6 * * 1-5")
    with get_client(sync_client=True) as client:
        client.create_work_pool(WorkPoolCreate(name="readiness-test-pool", type="process"))
    deployment_id = deploy_to_pool("pool-test", "readiness-test-pool", params, "0 6 * * 1-5")
    with get_client(sync_client=True) as client:
        read = client.read_deployment(deployment_id)
        assert read.work_pool_name == "readiness-test-pool"
        assert read.entrypoint == pf.__name__.replace(".", "/") + ".py:readiness_run" or read.entrypoint.endswith("pipeline_flow.py:readiness_run")
        assert read.schedules[0].schedule.cron == "0 6 * * 1-5"


def test_commands_have_help_and_clear_errors(tmp_path: Path):
    from typer.testing import CliRunner

    from cli import app

    runner = CliRunner()
    for command in ("serve", "deploy", "notice"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output
    bad = runner.invoke(app, ["serve", str(SAMPLES), "--out", str(tmp_path / "p"), "--cron", "every monday"])
    assert bad.exit_code == 2 and "invalid cron" in bad.output
    missing = runner.invoke(app, ["serve", str(tmp_path / "nope"), "--out", str(tmp_path / "p")])
    assert missing.exit_code == 2 and "source not found" in missing.output
