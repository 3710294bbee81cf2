"""One speaker across a corpus: ``quotes speakers OUT.jsonl``.

The extractor names each source as one article does ("Vedant Patel", or just "Patel" in an
article that never gives the first name). Across articles the same person must count once, but
two people who share a surname must not be merged. The rule, for person sources:

* names are compared without honorifics ("Mr.", "President"), case or spacing;
* a bare one-word name joins a full name of which it is the first or last word ("Patel" ->
  "Vedant Patel", "Xi" -> "Xi Jinping") only when exactly one such full name exists in the same
  record, or else in the whole corpus; an ambiguous bare name ("Keller" beside "Sarah Keller"
  and "Tom Keller") stays its own entry;
* "A and B" counts the quote once for each person (their role is not guessed).

Organisations, anonymous sources and documents group by their normalised name within their type.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from tabulate import tabulate

from ..resources.words import WORDS
from ..text.normalise import normalise_name
from .quotelines import CorpusInputError, QuoteLine, ReadStats, read_quote_lines

COLUMNS = ("name", "type", "roles", "quotes", "documents")
ROLE_SEPARATOR = "; "

_LIST_MARK = re.compile(r"\s(?:and|&)\s", re.IGNORECASE)
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"[’']s?$")
_EDGE = " \"'“”‘’,;:()[]"


@lru_cache(maxsize=1)
def honorifics() -> frozenset[str]:
    """The words the resolver strips from names (the lexicon's list, so both agree)."""
    from ..resources.lexicon import load_lexicon

    return frozenset(load_lexicon().honorifics)


@lru_cache(maxsize=1 << 16)  # a corpus repeats its names: clean each once
def clean_person(text: str) -> str:
    """A person's name as a display form: single spaces, no honorific, no possessive."""
    words = _POSSESSIVE.sub("", normalise_name(text)).strip(_EDGE).split()
    while len(words) > 1 and words[0].lower().rstrip(".") in honorifics():
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=1 << 16)
def clean_other(text: str) -> tuple[str, str]:
    """(display form, grouping key) of a non-person source: "The report" ~ "the report"."""
    display = _POSSESSIVE.sub("", normalise_name(text)).strip(_EDGE)
    words = display.casefold().split()
    while len(words) > 1 and words[0] in WORDS.articles:
        words = words[1:]
    return display, " ".join(words)


@lru_cache(maxsize=1 << 16)
def split_names(text: str) -> tuple[str, ...]:
    """The people in "Vedant Patel and Mr. Xi" / "A, B and C", each cleaned; one name stays one.

    Parts without a capital letter ("his deputy") are descriptions, not names, and are dropped
    when at least one part is a name."""
    if not _LIST_MARK.search(text):
        name = clean_person(text)
        return (name,) if name else ()
    parts = [clean_person(part) for part in _LIST_SPLIT.split(text)]
    parts = [part for part in parts if part]
    named = [part for part in parts if any(ch.isupper() for ch in part)]
    return tuple(named or parts)


@lru_cache(maxsize=1 << 16)
def _clean_role(text: str) -> str:
    return normalise_name(text)


@dataclass(frozen=True)
class Speaker:
    """One row of the speakers table."""

    name: str
    type: str
    roles: tuple[str, ...]
    quotes: int
    documents: int
    names: tuple[str, ...] = ()  # every form merged into this speaker, most frequent first

    def row(self) -> list[object]:
        return [self.name, self.type, ROLE_SEPARATOR.join(self.roles), self.quotes, self.documents]


def _ranked(counts: Counter[str], capitalised: bool = True) -> list[str]:
    """Most frequent first; among equals, a capitalised form (for names; else the lower-case
    one: "Officials said" is capitalised only by its place in the sentence), then alphabetical."""
    return sorted(counts, key=lambda form: (-counts[form], (form == form.lower()) == capitalised, form))


@dataclass
class _Tally:
    type: str
    forms: Counter[str] = field(default_factory=Counter)
    full_forms: Counter[str] = field(default_factory=Counter)
    roles: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    quotes: int = 0
    documents: set[str] = field(default_factory=set)

    def add(self, form: str, record: str, role: str | None, full: bool = False) -> None:
        self.forms[form] += 1
        if full:
            self.full_forms[form] += 1
        if role:
            role = _clean_role(role)
            self.roles[role.casefold()][role] += 1
        self.documents.add(record)

    def speaker(self) -> Speaker:
        names = _ranked(self.forms, capitalised=self.type == "person")
        name = _ranked(self.full_forms)[0] if self.full_forms else names[0]
        roles = sorted(self.roles.values(), key=lambda forms: (-sum(forms.values()), _ranked(forms)[0].casefold()))
        return Speaker(name, self.type, tuple(_ranked(forms)[0] for forms in roles), self.quotes,
                       len(self.documents), tuple(names))


