"""Stage 1, signed texts (``quotes.extractor.signoffs``) on hand-built docs (tokenizer and
entities given, no parse): embedded posts and pull quotes, and prose that only looks signed."""
from __future__ import annotations

import pytest

from quotes.extractor.signoffs import find_signed_texts
from tests.extractor.staged import tokens

_CAPTAIN = "Jane Doe, the Hamilton Forge captain, was sent off in Saturday's final.\n\n"
_MAYOR = "Mayor Lena Ostrowski spoke after the vote on Monday.\n\n"
_AFTER = "\n\nConstruction is expected to start in the spring."
_PULL = "We finally have a harbour that works for the people who live here."
_SIGN = "Lena Ostrowski, Mayor of Port Arden"
_JANE = (("Jane Doe", "PERSON"), (("Jane Doe", 1), "PERSON"))
_LENA = (("Lena Ostrowski", "PERSON"), (("Lena Ostrowski", 1), "PERSON"))


@pytest.mark.parametrize(
    "text, ents, expected",
    [
        # An embedded post: its text, then the poster's line below it or after it.
        (_CAPTAIN + "I let my team down tonight. I am sorry. pic.twitter.com/x1y2z3\n\n"
         "— Jane Doe (@janedoe) May 3, 2024" + _AFTER, _JANE,
         [("social-post", "Jane Doe", "I let my team down tonight. I am sorry.")]),
        (_CAPTAIN + "I let my team down tonight. — Jane Doe (@janedoe) May 3, 2024", _JANE,
         [("social-post", "Jane Doe", "I let my team down tonight.")]),
        (_CAPTAIN + "I let my team down tonight.\n\nA post shared by Jane Doe (@janedoe) on May 3, 2024", _JANE,
         [("social-post", "Jane Doe", "I let my team down tonight.")]),
        # A pull quote set apart and signed by a person the article names elsewhere.
        (_MAYOR + _PULL + "\n\n" + _SIGN + _AFTER, _LENA, [("pull-quote", "Lena Ostrowski", _PULL)]),
        # Signed at the end of its own paragraph, as Wikinews boxes read once their marks are lost.
        (_MAYOR + _PULL + " " + _SIGN + _AFTER, _LENA, [("pull-quote", "Lena Ostrowski", _PULL)]),
        # A sentence the article quotes elsewhere: the box repeats it, wherever it stands.
        ('"' + _PULL + '" she said.\n\n' + _PULL + "\n\n" + _SIGN, (("Lena Ostrowski", "PERSON"),),
         [("pull-quote", "Lena Ostrowski", _PULL)]),
    ],
)
def test_posts_and_pull_quotes(text, ents, expected):
    doc = tokens(text, ents)
    assert [(s.rule, s.name.text, text[s.start : s.end]) for s in find_signed_texts(doc, text)] == expected


@pytest.mark.parametrize(
    "text, ents",
    [
        # The signer is named nowhere else: a name line after a paragraph of prose.
        ("The council voted 7-2 on Monday.\n\nThe terminal will cost $48 million to build.\n\n" + _SIGN + _AFTER,
         (("Lena Ostrowski", "PERSON"),)),
        # The name line ends the article: an author's or a letter's signature.
        (_MAYOR + _PULL + "\n\n" + _SIGN, _LENA),
        # Prose about the signer: it says "she", or names her.
        (_MAYOR + "She has led the council since 2019 and was re-elected.\n\n" + _SIGN + _AFTER, _LENA),
        (_MAYOR + "Ostrowski has led the council since 2019.\n\n" + _SIGN + _AFTER, _LENA),
        # A list of names and titles: the words before each are no sentence.
        (_MAYOR + "The board has three members:\n\n" + _SIGN + "\n\nMark Okafor, treasurer" + _AFTER,
         _LENA + (("Mark Okafor", "PERSON"),)),
        # A name before a comma that is not a person.
        (_MAYOR + _PULL + "\n\nPort Arden, Nova Scotia" + _AFTER, (("Lena Ostrowski", "PERSON"),)),
    ],
)
def test_prose_before_a_name_line_is_no_pull_quote(text, ents):
    assert find_signed_texts(tokens(text, ents), text) == []


@pytest.mark.parametrize("gap", [" ", "\u00a0", "\t", ""])
def test_a_post_signed_by_a_handle_alone_gives_no_nameless_quote(extract, gap):
    """"— (@janedoe)": the sign-off names no poster; it once gave an empty speaker span, which
    building the quote could not place."""
    found = extract(f"{_PULL}\n—{gap}(@janedoe) May 3, 2024")
    assert all(q.speaker is None or q.speaker.text.strip() for q in found)
    assert all(q.rule != "social-post" or q.speaker_name for q in found)
