"""Docs built by hand from rows "word head dep pos lemma [nospace]", so that a test pins a
rule's behaviour independently of what the statistical parser makes of a sentence."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

VOCAB = spacy.blank("en").vocab


def parsed(rows: str, ents: tuple[tuple[int, int, str], ...] = ()) -> Doc:
    """A Doc from lines "word head dep pos lemma [nospace]" (head: index of the head word).
    A word written ``\\uXXXX`` is that one character (``\\u00a0``, a no-break space)."""
    words, heads, deps, pos, lemmas, spaces = [], [], [], [], [], []
    for line in filter(str.strip, rows.splitlines()):
        word, head, dep, tag, lemma, *rest = line.split()
        if word.startswith("\\u") and len(word) == 6:
            word = lemma = chr(int(word[2:], 16))
        words.append(word)
        heads.append(int(head))
        deps.append(dep)
        pos.append(tag)
        lemmas.append(lemma)
        spaces.append(not rest)
    doc = Doc(VOCAB, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    doc.ents = [doc.char_span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label=label) for s, e, label in ents]
    return doc
