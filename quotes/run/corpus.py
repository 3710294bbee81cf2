"""Reading corpora record by record: plain-text files, folders, JSONL and standard input.

Every input record comes out as exactly one ``Record``: either with text, or with the reason it
cannot be processed. Nothing is dropped on the way in, so a run can account for every record, and
anything a record carries onto an output line (id, text, kept fields) is valid UTF-8, so one bad
record cannot break the writing of the others.
"""
from __future__ import annotations

import itertools
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm"}  # read as text: the pipeline finds the HTML in it
READ_SUFFIXES = JSONL_SUFFIXES | TEXT_SUFFIXES | HTML_SUFFIXES
# Suffixes that say the format; any other file is sniffed as standard input is.
KNOWN_SUFFIXES = READ_SUFFIXES - {""}
STDIN = "<stdin>"
BOM = b"\xef\xbb\xbf"
# Non-blank lines of a stream read to decide whether it is JSONL, when the first is no object.
SNIFF_LINES = 8


@dataclass(frozen=True)
class Record:
    id: str
    text: str | None
    error: str | None = None
    # Input fields named with --keep, carried onto every output line of the record.
    kept: dict[str, Any] = field(default_factory=dict)
    # True when a whole input (file, folder) could not be read, not just one record of it.
    unreadable: bool = False
    # Bytes of input the record was read from: what a progress bar counts.
    size: int = field(default=0, compare=False)


def unicode_problem(text: str) -> str | None:
    """Why ``text`` cannot be written as UTF-8 (a lone surrogate from a JSON escape), or None."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return f"lone surrogate U+{ord(text[error.start]):04X} at character {error.start}: not valid Unicode"
    return None


def printable_path(path: str) -> str:
    """A path as valid text: bytes that are not UTF-8 in a file name are shown escaped."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _is_jsonl(path: Path, input_format: str) -> bool:
    if input_format != "auto":
        return input_format == "jsonl"
    return path.suffix.lower() in JSONL_SUFFIXES


def _json_record(data: Any, fallback_id: str, text_key: str, id_key: str, keep: Sequence[str]) -> Record:
    if not isinstance(data, dict):
        return Record(fallback_id, None, "a JSONL record must be an object")
    record_id = data.get(id_key)
    if record_id is None:  # absent or null: the documented FILE:LINE
        record_id = fallback_id
    record_id = record_id if isinstance(record_id, str) else json.dumps(record_id)
    if unicode_problem(record_id):
        return Record(fallback_id, None, f"{id_key!r}: {unicode_problem(record_id)}")
    kept = {key: data.get(key) for key in keep}
    for key, value in kept.items():
        problem = unicode_problem(json.dumps(value, ensure_ascii=False))
        if problem:
            return Record(record_id, None, f"{key!r}: {problem}")
    text = data.get(text_key)
    if text_key not in data:
        return Record(record_id, None, f"missing key {text_key!r}", kept)
    if not isinstance(text, str):
        return Record(record_id, None, f"{text_key!r} is {type(text).__name__}, not text", kept)
    problem = unicode_problem(text)
    if problem:
        return Record(record_id, None, f"{text_key!r}: {problem}", kept)
    return Record(record_id, text, None, kept)


def _json_problem(error: json.JSONDecodeError, line: str, number: int) -> str:
    """Where a line is not JSON, by the input's own line number: the decoder counts the line's
    end as a second line ("line 2 column 1") when a record stops short."""
    where = "at the end of the line" if error.pos >= len(line.rstrip()) else f"at column {error.pos + 1}"
    message = error.msg.removesuffix(" at")  # "Unterminated string starting at"
    return f"invalid JSON on line {number}: {message} {where}"


def _json_line(raw: bytes, number: int, fallback_id: str, text_key: str, id_key: str, keep: Sequence[str]) -> Record:
    missing = dict.fromkeys(keep)
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return Record(fallback_id, None, f"not UTF-8: {error}", missing)
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        return Record(fallback_id, None, _json_problem(error, line, number), missing)
    except RecursionError:
        return Record(fallback_id, None, "invalid JSON: nested too deeply to read", missing)
    return _json_record(data, fallback_id, text_key, id_key, keep)


def jsonl_records(
    lines: Iterable[bytes], source: str, text_key: str, id_key: str, keep: Sequence[str] = ()
) -> Iterator[Record]:
    """One record per non-blank line; a record without an id (or with a null one) gets
    ``SOURCE:LINE``. A byte order mark before the first line is skipped. A record's ``size``
    counts its line and the blank lines before it."""
    pending = 0
    for number, raw in enumerate(lines, 1):
        pending += len(raw)
        if number == 1 and raw.startswith(BOM):
            raw = raw[len(BOM):]
        if not raw.strip():
            continue
        record = _json_line(raw, number, f"{source}:{number}", text_key, id_key, keep)
        yield replace(record, size=pending)
        pending = 0


