"""The spaCy pipeline component: ``nlp.add_pipe("quotes")``.

Results live where spaCy keeps spans, so they travel with ``Doc.to_bytes``, ``DocBin`` (with
or without user data) and ``nlp.pipe(n_process=N)``:

- ``doc.spans["quotes"]``: each quote's content; ``label_`` is its kind, ``id_`` its id ("q1");
  the group's ``attrs["quotes"]`` holds per quote what a token span cannot: exact character
  offsets, the canonical name, source type, rule and confidence.
- ``doc.spans["quote_speakers"]``: speaker mentions; ``kb_id_`` is the canonical name (spaCy's
  entity-linking convention), ``label_`` the source type, ``id_`` the quote's id.
- ``doc.spans["quote_cues"]``, ``doc.spans["quote_roles"]``: cues and speaker roles, by quote id.

``doc._.quotes`` reads them back as ``Quote`` objects.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span, SpanGroup

from ..errors import ModelError
from ..extractor.stages import extract_from_doc
from ..learned.confidence import ConfidenceModel
from ..learned.content_span import ContentSpanTable, reshape
from ..learned.cue_span import CueSpanTable, widen_cue
from ..resources.lexicon import Lexicon, lexicon_from_data, load_lexicon
from ..scopes import check_scope, get_scope
from ..types import Quote, TextSpan

CONTENT, SPEAKERS, CUES, ROLES = "quotes", "quote_speakers", "quote_cues", "quote_roles"
GROUPS = (CONTENT, SPEAKERS, CUES, ROLES)
_PARSE_ANNOTATIONS = ("token.dep", "token.head")


def _part(text: str, record: dict[str, Any], key: str) -> TextSpan | None:
    offsets = record.get(key)
    return TextSpan(text[offsets[0] : offsets[1]], offsets[0], offsets[1]) if offsets else None


def quotes_of(doc: Doc) -> list[Quote]:
    """The quotes stored on a processed doc, in text order."""
    if CONTENT not in doc.spans:
        return []
    text = doc.text
    found = []
    for record in doc.spans[CONTENT].attrs.get("quotes", []):
        part = partial(_part, text, record)
        found.append(
            Quote(
                kind=record["kind"],
                text=text[record["start"] : record["end"]],
                start=record["start"],
                end=record["end"],
                speaker=part("speaker"),
                speaker_name=record.get("speaker_name"),
                cue=part("cue"),
                speaker_role=part("role"),
                source_type=record.get("source_type", "none"),
                rule=record.get("rule", ""),
                confidence=record.get("confidence", 1.0),
            )
        )
    return found


def doc_records(doc: Doc) -> list[dict]:
    """The quotes found on a processed doc as plain dicts (``Quote.to_dict``): what runners
    send between processes and write out."""
    return [q.to_dict() for q in quotes_of(doc)]


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
        records.append(
            {
                "id": quote_id,
                "kind": quote.kind,
                "start": quote.start,
                "end": quote.end,
                "speaker": [quote.speaker.start, quote.speaker.end] if quote.speaker else None,
                "speaker_name": quote.speaker_name,
                "cue": [quote.cue.start, quote.cue.end] if quote.cue else None,
                "role": [quote.speaker_role.start, quote.speaker_role.end] if quote.speaker_role else None,
                "source_type": quote.source_type,
                "rule": quote.rule,
                "confidence": quote.confidence,
            }
        )
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
    attrs: dict[str, Any] = {"quotes": records}
    for name in GROUPS:
        doc.spans[name] = SpanGroup(doc, name=name, spans=groups[name], attrs=attrs if name == CONTENT else {})


def _has_parser(nlp: Language) -> bool:
    return any(
        any(a in nlp.get_pipe_meta(name).assigns for a in _PARSE_ANNOTATIONS) for name in nlp.pipe_names
    )


class QuoteExtractor(Pipe):
    """Finds quotes in each doc. A doc that cannot be processed raises, and spaCy's error
    handler decides (``nlp.get_pipe("quotes").set_error_handler(...)``): the default stops, as
    for any component."""

    def __init__(
        self,
        nlp: Language,
        name: str = "quotes",
        scope: str = "quotes",
        lexicon_paths: Iterable[str] = (),
        min_confidence: float = 0.0,
    ):
        self.name = name
        self.scope = check_scope(scope)  # fail here, not once per doc inside __call__
        self.lexicon_paths = tuple(str(p) for p in lexicon_paths)
        self.min_confidence = float(min_confidence)
        self._lexicon: Lexicon | None = None
        if not _has_parser(nlp):
            raise ModelError(
                f"the 'quotes' component needs a dependency parser before it; pipeline has {nlp.pipe_names}"
            )

    @property
    def lexicon(self) -> Lexicon:
        """Loaded on first use, so that a saved pipeline reads its own copy (``from_disk``)
        rather than files that may have moved since it was saved."""
        if self._lexicon is None:
            self._lexicon = load_lexicon(self.scope, self.lexicon_paths)
        return self._lexicon

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP") and doc.text.strip():
            raise ModelError("the 'quotes' component needs a dependency parse: put it after a parser")
        found = extract_from_doc(doc, self.lexicon, self.scope)
        if get_scope(self.scope).polnear_spans:
            found = polnear_spans(doc, found)  # before scoring: the confidence is of what is shipped
        found = self._apply_confidence(doc, found)
        store(doc, found)
        return doc

    def _apply_confidence(self, doc: Doc, found: list[Quote]) -> list[Quote]:
        """Confidence from the learned model of this scope, when one is shipped; quotes below
        the model's threshold or ``min_confidence`` are dropped."""
        model = _confidence_model(self.scope)
        threshold = self.min_confidence
        if model is not None:
            found = model.apply(doc, found)
            threshold = max(threshold, model.threshold)
        return [q for q in found if q.confidence >= threshold]

    # -- serialisation: the lexicon travels with a saved pipeline -----------------------------

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"scope": self.scope, "lexicon": self.lexicon.to_data()})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> QuoteExtractor:
        stored = srsly.msgpack_loads(data)
        self._load_stored(stored["scope"], stored["lexicon"])
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg.json", {"scope": self.scope})
        srsly.write_yaml(path / "lexicon.yaml", self.lexicon.to_data())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> QuoteExtractor:
        path = Path(path)
        self._load_stored(srsly.read_json(path / "cfg.json")["scope"], srsly.read_yaml(path / "lexicon.yaml"))
        return self

    def _load_stored(self, scope: str, lexicon: dict[str, Any]) -> None:
        self.scope = check_scope(scope)
        self._lexicon = lexicon_from_data(lexicon, f"{self.name} (saved)")


