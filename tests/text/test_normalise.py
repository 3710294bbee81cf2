import pytest

from quotes.text.normalise import normalise_name


@pytest.mark.parametrize(
    "raw",
    [
        "Vedant\tPatel",
        "Vedant\nPatel",
        "Vedant \u00a0 Patel",
        "Vedant\u2009Patel",
        "  Vedant Patel\n",
        "Vedant Pa\u200btel",  # zero-width space
        "Ved\u00adant Patel",  # soft hyphen
        "\ufeffVedant Patel",  # byte-order mark
        "\u200fVedant\u200e Patel\u202c",  # bidi marks
        "Vedant Pa\u200d\u200ctel",  # zero-width joiner and non-joiner
        "Vedant \u2060Patel",  # word joiner between the words
    ],
)
def test_names_lose_odd_whitespace_and_invisible_characters(raw):
    assert normalise_name(raw) == "Vedant Patel"


def test_visible_characters_are_kept():
    assert normalise_name("José María Aznar-López") == "José María Aznar-López"
    assert normalise_name("習近平") == "習近平"
    assert normalise_name("O’Neill") == "O’Neill"


def test_a_name_of_only_invisible_characters_is_empty():
    assert normalise_name("\u200b\t\u00ad ") == ""


@pytest.mark.parametrize(
    "raw, name",
    [
        ("Jane\x00 Doe", "Jane Doe"),  # NUL
        ("Jane Doe\x00", "Jane Doe"),
        ("Jane\u200bDoe", "Jane Doe"),  # a zero-width space parting two words
        ("Jane 👩\u200d🚀 Doe", "Jane Doe"),  # emoji
        ("Jane Doe 🚀", "Jane Doe"),
    ],
)
def test_names_lose_control_characters_and_emoji(raw, name):
    assert normalise_name(raw) == name
