"""The last stages: every speaker mention resolved in order (``quotes.extractor.naming``), then
``Quote`` results built from the placed attributions (``quotes.extractor.build``). A stub resolver
stands for ``quotes.speakers``, so that only these stages' decisions are tested: text order, what
the scope keeps, every speaker resolved in the order mentioned (kept or not), the pronoun that
opens a speaker's first content, and which mention is the speaker."""
from __future__ import annotations

from dataclasses import replace

import pytest
from spacy.tokens import Span

from quotes.extractor.build import build_quotes
from quotes.extractor.naming import _opening_pronoun, resolve_speakers
from quotes.extractor.place import Placed, continuations
from quotes.speakers.resolver import Source
from quotes.text.quotemarks import find_quoted_spans
from quotes.types import Quote, TextSpan
from tests.extractor.staged import make_link, placed, tokens, where


class StubResolver:
    """Names a mention "<its words>!", narrows it to its last word and gives it a role when it
    has two words or more, and is sure of the name (1.0) only then (0.5); records every call (a probe, resolved without being remembered,
    with a "?" after its words)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str | None]] = []

    def resolve(self, mention: Span | None, pronoun: str | None = None, remember: bool = True) -> Source:
        assert mention is not None
        self.calls.append((mention.text + ("" if remember else "?"), pronoun))
        role = mention[:-1] if len(mention) > 1 else None
        return Source(mention[-1:], f"{mention.text}!", "person", role, 1.0 if role is not None else 0.5)


def build(text: str, placed: list[Placed], resolver: StubResolver, keep=None, narrow_mentions: bool = True):
    """The extractor's last stages: speakers resolved, then the results the scope keeps."""
    sources = resolve_speakers(text, placed, resolver)
    return build_quotes(text, placed, sources, keep, narrow_mentions=narrow_mentions)


def text_span(text: str, words) -> TextSpan:
    start, end = where(text, words)
    return TextSpan(text[start:end], start, end)


TEXT = 'Coach Maria Lopez said she was tired. "We lost," Tom said. Police believe the bus was late.'


def _placed(doc=None):
    doc = doc if doc is not None else tokens(TEXT)
    return placed(
        doc,
        # Out of text order on purpose: results come in text order.
        make_link(doc, '"We lost', cue=("said", 1), speaker="Tom", rule="verb-quote"),
        make_link(doc, "the bus was late", cue="believe", speaker="Police", cue_class="belief"),
        make_link(doc, "she was tired", cue="said", speaker="Coach Maria Lopez"),
    )


def test_build_quotes_gives_every_part_in_text_order():
    resolver = StubResolver()
    found = build(TEXT, _placed(), resolver)
    assert found == [
        Quote(
            "indirect", "she was tired", *where(TEXT, "she was tired"),
            speaker=text_span(TEXT, "Lopez"), speaker_name="Coach Maria Lopez!",
            cue=text_span(TEXT, "said"), speaker_role=text_span(TEXT, "Coach Maria"),
            source_type="person", rule="verb-clause", name_confidence=1.0,
        ),
        Quote(
            "direct", "We lost", *where(TEXT, "We lost"),
            speaker=text_span(TEXT, "Tom"), speaker_name="Tom!",
            cue=text_span(TEXT, ("said", 1)), speaker_role=None,
            source_type="person", rule="verb-quote", name_confidence=0.5,
        ),
        Quote(
            "belief", "the bus was late", *where(TEXT, "the bus was late"),
            speaker=text_span(TEXT, "Police"), speaker_name="Police!",
            cue=text_span(TEXT, "believe"), speaker_role=None,
            source_type="person", rule="verb-clause", name_confidence=0.5,
        ),
    ]
    assert all(TEXT[q.start : q.end] == q.text for q in found)
    # Speakers are resolved once each, in the order they are mentioned, with the pronoun that
    # opens their content.
    assert resolver.calls == [("Coach Maria Lopez", "she"), ("Tom", None), ("Police", None)]


@pytest.mark.parametrize(
    "keep, kinds",
    [
        (None, ["indirect", "direct", "belief"]),
        (lambda item: item.kind != "belief", ["indirect", "direct"]),
        (lambda item: False, []),
    ],
)
def test_only_kept_attributions_become_results_but_every_speaker_is_resolved(keep, kinds):
    resolver = StubResolver()
    found = build(TEXT, _placed(), resolver, keep)
    assert [q.kind for q in found] == kinds
    assert [name for name, _ in resolver.calls] == ["Coach Maria Lopez", "Tom", "Police"]


