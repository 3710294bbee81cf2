"""Cue spans as PolNeAR writes them (quotes/cue_span.py, learned into quotes/data/cue_span.json)."""
from __future__ import annotations

from quotes.learned.cue_span import CueSpanTable, child_keys, cue_span


def verb(doc, word: str):
    return next(t for t in doc if t.text == word)


def test_keys_go_from_specific_to_general(parse):
    doc = parse("The minister has denied the report.")
    denied = verb(doc, "denied")
    has = verb(doc, "has")
    assert child_keys(has, denied) == ("aux|L|has|deny", "aux|L|has", "aux|L|AUX")


def test_a_hand_made_table(parse):
    doc = parse("The minister has also denied the report on Tuesday.")
    denied = verb(doc, "denied")
    assert cue_span(denied, CueSpanTable({})).text == "denied"
    table = CueSpanTable({"aux|L|AUX": "subtree", "advmod|L|also": "subtree"})
    assert cue_span(denied, table).text == "has also denied"
    # only words touching the verb: a left-out "also" cuts "has" off
    assert cue_span(denied, CueSpanTable({"aux|L|AUX": "subtree", "advmod|L|also": "no"})).text == "denied"


def test_the_learned_table_takes_auxiliaries_negation_and_particles(parse):
    table = CueSpanTable.load()
    assert table is not None, "quotes/data/cue_span.json is missing"
    cases = [
        ("The senator has also denied the claim.", "denied", "has also denied"),
        ("She did not say whether he would run.", "say", "did not say"),
        ("Critics pointed out that the plan was late.", "pointed", "pointed out"),
        ("The mayor said that taxes would rise.", "said", "said"),
    ]
    for text, word, expected in cases:
        doc = parse(text)
        assert cue_span(verb(doc, word), table).text == expected, text


def test_a_cue_never_ends_on_punctuation(parse):
    doc = parse("He added, however, that nothing changed.")
    added = verb(doc, "added")
    span = cue_span(added, CueSpanTable({"punct|R|PUNCT": "subtree", "advmod|R|ADV": "subtree"}))
    assert not span[-1].is_punct and span.root.i == added.i


def test_widen_cue_keeps_offsets_true_and_leaves_phrases_alone(parse):
    from quotes.learned.cue_span import widen_cue
    from quotes.types import Quote, TextSpan

    text = "The senator has also denied the claim, according to aides."
    doc = parse(text)
    table = CueSpanTable({"aux|L|AUX": "subtree", "advmod|L|also": "subtree"})
    start = text.index("denied")
    quote = Quote("indirect", "the claim", 28, 37, cue=TextSpan("denied", start, start + 6))
    wide = widen_cue(doc, quote, table).cue
    assert wide.text == "has also denied" and text[wide.start : wide.end] == wide.text
    phrase = text.index("according to")
    other = Quote("indirect", "x", 0, 1, cue=TextSpan("according to", phrase, phrase + 12))
    assert widen_cue(doc, other, table) == other
    assert widen_cue(doc, Quote("direct", "x", 0, 1), table).cue is None
