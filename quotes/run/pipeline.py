"""Running texts through a pipeline with the quotes component: the library's ``extract`` and
``extract_many``, and ``pipe_records``, the plain-data core every runner shares.

Texts are streamed as *pieces*: a text longer than ``CHUNK_CHARS``, or holding more than
``PIECE_MARKS`` double quote marks, is cut at paragraph, line or sentence breaks, and pieces are
parsed in batches bounded by count and by characters (``BATCH_CHARS``), so that memory stays
flat whatever the length of one document. Quotes of a piece are shifted to offsets in the whole
text. What is parsed is the text as ``quotes.text.prepare`` makes it (HTML stripped, invisible
characters dropped, runs of symbols bounded); quotes are mapped back onto the text as given.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from ..component.loading import DEFAULT_MODEL, load, loader_of
from ..component.spans import doc_records
from ..errors import InputError, OptionError, QuotesError
from ..speakers.across import NameBook
from ..text.chunking import chunks
from ..text.markup import map_quote
from ..text.prepare import Layer, prepare
from ..types import Quote, shift_record
from .workers import WorkerPool

K = TypeVar("K")
# Longest piece of a text parsed as one Doc. The parser is fastest per character on 50-100k
# character docs (300k is ~40% slower) and needs ~3.3 KB per character: ~0.5 GB for one piece.
CHUNK_CHARS = 100_000
# Characters parsed at once in one batch (one piece may exceed it alone): ~3.3 KB each, so
# ~0.5 GB plus the model (~0.15 GB) keeps one process well under 1.5 GB with room for results.
BATCH_CHARS = 150_000
# Double quote marks parsed at once, at most (where a break allows): the extractor's time grows
# faster than linearly with the quotes of one parse. A news article has a few hundred.
PIECE_MARKS = 1000
# Error messages longer than this are cut: they go on one line of the errors file.
MAX_REASON = 500

# The result of one piece: its quote dicts (offsets within the piece) and an error or None.
PieceResult = tuple[list[dict], "str | None"]


def text_problem(text: object) -> str | None:
    """Why ``text`` cannot be parsed, or None. spaCy raises deep inside for a str that is not
    valid Unicode (a lone surrogate), so it is caught here with a message that says where."""
    if not isinstance(text, str):
        return f"expected a str of article text, got {type(text).__name__}"
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as error:
            return (
                f"text is not valid Unicode: lone surrogate {text[error.start]!r} at character "
                f"{error.start} (broken \\u escapes in JSON, or bytes decoded with surrogateescape?)"
            )
    return None


def _check(text: object) -> str:
    problem = text_problem(text)
    if problem is not None:
        raise InputError(problem)
    return text  # type: ignore[return-value]


def check_confidence(value: object) -> float:
    """``min_confidence`` as a float from 0 to 1; an ``OptionError`` for anything else (a str,
    nan, 2)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise OptionError(f"min_confidence must be a number from 0 to 1, not {type(value).__name__} {value!r}")
    if not 0.0 <= value <= 1.0:  # also false for nan
        raise OptionError(f"min_confidence must be a number from 0 to 1, not {value!r}")
    return float(value)


