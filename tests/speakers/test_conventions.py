"""The naming conventions of gold/README.md, each on a short article of its own."""
from __future__ import annotations

import pytest


def speakers(extract, text: str) -> list[tuple[str | None, str | None, str, str | None]]:
    """(mention, canonical name, source type, role) of every quote, in text order."""
    return [
        (q.speaker.text if q.speaker else None, q.speaker_name, q.source_type, q.speaker_role.text if q.speaker_role else None)
        for q in extract(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'Chief executive Ana Ruiz announced the closure. "We regret this decision," her statement said.',
            ("her statement", "Ana Ruiz", "document"),
        ),
        (
            "Acme Corp fired 40 workers. The company's annual report found that sales fell 12 per cent.",
            ("The company's annual report", "Acme Corp", "document"),
        ),
        (
            "A white paper by the Fraser Institute found that taxes rose.",
            ("A white paper by the Fraser Institute", "Fraser Institute", "document"),
        ),
        (
            "The report found that taxes rose.",  # no owner: the document as written
            ("The report", "The report", "document"),
        ),
    ],
)
def test_a_documents_owner_is_its_source(extract, text, expected):
    assert [s[:3] for s in speakers(extract, text)] == [expected]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Gov. Ellen Marsh signed the bill on Monday. The governor added that more money would follow.", "Ellen Marsh"),
        ("Sen. Tom Alvarez voted no. Rep. Kim Lee voted yes. The senator said the bill was rushed.", "Tom Alvarez"),
        ("Rep. Kim Lee voted yes. Sen. Tom Alvarez voted no. The representative said it was fair.", "Kim Lee"),
    ],
)
def test_an_abbreviated_title_ties_a_later_description(extract, text, name):
    assert [s[1] for s in speakers(extract, text)] == [name]


def test_a_description_two_people_fit_stays_the_description(extract):
    text = "Sen. Tom Alvarez voted no. Sen. Kim Lee voted yes. The senator said the bill was rushed."
    assert speakers(extract, text) == [("The senator", "The senator", "anonymous", None)]


def test_a_name_in_apposition_to_a_description_is_the_name(extract):
    text = "A spokeswoman for the Transport Ministry, Dana Price, said the line would reopen in May."
    assert speakers(extract, text) == [("Dana Price", "Dana Price", "person", "A spokeswoman for the Transport Ministry")]


def test_a_relative_clause_after_the_apposition_belongs_to_the_role(extract):
    text = "Gov. Ellen Marsh, a Republican who chairs the governors' association, said the plan was sound."
    assert speakers(extract, text) == [
        ("Gov. Ellen Marsh", "Ellen Marsh", "person", "a Republican who chairs the governors' association")
    ]


def test_an_acronym_the_article_expands_is_that_name(extract):
    text = (
        "The Civil Aviation Safety Authority (CASA) said the airline had complied. "
        "Later, CASA said it would review the case."
    )
    found = speakers(extract, text)
    assert [(name, kind, role) for _, name, kind, role in found] == [
        ("Civil Aviation Safety Authority", "organisation", None)
    ] * 2


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Jan van der Berg, a Dutch engineer, said the dam was safe. Van der Berg added that repairs were done.",
         "Jan van der Berg"),
        ("Oleksandr Kovalenko said the city was calm.", "Oleksandr Kovalenko"),
        ("Nguyen Thi Lan said prices rose.", "Nguyen Thi Lan"),
    ],
)
def test_names_with_particles_and_from_other_languages_are_one_person(extract, text, name):
    found = speakers(extract, text)
    assert found and {(n, kind) for _, n, kind, _ in found} == {(name, "person")}
    assert all(role is None or "Van" not in role for *_, role in found)  # particles are no title


@pytest.mark.parametrize(
    "text",
    [
        'Firefighters work near Kelowna. (Jane Smith/Reuters)\n\n"It was terrifying," he said.',  # a photo credit
        'PARIS (AFP) - Fires spread on Monday.\n\n"We will not give up," he said.',  # a dateline
        'Paris (AFP) - Fires spread on Monday.\n\n"We will not give up," he said.',  # one in title case
        'By Aisha Rahman · CTV News\n\n"We will not give up," she said.',  # a byline
    ],
)
def test_a_pronoun_never_goes_to_a_credit_a_dateline_or_a_byline(extract, text):
    found = speakers(extract, text)
    assert found and all(kind == "anonymous" and name in ("he", "she") for _, name, kind, _ in found)


def test_a_continuation_paragraph_carries_its_anchors_name(extract):
    text = (
        'Mayor Jane Doe said the plan was sound. "We have the money," she said. "We have the staff.\n\n'
        '"We start in May."'
    )
    assert {s[1] for s in speakers(extract, text)} == {"Jane Doe"}


def test_letters_after_a_name_are_no_name(extract):
    text = "Speaking in the parents' defense, Tom Molomby, SC, said that the parents should be declared not guilty."
    assert [s[:3] for s in speakers(extract, text)] == [("Tom Molomby", "Tom Molomby", "person")]


def test_a_place_before_a_name_is_no_first_name(extract):
    # "Washington" is a first name in the name table; here it is the state the governor governs.
    text = "In a statement, Governor of Washington Chris Gregoire said the decision was a shame."
    assert speakers(extract, text) == [
        ("Governor of Washington Chris Gregoire", "Chris Gregoire", "person", "Governor of Washington")
    ]
