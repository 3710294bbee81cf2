#!/usr/bin/env python
"""Throughput benchmark: bare spaCy parse vs the extractor, multiprocessing, Dask, scaling.

    python bench/bench.py                # 500 documents built from the gold texts
    python bench/bench.py --docs 100 --skip-dask

Figures are ratios measured in one run on the same documents, so that a noisy shared machine
moves numerator and denominator together.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from tabulate import tabulate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotes.corpus import Record  # noqa: E402
from quotes.pipeline import DEFAULT_MODEL, load, pipe_records  # noqa: E402

OURS = ("quotes", "quotes_paragraphs")


def corpus(n_docs: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "gold" / "texts").glob("*.txt"))]
    return [texts[i % len(texts)] for i in range(n_docs)]


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def component_costs(nlp, texts: list[str]) -> list[list]:
    """Seconds spent in each pipeline component, calling them one by one on the same docs."""
    docs = [nlp.make_doc(t) for t in texts]
    rows = []
    for name, component in nlp.pipeline:
        seconds = timed(lambda: [component(doc) for doc in docs])
        rows.append([name, seconds])
    total = sum(seconds for _, seconds in rows)
    return [[name, f"{seconds:.2f}", f"{100 * seconds / total:.1f}%"] for name, seconds in rows]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--skip-dask", action="store_true")
    args = parser.parse_args()

    nlp = load(args.model)
    texts = corpus(args.docs)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    nlp("warm up the pipeline")

    def parse_only():
        with nlp.select_pipes(disable=list(OURS)):
            for _ in nlp.pipe(texts, batch_size=args.batch_size):
                pass

    def extract(n_process: int):
        def run():
            for _ in pipe_records(nlp, enumerate(texts), batch_size=args.batch_size, n_process=n_process):
                pass

        return run

    results = {}
    results["bare spaCy parse (same components)"] = timed(parse_only)
    results["extractor, 1 process"] = timed(extract(1))
    results["extractor, --n-process 2"] = timed(extract(2))
    if not args.skip_dask:
        from quotes.dask import dask_processor

        process = dask_processor(model=args.model, workers=2, batch_size=args.batch_size)
        records = [Record(str(i), t) for i, t in enumerate(texts)]
        start = time.perf_counter()
        for _ in process(records):
            pass
        results["Dask, 2 local workers (incl. start-up)"] = time.perf_counter() - start

    rows = [[name, f"{s:.1f}", f"{len(texts) / s:.1f}", f"{megabytes / s:.3f}"] for name, s in results.items()]
    print(f"\n{len(texts)} documents, {megabytes:.2f} MB, model {args.model}\n")
    print(tabulate(rows, headers=["run", "seconds", "docs/s", "MB/s"], tablefmt="github"))
    parse = results["bare spaCy parse (same components)"]
    one = results["extractor, 1 process"]
    two = results["extractor, --n-process 2"]
    print(f"\nextractor ÷ bare parse: {one / parse:.3f}  (overhead {100 * (one / parse - 1):+.1f}%)")
    print(f"speed-up of 2 processes over 1: {one / two:.2f}x")
    print(f"peak memory (largest process): {peak_mb():.0f} MB")

    print("\nCost of each component (sequential, first 100 documents):\n")
    print(tabulate(component_costs(nlp, texts[:100]), headers=["component", "seconds", "share"], tablefmt="github"))

    print("\nTime against document length (the same text repeated):\n")
    base = texts[:20]
    rows = []
    for factor in (1, 4, 16):
        longer = ["\n\n".join([t] * factor) for t in base]
        chars = sum(len(t) for t in longer)
        with nlp.select_pipes(disable=list(OURS)):
            bare = timed(lambda: [None for _ in nlp.pipe(longer)])
        seconds = timed(lambda: [None for _ in pipe_records(nlp, enumerate(longer))])
        rows.append(
            [f"{factor}x", chars, f"{seconds:.2f}", f"{1e6 * bare / chars:.1f}", f"{1e6 * seconds / chars:.1f}"]
        )
    headers = ["length", "characters", "seconds", "µs/char, bare parse", "µs/char, extractor"]
    print(tabulate(rows, headers=headers, tablefmt="github"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
