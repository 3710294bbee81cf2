"""Random text with random quote marks: never an exception, offsets always exact."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.text.quotemarks import find_quoted_spans

MARKS = list("\"'“”‘’«»„‚‹›")
WORDS = ["said", "Jane", "Doe", "told", "that", "he", "the", "plan", "according", "to", "it's", "nations'", "é", "日本"]
PIECES = st.one_of(
    st.sampled_from(MARKS),
    st.sampled_from(WORDS),
    st.sampled_from([" ", " ", "\n", "\n\n", ",", ".", ":"]),
    st.text(max_size=5),
)
TEXTS = st.lists(PIECES, max_size=60).map("".join)


@given(TEXTS)
def test_quoted_spans_are_ordered_and_inside_the_text(text):
    spans = find_quoted_spans(text)
    for span in spans:
        assert 0 <= span.start < span.inner_start <= span.inner_end <= span.end <= len(text)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXTS)
def test_extractor_never_fails_and_offsets_slice_the_input(nlp, text):
    doc = nlp(text)
    for quote in doc._.quotes:
        assert text[quote.start : quote.end] == quote.text
        for part in (quote.speaker, quote.cue):
            if part is not None:
                assert text[part.start : part.end] == part.text
