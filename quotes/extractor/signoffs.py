"""Stage 1, signed texts: words with no quote marks and no cue verb, signed by a line after them.

Two shapes, each a rule of its own in ``link.RULES``:

- ``social-post``: an embedded post, its text then "— Jane Doe (@janedoe) May 3, 2024";
- ``pull-quote``: a person's words set apart from the prose, then "Charles Bolden, NASA
  Administrator" on the next line or ending the paragraph.

A name and title after a paragraph of prose do not make the prose a quote. The words are a pull
quote only in the pull-quote shape: a sentence of them appears elsewhere in the article (the quote
the box repeats), or they are a short paragraph of their own, whole sentences, set inside the
article (more follows the sign-off), signed by a person the article names elsewhere, in the
words of someone speaking ("we", "I", "you"), and neither naming the signer nor saying "he" or
"she" (prose about someone; a portrait's caption under prose reads the same). The sign-off
patterns are data (``data/signoffs.yaml``).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from ..resources.data import read_yaml
from ..resources.words import WORDS
from ..text.intervals import IntervalSet
from ..text.quotemarks import ALL_MARKS, paragraphs

MAX_PULL_WORDS = 60  # a pull quote is a sentence or two, not a paragraph of reporting
MIN_WORDS = 4  # as for floating quotes: fewer words are a phrase, not a statement
MIN_REPEATED_WORDS = 6  # a repeated sentence this long is the same quote, not a stock phrase
MAX_ROLE_WORDS = 12
# A sign-off is short: only the last characters of a paragraph are tried.
MAX_SIGNOFF_CHARS = 200
_EDGES = " \t\n\r\u00a0" + ALL_MARKS
_SENTENCE_END = re.compile(r"[.!?…][\"”’']?$")
_SENTENCES = re.compile(r"(?<=[.!?…])[\"”’']?\s+")
_LINKS = re.compile(r"(?:\s*(?:pic\.twitter\.com/\S+|https?://\S+))+$")
# Typographic variants that differ between a quote and its pull-quote copy.
_PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})


def _bare(word: str) -> str:
    return word.strip(".,;:!?\"“”‘’'()").lower()


@dataclass(frozen=True)
class SignedText:
    """Words ``text[start:end]`` signed by ``name``; ``cue`` is the dash before a post's name."""

    name: Span
    cue: Span | None
    start: int
    end: int
    rule: str


@dataclass(frozen=True)
class _Patterns:
    posts: tuple[re.Pattern[str], ...]
    pulls: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    data = read_yaml("signoffs.yaml")
    return _Patterns(
        tuple(re.compile(p) for p in data["social_posts"]), tuple(re.compile(p) for p in data["pull_quotes"])
    )


def _signoff(patterns: Iterable[re.Pattern[str]], text: str, start: int, end: int) -> re.Match[str] | None:
    """The shortest sign-off that ends the paragraph [start, end) and starts it or a word in it."""
    patterns = tuple(patterns)
    for position in range(end - 1, max(start, end - MAX_SIGNOFF_CHARS) - 1, -1):
        if position > start and not text[position - 1].isspace():
            continue
        for pattern in patterns:
            match = pattern.fullmatch(text, position, end)
            if match is not None:
                return match
    return None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGES:
        start += 1
    while end > start and text[end - 1] in _EDGES:
        end -= 1
    return start, end


