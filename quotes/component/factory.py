"""The spaCy pipeline component: ``nlp.add_pipe("quotes")``. It runs the extractor's stages
(``quotes.extractor``), then, as its scope says, PolNeAR's cue and content spans and the learned
confidence (``quotes.learned``), and stores the results in span groups (``spans.py``)."""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc

from ..errors import ModelError
from ..extractor.stages import extract_from_doc
from ..learned.confidence import ConfidenceModel
from ..learned.content_span import ContentSpanTable, reshape
from ..learned.cue_span import CueSpanTable, widen_cue
from ..resources.lexicon import Lexicon, lexicon_from_data, load_lexicon
from ..scopes import check_scope, get_scope
from ..types import Quote
from .spans import store

_PARSE_ANNOTATIONS = ("token.dep", "token.head")


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