def text_record(data: bytes, record_id: str, keep: Sequence[str] = ()) -> Record:
    missing = dict.fromkeys(keep)
    try:
        return Record(record_id, data.decode("utf-8"), None, missing, size=len(data))
    except UnicodeDecodeError as error:
        return Record(record_id, None, f"not UTF-8: {error}", missing, size=len(data))


def _json_kind(line: bytes) -> str:
    """'object' for a line holding a JSON object, 'json' for another JSON value or a line that
    starts as JSON does ('{', '['), else 'text'."""
    try:
        value = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return "json" if line.lstrip()[:1] in (b"{", b"[") else "text"
    return "object" if isinstance(value, dict) else "json"


def sniff(stream: IO[bytes], name: str) -> tuple[str, list[bytes], str | None]:
    """The format of a stream whose name says nothing ('jsonl' or 'text'), the lines read to
    decide (to be put back in front of the rest: no byte is lost), and a note for stderr when
    the choice was not plain.

    JSONL when its first non-blank line is a JSON object, or failing that, one of its first
    ``SNIFF_LINES`` non-blank lines is (a broken first record does not make a feed one text);
    else one text, with a note if some line looked like JSON."""
    peeked: list[bytes] = []
    kinds: list[str] = []
    for line in stream:
        peeked.append(line)
        if len(peeked) == 1 and line.startswith(BOM):
            line = line[len(BOM):]
        if not line.strip():
            continue
        kinds.append(_json_kind(line))
        if kinds[-1] == "object" or len(kinds) >= SNIFF_LINES:
            break
    if kinds and kinds[0] == "object":
        return "jsonl", peeked, None
    if "object" in kinds:
        return "jsonl", peeked, (
            f"quotes: {name}: read as JSONL (a JSON object follows); "
            f"the {kinds.index('object')} line(s) before it become error lines"
        )
    if "json" in kinds:
        return "text", peeked, (
            f"quotes: {name}: read as one text: it looks like JSON, but none of its first "
            f"{len(kinds)} non-blank lines is a JSON object (--format jsonl reads it as JSONL)"
        )
    return "text", peeked, None


def stream_records(
    stream: IO[bytes],
    input_format: str,
    text_key: str,
    id_key: str,
    keep: Sequence[str] = (),
    source: str = STDIN,
    warn: Callable[[str], None] | None = None,
) -> Iterator[Record]:
    """Standard input, a pipe or a device, named ``source``; with ``auto``, JSONL or one text
    as ``sniff`` decides."""
    peeked: list[bytes] = []
    if input_format == "auto":
        input_format, peeked, note = sniff(stream, source)
        if note is not None:
            (warn or _stderr)(note)
    if input_format == "jsonl":
        yield from jsonl_records(itertools.chain(peeked, stream), source, text_key, id_key, keep)
    else:
        yield text_record(b"".join(peeked) + stream.read(), source, keep)


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


@dataclass
class Listing:
    """What a folder holds: the files to read (sorted), the subfolders that could not be listed
    (``rglob`` would pass over those without a word) and what was left out, by kind."""

    files: list[Path] = field(default_factory=list)
    failed: list[OSError] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)

    def note(self, name: str) -> str | None:
        """One line for stderr on what was left out, or None."""
        if not self.skipped:
            return None
        parts = ", ".join(_counted(count, kind) for kind, count in sorted(self.skipped.items()))
        return f"quotes: {name}: not read: {parts} ({READ_NOTE})"


READ_NOTE = "read are " + ", ".join(sorted(READ_SUFFIXES - {""})) + " and files without an extension"


def _counted(count: int, kind: str) -> str:
    if kind.startswith("."):
        return f"{count} {kind} file{'s' if count != 1 else ''}"
    one, many = {"hidden": ("hidden file", "hidden files"), "hidden folder": ("hidden folder", "hidden folders"),
                 "special": ("file that is not a regular file", "files that are not regular files"),
                 "broken": ("broken link", "broken links")}[kind]
    return f"{count} {one if count == 1 else many}"


def _skip_reason(path: Path) -> str | None:
    """What kind of file, found in a folder, is not read; None to read it."""
    if path.name.startswith("."):
        return "hidden"
    suffix = path.suffix.lower()
    if suffix not in READ_SUFFIXES:
        return suffix
    if not path.is_file():
        return "special" if path.exists() else "broken"
    return None


def _files(folder: Path) -> Listing:
    """The input files below ``folder``, walked in sorted order. Symbolic links to folders are
    followed; a folder reached twice (a link loop, or two links to one folder) is read once,
    where the walk meets it first. Hidden folders are not entered."""
    listing = Listing()
    seen: set[tuple[int, int]] = set()
    for root, folders, names in os.walk(folder, onerror=listing.failed.append, followlinks=True):
        try:
            status = os.stat(root)
        except OSError as error:
            listing.failed.append(error)
            folders[:] = []
            continue
        if (status.st_dev, status.st_ino) in seen:
            folders[:] = []
            continue
        seen.add((status.st_dev, status.st_ino))
        listing.skipped["hidden folder"] += sum(name.startswith(".") for name in folders)
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in names:
            path = Path(root) / name
            reason = _skip_reason(path)
            if reason is None:
                listing.files.append(path)
            else:
                listing.skipped[reason] += 1
    listing.skipped = +listing.skipped  # drop the zero counts
    listing.files.sort()
    listing.failed.sort(key=lambda error: str(error.filename))
    return listing


