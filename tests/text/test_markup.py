"""HTML input: detected, reduced to the text a reader sees, and mapped back to the original."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.text.markup import looks_like_markup, map_quote, strip_markup

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Talks</title>
<style>p { margin: 0 }</style><script>var s = "<p>not text</p>";</script></head>
<body>
<article>
  <h1>US &amp; China trade barbs</h1>
  <p>&ldquo;It can&rsquo;t have it both ways,&rdquo; said US State Department spokesman
     <a href="/people/patel">Vedant Patel</a>.</p>
  <p>Xi said the two sides <em>agreed</em> to &#8220;keep talking&#8221;.<br>
     Markets rose&nbsp;2%.</p>
  <ul><li>first point</li><li>second point</li></ul>
  <!-- a comment with "quotes" -->
</article>
</body></html>"""


def test_news_html_looks_like_markup():
    assert looks_like_markup(ARTICLE)
    assert looks_like_markup("<p>One.</p><p>Two.</p>")
    assert looks_like_markup("<div>&ldquo;Hi,&rdquo; Ann said.</div>")


@pytest.mark.parametrize(
    "prose",
    [
        "Inflation fell to <2% while growth stayed > 3%, the bank said.",
        "If x < y and y > z, then x < z.",
        'He wrote "<b>" in the chat, which shows as bold.',
        "The HTML tag <p> starts a paragraph, the tutor said.",
        "Shares of AT&T rose; Johnson & Johnson fell.",
        'Hello <b>there</b>. "We are <fine> here," Jane Doe said. <b>x</b>',  # inline tags only
        "She <em>did</em> say it &mdash; <i>twice</i>.",
        "",
    ],
)
def test_prose_mentioning_angle_brackets_is_not_markup(prose):
    assert not looks_like_markup(prose)


def test_plain_text_is_what_a_reader_sees():
    plain = strip_markup(ARTICLE).text
    assert plain == (
        "US & China trade barbs\n\n"
        "“It can’t have it both ways,” said US State Department spokesman Vedant Patel.\n\n"
        "Xi said the two sides agreed to “keep talking”.\n\n"
        "Markets rose 2%.\n\nfirst point\n\nsecond point"
    )


def test_offsets_map_back_to_the_same_words():
    stripped = strip_markup(ARTICLE)
    plain = stripped.text
    for words, original in [
        ("It can’t have it both ways,", "It can&rsquo;t have it both ways,"),
        ("“It can’t have it both ways,”", "&ldquo;It can&rsquo;t have it both ways,&rdquo;"),
        ("spokesman Vedant Patel", 'spokesman\n     <a href="/people/patel">Vedant Patel'),
        ("agreed to “keep talking”", "<em>agreed</em> to &#8220;keep talking&#8221;"),
        ("US & China", "US &amp; China"),
        ("second point", "second point"),
    ]:
        start = plain.index(words)
        s, e = stripped.span_to_original(start, start + len(words))
        if words.startswith("agreed"):
            assert ARTICLE[s:e] == "agreed</em> to &#8220;keep talking&#8221;"
        else:
            assert ARTICLE[s:e] == original
        assert strip_markup(ARTICLE[s:e]).text == words
        # to_original alone, for both ends, keeps the same words too (with any tags after them).
        loose = ARTICLE[stripped.to_original(start) : stripped.to_original(start + len(words))]
        assert strip_markup(loose).text == words


def test_every_offset_maps_inside_the_original_in_order():
    stripped = strip_markup(ARTICLE)
    mapped = [stripped.to_original(i) for i in range(len(stripped.text) + 1)]
    assert all(0 <= a <= b <= len(ARTICLE) for a, b in zip(mapped, mapped[1:]))
    assert mapped[-1] == ARTICLE.index("</li></ul>")
    # Verbatim characters map to themselves.
    for i, char in enumerate(stripped.text):
        if char.isalnum():
            assert ARTICLE[mapped[i]] == char


def test_mapping_is_compact():
    page = "<p>" + "</p>\n<p>".join(f"Paragraph {i} says “hello” to the reader." for i in range(2000)) + "</p>"
    stripped = strip_markup(page)
    assert len(stripped._plain) < 2 * 2000 + 2  # one text run and one break per paragraph
    assert stripped.text.count("\n\n") == 1999


