"""Stage 3 as the extractor runs it: every speaker mention resolved, in the order mentioned.

Every speaker is resolved, even of attributions the scope leaves out: "Hale thinks …" still
makes Hale the "he" who speaks next. The resolver itself is ``quotes.speakers``.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Span

from ..speakers.resolver import Source, SpeakerResolver
from .place import Placed

_OPENING_PRONOUN = re.compile(r"(?:that\s+)?(he|she)\b", re.IGNORECASE)


def _opening_pronoun(content: str) -> str | None:
    """"she believes …", "that he would …": reported speech that opens with he or she is
    mostly about the speaker, and so tells the speaker's gender."""
    match = _OPENING_PRONOUN.match(content)
    return match.group(1).lower() if match else None


def resolve_speakers(
    text: str, placed: Sequence[Placed], resolver: SpeakerResolver, probes: Sequence[Span] = ()
) -> dict[tuple[int, int], Source]:
    """The source of every speaker mention, by token range. ``probes`` are further mentions
    resolved among them, in text order, as if they spoke but without becoming candidates for
    later pronouns (to measure the resolver on every mention a corpus annotates)."""
    mentions = {(p.link.speaker.start, p.link.speaker.end): p.link.speaker for p in placed if p.link.speaker}
    for probe in probes:
        mentions.setdefault((probe.start, probe.end), probe)
    pronouns: dict[tuple[int, int], str] = {}
    for item in sorted(placed, key=lambda p: p.start, reverse=True):  # a speaker's first content decides
        pronoun = _opening_pronoun(text[item.start : item.end])
        if item.link.speaker is not None and pronoun is not None:
            pronouns[(item.link.speaker.start, item.link.speaker.end)] = pronoun
    speakers = {(p.link.speaker.start, p.link.speaker.end) for p in placed if p.link.speaker}
    return {
        key: resolver.resolve(mentions[key], pronouns.get(key), remember=key in speakers) for key in sorted(mentions)
    }
