"""Running the extractor over a stream of records: output lines, error lines, resume, summary.

Each record ends as quote lines ``{"id": ..., **quote, **kept fields}`` or one error line
``{"id": ..., "error": reason}``, written in input order. With a checkpoint (see
``quotes.resume``) each finished record is marked after its lines are flushed, so an
interrupted run can be resumed byte for byte.
"""
from __future__ import annotations

import json
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from .corpus import Record, unicode_problem
from .pipeline import pipe_records
from .resume import Mark, ResumeError, State, done_path, drop_failed, fingerprint, header_line, truncate

# (record, quote dicts, error or None) for every record given, in the order given.
Results = Iterator[tuple[Record, list[dict], str | None]]
Processor = Callable[[Iterable[Record]], Results]


@dataclass
class Summary:
    read: int = 0
    processed: int = 0
    failed: int = 0
    skipped: int = 0  # done by the run being resumed
    quotes: int = 0
    unreadable: int = 0  # inputs (files, folders) that could not be read at all
    ok_before: int = 0  # skipped records that had been processed without error
    quotes_before: int = 0  # quote lines the resumed run had written

    def balanced(self) -> bool:
        return self.read == self.processed + self.failed + self.skipped

    def line(self) -> str:
        """The counts of this run; on a resume, the totals of the output as well."""
        skipped = f", skipped {self.skipped}" if self.skipped else ""
        line = f"quotes: read {self.read}, processed {self.processed}, failed {self.failed}{skipped}, quotes {self.quotes}"
        if self.skipped:
            processed, failed = self.ok_before + self.processed, self.skipped - self.ok_before + self.failed
            line += f"; in all: processed {processed}, failed {failed}, quotes {self.quotes_before + self.quotes}"
        return line

    def exit_status(self) -> int:
        """1 when an input could not be read or no record could be processed; else 0."""
        nothing_worked = self.read > 0 and self.processed + self.ok_before == 0
        return 1 if self.unreadable or nothing_worked else 0


def local_processor(
    nlp,
    batch_size: int = 32,
    n_process: int = 1,
    note: Callable[[str], None] | None = None,
    progress: Progress | None = None,
) -> Processor:
    def process(records: Iterable[Record]) -> Results:
        # A readable record always has text. pipe_records is typed for str but checks each text at
        # run time (text_problem), so a None would still become an error result for its record:
        # the cast changes no behaviour.
        keyed: Iterator[tuple[Record, str]] = ((record, cast(str, record.text)) for record in records)
        yield from pipe_records(
            nlp, keyed, batch_size=batch_size, n_process=n_process, note=note,
            progress=progress.part if progress is not None else None,
        )

    return process


class Progress:
    """Input bytes done, for a progress bar: a record counts its ``size`` when it is finished
    or skipped, and a record in several pieces counts its share as each piece is parsed."""

    def __init__(
        self, advance: Callable[[int], None] | None = None, records: Callable[[int], None] | None = None
    ):
        self.advance: Callable[[int], None] = advance or (lambda count: None)
        self.records = records
        self._counted: dict[int, int] = {}  # id(record) -> bytes counted of a record in pieces

    def part(self, record: Record, share: float) -> None:
        counted = self._counted.get(id(record), 0)
        now = int(record.size * min(max(share, 0.0), 1.0))
        if now > counted:
            self._counted[id(record)] = now
            self.advance(now - counted)

    def done(self, record: Record) -> None:
        rest = record.size - self._counted.pop(id(record), 0)
        if rest > 0:
            self.advance(rest)
        if self.records is not None:
            self.records(1)


def _encoded_size(text: str) -> int:
    return len(text.encode("utf-8"))


def _json_line(data: dict) -> str:
    """A JSON line that is valid UTF-8 whatever ``data`` holds (escaped only when it must be)."""
    line = json.dumps(data, ensure_ascii=False)
    return (line if unicode_problem(line) is None else json.dumps(data)) + "\n"


def _written(handle: IO[str], text: str, name: str) -> None:
    """Write and flush; an OSError (a full disk) names the file it was writing."""
    try:
        handle.write(text)
        handle.flush()
    except OSError as error:
        if error.filename is None:
            raise OSError(error.errno, error.strerror, name) from None
        raise


