"""Measure a pack's narratives against the narratives issue's acceptance, and print the figures.

    python -m narratives.acceptance PACK --store S --authority X [--newer SHA --older SHA]

For each narrative: pages when LibreOffice renders its .docx (when LibreOffice is installed),
whether its sidecar cites only the home council's documents, sentences holding a number their cited
passages lack, and check-narrative's verdict on its .md; then the self-evaluation's pages. With
`--newer`/`--older` (two documents' sha256), whether every narrative citing both cites the newer
first, and how many cite the older at all.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from core.settings import Settings


def pdf_pages(docx: Path, out: Path) -> int | None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        return None
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(docx)], check=True,
                   capture_output=True, timeout=300)
    return len(re.findall(rb"/Type\s*/Page[^s]", (out / (docx.stem + ".pdf")).read_bytes()))


def measure(pack: Path, settings: Settings, newer: str | None = None, older: str | None = None) -> dict:
    from facts import figures_supported
    from narratives.review import check_draft
    from redaction.view import open_evidence

    _, _, evidence = open_evidence(settings)
    passages = {i.passage.id: i.passage for i in evidence.items}
    home_docs = {i.passage.document_sha for i in evidence.items}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for sidecar in sorted((pack / "narratives").glob("*.json")):
            data = json.loads(sidecar.read_text())
            shas = [c["document_sha256"] for s in data["sentences"] for c in s["citations"]]
            bad_numbers = [s["text"] for s in data["sentences"]
                           if not figures_supported(s["text"], [passages[c["passage_id"]] for c in s["citations"] if c["passage_id"] in passages])]
            review = check_draft(sidecar.with_suffix(".md"), evidence, settings)
            row = {"narrative": sidecar.stem, "sentences": len(data["sentences"]),
                   "pages": pdf_pages(sidecar.with_suffix(".docx"), Path(tmp)),
                   "cites_only_home": all(sha in home_docs for sha in shas),
                   "numbers_unsupported": len(bad_numbers), "check": review.verdict,
                   "outcome_share": round(review.outcome_share, 2), "reasons": review.reasons}
            if newer and older:
                # the newer report is cited before the older one, or the older one not at all
                row["newer_first"] = older not in shas or (newer in shas and shas.index(newer) < shas.index(older))
                row["cites_older"] = older in shas
            rows.append(row)
        sef = pack / "sef" / "self-evaluation.docx"
        sef_pages = pdf_pages(sef, Path(tmp)) if sef.is_file() else None
    return {"narratives": rows, "sef_pages": sef_pages}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", type=Path)
    parser.add_argument("--store", required=True)
    parser.add_argument("--authority")
    parser.add_argument("--newer")
    parser.add_argument("--older")
    args = parser.parse_args(argv)
    result = measure(args.pack, Settings(store=args.store, authority=args.authority), args.newer, args.older)
    for row in result["narratives"]:
        print(json.dumps(row))
    print(json.dumps({"sef_pages": result["sef_pages"]}))


if __name__ == "__main__":
    main()
