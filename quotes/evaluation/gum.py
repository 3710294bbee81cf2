"""GUM (Zeldes 2017): human coreference on English prose nobody on this project wrote.

Reads the CoNLL-U files of ``../shared/corpora/gum/dep`` at run time: rebuilds each document's
running text from its tokens (``SpaceAfter=No``; a blank line between paragraphs, a space
between sentences), with character offsets for every token and every entity mention. All
mentions with one entity number are one referent: pronouns, descriptions and names alike. An
entity's *name* is the fullest proper name among its mentions; only entities that have one can
say whether a resolver named a mention right.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..errors import QuotesError

SPLITS = ("train", "dev", "test")
# Mention forms, by the part of speech of the mention's head.
PRONOUN, NAME, DESCRIPTION = "pronoun", "name", "description"


class GumError(QuotesError, ValueError):
    """A GUM folder or file that cannot be read; the message says where."""


@dataclass(frozen=True)
class GumToken:
    """One syntactic word: offsets into the rebuilt text, the head as a document index."""

    index: int
    form: str
    lemma: str
    upos: str
    xpos: str
    head: int  # document index of the head, or -1 for a root
    deprel: str
    start: int
    end: int
    sentence: int
    paragraph: int


@dataclass(frozen=True)
class GumMention:
    """One mention of an entity: tokens ``first..last`` (inclusive), ``head`` the token whose head
    lies outside the mention."""

    entity: str
    etype: str
    first: int
    last: int
    head: int
    start: int
    end: int
    text: str
    form: str  # pronoun | name | description


@dataclass
class GumEntity:
    id: str
    etype: str
    mentions: list[GumMention] = field(default_factory=list)
    name: str | None = None  # the fullest proper name among its mentions
    names: tuple[str, ...] = ()  # every proper name among its mentions, fullest first


@dataclass
class GumDocument:
    id: str
    genre: str
    title: str
    text: str
    tokens: list[GumToken]
    mentions: list[GumMention]
    entities: dict[str, GumEntity]

    def entity_of(self, mention: GumMention) -> GumEntity:
        return self.entities[mention.entity]

    @cached_property
    def copular_heads(self) -> frozenset[int]:
        """Words with a copula ("a blogger" in "He's a blogger"): predicates."""
        return frozenset(t.head for t in self.tokens if t.deprel == "cop")


def read_splits(corpus: Path) -> dict[str, str]:
    """Document id -> split, from ``splits.md``: listed under dev or test, else train."""
    path = corpus / "splits.md"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise GumError(f"{path}: cannot read the split lists: {error.strerror or error}") from None
    split: dict[str, str] = {}
    section = ""
    for line in lines:
        if line.startswith("## "):
            section = line[3:].strip()
        elif line.strip().startswith("* ") and section in ("dev", "test"):
            split[line.strip()[2:].strip()] = section
    return split


def document_paths(corpus: Path, split: str | None = None) -> list[Path]:
    """The CoNLL-U files of ``split`` (every document when None), sorted by name."""
    if split is not None and split not in SPLITS:
        raise GumError(f"split must be one of {', '.join(SPLITS)}, not {split!r}")
    folder = corpus / "dep"
    if not folder.is_dir():
        raise GumError(f"{folder}: no such folder (expected GUM's dep/ CoNLL-U files)")
    splits = read_splits(corpus)
    paths = sorted(folder.glob("GUM_*.conllu"))
    return [p for p in paths if split is None or splits.get(p.stem, "train") == split]


def load_split(corpus: Path, split: str | None = None) -> list[GumDocument]:
    return [read_document(path) for path in document_paths(corpus, split)]


@dataclass
class _Row:
    """A word as read, before the text is rebuilt."""

    number: int  # the word's number within its sentence
    columns: list[str]
    surface: str  # what it adds to the text
    space_after: bool
    sentence: int
    paragraph: int


def _misc(value: str) -> dict[str, str]:
    found: dict[str, str] = {}
    if value == "_":
        return found
    for item in value.split("|"):
        key, _, rest = item.partition("=")
        found[key] = rest
    return found


def _rows(path: Path, lines: list[str]) -> tuple[dict[str, str], list[_Row]]:
    meta: dict[str, str] = {}
    rows: list[_Row] = []
    sentence = paragraph = -1
    pending_range: tuple[int, int, str, bool] | None = None
    for line_no, line in enumerate(lines, 1):
        if line.startswith("# "):
            key, _, value = line[2:].partition(" = ")
            if key.startswith("meta::"):
                meta[key[6:]] = value
            elif key == "newdoc id":
                meta["id"] = value
            elif line.strip() == "# newpar" or key == "newpar":
                paragraph += 1
            elif key == "sent_id":
                sentence += 1
                paragraph = max(paragraph, 0)
            continue
        if not line.strip():
            continue
        columns = line.split("\t")
        if len(columns) != 10:
            raise GumError(f"{path}:{line_no}: expected 10 tab-separated columns, found {len(columns)}")
        word_id = columns[0]
        if "." in word_id:
            continue  # an empty node of the enhanced graph: no text
        misc = _misc(columns[9])
        if "-" in word_id:
            low, high = (int(n) for n in word_id.split("-"))
            pending_range = (low, high, columns[1], misc.get("SpaceAfter") != "No")
            continue
        number = int(word_id)
        surface, space = columns[1], misc.get("SpaceAfter") != "No"
        rows.append(_Row(number, columns, surface, space, sentence, paragraph))
        if pending_range is not None and number == pending_range[1]:
            _split_range(rows[len(rows) - (number - pending_range[0]) - 1 :], *pending_range[2:])
            pending_range = None
    return meta, rows


def _split_range(words: list[_Row], form: str, space_after: bool) -> None:
    """A multi-word token ("University's" = "University" + "'s"): each word keeps its own
    characters when they spell the token, else the first word takes them all."""
    if "".join(w.surface for w in words) != form:
        for number, word in enumerate(words):
            word.surface = form if number == 0 else ""
    for word in words:
        word.space_after = False
    words[-1].space_after = space_after


def read_document(path: Path) -> GumDocument:
    """One GUM document with its text rebuilt and its mentions at character offsets."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise GumError(f"{path}: cannot read: {error}") from None
    meta, rows = _rows(path, lines)
    pieces: list[str] = []
    position = 0
    tokens: list[GumToken] = []
    sentence_base: dict[int, int] = {}  # sentence -> document index of its word 1
    previous: _Row | None = None
    for index, row in enumerate(rows):
        if previous is not None:
            if row.paragraph != previous.paragraph:
                gap = "\n\n"
            elif row.sentence != previous.sentence or previous.space_after:
                gap = " " if previous.space_after or row.sentence != previous.sentence else ""
            else:
                gap = ""
            pieces.append(gap)
            position += len(gap)
        sentence_base.setdefault(row.sentence, index - row.number + 1)
        start = position
        pieces.append(row.surface)
        position += len(row.surface)
        if not row.surface and tokens:  # a later word of a multi-word token shares its span
            start = tokens[-1].start
        columns = row.columns
        head = int(columns[6]) if columns[6].isdigit() else 0
        tokens.append(
            GumToken(
                index, columns[1], columns[2], columns[3], columns[4],
                sentence_base[row.sentence] + head - 1 if head else -1, columns[7],
                start, position, row.sentence, row.paragraph,
            )
        )
        previous = row
    text = "".join(pieces)
    mentions = _mentions(path, rows, tokens, text)
    entities: dict[str, GumEntity] = {}
    for mention in mentions:
        entities.setdefault(mention.entity, GumEntity(mention.entity, mention.etype)).mentions.append(mention)
    for entity in entities.values():
        entity.names = _entity_names(entity, tokens, text)
        entity.name = entity.names[0] if entity.names else None
    return GumDocument(
        meta.get("id", path.stem), meta.get("genre", ""), meta.get("title", ""), text, tokens, mentions, entities
    )


