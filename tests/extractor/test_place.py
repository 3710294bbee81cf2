"""Stage 3, ``quotes.extractor.place``: each link settled against the quote marks (its kind, and
direct content snapped to the words between the marks), and the quotes that carry on an
attributed one. Links are made by hand, so only this stage's decisions are tested."""
from __future__ import annotations

import pytest

from quotes.extractor.place import continuations, place
from quotes.text.quotemarks import find_quoted_spans
from tests.extractor.staged import make_link, placed, tokens, where


@pytest.mark.parametrize(
    "text, content, cue_class, kind, expected",
    [
        # No quote mark touches the content: reported speech, or a reported belief.
        ("Jane said the plan failed.", "the plan failed", "speech", "indirect", "the plan failed"),
        ("Police believe the money was spent.", "the money was spent", "belief", "belief", "the money was spent"),
        # A quote elsewhere in the text does not touch this content.
        ('"Fine," Tom said. Jane said the plan failed.', "the plan failed", "speech", "indirect", "the plan failed"),
        # Nothing but the quote: direct, snapped to the words inside the marks, less the comma
        # before the closing mark; whether the link took the marks or not.
        ('"We will win," Jane said.', '"We will win', "speech", "direct", "We will win"),
        ('"We will win," Jane said.', '"We will win,"', "speech", "direct", "We will win"),
        ('Jane said: "We will win."', "We will win", "speech", "direct", "We will win."),
        # The full stop inside the marks is part of the quote.
        ('Jane said: "We will win."', '"We will win."', "speech", "direct", "We will win."),
        # Two quotes with only punctuation between: one direct content from the first word to the last.
        ('"We won." "We did," Jane said.', '"We won." "We did', "speech", "direct", 'We won." "We did'),
        # Reported speech holding a quoted fragment: mixed, widened to the whole quote.
        ('Jane said China could not "have its cake".', 'China could not "have its cake"', "speech", "mixed",
         'China could not "have its cake"'),
        ('Jane said China could not "have its cake".', 'China could not "have its', "speech", "mixed",
         'China could not "have its cake"'),
        ('Jane said "we" would win.', 'we" would win', "speech", "mixed", '"we" would win'),
        # Words outside the marks make a belief with a quoted fragment mixed too.
        ('Police believe "the money" was spent.', 'the money" was spent', "belief", "mixed", '"the money" was spent'),
        # A transcript turn is verbatim whatever marks it holds, and keeps its edges.
        ('FALLIN: Well, "no" is the answer.', 'Well, "no" is the answer', "turn", "direct", 'Well, "no" is the answer'),
    ],
)
def test_place_decides_the_kind_and_the_edges(text, content, cue_class, kind, expected):
    doc = tokens(text)
    item = make_link(doc, content, cue_class=cue_class, rule="verb-clause")
    result = place(text, item, find_quoted_spans(text))
    assert (result.kind, result.start, result.end) == (kind, *where(text, expected))
    assert result.link is item and result.rule == "" and result.rule_name == "verb-clause"


def test_a_mixed_quote_is_trimmed_of_edge_punctuation():
    text = 'Jane said, "we" would win.'
    doc = tokens(text)
    result = place(text, make_link(doc, ', "we" would win.'), find_quoted_spans(text))
    assert (result.kind, text[result.start : result.end]) == ("mixed", '"we" would win')


QUOTE = '"We fought hard," John Smith said'


