"""Floating quotes: a quoted sentence or paragraph with no cue of its own.

News goes on quoting a speaker without repeating the attribution: a reader gives the quote to
the person the passage is about. Here that is the source of the last attribution in the same or
the previous paragraph, unless another person is named in between. Scare quotes and titles are
never floating quotes: a floating quote starts and ends a sentence and has a few words.
"""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

from ..text.edges import trim
from ..text.intervals import IntervalSet
from ..text.quotemarks import QuotedSpan, paragraphs
from .link import Link
from .place import Placed

MIN_WORDS = 4  # "a disaster" is a phrase someone used; a sentence has a few more words
_SENTENCE_END = ".?!…"
_ENDS = ".?!…:"  # a sentence ends (or a colon introduces) before a quote that opens one
_CLOSERS = "”\"’'"
_DIRECT_TRAILING = " \t\n\r,"


def _starts_sentence(text: str, paragraph_start: int, quote: QuotedSpan) -> bool:
    """The quote opens its paragraph or follows a sentence end (looking back from the quote
    only, so that long paragraphs cost no more per quote)."""
    k = quote.start - 1
    while k >= paragraph_start and text[k].isspace():
        k -= 1
    if k < paragraph_start:
        return True
    if text[k] in _ENDS:
        return True
    return text[k] in _CLOSERS and k > paragraph_start and text[k - 1] in _ENDS[:-1]


def _ends_sentence(text: str, quote: QuotedSpan, paragraph_end: int) -> bool:
    inner = text[quote.inner_start : quote.inner_end].rstrip()
    after = text[quote.end : paragraph_end].lstrip()
    return (bool(inner) and inner[-1] in _SENTENCE_END) or after == "" or after[:1] in _SENTENCE_END


def floating_quotes(doc: Doc, text: str, placed: list[Placed], quoted: list[QuotedSpan]) -> list[Placed]:
    """Quoted sentences no attribution covers, each given to the passage's last source."""
    covered = IntervalSet((p.start, p.end) for p in placed)
    # '"PENCE: Well, …': a quoted paragraph that opens a transcript turn is the turn's.
    turns = IntervalSet((p.start, p.end) for p in placed if p.rule_name in ("turn", "headline"))
    anchors = sorted((p for p in placed if p.link.speaker is not None), key=lambda p: p.end)
    anchor_ends = [p.end for p in anchors]
    paras = list(paragraphs(text))
    para_starts = [start for start, _ in paras]
    people = sorted(e.start_char for e in doc.ents if e.label_ == "PERSON")
    found: list[Placed] = []
    for quote in quoted:
        start, end = trim(text, quote.inner_start, quote.inner_end, _DIRECT_TRAILING)
        if end <= start or start in covered or end - 1 in covered or turns.overlaps(start, end):
            continue
        if len(text[start:end].split()) < MIN_WORDS:
            continue
        index = bisect_right(para_starts, quote.start) - 1
        if index < 0:
            continue
        para_start, para_end = paras[index]
        if not (_starts_sentence(text, para_start, quote) and _ends_sentence(text, quote, para_end)):
            continue
        previous = bisect_right(anchor_ends, quote.start) - 1
        if previous < 0:
            continue
        anchor = anchors[previous]
        earliest = paras[index - 1][0] if index > 0 else para_start
        if anchor.start < earliest:
            continue  # the passage has moved on
        speaker = anchor.link.speaker
        assert speaker is not None
        between = people[bisect_right(people, speaker.end_char - 1) : bisect_right(people, quote.start - 1)]
        if any(not (anchor.start <= p < anchor.end) and not (quote.start <= p < quote.end) for p in between):
            continue  # someone else was named since: the reader cannot tell
        link = Link(None, speaker, start, end, "speech", "floating")
        found.append(Placed(link, "direct", start, end))
    return found
