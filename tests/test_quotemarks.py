from quotes.quotemarks import find_quoted_spans


def quoted(text: str) -> list[str]:
    return [text[q.inner_start : q.inner_end] for q in find_quoted_spans(text)]


def test_straight_and_curly_double_quotes():
    text = 'He said "yes" and she said “no” twice.'
    assert quoted(text) == ["yes", "no"]


def test_single_quotes_as_quote_marks():
    assert quoted("'We are ready,' she said. Fighting on ‘all fronts’.") == ["We are ready,", "all fronts"]


def test_apostrophes_are_not_quote_marks():
    text = "The leaders framed their nations' ties and Russia’s role in the '90s as stable."
    assert quoted(text) == []


def test_single_marks_inside_double_quotes_belong_to_the_quote():
    text = "\"It's the voters' choice,\" he said."
    assert quoted(text) == ["It's the voters' choice,"]


def test_unbalanced_mark_does_not_swallow_the_document():
    text = 'He said "this never closes.\n\nA second paragraph with "a quote" in it.'
    assert quoted(text) == ["a quote"]


def test_quote_running_over_paragraphs_is_marked_continued():
    text = '"First part.\n\n"Second part," she said.'
    spans = find_quoted_spans(text)
    assert [text[s.inner_start : s.inner_end] for s in spans] == ["First part.", "Second part,"]
    assert [s.continued for s in spans] == [True, False]


def test_offsets_cover_the_marks():
    text = 'x “abc” y'
    (span,) = find_quoted_spans(text)
    assert text[span.start : span.end] == "“abc”"
