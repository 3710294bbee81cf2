"""Result types: plain dataclasses so results serialise to JSON without help."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

from .errors import QuotesError

Kind = Literal["direct", "indirect", "mixed", "belief"]
KINDS: tuple[str, ...] = ("direct", "indirect", "mixed", "belief")
# Who or what the source is: a named person, an organisation (companies, agencies, countries,
# outlets), an unnamed person or group ("officials", "a senior source"), a document or figures
# ("the report", "a poll"), or no source at all.
SourceType = Literal["person", "organisation", "anonymous", "document", "none"]
SOURCE_TYPES: tuple[str, ...] = ("person", "organisation", "anonymous", "document", "none")
Gender = Literal["female", "male", "unknown"]
GENDERS: tuple[str, ...] = ("female", "male", "unknown")
GenderEvidence = Literal["pronoun", "title", "role word", "first name"]
GENDER_EVIDENCE: tuple[str, ...] = ("pronoun", "title", "role word", "first name")


# The parts of a quote that are spans of the text, as ``Quote.to_dict`` names them.
PARTS: tuple[str, ...] = ("speaker", "cue", "speaker_role")


def _field(data: Mapping[str, Any], key: str, kinds: tuple[type, ...], where: str, optional: bool = False) -> Any:
    """``data[key]`` when it has one of the ``kinds`` (a bool is no number); a ``QuotesError``
    naming the field otherwise. An ``optional`` field may be absent or None."""
    value = data.get(key)
    if value is None and optional:
        return None
    if key not in data:
        raise QuotesError(f"{where}: missing field {key!r}")
    if not isinstance(value, kinds) or isinstance(value, bool):
        names = " or ".join(k.__name__ for k in kinds)
        raise QuotesError(f"{where}: field {key!r} must be {names}, not {type(value).__name__}")
    return value


def _choice(data: Mapping[str, Any], key: str, allowed: tuple[str, ...]) -> str | None:
    """An optional field that must be one of ``allowed`` (or absent, or None)."""
    value = data.get(key)
    if value is not None and value not in allowed:
        raise QuotesError(f"quote: field {key!r} must be one of {', '.join(allowed)}, not {value!r}")
    return value


@dataclass(frozen=True)
class TextSpan:
    """A piece of the document: ``doc_text[start:end] == text`` always holds."""

    text: str
    start: int
    end: int

    def shifted(self, offset: int) -> TextSpan:
        return TextSpan(self.text, self.start + offset, self.end + offset)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None, where: str = "span") -> TextSpan | None:
        if data is None:
            return None
        if not isinstance(data, Mapping):
            raise QuotesError(f"{where}: must be a mapping with text, start and end, not {type(data).__name__}")
        return cls(_field(data, "text", (str,), where), _field(data, "start", (int,), where), _field(data, "end", (int,), where))


@dataclass(frozen=True)
class Quote:
    """One attribution: who (speaker) said (cue) what (content).

    ``speaker`` is the mention as written nearest the quote; ``speaker_name`` the canonical name
    the article gives that source; ``speaker_role`` the fullest title or description the article
    attaches to the speaker anywhere ("US State Department spokesman"). ``rule`` names the rule
    that proposed the quote, ``confidence`` how likely it is to be right end to end (0-1), and
    ``name_confidence`` how sure the name is (below 0.5: uncertain; a pronoun resolved by the
    learned model gets its probability, a name the article spells out 1.0; None: no speaker).
    ``speaker_gender`` is how the article (or, failing it, the first-name table) presents a
    person source: female, male or unknown, with the ``gender_evidence`` that decided (pronoun,
    title, role word, first name); None for organisations, documents and anonymous sources.
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
    name_confidence: float | None = None
    speaker_gender: Gender | None = None
    gender_evidence: GenderEvidence | None = None
    # A quote split by its attribution, as one attribution ("“A,” he said. “B.”" in the
    # attributions scope): the pieces of the content; ``start``/``end`` is their hull.
    pieces: tuple[TextSpan, ...] = ()

    @property
    def content(self) -> TextSpan:
        return TextSpan(self.text, self.start, self.end)

    def shifted(self, offset: int) -> Quote:
        """The same quote in a text where this one's text starts at ``offset``."""
        return replace(
            self,
            start=self.start + offset,
            end=self.end + offset,
            **{part: span.shifted(offset) for part in PARTS if (span := getattr(self, part)) is not None},
            pieces=tuple(piece.shifted(offset) for piece in self.pieces),
        )

    def to_dict(self) -> dict[str, Any]:
        """The one plain form of a quote: JSON lines, span-group attributes, worker results; equal
        to what its JSON line reads back as (``pieces`` a list, not a tuple)."""
        plain = asdict(self)
        plain["pieces"] = list(plain["pieces"])
        return plain

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Quote:
        """A quote from its ``to_dict`` form; a ``QuotesError`` names a missing or mistyped field."""
        if not isinstance(data, Mapping):
            raise QuotesError(f"a quote must be a mapping, not {type(data).__name__}")
        kind = _field(data, "kind", (str,), "quote")
        if kind not in KINDS:
            raise QuotesError(f"quote: field 'kind' must be one of {', '.join(KINDS)}, not {kind!r}")
        source_type = data.get("source_type", "none")
        if source_type not in SOURCE_TYPES:
            raise QuotesError(f"quote: field 'source_type' must be one of {', '.join(SOURCE_TYPES)}, not {source_type!r}")
        confidence = _field(data, "confidence", (int, float), "quote", optional=True)
        name_confidence = _field(data, "name_confidence", (int, float), "quote", optional=True)
        gender = _choice(data, "speaker_gender", GENDERS)
        evidence = _choice(data, "gender_evidence", GENDER_EVIDENCE)
        return cls(
            kind=kind,
            text=_field(data, "text", (str,), "quote"),
            start=_field(data, "start", (int,), "quote"),
            end=_field(data, "end", (int,), "quote"),
            speaker=TextSpan.from_dict(data.get("speaker"), "quote field 'speaker'"),
            speaker_name=_field(data, "speaker_name", (str,), "quote", optional=True),
            cue=TextSpan.from_dict(data.get("cue"), "quote field 'cue'"),
            speaker_role=TextSpan.from_dict(data.get("speaker_role"), "quote field 'speaker_role'"),
            source_type=source_type,
            rule=_field(data, "rule", (str,), "quote", optional=True) or "",
            confidence=1.0 if confidence is None else float(confidence),
            name_confidence=None if name_confidence is None else float(name_confidence),
            speaker_gender=gender,  # type: ignore[arg-type]  # one of GENDERS, checked
            gender_evidence=evidence,  # type: ignore[arg-type]
            pieces=_pieces(data.get("pieces")),
        )


def _pieces(data: Any) -> tuple[TextSpan, ...]:
    if data is None:
        return ()
    if not isinstance(data, (list, tuple)):
        raise QuotesError(f"quote: field 'pieces' must be a list of spans, not {type(data).__name__}")
    return tuple(span for item in data if (span := TextSpan.from_dict(item, "quote field 'pieces'")) is not None)


def shift_record(record: dict[str, Any], offset: int) -> dict[str, Any]:
    """A quote's dict form moved ``offset`` characters on: what ``Quote.shifted`` does, without
    building the Quote (the runners carry dicts between processes)."""
    moved = {**record, "start": record["start"] + offset, "end": record["end"] + offset}
    for part in PARTS:
        span = record.get(part)
        if span is not None:
            moved[part] = {**span, "start": span["start"] + offset, "end": span["end"] + offset}
    if record.get("pieces"):
        moved["pieces"] = [{**p, "start": p["start"] + offset, "end": p["end"] + offset} for p in record["pieces"]]
    return moved
