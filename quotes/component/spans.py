"""Where results live on a ``Doc``: spaCy span groups, so that they travel with ``Doc.to_bytes``,
``DocBin`` (with or without user data) and ``nlp.pipe(n_process=N)``.

- ``doc.spans["quotes"]``: each quote's content; ``label_`` is its kind, ``id_`` its id ("q1");
  the group's ``attrs["quotes"]`` holds every quote whole, in ``Quote.to_dict`` form with its
  ``id``: exact character offsets, the canonical name, source type, rule, confidence and the
  speaker's gender with its evidence.
- ``doc.spans["quote_speakers"]``: speaker mentions; ``kb_id_`` is the canonical name (spaCy's
  entity-linking convention), ``label_`` the source type, ``id_`` the quote's id. A person's
  gender is an attribute of the group, not a label: ``attrs["speaker_gender"]`` and
  ``attrs["gender_evidence"]`` map a quote id to it (person sources only).
- ``doc.spans["quote_cues"]``, ``doc.spans["quote_roles"]``: cues and speaker roles, by quote id.

``doc._.quotes`` reads them back as ``Quote`` objects.
"""
from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span, SpanGroup

from ..types import Quote, TextSpan

CONTENT, SPEAKERS, CUES, ROLES = "quotes", "quote_speakers", "quote_cues", "quote_roles"
GROUPS = (CONTENT, SPEAKERS, CUES, ROLES)


def doc_records(doc: Doc) -> list[dict[str, Any]]:
    """The quotes stored on a processed doc, in text order, in ``Quote.to_dict`` form: what
    runners send between processes and write out."""
    if CONTENT not in doc.spans:
        return []
    return [{k: v for k, v in record.items() if k != "id"} for record in doc.spans[CONTENT].attrs.get("quotes", [])]


def quotes_of(doc: Doc) -> list[Quote]:
    """The quotes stored on a processed doc, in text order."""
    return [Quote.from_dict(record) for record in doc_records(doc)]


if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", getter=quotes_of)


def _span(doc: Doc, part: TextSpan | None, label: str, quote_id: str, kb_id: str = "") -> Span | None:
    if part is None:
        return None
    span = doc.char_span(part.start, part.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return Span(doc, span.start, span.end, label=label, kb_id=kb_id, span_id=quote_id)


def store(doc: Doc, found: list[Quote]) -> None:
    """Write quotes into the doc's span groups (see the module docstring)."""
    groups: dict[str, list[Span]] = {name: [] for name in GROUPS}
    records = []
    for number, quote in enumerate(found, 1):
        quote_id = f"q{number}"
        records.append({"id": quote_id, **quote.to_dict()})
        parts = (
            (CONTENT, quote.content, quote.kind, ""),
            (SPEAKERS, quote.speaker, quote.source_type, quote.speaker_name or ""),
            (CUES, quote.cue, quote.rule, ""),
            (ROLES, quote.speaker_role, "role", ""),
        )
        for group, part, label, kb_id in parts:
            span = _span(doc, part, label, quote_id, kb_id)
            if span is not None:
                groups[group].append(span)
    attrs: dict[str, dict[str, Any]] = {name: {} for name in GROUPS}
    attrs[CONTENT]["quotes"] = records
    person = [(f"q{number}", q) for number, q in enumerate(found, 1) if q.speaker_gender is not None]
    attrs[SPEAKERS]["speaker_gender"] = {quote_id: q.speaker_gender for quote_id, q in person}
    attrs[SPEAKERS]["gender_evidence"] = {quote_id: q.gender_evidence for quote_id, q in person}
    for name in GROUPS:
        doc.spans[name] = SpanGroup(doc, name=name, spans=groups[name], attrs=attrs[name])
