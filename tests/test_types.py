"""Result types: ``Quote.from_dict`` reads back only what ``to_dict`` writes."""
from __future__ import annotations

import json

import pytest

from quotes import Quote, QuotesError, TextSpan

GOOD = {"kind": "direct", "text": "We will win", "start": 1, "end": 12}


@pytest.mark.parametrize(
    "data, field",
    [
        ({}, "'kind'"),
        ({**GOOD, "kind": "shout"}, "'kind'"),
        ({k: v for k, v in GOOD.items() if k != "text"}, "'text'"),
        ({**GOOD, "start": "1"}, "'start'"),
        ({**GOOD, "end": True}, "'end'"),
        ({**GOOD, "confidence": "high"}, "'confidence'"),
        ({**GOOD, "speaker": "Jane"}, "'speaker'"),
        ({**GOOD, "speaker": {"text": "Jane", "start": 0}}, "'end'"),
        ({**GOOD, "source_type": "alien"}, "'source_type'"),
        ({**GOOD, "speaker_name": 7}, "'speaker_name'"),
    ],
)
def test_from_dict_names_a_missing_or_mistyped_field(data, field):
    with pytest.raises(QuotesError, match=field):
        Quote.from_dict(data)


def test_from_dict_reads_the_minimal_form():
    assert Quote.from_dict(GOOD) == Quote("direct", "We will win", 1, 12)


def test_the_dict_form_is_what_its_json_line_reads_back_as():
    """Workers, the JSON lines and ``--resume`` compare dicts: a tuple where JSON gives a list
    would make the same quote unequal to itself once written."""
    split = Quote(kind="direct", text="A. B", start=0, end=4, pieces=(TextSpan("A.", 0, 2), TextSpan("B", 3, 4)))
    for quote in (split, Quote(kind="direct", text="A", start=0, end=1)):
        plain = quote.to_dict()
        assert json.loads(json.dumps(plain)) == plain
        assert Quote.from_dict(plain) == quote
