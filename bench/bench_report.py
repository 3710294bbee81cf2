#!/usr/bin/env python
"""Timing of ``quotes report`` (and ``quotes speakers``) on extractor output: the target is
under 5 s for 1,000 records (~10k quote lines), after extraction.

    python bench/bench_report.py                 # 1,000 records, ~10 quotes each
    python bench/bench_report.py --records 10000

The output is synthetic but shaped like the real thing: every kind and source type, full names,
bare surnames and honorifics, two people sharing a surname, roles, and an outlet and a date
carried on each line. Two figures: the command in this process (reading, merging, page and CSV)
and the whole command in a fresh interpreter, imports included, as a user runs it.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tabulate import tabulate

from quotes.views import report
from quotes.views import speaker_table as speakers

ROOT = Path(__file__).resolve().parent.parent

PEOPLE = [("Vedant Patel", "U.S. State Department spokesman"), ("Xi Jinping", "the Chinese leader"),
          ("Sarah Keller", "Mayor"), ("Tom Keller", "council member"), ("Olaf Scholz", "German Chancellor")]
PEOPLE += [(f"Person{i} Surname{i % 150}", f"role {i % 7}") for i in range(400)]
OTHERS = {"organisation": ["TASS", "Reuters", "the Kremlin", "Ford", "the ministry"],
          "anonymous": ["officials", "a senior official", "a source familiar with the talks", "people close to him"],
          "document": ["the report", "a poll", "court filings", "Chinese customs figures"]}
OUTLETS = ["Reuters", "AP", "BBC", "Guardian", "TASS", "Xinhua"]

# One command line for a fresh interpreter, wired or not into quotes/cli.py yet.
RUNNER = """
import argparse, sys
from quotes.views import report, speaker_table as speakers
parser = argparse.ArgumentParser(prog="quotes")
commands = parser.add_subparsers(required=True)
speakers.add_command(commands); report.add_command(commands)
args = parser.parse_args(sys.argv[1:])
sys.exit(args.func(args))
"""


def line(rng: random.Random, record: int) -> dict:
    kind = rng.choices(["direct", "indirect", "mixed", "belief"], [4, 4, 1, 1])[0]
    source_type = rng.choices(["person", "organisation", "anonymous", "document", "none"], [6, 1, 2, 1, 1])[0]
    speaker = role = None
    if source_type == "person":
        name, title = rng.choice(PEOPLE)
        speaker = rng.choice([name, name.split()[-1], "Mr. " + name.split()[-1]])
        role = title if rng.random() < 0.5 else None
    elif source_type != "none":
        speaker = rng.choice(OTHERS[source_type])
    start = rng.randrange(0, 5000)
    text = "It cannot have it both ways" * rng.randint(1, 3)
    return {
        "id": f"doc-{record:06d}", "kind": kind, "text": text, "start": start, "end": start + len(text),
        "speaker": {"text": speaker, "start": start - 20, "end": start - 20 + len(speaker)} if speaker else None,
        "speaker_name": speaker, "cue": {"text": "said", "start": start - 5, "end": start - 1},
        "speaker_role": {"text": role, "start": 10, "end": 10 + len(role)} if role else None,
        "source_type": source_type, "rule": "bench", "confidence": round(rng.random(), 2),
        "outlet": OUTLETS[record % len(OUTLETS)], "date": f"2024-03-{record % 28 + 1:02d}",
    }


def corpus(path: Path, records: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for record in range(records):
            for _ in range(rng.randint(5, 15)):
                out.write(json.dumps(line(rng, record)) + "\n")
                count += 1
    return count


def in_process(argv: list[str]) -> float:
    parser = argparse.ArgumentParser(prog="quotes")
    commands = parser.add_subparsers(required=True)
    speakers.add_command(commands)
    report.add_command(commands)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    assert args.func(args) == 0
    return time.perf_counter() - start


def fresh(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", RUNNER, *argv], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        out = folder / "out.jsonl"
        lines = corpus(out, options.records)
        commands = {
            "report --group-by outlet --csv": ["report", str(out), "-o", str(folder / "r.html"),
                                               "--group-by", "outlet", "--csv", str(folder / "csv")],
            "report --group-by date": ["report", str(out), "-o", str(folder / "d.html"), "--group-by", "date"],
            "speakers --csv": ["speakers", str(out), "--csv", str(folder / "s.csv"), "--top", "20"],
        }
        rows = []
        for name, argv in commands.items():
            rows.append([name, f"{in_process(argv):.2f}", f"{fresh(argv):.2f}"])
        size = (folder / "r.html").stat().st_size / 1024
    print(f"{options.records} records, {lines} quote lines; report page {size:.0f} KiB", file=sys.stderr)
    print(tabulate(rows, headers=["command", "in process (s)", "fresh interpreter (s)"], tablefmt="github"))


if __name__ == "__main__":
    main()