@lru_cache(maxsize=4)
def _confidence_model(scope: str) -> ConfidenceModel | None:
    """The learned confidence model of ``scope`` (``quotes.confidence``), or None."""
    return ConfidenceModel.load(scope)


def polnear_spans(doc: Doc, found: list[Quote]) -> list[Quote]:
    """Cue spans ("has also denied", "pointed out") and content edges ("described Trump as a
    caricature") as PolNeAR marks them, learned from train (``quotes.cue_span``,
    ``quotes.content_span``); the default scope keeps the spans of gold/README.md."""
    # Contents first: their table was learned on the bare cue verb, which widening replaces.
    contents = ContentSpanTable.load()
    if contents is not None:
        found = [reshape(doc, q, contents) for q in found]
    cues = CueSpanTable.load()
    if cues is not None:
        found = [widen_cue(doc, q, cues) for q in found]
    return found


@Language.factory(
    "quotes",
    default_config={"scope": "quotes", "lexicon_paths": [], "min_confidence": 0.0},
    assigns=["doc.spans", "doc._.quotes"],
    requires=["token.dep", "token.pos", "token.lemma", "doc.ents"],
)
def make_quotes(
    nlp: Language, name: str, scope: str, lexicon_paths: list[str], min_confidence: float
) -> QuoteExtractor:
    return QuoteExtractor(nlp, name, scope, lexicon_paths, min_confidence)
