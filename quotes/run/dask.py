"""Scale-out on Dask.

Only texts and plain dicts travel between processes, never ``Doc`` or ``Language`` objects; each
worker process loads the spaCy pipeline once (``quotes.component.loading.load`` is cached per process)
and finds the component from the installed ``quotes`` package.

    import dask.bag as db
    from .dask import extract_bag, quote_records
    results = extract_bag(db.read_text("news/*.jsonl").map(json.loads))
    quote_records(results).to_textfiles("out/*.jsonl")   # after .map(json.dumps)
"""
from __future__ import annotations

import asyncio
import json
import re
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

import dask.bag as db

from ..component.loading import DEFAULT_MODEL, load
from ..errors import QuotesError
from .corpus import Record, unicode_problem
from .pipeline import pipe_records
from .runner import Results

# One result per input record: {"id": ..., "quotes": [...], "error": None | reason}.
Result = dict[str, Any]
# Marks a record that could not be read (read_jsonl), so that it fails with its reason.
INVALID = "__quotes_invalid__"


def extract_texts(
    items: list[tuple[str, str]],
    model: str = DEFAULT_MODEL,
    batch_size: int = 32,
    scope: str = "quotes",
    name_gender: bool = True,
) -> list[Result]:
    """Run the extractor over (id, text) pairs in this process: the unit of work of a task."""
    nlp = load(model, scope, name_gender)
    return [
        {"id": key, "quotes": quotes, "error": error}
        for key, quotes, error in pipe_records(nlp, items, batch_size=batch_size)
    ]


def _extract_partition(
    records: list[Any], model: str, text_key: str, id_key: str, scope: str, name_gender: bool = True
) -> list[Result]:
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
        elif unicode_problem(record[text_key]):
            results.append({"id": record_id, "quotes": [], "error": f"{text_key!r}: {unicode_problem(record[text_key])}"})
        else:
            todo.append((len(results), (record_id, record[text_key])))
            results.append(None)
    for (slot, _), result in zip(todo, extract_texts([item for _, item in todo], model, scope=scope, name_gender=name_gender)):
        results[slot] = result
    return results  # type: ignore[return-value]


def extract_bag(
    bag: db.Bag,
    model: str = DEFAULT_MODEL,
    text_key: str = "text",
    id_key: str = "id",
    scope: str = "quotes",
    name_gender: bool = True,
) -> db.Bag:
    """A bag of records (dicts with text and id) -> a bag of per-record results, same order."""
    return bag.map_partitions(
        _extract_partition, model=model, text_key=text_key, id_key=id_key, scope=scope, name_gender=name_gender
    )


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


CONNECT_TIMEOUT = 5.0  # seconds to reach a scheduler; a port that is not Dask never answers
WORKER_TIMEOUT = 10.0  # seconds to wait for a scheduler without workers to get one
ADDRESS = re.compile(r"^(?:(?P<scheme>tcp|tls|ws|wss)://)?(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+):(?P<port>\d{1,5})$")


class SchedulerError(QuotesError):
    """The Dask scheduler given cannot be used: a malformed address, nothing there, not Dask."""


def check_address(address: str) -> str:
    """``address`` if it has the form ``[tcp://]host:port``; a clear error before any waiting."""
    match = ADDRESS.match(address.strip())
    if not match or not 0 < int(match["port"]) < 65536:
        raise SchedulerError(f"--scheduler {address!r} is not an address such as tcp://127.0.0.1:8786")
    return address.strip() if match["scheme"] else "tcp://" + address.strip()


async def _identity(address: str, timeout: float) -> dict:
    from distributed.comm import connect

    comm = await asyncio.wait_for(connect(address, timeout=timeout), timeout)
    try:
        await comm.write({"op": "identity", "reply": True})
        return await asyncio.wait_for(comm.read(), timeout)
    finally:
        comm.abort()


