"""Reading corpora record by record: plain-text files, folders and JSONL.

Every input record comes out as exactly one ``Record``: either with text, or with the reason it
cannot be processed. Nothing is dropped on the way in, so a run can account for every record.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TEXT_SUFFIXES = {".txt", ".text", ""}


@dataclass(frozen=True)
class Record:
    id: str
    text: str | None
    error: str | None = None


def _is_jsonl(path: Path, input_format: str) -> bool:
    if input_format != "auto":
        return input_format == "jsonl"
    return path.suffix.lower() in JSONL_SUFFIXES


def jsonl_records(lines: Iterable[bytes], source: str, text_key: str, id_key: str) -> Iterator[Record]:
    for number, raw in enumerate(lines, 1):
        fallback_id = f"{source}:{number}"
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            yield Record(fallback_id, None, f"not UTF-8: {error}")
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            yield Record(fallback_id, None, f"invalid JSON: {error}")
            continue
        if not isinstance(data, dict):
            yield Record(fallback_id, None, "a JSONL record must be an object")
            continue
        record_id = data.get(id_key, fallback_id)
        record_id = record_id if isinstance(record_id, str) else json.dumps(record_id)
        if text_key not in data:
            yield Record(record_id, None, f"missing key {text_key!r}")
        elif not isinstance(data[text_key], str):
            yield Record(record_id, None, f"{text_key!r} is {type(data[text_key]).__name__}, not text")
        else:
            yield Record(record_id, data[text_key])


def text_record(data: bytes, record_id: str) -> Record:
    try:
        return Record(record_id, data.decode("utf-8"))
    except UnicodeDecodeError as error:
        return Record(record_id, None, f"not UTF-8: {error}")


def _files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith(".")
        and (p.suffix.lower() in JSONL_SUFFIXES or p.suffix.lower() in TEXT_SUFFIXES)
    )


def read_records(
    inputs: Iterable[str],
    text_key: str = "text",
    id_key: str = "id",
    input_format: str = "auto",
    stdin: IO[bytes] | None = None,
) -> Iterator[Record]:
    """Records from files, folders (recursively: *.txt, *.jsonl) and ``-`` (standard input)."""
    for name in inputs:
        if name == "-":
            stream = stdin or sys.stdin.buffer
            if input_format == "jsonl":
                yield from jsonl_records(stream, "<stdin>", text_key, id_key)
            else:
                yield text_record(stream.read(), "<stdin>")
            continue
        path = Path(name)
        if path.is_dir():
            paths = [(p, str(p.relative_to(path))) for p in _files(path)]
        elif path.is_file():
            paths = [(path, str(path))]
        else:
            yield Record(str(path), None, "no such file or folder")
            continue
        for file, record_id in paths:
            try:
                if _is_jsonl(file, input_format):
                    with file.open("rb") as stream:
                        yield from jsonl_records(stream, record_id, text_key, id_key)
                else:
                    yield text_record(file.read_bytes(), record_id)
            except OSError as error:
                yield Record(record_id, None, f"cannot read: {error.strerror or error}")
