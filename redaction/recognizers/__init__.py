"""Recognizers: one module per kind of personal data (see `redaction/registry.py` for the order)."""
