from __future__ import annotations


def read_figures(*args, **kwargs):  # type: ignore[no-untyped-def]
    return []