def _connect(address: str, timeout: float):
    """A client of the scheduler at ``address``, or SchedulerError within about ``timeout`` s.
    Plain TCP is asked who it is first: ``Client`` itself waits forever on a port that accepts
    connections but does not speak Dask."""
    from distributed import Client

    address = check_address(address)
    if address.startswith("tcp://"):
        try:
            identity = asyncio.run(_identity(address, timeout))
        except (OSError, asyncio.TimeoutError) as error:
            raise SchedulerError(f"no Dask scheduler answers at {address} ({str(error) or 'timed out'})") from None
        except Exception as error:  # noqa: BLE001 - whatever a non-Dask peer makes the reader raise
            raise SchedulerError(f"{address} does not speak Dask ({type(error).__name__})") from None
        if not isinstance(identity, dict) or identity.get("type") != "Scheduler":
            kind = identity.get("type") if isinstance(identity, dict) else "not Dask"
            raise SchedulerError(f"{address} is not a Dask scheduler ({kind})")
    try:
        client = Client(address, timeout=timeout)
    except (OSError, asyncio.TimeoutError) as error:
        raise SchedulerError(f"cannot connect to the Dask scheduler at {address}: {error}") from None
    try:
        client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
    except (OSError, asyncio.TimeoutError):
        client.close()
        raise SchedulerError(f"the Dask scheduler at {address} has no workers") from None
    return client


def _local_client(workers: int):
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster)


def _batches(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    batch: list[Record] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class DaskProcessor:
    """A runner processor (see ``quotes.runner``) that sends batches of texts to Dask workers,
    keeps a bounded number in flight, and yields results in input order: memory stays flat.

    It connects when made, so a scheduler that cannot be used is an error before any output
    file is created; ``close`` ends the connection (and a local cluster)."""

    name_gender: bool = True  # False: genders from the article's own words only

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        scheduler: str | None = None,
        workers: int | None = None,
        batch_size: int = 32,
        scope: str = "quotes",
        timeout: float = CONNECT_TIMEOUT,
        name_gender: bool = True,
    ):
        self.model, self.batch_size, self.scope = model, batch_size, scope
        self.name_gender = name_gender
        self.client = _connect(scheduler, timeout) if scheduler else _local_client(workers or 2)

    def __call__(self, records: Iterable[Record]) -> Results:
        in_flight = max(2, 2 * len(self.client.scheduler_info().get("workers", {})))
        pending: deque = deque()

        def drain_one() -> Results:
            batch, future = pending.popleft()
            try:
                results = future.result()
            except Exception as error:  # noqa: BLE001 - a lost worker fails its batch, not the run
                results = [{"quotes": [], "error": f"Dask task failed: {type(error).__name__}: {error}"}] * len(batch)
            for record, result in zip(batch, results):
                yield record, result["quotes"], result["error"]

        try:
            for batch in _batches(records, self.batch_size):
                items = [(r.id, r.text) for r in batch]
                future = self.client.submit(
                    extract_texts, items, self.model, self.batch_size, self.scope, self.name_gender, pure=False
                )
                pending.append((batch, future))
                if len(pending) >= in_flight:
                    yield from drain_one()
            while pending:
                yield from drain_one()
        finally:
            for _, future in pending:
                future.cancel()

    def close(self) -> None:
        cluster = getattr(self.client, "cluster", None)
        self.client.close()
        if cluster is not None:
            cluster.close()

    def __enter__(self) -> DaskProcessor:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def dask_processor(
    model: str = DEFAULT_MODEL,
    scheduler: str | None = None,
    workers: int | None = None,
    batch_size: int = 32,
    scope: str = "quotes",
    name_gender: bool = True,
) -> DaskProcessor:
    """A connected ``DaskProcessor``: on the scheduler at ``scheduler``, or on a local cluster
    of ``workers`` processes; ``name_gender=False`` turns the first-name table off."""
    return DaskProcessor(model, scheduler, workers, batch_size, scope, name_gender=name_gender)
