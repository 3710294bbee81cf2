"""spaCy integration: the ``quotes`` and ``quotes_paragraphs`` factories, the span groups the
results live in, and loading a pipeline with them."""
