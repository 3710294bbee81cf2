"""The canonical form of a name: "Mr. Patel's" -> "Patel", "The Canada Revenue Agency" ->
"Canada Revenue Agency", "Vedant\\tPatel" -> "Vedant Patel"; and the acronyms an article defines."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..resources.words import WORDS
from ..text.normalise import normalise_name

_POSSESSIVE = ("'s", "’s", "'", "’")


def strip_possessive(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[-1].lower_ in _POSSESSIVE or tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def name_tokens(tokens: list[Token], titles: frozenset[str]) -> list[Token]:
    """The tokens of a name without possessive, leading determiners or titles."""
    tokens = strip_possessive(list(tokens))
    while len(tokens) > 1 and (
        tokens[0].lower_.rstrip(".") in titles or tokens[0].lower_ in WORDS.determiners or tokens[0].is_punct
    ):
        tokens = tokens[1:]
    return tokens


def clean_name(text: str, tokens: list[Token], titles: frozenset[str]) -> str:
    """The name the tokens spell, as written in ``text`` (one copy of ``doc.text``), normalised."""
    tokens = name_tokens(tokens, titles)
    if not tokens:
        return ""
    return normalise_name(text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])])


def is_acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and sum(c.isupper() for c in letters) >= 2 and word[0].isupper()


def _initials_fit(acronym: str, long_form: list[Token]) -> bool:
    """Every letter of the acronym starts a word of the long form, in order ("CRA" in
    "Canada Revenue Agency"); small words ("of", "the") may be skipped."""
    letters = [c.lower() for c in acronym if c.isalpha()]
    initials = [t.text[0].lower() for t in long_form if t.text[:1].isalpha()]
    position = 0
    for letter in letters:
        while position < len(initials) and initials[position] != letter:
            position += 1
        if position == len(initials):
            return False
        position += 1
    return True


def defined_acronyms(
    doc: Doc, text: str, titles: frozenset[str], brackets: list[int] | None = None
) -> dict[str, tuple[int, str]]:
    """Acronyms the article defines, "Canada Revenue Agency (CRA)": acronym -> (start of the long
    form, the long form's canonical name). ``brackets``: indices of the "(" tokens, if known."""
    found: dict[str, tuple[int, str]] = {}
    for index in brackets if brackets is not None else (t.i for t in doc if t.text == "("):
        token = doc[index]
        if token.text != "(" or token.i + 2 >= len(doc) or doc[token.i + 2].text != ")":
            continue
        acronym = doc[token.i + 1].text
        if not is_acronym(acronym) or acronym in found:
            continue
        first = token.i
        while first > 0 and first > token.i - 10 and (
            doc[first - 1].text[:1].isupper()
            or doc[first - 1].lower_ in ("of", "and", "for", "&", "on")
            or doc[first - 1].text == "-" and not doc[first - 1].whitespace_ and first > 1 and not doc[first - 2].whitespace_
        ) and not doc[first - 1].is_sent_start:
            first -= 1
        if first > 0 and doc[first - 1].is_sent_start and doc[first - 1].text[:1].isupper():
            first -= 1
        long_form = [t for t in doc[first : token.i] if t.lower_ not in WORDS.determiners or t.i > first]
        while long_form and long_form[0].lower_ in ("of", "and", "for", "&", "on"):
            long_form = long_form[1:]
        while len(long_form) > 1 and long_form[0].text[:1].lower() != acronym[0].lower():
            long_form = long_form[1:]  # "Monday Canada Revenue Agency (CRA)"
        if long_form and _initials_fit(acronym, long_form):
            found[acronym] = (long_form[0].idx, clean_name(text, long_form, titles))
    return found
