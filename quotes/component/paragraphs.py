"""A pipeline component that makes every line break a sentence break.

spaCy's parser happily runs a headline into the first sentence of the article below it, which
then turns the headline into reported speech. Sentence starts set before the parser are kept.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("quotes_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc
