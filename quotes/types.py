"""Result types: plain dataclasses so results serialise to JSON without help."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Kind = Literal["direct", "indirect", "mixed", "belief"]
KINDS: tuple[str, ...] = ("direct", "indirect", "mixed", "belief")
# Who or what the source is: a named person, an organisation (companies, agencies, countries,
# outlets), an unnamed person or group ("officials", "a senior source"), a document or figures
# ("the report", "a poll"), or no source at all.
SourceType = Literal["person", "organisation", "anonymous", "document", "none"]
SOURCE_TYPES: tuple[str, ...] = ("person", "organisation", "anonymous", "document", "none")


@dataclass(frozen=True)
class TextSpan:
    """A piece of the document: ``doc_text[start:end] == text`` always holds."""

    text: str
    start: int
    end: int

    def shifted(self, offset: int) -> TextSpan:
        return TextSpan(self.text, self.start + offset, self.end + offset)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> TextSpan | None:
        return cls(str(data["text"]), int(data["start"]), int(data["end"])) if data else None


@dataclass(frozen=True)
class Quote:
    """One attribution: who (speaker) said (cue) what (content).

    ``speaker`` is the mention as written nearest the quote; ``speaker_name`` the canonical name
    the article gives that source; ``speaker_role`` the fullest title or description the article
    attaches to the speaker anywhere ("US State Department spokesman"). ``rule`` names the rule
    that proposed the quote, ``confidence`` how likely it is to be right end to end (0-1).
    """

    kind: Kind
    text: str
    start: int
    end: int
    speaker: TextSpan | None = None
    speaker_name: str | None = None
    cue: TextSpan | None = None
    speaker_role: TextSpan | None = None
    source_type: SourceType = "none"
    rule: str = ""
    confidence: float = 1.0

    @property
    def content(self) -> TextSpan:
        return TextSpan(self.text, self.start, self.end)

    def shifted(self, offset: int) -> Quote:
        """The same quote in a text where this one's text starts at ``offset``."""
        return Quote(
            kind=self.kind,
            text=self.text,
            start=self.start + offset,
            end=self.end + offset,
            speaker=self.speaker.shifted(offset) if self.speaker else None,
            speaker_name=self.speaker_name,
            cue=self.cue.shifted(offset) if self.cue else None,
            speaker_role=self.speaker_role.shifted(offset) if self.speaker_role else None,
            source_type=self.source_type,
            rule=self.rule,
            confidence=self.confidence,
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        return cls(
            kind=data["kind"],
            text=data["text"],
            start=data["start"],
            end=data["end"],
            speaker=TextSpan.from_dict(data.get("speaker")),
            speaker_name=data.get("speaker_name"),
            cue=TextSpan.from_dict(data.get("cue")),
            speaker_role=TextSpan.from_dict(data.get("speaker_role")),
            source_type=data.get("source_type", "none"),
            rule=data.get("rule", ""),
            confidence=float(data.get("confidence", 1.0)),
        )
