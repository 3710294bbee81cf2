"""Everything around the quote marks (issue 19): split statements, verbless and colon quotes,
verbs of telling and naming, documents that report. Each shape on a short article of its own;
the parser-dependent repairs on hand-built parses."""
from __future__ import annotations

import pytest

from tests.extractor.test_link import links
from tests.hand_parse import parsed


def found(extract, text: str) -> list[tuple[str, str, str | None, str]]:
    """(kind, content, speaker name, rule) of every quote."""
    return [(q.kind, q.text, q.speaker_name, q.rule) for q in extract(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officers, Ruiz says, have no training for this kind of call.",
         ("indirect", "Officers, Ruiz says, have no training for this kind of call", "Ruiz", "verb-aside")),
        ("The bridge, he said, would reopen in May.",
         ("indirect", "The bridge, he said, would reopen in May", "he", "verb-aside")),
        ('The ruling, Ortiz said, was "a line in the sand."',
         ("mixed", 'The ruling, Ortiz said, was "a line in the sand."', "Ortiz", "verb-aside")),
    ],
)
def test_a_statement_split_by_its_attribution_is_reported_whole(extract, text, expected):
    assert found(extract, text) == [expected]


def test_an_aside_after_a_clause_still_reports_the_clause_before_it(extract):
    text = "The leader will attend the summit, TASS reported, and talks are planned."
    assert [f[1] for f in found(extract, text)] == ["The leader will attend the summit"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Okoye was more direct: "We will not pay a cent more."',
         ("direct", "We will not pay a cent more.", "Okoye", "colon")),
        ('The minister\'s reply: "We have no plans to change course."',
         ("direct", "We have no plans to change course.", "The minister", "colon")),
        ("Analysts blamed the chief executive's \"perfect storm\" of rising costs.",
         ("direct", "perfect storm", "the chief executive", "possessive")),
    ],
)
def test_a_quote_with_no_reporting_verb(extract, text, expected):
    assert found(extract, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        'The rules were simple: "no phones in class."',  # a colon after something that cannot speak
        'It was a "perfect storm" of rising costs.',  # a scare quote nobody owns
        "The city's \"vibrant\" culture drew visitors.",  # owned by something that cannot speak
    ],
)
def test_no_owner_who_can_speak_no_quote(extract, text):
    assert found(extract, text) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"You call that a plan?" the crowd jeered.', "the crowd"),
        ('"Be careful," she chided.', "she"),
        ('The sign read: "No entry after dark."', "The sign"),
    ],
)
def test_verbs_of_speaking_the_lexicon_now_lists(extract, text, speaker):
    assert [(f[0], f[2]) for f in found(extract, text)] == [("direct", speaker)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The mayor urged voters to turn out on Tuesday.",
         ("indirect", "voters to turn out on Tuesday", "mayor", "verb-directive")),
        ("She now calls it a costly detour.", ("indirect", "it a costly detour", "She", "verb-naming")),
        ("Records show the company paid no tax in 2023.",
         ("indirect", "the company paid no tax in 2023", "Records", "verb-clause")),
        ("Data from the agency indicate that prices rose 3 per cent.",
         ("indirect", "that prices rose 3 per cent", "the agency", "verb-clause")),
    ],
)
def test_reported_speech_without_a_clause_of_its_own_and_documents_that_report(extract, text, expected):
    kind, content, speaker, rule = expected
    assert [(k, c, s.split()[-1] if s else s, r) for k, c, s, r in found(extract, text)] == [
        (kind, content, speaker.split()[-1], rule)
    ]


def test_a_clause_whose_subject_the_parser_took_for_an_object():
    # "Patel said inflation and rents have pushed families out." with "inflation" the object of
    # "said" and "pushed" a subjectless conjunct of "said".
    doc = parsed("""
        Patel 1 nsubj PROPN Patel
        said 1 ROOT VERB say
        inflation 1 dobj NOUN inflation
        and 2 cc CCONJ and
        rents 2 conj NOUN rent
        have 6 aux AUX have
        pushed 1 conj VERB push
        families 6 dobj NOUN family
        out 6 prt ADP out nospace
        . 1 punct PUNCT .
    """)
    assert links(doc) == [("verb-object-clause", "Patel", "said", "inflation and rents have pushed families out")]


def test_an_object_followed_by_a_clause_with_its_own_subject_is_no_reported_clause():
    doc = parsed("""
        Patel 1 nsubj PROPN Patel
        said 1 ROOT VERB say
        goodbye 1 dobj NOUN goodbye
        and 1 cc CCONJ and
        he 5 nsubj PRON he
        left 1 conj VERB leave nospace
        . 1 punct PUNCT .
    """)
    assert links(doc) == []


def test_coordinated_that_clauses_are_both_reported(extract):
    text = "The company said sales fell 3% in the quarter, but that the yearly outlook was unchanged."
    assert [f[1] for f in found(extract, text)] == [
        "sales fell 3% in the quarter, but that the yearly outlook was unchanged"
    ]


def test_polnear_conventions_in_the_attributions_scope_only():
    import quotes
    from quotes.extractor.stages import extract_from_doc

    nlp = quotes.load(scope="attributions")

    def proposed(text: str, scope: str) -> list[tuple[str, str | None, str]]:
        with nlp.select_pipes(disable=["quotes"]):
            doc = nlp(text)
        return [(q.text, q.speaker_name, q.rule) for q in extract_from_doc(doc, None, scope)]

    claim = "His claim that the election was rigged was false."
    assert proposed(claim, "attributions") == [("that the election was rigged", "His", "noun-clause")]
    assert proposed(claim, "quotes") == []  # no nominal cue in the default scope
    passive = "He is said to have left the party in 2019."
    assert proposed(passive, "attributions") == [("He is said to have left the party in 2019", None, "passive-said")]
    assert proposed(passive, "quotes") == []
    # "“A,” he said. “B.”" is one attribution of two pieces there, two quotes by default.
    split = '"We won," Jane Doe said. "It was hard."'
    merged = quotes.extract(split, scope="attributions")
    assert [(q.text, [p.text for p in q.pieces]) for q in merged] == [
        ('We won," Jane Doe said. "It was hard.', ["We won", "It was hard."])
    ]
    assert [(q.text, q.pieces) for q in quotes.extract(split)] == [("We won", ()), ("It was hard.", ())]