@pytest.mark.parametrize(
    "narrow, speaker, role",
    [
        (True, "Lopez", "Coach Maria"),  # the mention the resolver narrowed
        (False, "Coach Maria Lopez", "Coach Maria"),  # the whole noun phrase, as PARC marks it
    ],
)
def test_narrow_mentions_chooses_which_mention_is_the_speaker(narrow, speaker, role):
    found = build(TEXT, _placed(), StubResolver(), narrow_mentions=narrow)
    assert (found[0].speaker, found[0].speaker_role) == (text_span(TEXT, speaker), text_span(TEXT, role))


def test_a_speakers_first_content_with_an_opening_pronoun_tells_its_gender():
    text = "Jane Roe said taxes rose. Jane Roe said that she would stay. Jane Roe said he had left."
    doc = tokens(text)
    speaker = doc.char_span(0, len("Jane Roe"))
    items = placed(
        doc,
        make_link(doc, "he had left", cue=("said", 2), speaker=("Jane Roe", 2)),
        make_link(doc, "that she would stay", cue=("said", 1), speaker=("Jane Roe", 1)),
        make_link(doc, "taxes rose", cue="said", speaker="Jane Roe"),
    )
    # Three mentions of one name: each is resolved with its own content's pronoun.
    resolver = StubResolver()
    resolve_speakers(text, items, resolver)
    assert resolver.calls == [("Jane Roe", None), ("Jane Roe", "she"), ("Jane Roe", "he")]
    # One mention with three contents: the first that opens with a pronoun decides.
    same = [replace(item, link=replace(item.link, speaker=speaker)) for item in items]
    resolver = StubResolver()
    found = build(text, same, resolver)
    assert resolver.calls == [("Jane Roe", "she")]
    assert [q.text for q in found] == ["taxes rose", "that she would stay", "he had left"]


def test_a_quote_with_no_speaker_has_no_source_and_a_continuation_keeps_its_rule():
    text = '"We lost," Tom said. "We will be back."'
    doc = tokens(text)
    (attributed,) = placed(doc, make_link(doc, '"We lost', cue="said", speaker="Tom"))
    (more,) = continuations(text, [attributed], find_quoted_spans(text))
    (orphan,) = placed(doc, make_link(doc, '"We will be back.', rule="verb-quote"))
    assert orphan.link.speaker is None
    resolver = StubResolver()
    found = build(text, [more, attributed], resolver)
    assert [(q.text, q.speaker_name, q.rule) for q in found] == [
        ("We lost", "Tom!", "verb-clause"), ("We will be back.", "Tom!", "continuation"),
    ]
    assert resolver.calls == [("Tom", None)]
    (alone,) = build(text, [orphan], StubResolver())
    assert (alone.speaker, alone.speaker_name, alone.cue, alone.speaker_role, alone.source_type) == (
        None, None, None, None, "none",
    )
    assert (alone.kind, alone.text, alone.rule) == ("direct", "We will be back.", "verb-quote")


def test_probes_are_resolved_among_the_speakers_in_text_order_without_being_remembered():
    doc = tokens(TEXT)
    items = _placed(doc)
    probes = [doc.char_span(*where(TEXT, "Police")), doc.char_span(*where(TEXT, "Maria")), items[0].link.speaker]
    resolver = StubResolver()
    sources = resolve_speakers(TEXT, items, resolver, probes)
    # "Tom" is a speaker and a probe: resolved once, as a speaker.
    assert resolver.calls == [("Coach Maria Lopez", "she"), ("Maria?", None), ("Tom", None), ("Police", None)]
    assert {TEXT[doc[a].idx : doc[b - 1].idx + len(doc[b - 1])] for a, b in sources} == {
        "Coach Maria Lopez", "Maria", "Tom", "Police",
    }
    assert sources[(probes[1].start, probes[1].end)].name == "Maria!"


@pytest.mark.parametrize(
    "content, pronoun",
    [
        ("she believes the plan works", "she"),
        ("He would go", "he"),
        ("that he would go", "he"),
        ("That She would go", "she"),
        ("that  he would go", "he"),
        ("sheer luck won it", None),  # a word boundary after the pronoun
        ("the plan works, she said", None),  # only at the start
        ("they would go", None),
        ("that it would go", None),
        ("", None),
    ],
)
def test_opening_pronoun(content, pronoun):
    assert _opening_pronoun(content) == pronoun
