"""The last stage: ``Quote`` results from placed attributions and their resolved speakers."""
from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Span

from ..speakers.resolver import NO_SOURCE, Source, SpeakerResolver
from ..types import Quote, TextSpan
from .place import Placed


def _text_span(span: Span | None) -> TextSpan | None:
    if span is None:
        return None
    return TextSpan(span.text, span.start_char, span.end_char)


_OPENING_PRONOUN = re.compile(r"(?:that\s+)?(he|she)\b", re.IGNORECASE)


def _opening_pronoun(content: str) -> str | None:
    """"she believes …", "that he would …": reported speech that opens with he or she is
    mostly about the speaker, and so tells the speaker's gender."""
    match = _OPENING_PRONOUN.match(content)
    return match.group(1).lower() if match else None


def build_quotes(
    text: str,
    placed: list[Placed],
    resolver: SpeakerResolver,
    keep: Callable[[Placed], bool] | None = None,
    narrow_mentions: bool = True,
) -> list[Quote]:
    """Results in text order. Every speaker is resolved, in the order they are mentioned, even
    for attributions the scope leaves out: "Hale thinks …" still makes Hale the "he" who speaks
    next. Only those ``keep`` accepts become results. With ``narrow_mentions`` the speaker is
    the mention the resolver narrowed ("a statement by X" -> X); without, the whole noun phrase,
    as PARC-style corpora mark a source ("Brian Fallon, the campaign's press secretary")."""
    sources: dict[tuple[int, int], Source] = {}
    speakers = {(p.link.speaker.start, p.link.speaker.end): p.link.speaker for p in placed if p.link.speaker}
    pronouns: dict[tuple[int, int], str] = {}
    for item in sorted(placed, key=lambda p: p.start, reverse=True):  # a speaker's first content decides
        pronoun = _opening_pronoun(text[item.start : item.end])
        if item.link.speaker is not None and pronoun is not None:
            pronouns[(item.link.speaker.start, item.link.speaker.end)] = pronoun
    for key in sorted(speakers):
        sources[key] = resolver.resolve(speakers[key], pronouns.get(key))
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
            )
        )
    return results
