"""Streaming long texts in pieces, batches bounded by characters, and failure isolation."""
from __future__ import annotations

import io
import subprocess
import sys
import textwrap
import time

import pytest

import quotes
from quotes.run.pipeline import BATCH_CHARS, CHUNK_CHARS, Piece, batches, pipe_records
from quotes.speakers.across import NameBook
from quotes.text.chunking import chunks


def _records(nlp, texts, **options):
    return list(pipe_records(nlp, enumerate(texts), **options))


def _assert_offsets(text: str, records: list[dict]) -> None:
    for record in records:
        assert text[record["start"] : record["end"]] == record["text"]
        for part in ("speaker", "cue", "speaker_role"):
            if record.get(part):
                span = record[part]
                assert text[span["start"] : span["end"]] == span["text"]


def _shifted(records: list[dict], offset: int) -> list[dict]:
    return [quotes.Quote.from_dict(r).shifted(offset).to_dict() for r in records]


def _without_confidence(record: dict) -> dict:
    return {key: value for key, value in record.items() if key != "confidence"}


def test_chunks_cover_text_and_respect_paragraphs():
    text = "First paragraph here.\n\nSecond one is here.\n\nThird."
    pieces = list(chunks(text, 30))
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 30 for _, p in pieces)
    assert pieces[1][1].startswith("Second")
    assert all(text[o : o + len(p)] == p for o, p in pieces)


def test_chunks_without_paragraphs_cut_at_sentences():
    text = "One sentence here. Another one follows. And a third one ends it."
    pieces = list(chunks(text, 25))
    assert "".join(p for _, p in pieces) == text
    assert [p.rstrip()[-1] for _, p in pieces[:-1]] == [".", "."]


def test_chunk_and_batch_sizes_fit_the_memory_budget():
    # ~3.3 KB of parser memory per character in flight: a batch must stay far below 1.5 GB.
    assert CHUNK_CHARS <= BATCH_CHARS and BATCH_CHARS * 3300 < 1.0e9


def test_batches_are_bounded_by_count_and_characters():
    pieces = [Piece(i, 0, "x" * size, True) for i, size in enumerate([40, 40, 40, 100, 5, 5, 5])]
    sizes = [[len(p.text) for p in batch] for batch in batches(pieces, size=3, budget=90)]
    assert sizes == [[40, 40], [40], [100], [5, 5, 5]]


def test_long_document_is_streamed_in_pieces_with_exact_offsets(nlp, seed_text):
    """Each piece is one copy of the seed: its quotes are the seed's, shifted to the copy."""
    long_text = "\n\n".join([seed_text] * 4)
    (_, alone, error), = _records(nlp, [seed_text])
    (_, chunked, chunk_error), = _records(nlp, [long_text], chunk_chars=len(seed_text) + 10, batch_chars=1)
    assert error is None and chunk_error is None and alone
    step = len(seed_text) + 2
    # A piece keeps the break after it, which moves confidences a little: every other field agrees.
    expected = [r for copy in range(4) for r in _shifted(alone, copy * step)]
    assert [_without_confidence(r) for r in chunked] == [_without_confidence(r) for r in expected]
    _assert_offsets(long_text, chunked)


def test_quote_near_a_chunk_boundary_keeps_its_offsets(nlp):
    filler = "The council met on Tuesday. It discussed the budget for the coming year.\n\n"
    first = '"We will win the vote," Jane Doe said.'
    second = '"Nothing is settled yet," said Ann Lee.'
    text = filler * 3 + first + "\n\n" + second + "\n\n" + filler
    cut = text.index(second)  # the first chunk ends right after ``first`` and its break
    (_, whole, _), = _records(nlp, [text])
    (_, chunked, error), = _records(nlp, [text], chunk_chars=cut + 1)
    assert error is None
    assert [q["text"] for q in chunked] == ["We will win the vote", "Nothing is settled yet"]
    # Confidence reads features of the whole doc, which a piece is not: every other field agrees.
    assert [_without_confidence(q) for q in chunked] == [_without_confidence(q) for q in whole]
    _assert_offsets(text, chunked)


FILLER = "\n\n".join("The council met to discuss the budget for the next year and the roads." for _ in range(40))


def test_a_surname_in_a_later_piece_takes_the_full_name_from_an_earlier_one(nlp):
    text = ("Vedant Patel, a State Department spokesman, spoke to reporters on Monday.\n\n" + FILLER
            + '\n\n"We are ready," Patel said.')
    (_, whole, _), = _records(nlp, [text])
    (_, pieces, error), = _records(nlp, [text], chunk_chars=1500)
    assert error is None and len(list(chunks(text, 1500))) > 1
    assert [q["speaker_name"] for q in whole] == [q["speaker_name"] for q in pieces] == ["Vedant Patel"]
    _assert_offsets(text, pieces)


