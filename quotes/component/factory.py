"""The spaCy pipeline component: ``nlp.add_pipe("quotes")``. It runs the extractor's stages
(``quotes.extractor``), then, as its scope says, PolNeAR's cue and content spans and the learned
confidence (``quotes.learned``), and stores the results in span groups (``spans.py``)."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc

from ..errors import ModelError
from ..extractor.stages import extract_from_doc
from ..learned.content_span import reshape
from ..learned.cue_span import widen_cue
from ..learned.tables import NAMES as TABLE_NAMES
from ..learned.tables import LearnedTables
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
        name_gender: bool = True,
    ):
        self.name = name
        self.name_gender = bool(name_gender)  # False: a gender only from the article's own words
        self.scope = check_scope(scope)  # fail here, not once per doc inside __call__
        self.lexicon_paths = tuple(str(p) for p in lexicon_paths)
        self.min_confidence = float(min_confidence)
        self._lexicon: Lexicon | None = None
        self._tables: LearnedTables | None = None
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

    @property
    def tables(self) -> LearnedTables:
        """The learned tables this component runs with: the package's, or a saved copy."""
        if self._tables is None:
            self._tables = LearnedTables.shipped(self.scope)
        return self._tables

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP") and doc.text.strip():
            raise ModelError("the 'quotes' component needs a dependency parse: put it after a parser")
        found = extract_from_doc(doc, self.lexicon, self.scope, self.name_gender)
        if get_scope(self.scope).polnear_spans:
            found = polnear_spans(doc, found, self.tables)  # before scoring: the confidence is of what is shipped
        found = self._apply_confidence(doc, found)
        store(doc, found)
        return doc

    def _apply_confidence(self, doc: Doc, found: list[Quote]) -> list[Quote]:
        """Confidence from the learned model of this scope, when there is one; quotes below the
        model's threshold or ``min_confidence`` are dropped."""
        model = self.tables.confidence_model
        threshold = self.min_confidence
        if model is not None:
            found = model.apply(doc, found)
            threshold = max(threshold, model.threshold)
        return [q for q in found if q.confidence >= threshold]

    # -- serialisation: the lexicon and the learned tables travel with a saved pipeline --------

    def _stored(self, exclude: Iterable[str]) -> dict[str, Any]:
        parts: dict[str, Any] = {"cfg": {"scope": self.scope}, "lexicon": self.lexicon.to_data(), **self.tables.to_data()}
        return {name: value for name, value in parts.items() if name not in set(exclude)}

    def _restore(self, stored: dict[str, Any]) -> None:
        if "cfg" in stored:
            self.scope = check_scope(stored["cfg"]["scope"])
            self._tables = None
        if "lexicon" in stored:
            self._lexicon = lexicon_from_data(stored["lexicon"], f"{self.name} (saved)")
        saved = {name: stored[name] for name in TABLE_NAMES if name in stored}
        if saved:
            self._tables = self.tables.replaced(saved)

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps(self._stored(exclude))

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> QuoteExtractor:
        stored = srsly.msgpack_loads(data)
        self._restore({name: value for name, value in stored.items() if name not in set(exclude)})
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """``cfg.json``, ``lexicon.yaml`` and one JSON file per learned table (``null`` where the
        scope has none); ``exclude`` leaves any of them out."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name, value in self._stored(exclude).items():
            if name == "lexicon":
                srsly.write_yaml(path / "lexicon.yaml", value)
            else:
                srsly.write_json(path / f"{name}.json", value)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> QuoteExtractor:
        """What ``to_disk`` wrote, but for the parts in ``exclude`` or missing (a pipeline saved
        by an older version): those keep what the component has."""
        path = Path(path)
        stored: dict[str, Any] = {}
        for name in ("cfg", "lexicon", *TABLE_NAMES):
            file = path / ("lexicon.yaml" if name == "lexicon" else f"{name}.json")
            if name not in set(exclude) and file.is_file():
                stored[name] = srsly.read_yaml(file) if name == "lexicon" else srsly.read_json(file)
        self._restore(stored)
        return self


def polnear_spans(doc: Doc, found: list[Quote], tables: LearnedTables) -> list[Quote]:
    """Cue spans ("has also denied", "pointed out") and content edges ("described Trump as a
    caricature") as PolNeAR marks them, learned from train (``quotes.learned.cue_span``,
    ``quotes.learned.content_span``); the default scope keeps the spans of gold/README.md."""
    # Contents first: their table was learned on the bare cue verb, which widening replaces.
    contents = tables.content_spans
    if contents is not None:
        found = [reshape(doc, q, contents) for q in found]
    cues = tables.cue_spans
    if cues is not None:
        found = [widen_cue(doc, q, cues) for q in found]
    return found


@Language.factory(
    "quotes",
    default_config={"scope": "quotes", "lexicon_paths": [], "min_confidence": 0.0, "name_gender": True},
    assigns=["doc.spans", "doc._.quotes"],
    requires=["token.dep", "token.pos", "token.lemma", "doc.ents"],
)
def make_quotes(
    nlp: Language, name: str, scope: str, lexicon_paths: list[str], min_confidence: float, name_gender: bool
) -> QuoteExtractor:
    return QuoteExtractor(nlp, name, scope, lexicon_paths, min_confidence, name_gender)
