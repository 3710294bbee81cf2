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


def fit_ranking(
    rows: np.ndarray, starts: np.ndarray, targets: np.ndarray, l2: float, steps: int = 50
) -> np.ndarray:
    """Weights of an L2-regularised conditional logit by damped Newton steps: group ``g`` holds
    the options ``rows[starts[g]:starts[g + 1]]``, of which the one at ``targets[g]`` (an index
    into the group) was chosen; an option's probability is the softmax of ``rows @ w`` within
    its group. A step that does not lower the loss is halved. Deterministic, as
    ``fit_logistic``."""
    rows = np.asarray(rows, dtype=np.float64)
    chosen_rows = starts[:-1] + targets
    chosen = rows[chosen_rows].sum(axis=0)

    def loss(w: np.ndarray) -> float:
        p = ranking_probabilities(rows, starts, w)
        return float(-np.log(np.maximum(p[chosen_rows], 1e-300)).sum() + 0.5 * l2 * w @ w)

    w = np.zeros(rows.shape[1])
    current = loss(w)
    for _ in range(steps):
        p = ranking_probabilities(rows, starts, w)
        weighted = rows * p[:, None]
        gradient = weighted.sum(axis=0) - chosen + l2 * w
        expected = np.add.reduceat(weighted, starts[:-1], axis=0)
        hessian = weighted.T @ rows - expected.T @ expected + l2 * np.eye(rows.shape[1])
        step = np.linalg.solve(hessian, gradient)
        scale = 1.0
        while scale > 1e-4:
            trial = w - scale * step
            value = loss(trial)
            if value <= current:
                break
            scale /= 2
        else:
            break
        w, current = trial, value
        if np.max(np.abs(scale * step)) < 1e-7:
            break
    return w


def ranking_probabilities(rows: np.ndarray, starts: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Each option's probability within its group under weights ``w``."""
    sizes = np.diff(starts)
    group_of = np.repeat(np.arange(len(sizes)), sizes)
    scores = rows @ w
    top = np.maximum.reduceat(scores, starts[:-1])
    e = np.exp(scores - top[group_of])
    return e / np.add.reduceat(e, starts[:-1])[group_of]
