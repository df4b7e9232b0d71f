"""Facts an inspector can rely on: judgements, recommendations, actions, figures and audit
statistics, each scoped to its council, inspection and subject and carrying its source.

    from facts import extract_facts, figures_supported
    facts = extract_facts(document, passages)          # DocumentFacts for one document
    figures_supported(sentence, cited_passages)        # every number stated appears in a cited passage
"""

from __future__ import annotations

from facts.extract import FACTS_VERSION, DocumentInfo, extract_facts

__all__ = ["FACTS_VERSION", "DocumentInfo", "extract_facts", "figures_supported"]


def figures_supported(sentence, cited_passages):  # type: ignore[no-untyped-def]
    from facts.figures import figures_supported as _figures_supported

    return _figures_supported(sentence, cited_passages)
