from __future__ import annotations


def read_audit_stats(*args, **kwargs):  # type: ignore[no-untyped-def]
    return []
