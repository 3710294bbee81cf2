"""The checkpoint beside an output file (``OUT.done``), and what ``--resume`` does with it.

Records are written in input order, and a record is marked done only after its lines are
flushed. A mark holds the record's position in the input stream, a fingerprint of the record
(so a changed input is noticed instead of resumed into) and the sizes of the output and errors
files right after it. Resuming truncates both files to the sizes of the last mark, which drops
a half-written record, and skips the marked records: duplicate ids or equal file names in two
folders cannot make a record count as done that never was.

The first line of the file is a header with the settings that shape the output; a resume with
other settings is refused rather than mixing two kinds of lines in one file.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import QuotesError
from .corpus import Record

FORMAT = 2


class ResumeError(QuotesError):
    """The run cannot be resumed as asked (input or settings changed, files edited)."""


def fingerprint(record: Record) -> str:
    """A short hash of everything about the record that shows up in the output."""
    body = json.dumps([record.id, record.text, record.error, record.kept], ensure_ascii=False, sort_keys=True)
    return hashlib.sha1(body.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True)
class Mark:
    position: int
    fingerprint: str
    ok: bool
    out: int
    err: int

    def line(self) -> str:
        return json.dumps([self.position, self.fingerprint, int(self.ok), self.out, self.err]) + "\n"

    @classmethod
    def parse(cls, line: str) -> Mark:
        position, print_, ok, out, err = json.loads(line)
        return cls(int(position), str(print_), bool(ok), int(out), int(err))


def header_line(settings: dict[str, Any]) -> str:
    return json.dumps({"quotes_checkpoint": FORMAT, "settings": settings}, sort_keys=True) + "\n"


@dataclass
class State:
    """What an interrupted run left: the marks of the records it finished."""

    marks: list[Mark] = field(default_factory=list)  # in the order written
    done_size: int = 0  # bytes of OUT.done up to its last complete line
    quotes: int = 0  # quote lines in OUT up to the last mark

    @property
    def out_size(self) -> int:
        return self.marks[-1].out if self.marks else 0

    @property
    def err_size(self) -> int:
        return self.marks[-1].err if self.marks else 0


def done_path(output: Path) -> Path:
    return output.with_name(output.name + ".done")


def load_state(output: Path, errors: Path | None, settings: dict[str, Any]) -> State:
    """The state to resume from; an empty state when no run was started. Reads only."""
    path = done_path(output)
    if not path.exists():
        return State()
    state, size = State(), 0
    with path.open("rb") as handle:
        first = handle.readline()
        if not first.endswith(b"\n"):
            return State()  # interrupted before the header was complete: nothing was done
        try:
            header = json.loads(first)
            ok = isinstance(header, dict) and header.get("quotes_checkpoint") == FORMAT
        except ValueError:
            ok = False
        if not ok:
            raise ResumeError(f"{path} is not a checkpoint of this version of quotes; rerun without --resume")
        _check_settings(header.get("settings", {}), settings)
        size = len(first)
        for raw in handle:
            if not raw.endswith(b"\n"):
                break  # the mark being written when the run stopped
            try:
                mark = Mark.parse(raw.decode("utf-8"))
            except (ValueError, TypeError):
                raise ResumeError(f"{path} is damaged near byte {size}; rerun without --resume") from None
            state.marks.append(mark)
            size += len(raw)
    state.done_size = size
    for file, needed in ((output, state.out_size), (errors, state.err_size)):
        if file is None or not file.is_file():
            continue
        have = file.stat().st_size
        if have < needed:
            raise ResumeError(
                f"{file} holds {have} bytes but the checkpoint recorded {needed}: it was changed "
                f"after the run; rerun without --resume"
            )
        if have > needed and not _half_written(file, needed, have):
            raise ResumeError(
                f"{file} holds {have - needed} bytes after what the checkpoint recorded that the run "
                f"did not write: it was changed after the run; rerun without --resume"
            )
    state.quotes = _count_lines(output, state.out_size)
    return state


# More bytes than this after the last mark are never one half-written record.
MAX_TAIL = 64 << 20
_LINE_START = b'{"id": '


def _half_written(file: Path, start: int, end: int) -> bool:
    """Whether ``file[start:end]`` is what a run stopped mid-record leaves: lines of one record
    (JSON objects with one id, as the run writes them), the last maybe cut short. Anything else,
    such as a line appended by hand, means the file was edited."""
    if end - start > MAX_TAIL:
        return False
    with file.open("rb") as handle:
        handle.seek(start)
        tail = handle.read(end - start)
    *whole, last = tail.split(b"\n")
    ids = set()
    for line in whole:
        try:
            data = json.loads(line)
        except (ValueError, RecursionError):
            return False
        if not isinstance(data, dict) or not line.startswith(_LINE_START):
            return False
        ids.add(json.dumps(data["id"]))
    return len(ids) <= 1 and (last.startswith(_LINE_START) or _LINE_START.startswith(last))


def _count_lines(path: Path, size: int) -> int:
    """Lines in the first ``size`` bytes of ``path``."""
    count = 0
    if size and path.is_file():
        with path.open("rb") as handle:
            while size > 0:
                block = handle.read(min(size, 1 << 20))
                if not block:
                    break
                count += block.count(b"\n")
                size -= len(block)
    return count


def _check_settings(old: dict[str, Any], new: dict[str, Any]) -> None:
    changed = [key for key in sorted(set(old) | set(new)) if old.get(key) != new.get(key)]
    if changed:
        was = ", ".join(f"{key} {old.get(key)!r} (now {new.get(key)!r})" for key in changed)
        raise ResumeError(f"the run being resumed used other settings: {was}; use those, or rerun without --resume")


def truncate(path: Path, size: int) -> None:
    """Cut a file to ``size`` bytes, creating it if need be; a device or pipe is left as it is,
    and so is a file reached through /dev or /proc (``--errors /dev/stderr`` redirected to a log)."""
    if str(path.absolute()).startswith(("/dev/", "/proc/")):
        return
    if not path.exists():
        path.touch()
    elif path.is_file():
        with path.open("r+b") as handle:
            handle.truncate(size)


def drop_failed(state: State, errors: Path | None, done: Path, settings: dict[str, Any]) -> State:
    """For --retry-failed: remove the failed records' error lines and marks, so that they are
    redone like records never reached. Both files are rewritten beside and then renamed, the
    errors file first: if the run stops in between, the next resume finds the errors file
    shorter than the old checkpoint says and refuses, rather than resuming into a wrong state."""
    drop: list[tuple[int, int]] = []
    kept: list[Mark] = []
    before, removed = 0, 0
    for mark in state.marks:
        if mark.ok:
            kept.append(Mark(mark.position, mark.fingerprint, True, mark.out, mark.err - removed))
        else:
            drop.append((before, mark.err))
            removed += mark.err - before
        before = mark.err
    if errors is not None:
        _cut(errors, drop, state.err_size)
    new_done = done.with_name(done.name + ".retry")
    with new_done.open("w", encoding="utf-8") as handle:
        handle.write(header_line(settings))
        handle.writelines(m.line() for m in kept)
    os.replace(new_done, done)
    result = State(kept)
    result.done_size = done.stat().st_size
    return result



def _cut(path: Path, ranges: list[tuple[int, int]], size: int) -> None:
    """Rewrite ``path`` without the byte ``ranges`` (sorted, apart) and anything past ``size``."""
    new_path = path.with_name(path.name + ".retry")
    with path.open("rb") as old, new_path.open("wb") as new:
        position = 0
        for start, end in ranges + [(size, size)]:
            new.write(old.read(start - position))
            old.seek(end)
            position = end
    os.replace(new_path, path)
