"""Stage 3, ``quotes.extractor.floating``: a quoted sentence with no cue goes to the source of
the last attribution in the same or the previous paragraph, unless someone else was named since.
Entities and attributions are made by hand, so only this stage's decisions are tested."""
from __future__ import annotations

import pytest

from quotes.extractor.floating import floating_quotes
from quotes.text.quotemarks import find_quoted_spans
from tests.extractor.staged import make_link, placed, tokens, where

LEAD = "Coach Maria Lopez was blunt. Lopez said the team was tired."
QUOTE = '"The second half was the worst we have played."'
WORDS = "The second half was the worst we have played."
BERG = (("Tom Berg", "PERSON"),)


@pytest.mark.parametrize(
    "text, ents, expected",
    [
        # The passage is about Lopez: the quoted sentence after her attribution is hers.
        (f"{LEAD}\n\n{QUOTE}", (), WORDS),
        (f"{LEAD} {QUOTE}", (), WORDS),
        # Names already behind the speaker, or inside the attribution's content, do not count.
        (f"{LEAD}\n\n{QUOTE}", (("Maria Lopez", "PERSON"), (("Lopez", 1), "PERSON")), WORDS),
        (f"Coach Maria Lopez was blunt. Lopez said Tom Berg was tired.\n\n{QUOTE}", BERG, WORDS),
        # A quote that ends its paragraph ends a sentence, with or without a full stop.
        (f'{LEAD}\n\nShe added: "The second half was the worst we have played"', (),
         "The second half was the worst we have played"),
        # A name inside the quote itself is no one named in between.
        (f'{LEAD}\n\n"The second half was the worst, Tom Berg included."', BERG,
         "The second half was the worst, Tom Berg included."),
        # Someone else named between the attribution and the quote (a PERSON entity): the reader
        # cannot tell whose the quote is, so nobody's. The same words untagged are no one.
        (f"{LEAD} Tom Berg scored twice.\n\n{QUOTE}", (), WORDS),
        (f"{LEAD} Tom Berg scored twice.\n\n{QUOTE}", BERG, None),
        # Too short to be a sentence: a phrase someone used.
        (f'{LEAD}\n\n"A total disaster."', (), None),
        # A quote that does not start a sentence, or does not end one, is a scare quote or a title.
        (f'{LEAD}\n\nShe called it "the worst half we have played all year."', (), None),
        (f'{LEAD}\n\n"The worst half we have played" was her verdict.', (), None),
        # Two paragraphs on, the passage has moved on.
        (f"{LEAD}\n\nThe weather was fine.\n\n{QUOTE}", (), None),
        # The attribution comes after the quote: there is none before it.
        (f"{QUOTE}\n\n{LEAD}", (), None),
    ],
)
def test_a_floating_quote_goes_to_the_last_source_in_view(text, ents, expected):
    doc = tokens(text, ents=ents)
    # The attribution: "Lopez said <content>." (the second "Lopez" in the text).
    content = text[text.index("said ") + 5 : text.index(".", text.index("said "))]
    attributed = placed(doc, make_link(doc, content, cue="said", speaker=("Lopez", 1)))
    found = floating_quotes(doc, text, attributed, find_quoted_spans(text))
    assert [(p.kind, p.link.rule) for p in attributed] == [("indirect", "verb-clause")]
    if expected is None:
        assert found == []
        return
    start, end = where(text, expected)
    assert [(p.kind, p.start, p.end, p.rule_name) for p in found] == [("direct", start, end, "floating")]
    (quote,) = found
    speaker = attributed[0].link.speaker
    assert quote.link.speaker is speaker and speaker.text == "Lopez"
    assert (quote.link.cue, quote.link.cue_class, quote.link.start, quote.link.end) == (None, "speech", start, end)


def test_a_quote_an_attribution_already_holds_does_not_float():
    text = f"{LEAD}\n\nLopez said: {QUOTE}"
    doc = tokens(text)
    links = [
        make_link(doc, "the team was tired", cue="said", speaker=("Lopez", 1)),
        make_link(doc, QUOTE, cue=("said", 1), speaker=("Lopez", 2)),
    ]
    attributed = placed(doc, *links)
    assert [p.kind for p in attributed] == ["indirect", "direct"]
    assert floating_quotes(doc, text, attributed, find_quoted_spans(text)) == []
    # Without its own attribution, the same quote floats to Lopez.
    found = floating_quotes(doc, text, attributed[:1], find_quoted_spans(text))
    assert [(text[p.start : p.end], p.rule_name) for p in found] == [(WORDS, "floating")]


def test_an_attribution_with_no_speaker_is_no_anchor():
    text = f'"We were tired," the statement read.\n\n{QUOTE}'
    doc = tokens(text)
    attributed = placed(doc, make_link(doc, '"We were tired', cue="read"))
    assert [(p.kind, p.link.speaker) for p in attributed] == [("direct", None)]
    assert floating_quotes(doc, text, attributed, find_quoted_spans(text)) == []


@pytest.mark.parametrize("rule, floats", [("turn", False), ("headline", False), ("verb-quote", True)])
def test_a_quoted_paragraph_that_opens_a_turn_is_the_turns(rule, floats):
    # '"PENCE: Well, …"': the turn's content starts after the name, so only its rule keeps the
    # quoted paragraph from floating to the attribution before it.
    text = 'Pence said the talks failed.\n\n"PENCE: Well, look, we have done this before."'
    doc = tokens(text)
    links = [
        make_link(doc, "the talks failed", cue="said", speaker="Pence"),
        make_link(doc, "Well, look, we have done this before", cue=":", speaker="PENCE",
                  cue_class="turn", rule=rule),
    ]
    attributed = placed(doc, *links)
    assert [(p.kind, p.rule_name) for p in attributed] == [("indirect", "verb-clause"), ("direct", rule)]
    found = floating_quotes(doc, text, attributed, find_quoted_spans(text))
    expected = [("PENCE: Well, look, we have done this before.", "Pence")] if floats else []
    assert [(text[p.start : p.end], p.link.speaker.text) for p in found] == expected
