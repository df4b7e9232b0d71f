"""Prefect flows, schedules, notice mode and the benchmark."""

import os

# A loaded 2-core machine can take longer than Prefect's default 20 s to start the temporary
# server that runs flows when no Prefect server is configured.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
# No usage telemetry from the temporary server (it also contends for its SQLite file at start-up).
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