@pytest.mark.parametrize("opening, speaker, expected", [
    ("Secretary of State Antony Blinken arrived.", "Blinken", "Antony Blinken"),  # a title is not a name
    ("John F. Kennedy spoke.", "Kennedy", "John F. Kennedy"),
    ("Lawmakers on Capitol Hill met.", "Hill", "Hill"),  # no first name: not a person's name
    ("Later Patel told reporters nothing.", "Patel", "Patel"),  # a sentence's first word is not a name
    ("It was hosted by Biden. Patel said nothing.", "Patel", "Patel"),  # nor does a name cross a full stop
])
def test_only_names_that_start_with_a_first_name_serve_other_pieces(nlp, opening, speaker, expected):
    text = opening + "\n\n" + FILLER + f'\n\n"We are ready," {speaker} said.'
    (_, pieces, error), = _records(nlp, [text], chunk_chars=1500)
    assert error is None and [q["speaker_name"] for q in pieces][-1] == expected


def test_the_name_book_keeps_two_names_a_word_since_two_are_already_ambiguous():
    book = NameBook()
    book.add_text("John Smith came. Mary Smith left. Anna Smith stayed. Tom Brown ran.")
    assert len(book.written["smith"]) == 2 and book.full_name("Smith") is None
    assert book.full_name("Brown") == "Tom Brown"


def test_a_surname_two_full_names_share_is_left_alone_across_pieces(nlp):
    text = "Sarah Keller and Tom Keller arrived.\n\n" + FILLER + '\n\n"We are ready," Keller said.'
    (_, pieces, error), = _records(nlp, [text], chunk_chars=1500)
    assert error is None and [q["speaker_name"] for q in pieces] == ["Keller"]


def test_surrounding_whitespace_does_not_change_the_quotes(nlp):
    bare = '"Caps," Cy said.'
    results = _records(nlp, [bare, bare + "\n", "\n\n  " + bare + "\n"])
    (_, plain, _), (_, newline, _), (_, padded, _) = results
    assert [q["text"] for q in plain] == ["Caps"]
    # The parse of the words around a quote moves its confidence a little, nothing else.
    assert [_without_confidence(q) for q in newline] == [_without_confidence(q) for q in plain]
    assert [_without_confidence(q) for q in padded] == [_without_confidence(q) for q in _shifted(plain, 4)]
    _assert_offsets("\n\n  " + bare + "\n", padded)


def test_empty_and_blank_texts_have_no_quotes(nlp):
    assert [r[1:] for r in _records(nlp, ["", "  \n\t", "\n\n\n"])] == [([], None)] * 3


def test_lone_surrogate_fails_its_record_only(nlp):
    good = '"Hi," Ann said.'
    results = _records(nlp, [good, '"Hi \ud800," he said.', good])
    assert results[0][1:] == results[2][1:] and results[0][1] and results[0][2] is None
    key, found, reason = results[1]
    assert key == 1 and found == [] and "lone surrogate" in reason and "character 4" in reason


def test_library_raises_input_error_for_invalid_text():
    with pytest.raises(quotes.InputError, match="lone surrogate"):
        quotes.extract('"Hi \ud800," he said.')
    with pytest.raises(quotes.InputError, match="lone surrogate"):
        list(quotes.extract_many(['"Hi," Ann said.', "\udfff"]))
    with pytest.raises(quotes.InputError, match="expected a str"):
        quotes.extract(b"bytes")  # type: ignore[arg-type]


@pytest.fixture
def boom(nlp, monkeypatch):
    """The quotes component raises on any doc containing BOOM, as a component may."""
    extractor = type(nlp.get_pipe("quotes"))
    original = extractor.__call__

    def call(self, doc):
        if "BOOM" in doc.text:
            raise RuntimeError("cannot handle BOOM")
        return original(self, doc)

    monkeypatch.setattr(extractor, "__call__", call)


@pytest.mark.usefixtures("boom")
@pytest.mark.parametrize("n_process", [1, 2])
def test_a_failing_doc_does_not_lose_the_others_of_its_batch(nlp, n_process):
    texts = ['"We won," Ann Lee said.', '"Two," BOOM said.', '"Three," Bob Roe said.', '"Four," Dan Roe said.']
    results = _records(nlp, texts, batch_size=32, n_process=n_process)
    assert [key for key, _, _ in results] == [0, 1, 2, 3]
    assert [[q["text"] for q in found] for _, found, _ in results] == [["We won"], [], ["Three"], ["Four"]]
    assert [error for _, _, error in results] == [None, "RuntimeError: cannot handle BOOM", None, None]


