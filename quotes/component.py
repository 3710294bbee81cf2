"""The spaCy pipeline component: ``nlp.add_pipe("quotes")`` sets ``doc._.quotes``."""
from __future__ import annotations

from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from .extractor import extract_from_doc
from .lexicon import load_lexicon
from .linking import check_scope
from .types import Quote

# Results are stored as plain dicts so that Doc.to_bytes (and so nlp.pipe(n_process=N)) carries
# them between processes; ``doc._.quotes`` turns them back into Quote objects on read.
Doc.set_extension("quote_records", default=None, force=True)
Doc.set_extension("quotes_error", default=None, force=True)
Doc.set_extension(
    "quotes",
    getter=lambda doc: [Quote.from_dict(r) for r in (doc._.quote_records or [])],
    force=True,
)

class QuoteExtractor:
    """Runs the extractor on each doc. A failure on one doc is recorded on that doc
    (``doc._.quotes_error``) rather than raised, so one bad record never stops a batch."""

    def __init__(self, nlp: Language, name: str, lexicon_paths: Iterable[str] = (), scope: str = "quotes"):
        self.name = name
        self.scope = check_scope(scope)  # fail here, not once per doc inside __call__
        self.lexicon = load_lexicon(*lexicon_paths)

    def __call__(self, doc: Doc) -> Doc:
        try:
            if doc.text.strip() and not doc.has_annotation("DEP"):
                raise ValueError(
                    "the 'quotes' component needs a dependency parse: put it after a parser"
                )
            doc._.quote_records = [q.to_dict() for q in extract_from_doc(doc, self.lexicon, self.scope)]
        except Exception as error:  # noqa: BLE001 - reported on the doc, see class docstring
            doc._.quote_records = []
            doc._.quotes_error = f"{type(error).__name__}: {error}"
        return doc


@Language.factory("quotes", default_config={"lexicon_paths": [], "scope": "quotes"})
def make_quotes(nlp: Language, name: str, lexicon_paths: list[str], scope: str) -> QuoteExtractor:
    return QuoteExtractor(nlp, name, lexicon_paths, scope)
