"""Find candidate tokens without walking the document token by token.

Every ``for token in doc`` builds a Python object per token: on a 20 MB document that is most
of the resolver's time. ``Scan`` reads the attributes once as a numpy array
(``Doc.to_array``) and answers "which tokens are proper nouns not tagged as people?" with
vector operations, so only the few candidates become ``Token`` objects.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, IDX, LEMMA, LOWER, POS, SENT_START, TAG
from spacy.strings import hash_string  # type: ignore[attr-defined]  # defined in strings.pyx, missing from the stub
from spacy.symbols import IDS
from spacy.tokens import Doc

_COLUMNS = (POS, DEP, ENT_TYPE, LEMMA, LOWER, TAG, IDX, SENT_START)
_POS, _DEP, _ENT, _LEMMA, _LOWER, _TAG, _IDX, _SENT = range(len(_COLUMNS))


@lru_cache(maxsize=256)
def _codes(values: frozenset[str]) -> np.ndarray:
    """The integers a column may hold for these strings: a symbol id or a string hash (the
    same in every vocabulary: spaCy hashes strings with a fixed function)."""
    found = set()
    for value in values:
        found.add(hash_string(value))
        if value in IDS:
            found.add(IDS[value])
    return np.sort(np.fromiter(found, dtype="uint64", count=len(found)))


def _member(column: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """``np.isin`` for a sorted ``codes``, without its set-up cost on short columns."""
    if not len(codes):
        return np.zeros(len(column), dtype=bool)
    index = np.searchsorted(codes, column)
    index[index == len(codes)] = 0
    return codes[index] == column


class Scan:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.array = doc.to_array(list(_COLUMNS)) if len(doc) else np.zeros((0, len(_COLUMNS)), dtype="uint64")
        if self.array.ndim == 1:
            self.array = self.array.reshape(-1, len(_COLUMNS))

    def _codes(self, values: Iterable[str]) -> np.ndarray:
        return _codes(frozenset(values))

    def mask(
        self,
        pos: Iterable[str] = (),
        lemma: Iterable[str] = (),
        lower: Iterable[str] = (),
        not_dep: Iterable[str] = (),
        not_ent: Iterable[str] = (),
        no_ent: bool = False,
        not_tag: Iterable[str] = (),
    ) -> np.ndarray:
        keep = np.ones(len(self.array), dtype=bool)
        pos, lemma, lower, not_dep, not_ent, not_tag = map(list, (pos, lemma, lower, not_dep, not_ent, not_tag))
        for column, values, wanted in (
            (_POS, pos, True),
            (_LEMMA, lemma, True),
            (_LOWER, lower, True),
            (_DEP, not_dep, False),
            (_ENT, not_ent, False),
            (_TAG, not_tag, False),
        ):
            if values:
                found = _member(self.array[:, column], self._codes(values))
                keep &= found if wanted else ~found
        if no_ent:
            keep &= self.array[:, _ENT] == 0
        return keep

    def where(self, **conditions) -> list[int]:
        """Indices of the tokens that meet every condition (see ``mask``)."""
        return np.flatnonzero(self.mask(**conditions)).tolist()

    def sentence_starts(self) -> list[int]:
        """Character offsets where sentences start (the first token always starts one)."""
        if not len(self.array):
            return [0]
        starts = self.array[:, _SENT] == 1
        starts[0] = True
        return self.array[starts, _IDX].astype("int64").tolist()