@pytest.mark.usefixtures("boom")
def test_a_failing_piece_fails_its_whole_document(nlp, seed_text):
    """No partial results: a document with one failing piece is a failed record."""
    bad = seed_text + "\n\nBOOM.\n\n" + seed_text
    results = _records(nlp, [bad, seed_text], chunk_chars=len(seed_text) + 2)
    assert results[0][1:] == ([], "RuntimeError: cannot handle BOOM")
    assert results[1][1] and results[1][2] is None


MEMORY_PROBE = """
    import resource, sys
    import quotes
    seed = open(sys.argv[1], encoding="utf-8").read()
    size = int(sys.argv[2])
    text = ((seed + "\\n\\n") * (size // len(seed) + 1))[:size]
    found = quotes.extract(text)
    assert all(text[q.start : q.end] == q.text for q in found)
    print(len(found), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


@pytest.mark.parametrize(
    "size",
    [
        # 600k characters took ~2.1 GB when a document went into one nlp.pipe batch.
        pytest.param(600_000, marks=pytest.mark.slow(reason="a separate process parsing 600k characters")),
        pytest.param(2_000_000, marks=pytest.mark.slow(reason="2 M characters: about 80-150 s")),
    ],
)
def test_peak_memory_of_one_long_document_stays_bounded(size):
    from tests.conftest import SEEDS

    probe = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(MEMORY_PROBE), str(SEEDS / "seed-000.txt"), str(size)],
        capture_output=True, text=True, timeout=600, check=True,
    )
    found, peak_mb = map(int, probe.stdout.split())
    assert found > size // 1000  # the seed has 7 quotes per ~3,000 characters
    assert peak_mb < 1500


def test_html_is_read_as_its_text_with_offsets_on_the_original():
    page = (
        "<html><head><title>x</title><style>p {}</style></head><body><h1>Budget passes</h1>"
        "<p>&ldquo;We will rebuild,&rdquo; said Mayor <b>Jane Doe</b>.</p></body></html>"
    )
    (quote,) = quotes.extract(page)
    assert (quote.text, quote.speaker_name) == ("We will rebuild", "Jane Doe")
    assert page[quote.start : quote.end] == quote.text
    assert page[quote.speaker.start : quote.speaker.end] == quote.speaker.text


def test_min_confidence_keeps_only_the_likelier_quotes(seed_text):
    every = quotes.extract(seed_text)
    sure = quotes.extract(seed_text, min_confidence=0.5)
    assert sure == [q for q in every if q.confidence >= 0.5]
    assert len({q.confidence for q in every}) > 1  # the learned model scores each quote


def test_only_the_first_piece_of_a_long_text_has_a_title_line():
    # Each piece's first line looks like a title to the extractor; only the text's own is one.
    nlp = quotes.load(scope="attributions")
    title = "Pence: Flowers Won't Be at Debate.\n\n"
    first = title + "Mike Pence spoke to Fox News on Sunday.\n\n" + FILLER + "\n\n"
    text = first + title + "Mike Pence said on Sunday that the invitation was a joke."
    (_, pieces, error), = _records(nlp, [text], chunk_chars=len(first) + 5)
    assert error is None and [offset for offset, _ in chunks(text, len(first) + 5)] == [0, len(first)]
    assert [q["start"] for q in pieces if q["rule"] == "headline"] == [len("Pence: ")]
    _assert_offsets(text, pieces)


def test_extract_many_refuses_one_string_at_the_call():
    for one in ("a string", b"bytes"):
        with pytest.raises(quotes.InputError, match="an iterable of texts, not one"):
            quotes.extract_many(one)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["0.5", float("nan"), float("inf"), 2, -0.1, True, None])
def test_min_confidence_must_be_a_number_from_0_to_1(value):
    for call in (lambda: quotes.extract("x", min_confidence=value), lambda: quotes.extract_many(["x"], min_confidence=value)):
        with pytest.raises(quotes.QuotesError, match="min_confidence must be a number from 0 to 1"):
            call()


def _failing_feed():
    yield '"We will win," Jane Doe said.'
    yield '"No," said Tom Ode.'
    raise ValueError("the feed broke")


def _feed_with_a_number():
    yield '"We will win," Jane Doe said.'
    yield 5


@pytest.mark.parametrize("n_process", [1, pytest.param(2, marks=pytest.mark.slow)])
def test_an_input_that_fails_part_way_yields_what_came_before_then_raises(n_process, capfd):
    for feed, error in ((_failing_feed, ValueError), (_feed_with_a_number, quotes.InputError)):
        got = []
        with pytest.raises(error):
            for found in quotes.extract_many(feed(), n_process=n_process, batch_size=32):
                got.append([q.speaker_name for q in found])
        assert got == [["Jane Doe"], ["Tom Ode"]][: len(got)] and len(got) == (2 if feed is _failing_feed else 1)
    assert capfd.readouterr().err == ""  # no worker says "Exception ignored ... SystemExit"


@pytest.mark.parametrize(
    "text",
    [
        '"We will win," Jane\x00 Doe said.',  # NUL
        '"We will win," said Jane\u200bDoe.',  # a zero-width space parting the names
        '"We will win," Jane 👩\u200d🚀 Doe said.',  # emoji
    ],
)
def test_odd_characters_in_a_name_give_the_name(text):
    (quote,) = quotes.extract(text)
    assert (quote.speaker_name, quote.source_type) == ("Jane Doe", "person")
    assert text[quote.speaker.start : quote.speaker.end] == quote.speaker.text


def test_old_mac_line_endings_read_as_line_breaks():
    lines = ['Budget talks resume', '"First," she said.', '"Second and more," Jane Doe said.', "Third line here."]
    unix, mac = quotes.extract("\n".join(lines)), quotes.extract("\r".join(lines))
    assert [(q.kind, q.text, q.start, q.speaker_name) for q in mac] == [
        (q.kind, q.text, q.start, q.speaker_name) for q in unix
    ]
    assert [q.text for q in mac] == ["First", "Second and more"]


def test_entities_in_plain_text_are_read_decoded_with_offsets_on_the_original():
    text = "&ldquo;We will win,&rdquo; Jane Doe said. Procter &amp; Gamble said prices would rise."
    found = quotes.extract(text)
    assert [(q.text, q.speaker_name) for q in found] == [("We will win", "Jane Doe"), ("prices would rise", "Procter & Gamble")]
    for q in found:
        assert text[q.start : q.end] == q.text and text[q.speaker.start : q.speaker.end] == q.speaker.text
    assert found[1].speaker.text == "Procter &amp; Gamble"


@pytest.mark.slow
@pytest.mark.parametrize(
    "piece",
    ['"' * 100_000, "\u201c" * 100_000, "(" * 100_000, "]" * 100_000, ".\"" * 50_000, "🚀" * 100_000,
     '" ' * 50_000, "<" * 100_000, "http://x.com/" * 7_700, "a" * 100_000],
)
def test_any_100k_piece_of_symbols_parses_in_seconds(piece):
    text = '"We will win," Jane Doe said. ' + piece + ' "Fine," said Tom Ode.'
    started = time.monotonic()
    found = quotes.extract(text)
    assert time.monotonic() - started < 15
    assert [q.speaker_name for q in found] == ["Jane Doe", "Tom Ode"]
    assert all(text[q.start : q.end] == q.text for q in found)


@pytest.mark.slow
def test_a_piece_dense_with_quotes_is_parsed_in_smaller_pieces(nlp):
    text = '"Yes," he said. ' * 6_250  # 12,500 quote marks in 100,000 characters
    started = time.monotonic()
    ((_, found, error),) = _records(nlp, [text])
    assert error is None and len(found) == 6_250
    assert time.monotonic() - started < 40  # one piece: about a minute, most of it the extractor


def test_chunks_hold_at_most_so_many_double_quote_marks_where_a_break_allows():
    text = '"Yes," he said. ' * 100
    pieces = list(chunks(text, 10_000, max_marks=20))
    assert "".join(p for _, p in pieces) == text and len(pieces) == 11
    assert all(p.count('"') <= 20 for _, p in pieces) and all(p.endswith("said. ") for _, p in pieces)


def test_progress_moves_within_a_long_document(nlp, seed_text):
    from quotes.run.corpus import text_record
    from quotes.run.runner import Progress, Sink, run

    text = "\n\n".join([seed_text] * 4)
    record = text_record(text.encode(), "long.txt")
    steps: list[int] = []
    documents: list[int] = []
    progress = Progress(steps.append, documents.append)

    def in_small_pieces(records):  # as a 20 MB text is read in 100,000-character pieces
        keyed = ((r, r.text) for r in records)
        yield from pipe_records(nlp, keyed, chunk_chars=len(seed_text) + 10, progress=progress.part)

    run([record], in_small_pieces, Sink(io.StringIO(), io.StringIO()), progress=progress)
    assert len(steps) == 4 and sum(steps) == record.size and documents == [1]
    assert steps[0] == pytest.approx(record.size / 4, rel=0.05)