def test_map_quote_moves_every_part_onto_the_original():
    stripped = strip_markup(ARTICLE)
    plain = stripped.text

    def span(words: str) -> dict:
        start = plain.index(words)
        return {"text": words, "start": start, "end": start + len(words)}

    content = span("It can’t have it both ways,")
    quote = {
        "id": "doc-1", "kind": "direct", **content,
        "speaker": span("Vedant Patel"), "speaker_name": "Vedant Patel", "cue": span("said"),
        "speaker_role": span("US State Department spokesman"), "source_type": "person",
        "rule": "quote-cue", "confidence": 0.9,
    }
    mapped = map_quote(quote, stripped, ARTICLE)
    assert mapped["text"] == "It can&rsquo;t have it both ways,"
    assert mapped["speaker"]["text"] == "Vedant Patel"
    assert mapped["cue"]["text"] == "said"
    assert mapped["speaker_role"]["text"] == "US State Department spokesman"
    for key in ("speaker", "cue", "speaker_role"):
        part = mapped[key]
        assert ARTICLE[part["start"] : part["end"]] == part["text"]
    assert ARTICLE[mapped["start"] : mapped["end"]] == mapped["text"]
    assert {k: mapped[k] for k in ("id", "speaker_name", "source_type", "rule", "confidence")} == {
        "id": "doc-1", "speaker_name": "Vedant Patel", "source_type": "person", "rule": "quote-cue",
        "confidence": 0.9,
    }
    assert quote["text"] == "It can’t have it both ways,"  # the input dict is left alone


def test_map_quote_without_optional_parts():
    stripped = strip_markup("<p>“Yes,” <b>Ann</b> said.</p>")
    quote = {"kind": "direct", "text": "Yes,", "start": 1, "end": 5, "speaker": None, "cue": None}
    mapped = map_quote(quote, stripped, "<p>“Yes,” <b>Ann</b> said.</p>")
    assert (mapped["text"], mapped["speaker"], mapped["cue"]) == ("Yes,", None, None)


@pytest.mark.parametrize(
    "page",
    ["", "<p></p>", "<", "<<>>", "&", "&#xD800;", "<p>unclosed <b>bold", "<!-- never closed", "<script>x"],
)
def test_odd_markup_gives_text_and_a_consistent_map(page):
    stripped = strip_markup(page)
    for i in range(len(stripped.text) + 1):
        assert 0 <= stripped.to_original(i) <= len(page)
        assert 0 <= stripped.to_original_end(i) <= len(page)
    assert "\ud800" not in stripped.text


def test_extractor_on_stripped_html_maps_quotes_back(extract):
    stripped = strip_markup(ARTICLE)
    found = [map_quote(q.to_dict(), stripped, ARTICLE) for q in extract(stripped.text)]
    patel = next(q for q in found if q["speaker"] and "Patel" in q["speaker"]["text"])
    assert patel["kind"] == "direct"
    assert patel["text"].startswith("It can&rsquo;t have it both ways")
    assert ARTICLE[patel["start"] : patel["end"]] == patel["text"]
    assert ARTICLE[patel["speaker"]["start"] : patel["speaker"]["end"]] == patel["speaker"]["text"]


PIECES = st.one_of(
    st.sampled_from(["<p>", "</p>", "<br>", "<b>", "</b>", "<a href='x>y'>", "</a>", "<div class=\"c\">",
                     "<script>x<p>y</p></script>", "<!-- c -->", "<", ">", "&amp;", "&ldquo;", "&#8221;",
                     "&nbsp;", "&bogus;", "&", "\n", "  ", "\t", "“", '"']),
    st.sampled_from(["Ann", "said", "the", "plan", "é", "日本"]),
    st.text(max_size=4),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_any_input_gives_a_monotone_map_inside_the_original(page):
    stripped = strip_markup(page)
    starts = [stripped.to_original(i) for i in range(len(stripped.text) + 1)]
    ends = [stripped.to_original_end(i) for i in range(len(stripped.text) + 1)]
    assert all(0 <= a <= b <= len(page) for a, b in zip(starts, starts[1:]))
    assert all(0 <= a <= b <= len(page) for a, b in zip(ends, ends[1:]))
    for i, char in enumerate(stripped.text):
        assert starts[i] <= ends[i + 1]
        if char.isalnum() and page[starts[i]] != "&":  # letters are copied, not made up
            assert page[starts[i]] == char and ends[i + 1] == starts[i] + 1
