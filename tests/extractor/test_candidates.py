"""Stage 1 on hand-built docs (the tokenizer and the entities given, no parse): which lines are
transcript turns."""
from __future__ import annotations

import pytest

from quotes.extractor.candidates import find_turns
from tests.extractor.staged import tokens

_DIGEST = (
    "Markets wrap\n\nMARKETS: Stocks rose on Tuesday.\n\nOIL: Crude prices slipped.\n\n"
    "CURRENCIES: The dollar fell against the yen."
)
_INTERVIEW = (
    "Gov. Mary Fallin spoke to CNN.\n\nFALLIN: Well, I think we did what we could.\n\n"
    "KELLY: Do you regret it?\n\nFALLIN: No, I do not."
)
_TWO_TURNS = "Pence spoke to Fox.\n\nWALLACE: Do you see those two as equivalent?\n\nPENCE: Well, no."


@pytest.mark.parametrize(
    "text, ents, speakers",
    [
        # Labels in capitals, each used once, none a person: a digest's sections.
        (_DIGEST, (), []),
        (_DIGEST, (("MARKETS", "ORG"),), []),
        # Speakers who speak more than once take turns.
        (_INTERVIEW, (), ["FALLIN", "KELLY", "FALLIN"]),
        # Two turns, one of them a person: a transcript.
        (_TWO_TURNS, (("WALLACE", "PERSON"),), ["WALLACE", "PENCE"]),
        (_TWO_TURNS, (("Pence", "PERSON"),), ["WALLACE", "PENCE"]),
        # The same two turns with no person among them: nothing says they are people.
        (_TWO_TURNS, (), []),
    ],
)
def test_a_run_of_labels_is_a_transcript_only_when_people_take_turns(text, ents, speakers):
    doc = tokens(text, ents)
    assert [t.name.text for t in find_turns(doc, text)] == speakers