def _inside(name: str, folder: Path, found: str | bytes | None) -> str:
    """The id of a folder below ``folder`` (given as ``name``), as file ids are made."""
    if found is None:
        return name  # an error that names no folder: the input as given
    try:
        inside = Path(os.fsdecode(found)).relative_to(folder)
    except ValueError:
        return name  # a folder outside the input: the input as given
    return os.path.join(name, inside.as_posix()) if inside.parts else name


def input_size(inputs: Iterable[str]) -> int | None:
    """Bytes of input the records will be read from, when known beforehand: every input a
    regular file or a folder (whose files are listed, as ``read_records`` will); else None."""
    total = 0
    for name in inputs:
        path = Path(name)
        try:
            if name == "-":
                return None
            if path.is_dir():
                total += sum(file.stat().st_size for file in _files(path).files)
            elif path.is_file():
                total += path.stat().st_size
            else:
                return None
        except OSError:
            return None
    return total


def _file_records(
    path: Path, record_id: str, input_format: str, text_key: str, id_key: str, keep: Sequence[str],
    warn: Callable[[str], None] | None,
) -> Iterator[Record]:
    """The records of one file, read as a stream (pipes, ``<(command)``, ``/dev/stdin`` and
    devices too). With ``auto``, .jsonl and .ndjson are JSONL, .txt, .text, .html and .htm one
    text each, and anything else is sniffed as standard input is."""
    with path.open("rb") as stream:
        if input_format == "auto" and path.suffix.lower() not in KNOWN_SUFFIXES:
            yield from stream_records(stream, "auto", text_key, id_key, keep, record_id, warn)
        elif _is_jsonl(path, input_format):
            yield from jsonl_records(stream, record_id, text_key, id_key, keep)
        else:
            yield text_record(stream.read(), record_id, keep)


def _missing(path: Path) -> str:
    """Why a path that does not exist cannot be read: missing, or a loop of symbolic links."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return "no such file or folder"
    except OSError as error:
        return f"cannot read: {error.strerror or error}"
    return "no such file or folder"


def read_records(
    inputs: Iterable[str],
    text_key: str = "text",
    id_key: str = "id",
    input_format: str = "auto",
    stdin: IO[bytes] | None = None,
    keep: Sequence[str] = (),
    warn: Callable[[str], None] | None = None,
) -> Iterator[Record]:
    """Records from files, folders and ``-`` (standard input).

    A folder is read recursively (``READ_SUFFIXES``; symbolic links followed, hidden files
    and folders left out, with a note on what was skipped); a folder with nothing to read is an
    input that cannot be read. Any other path that is not a folder is read, pipes and devices
    too. The id of a file is its path as given, or for a file found in a folder, the folder as
    given joined with the path inside it (``d1/a.txt``), so ids stay apart across inputs.
    ``warn`` takes the notes for stderr (how a stream was read, what a folder skipped)."""
    missing = dict.fromkeys(keep)
    warn = warn or _stderr
    for name in inputs:
        if name == "-":
            if stdin is None and sys.stdin is None:
                yield Record(STDIN, None, "standard input is closed", missing, unreadable=True)
                continue
            try:
                yield from stream_records(stdin or sys.stdin.buffer, input_format, text_key, id_key, keep, STDIN, warn)
            except OSError as error:
                yield Record(STDIN, None, f"cannot read: {error.strerror or error}", missing, unreadable=True)
            continue
        path = Path(name)
        listing = Listing()
        try:
            if path.is_dir():
                listing = _files(path)
                paths = [(p, os.path.join(name, p.relative_to(path).as_posix())) for p in listing.files]
                note = listing.note(printable_path(name))
                if note:
                    warn(note)
                if not paths and not listing.failed:
                    yield Record(printable_path(name), None, f"nothing to read in this folder ({READ_NOTE})",
                                 missing, unreadable=True)
                    continue
            elif path.exists():
                paths = [(path, name)]
            else:
                yield Record(printable_path(name), None, _missing(path), missing, unreadable=True)
                continue
        except OSError as error:
            yield Record(printable_path(name), None, f"cannot read: {error.strerror or error}", missing, True)
            continue
        for file, record_id in paths:
            record_id = printable_path(record_id)
            try:
                yield from _file_records(file, record_id, input_format, text_key, id_key, keep, warn)
            except OSError as error:
                yield Record(record_id, None, f"cannot read: {error.strerror or error}", missing, unreadable=True)
        for failure in listing.failed:
            folder_id = printable_path(_inside(name, path, failure.filename))
            yield Record(folder_id, None, f"cannot read folder: {failure.strerror or failure}", missing, unreadable=True)
