"""What one run carries from stage to stage: its settings, the stages, the report and the clock."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone

from core.model import RunReport
from core.progress import Progress, QuietProgress
from core.settings import Settings
from core.stages import Stages


class StageTimer:
    """Seconds per stage for the run report (a stage run twice adds up)."""

    def __init__(self, seconds: dict[str, float] | None = None) -> None:
        self.seconds: dict[str, float] = dict(seconds or {})

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started


@dataclass
class RunContext:
    settings: Settings
    stages: Stages
    report: RunReport
    timer: StageTimer = field(default_factory=StageTimer)
    progress: Progress = field(default_factory=QuietProgress)


def new_report(sources: Sequence[str], settings: Settings, framework_id: str) -> RunReport:
    report = RunReport(
        started_at=datetime.now(timezone.utc).replace(tzinfo=None),
        sources=[str(s) for s in sources],
        framework=framework_id,
    )
    if settings.settings_file:
        report.notes.append(f"settings read from {settings.settings_file}")
    if not settings.redact:
        report.notes.append("REDACTION IS OFF: personal data is kept in everything this run writes")
    return report
