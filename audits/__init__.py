"""Audit intelligence: case-audit returns as data, and the audit findings documents state.

    from audits import audit_section
    summary = audit_section(evidence, settings)     # AuditSummary for the pack and narratives

- `ingest.py` reads CSV/XLSX audit returns (column mapping in `mapping.py`), pseudonymises case
  references (`pseudonym.py`) and reports bad rows one by one; `store.py` keeps rows in the
  evidence store's database (tables in `schema.py`).
- `findings.py` extracts audit facts, themes, strengths, areas for improvement and actions from
  the evidence passages, each with its citation.
- `analysis.py` joins both into one view (`AuditSummary`); `render.py` prints it, writes Markdown
  and draws the trend chart; the commands are in cli/audits.py.
"""

from __future__ import annotations

__all__ = ["audit_section"]


def audit_section(evidence, settings):  # type: ignore[no-untyped-def]
    """The audit and quality assurance view of `evidence` plus the stored audit returns."""
    from audits.analysis import audit_section as _audit_section

    return _audit_section(evidence, settings)