def _mentions(path: Path, rows: list[_Row], tokens: list[GumToken], text: str) -> list[GumMention]:
    open_: dict[str, list[tuple[int, str]]] = {}
    found: list[GumMention] = []
    for index, row in enumerate(rows):
        value = _misc(row.columns[9]).get("Entity")
        if not value:
            continue
        for match in _entity_events(value):
            kind, entity, etype = match
            if kind == "open":
                open_.setdefault(entity, []).append((index, etype))
            elif kind == "single":
                found.append(_mention(entity, etype, index, index, tokens, text))
            else:
                stack = open_.get(entity)
                if not stack:
                    raise GumError(f"{path}: entity {entity} closes at word {index + 1} without opening")
                first, etype = stack.pop()
                found.append(_mention(entity, etype, first, index, tokens, text))
    found.sort(key=lambda m: (m.start, -m.end))
    return found


def _entity_events(value: str) -> Iterator[tuple[str, str, str]]:
    """("open" | "single" | "close", entity number, type) in the order written."""
    position = 0
    while position < len(value):
        if value[position] == "(":
            end = position + 1
            depth_end = value.find("(", end)
            close = value.find(")", end)
            stop = min(x for x in (depth_end, close, len(value)) if x != -1)
            body = value[end:stop]
            parts = body.split("-")
            entity, etype = parts[0], parts[1] if len(parts) > 1 else ""
            if stop < len(value) and value[stop] == ")":
                yield "single", entity, etype
                position = stop + 1
            else:
                yield "open", entity, etype
                position = stop
        else:
            close = value.find(")", position)
            if close == -1:
                break
            entity = value[position:close]
            yield "close", entity, ""
            position = close + 1


