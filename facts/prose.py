"""Judgements stated in sentences (placeholder until the prose reader lands)."""

from __future__ import annotations


def prose_judgements(passages, inspection, authority, on, already):  # type: ignore[no-untyped-def]
    return []
