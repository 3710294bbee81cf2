"""A learned confidence on every quote: how likely it is to be right end to end.

The rules propose candidates; this small logistic model, learned by
``scripts/train_confidence.py``, scores each one from its features (``features.py``), and a
Platt calibration fitted on held-out folds of the training data turns the score into a
probability. Everything it learned is one readable JSON file in ``quotes/data``
(``confidence_<scope>.json``).
"""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc

from ..errors import DataFileError
from ..resources.data import data_path, has, read_json
from ..types import Quote
from .features import CueLemmas, DocContext, features

FORMAT = 1


def data_name(scope: str) -> str:
    return f"confidence_{scope}.json"


def data_file(scope: str) -> Path:
    """Where the model of ``scope`` is shipped (and where the training script writes it)."""
    return data_path(data_name(scope))


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -35.0, 35.0)))


# ---------------------------------------------------------------------------------------------
# Calibration


@dataclass(frozen=True)
class Platt:
    """``p = sigmoid(a * score + b + offsets[rule] + offsets[kind])``: maps a raw model score to
    a calibrated probability. The offsets let a scope whose conventions are not the training
    data's (the default scope: floating quotes and transcript turns, which PolNeAR does not
    annotate) be calibrated on data that follows them, rule by rule."""

    a: float = 1.0
    b: float = 0.0
    offsets: Mapping[str, float] = field(default_factory=dict)

    def __call__(self, scores: np.ndarray, quotes: Sequence[Quote] = ()) -> np.ndarray:
        z = self.a * np.asarray(scores, dtype=np.float64) + self.b
        if self.offsets and len(quotes):
            z = z + np.array([sum(self.offsets.get(key, 0.0) for key in calibration_keys(q)) for q in quotes])
        return sigmoid(z)


def calibration_keys(quote: Quote) -> tuple[str, str]:
    """What a calibration offset is keyed on: the rule that proposed the quote and its kind."""
    return f"rule={quote.rule or 'none'}", f"kind={quote.kind}"


# ---------------------------------------------------------------------------------------------
# The shipped model


@dataclass(frozen=True)
class ConfidenceModel:
    """Weights by feature name, the cue-lemma table, the calibration and the keep threshold
    (chosen on PolNeAR dev), as stored in ``quotes/data/confidence_<scope>.json``."""

    weights: Mapping[str, float]
    lemmas: CueLemmas
    calibration: Platt
    threshold: float
    scope: str = "attributions"

    @classmethod
    def load(cls, scope: str) -> ConfidenceModel | None:
        """The model shipped for ``scope``, or None when there is none (read once per process)."""
        data = shipped_data(scope)
        return None if data is None else _shipped(scope)

    @classmethod
    def from_file(cls, path: Path) -> ConfidenceModel:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")), str(path))

    @classmethod
    def from_dict(cls, data: Mapping, where: str = "confidence model") -> ConfidenceModel:
        if data.get("format") != FORMAT:
            raise DataFileError(f"{where}: confidence model format {data.get('format')!r}, expected {FORMAT}")
        table = data["cue_lemmas"]
        calibration = data["calibration"]
        return cls(
            weights=dict(data["weights"]),
            lemmas=CueLemmas(dict(table["log_odds"]), float(table["backoff"])),
            calibration=Platt(
                float(calibration["a"]), float(calibration["b"]),
                {str(k): float(v) for k, v in (calibration.get("offsets") or {}).items()},
            ),
            threshold=float(data["threshold"]),
            scope=str(data.get("scope", "attributions")),
        )

    def features(self, doc: Doc, quote: Quote, others: Sequence[Quote] = ()) -> dict[str, float]:
        """Features of ``quote``; ``others`` are the doc's other candidates (for nesting)."""
        every = list(others) if any(o is quote for o in others) else [quote, *others]
        return features(quote, DocContext.of(doc, every), self.lemmas)

    def score(self, feature_values: Mapping[str, float]) -> float:
        """The raw (uncalibrated) model score."""
        return sum(self.weights.get(name, 0.0) * value for name, value in sorted(feature_values.items()))

    def apply(self, doc: Doc, quotes: Sequence[Quote]) -> list[Quote]:
        """The quotes, in the same order, each with its calibrated ``confidence`` (4 decimals)."""
        if not quotes:
            return []
        context = DocContext.of(doc, quotes)
        scores = np.array([self.score(features(q, context, self.lemmas)) for q in quotes])
        probabilities = self.calibration(scores, quotes)
        return [replace(q, confidence=round(float(p), 4)) for q, p in zip(quotes, probabilities)]


@cache
def shipped_data(scope: str) -> Mapping[str, Any] | None:
    """The model of ``scope`` shipped in ``quotes/data`` as stored, or None (read once)."""
    name = data_name(scope)
    return read_json(name) if has(name) else None


@cache
def _shipped(scope: str) -> ConfidenceModel:
    data = shipped_data(scope)
    assert data is not None
    return ConfidenceModel.from_dict(data, data_name(scope))
