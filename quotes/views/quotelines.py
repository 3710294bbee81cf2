"""Reading the output of ``quotes extract`` back: one ``QuoteLine`` per well-formed line.

The corpus commands (``quotes speakers``, ``quotes report``) add these lines up, so they keep
only what counting needs. A malformed line (not UTF-8, not JSON, no id, an unknown kind) is
skipped and counted with its place and reason, never fatal and never lost without a word.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import QuotesError
from ..types import GENDER_EVIDENCE, GENDERS, KINDS, SOURCE_TYPES

MISSING = object()  # a field the line does not carry


class CorpusInputError(QuotesError):
    """An input or output path that cannot be used: reported in one line, exit status 2."""


@dataclass(frozen=True)
class QuoteLine:
    """One quote as the corpus commands see it."""

    id: str
    kind: str
    source_type: str
    name: str | None  # speaker_name, or the speaker mention when there is no canonical name
    role: str | None
    fields: dict[str, Any] = field(default_factory=dict)  # the carried fields asked for
    gender: str | None = None  # speaker_gender: female | male | unknown for a person, else None
    gender_evidence: str | None = None


@dataclass
class ReadStats:
    """How many lines were read and which were skipped, with the first few reasons."""

    lines: int = 0
    skipped: int = 0
    examples: list[str] = field(default_factory=list)

    def skip(self, where: str, reason: str) -> None:
        self.skipped += 1
        if len(self.examples) < 3:
            self.examples.append(f"{where}: {reason}")

    @property
    def nothing_read(self) -> bool:
        """Lines were there but every one was skipped: the command had nothing to count."""
        return self.skipped > 0 and self.skipped == self.lines

    def note(self) -> str | None:
        """One line for stderr (and the report page), or None when nothing was skipped."""
        if not self.skipped:
            return None
        plural = "s" if self.skipped != 1 else ""
        return f"skipped {self.skipped} malformed line{plural} (" + "; ".join(self.examples) + (
            "; ..." if self.skipped > len(self.examples) else "") + ")"


def check_inputs(paths: Iterable[str]) -> list[str]:
    """Fail early, in one line, on a path that is not a readable file."""
    paths = list(paths)
    for name in paths:
        if name == "-":
            continue
        path = Path(name)
        if not path.exists():
            raise CorpusInputError(f"{name}: no such file")
        if not path.is_file():
            raise CorpusInputError(f"{name}: not a file (give the JSONL written by 'quotes extract')")
    return paths


def record_id(value: Any) -> str:
    """Ids as ``quotes extract`` writes them: text as is, anything else as JSON."""
    return value if isinstance(value, str) else json.dumps(value)


def _text_of(span: Any) -> str | None:
    if isinstance(span, dict) and isinstance(span.get("text"), str) and span["text"].strip():
        return span["text"]
    return None


def parse_line(data: Any, keys: tuple[str, ...] = ()) -> QuoteLine:
    """A ``QuoteLine`` from one decoded JSON value; ValueError says why it is not one."""
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    if "id" not in data:
        raise ValueError("no 'id'")
    kind = data.get("kind")
    if kind not in KINDS:
        raise ValueError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    source_type = data.get("source_type", "none")
    if source_type not in SOURCE_TYPES:
        raise ValueError(f"source_type {source_type!r} is not one of {', '.join(SOURCE_TYPES)}")
    for key in ("speaker", "speaker_role"):
        if data.get(key) is not None and not isinstance(data[key], dict):
            raise ValueError(f"{key!r} is neither a span nor null")
    name = data.get("speaker_name")
    if name is not None and not isinstance(name, str):
        raise ValueError("'speaker_name' is neither text nor null")
    name = name if name and name.strip() else _text_of(data.get("speaker"))
    for key, allowed in (("speaker_gender", GENDERS), ("gender_evidence", GENDER_EVIDENCE)):
        if data.get(key) is not None and data[key] not in allowed:
            raise ValueError(f"{key} {data[key]!r} is not one of {', '.join(allowed)}")
    fields = {key: data[key] for key in keys if key in data}
    return QuoteLine(record_id(data["id"]), kind, source_type, name, _text_of(data.get("speaker_role")), fields,
                     data.get("speaker_gender"), data.get("gender_evidence"))


def _lines(name: str, stdin: IO[bytes] | None) -> Iterator[bytes]:
    if name == "-":
        yield from (stdin or sys.stdin.buffer)
        return
    try:
        with open(name, "rb") as stream:
            yield from stream
    except OSError as error:
        raise CorpusInputError(f"{name}: cannot read: {error.strerror or error}") from None


def read_quote_lines(
    paths: Iterable[str], stats: ReadStats, keys: tuple[str, ...] = (), stdin: IO[bytes] | None = None
) -> Iterator[QuoteLine]:
    """Quote lines from JSONL files (``-``: standard input), skipping and counting bad lines."""
    for name in check_inputs(paths):
        source = "<stdin>" if name == "-" else name
        for number, raw in enumerate(_lines(name, stdin), 1):
            if not raw.strip():
                continue
            stats.lines += 1
            where = f"{source}:{number}"
            try:
                data = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                stats.skip(where, "not UTF-8")
                continue
            except json.JSONDecodeError as error:
                stats.skip(where, f"not JSON ({error.msg})")
                continue
            except RecursionError:
                stats.skip(where, "JSON nested too deeply")
                continue
            try:
                yield parse_line(data, keys)
            except ValueError as error:
                stats.skip(where, str(error))