def _check_count(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise OptionError(f"{name} must be a whole number of at least 1, not {value!r}")
    return value


def extract(
    text: str,
    model: str = DEFAULT_MODEL,
    scope: str = "quotes",
    min_confidence: float = 0.0,
    name_gender: bool = True,
) -> list[Quote]:
    """Every quote in ``text``, with speaker, cue, kind and character offsets; with
    ``min_confidence``, only those at least that likely to be right; with ``name_gender=False``,
    a person's gender from the article's own words only (no first-name table). Raises
    ``InputError`` for a text that is not a valid str, ``OptionError`` for a ``min_confidence``
    outside [0, 1]."""
    _check(text)
    return next(
        extract_many([text], model=model, scope=scope, min_confidence=min_confidence, name_gender=name_gender)
    )


def extract_many(
    texts: Iterable[str],
    model: str = DEFAULT_MODEL,
    batch_size: int = 32,
    n_process: int = 1,
    scope: str = "quotes",
    min_confidence: float = 0.0,
    name_gender: bool = True,
) -> Iterator[list[Quote]]:
    """Quotes for each text, in input order. Long texts are split into pieces and their quotes
    mapped back to offsets in the whole text (see the module docstring). ``name_gender=False``:
    genders from the article's own words only (see ``extract``).

    The arguments are checked at the call: a str or bytes for ``texts`` (one text, not many)
    raises ``InputError``, a bad option ``OptionError``. While iterating, a text that is not a
    valid str raises ``InputError`` and a text the extractor fails on ``QuotesError``; an error
    raised by ``texts`` itself is raised as it is. Either way, the quotes of every text before
    it are yielded first."""
    if isinstance(texts, (str, bytes, bytearray)):
        raise InputError(
            f"extract_many takes an iterable of texts, not one {type(texts).__name__}: "
            "use extract(text), or extract_many([text])"
        )
    if not isinstance(texts, Iterable):
        raise InputError(f"extract_many takes an iterable of texts, not {type(texts).__name__}")
    threshold = check_confidence(min_confidence)
    _check_count("batch_size", batch_size)
    _check_count("n_process", n_process)
    return _extract_many(texts, model, batch_size, n_process, scope, threshold, name_gender)


def _extract_many(
    texts: Iterable[str],
    model: str,
    batch_size: int,
    n_process: int,
    scope: str,
    min_confidence: float,
    name_gender: bool,
) -> Iterator[list[Quote]]:
    nlp = load(model, scope, name_gender)
    keyed = ((index, _check(text)) for index, text in enumerate(texts))
    for _, records, error in pipe_records(nlp, keyed, batch_size=batch_size, n_process=n_process):
        if error is not None:
            raise QuotesError(error)
        yield [q for q in map(Quote.from_dict, records) if q.confidence >= min_confidence]


@dataclass(frozen=True)
class Piece:
    """Part of one input text. ``text`` is "" for a piece
    with nothing to parse; ``error`` is set for a text that cannot be parsed at all."""

    doc: int  # position of its text in the input
    offset: int  # where ``text`` starts in the whole text
    text: str
    last: bool  # the last piece of its text
    error: str | None = None
    whole: int = 0  # length of the text the piece is of


def _reason(error: BaseException) -> str:
    message = " ".join(str(error).split())
    reason = f"{type(error).__name__}: {message}" if message else type(error).__name__
    return reason if len(reason) <= MAX_REASON else reason[: MAX_REASON - 1] + "…"


def _read(doc: Doc) -> PieceResult:
    return doc_records(doc), None


def _parse_one(nlp: Language, text: str) -> PieceResult:
    try:
        return _read(nlp(text))
    except Exception as error:  # noqa: BLE001 - one text's failure is that text's result
        return [], _reason(error)


def run_batch(nlp: Language, texts: list[str]) -> list[PieceResult]:
    """Results for a batch of piece texts, in order. Parsed as one ``nlp.pipe`` batch; if that
    raises, the texts not yet done are parsed one at a time so only the failing one fails.
    Each Doc is dropped as soon as its quotes are read."""
    results: list[PieceResult] = [([], None)] * len(texts)
    todo = [i for i, text in enumerate(texts) if text]
    done = 0
    try:
        for doc in nlp.pipe((texts[i] for i in todo), batch_size=max(1, len(todo))):
            results[todo[done]] = _read(doc)
            done += 1
            del doc
    except Exception:  # noqa: BLE001 - isolated below, text by text
        for i in todo[done:]:
            results[i] = _parse_one(nlp, texts[i])
    return results


def _pieces(
    keyed_texts: Iterable[tuple[K, str]],
    keys: dict[int, K],
    finished: set[int],
    chunk_chars: int,
    markup: dict[int, list[Layer]],
) -> Iterator[Piece]:
    """Pieces of every text, lazily: a text whose piece failed (in ``finished``) is not cut further.
    A text is parsed as ``quotes.text.prepare`` makes it (HTML as its plain text, invisible
    characters gone, long runs without spaces cut); ``markup`` keeps the way back to the
    original offsets."""
    for number, (key, text) in enumerate(keyed_texts):
        keys[number] = key
        problem = text_problem(text)
        if problem is not None:
            yield Piece(number, 0, "", True, problem)
            continue
        layers = prepare(text)
        if layers:
            markup[number] = layers
            text = layers[-1][0].text
        parts = chunks(text, chunk_chars, PIECE_MARKS)
        current = next(parts)
        for upcoming in parts:
            if number in finished:
                break
            yield _piece(number, current, False, len(text))
            current = upcoming
        if number not in finished:
            yield _piece(number, current, True, len(text))


def _piece(number: int, part: tuple[int, str], last: bool, whole: int) -> Piece:
    """A piece as it stands in the text, so that ``nlp(text)`` and ``extract(text)`` parse the
    same characters; a piece of white space alone has nothing to parse."""
    offset, text = part
    return Piece(number, offset, text if text.strip() else "", last, whole=whole)


def batches(pieces: Iterable[Piece], size: int, budget: int) -> Iterator[list[Piece]]:
    """At most ``size`` pieces and, unless one piece alone is larger, ``budget`` characters."""
    batch: list[Piece] = []
    chars = 0
    for piece in pieces:
        if batch and (len(batch) >= size or chars + len(piece.text) > budget):
            yield batch
            batch, chars = [], 0
        batch.append(piece)
        chars += len(piece.text)
    if batch:
        yield batch


def _local(nlp: Language) -> Callable[[Iterable[list[Piece]]], Iterator[tuple[Piece, PieceResult]]]:
    def run(piece_batches: Iterable[list[Piece]]) -> Iterator[tuple[Piece, PieceResult]]:
        for batch in piece_batches:
            texts = [piece.text if piece.error is None else "" for piece in batch]
            yield from zip(batch, run_batch(nlp, texts))

    return run


def pipe_records(
    nlp: Language,
    keyed_texts: Iterable[tuple[K, str]],
    batch_size: int = 32,
    n_process: int = 1,
    chunk_chars: int = CHUNK_CHARS,
    batch_chars: int = BATCH_CHARS,
    note: Callable[[str], None] | None = None,
    progress: Callable[[K, float], None] | None = None,
) -> Iterator[tuple[K, list[dict], str | None]]:
    """(key, quote dicts, error or None) per text, in input order: the plain-data core that
    every runner (library, command line, Dask) shares. A text that cannot be parsed, or on which
    spaCy or the extractor raises, gets ``(key, [], reason)``; the other texts are unaffected.
    ``n_process > 1`` runs batches on a pool of worker processes (``quotes.run.workers``; at
    most one per CPU, and one per batch), which tells ``note`` when fewer ran than asked.
    ``progress(key, share)`` is told how much of a text in several pieces is done, piece by
    piece, before its result comes."""
    if batch_size < 1 or n_process < 1 or chunk_chars < 1 or batch_chars < 1:
        raise OptionError("batch_size, n_process, chunk_chars and batch_chars must be at least 1")
    failure: list[Exception] = []  # what the input raised: raised once the texts before it are out
    keyed_texts = _until_error(keyed_texts, failure)
    keys: dict[int, K] = {}
    finished: set[int] = set()  # texts already yielded because one of their pieces failed
    markup: dict[int, list[Layer]] = {}  # texts parsed as prepare() made them
    pieces = _pieces(keyed_texts, keys, finished, min(chunk_chars, nlp.max_length), markup)
    stream = batches(pieces, batch_size, batch_chars)
    if n_process > 1:
        results = WorkerPool(nlp, n_process, run_batch, loader=loader_of(nlp), note=note).run(stream)
    else:
        results = _local(nlp)(stream)
    current: list[dict] = []
    books: dict[int, NameBook] = {}  # full names of the texts in several pieces, so far
    try:
        for piece, (records, error) in results:
            if piece.doc in finished:
                continue  # a later piece of a text that already failed
            error = piece.error or error
            if error is not None:
                finished.add(piece.doc)
                markup.pop(piece.doc, None)
                books.pop(piece.doc, None)
                current = []
                yield keys.pop(piece.doc), [], error
                continue
            if piece.offset:
                # Only the first piece starts with the article's title line.
                records = [shift_record(r, piece.offset) for r in records if r.get("rule") != "headline"]
            if piece.offset or not piece.last:
                books.setdefault(piece.doc, NameBook()).add_text(piece.text)
            current.extend(records)
            if progress is not None and not piece.last and piece.whole:
                progress(keys[piece.doc], (piece.offset + len(piece.text)) / piece.whole)
            if piece.last:
                records, current = current, []
                if piece.doc in books:  # a text of several pieces: names seen in one serve the others
                    records = books.pop(piece.doc).join(records)
                for stripped, source in reversed(markup.pop(piece.doc, [])):
                    records = [map_quote(r, stripped, source) for r in records]
                yield keys.pop(piece.doc), records, None
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()
    if failure:
        raise failure[0]


def _until_error(items: Iterable[K], failure: list[Exception]) -> Iterator[K]:
    """``items`` until one raises an error, which goes into ``failure`` instead: the texts read
    before it (a batch in the making, pieces in workers) are still processed."""
    try:
        yield from items
    except Exception as error:  # noqa: BLE001 - raised again by pipe_records, in its place
        failure.append(error)