class Sink:
    """Where a run writes: quote lines, error lines and, given a checkpoint file, the marks.

    Streams given here are used as they are; ``FileSink`` opens files only when processing
    starts, so a run that fails to start leaves no files behind."""

    def __init__(self, out: IO[str], errors: IO[str]):
        self.out, self.errors = out, errors
        self.marks: IO[str] | None = None
        self.out_size = self.err_size = 0
        self.out_name, self.errors_name, self.marks_name = "standard output", "standard error", "checkpoint"

    def start(self) -> None:
        """Called once the input is known to be fit for the run, before the first write."""

    def close(self) -> None:
        """Release what ``start`` opened."""

    def write(self, position: int, record: Record, lines: str, error: str | None) -> None:
        if error is None:
            _written(self.out, lines, self.out_name)
            self.out_size += _encoded_size(lines)
        else:
            line = _json_line({"id": record.id, "error": error})
            _written(self.errors, line, self.errors_name)
            self.err_size += _encoded_size(line)
        if self.marks is not None:
            mark = Mark(position, fingerprint(record), error is None, self.out_size, self.err_size)
            _written(self.marks, mark.line(), self.marks_name)


class FileSink(Sink):
    """Output to a file (or stdout, ``None``), errors to a file (or stderr, ``None``); with
    ``checkpoint`` (an output that is a regular file), the marks in ``OUT.done`` beside it.
    ``state`` is what a resumed run left behind."""

    def __init__(
        self,
        output: Path | None,
        errors: Path | None,
        settings: dict[str, Any],
        state: State | None = None,
        retry_failed: bool = False,
        checkpoint: bool = True,
    ):
        super().__init__(sys.stdout, sys.stderr)
        self.output, self.errors_path, self.settings = output, errors, settings
        self.state = state or State()
        self.retry_failed = retry_failed
        self.checkpoint = checkpoint and output is not None
        self._handles: list[tuple[IO[str], str]] = []
        self.started = False
        if output is not None:
            self.out_name = str(output)
            self.marks_name = str(done_path(output))
        if errors is not None:
            self.errors_name = str(errors)

    def _open(self, path: Path) -> IO[str]:
        handle = path.open("a", encoding="utf-8", newline="")
        self._handles.append((handle, str(path)))
        return handle

    def start(self) -> None:
        if self.started:
            return
        self.started = True
        state = self.state
        if self.output is not None and self.checkpoint:
            done = done_path(self.output)
            truncate(self.output, state.out_size)
            if self.errors_path is not None:
                truncate(self.errors_path, state.err_size)
            truncate(done, state.done_size)
            if self.retry_failed and any(not m.ok for m in state.marks):
                state = drop_failed(state, self.errors_path, done, self.settings)
            self.marks = self._open(done)
            if state.done_size == 0:
                _written(self.marks, header_line(self.settings), self.marks_name)
            self.out = self._open(self.output)
        elif self.output is not None:  # a device or pipe: written as it comes, no checkpoint
            self.out = self._open(self.output)
            if self.errors_path is not None:
                truncate(self.errors_path, 0)
        elif self.errors_path is not None:
            truncate(self.errors_path, 0)
        if self.errors_path is not None:
            self.errors = self._open(self.errors_path)
        self.out_size, self.err_size = state.out_size, state.err_size

    def close(self) -> None:
        """Close every file; the first that fails (what a failed write left in its buffer) is
        raised with its name once all are closed."""
        failure: OSError | None = None
        for handle, name in self._handles:
            try:
                handle.close()
            except OSError as error:
                failure = failure or OSError(error.errno, error.strerror, error.filename or name)
        self._handles = []
        if failure is not None:
            raise failure


