"""The tracker: which named entities a pronoun or description may stand for (the rules'
proposal), and what a model's choices do to the walk."""
from __future__ import annotations

import pytest

from quotes.learned.ranking import AntecedentModel
from quotes.resources.lexicon import load_lexicon
from quotes.speakers.resolver import SpeakerResolver


def tracker_of(parse, text: str):
    doc = parse(text)
    return doc, SpeakerResolver(doc, load_lexicon("quotes"), model=None).tracker


def candidates(parse, text: str, word: str) -> list[str]:
    """The names proposed for the first anaphor ``word``."""
    doc, tracker = tracker_of(parse, text)
    seen: dict[str, list[str]] = {}

    def choose(anaphor, scored, none):
        if doc[anaphor.token].lower_ == word and word not in seen:
            seen[word] = [state.name for state, _ in scored]
        return None, 1.0

    for _ in tracker.walk(choose):
        pass
    return seen[word]


@pytest.mark.parametrize(
    ("text", "word", "fits", "never"),
    [
        ("Ana Ruiz met Tom Lee in Paris. She said the talks went well.", "she", {"Ana Ruiz"}, {"Tom Lee", "Paris"}),
        ("Ana Ruiz met Tom Lee in Paris. He said the talks went well.", "he", {"Tom Lee"}, {"Ana Ruiz", "Paris"}),
        ("Tom Lee visited Acme Corp in Paris. It said the talks went well.", "it", {"Acme Corp"}, {"Tom Lee"}),
        ("Tom Lee visited Acme Corp on Monday. They said the talks went well.", "they", {"Acme Corp"}, {"Tom Lee"}),
    ],
)
def test_only_what_agrees_is_proposed(parse, text, word, fits, never):
    proposed = set(candidates(parse, text, word))
    assert fits <= proposed and not never & proposed


def test_a_name_the_ner_left_out_is_proposed(parse):
    text = "Byron received his early education at home. In 1801, he was sent away to school."
    doc = parse(text)
    assert not any(e.text == "Byron" for e in doc.ents if e.label_ == "PERSON")  # what makes this a test
    assert "Byron" in candidates(parse, text, "he")


def test_a_speaking_pronoun_is_someone_even_when_the_model_prefers_none(parse):
    text = 'Tom Lee opened the plant. "We are proud," he said.'
    doc, tracker = tracker_of(parse, text)
    prefers_none = AntecedentModel({"none|he": 10.0}, frozenset(), frozenset())
    decisions = tracker.run(prefers_none)
    he = next(t.i for t in doc if t.lower_ == "he")
    assert decisions[he].name == "Tom Lee"


@pytest.mark.parametrize(
    ("weight", "expected"),
    [
        (5.0, ["Ana Ruiz", "Kim Lee"]),  # sure: Ana Ruiz becomes the latest, Kim Lee the one before
        (0.1, ["Ana Ruiz", "Ana Ruiz"]),  # doubtful: nothing moves
    ],
)
def test_only_a_sure_decision_makes_its_entity_the_latest(parse, weight, expected):
    # The model likes the second latest candidate; the first "she" takes Ana Ruiz either way.
    text = "Ana Ruiz spoke first. Kim Lee spoke next. She left early. She returned later."
    doc, tracker = tracker_of(parse, text)
    decisions = tracker.run(AntecedentModel({"p:rank=1": weight}, frozenset(), frozenset()))
    assert [decisions[t.i].name for t in doc if t.lower_ == "she"] == expected


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("Tom Reed toured the new Al Wakrah Stadium in Qatar. He called it a marvel.", "Al Wakrah Stadium"),
        ("Tom Reed won the Stirling Prize in 2010. He called it a marvel.", "Stirling Prize"),
        ("Tom Reed joined the Royal Institute of British Architects. He called it a home.", "British Architects"),
    ],
)
def test_a_place_or_prize_that_opens_with_a_first_name_is_no_person(parse, text, thing):
    """"Al", "Stirling" and "British" are in the first-name table; the names they open here are
    a stadium, a prize and part of an institute, and "he" must not be offered them as people."""
    doc, tracker = tracker_of(parse, text)
    assert all(not (m.name == thing and m.kind == "person") for m in tracker.cast.mentions)
    assert thing not in candidates(parse, text, "he")
