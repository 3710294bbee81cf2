"""The last stage: ``Quote`` results from placed attributions and their resolved speakers."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from spacy.tokens import Span

from ..speakers.resolver import NO_SOURCE, Source
from ..types import Quote, TextSpan
from .place import Placed


def _text_span(span: Span | None) -> TextSpan | None:
    if span is None:
        return None
    return TextSpan(span.text, span.start_char, span.end_char)


def build_quotes(
    text: str,
    placed: list[Placed],
    sources: Mapping[tuple[int, int], Source],
    keep: Callable[[Placed], bool] | None = None,
    narrow_mentions: bool = True,
) -> list[Quote]:
    """Results in text order, for the attributions ``keep`` accepts; ``sources`` holds each
    speaker mention's resolved source, by its token range (``naming.resolve_speakers``). With
    ``narrow_mentions`` the speaker is the mention the resolver narrowed ("a statement by X" ->
    X); without, the whole noun phrase, as PARC-style corpora mark a source ("Brian Fallon, the
    campaign's press secretary")."""
    results = []
    for item in sorted(placed, key=lambda p: (p.start, p.end)):
        if keep is not None and not keep(item):
            continue
        speaker = item.link.speaker
        source = sources[(speaker.start, speaker.end)] if speaker is not None else NO_SOURCE
        results.append(
            Quote(
                kind=item.kind,  # type: ignore[arg-type]
                text=text[item.start : item.end],
                start=item.start,
                end=item.end,
                speaker=_text_span(source.mention if narrow_mentions else speaker),
                speaker_name=source.name,
                cue=_text_span(item.link.cue),
                speaker_role=_text_span(source.role),
                source_type=source.source_type,  # type: ignore[arg-type]  # one of SOURCE_TYPES, as str
                rule=item.rule_name,
                name_confidence=source.confidence if speaker is not None else None,
                speaker_gender=source.gender,  # type: ignore[arg-type]
                gender_evidence=source.gender_evidence,  # type: ignore[arg-type]
            )
        )
    return results


def merge_pieces(text: str, quotes: list[Quote]) -> list[Quote]:
    """"“A,” he said. “B.”" as one attribution: each continuation joins the quote of the same cue
    and speaker before it, which then spans both, its ``pieces`` saying where each is."""
    merged: list[Quote] = []
    anchors: dict[tuple, int] = {}  # (cue, speaker) -> index in merged
    for quote in quotes:
        key = (quote.cue, quote.speaker)
        at = anchors.get(key) if quote.rule == "continuation" and quote.cue is not None else None
        if at is None:
            if quote.cue is not None and quote.kind == "direct":
                anchors[key] = len(merged)
            merged.append(quote)
            continue
        anchor = merged[at]
        pieces = (*(anchor.pieces or (anchor.content,)), quote.content)
        start, end = pieces[0].start, pieces[-1].end
        merged[at] = replace(anchor, text=text[start:end], start=start, end=end, pieces=pieces)
    return merged

