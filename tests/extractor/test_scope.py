"""Stage 5, ``quotes.extractor.scope``: what each scope keeps. The "quotes" scope leaves out
beliefs, embedded questions and attributions nested in an aside's content; "attributions" keeps
all. Attributions and lemmas are made by hand, so only this stage's decisions are tested."""
from __future__ import annotations

import pytest

from quotes.extractor.scope import is_embedded_question, nested, scope_filter
from quotes.resources.lexicon import load_lexicon
from tests.extractor.staged import make_link, placed, tokens

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