def _resumed(
    records: Iterable[Record],
    state: State,
    retry_failed: bool,
    start: Callable[[], None],
    summary: Summary,
    warn: Callable[[str], None],
    progress: Progress | None = None,
) -> Iterator[tuple[int, Record]]:
    """(position, record) for every record still to do. Records the resumed run finished are
    checked against their fingerprints and skipped; ``start`` is called only once all of them
    are checked, so a changed input touches no file. Records to redo that come before that
    point (failed ones, with --retry-failed) wait in memory until then."""
    done = {m.position: m for m in state.marks if m.ok or not retry_failed}
    frontier = max((m.position for m in state.marks), default=-1) + 1
    held: list[tuple[int, Record]] = []
    position = -1
    for position, record in enumerate(records):
        summary.read += 1
        if record.unreadable:
            summary.unreadable += 1
            warn(f"quotes: error: cannot read {record.id}: {record.error}")
        if position >= frontier:
            if position == frontier:
                start()
                yield from held
                held = []
            yield position, record
            continue
        mark = done.get(position)
        if mark is None:
            held.append((position, record))
        elif mark.fingerprint != fingerprint(record):
            raise ResumeError(
                f"the input changed since the interrupted run (record {position + 1}, id {record.id!r}, "
                f"differs); rerun without --resume"
            )
        else:
            summary.skipped += 1
            summary.ok_before += mark.ok
            if progress is not None:
                progress.done(record)
    if position + 1 < frontier:
        raise ResumeError(
            f"the input changed since the interrupted run: it has {position + 1} records, the run "
            f"had done {frontier}; rerun without --resume"
        )
    start()
    yield from held


Finish = Callable[[int, Record, list[dict], "str | None"], None]


def _in_order(items: Iterable[tuple[int, Record]], process: Processor, finish: Finish) -> None:
    """Call ``finish`` for every item with its result, in input order: records that could not
    be read fail with their reason in their place, the others go through ``process``.

    A record that cannot be read waits only while records before it are in the processor, so
    a long stretch of bad lines does not pile up in memory. The lock keeps order and writes
    whole should a processor pull its input from another thread."""
    queue: deque[tuple[int, Record]] = deque()
    lock = threading.Lock()

    def finish_unreadable() -> None:
        while queue and queue[0][1].error is not None:
            position, bad = queue.popleft()
            finish(position, bad, [], bad.error)

    def readable() -> Iterator[Record]:
        for position, record in items:
            with lock:
                queue.append((position, record))
                finish_unreadable()
            if record.error is None:
                yield record

    for _, quotes, error in process(readable()):
        with lock:
            finish_unreadable()
            position, record = queue.popleft()
            finish(position, record, quotes, error)
            finish_unreadable()
    with lock:
        finish_unreadable()


def quote_lines(record: Record, quotes: list[dict], min_confidence: float = 0.0) -> tuple[str, int]:
    """The output lines of a record and how many quotes they hold."""
    kept = [q for q in quotes if q.get("confidence", 1.0) >= min_confidence]
    lines = "".join(json.dumps({"id": record.id, **q, **record.kept}, ensure_ascii=False) + "\n" for q in kept)
    return lines, len(kept)


def run(
    records: Iterable[Record],
    process: Processor,
    sink: Sink,
    state: State | None = None,
    retry_failed: bool = False,
    min_confidence: float = 0.0,
    progress: Progress | None = None,
    warn: Callable[[str], None] | None = None,
) -> Summary:
    """Process ``records`` into ``sink``, resuming from ``state`` (what an interrupted run
    left), and count what happened; ``progress`` hears of every record done or skipped."""
    summary = Summary(quotes_before=state.quotes if state is not None else 0)
    warn = warn or (lambda message: print(message, file=sys.stderr))
    todo = _resumed(records, state or State(), retry_failed, sink.start, summary, warn, progress)

    def finish(position: int, record: Record, quotes: list[dict], error: str | None) -> None:
        lines, count = ("", 0) if error is not None else quote_lines(record, quotes, min_confidence)
        if unicode_problem(lines):  # cannot happen for text read by quotes.corpus; never half-write
            lines, count, error = "", 0, f"a quote is not valid Unicode: {unicode_problem(lines)}"
        sink.write(position, record, lines, error)
        if error is None:
            summary.processed += 1
            summary.quotes += count
        else:
            summary.failed += 1
        if progress is not None:
            progress.done(record)

    _in_order(todo, process, finish)
    sink.start()
    return summary
