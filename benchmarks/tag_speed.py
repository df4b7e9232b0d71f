"""How fast does the tagger tag real passages? Passages per second per core, printed.

    python -m benchmarks.tag_speed --corpus ../shared/corpus/ofsted-reports [--reports 20] [--seed 5]
                                   [--rules-only] [--repeat 2] [--json]

Extracts passages from a seeded random sample of the corpus's reports (with the project's own
extractor; cached in out/tag-speed-<n>-<seed>.jsonl so a second run skips extraction), then tags them
in this one process with `Tagger.tag`, exactly as the main job does per document. One process is
one core: the figure to compare with the target (150 passages/s per core) is passages per CPU
second of this process, which a busy machine does not lower much; wall-clock passages/s is printed
beside it. Pipeline build time (loading models) is reported separately and not counted.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

TARGET_PER_CORE = 150.0


def _passages(corpus: Path, reports: int, seed: int, cache_dir: Path) -> list:
    from core.model import Passage

    cache = cache_dir / f"tag-speed-{corpus.name}-{reports}-{seed}.jsonl"
    if cache.exists():
        rows = [json.loads(line) for line in cache.read_text(encoding="utf-8").splitlines() if line.strip()]
    else:
        from core.model import Refused
        from extractors import extract

        files = sorted(p for p in corpus.iterdir() if p.suffix.lower() in {".pdf", ".docx"})
        chosen = random.Random(seed).sample(files, min(reports, len(files)))
        rows = []
        for path in chosen:
            try:
                document = extract(path)
            except Refused as refused:
                print(f"refused {path.name}: {refused}")
                continue
            for ordinal, p in enumerate(document.passages):
                rows.append({"doc": path.name, "ordinal": ordinal, "text": p.text,
                             "kind": getattr(p.kind, "value", p.kind),
                             "page": p.page, "label": p.label, "heading_path": list(p.heading_path or ()),
                             "document_kind": document.kind.value, "document_date": document.date.value})
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    passages = []
    for i, r in enumerate(rows):
        kind = r["kind"].value if hasattr(r["kind"], "value") else r["kind"]
        passages.append(Passage(id=i, document_sha=r["doc"], ordinal=r["ordinal"], text=r["text"], kind=str(kind),
                                page=r["page"], label=r["label"], heading_path=tuple(r["heading_path"]),
                                document_kind=r["document_kind"], document_date=r["document_date"], source_path=r["doc"]))
    return passages


def measure(corpus: Path, reports: int = 20, seed: int = 5, rules_only: bool = False, repeat: int = 2,
            cache_dir: Path = Path("out")) -> dict:
    from core.settings import Settings
    from frameworks import default_framework_id, load_framework
    from tagging import TAGGER_VERSION, Tagger

    passages = _passages(corpus, reports, seed, cache_dir)
    by_doc: dict[str, list] = {}
    for p in passages:
        by_doc.setdefault(p.document_sha, []).append(p)
    started = time.perf_counter()
    tagger = Tagger(load_framework(default_framework_id()), Settings(), use_model=not rules_only)
    tagger.tag(passages[:5])  # warm-up: lazy loads are not tagging time
    build_s = time.perf_counter() - started
    runs = []
    for _ in range(max(1, repeat)):
        wall0, cpu0 = time.perf_counter(), time.process_time()
        tags = 0
        for document in by_doc.values():  # one call per document, as the main job tags
            tags += len(tagger.tag(document).tags)
        runs.append((time.perf_counter() - wall0, time.process_time() - cpu0, tags))
    wall, cpu, tags = min(runs, key=lambda r: r[1])
    words = sum(len(p.text.split()) for p in passages)
    return {
        "tagger_version": TAGGER_VERSION, "pipeline": list(tagger.nlp.pipe_names), "base_model": tagger.base_model,
        "reports": len(by_doc), "passages": len(passages), "words": words, "tags": tags,
        "build_s": round(build_s, 2), "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
        "passages_per_s_wall": round(len(passages) / wall, 1),
        "passages_per_cpu_s": round(len(passages) / cpu, 1),
        "words_per_cpu_s": round(words / cpu),
        "target_per_core": TARGET_PER_CORE,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus/ofsted-reports"))
    parser.add_argument("--reports", type=int, default=20)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--rules-only", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"{args.corpus} is not a folder")
        return 2
    result = measure(args.corpus, args.reports, args.seed, args.rules_only, args.repeat)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    met = "met" if result["passages_per_cpu_s"] >= TARGET_PER_CORE else "NOT met"
    print(f"tagger {result['tagger_version']} ({result['base_model']}; {', '.join(result['pipeline'])})")
    print(f"{result['passages']} passages ({result['words']} words) from {result['reports']} reports")
    print(f"pipeline build {result['build_s']} s (not counted)")
    print(f"tagging: {result['cpu_s']} CPU s, {result['wall_s']} wall s")
    print(f"passages per CPU second (per core): {result['passages_per_cpu_s']}  "
          f"(target {TARGET_PER_CORE:.0f}: {met}); wall: {result['passages_per_s_wall']}/s; "
          f"words per CPU second: {result['words_per_cpu_s']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
