"""Stage 5, ``quotes.extractor.scope``: what each scope keeps. The "quotes" scope leaves out
beliefs, embedded questions and attributions nested in an aside's content; "attributions" keeps
all. Attributions and lemmas are made by hand, so only this stage's decisions are tested."""
from __future__ import annotations

import pytest

from quotes.extractor.scope import is_embedded_question, is_refusal, nested, scope_filter
from quotes.resources.lexicon import load_lexicon
from tests.extractor.staged import make_link, placed, tokens
from tests.hand_parse import parsed

LEMMAS = {"asked": "ask", "wondered": "wonder", "said": "say", "told": "tell", "believe": "believe"}


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon("quotes")


@pytest.mark.parametrize(
    "text, content, cue, expected",
    [
        # "whether" after any cue.
        ("Reporters asked whether the mayor would resign.", "whether the mayor would resign", "asked", True),
        ("She would not say whether the deal was signed.", "whether the deal was signed", "say", True),
        # "if" or a wh-word after a verb of asking only.
        ("Reporters asked if the mayor would resign.", "if the mayor would resign", "asked", True),
        ("The councillor wondered why the budget had doubled.", "why the budget had doubled", "wondered", True),
        ("The councillor said why the budget had doubled.", "why the budget had doubled", "said", False),
        ("Reporters said if the mayor resigned, taxes would rise.", "if the mayor resigned, taxes would rise",
         "said", False),
        # A verb of asking with a that-clause reports no question.
        ("Reporters asked that the mayor resign.", "that the mayor resign", "asked", False),
        ("The mayor said the budget had doubled.", "the budget had doubled", "said", False),
        # A quoted question is a quote of what was said.
        ('"Why did the budget double?" the councillor asked.', '"Why did the budget double?', "asked", False),
        ('"Whether we win is up to us," Jane said.', '"Whether we win is up to us', "said", False),
    ],
)
def test_is_embedded_question(lexicon, text, content, cue, expected):
    doc = tokens(text, lemmas=LEMMAS)
    (item,) = placed(doc, make_link(doc, content, cue=cue))
    assert item.kind == ("direct" if content.startswith('"') else "indirect")
    assert is_embedded_question(doc, item, lexicon) is expected


def test_a_question_word_with_no_cue_is_a_question_only_after_whether(lexicon):
    text = "Whether the mayor would resign. Why the budget had doubled."
    doc = tokens(text, lemmas=LEMMAS)
    first, second = placed(doc, make_link(doc, "Whether the mayor would resign"), make_link(doc, "Why the budget had doubled"))
    assert (is_embedded_question(doc, first, lexicon), is_embedded_question(doc, second, lexicon)) == (True, False)


NESTED = "Keating told her the plan would pass, she said."


def _nested_pair(outer_rule: str, inner_rule: str = "verb-clause", inner_cue: str | None = "told"):
    """[inner, outer]: "told" (Keating's) lies inside the content of "she said"."""
    doc = tokens(NESTED)
    inner = make_link(doc, "the plan would pass", cue=inner_cue, speaker="Keating", rule=inner_rule)
    outer = make_link(doc, "Keating told her the plan would pass", cue="said", speaker="she", rule=outer_rule)
    return placed(doc, inner, outer)


@pytest.mark.parametrize(
    "outer_rule, inner_rule, inner_cue, expected",
    [
        # An aside ("…, she said") or "according to" wraps a whole clause: the attribution inside
        # it is nested.
        ("verb-aside", "verb-clause", "told", {0}),
        ("according-to", "verb-clause", "told", {0}),
        ("verb-aside", "verb-stray-that", "told", {0}),
        # A clausal complement is left alone (a misparse there swallows the next sentence's
        # speaker), as is an adjacent quote.
        ("verb-clause", "verb-clause", "told", set()),
        ("verb-quote", "verb-clause", "told", set()),
        # Continuations and floating quotes carry on their own source, and need no cue.
        ("verb-aside", "continuation", "told", set()),
        ("verb-aside", "floating", "told", set()),
        ("verb-aside", "verb-clause", None, set()),
    ],
)
def test_nested_attributions_are_those_inside_an_asides_content(outer_rule, inner_rule, inner_cue, expected):
    items = _nested_pair(outer_rule, inner_rule, inner_cue)
    assert [p.rule_name for p in items] == [inner_rule, outer_rule]
    assert nested(items) == expected
    assert nested(items[::-1]) == {1 - i for i in expected}


