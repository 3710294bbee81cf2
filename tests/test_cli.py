"""``quotes extract``: JSON lines, error lines, accounting, resume, multiprocessing."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from quotes.cli import main
from quotes.run.corpus import read_records
from quotes.run.runner import Sink, Summary, local_processor, run

from .conftest import SEEDS

GOOD = '"We will win," Jane Doe said.'


def jsonl(path: Path, rows: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture
def corpus(tmp_path):
    return jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": "a", "text": GOOD},
            {"id": "b"},
            "not json",
            {"id": "c", "text": 5},
            {"id": "d", "text": ""},
            {"id": "e", "text": (SEEDS / "seed-000.txt").read_text()},
        ],
    )


def test_every_record_is_accounted_for(nlp, corpus, tmp_path):
    out, errors = tmp_path / "out.jsonl", tmp_path / "err.jsonl"
    with out.open("w") as o, errors.open("w") as e:
        summary = run(read_records([str(corpus)]), local_processor(nlp), Sink(o, e))
    assert summary == Summary(read=6, processed=3, failed=3, quotes=summary.quotes)
    assert summary.quotes > 0
    assert summary.balanced()
    assert {r["id"] for r in read_lines(errors)} == {"b", f"{corpus}:3", "c"}
    quotes = read_lines(out)
    assert len(quotes) == summary.quotes and {q["id"] for q in quotes} == {"a", "e"}


def test_bad_encoding_is_an_error_line(nlp, tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 said")
    (tmp_path / "ok.txt").write_text(GOOD)
    records = list(read_records([str(tmp_path)]))
    assert [(r.id, r.error is not None) for r in records] == [(f"{tmp_path}/bad.txt", True), (f"{tmp_path}/ok.txt", False)]
    assert records[0].error is not None and records[0].error.startswith("not UTF-8")


def test_cli_writes_output_errors_and_summary(corpus, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(corpus), "-o", str(out), "--quiet"]) == 0
    assert len(read_lines(Path(str(out) + ".errors.jsonl"))) == 3
    assert capsys.readouterr().err == ""
    assert {q["id"] for q in read_lines(out)} == {"a", "e"}


def test_cli_summary_counts_every_record(corpus, tmp_path, capsys):
    assert main(["extract", str(corpus), "-o", str(tmp_path / "out.jsonl")]) == 0
    assert "quotes: read 6, processed 3, failed 3, quotes " in capsys.readouterr().err


def test_n_process_two_matches_one(tmp_path):
    texts = [(SEEDS / name).read_text() for name in ("seed-000.txt", "grocer-job-cuts.txt", "senate-race.txt")]
    corpus = jsonl(tmp_path / "c.jsonl", [{"id": str(i), "text": t} for i, t in enumerate(texts * 2)])
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    main(["extract", str(corpus), "-o", str(one), "--quiet"])
    main(["extract", str(corpus), "-o", str(two), "--quiet", "--n-process", "2", "--batch-size", "1"])
    assert one.read_text() == two.read_text() and one.read_text()


def test_installed_command_on_the_seed_article():
    result = subprocess.run(
        [str(Path(sys.executable).parent / "quotes"), "extract", str(SEEDS / "seed-000.txt")],
        capture_output=True, text=True, check=True,
    )
    names = {json.loads(line)["speaker_name"] for line in result.stdout.splitlines()}
    assert {"Vedant Patel", "Xi Jinping"} <= names
    assert "read 1, processed 1, failed 0" in result.stderr


def test_resume_without_output_is_a_clear_error(capsys):
    assert main(["extract", "-", "--resume"]) == 2
    assert "--resume needs --output" in capsys.readouterr().err


def test_results_stay_in_input_order_whatever_the_processor_prefetches(nlp, tmp_path):
    rows = ["bad", {"id": "a", "text": GOOD}, "bad", "bad", {"id": "b", "text": GOOD}, {"id": "c"}]
    corpus = jsonl(tmp_path / "in.jsonl", rows)
    real = local_processor(nlp)

    def greedy(records):  # takes the whole input before answering, as a deep prefetch would
        yield from real(list(records))

    outputs = []
    for process in (real, greedy):
        out, errors = io.StringIO(), io.StringIO()
        run(read_records([str(corpus)]), process, Sink(out, errors))
        outputs.append((out.getvalue(), errors.getvalue()))
    assert outputs[0] == outputs[1]
    assert [json.loads(line)["id"] for line in outputs[0][1].splitlines()] == [f"{corpus}:{n}" for n in (1, 3, 4)] + ["c"]


def test_unreadable_records_are_written_without_waiting_for_later_ones(nlp, tmp_path):
    """A long stretch of bad lines is written as it is read, not held until the next good record."""
    corpus = jsonl(tmp_path / "in.jsonl", ["not json"] * 1000 + [{"id": "a", "text": GOOD}])
    errors = io.StringIO()
    seen = []

    def process(records):
        for record in records:
            seen.append(errors.getvalue().count("\n"))
            yield record, [], None

    run(read_records([str(corpus)]), process, Sink(io.StringIO(), errors))
    assert seen == [1000]
