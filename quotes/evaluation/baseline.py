"""The stored regression baseline: headline scores that a run may not fall below."""
from __future__ import annotations

import json
from pathlib import Path

# Rounding noise is not a regression; a lost quote in the gold moves a score by far more.
TOLERANCE = 0.0005


def load(path: Path) -> dict[str, dict[str, float]]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ValueError(f"{path}: baseline is not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: baseline must be a JSON object of score groups")
    return data


def save(path: Path, baseline: dict[str, dict[str, float]]) -> None:
    rounded = {
        group: {name: round(value, 4) for name, value in sorted(scores.items())}
        for group, scores in sorted(baseline.items())
    }
    path.write_text(json.dumps(rounded, indent=2) + "\n", encoding="utf-8")


def regressions(
    group: str, scores: dict[str, float], baseline: dict[str, dict[str, float]]
) -> list[tuple[str, float, float]]:
    """(score name, now, baseline) for every headline score below its baseline."""
    stored = baseline.get(group, {})
    return [
        (name, scores[name], floor)
        for name, floor in stored.items()
        if name in scores and scores[name] < floor - TOLERANCE
    ]