def test_an_aside_is_not_nested_in_itself_nor_is_a_cue_outside_it():
    text = "Prices rose, she said. Keating told her the plan would pass."
    doc = tokens(text)
    aside = make_link(doc, "Prices rose, she said", cue="said", speaker="she", rule="verb-aside")
    after = make_link(doc, "the plan would pass", cue="told", speaker="Keating")
    assert nested(placed(doc, aside, after)) == set()


ARTICLE = (
    '"We will win," Jane said. Tom said the plan failed. Police believe the money was spent. '
    "Reporters asked whether the mayor would resign. Keating told her the talks would pass, she said."
)


def _article():
    doc = tokens(ARTICLE, lemmas=LEMMAS)
    return doc, placed(
        doc,
        make_link(doc, '"We will win', cue="said", speaker="Jane", rule="verb-quote"),
        make_link(doc, "the plan failed", cue=("said", 1), speaker="Tom"),
        make_link(doc, "the money was spent", cue="believe", speaker="Police", cue_class="belief"),
        make_link(doc, "whether the mayor would resign", cue="asked", speaker="Reporters"),
        make_link(doc, "Keating told her the talks would pass", cue=("said", 2), speaker="she", rule="verb-aside"),
        make_link(doc, "the talks would pass", cue="told", speaker="Keating"),
    )


@pytest.mark.parametrize(
    "scope, kept",
    [
        ("quotes", ["Jane", "Tom", "she"]),
        ("attributions", ["Jane", "Tom", "Police", "Reporters", "she", "Keating"]),
    ],
)
def test_scope_filter_keeps_what_the_scope_says(lexicon, scope, kept):
    doc, items = _article()
    assert [p.kind for p in items] == ["direct", "indirect", "belief", "indirect", "indirect", "indirect"]
    keep = scope_filter(doc, items, lexicon, scope)
    assert [p.link.speaker.text for p in items if keep(p)] == kept


_DECLINED_TO_SAY = """
    Police 1 nsubj NOUN police
    declined 1 ROOT VERB decline
    to 3 aux PART to
    say 1 xcomp VERB say
    how 5 advmod SCONJ how
    many 6 amod ADJ many
    officers 8 nsubjpass NOUN officer
    were 8 auxpass AUX be
    hurt 3 ccomp VERB hurt nospace
    . 1 punct PUNCT .
"""
_WOULD_NOT_SAY = """
    Police 3 nsubj NOUN police
    would 3 aux AUX would
    not 3 neg PART not
    say 3 ROOT VERB say
    when 6 advmod SCONJ when
    roads 6 nsubj NOUN road
    reopen 3 ccomp VERB reopen nospace
    . 3 punct PUNCT .
"""
_REFUSED_AND_SAID = """
    Police 1 nsubj NOUN police
    refused 1 ROOT VERB refuse
    to 3 aux PART to
    comment 1 xcomp VERB comment nospace
    , 1 punct PUNCT ,
    saying 1 advcl VERB say
    roads 7 nsubj NOUN road
    flooded 5 ccomp VERB flood nospace
    . 1 punct PUNCT .
"""
_DID_NOT_SAY_THAT = """
    Police 3 nsubj NOUN police
    did 3 aux AUX do
    not 3 neg PART not
    say 3 ROOT VERB say
    that 6 mark SCONJ that
    roads 6 nsubj NOUN road
    flooded 3 ccomp VERB flood nospace
    . 3 punct PUNCT .
"""


@pytest.mark.parametrize(
    "rows, content, cue, refusal",
    [
        # A cue below a verb of refusing: nothing was said.
        (_DECLINED_TO_SAY, "how many officers were hurt", "say", True),
        # In the attributions scope the refusal verb itself is the cue of its object.
        (_DECLINED_TO_SAY, "to say how many officers were hurt", "declined", True),
        # A negated cue before a question nobody answered.
        (_WOULD_NOT_SAY, "when roads reopen", "say", True),
        # What the same source goes on to say is said; so is a negated that-clause.
        (_REFUSED_AND_SAID, "roads flooded", "saying", False),
        (_DID_NOT_SAY_THAT, "that roads flooded", "say", False),
    ],
)
def test_a_refusal_to_speak_is_not_a_quote_in_the_quotes_scope(lexicon, rows, content, cue, refusal):
    doc = parsed(rows)
    items = placed(doc, make_link(doc, content, cue=cue, speaker="Police"))
    assert is_refusal(doc, items[0]) is refusal
    keep_quotes = scope_filter(doc, items, lexicon, "quotes")
    keep_attributions = scope_filter(doc, items, load_lexicon("attributions"), "attributions")
    assert (keep_quotes(items[0]), keep_attributions(items[0])) == (not refusal, True)