@pytest.mark.parametrize(
    "text, expected",
    [
        # The attribution sentence ends and the quote goes on.
        (f'{QUOTE} after the match. "We will be back."', ["We will be back."]),
        # ... across one blank line, but not two.
        (f'{QUOTE}.\n\n"We will be back."', ["We will be back."]),
        (f'{QUOTE}.\n\n\n"We will be back."', []),
        # A continuation that runs over a paragraph break carries on in the next paragraph.
        (f'{QUOTE}. "We will be back.\n\n"We always are."', ["We will be back.", "We always are."]),
        # Another sentence between: the article has moved on.
        (f'{QUOTE}. Then it rained. "We will be back."', []),
        # A quote with no sentence end after the attribution is a scare quote, not more words.
        (f'{QUOTE}. "Big win"', []),
        (f'{QUOTE} of the "new rules."', []),
        # A stage direction is nobody's words.
        (f'{QUOTE}. "(Laughter.)"', []),
        # A quote with an attribution of its own is not carried on.
        (f'{QUOTE}. "Did we lose?" Tom Berg asked.', []),
    ],
)
def test_a_quote_after_an_attributed_one_continues_it(text, expected):
    doc = tokens(text)
    anchor = make_link(doc, '"We fought hard', cue="said", speaker="John Smith")
    links = [anchor]
    if "Tom Berg" in text:
        links.append(make_link(doc, '"Did we lose?', cue="asked", speaker="Tom Berg"))
    attributed = placed(doc, *links)
    assert [p.kind for p in attributed] == ["direct"] * len(links)
    found = continuations(text, attributed, find_quoted_spans(text))
    assert [(p.kind, p.start, p.end, p.rule_name) for p in found] == [
        ("direct", *where(text, words), "continuation") for words in expected
    ]
    assert all(p.link is anchor and p.rule == "continuation" for p in found)


def test_only_a_direct_quote_is_carried_on():
    text = 'Lee said the tax was needed. "Nobody likes a tax."'
    doc = tokens(text)
    attributed = placed(doc, make_link(doc, "the tax was needed", cue="said", speaker="Lee"))
    assert [p.kind for p in attributed] == ["indirect"]
    assert continuations(text, attributed, find_quoted_spans(text)) == []


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # A quote runs over a paragraph break (no closing mark; the next paragraph reopens): the
        # earlier part takes its attribution from what follows.
        (['"Nobody likes a tax.'], ["Nobody likes a tax."]),
        # A chain of such paragraphs, walked back from the attributed one.
        (['"Nobody likes a tax.', '"Or a fee.'], ["Nobody likes a tax.", "Or a fee."]),
        # An unclosed paragraph that is a stage direction is not taken.
        (['"(Applause.)'], []),
    ],
)
def test_an_unclosed_paragraph_takes_the_attribution_that_follows(paragraphs, expected):
    text = "\n\n".join(["Mayor Ann Lee spoke.", *paragraphs, '"But we need the money," Lee said.'])
    doc = tokens(text)
    anchor = make_link(doc, '"But we need the money', cue="said", speaker="Lee")
    attributed = placed(doc, anchor)
    assert [(p.kind, text[p.start : p.end]) for p in attributed] == [("direct", "But we need the money")]
    quoted = find_quoted_spans(text)
    assert [q.continued for q in quoted] == [True] * len(paragraphs) + [False]
    found = continuations(text, attributed, quoted)
    assert [(p.kind, p.start, p.end, p.rule_name) for p in found] == [
        ("direct", *where(text, words), "continuation") for words in expected
    ]
    assert all(p.link is anchor for p in found)


def test_an_unclosed_paragraph_a_turn_already_holds_is_the_turns():
    # '"WALLACE: …' opens an unclosed quoted paragraph whose words a transcript turn holds.
    text = 'Partial transcript:\n\n"WALLACE: Will taxes rise?\n\n"Not this year," Lee said.'
    doc = tokens(text)
    turn = make_link(doc, "Will taxes rise?", cue=":", speaker="WALLACE", cue_class="turn", rule="turn")
    anchor = make_link(doc, '"Not this year', cue="said", speaker="Lee")
    attributed = placed(doc, turn, anchor)
    assert [(p.kind, text[p.start : p.end]) for p in attributed] == [
        ("direct", "Will taxes rise?"), ("direct", "Not this year"),
    ]
    quoted = find_quoted_spans(text)
    assert [q.continued for q in quoted] == [True, False]
    assert continuations(text, attributed, quoted) == []
    # Without the turn, the paragraph carries on Lee's quote.
    found = continuations(text, attributed[1:], quoted)
    assert [(text[p.start : p.end], p.link) for p in found] == [("WALLACE: Will taxes rise?", anchor)]
