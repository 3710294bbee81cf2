"""Inputs for one extractor stage, built by hand: a Doc from spaCy's blank English tokenizer
(no statistical model, so nothing depends on the small parser), links with the cue, speaker and
content named by their words, and the quoted stretches from the quote marks."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from quotes.extractor.candidates import CueClass
from quotes.extractor.link import Link
from quotes.extractor.place import Placed, place
from quotes.text.quotemarks import find_quoted_spans

BLANK = spacy.blank("en")  # a tokenizer only

# Words named in a test: a string (its first occurrence) or (string, n) for its n-th (from 0).
Words = str | tuple[str, int]


def where(text: str, words: Words) -> tuple[int, int]:
    """Character offsets of ``words`` in ``text``."""
    target, nth = (words, 0) if isinstance(words, str) else words
    start = -1
    for _ in range(nth + 1):
        start = text.index(target, start + 1)
    return start, start + len(target)


def tokens(text: str, ents: tuple[tuple[Words, str], ...] = (), lemmas: dict[str, str] | None = None) -> Doc:
    """``text`` tokenized, with the named entities and lemmas given (no parse)."""
    doc = BLANK.make_doc(text)
    for token in doc:
        token.lemma_ = (lemmas or {}).get(token.text, token.lower_)
    doc.ents = [doc.char_span(*where(text, words), label=label) for words, label in ents]
    return doc


def span(doc: Doc, words: Words) -> Span:
    found = doc.char_span(*where(doc.text, words))
    assert found is not None, f"{words!r} is not whole tokens of {doc.text!r}"
    return found


def make_link(
    doc: Doc,
    content: Words,
    cue: Words | None = None,
    speaker: Words | None = None,
    cue_class: CueClass = "speech",
    rule: str = "verb-clause",
) -> Link:
    start, end = where(doc.text, content)
    return Link(
        span(doc, cue) if cue is not None else None,
        span(doc, speaker) if speaker is not None else None,
        start,
        end,
        cue_class,
        rule,
    )


def placed(doc: Doc, *links: Link) -> list[Placed]:
    """Each link placed against the text's quote marks, as the extractor's stage 3 does."""
    quoted = find_quoted_spans(doc.text)
    return [place(doc.text, item, quoted) for item in links]
