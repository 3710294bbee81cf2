"""The gender of each quoted person (``quotes.speakers.gender``): the article's own evidence
first, the first-name table only when the article says nothing, conflicting evidence unknown."""
from __future__ import annotations

from collections import Counter

import pytest

from quotes.resources.lists import load_lists
from quotes.speakers.gender import presented_gender


def genders(extract, text: str) -> list[tuple[str | None, str, str | None, str | None]]:
    """(canonical name, source type, gender, evidence) of every quote, in text order."""
    return [(q.speaker_name, q.source_type, q.speaker_gender, q.gender_evidence) for q in extract(text)]


def test_a_pronoun_alone_decides(extract):
    # "Jordan" is given to both genders: without "he" the table would not speak.
    text = 'Jordan Blake said the plan would fail. "It is too late," he said.'
    assert genders(extract, text) == [("Jordan Blake", "person", "male", "pronoun")] * 2


def test_a_title_alone_decides(extract):
    text = 'Ms. Robin Vance said the plant would close. "We had no choice," Vance said.'
    assert genders(extract, text) == [("Robin Vance", "person", "female", "title")] * 2


def test_a_role_word_alone_decides(extract):
    text = "Casey Reed said the plan would fail. Reed, a spokeswoman for the council, added that it was late."
    assert genders(extract, text) == [("Casey Reed", "person", "female", "role word")] * 2


def test_the_name_table_speaks_only_when_the_article_says_nothing(extract):
    assert genders(extract, '"The bridge is safe," Kevin Brandt said.') == [
        ("Kevin Brandt", "person", "male", "first name")]


def test_an_ambiguous_first_name_and_nothing_else_is_unknown(extract):
    assert genders(extract, '"The bridge is safe," Jordan Blake said.') == [("Jordan Blake", "person", "unknown", None)]


def test_conflicting_evidence_in_the_article_is_unknown(extract):
    text = "Mr. Casey Reed said the plan would fail. Reed, a spokeswoman for the council, added that it was late."
    assert genders(extract, text) == [("Casey Reed", "person", "unknown", None)] * 2


def test_a_pronoun_the_model_gives_someone_else_is_not_the_speakers(extract):
    # "her" and "she" follow Jason Reid's name in his sentence, but are his mother-in-law's.
    text = ("Olivia Grant, a nurse, died in the crash. Her mother, Helen Grant, read a statement in court. "
            "Her son-in-law, Jason Reid, stood beside her as she spoke. \"The least we can ask is that people "
            "put their phones down,\" he said outside court.")
    assert genders(extract, text) == [("Jason Reid", "person", "male", "role word")]


def test_organisations_and_anonymous_sources_carry_no_gender(extract):
    text = ('Acme Corp said its sales fell. "We are disappointed," the company said. '
            "Officials said the plant would close.")
    found = genders(extract, text)
    assert [row[1] for row in found] == ["organisation", "organisation", "anonymous"]
    assert all(row[2:] == (None, None) for row in found)


# -- the rule itself, on evidence counted by hand ----------------------------------------------

LISTS = load_lists()


@pytest.mark.parametrize(
    ("evidence", "name", "expected"),
    [
        (Counter({("f", "pronoun"): 2}), "Jordan Blake", ("female", "pronoun")),
        (Counter({("m", "title"): 1}), "Jordan Blake", ("male", "title")),
        # The article's evidence wins over the name table: "Kevin" is male there.
        (Counter({("f", "role word"): 1}), "Kevin Brandt", ("female", "role word")),
        # Several kinds agree: the pronoun is reported first, then the title, then the role word.
        (Counter({("f", "title"): 1, ("f", "pronoun"): 1, ("f", "role word"): 3}), "Jo Li", ("female", "pronoun")),
        (Counter({("m", "role word"): 1, ("m", "title"): 2}), "Jo Li", ("male", "title")),
        # One slip against three: the resolver gave one pronoun to the wrong person.
        (Counter({("f", "pronoun"): 3, ("m", "pronoun"): 1}), "Jo Li", ("female", "pronoun")),
        (Counter({("f", "pronoun"): 2, ("m", "pronoun"): 1}), "Jo Li", ("unknown", None)),
        (Counter({("f", "title"): 1, ("m", "role word"): 1}), "Jo Li", ("unknown", None)),
        (Counter(), "Kevin Brandt", ("male", "first name")),
        (Counter(), "Mary Stone", ("female", "first name")),
        (Counter(), "Adrian Holt", ("unknown", None)),  # the table holds "adrian" at 0.936 < 0.95
        (Counter(), "Brandt", ("unknown", None)),  # a surname alone: no first name to read
        (Counter(), "Xq Brandt", ("unknown", None)),  # a first name the table does not hold
    ],
)
def test_presented_gender(evidence, name, expected):
    assert presented_gender(evidence, name, LISTS) == expected


def test_without_the_name_table_only_the_article_speaks():
    assert presented_gender(Counter(), "Kevin Brandt", LISTS, use_names=False) == ("unknown", None)
    assert presented_gender(Counter({("f", "pronoun"): 1}), "Kevin Brandt", LISTS, use_names=False) == (
        "female", "pronoun")