class _Finder:
    def __init__(self, doc: Doc, text: str, skip: IntervalSet | None):
        self.doc = doc
        self.text = text
        self.skip = skip
        self.paras = list(paragraphs(text))
        self.patterns = _patterns()
        self.persons = [e for e in doc.ents if e.label_ == "PERSON"]
        self._plain: str | None = None

    @property
    def plain(self) -> str:
        if self._plain is None:
            self._plain = " ".join(self.text.translate(_PLAIN).split())
        return self._plain

    def name(self, match: re.Match[str]) -> Span | None:
        span = self.doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
        return span if span is not None and span.text.strip() else None

    def content_before(self, index: int, match: re.Match[str], start: int) -> tuple[int, int] | None:
        """The words the sign-off signs: the paragraph's text before it, else the paragraph before."""
        own = _trimmed(self.text, start, match.start())
        if own[1] > own[0]:
            return own
        if index == 0 or self.skipped(self.paras[index - 1][0]):
            return None
        return _trimmed(self.text, *self.paras[index - 1])

    def skipped(self, position: int) -> bool:
        return self.skip is not None and position in self.skip

    def find(self) -> list[SignedText]:
        found: list[SignedText] = []
        for index, (start, end) in enumerate(self.paras):
            if self.skipped(start):
                continue
            end = start + len(self.text[start:end].rstrip())
            tail = self.text[max(start, end - MAX_SIGNOFF_CHARS) : end]
            post = _signoff(self.patterns.posts, self.text, start, end) if "(@" in tail else None
            if post is not None:
                found.extend(self.post(index, post, start))
                continue
            pull = _signoff(self.patterns.pulls, self.text, start, end) if "," in tail else None
            if pull is not None:
                found.extend(self.pull(index, pull, start))
        return found

    def post(self, index: int, match: re.Match[str], start: int) -> list[SignedText]:
        content = self.content_before(index, match, start)
        name = self.name(match)
        if content is None or name is None:
            return []
        cut = _LINKS.search(self.text, content[0], content[1])
        start, end = _trimmed(self.text, content[0], cut.start() if cut else content[1])
        if len(self.text[start:end].split()) < 1:
            return []
        dash = None
        if "dash" in match.re.groupindex and match.group("dash"):
            dash = self.doc.char_span(match.start("dash"), match.end("dash"), alignment_mode="expand")
        return [SignedText(name, dash, start, end, "social-post")]

    def pull(self, index: int, match: re.Match[str], start: int) -> list[SignedText]:
        role = match.group("role").strip()
        if len(role.split()) > MAX_ROLE_WORDS or role.endswith("."):
            return []
        own_paragraph = match.start() == start
        if not own_paragraph and not _SENTENCE_END.search(self.text[start : match.start()].rstrip()):
            return []  # the name and title must follow a sentence's end
        content = self.content_before(index, match, start)
        name = self.name(match)
        if content is None or name is None or not self.is_person(name):
            return []
        words = self.text[content[0] : content[1]].split()
        if len(words) < MIN_WORDS or not _SENTENCE_END.search(self.text[content[0] : content[1] + 1].rstrip()):
            return []  # a pull quote is a statement: whole sentences, not a list item or a heading
        if self.repeated_elsewhere(*content) or (
            len(words) <= MAX_PULL_WORDS
            and index + 1 < len(self.paras)  # set inside the article, not signing its end
            and self.named_elsewhere(name, match.start(), match.end())
            and not self.about_someone(words, name)
            and self.speaks(words)
        ):
            return [SignedText(name, None, content[0], content[1], "pull-quote")]
        return []

    @staticmethod
    def about_someone(words: list[str], name: Span) -> bool:
        """Prose about a person, not their words: it names the signer, or says he or she."""
        third_person = WORDS.male_pronouns | WORDS.female_pronouns | {name[-1].lower_}
        return any(_bare(w).removesuffix("'s").removesuffix("’s") in third_person for w in words)

    @staticmethod
    def speaks(words: list[str]) -> bool:
        """Someone speaking ("we", "I", "you"): a name and title under a paragraph of the
        reporter's prose is a portrait's caption, not a pull quote's signature."""
        return any(_bare(w).split("'")[0].split("’")[0] in WORDS.speaking_pronouns for w in words)

    def is_person(self, name: Span) -> bool:
        """The entity recogniser calls the name a person, or the article names a person so."""
        people = {w.lower() for e in self.persons for w in e.text.split()}
        return any(e.start <= name.start and name.end <= e.end for e in self.persons) or all(
            w.lower() in people for w in name.text.split()
        )

    def named_elsewhere(self, name: Span, start: int, end: int) -> bool:
        """A person the article names outside the sign-off, with the same last name."""
        last = name[-1].lower_
        return any(
            (e.end_char <= start or e.start_char >= end)
            and not self.skipped(e.start_char)
            and e[-1].lower_ == last
            for e in self.persons
        )

    def repeated_elsewhere(self, start: int, end: int) -> bool:
        """A sentence of the words, long enough to be the same quote, occurs twice in the text."""
        for sentence in _SENTENCES.split(self.text[start:end]):
            # Without its final stop: the quote may go on, or end with a comma, where it is quoted.
            plain = " ".join(sentence.translate(_PLAIN).strip(_EDGES + ".!?…,").split())
            if len(plain.split()) >= MIN_REPEATED_WORDS and self.plain.count(plain) >= 2:
                return True
        return False


def find_signed_texts(doc: Doc, text: str, skip: IntervalSet | None = None) -> list[SignedText]:
    """Embedded posts and pull quotes, with their signers, in text order; none on a furniture
    line (``skip``)."""
    return _Finder(doc, text, skip).find()
