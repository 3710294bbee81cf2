"""Content edges as PolNeAR draws them (quotes/content_span.py, learned into
quotes/data/content_span.json), applied in the attributions scope only."""
from __future__ import annotations

from dataclasses import replace

import pytest

import quotes
from quotes.learned.content_span import ContentSpanTable, child_keys, edges, reshape, side_of
from quotes.types import Quote, TextSpan
from tests.hand_parse import parsed


@pytest.fixture(scope="module")
def attributions():
    return quotes.load(scope="attributions")


def word(doc, text: str):
    return next(t for t in doc if t.text == text)


def indirect(doc, content: str, cue: str, rule: str = "verb-object") -> Quote:
    start = doc.text.index(content)
    at = doc.text.index(cue)
    return Quote("indirect", content, start, start + len(content), cue=TextSpan(cue, at, at + len(cue)), rule=rule)


def test_keys_go_from_specific_to_general(parse):
    doc = parse("She described Trump as a caricature.")
    described, as_ = word(doc, "described"), word(doc, "as")
    assert child_keys("cue", as_, described, "verb-object") == (
        "cue|prep|R|as|verb-object", "cue|prep|R|as", "cue|prep|R|ADP", "cue|prep|R")


def test_a_child_after_a_comma_has_its_own_side(parse):
    doc = parse("Officials said the senator, who is 70, was healthy.")
    senator = word(doc, "senator")
    who_clause = next(c for c in senator.rights if c.dep_ == "relcl")
    assert side_of(who_clause, senator) == "R,"


def test_a_hand_made_table_moves_only_the_edges(parse):
    doc = parse("She described Trump as a caricature yesterday.")
    quote = indirect(doc, "Trump", "described")
    assert reshape(doc, quote, ContentSpanTable({})) == quote  # nothing listed: nothing moves
    takes_as = ContentSpanTable({"cue|prep|R|as": "take"})
    assert reshape(doc, quote, takes_as).text == "Trump as a caricature"
    both = ContentSpanTable({"cue|prep|R|as": "take", "cue|npadvmod|R": "take"})
    assert reshape(doc, quote, both).text == "Trump as a caricature yesterday"
    # "yesterday" is a complement too, but the walk stops at the first child left out
    assert reshape(doc, quote, ContentSpanTable({"cue|npadvmod|R": "take"})).text == "Trump"


def test_trailing_children_of_the_head_are_dropped_from_the_end(parse):
    doc = parse("Officials said the senator was healthy, though doctors disagreed.")
    quote = indirect(doc, "the senator was healthy, though doctors disagreed", "said", "verb-clause")
    found = edges(doc, quote)
    assert found is not None and found.head.text == "was"
    drops = ContentSpanTable({"head|advcl|R,": "no"})
    reshaped = reshape(doc, quote, drops)
    assert reshaped.text == "the senator was healthy"
    assert doc.text[reshaped.start:reshaped.end] == reshaped.text


SENATOR = """
    Officials 1 nsubj NOUN officials
    said 1 ROOT VERB say
    the 3 det DET the
    senator 4 nsubj NOUN senator
    was 1 ccomp AUX was
    healthy 4 acomp ADJ healthy nospace
    , 4 punct PUNCT ,
"""


def test_quoted_words_are_never_cut():
    drops = ContentSpanTable({"head|advcl|R,": "no", "head|advcl|R": "no"})
    plain = parsed(SENATOR + """
        though 9 mark SCONJ though
        doctors 9 nsubj NOUN doctors
        disagreed 4 advcl VERB disagreed nospace
        . 4 punct PUNCT .
    """)
    quote = indirect(plain, "the senator was healthy, though doctors disagreed", "said", "verb-clause")
    assert reshape(plain, quote, drops).text == "the senator was healthy"
    quoted = parsed(SENATOR + """
        " 4 punct PUNCT " nospace
        though 10 mark SCONJ though
        doctors 10 nsubj NOUN doctors
        disagreed 4 advcl VERB disagreed nospace
        . 4 punct PUNCT . nospace
        " 4 punct PUNCT "
    """)
    content = 'the senator was healthy, "though doctors disagreed."'
    quote = replace(indirect(quoted, content, "said", "verb-clause"), kind="mixed")
    found = edges(quoted, quote)
    assert found is not None and "disagreed" in [c.text for c in found.trailing]
    assert reshape(quoted, quote, drops).text == content


def test_a_new_edge_keeps_the_closing_quote_mark_before_it():
    doc = parsed("""
        Officials 1 nsubj NOUN officials
        said 1 ROOT VERB say
        the 3 det DET the
        plan 4 nsubj NOUN plan
        was 1 ccomp AUX was
        " 6 punct PUNCT " nospace
        dead 4 acomp ADJ dead nospace
        " 6 punct PUNCT " nospace
        , 4 punct PUNCT ,
        and 4 cc CCONJ and
        aides 11 nsubj NOUN aides
        left 4 conj VERB left
    """)
    quote = replace(indirect(doc, 'the plan was "dead", and aides left', "said", "verb-clause"), kind="mixed")
    assert reshape(doc, quote, ContentSpanTable({"head|conj|R": "no"})).text == 'the plan was "dead"'


def test_the_subject_of_the_clause_never_moves():
    doc = parsed("""
        Aides 1 nsubj NOUN aides
        said 1 ROOT VERB say
        Biden 3 nsubj PROPN biden
        was 1 ccomp AUX was
        fit 3 acomp ADJ fit
    """)
    quote = indirect(doc, "Biden was fit", "said", "verb-clause")
    assert reshape(doc, quote, ContentSpanTable({"head|nsubj|L": "no", "head|nsubj|L|PROPN": "no"})) == quote


def test_direct_quotes_and_cueless_quotes_are_left_alone(parse):
    doc = parse('"We will win," she said.')
    direct = Quote("direct", "We will win,", 1, 13, cue=TextSpan("said", 19, 23))
    table = ContentSpanTable({"head|aux|L": "no"})
    assert reshape(doc, direct, table) == direct
    assert edges(doc, replace(direct, kind="indirect", cue=None)) is None


def test_the_learned_table_follows_polnear(attributions):
    assert ContentSpanTable.load() is not None, "quotes/data/content_span.json is missing"
    cases = [
        ("She described Trump as a Romney caricature.", "Trump as a Romney caricature"),
        ("The mayor urged supporters to monitor polling places.", "supporters to monitor polling places"),
    ]
    for text, expected in cases:
        assert [q.text for q in attributions(text)._.quotes] == [expected], text


def test_the_default_scope_keeps_the_spans_of_gold_readme():
    # PolNeAR's learned edges take "as a Romney caricature" into an object content; the default
    # scope reports no describing with nothing quoted (gold/README.md).
    text = "She described Trump as a Romney caricature."
    assert quotes.extract(text) == []
    assert "Trump as a Romney caricature" in [q.text for q in quotes.extract(text, scope="attributions")]
