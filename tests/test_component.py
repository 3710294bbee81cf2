"""The spaCy component, the library entry points and long documents."""
from __future__ import annotations

import pytest
import spacy

import quotes
from quotes.chunking import chunks


def test_add_pipe_by_name_from_entry_point():
    nlp = spacy.load(quotes.DEFAULT_MODEL)
    nlp.add_pipe("quotes")
    doc = nlp('"We will win," Jane Doe said.')
    assert [(q.text, q.speaker_name) for q in doc._.quotes] == [("We will win", "Jane Doe")]


def test_component_after_no_parser_records_an_error():
    nlp = spacy.blank("en")
    nlp.add_pipe("quotes")
    doc = nlp("John said hello.")
    assert doc._.quotes == [] and "dependency parse" in doc._.quotes_error


def test_extract_and_extract_many_agree(seed_text):
    single = quotes.extract(seed_text)
    batch = list(quotes.extract_many([seed_text, "", seed_text], batch_size=2))
    assert batch[0] == single and batch[1] == [] and batch[2] == single


def test_n_process_gives_identical_results(seed_text):
    texts = [seed_text, '"Fine," said Jane Doe.', seed_text[:500]] * 2
    one = list(quotes.extract_many(texts, n_process=1))
    two = list(quotes.extract_many(texts, n_process=2, batch_size=1))
    assert one == two


def test_quotes_are_json_serialisable(seed_text):
    import json

    for quote in quotes.extract(seed_text):
        assert quotes.Quote.from_dict(json.loads(json.dumps(quote.to_dict()))) == quote


def test_non_text_input_is_a_clear_error():
    with pytest.raises(quotes.InputError, match="expected a str"):
        quotes.extract(None)  # type: ignore[arg-type]


def test_unknown_model_is_a_clear_error():
    with pytest.raises(quotes.ModelError, match="not installed"):
        quotes.load("no_such_model_xyz")


def test_chunks_cover_text_and_respect_paragraphs():
    text = "First paragraph here.\n\nSecond one is here.\n\nThird."
    pieces = list(chunks(text, 30))
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 30 for _, p in pieces)
    assert pieces[1][1].startswith("Second")
    assert all(text[o : o + len(p)] == p for o, p in pieces)


def test_document_longer_than_max_length_is_chunked(nlp, seed_text):
    """Quotes from a chunked document have offsets into the whole text."""
    long_text = "\n\n".join([seed_text] * 4)
    expected = quotes.extract(long_text)
    old = nlp.max_length
    nlp.max_length = len(seed_text) + 10
    try:
        chunked = quotes.extract(long_text)
    finally:
        nlp.max_length = old
    assert len(chunked) == len(expected) == 4 * len(quotes.extract(seed_text))
    for quote in chunked:
        assert long_text[quote.start : quote.end] == quote.text
        assert long_text[quote.speaker.start : quote.speaker.end] == quote.speaker.text