@dataclass(frozen=True)
class _Mention:
    line: int
    record: str
    key: str
    form: str
    role: str | None


def _person_targets(mentions: list[_Mention]) -> list[str]:
    """The entity key of each person mention: its own name, or the one full name a bare name
    can only mean (in its record first, then in the corpus)."""
    corpus: dict[str, set[str]] = defaultdict(set)
    record: dict[tuple[str, str], set[str]] = defaultdict(set)
    for mention in mentions:
        words = mention.key.split()
        if len(words) > 1:
            for part in {words[0], words[-1]}:
                corpus[part].add(mention.key)
                record[mention.record, part].add(mention.key)
    targets = []
    for mention in mentions:
        target = mention.key
        if " " not in mention.key:
            here = record.get((mention.record, mention.key), set())
            if len(here) == 1:
                target = next(iter(here))
            elif not here and len(corpus.get(mention.key, ())) == 1:
                target = next(iter(corpus[mention.key]))
        targets.append(target)
    return targets


def merge_speakers(lines: Iterable[QuoteLine]) -> list[Speaker]:
    """Speakers of a corpus, most quoted first (then by name); quotes without a source are left out."""
    tallies: dict[tuple[str, str], _Tally] = {}
    persons: list[_Mention] = []
    for number, line in enumerate(lines):
        if not line.name:
            continue
        if line.source_type == "person":
            names = split_names(line.name)
            role = line.role if len(names) == 1 else None
            persons += [_Mention(number, line.id, name.casefold(), name, role) for name in names]
            continue
        display, key = clean_other(line.name)
        if not key:
            continue
        tally = tallies.setdefault((line.source_type, key), _Tally(line.source_type))
        tally.add(display, line.id, line.role)
        tally.quotes += 1
    counted: set[tuple[int, str]] = set()
    for mention, target in zip(persons, _person_targets(persons)):
        tally = tallies.setdefault(("person", target), _Tally("person"))
        tally.add(mention.form, mention.record, mention.role, full=" " in mention.key)
        if (mention.line, target) not in counted:  # "Patel and Mr. Patel": one quote, not two
            counted.add((mention.line, target))
            tally.quotes += 1
    speakers = [tally.speaker() for tally in tallies.values()]
    return sorted(speakers, key=lambda s: (-s.quotes, s.name.casefold(), s.name, s.type))


def write_csv(path: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """A CSV file, or a one-line error if it cannot be written."""
    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
    except OSError as error:
        raise CorpusInputError(f"cannot write {path}: {error.strerror or error}") from None


def positive(text: str) -> int:
    """argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def add_command(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "speakers", help="who is quoted across a corpus: one row per speaker",
        description="Merge the speakers of 'quotes extract' output across records and count their quotes.",
    )
    parser.add_argument("inputs", nargs="+", metavar="OUT.jsonl", help="output of 'quotes extract' (- for stdin)")
    parser.add_argument("--csv", metavar="FILE", help="also write every speaker to this CSV file")
    parser.add_argument("--top", type=positive, metavar="N", help="print only the N most-quoted speakers")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    stats = ReadStats()
    try:
        lines = list(read_quote_lines(args.inputs, stats))
        speakers = merge_speakers(lines)
        if args.csv:
            write_csv(args.csv, COLUMNS, (s.row() for s in speakers))
    except CorpusInputError as error:
        print(f"quotes: error: {error}", file=sys.stderr)
        return 2
    shown = speakers[: args.top] if args.top else speakers
    print(tabulate([s.row() for s in shown], headers=list(COLUMNS), tablefmt="github"))
    documents = len({line.id for line in lines})
    unsourced = sum(1 for line in lines if not line.name)
    summary = (f"quotes speakers: {len(speakers)} speakers, {len(lines)} quotes in {documents} documents"
               f" ({unsourced} without a source)")
    if args.top and len(speakers) > args.top:
        summary += f"; showing the top {args.top}"
    print(summary, file=sys.stderr)
    if stats.note():
        print(f"quotes speakers: {stats.note()}", file=sys.stderr)
    return 1 if stats.nothing_read else 0  # exit 1: no line could be read
