#!/usr/bin/env python
"""Throughput benchmark: bare spaCy parse vs the extractor, multiprocessing, Dask, scaling.

    python bench/bench.py                # 500 documents built from the gold texts
    python bench/bench.py --docs 100 --skip-dask
    python bench/bench.py --huge --huge-only  # one 20 MB document against a 30 KB article
    python bench/bench.py --huge-mb 2 --huge-only

Figures are ratios measured in one run on the same documents, so that a noisy shared machine
moves numerator and denominator together.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tabulate import tabulate

from quotes.component.loading import DEFAULT_MODEL, load
from quotes.run.corpus import Record
from quotes.run.pipeline import BATCH_CHARS, CHUNK_CHARS, pipe_records

ROOT = Path(__file__).resolve().parent.parent

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
        seconds = timed(lambda component=component: [component(doc) for doc in docs])
        rows.append([name, seconds])
    total = sum(seconds for _, seconds in rows)
    return [[name, f"{seconds:.2f}", f"{100 * seconds / total:.1f}%"] for name, seconds in rows]


# The repro of issue 10: the seed article repeated 6,760 times is one 20 MB document.
HUGE_COPIES_PER_MB = 6760 / 20
# One document, timed in a fresh process (so that its peak memory is its own) after warm-up.
DOCUMENT_PROBE = """
    import json, resource, sys, time
    from statistics import median
    from quotes.component.loading import load
    from quotes.run.pipeline import pipe_records
    seed, copies, repeats = open(sys.argv[1], encoding="utf-8").read(), int(sys.argv[2]), int(sys.argv[3])
    text = (seed + "\\n\\n") * copies
    nlp = load(sys.argv[4])
    list(pipe_records(nlp, [(0, seed)]))
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        (_, found, error), = pipe_records(nlp, [(0, text)])
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    assert error is None, error
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"chars": len(text), "quotes": len(found), "seconds": median(walls),
                      "cpu_seconds": median(cpus), "peak_mb": peak}))
"""


def one_document(seed: Path, copies: int, model: str, repeats: int = 1) -> dict:
    """Characters, quotes, median wall and CPU seconds and peak MB of extracting one document of
    ``copies`` seed articles, in its own process."""
    probe = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(DOCUMENT_PROBE), str(seed), str(copies), str(repeats), model],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    return json.loads(probe.stdout.strip().splitlines()[-1])


def huge_document(megabytes: float, model: str) -> None:
    """Peak memory and time per character of one huge document against a 30 KB article. The
    ratio is of CPU time, which another load on a shared machine moves far less than wall time."""
    seed = ROOT / "gold" / "texts" / "seed-000.txt"
    runs = {
        "30 KB article (seed x 10)": one_document(seed, 10, model, repeats=5),
        f"one {megabytes:g} MB document (seed x {round(HUGE_COPIES_PER_MB * megabytes)})": one_document(
            seed, max(1, round(HUGE_COPIES_PER_MB * megabytes)), model
        ),
    }
    base = None
    rows = []
    for name, run in runs.items():
        per_char = 1e6 * run["cpu_seconds"] / run["chars"]
        base = base or per_char
        rows.append([name, run["chars"], run["quotes"], f"{run['seconds']:.1f}", f"{run['cpu_seconds']:.1f}",
                     f"{per_char:.1f}", f"{per_char / base:.2f}", f"{run['peak_mb']:.0f}"])
    print(f"\nOne huge document (each in its own process; pieces of {CHUNK_CHARS:,} chars, "
          f"batches of {BATCH_CHARS:,} chars):\n")
    headers = ["document", "characters", "quotes", "seconds", "CPU s", "CPU µs/char", "ratio", "peak MB"]
    print(tabulate(rows, headers=headers, tablefmt="github"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--huge", action="store_true", help="also time one 20 MB document (~15 min)")
    parser.add_argument("--huge-mb", type=float, help="also time one document of this many MB")
    parser.add_argument("--huge-only", action="store_true", help="only the one-huge-document section")
    args = parser.parse_args()
    huge_mb = args.huge_mb or (20.0 if args.huge or args.huge_only else None)
    if args.huge_only:
        assert huge_mb is not None  # --huge-only sets 20 MB when --huge-mb is not given
        huge_document(huge_mb, args.model)
        return 0

    nlp = load(args.model)
    texts = corpus(args.docs)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    nlp("warm up the pipeline")

    def parse_only():
        with nlp.select_pipes(disable=list(OURS)):
            for _ in nlp.pipe(texts, batch_size=args.batch_size):
                pass

    attributions = load(args.model, "attributions")  # adds the learned cue and content spans
    attributions("warm up the pipeline")

    def extract(n_process: int, pipeline=nlp):
        def run():
            for _ in pipe_records(pipeline, enumerate(texts), batch_size=args.batch_size, n_process=n_process):
                pass

        return run

    results = {}
    results["bare spaCy parse (same components)"] = timed(parse_only)
    results["extractor, 1 process"] = timed(extract(1))
    results["extractor, --n-process 2"] = timed(extract(2))
    results["extractor, 1 process, --scope attributions"] = timed(extract(1, attributions))
    if not args.skip_dask:
        from quotes.run.dask import dask_processor

        records = [Record(str(i), t) for i, t in enumerate(texts)]
        start = time.perf_counter()
        with dask_processor(model=args.model, workers=2, batch_size=args.batch_size) as process:
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
    wide = results["extractor, 1 process, --scope attributions"]
    print(f"attributions scope ÷ bare parse: {wide / parse:.3f}")
    print(f"speed-up of 2 processes over 1: {one / two:.2f}x")
    print(f"peak memory (largest process, both scopes' pipelines loaded): {peak_mb():.0f} MB")

    costed = texts[:100]
    print(f"\nCost of each component (sequential, first {len(costed)} documents):\n")
    print(tabulate(component_costs(nlp, costed), headers=["component", "seconds", "share"], tablefmt="github"))

    print("\nTime against document length (the same text repeated):\n")
    base = texts[:20]
    length_rows = []
    for factor in (1, 4, 16):
        longer = ["\n\n".join([t] * factor) for t in base]
        chars = sum(len(t) for t in longer)
        with nlp.select_pipes(disable=list(OURS)):
            bare = timed(lambda longer=longer: [None for _ in nlp.pipe(longer)])
        seconds = timed(lambda longer=longer: [None for _ in pipe_records(nlp, enumerate(longer))])
        length_rows.append(
            [f"{factor}x", chars, f"{seconds:.2f}", f"{1e6 * bare / chars:.1f}", f"{1e6 * seconds / chars:.1f}"]
        )
    headers = ["length", "characters", "seconds", "µs/char, bare parse", "µs/char, extractor"]
    print(tabulate(length_rows, headers=headers, tablefmt="github"))
    if huge_mb:
        huge_document(huge_mb, args.model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
