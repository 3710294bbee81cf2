"""What the parser reads (quotes/text/prepare.py): cleaned text, bounded runs, and offsets that
map back onto the text as given."""
from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.text.markup import looks_like_markup, map_quote
from quotes.text.prepare import MAX_WORD, prepare


def parsed(text: str) -> str:
    layers = prepare(text)
    return layers[-1][0].text if layers else text


def back(text: str, start: int, end: int) -> tuple[int, int]:
    """A span of the parsed text mapped back onto ``text``, as the pipeline maps quotes."""
    record = {"start": start, "end": end, "text": parsed(text)[start:end]}
    for stripped, source in reversed(prepare(text)):
        record = map_quote(record, stripped, source)
    return record["start"], record["end"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"Hi," Jane\x00 Doe said.', '"Hi," Jane Doe said.'),
        ('"Hi," Jane Doe\x00 said.', '"Hi," Jane Doe said.'),
        ('"Hi," said Jane\u200bDoe.', '"Hi," said Jane Doe.'),  # a zero-width space parting two words
        ('"Hi," said Vedant Pa\u200btel.', '"Hi," said Vedant Patel.'),  # ... and inside one
        ('"Hi," Jane 👩\u200d🚀 Doe said.', '"Hi," Jane Doe said.'),
        ('"Hi," said Vedant Pa\u00adtel.', '"Hi," said Vedant Patel.'),  # a soft hyphen inside a word
        ('"Hi," said Vedant Pa\u200dtel and Jane \u00ad Doe.', '"Hi," said Vedant Patel and Jane Doe.'),
        ("Great 👍\nNext", "Great\nNext"),
        ("One.\r\"Two,\" she said.\rThree.", 'One.\n"Two," she said.\nThree.'),
        ("Windows\r\nline ends", "Windows\r\nline ends"),
        ("\x93Hi,\x94 she said.", "“Hi,” she said."),  # Windows-1252 marks read as Latin-1
        ("&ldquo;Hi,&rdquo; said Procter &amp; Gamble. AT&T;", "“Hi,” said Procter & Gamble. AT&T;"),
        ("Plain text stays as it is.", "Plain text stays as it is."),
    ],
)
def test_what_the_parser_reads(text, expected):
    assert parsed(text) == expected


def test_only_documents_are_taken_for_html():
    assert not looks_like_markup('Hello <b>there</b>. "We are <fine> here," Jane Doe said. <b>x</b>')
    assert parsed("Hello <b>there</b>, <fine> &amp; more") == "Hello <b>there</b>, <fine> & more"
    assert looks_like_markup("<p>One.</p><p>Two.</p>") and looks_like_markup("<!DOCTYPE html><b>x</b>")


def test_a_span_maps_back_onto_the_original():
    text = '&ldquo;We will win,&rdquo; Jane 👩\u200d🚀 Doe said.\r"Second," said Ann\x00 Lee.'
    plain = parsed(text)
    for words in ("We will win", "Jane Doe", "Second", "Ann Lee"):
        start = plain.index(words)
        s, e = back(text, start, start + len(words))
        assert text[s:e].replace("\x00", "").replace(" 👩\u200d🚀", "") == words


@pytest.mark.parametrize("run", ['"', "\u201c", "(", ")", "[", "!", ",", "'", '."', '"(', "<", "🚀", '" '])
def test_long_runs_of_symbols_are_read_as_their_ends(run):
    text = 'Before. "Real," she said. ' + run * (100_000 // len(run)) + " After."
    plain = parsed(text)
    assert len(plain) < 200 and plain.startswith('Before. "Real," she said. ') and plain.endswith(" After.")
    start = plain.index("After")
    assert text[slice(*back(text, start, start + 5))] == "After"


def test_a_very_long_word_gets_spaces():
    text = "x" + "http://x.com/" * 10_000
    plain = parsed(text)
    assert max(len(word) for word in plain.split()) <= MAX_WORD and plain.replace(" ", "") == text


def test_a_100k_run_of_quote_marks_parses_in_seconds(nlp):
    """spaCy's tokenizer alone took 26 s on 16,000 quote marks, about a quarter of an hour on
    100,000; the parser and entity recogniser a minute more once cut into tokens."""
    started = time.monotonic()
    for run in ('"', "(", "]", "!?"):
        nlp(parsed(run * 100_000))
    assert time.monotonic() - started < 10


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list('ab "<>&;\x00\u200b\u200d\r\n🚀\x93') + ["&amp;", "&ldquo;", '"' * 50, "<p>"]), max_size=80).map("".join))
def test_any_span_maps_inside_the_original_in_order(text):
    plain = parsed(text)
    for start in range(0, len(plain) + 1, 7):
        end = min(len(plain), start + 5)
        s, e = back(text, start, end)
        assert 0 <= s <= e <= len(text)