def _mention(entity: str, etype: str, first: int, last: int, tokens: list[GumToken], text: str) -> GumMention:
    inside = range(first, last + 1)
    heads = [i for i in inside if not (first <= tokens[i].head <= last)]
    head = heads[0] if heads else first
    upos = tokens[head].upos
    form = PRONOUN if upos == "PRON" else NAME if upos == "PROPN" else DESCRIPTION
    start, end = tokens[first].start, tokens[last].end
    return GumMention(entity, etype, first, last, head, start, end, text[start:end], form)


# Lower-case words that may stand inside a name: "Medical Journal of Australia", "Jan van der Berg".
_NAME_JOINERS = frozenset(
    {"of", "the", "and", "&", "for", "de", "van", "der", "von", "den", "al", "bin", "la", "le", "du", "da", "di", "-", "."}
)


def _in_name(token: GumToken) -> bool:
    return token.form[:1].isupper() or token.form[:1].isdigit() or token.form.lower() in _NAME_JOINERS


def name_run(head: int, tokens: list[GumToken], first: int, last: int) -> tuple[int, int]:
    """The run of capitalised words (and joiners such as "of") around a name's head, within its
    mention (inclusive): "the Medical Journal of Australia" -> "Medical Journal of Australia"."""
    low = high = head
    while low - 1 >= first and _in_name(tokens[low - 1]):
        low -= 1
    while high + 1 <= last and _in_name(tokens[high + 1]):
        high += 1
    while low < head and tokens[low].form.lower() in _NAME_JOINERS:
        low += 1
    while high > head and tokens[high].form.lower() in _NAME_JOINERS:
        high -= 1
    return low, high


def _entity_names(entity: GumEntity, tokens: list[GumToken], text: str) -> tuple[str, ...]:
    """The proper names among the entity's name mentions, most words first (then first used)."""
    names: dict[str, int] = {}
    for mention in entity.mentions:
        if mention.form != NAME:
            continue
        low, high = name_run(mention.head, tokens, mention.first, mention.last)
        names.setdefault(text[tokens[low].start : tokens[high].end], len(names))
    return tuple(sorted(names, key=lambda n: (-len(n.split()), names[n])))
