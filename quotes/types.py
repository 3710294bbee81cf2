"""Result types: plain dataclasses so results serialise to JSON without help."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Kind = Literal["direct", "indirect", "mixed", "belief"]
KINDS: tuple[str, ...] = ("direct", "indirect", "mixed", "belief")


@dataclass(frozen=True)
class TextSpan:
    """A piece of the document: ``doc_text[start:end] == text`` always holds."""

    text: str
    start: int
    end: int

    def shifted(self, offset: int) -> "TextSpan":
        return TextSpan(self.text, self.start + offset, self.end + offset)


@dataclass(frozen=True)
class Quote:
    """One attribution: who (speaker) said (cue) what (content)."""

    kind: Kind
    text: str
    start: int
    end: int
    speaker: TextSpan | None = None
    speaker_name: str | None = None
    cue: TextSpan | None = None

    @property
    def content(self) -> TextSpan:
        return TextSpan(self.text, self.start, self.end)

    def shifted(self, offset: int) -> "Quote":
        """The same quote in a text where this one's text starts at ``offset``."""
        return Quote(
            kind=self.kind,
            text=self.text,
            start=self.start + offset,
            end=self.end + offset,
            speaker=self.speaker.shifted(offset) if self.speaker else None,
            speaker_name=self.speaker_name,
            cue=self.cue.shifted(offset) if self.cue else None,
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Quote":
        def span(value: dict[str, Any] | None) -> TextSpan | None:
            return TextSpan(**value) if value else None

        return cls(
            kind=data["kind"],
            text=data["text"],
            start=data["start"],
            end=data["end"],
            speaker=span(data.get("speaker")),
            speaker_name=data.get("speaker_name"),
            cue=span(data.get("cue")),
        )
