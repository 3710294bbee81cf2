"""Scale-out on Dask.

Only texts and plain dicts travel between processes, never ``Doc`` or ``Language`` objects; each
worker process loads the spaCy pipeline once (``quotes.pipeline.load`` is cached per process)
and finds the component from the installed ``quotes`` package.

    import dask.bag as db
    from quotes.dask import extract_bag, quote_records
    results = extract_bag(db.read_text("news/*.jsonl").map(json.loads))
    quote_records(results).to_textfiles("out/*.jsonl")   # after .map(json.dumps)
"""
from __future__ import annotations

import json
from collections import deque
from typing import Any, Iterable, Iterator

import dask.bag as db

from .corpus import Record
from .pipeline import DEFAULT_MODEL, load, pipe_records
from .runner import Processor, Results

# One result per input record: {"id": ..., "quotes": [...], "error": None | reason}.
Result = dict[str, Any]
# Marks a record that could not be read (read_jsonl), so that it fails with its reason.
INVALID = "__quotes_invalid__"


def extract_texts(
    items: list[tuple[str, str]], model: str = DEFAULT_MODEL, batch_size: int = 32, scope: str = "quotes"
) -> list[Result]:
    """Run the extractor over (id, text) pairs in this process: the unit of work of a task."""
    nlp = load(model, scope)
    return [
        {"id": key, "quotes": quotes, "error": error}
        for key, quotes, error in pipe_records(nlp, items, batch_size=batch_size)
    ]


def _extract_partition(records: list[Any], model: str, text_key: str, id_key: str, scope: str) -> list[Result]:
    results: list[Result | None] = []
    todo: list[tuple[int, tuple[str, str]]] = []
    for number, record in enumerate(records):
        record_id = record.get(id_key, str(number)) if isinstance(record, dict) else str(number)
        record_id = record_id if isinstance(record_id, str) else json.dumps(record_id)
        if not isinstance(record, dict):
            results.append({"id": record_id, "quotes": [], "error": "a record must be a mapping"})
        elif INVALID in record:
            results.append({"id": record_id, "quotes": [], "error": record[INVALID]})
        elif not isinstance(record.get(text_key), str):
            reason = f"missing key {text_key!r}" if text_key not in record else f"{text_key!r} is not text"
            results.append({"id": record_id, "quotes": [], "error": reason})
        else:
            todo.append((len(results), (record_id, record[text_key])))
            results.append(None)
    for (slot, _), result in zip(todo, extract_texts([item for _, item in todo], model, scope=scope)):
        results[slot] = result
    return results  # type: ignore[return-value]


def extract_bag(
    bag: db.Bag, model: str = DEFAULT_MODEL, text_key: str = "text", id_key: str = "id", scope: str = "quotes"
) -> db.Bag:
    """A bag of records (dicts with text and id) -> a bag of per-record results, same order."""
    return bag.map_partitions(_extract_partition, model=model, text_key=text_key, id_key=id_key, scope=scope)


def quote_records(results: db.Bag) -> db.Bag:
    """Flatten per-record results to quote dicts carrying their record id, as the CLI writes."""
    return results.map(lambda r: [{"id": r["id"], **q} for q in r["quotes"]]).flatten()


def read_jsonl(pattern: str) -> db.Bag:
    """Records from JSONL files (a glob); unreadable lines become records that fail by name."""

    def parse(line: str) -> Any:
        try:
            return json.loads(line)
        except json.JSONDecodeError as error:
            return {INVALID: f"invalid JSON: {error}"}

    return db.read_text(pattern).filter(lambda line: line.strip()).map(parse)


def _client(scheduler: str | None, workers: int | None):
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler)
    cluster = LocalCluster(
        n_workers=workers or 2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    return Client(cluster)


def dask_processor(
    model: str = DEFAULT_MODEL,
    scheduler: str | None = None,
    workers: int | None = None,
    batch_size: int = 32,
    scope: str = "quotes",
) -> Processor:
    """A runner processor (see ``quotes.runner``) that sends batches of texts to Dask workers,
    keeps a bounded number in flight, and yields results in input order: memory stays flat."""

    def process(records: Iterable[Record]) -> Results:
        client = _client(scheduler, workers)
        try:
            in_flight = max(2, 2 * len(client.scheduler_info().get("workers", {})))
            pending: deque = deque()

            def batches() -> Iterator[list[Record]]:
                batch: list[Record] = []
                for record in records:
                    batch.append(record)
                    if len(batch) >= batch_size:
                        yield batch
                        batch = []
                if batch:
                    yield batch

            def drain_one() -> Results:
                batch, future = pending.popleft()
                for record, result in zip(batch, future.result()):
                    yield record, result["quotes"], result["error"]

            for batch in batches():
                items = [(r.id, r.text) for r in batch]
                pending.append((batch, client.submit(extract_texts, items, model, batch_size, scope, pure=False)))
                if len(pending) >= in_flight:
                    yield from drain_one()
            while pending:
                yield from drain_one()
        finally:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None and scheduler is None:
                cluster.close()

    return process
