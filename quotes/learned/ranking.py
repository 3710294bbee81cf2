"""The learned choice of antecedent: which of the people and organisations the article has named
a pronoun or a description stands for, or none of them.

A mention-ranking model (a conditional logit): each candidate is scored from named features of
the (mention, candidate) pair, "no antecedent" from features of the mention alone
(``quotes.speakers.tracker`` computes both), and the likeliest wins. It is learned from GUM's
human coreference by ``scripts/train_names.py``; everything it learned is one readable JSON
file, ``quotes/data/names.json``: weights by feature name, and the head nouns that GUM's
annotators take to be people or organisations.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..errors import DataFileError
from ..resources.data import has, read_json

FORMAT = 1
DATA_NAME = "names.json"


@dataclass(frozen=True)
class AntecedentModel:
    weights: Mapping[str, float]
    person_heads: frozenset[str]
    organisation_heads: frozenset[str]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = DATA_NAME) -> AntecedentModel:
        if data.get("format") != FORMAT:
            raise DataFileError(f"{where}: antecedent model format {data.get('format')!r}, expected {FORMAT}")
        return cls(
            weights=dict(data["weights"]),
            person_heads=frozenset(data["heads"]["person"]),
            organisation_heads=frozenset(data["heads"]["organisation"]),
        )

    def score(self, features: Mapping[str, float]) -> float:
        return sum(self.weights.get(name, 0.0) * value for name, value in features.items())

    def choose(
        self, candidates: Sequence[Mapping[str, float]], none: Mapping[str, float] | None
    ) -> tuple[int | None, float]:
        """The likeliest of the candidates (by index) or of no antecedent at all (None), with
        its probability: a softmax over the candidates' scores and the score of ``none``
        (without ``none``, one of the candidates must be it)."""
        scores = [-math.inf if none is None else self.score(none), *(self.score(f) for f in candidates)]
        top = max(scores)
        if top == -math.inf:
            return None, 1.0
        weights = [math.exp(s - top) for s in scores]
        best = max(range(len(scores)), key=lambda i: (scores[i], -i))
        probability = weights[best] / sum(weights)
        return (None if best == 0 else best - 1), probability


@cache
def shipped_model() -> AntecedentModel | None:
    """The model shipped in ``quotes/data``, or None before one is trained (read once)."""
    return AntecedentModel.from_dict(read_json(DATA_NAME)) if has(DATA_NAME) else None
