"""Dask scale-out: a real LocalCluster, and a scheduler and worker started as processes."""
from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
import dask.bag as db  # noqa: E402

from quotes.cli import main  # noqa: E402
from quotes.run.dask import extract_bag, quote_records  # noqa: E402
from tests.conftest import SEEDS  # noqa: E402

NAMES = ("seed-000.txt", "grocer-job-cuts.txt", "senate-race.txt", "border-checks.txt")


@pytest.fixture(scope="module")
def records():
    rows = [{"id": name, "text": (SEEDS / name).read_text()} for name in NAMES]
    return rows + [{"id": "bad", "text": 3}, {"id": "empty", "text": ""}]


@pytest.fixture(scope="module")
def local_lines(records, tmp_path_factory):
    folder = tmp_path_factory.mktemp("local")
    corpus = folder / "in.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records))
    out = folder / "out.jsonl"
    assert main(["extract", str(corpus), "-o", str(out), "--quiet"]) == 0
    return corpus, out.read_text()


@pytest.mark.slow
def test_bag_on_a_local_cluster_matches_the_local_run(records, local_lines):
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        with Client(cluster):
            results = extract_bag(db.from_sequence(records, npartitions=3)).compute()
            lines = quote_records(extract_bag(db.from_sequence(records, npartitions=2))).compute()
    assert [r["id"] for r in results] == [r["id"] for r in records]
    assert [r["id"] for r in results if r["error"]] == ["bad"]
    _, expected = local_lines
    assert "".join(json.dumps(q, ensure_ascii=False) + "\n" for q in lines) == expected


@pytest.mark.slow
def test_cli_on_local_dask_workers_matches_the_local_run(local_lines, tmp_path):
    corpus, expected = local_lines
    out = tmp_path / "dask.jsonl"
    assert main(["extract", str(corpus), "-o", str(out), "--quiet", "--dask-workers", "2", "--batch-size", "2"]) == 0
    assert out.read_text() == expected
    assert [json.loads(line)["id"] for line in Path(str(out) + ".errors.jsonl").read_text().splitlines()] == ["bad"]


@pytest.fixture
def not_dask():
    """A plain TCP listener that accepts connections and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held = []

    def accept():
        with contextlib.suppress(OSError):
            while True:
                held.append(server.accept()[0])

    threading.Thread(target=accept, daemon=True).start()
    yield f"tcp://127.0.0.1:{server.getsockname()[1]}"
    server.close()
    for connection in held:
        connection.close()


@pytest.mark.slow
@pytest.mark.parametrize("address", ["nonsense", "closed", "not_dask", "tcp://127.0.0.1:99999"])
def test_unusable_scheduler_is_a_one_line_error(address, request, local_lines, tmp_path, capsys):
    if address == "closed":
        address = f"tcp://127.0.0.1:{_free_port()}"
    elif address == "not_dask":
        address = request.getfixturevalue("not_dask")
    corpus, _ = local_lines
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    started = time.monotonic()
    assert main(["extract", str(corpus), "-o", str(out_dir / "o.jsonl"), "--scheduler", address]) == 2
    assert time.monotonic() - started < 10
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("quotes: error: ") and "Traceback" not in err
    assert list(out_dir.iterdir()) == []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_cli_on_a_separately_started_scheduler_and_worker(local_lines, tmp_path):
    """Workers run from an empty folder: the component must come from the installed package."""
    corpus, expected = local_lines
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PYTHONPATH": ""}
    scheduler = subprocess.Popen(
        [str(bin_dir / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    worker = None
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.5)
        worker = subprocess.Popen(
            [str(bin_dir / "dask"), "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard"],
            cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(1, timeout=60)
        out = tmp_path / "remote.jsonl"
        assert main(["extract", str(corpus), "-o", str(out), "--quiet", "--scheduler", address]) == 0
        assert out.read_text() == expected
    finally:
        for process in (worker, scheduler):
            if process is not None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()


def test_read_jsonl_accounts_for_every_line(tmp_path):
    from quotes.run.dask import read_jsonl

    (tmp_path / "a.jsonl").write_text('{"id": "x", "text": "\\"Yes,\\" Jane Doe said."}\nnot json\n\n{"id": "y"}\n')
    results = extract_bag(read_jsonl(str(tmp_path / "*.jsonl"))).compute(scheduler="sync")
    assert [r["error"] is None for r in results] == [True, False, False]
    assert results[0]["quotes"][0]["speaker_name"] == "Jane Doe"
    assert results[1]["error"].startswith("invalid JSON") and results[2]["error"] == "missing key 'text'"


def test_partition_fails_a_lone_surrogate_alone():
    rows = [{"id": "s", "text": '"Hi \ud800," he said.'}, {"id": "a", "text": '"Yes," Jane Doe said.'}]
    results = extract_bag(db.from_sequence(rows, npartitions=1)).compute(scheduler="sync")
    assert "lone surrogate U+D800" in results[0]["error"] and not results[0]["quotes"]
    assert results[1]["error"] is None and results[1]["quotes"][0]["speaker_name"] == "Jane Doe"


def test_a_lost_batch_fails_its_records_and_the_run_goes_on():
    """A task whose worker died (or that raised) fails the records of its batch with the reason."""
    from quotes.run.corpus import Record
    from quotes.run.dask import DaskProcessor

    class Future:
        def __init__(self, items):
            self.items = items

        def result(self):
            if any(key == "doomed" for key, _ in self.items):
                raise RuntimeError("worker lost")
            return [{"id": key, "quotes": [], "error": None} for key, _ in self.items]

        def cancel(self):
            pass

    class Client:
        def scheduler_info(self):
            return {"workers": {"w1": {}}}

        def submit(self, function, items, *args, **kwargs):
            return Future(items)

    processor = object.__new__(DaskProcessor)
    processor.client, processor.model, processor.batch_size, processor.scope = Client(), "m", 2, "quotes"
    records = [Record(key, "text") for key in ("a", "b", "doomed", "c", "d")]
    results = [(record.id, error) for record, _, error in processor(records)]
    assert results == [("a", None), ("b", None), ("doomed", "Dask task failed: RuntimeError: worker lost"),
                       ("c", "Dask task failed: RuntimeError: worker lost"), ("d", None)]
