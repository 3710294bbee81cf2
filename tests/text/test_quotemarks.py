import pytest

from quotes.text.quotemarks import find_quoted_spans


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


def test_german_low_high_pairs():
    assert quoted("„Wir schaffen das“, sagte Merkel.") == ["Wir schaffen das"]
    assert quoted("„Nigdy więcej”, powiedział.") == ["Nigdy więcej"]
    assert quoted("Er sagte ‚Nein‘ und ging.") == ["Nein"]


def test_guillemets_both_ways():
    assert quoted("»Das ist gut«, sagte er. «C’est la vie», dit-il.") == ["Das ist gut", "C’est la vie"]


def test_closing_mark_depends_on_the_open_quote():
    # “ closes „ (German) but opens an English quote when nothing is open.
    text = "„Er sagte ‚nein‘ zweimal“, so Müller. Then “yes” came."
    assert quoted(text) == ["Er sagte ‚nein‘ zweimal", "yes"]
    # A mark that cannot close the open quote does not end it: »…« inside „…“, “…” inside «…».
    assert quoted("„Er sagte »nein« heute“, so Müller.") == ["Er sagte »nein« heute"]
    assert quoted("«Il a dit “non” hier», dit-il.") == ["Il a dit “non” hier"]


def test_nested_quote_with_the_same_straight_mark():
    assert quoted('"She said "no" twice," he said.') == ['She said "no" twice,']
    assert quoted('“She said "no" twice,” he said.') == ['She said "no" twice,']


def test_straight_mark_closing_without_space_still_closes():
    assert quoted('"Yes,"he said. "No," she said.') == ["Yes,", "No,"]


def test_unclosed_opener_does_not_hide_a_later_pair():
    assert quoted('"Unclosed. "Second quote," he said.') == ["Second quote,"]
    assert quoted("„Unclosed. „Zweites“, sagte er.") == ["Zweites"]


def test_apostrophes_inside_single_quotes_and_quotes():
    assert quoted("'We're ready,' she said.") == ["We're ready,"]
    assert quoted("“It’s ‘odd,” he said.") == ["It’s ‘odd,"]
    assert quoted("'Rock 'n' roll,' he said.") == ["Rock 'n' roll,"]


def test_german_quote_running_over_paragraphs():
    text = "„Erster Teil.\n\n„Zweiter Teil“, sagte sie."
    spans = find_quoted_spans(text)
    assert [text[s.inner_start : s.inner_end] for s in spans] == ["Erster Teil.", "Zweiter Teil"]
    assert [s.continued for s in spans] == [True, False]


def test_running_quote_keeps_the_pairs_before_it():
    text = '"A," he said. "B goes on\n\n"and ends," she said.'
    spans = find_quoted_spans(text)
    assert [text[s.inner_start : s.inner_end] for s in spans] == ["A,", "B goes on", "and ends,"]
    assert [s.continued for s in spans] == [False, True, False]


def test_quote_soup_never_swallows_the_document():
    text = "Soup „ « ‹ ‚ ' ’ of marks.\n\n" + 'Then "real" words.'
    assert quoted(text) == ["real"]
    # Left open before a paragraph that reopens, a quote runs to its paragraph's end, no further.
    text = "Soup „ of marks.\n\n„Then“ words.\n\nMore."
    assert quoted(text) == [" of marks.", "Then"]


def test_two_apostrophes_are_a_double_mark():
    text = "''That makes me smart,'' he said of the ''genius'' label, ''it's the voters' call.''"
    assert quoted(text) == ["That makes me smart,", "genius", "it's the voters' call."]
    (first, *_) = find_quoted_spans(text)
    assert text[first.start : first.end] == "''That makes me smart,''"


def test_single_mark_does_not_close_across_an_open_double_quote():
    text = "Talk ‘bout this headline: “Surge in robberies alters residents’ routines.”"
    assert quoted(text) == ["Surge in robberies alters residents’ routines."]


def test_sloppy_repeated_opening_mark_closes():
    assert quoted("“Do you want to be associated with a fascist?“ he asked.") == [
        "Do you want to be associated with a fascist?"
    ]
    assert quoted("“He called it “hell” twice,” she said.") == ["He called it “hell” twice,"]


def test_a_byte_order_mark_before_the_first_quote_is_looked_through():
    assert quoted('\ufeff"Hello there," said Jane Doe.') == ["Hello there,"]


@pytest.mark.parametrize(
    "text, inner",
    [
        # A closing double mark typed as two right single quotes, after any double opener.
        ("“Prices fell,’’ said Ortega.", ["Prices fell,"]),
        ("‘‘Prices fell,’’ said Ortega.", ["Prices fell,"]),
        ("''Prices fell,’’ said Ortega.", ["Prices fell,"]),
        ('"Prices fell,’’ said Ortega.', ["Prices fell,"]),
        ("“It’s over,’’ he said. “Again.’’", ["It’s over,", "Again."]),
        # A quote opened with two left singles runs over a paragraph like any double quote.
        ("‘‘First part.\n\n‘‘Second part,’’ he said.", ["First part.", "Second part,"]),
        # Where no double quote is open, or a single one is open inside it, they are two singles.
        ("‘He said ‘no’’ twice.", ["He said ‘no’"]),
        ("“He called it ‘madness’’ and left,” she said.", ["He called it ‘madness’’ and left,"]),
        ("The Joneses’’ house", []),
    ],
)
def test_two_right_single_quotes_close_a_double_quote(text, inner):
    assert quoted(text) == inner
