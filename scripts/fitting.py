"""Fitting the small learned models, deterministically (numpy only: fixed Newton steps, no
randomness), so that the training scripts rebuild the shipped files byte for byte."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from quotes.learned.confidence import Platt, sigmoid


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 25, unpenalised: Sequence[int] = (0,)) -> np.ndarray:
    """Weights of an L2-regularised logistic regression by Newton's method.

    ``x`` holds one row per example (column 0 the bias by convention, left unpenalised);
    ``y`` is 0/1. At most ``steps`` Newton steps, stopping once no weight moves by 1e-9: the
    same data always gives the same weights."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    penalty = np.full(x.shape[1], float(l2))
    penalty[list(unpenalised)] = 1e-8
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = sigmoid(x @ w)
        gradient = x.T @ (p - y) + penalty * w
        weighted = x * np.sqrt(p * (1 - p))[:, None]
        step = np.linalg.solve(weighted.T @ weighted + np.diag(penalty), gradient)
        w = w - step
        if np.max(np.abs(step)) < 1e-9:
            break
    return w


def fit_platt(scores: np.ndarray, y: np.ndarray) -> Platt:
    """The calibration ``p = sigmoid(a * score + b)`` that fits held-out scores best."""
    x = np.column_stack([np.ones(len(scores)), np.asarray(scores, dtype=np.float64)])
    b, a = fit_logistic(x, y, l2=1e-6, steps=30)
    return Platt(float(a), float(b))
