"""The extractor's stages over one parsed ``Doc``, run in order by ``stages.extract_from_doc``:

1. ``candidates`` — quoted stretches, cue words, transcript turns, signed quotes;
2. ``link`` — each cue joined to its speaker and content through the parse (named rules);
3. ``place`` — contents settled against the quote marks, continuations, ``floating`` quotes;
4. speakers resolved (``quotes.speakers``);
5. ``scope`` — what the scope keeps; ``build`` — the ``Quote`` results.
"""
