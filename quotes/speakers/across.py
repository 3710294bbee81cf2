"""Names across the pieces of a long text.

A text over the piece size is parsed in pieces, and each piece's resolver sees only its own
names: "Patel" in the third piece stays "Patel" when "Vedant Patel" is named in the first. Once
every piece is read, a one-word person name takes the one full name of the text that begins or
ends with it: a full name some quote was given, or failing that, a run of capitalised words in
the text that starts with a known first name ("Secretary of State Antony Blinken" -> "Antony
Blinken"; "Capitol Hill" and "Later Patel" are not names). With two candidates ("Sarah Keller",
"Tom Keller") it stays as it is.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from ..resources.lists import load_lists

# Two to five capitalised words in a row; a full stop only after an initial ("John F. Kennedy").
_WORD = r"(?:[A-Z]\.|[A-Z][\w'’-]*)"
_RUN = re.compile(rf"\b{_WORD}(?:[ \t]+{_WORD}){{1,4}}")
_KEEP = 2  # names kept per word: two already make it ambiguous, so memory stays bounded


def _words(name: str) -> list[str]:
    return name.casefold().split()


class NameBook:
    """The full names of one text, gathered piece by piece."""

    def __init__(self) -> None:
        self.quoted: dict[str, set[str]] = defaultdict(set)  # full names quotes were given
        self.written: dict[str, set[str]] = defaultdict(set)  # names written in the text
        self.first_names = load_lists().first_names

    def add_text(self, text: str) -> None:
        for match in _RUN.finditer(text):
            words = match.group().split()
            while words and words[0].casefold() not in self.first_names:
                words = words[1:]  # "Secretary of State Antony Blinken": the name starts at Antony
            if len(words) > 1:
                names = self.written[words[-1].casefold()]
                if len(names) < _KEEP:
                    names.add(" ".join(words))

    def add_records(self, records: Iterable[dict[str, Any]]) -> None:
        for record in records:
            name = record.get("speaker_name")
            if record.get("source_type") == "person" and isinstance(name, str):
                words = _words(name)
                if len(words) > 1:
                    self.quoted[words[0]].add(name)
                    self.quoted[words[-1]].add(name)

    def full_name(self, word: str) -> str | None:
        """The one full name ``word`` can mean, or None."""
        key = word.casefold()
        for book in (self.quoted, self.written):
            targets = book.get(key)
            if targets:
                return next(iter(targets)) if len(targets) == 1 else None
        return None

    def join(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """``records`` (quote dicts of the whole text, as ``Quote.to_dict`` writes them) with each
        one-word person name replaced by the full name it can only mean."""
        self.add_records(records)
        joined = []
        for record in records:
            name = record.get("speaker_name")
            if record.get("source_type") == "person" and isinstance(name, str) and len(_words(name)) == 1:
                full = self.full_name(name)
                if full is not None:
                    record = {**record, "speaker_name": full}
            joined.append(record)
        return joined
