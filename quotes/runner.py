"""Running the extractor over a stream of records: outputs, errors, resume and the summary.

Results are written as JSON lines, one per quote with its record id. A record is marked done in
a checkpoint file only after all its quotes are written and flushed, so ``--resume`` can drop a
half-written record's lines and redo it: nothing duplicated, nothing lost.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator

from .corpus import Record
from .pipeline import pipe_records

# (record, quote dicts, error or None) for every record given, in order.
Results = Iterator[tuple[Record, list[dict], str | None]]
Processor = Callable[[Iterable[Record]], Results]


@dataclass
class Summary:
    read: int = 0
    processed: int = 0
    failed: int = 0
    skipped: int = 0
    quotes: int = 0

    def balanced(self) -> bool:
        return self.read == self.processed + self.failed + self.skipped

    def line(self) -> str:
        parts = [f"{k} {v}" for k, v in asdict(self).items() if k != "skipped" or v]
        return "quotes: " + ", ".join(parts)


def local_processor(nlp, batch_size: int = 32, n_process: int = 1) -> Processor:
    def process(records: Iterable[Record]) -> Results:
        keyed = ((record, record.text) for record in records)
        yield from pipe_records(nlp, keyed, batch_size=batch_size, n_process=n_process)

    return process


def _record_id(line: str) -> str | None:
    """The id of a complete output line; None for a line cut short by the interruption."""
    if not line.endswith("\n"):
        return None
    try:
        return json.loads(line).get("id")
    except (json.JSONDecodeError, AttributeError):
        return None


class Checkpoint:
    """The ids of finished records, kept beside the output file."""

    def __init__(self, output: Path):
        self.output = output
        self.path = output.with_name(output.name + ".done")

    def restore(self) -> set[str]:
        """Finished ids; output lines of records that were not finished are removed."""
        if not self.path.exists():
            return set()
        with self.path.open(encoding="utf-8") as marks:
            done = {json.loads(line) for line in marks if line.strip()}
        if self.output.exists():
            # Streamed through a temporary file: the output may be far larger than memory.
            kept = self.output.with_name(self.output.name + ".resume")
            with self.output.open(encoding="utf-8") as old, kept.open("w", encoding="utf-8") as new:
                for line in old:
                    if _record_id(line) in done:
                        new.write(line)
            kept.replace(self.output)
        return done

    def reset(self) -> None:
        self.path.unlink(missing_ok=True)


def run(
    records: Iterable[Record],
    process: Processor,
    out: IO[str],
    errors: IO[str],
    done: set[str] | None = None,
    checkpoint: IO[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> Summary:
    summary = Summary()
    done = done or set()

    def usable() -> Iterator[Record]:
        for record in records:
            summary.read += 1
            if record.id in done:
                summary.skipped += 1
            elif record.error is not None:
                _fail(record.id, record.error)
            else:
                yield record

    def _fail(record_id: str, reason: str) -> None:
        summary.failed += 1
        errors.write(json.dumps({"id": record_id, "error": reason}, ensure_ascii=False) + "\n")
        errors.flush()
        _mark_done(record_id)

    def _mark_done(record_id: str) -> None:
        if checkpoint is not None:
            checkpoint.write(json.dumps(record_id) + "\n")
            checkpoint.flush()
        if progress is not None:
            progress(1)

    for record, quotes, error in process(usable()):
        if error is not None:
            _fail(record.id, error)
            continue
        for quote in quotes:
            out.write(json.dumps({"id": record.id, **quote}, ensure_ascii=False) + "\n")
        out.flush()
        summary.processed += 1
        summary.quotes += len(quotes)
        _mark_done(record.id)
    return summary
