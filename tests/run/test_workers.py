"""The worker pool: same results as one process, dead workers, and interrupts that end the run.

The interrupt tests run ``quotes extract --n-process 2`` in its own session (process group) and
find its workers through /proc, so they need Linux.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import quotes
from quotes.run.pipeline import pipe_records

linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
# Ctrl-C must end a run within this many seconds (issue 10).
STOP_SECONDS = 5.0
# Records of the interrupted runs: ~20 s of work for two processes, interrupted after the first.
RECORDS = 80


def _stat(pid: int) -> tuple[str, int, int] | None:
    """(state, parent pid, process group) of a live process, None when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return fields[0], int(fields[1]), int(fields[2])


def _alive(pid: int) -> bool:
    stat = _stat(pid)
    return stat is not None and stat[0] not in ("Z", "X")


def _children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat is not None and stat[1] == parent and stat[0] not in ("Z", "X"):
                found.append(int(entry.name))
    return found


def _group(pgid: int) -> list[int]:
    return [
        int(e.name) for e in Path("/proc").iterdir()
        if e.name.isdigit() and (s := _stat(int(e.name))) is not None and s[2] == pgid and s[0] not in ("Z", "X")
    ]


def _wait_for(condition, timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


@pytest.mark.slow
def test_two_processes_give_exactly_the_results_of_one(nlp, seed_text):
    long_text = "\n\n".join([seed_text] * 3)
    texts = [seed_text, '"Fine," said Jane Doe.', "", long_text, "  \n", seed_text[:700]] * 2
    options = dict(chunk_chars=len(seed_text) + 10)
    one = list(pipe_records(nlp, enumerate(texts), batch_size=32, **options))
    for batch_size in (1, 3):
        two = list(pipe_records(nlp, enumerate(texts), batch_size=batch_size, n_process=2, **options))
        assert two == one
    assert list(quotes.extract_many(texts, n_process=2, batch_size=2)) == list(quotes.extract_many(texts))


@pytest.mark.slow
@linux_only
def test_closing_the_stream_early_stops_the_workers(nlp, seed_text):
    # Children of this test process that other tests left (a Dask or multiprocessing helper)
    # are not the pool's workers.
    before = set(_children(os.getpid()))
    results = pipe_records(nlp, enumerate([seed_text] * 20), batch_size=1, n_process=2)
    next(results)
    assert len(set(_children(os.getpid())) - before) == 2
    results.close()
    assert _wait_for(lambda: not set(_children(os.getpid())) - before, timeout=3)


@pytest.fixture
def deadly(nlp, monkeypatch):
    """The quotes component kills its own process on a doc containing DIE (as the kernel's
    out-of-memory killer would); only ever reached inside a worker."""
    extractor = type(nlp.get_pipe("quotes"))
    original = extractor.__call__
    parent = os.getpid()

    def call(self, doc):
        if "DIE" in doc.text and os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return original(self, doc)

    monkeypatch.setattr(extractor, "__call__", call)


@pytest.mark.slow
@linux_only
@pytest.mark.usefixtures("deadly")
def test_a_killed_worker_fails_only_the_text_that_killed_it(nlp):
    texts = ['"We won," Ann Lee said.', '"Two," DIE said.', '"Three," Bob Roe said.'] * 2
    before = set(_children(os.getpid()))
    results = list(pipe_records(nlp, enumerate(texts), batch_size=3, n_process=2))
    assert [key for key, _, _ in results] == list(range(6))
    for key, found, error in results:
        if key % 3 == 1:
            assert found == [] and error.startswith("WorkerDied:") and "signal 9" in error
        else:
            assert error is None and len(found) == 1
    assert _wait_for(lambda: not set(_children(os.getpid())) - before, timeout=3)


# -- the command line, interrupted ---------------------------------------------------------


def _big_input(path: Path, text: str, records: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for number in range(records):
            out.write(json.dumps({"id": f"r{number:04d}", "text": text}) + "\n")
    return path


def _start(tmp_path: Path, text: str, records: int = RECORDS) -> tuple[subprocess.Popen, Path, list[int]]:
    """A two-process run, once its workers exist and its first records are written."""
    source = _big_input(tmp_path / "big.jsonl", text, records)
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "quotes.cli", "extract", str(source), "-o", str(out),
               "--n-process", "2", "--batch-size", "2", "--quiet"]
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    started = _wait_for(lambda: len(_children(run.pid)) == 2 and out.exists() and out.stat().st_size > 0, 120, 0.1)
    if not started:
        run.kill()
        pytest.fail(f"the run did not start: {run.communicate()[1].decode()[-2000:]}")
    return run, out, _children(run.pid)


def _stopped_within(run: subprocess.Popen, seconds: float) -> tuple[int, float]:
    start = time.monotonic()
    try:
        code = run.wait(timeout=seconds + 30)
    except subprocess.TimeoutExpired:
        os.killpg(run.pid, signal.SIGKILL)
        pytest.fail("the run hung after the signal")
    return code, time.monotonic() - start


def _resume_completes(tmp_path: Path, out: Path, text: str, records: int) -> None:
    """--resume finishes the run: every record has the quotes of the text, none twice."""
    source = tmp_path / "big.jsonl"
    finish = subprocess.run(
        [sys.executable, "-m", "quotes.cli", "extract", str(source), "-o", str(out), "--resume",
         "--n-process", "2", "--quiet"],
        capture_output=True, text=True, timeout=600,
    )
    assert finish.returncode == 0, finish.stderr
    expected = [q.to_dict() for q in quotes.extract(text)]
    by_id: dict[str, list[dict]] = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        by_id.setdefault(data.pop("id"), []).append({k: v for k, v in data.items() if k in expected[0]})
    assert sorted(by_id) == [f"r{n:04d}" for n in range(records)]
    assert all(found == expected for found in by_id.values())


@pytest.mark.slow
@linux_only
@pytest.mark.parametrize("target", ["group", "parent"])
def test_sigint_ends_a_two_process_run_quickly_and_resumably(tmp_path, seed_text, target):
    """Ctrl-C in a terminal signals the whole group; ``kill -INT`` only the parent."""
    run, out, workers = _start(tmp_path, seed_text)
    if target == "group":
        os.killpg(run.pid, signal.SIGINT)
    else:
        os.kill(run.pid, signal.SIGINT)
    code, seconds = _stopped_within(run, STOP_SECONDS)
    stderr = run.stderr.read().decode()
    assert code == 130, stderr
    assert seconds < STOP_SECONDS
    assert "--resume" in stderr
    assert _wait_for(lambda: not any(_alive(pid) for pid in workers), timeout=2)
    _resume_completes(tmp_path, out, seed_text, RECORDS)


@pytest.mark.slow
@linux_only
def test_sigterm_ends_a_two_process_run_without_leaving_workers(tmp_path, seed_text):
    run, _, workers = _start(tmp_path, seed_text)
    run.terminate()
    code, seconds = _stopped_within(run, STOP_SECONDS)
    assert code != 0 and seconds < STOP_SECONDS
    assert _wait_for(lambda: not any(_alive(pid) for pid in workers), timeout=2)


@pytest.mark.slow
@linux_only
def test_no_worker_outlives_a_parent_killed_with_sigkill(tmp_path, seed_text):
    run, _, workers = _start(tmp_path, seed_text)
    assert all(_alive(pid) for pid in workers)
    os.kill(run.pid, signal.SIGKILL)
    run.wait(timeout=10)
    assert _wait_for(lambda: not any(_alive(pid) for pid in workers), timeout=3)
    assert not _group(run.pid)


@pytest.mark.slow
def test_spawned_workers_load_the_pipeline_by_name(nlp, seed_text):
    """Without fork (macOS, Windows) each worker loads the pipeline quotes.load() made."""
    from quotes.component.loading import loader_of
    from quotes.run.pipeline import Piece, _local, batches, run_batch
    from quotes.run.workers import WorkerPool

    pieces = [Piece(i, 0, text, True) for i, text in enumerate([seed_text, "", '"Fine," said Jane Doe.'] * 2)]
    pool = WorkerPool(nlp, 2, run_batch, start_method="spawn", loader=loader_of(nlp))
    spawned = list(pool.run(batches(pieces, 2, 10**6)))
    assert spawned == list(_local(nlp)(batches(pieces, 2, 10**6)))
    assert [len(found) for _, (found, _) in spawned] == [len(quotes.extract(seed_text)), 0, 1] * 2


def _lengths(nlp, texts):
    return [len(text) for text in texts]


def test_the_pool_never_asks_for_more_workers_than_cpus():
    from quotes.run.workers import WorkerPool, available_cpus

    assert WorkerPool("nlp", 1000, _lengths).n_process == available_cpus()


@pytest.mark.slow
def test_workers_start_only_for_batches_and_a_note_says_so():
    from quotes.run.pipeline import Piece
    from quotes.run.workers import WorkerPool

    notes: list[str] = []
    pool = WorkerPool("nlp", 2, _lengths, note=notes.append)
    pool.n_process = 2  # as on a machine with two CPUs or more
    batch = [Piece(0, 0, "abc", True), Piece(1, 0, "de", True)]
    assert [result for _, result in pool.run([batch])] == [3, 2]
    assert pool.most == 1 and notes == ["1 worker process ran, not 2: the input made 1 batch"]


@pytest.mark.slow
def test_a_worker_stopped_while_it_starts_dies_quietly():
    """Stopped before it set its own SIGTERM handler, a forked worker used to run the parent's,
    which raised SystemExit in the middle of the fork's bookkeeping ("Exception ignored ...")."""
    script = textwrap.dedent(
        """
        from quotes.run.workers import WorkerPool
        pool = WorkerPool("nlp", 2, lambda nlp, texts: texts)
        previous = pool._catch_sigterm()
        codes = []
        for _ in range(20):
            worker = pool._spawn()
            worker.process.terminate()
            worker.process.join(5)
            codes.append(worker.process.exitcode)
        pool._restore_sigterm(previous)
        print(sorted(set(codes)))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.stderr == "" and result.stdout == f"[{-signal.SIGTERM}]\n"
