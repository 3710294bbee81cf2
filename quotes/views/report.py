"""A corpus report: ``quotes report OUT.jsonl -o report.html [--group-by KEY] [--csv DIR]``.

One static page (inline CSS and SVG; no scripts, no fetches) that adds up who is quoted: totals,
the share of each kind and source type, the share of quotes and of people by gender, the
most-quoted speakers (merged as ``quotes speakers`` merges them) and, per value of a carried
field such as outlet or date, quotes per article, the share of each source type and of each
gender. Every chart sits beside the table holding its figures, and
``--csv DIR`` writes those same tables as CSV files.

Articles are counted as the distinct record ids in the quote lines: a record with no quote
writes no line, so ``--records INPUT.jsonl`` (the extractor's input) is needed to count it.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from ..types import KINDS, SOURCE_TYPES
from .quotelines import (
    MISSING,
    CorpusInputError,
    QuoteLine,
    ReadStats,
    check_inputs,
    read_quote_lines,
    record_id,
)
from .speaker_table import COLUMNS as SPEAKER_COLUMNS
from .speaker_table import Speaker, merge_lines, positive, write_csv
from .svg import Bar, Segment, bar_chart, stacked_chart

KIND_COLOURS = {"direct": "#4c78a8", "indirect": "#f58518", "mixed": "#54a24b", "belief": "#b279a2"}
TYPE_COLOURS = {
    "person": "#4c78a8", "organisation": "#f58518", "anonymous": "#e45756", "document": "#72b7b2", "none": "#9d9d9d",
}
# How the articles present the people quoted (``quotes speakers``: one person, one gender).
GENDER_LABELS = {"female": "women", "male": "men", "unknown": "unknown"}
GENDER_COLOURS = {"female": "#d6604d", "male": "#4393c3", "unknown": "#9d9d9d"}
MISSING_GROUP = "(missing)"
OTHER_TYPES = tuple(t for t in SOURCE_TYPES if t != "anonymous")

CSS = """
body { font-family: -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; margin: 2em; color: #222; max-width: 80em; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; border-bottom: 1px solid #ddd; padding-bottom: .3em; margin-top: 2em; }
.note { color: #555; font-size: .9em; max-width: 60em; }
.pair { display: flex; flex-wrap: wrap; gap: 2em; align-items: flex-start; }
.charts { display: flex; flex-wrap: wrap; gap: 2em; margin-top: 1em; }
table { border-collapse: collapse; font-size: .9em; }
td, th { border: 1px solid #ccc; padding: 3px 8px; text-align: right; vertical-align: top; }
th { background: #f4f4f4; } td.text, th.text { text-align: left; }
svg.chart { overflow: visible; }
"""


def share(part: int, whole: int) -> str:
    """A percentage with one decimal, as every table prints it ("0.0" for an empty whole)."""
    return f"{100 * part / whole:.1f}" if whole else "0.0"


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "0.00"


def group_label(value: Any) -> str:
    """The group a carried field's value names: text as is, anything else as JSON."""
    if value is MISSING or value is None:
        return MISSING_GROUP
    if isinstance(value, str):
        return value if value.strip() else "(empty)"
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


@dataclass
class Group:
    articles: set[str] = field(default_factory=set)
    quotes: int = 0
    source_types: Counter[str] = field(default_factory=Counter)
    genders: Counter[str] = field(default_factory=Counter)  # quotes from people, by gender
    people: dict[int, str] = field(default_factory=dict)  # id of each person quoted -> gender

    def people_genders(self) -> Counter[str]:
        return Counter(self.people.values())


@dataclass
class CorpusStats:
    """Everything the report prints, added up in one pass over the quote lines."""

    quotes: int = 0
    quoted: set[str] = field(default_factory=set)  # ids of records with at least one quote
    records: set[str] | None = None  # every record id, when --records was given
    kinds: Counter[str] = field(default_factory=Counter)
    source_types: Counter[str] = field(default_factory=Counter)
    groups: dict[str, Group] = field(default_factory=dict)
    speakers: list[Speaker] = field(default_factory=list)
    genders: Counter[str] = field(default_factory=Counter)  # quotes from people, by gender

    @property
    def people_genders(self) -> Counter[str]:
        """The people quoted, by gender."""
        return Counter(s.gender or "unknown" for s in self.speakers if s.type == "person")

    @property
    def articles(self) -> int:
        return len(self.quoted | self.records) if self.records is not None else len(self.quoted)


def read_records(paths: Sequence[str], id_key: str, group_by: str | None, stats: ReadStats) -> dict[str, str]:
    """Record id -> group label of the extractor's JSONL input, with ids as the extractor gives
    them (``FILE:LINE`` for a record without one); malformed lines are counted in ``stats``."""
    groups: dict[str, str] = {}
    for name in check_inputs(paths):
        try:
            with open(name, "rb") as stream:
                for number, raw in enumerate(stream, 1):
                    if not raw.strip():
                        continue
                    stats.lines += 1
                    try:
                        data = json.loads(raw.decode("utf-8"))
                    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
                        stats.skip(f"{name}:{number}", "not a JSON line")
                        continue
                    if not isinstance(data, dict):
                        stats.skip(f"{name}:{number}", "not a JSON object")
                        continue
                    key = record_id(data.get(id_key, f"{name}:{number}"))
                    groups[key] = group_label(data.get(group_by, MISSING)) if group_by else MISSING_GROUP
        except OSError as error:
            raise CorpusInputError(f"{name}: cannot read: {error.strerror or error}") from None
    return groups


def collect(lines: Iterable[QuoteLine], group_by: str | None = None, records: dict[str, str] | None = None) -> CorpusStats:
    """Add the quote lines up; a line without the group field takes its record's (``records``)."""
    stats = CorpusStats(records=set(records) if records is not None else None)
    kept: list[QuoteLine] = []
    labels: list[str] = []
    if group_by and records:
        for key, label in records.items():
            stats.groups.setdefault(label, Group()).articles.add(key)
    for line in lines:
        kept.append(line)
        stats.quotes += 1
        stats.quoted.add(line.id)
        stats.kinds[line.kind] += 1
        stats.source_types[line.source_type] += 1
        if group_by:
            value = line.fields.get(group_by, MISSING)
            label = group_label(value) if value is not MISSING or records is None else records.get(line.id, MISSING_GROUP)
            labels.append(label)
            group = stats.groups.setdefault(label, Group())
            group.articles.add(line.id)
            group.quotes += 1
            group.source_types[line.source_type] += 1
    stats.speakers, counted_for = merge_lines(kept)
    for number, (line, speakers) in enumerate(zip(kept, counted_for)):
        if line.source_type != "person":
            continue
        gender = quote_gender(speakers)
        stats.genders[gender] += 1
        if group_by:
            group = stats.groups[labels[number]]
            group.genders[gender] += 1
            group.people.update((id(s), s.gender or "unknown") for s in speakers)
    return stats


def quote_gender(speakers: Sequence[Speaker]) -> str:
    """A quote from people has the gender its people share across the corpus (one person, one
    gender); "A and B" of two genders, or a person with none, is unknown."""
    genders = {s.gender for s in speakers}
    return (genders.pop() or "unknown") if len(genders) == 1 else "unknown"


@dataclass(frozen=True)
class Table:
    """A table as both the page and the CSV file hold it."""

    name: str  # CSV file stem and HTML id
    header: tuple[str, ...]
    rows: list[list[Any]]
    text_columns: int = 1  # leading columns that are words, not figures

    def html(self) -> str:
        def cell(tag: str, i: int, value: Any) -> str:
            css = ' class="text"' if i < self.text_columns else ""
            return f"<{tag}{css}>{escape(str(value))}</{tag}>"

        head = "".join(cell("th", i, h) for i, h in enumerate(self.header))
        body = "\n".join("<tr>" + "".join(cell("td", i, v) for i, v in enumerate(row)) + "</tr>" for row in self.rows)
        return f'<table id="table-{self.name}" class="data"><thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody></table>'


def totals_table(stats: CorpusStats) -> Table:
    rows: list[list[Any]] = []
    if stats.records is not None:
        rows += [["articles", stats.articles], ["articles with quotes", len(stats.quoted)],
                 ["articles without quotes", stats.articles - len(stats.quoted)]]
    else:
        rows.append(["articles with quotes", len(stats.quoted)])
    rows += [["quotes", stats.quotes], ["quotes per article", ratio(stats.quotes, stats.articles)]]
    return Table("totals", ("measure", "value"), rows)


def counts_table(name: str, label: str, counts: Counter[str], order: Sequence[str], total: int) -> Table:
    return Table(name, (label, "quotes", "share (%)"), [[key, counts[key], share(counts[key], total)] for key in order])


def speakers_table(speakers: Sequence[Speaker]) -> Table:
    return Table("speakers", SPEAKER_COLUMNS, [s.row() for s in speakers], text_columns=4)


def gender_table(stats: CorpusStats) -> Table:
    """Quotes from people and people quoted, by gender; unknown is a row of its own and stays
    in the denominators."""
    quotes, people = stats.genders, stats.people_genders
    total_quotes, total_people = sum(quotes.values()), sum(people.values())
    return Table("gender", ("gender", "quotes", "share of quotes (%)", "people", "share of people (%)"),
                 [[GENDER_LABELS[g], quotes[g], share(quotes[g], total_quotes), people[g], share(people[g], total_people)]
                  for g in GENDER_LABELS])


def groups_gender_table(stats: CorpusStats, key: str) -> Table:
    header = (key, "quotes from people", *(f"{GENDER_LABELS[g]} (% of quotes)" for g in GENDER_LABELS),
              "people", *(f"{GENDER_LABELS[g]} (% of people)" for g in GENDER_LABELS))
    rows = []
    for label in sorted(stats.groups, key=lambda g: (g == MISSING_GROUP, g)):
        group = stats.groups[label]
        quotes, people = sum(group.genders.values()), group.people_genders()
        rows.append([label, quotes, *(share(group.genders[g], quotes) for g in GENDER_LABELS),
                     len(group.people), *(share(people[g], len(group.people)) for g in GENDER_LABELS)])
    return Table("groups_gender", header, rows)


def groups_table(stats: CorpusStats, key: str) -> Table:
    header = (key, "articles", "quotes", "quotes per article", "anonymous share (%)", *(f"{t} (%)" for t in OTHER_TYPES))
    rows = []
    for label in sorted(stats.groups, key=lambda g: (g == MISSING_GROUP, g)):
        group = stats.groups[label]
        rows.append([label, len(group.articles), group.quotes, ratio(group.quotes, len(group.articles)),
                     share(group.source_types["anonymous"], group.quotes),
                     *(share(group.source_types[t], group.quotes) for t in OTHER_TYPES)])
    return Table("groups", header, rows)


def _articles(count: int) -> str:
    return f"{count} article" + ("" if count == 1 else "s")


def _count_bars(table: Table, colours: dict[str, str]) -> list[Bar]:
    return [Bar(key, count, f"{count} ({pct}%)", colours[key]) for key, count, pct in table.rows]


def _gender_bars(table: Table, count: int, pct: int) -> list[Bar]:
    """Bars of one gender table column pair (count, share): the bar is the share."""
    return [Bar(row[0], float(row[pct]), f"{row[count]} ({row[pct]}%)", GENDER_COLOURS[g])
            for g, row in zip(GENDER_LABELS, table.rows)]


def _gender_rows(stats: CorpusStats, people: bool) -> list[tuple[str, list[Segment]]]:
    rows = []
    for label in sorted(stats.groups, key=lambda g: (g == MISSING_GROUP, g)):
        group = stats.groups[label]
        counts = group.people_genders() if people else group.genders
        whole = sum(counts.values())
        rows.append((label, [Segment(GENDER_LABELS[g], counts[g] / whole if whole else 0.0, GENDER_COLOURS[g])
                             for g in GENDER_LABELS]))
    return rows


GENDER_NOTE = (
    "How the articles present each person quoted: the pronouns they use for them, titles (Ms., Mr.) and "
    "role words (spokeswoman, his wife), or, when an article says nothing, a first name given to one gender "
    "at least 95% of the time. Not how the people identify. One person, one gender across the corpus: "
    "someone presented as a woman in one article and as a man in another is unknown. Shares are of every "
    "quote from a named person and of every person quoted, unknown included."
)


def _section(section_id: str, title: str, table: Table, charts: Sequence[str], note: str = "") -> str:
    note_html = f'<p class="note">{escape(note)}</p>' if note else ""
    return (f'<section id="{section_id}"><h2>{escape(title)}</h2>{note_html}<div class="pair">\n{table.html()}\n'
            + "\n".join(charts) + "\n</div></section>")


def build(stats: CorpusStats, title: str, group_by: str | None, top: int, notes: Sequence[str]) -> tuple[str, list[Table]]:
    """The page and the tables it shows."""
    totals = totals_table(stats)
    kinds = counts_table("kinds", "kind", stats.kinds, KINDS, stats.quotes)
    types = counts_table("source_types", "source type", stats.source_types, SOURCE_TYPES, stats.quotes)
    speakers = speakers_table(stats.speakers[:top])
    gender = gender_table(stats)
    tables = [totals, kinds, types, gender, speakers]
    body = [
        f"<h1>{escape(title)}</h1>",
        *(f'<p class="note">{escape(note)}</p>' for note in notes),
        _section("totals", "Totals", totals, []),
        _section("kinds", "Kinds of quote", kinds, [bar_chart(_count_bars(kinds, KIND_COLOURS), "Quotes by kind", "chart-kinds")]),
        _section("source-types", "Source types", types,
                 [bar_chart(_count_bars(types, TYPE_COLOURS), "Quotes by source type", "chart-source-types")]),
        _section("gender", "Gender of the people quoted", gender,
                 [bar_chart(_gender_bars(gender, 1, 2), "Quotes from people by gender (%)", "chart-gender-quotes"),
                  bar_chart(_gender_bars(gender, 3, 4), "People quoted by gender (%)", "chart-gender-people")],
                 GENDER_NOTE),
        _section("speakers", f"Most-quoted speakers (top {len(speakers.rows)} of {len(stats.speakers)})", speakers,
                 [bar_chart([Bar(s.name, s.quotes, f"{s.quotes} ({_articles(s.documents)})", TYPE_COLOURS[s.type])
                             for s in stats.speakers[:top]], "Quotes per speaker", "chart-speakers")],
                 "Names merged across articles; a bare surname joins a full name only when that name is the "
                 "only one it can mean."),
    ]
    if group_by:
        groups = groups_table(stats, group_by)
        groups_gender = groups_gender_table(stats, group_by)
        tables += [groups, groups_gender]
        labels = [row[0] for row in groups.rows]
        charts = [
            bar_chart([Bar(row[0], float(row[3]), row[3]) for row in groups.rows],
                      "Quotes per article", "chart-groups-per-article", width=480),
            bar_chart([Bar(row[0], float(row[4]), f"{row[4]}%", TYPE_COLOURS["anonymous"]) for row in groups.rows],
                      "Anonymous-source share (%)", "chart-groups-anonymous", width=480),
            stacked_chart(
                [(label, [Segment(t, stats.groups[label].source_types[t] / stats.groups[label].quotes
                                  if stats.groups[label].quotes else 0.0, TYPE_COLOURS[t]) for t in SOURCE_TYPES])
                 for label in labels],
                [(t, TYPE_COLOURS[t]) for t in SOURCE_TYPES], "Source types by group", "chart-groups-types"),
        ]
        gender_legend = [(GENDER_LABELS[g], GENDER_COLOURS[g]) for g in GENDER_LABELS]
        gender_charts = [
            stacked_chart(_gender_rows(stats, people=False), gender_legend, "Quotes from people by gender",
                          "chart-groups-gender-quotes"),
            stacked_chart(_gender_rows(stats, people=True), gender_legend, "People quoted by gender",
                          "chart-groups-gender-people"),
        ]
        note = ("Shares are of all the group's quotes, those without a source included. "
                f"{MISSING_GROUP}: lines (and records) without the field {group_by!r}.")
        body.append(
            f'<section id="groups"><h2>By {escape(group_by)}</h2><p class="note">{escape(note)}</p>\n{groups.html()}\n<div class="charts">\n'
            + "\n".join(charts) + "\n</div>"
            + f'<h3>Gender by {escape(group_by)}</h3><p class="note">A person counts once in each group that '
            f'quotes them, with their one gender across the corpus.</p>\n{groups_gender.html()}\n<div class="charts">\n'
            + "\n".join(gender_charts) + "\n</div></section>"
        )
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head>\n<body>\n" + "\n".join(body) + "\n</body></html>\n"
    )
    return page, tables


def add_command(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report", help="a static HTML report on a corpus: kinds, source types, speakers, groups",
        description="Add up the output of 'quotes extract' into one HTML page (inline SVG charts and tables).",
    )
    parser.add_argument("inputs", nargs="+", metavar="OUT.jsonl", help="output of 'quotes extract' (- for stdin)")
    parser.add_argument("-o", "--output", default="-", help="HTML file (default: stdout)")
    parser.add_argument("--group-by", metavar="KEY", help="a field carried on each line (quotes extract --keep KEY)")
    parser.add_argument("--csv", metavar="DIR", help="also write each table as DIR/<table>.csv")
    parser.add_argument("--title", default="Quotes report", help="page title (default: %(default)s)")
    parser.add_argument("--top", type=positive, default=20, metavar="N", help="speakers to show (default: %(default)s)")
    parser.add_argument("--records", action="append", metavar="INPUT.jsonl",
                        help="the extractor's JSONL input: counts articles without quotes too (repeatable)")
    parser.add_argument("--id-key", default="id", help="id field of --records (default: %(default)s)")
    parser.set_defaults(func=run)


def _write(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as error:
        raise CorpusInputError(f"cannot write {path}: {error.strerror or error}") from None


def run(args: argparse.Namespace) -> int:
    read, record_stats = ReadStats(), ReadStats()
    try:
        records = read_records(args.records, args.id_key, args.group_by, record_stats) if args.records else None
        keys = (args.group_by,) if args.group_by else ()
        stats = collect(read_quote_lines(args.inputs, read, keys), args.group_by, records)
        notes = [f"From {', '.join(args.inputs)}: {stats.quotes} quotes in {len(stats.quoted)} articles."]
        if records is None:
            notes.append("Articles are the records with at least one quote: a record in which nothing was quoted "
                         "writes no line. Give --records INPUT.jsonl to count every article.")
        warnings = [f"{label}: {source.note()}" for label, source in (("quote lines", read), ("records", record_stats))
                    if source.note()]
        if args.group_by and stats.quotes and set(stats.groups) == {MISSING_GROUP}:
            warnings.append(f"no line carries the field {args.group_by!r}: run 'quotes extract --keep "
                            f"{args.group_by}' (or give --records) to group by it")
        page, tables = build(stats, args.title, args.group_by, args.top, notes + warnings)
        if args.csv:
            folder = Path(args.csv)
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise CorpusInputError(f"cannot create {folder}: {error.strerror or error}") from None
            for table in tables:
                write_csv(str(folder / f"{table.name}.csv"), table.header, table.rows)
        if args.output in (None, "-"):
            sys.stdout.write(page)
        else:
            _write(args.output, page)
    except CorpusInputError as error:
        print(f"quotes: error: {error}", file=sys.stderr)
        return 2
    for warning in warnings:
        print(f"quotes report: {warning}", file=sys.stderr)
    if args.output not in (None, "-"):
        print(f"quotes report: wrote {args.output} ({stats.quotes} quotes, {stats.articles} articles)", file=sys.stderr)
    return 1 if read.nothing_read else 0  # exit 1: no line could be read
