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

One person has one gender across the corpus: the one their articles present (``speaker_gender``
of the quote lines). A person presented as a woman in one article and as a man in another is
``unknown`` (``--conflicts`` lists them with the articles); an article that says nothing
(``unknown``) does not outweigh one that does. Other sources have no gender.
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

COLUMNS = ("name", "type", "gender", "roles", "quotes", "documents")
CONFLICT_COLUMNS = ("name", "quotes", "documents", "female in", "male in")
UNKNOWN = "unknown"
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
    gender: str | None = None  # female | male | unknown for a person; None for other sources
    # (gender, record, evidence) for every article that presents the person as female or male.
    presented: tuple[tuple[str, str, str], ...] = ()

    @property
    def conflict(self) -> bool:
        """Articles disagree: one presents the person as a woman, another as a man."""
        return len({gender for gender, _, _ in self.presented}) > 1

    def row(self) -> list[object]:
        return [self.name, self.type, self.gender or "", ROLE_SEPARATOR.join(self.roles), self.quotes, self.documents]

    def conflict_row(self) -> list[object]:
        def where(gender: str) -> str:
            return ROLE_SEPARATOR.join(f"{record} ({evidence})" for g, record, evidence in self.presented if g == gender)

        return [self.name, self.quotes, self.documents, where("female"), where("male")]


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
    presented: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)  # (gender, record) -> evidence

    def add(self, form: str, record: str, role: str | None, full: bool = False) -> None:
        self.forms[form] += 1
        if full:
            self.full_forms[form] += 1
        if role:
            role = _clean_role(role)
            self.roles[role.casefold()][role] += 1
        self.documents.add(record)

    def add_gender(self, record: str, gender: str | None, evidence: str | None) -> None:
        if gender in ("female", "male"):
            self.presented.setdefault((gender, record), Counter())[evidence or UNKNOWN] += 1

    def gender(self) -> str | None:
        if self.type != "person":
            return None
        genders = {gender for gender, _ in self.presented}
        return genders.pop() if len(genders) == 1 else UNKNOWN

    def speaker(self) -> Speaker:
        names = _ranked(self.forms, capitalised=self.type == "person")
        name = _ranked(self.full_forms)[0] if self.full_forms else names[0]
        roles = sorted(self.roles.values(), key=lambda forms: (-sum(forms.values()), _ranked(forms)[0].casefold()))
        presented = tuple(sorted((gender, record, _ranked(evidence)[0])
                                 for (gender, record), evidence in self.presented.items()))
        return Speaker(name, self.type, tuple(_ranked(forms)[0] for forms in roles), self.quotes,
                       len(self.documents), tuple(names), self.gender(), presented)


@dataclass(frozen=True)
class _Mention:
    line: int
    record: str
    key: str
    form: str
    role: str | None
    gender: str | None = None  # only for a line that names this one person
    evidence: str | None = None


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
    return merge_lines(lines)[0]


def merge_lines(lines: Iterable[QuoteLine]) -> tuple[list[Speaker], list[tuple[Speaker, ...]]]:
    """``merge_speakers``, and for each line the speakers its quote counts for (none for a quote
    without a source; one per person for "A and B")."""
    tallies: dict[tuple[str, str], _Tally] = {}
    persons: list[_Mention] = []
    counts_for: list[list[tuple[str, str]]] = []
    for number, line in enumerate(lines):
        counts_for.append([])
        if not line.name:
            continue
        if line.source_type == "person":
            names = split_names(line.name)
            if len(names) == 1:
                persons.append(_Mention(number, line.id, names[0].casefold(), names[0], line.role,
                                        line.gender, line.gender_evidence))
            else:  # the line's gender, if any, is not one person's
                persons += [_Mention(number, line.id, name.casefold(), name, None) for name in names]
            continue
        display, key = clean_other(line.name)
        if not key:
            continue
        tally = tallies.setdefault((line.source_type, key), _Tally(line.source_type))
        tally.add(display, line.id, line.role)
        tally.quotes += 1
        counts_for[number].append((line.source_type, key))
    for mention, target in zip(persons, _person_targets(persons)):
        tally = tallies.setdefault(("person", target), _Tally("person"))
        tally.add(mention.form, mention.record, mention.role, full=" " in mention.key)
        tally.add_gender(mention.record, mention.gender, mention.evidence)
        if ("person", target) not in counts_for[mention.line]:  # "Patel and Mr. Patel": one quote, not two
            counts_for[mention.line].append(("person", target))
            tally.quotes += 1
    made = {key: tally.speaker() for key, tally in tallies.items()}
    speakers = sorted(made.values(), key=lambda s: (-s.quotes, s.name.casefold(), s.name, s.type))
    return speakers, [tuple(made[key] for key in keys) for keys in counts_for]


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
    parser.add_argument("--conflicts", action="store_true",
                        help="list instead the people whose articles disagree on their gender (unknown in the table)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    stats = ReadStats()
    try:
        lines = list(read_quote_lines(args.inputs, stats))
        speakers = merge_speakers(lines)
        conflicts = [s for s in speakers if s.conflict]
        listed, header = (conflicts, CONFLICT_COLUMNS) if args.conflicts else (speakers, COLUMNS)
        rows = [s.conflict_row() if args.conflicts else s.row() for s in listed]
        if args.csv:
            write_csv(args.csv, header, rows)
    except CorpusInputError as error:
        print(f"quotes: error: {error}", file=sys.stderr)
        return 2
    print(tabulate(rows[: args.top] if args.top else rows, headers=list(header), tablefmt="github"))
    documents = len({line.id for line in lines})
    unsourced = sum(1 for line in lines if not line.name)
    summary = (f"quotes speakers: {len(speakers)} speakers, {len(lines)} quotes in {documents} documents"
               f" ({unsourced} without a source)")
    if conflicts:
        summary += (f"; {len(conflicts)} {'person' if len(conflicts) == 1 else 'people'} presented as a woman in "
                    f"one article and as a man in another, gender unknown" + ("" if args.conflicts else " (--conflicts)"))
    if args.top and len(listed) > args.top:
        summary += f"; showing the top {args.top}"
    print(summary, file=sys.stderr)
    if stats.note():
        print(f"quotes speakers: {stats.note()}", file=sys.stderr)
    return 1 if stats.nothing_read else 0  # exit 1: no line could be read
