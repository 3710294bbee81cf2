"""The learned choice of antecedent: the model's choice, and its file rebuilt byte for byte."""
from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from quotes.learned.ranking import DATA_NAME, FORMAT, AntecedentModel, shipped_model
from quotes.resources.data import data_path

ROOT = Path(__file__).resolve().parents[2]
GUM = ROOT.parent / "shared" / "corpora" / "gum"


def model(**weights: float) -> AntecedentModel:
    return AntecedentModel(weights, frozenset(), frozenset())


def test_the_likeliest_option_wins_with_its_softmax_probability():
    chosen = model(near=2.0, far=-1.0, none=0.5)
    index, probability = chosen.choose([{"far": 1.0}, {"near": 1.0}], {"none": 1.0})
    assert index == 1
    assert probability == pytest.approx(math.exp(2.0) / (math.exp(2.0) + math.exp(-1.0) + math.exp(0.5)))


def test_none_wins_when_no_candidate_is_likelier():
    assert model(none=3.0, near=1.0).choose([{"near": 1.0}], {"none": 1.0})[0] is None


def test_without_none_a_candidate_must_be_it():
    assert model(none=3.0, near=1.0).choose([{"near": 1.0}], None) == (0, 1.0)
    assert model().choose([], None) == (None, 1.0)


def test_a_tie_goes_to_the_first_option():
    assert model(a=1.0).choose([{"a": 1.0}, {"a": 1.0}], None)[0] == 0


def test_the_shipped_file_reads_and_says_what_it_learned_from():
    data = json.loads(data_path(DATA_NAME).read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and data["training"]["documents"] > 100
    assert {"person", "organisation"} <= set(data["heads"])
    shipped = shipped_model()
    assert shipped is not None and shipped.weights
    assert "child" in shipped.person_heads and "company" in shipped.organisation_heads


@pytest.mark.slow
def test_training_script_reproduces_the_shipped_file(tmp_path):
    if not (GUM / "dep").is_dir():
        pytest.skip(f"GUM is not at {GUM}")
    out = tmp_path / DATA_NAME
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "train_names.py"), "--gum", str(GUM), "--cache", str(tmp_path), "--out", str(out)],
        capture_output=True, text=True, timeout=1800,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert out.read_bytes() == data_path(DATA_NAME).read_bytes(), f"{DATA_NAME} differs: rerun scripts/train_names.py"
