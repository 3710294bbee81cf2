"""The learned confidence layer: features, the shipped model file, fitting and calibration."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from fitting import fit_logistic, fit_platt

import quotes
from quotes.evaluation.labels import candidate_labels
from quotes.evaluation.polnear import Article, Attribution
from quotes.evaluation.reliability import calibration_bins, expected_calibration_error
from quotes.extractor.stages import extract_from_doc
from quotes.learned.confidence import ConfidenceModel, data_file
from quotes.learned.content_span import DATA_FILE as CONTENT_SPAN_FILE
from quotes.learned.cue_span import DATA_FILE as CUE_SPAN_FILE
from quotes.learned.features import CueLemmas, DocContext, features
from quotes.types import Quote, TextSpan

ROOT = Path(__file__).resolve().parents[2]
POLNEAR = ROOT.parent / "shared" / "corpora" / "polnear"
TEXT = (
    "The senator said on Tuesday that the bill would pass. “We have the votes,” she told reporters.\n\n"
    "Officials, who declined to be named, believe the plan is risky, according to the report."
)


@pytest.fixture(scope="module")
def parsed():
    """A small text parsed for the attributions scope, with the unscored candidates."""
    nlp = quotes.load(scope="attributions")
    with nlp.select_pipes(disable=["quotes"]):
        doc = nlp(TEXT)
    return doc, extract_from_doc(doc, nlp.get_pipe("quotes").lexicon, "attributions")


@pytest.fixture(scope="module")
def model() -> ConfidenceModel:
    found = ConfidenceModel.load("attributions")
    assert found is not None, "quotes/data/confidence_attributions.json is missing"
    return found


def test_features_of_a_parsed_candidate(parsed):
    doc, candidates = parsed
    assert candidates, "the rules propose nothing for the sample text"
    lemmas = CueLemmas({"say": 1.25}, backoff=-0.5)
    context = DocContext.of(doc, candidates)
    said = next(q for q in candidates if q.cue is not None and q.cue.text == "said")
    values = features(said, context, lemmas)
    assert values["bias"] == 1.0
    assert values[f"kind={said.kind}"] == 1.0
    assert values["cue_lemma_log_odds"] == 1.25 and values["cue_lemma_unseen"] == 0.0
    assert values["content_starts_that"] == 1.0
    assert values["paragraph_first"] == 1.0
    assert all(isinstance(v, float) for v in values.values())
    later = next(q for q in candidates if q.start > TEXT.index("\n\n"))
    assert features(later, context, lemmas)["paragraph_first"] == 0.0
    told = next(q for q in candidates if q.cue is not None and q.cue.text == "told")
    unseen = features(told, context, lemmas)  # "tell" is not in the table: the backoff
    assert unseen["cue_lemma_log_odds"] == -0.5 and unseen["cue_lemma_unseen"] == 1.0


def test_model_features_match_module_features(parsed, model):
    doc, candidates = parsed
    direct = model.features(doc, candidates[0], candidates)
    assert direct == features(candidates[0], DocContext.of(doc, candidates), model.lemmas)


def test_apply_keeps_order_and_sets_confidence(parsed, model):
    doc, candidates = parsed
    scored = model.apply(doc, candidates)
    assert len(scored) == len(candidates)
    for before, after in zip(candidates, scored):
        assert (after.start, after.end, after.cue, after.speaker, after.rule) == (
            before.start, before.end, before.cue, before.speaker, before.rule
        )
        assert 0.0 <= after.confidence <= 1.0
    assert model.apply(doc, []) == []


@pytest.mark.parametrize("scope", ["attributions", "quotes"])
def test_shipped_file_shape(scope):
    path = data_file(scope)
    assert path.stat().st_size < 200_000
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["format"] == 1 and data["scope"] == scope
    assert 0.0 <= data["threshold"] < 1.0
    # The default scope is calibrated on the YAML gold, with an offset per rule and kind.
    assert data["calibration"]["method"] == ("platt+rules" if scope == "quotes" else "platt")
    assert data["calibration"]["a"] > 0
    weights = data["weights"]
    assert "bias" in weights and "cue_lemma_log_odds" in weights
    assert all(isinstance(v, float) and round(v, 4) == v for v in weights.values())
    assert "say" in data["cue_lemmas"]["log_odds"]
    assert text == json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"  # sorted, readable
    assert ConfidenceModel.load("no-such-scope") is None
    if scope == "quotes":
        assert data["threshold"] == 0.0  # the default scope keeps every quote (YAML gold floors)
        assert "rule=floating" in data["calibration"]["offsets"]  # a rule PolNeAR never labels
        assert data["training"]["gold_calibration"]["cross_validated_ece"] < 0.05


def test_fitting_recovers_the_sign_of_a_separating_weight():
    # x1 pushes towards 1, x2 towards 0, x3 is noise: a deterministic grid, no random numbers.
    grid = np.array([(a, b, c) for a in (-2, -1, 0, 1, 2) for b in (-2, -1, 0, 1, 2) for c in (-1, 1)], float)
    y = (grid[:, 0] - grid[:, 1] + 0.3 > 0).astype(float)
    noisy = (np.arange(len(grid)) // 2) % 7 == 0  # both values of x3 alike: x3 stays uninformative
    y[noisy] = 1 - y[noisy]  # some label noise keeps the weights finite
    x = np.column_stack([np.ones(len(grid)), grid])
    w = fit_logistic(x, y, l2=1.0)
    assert w[1] > 0.5 and w[2] < -0.5 and abs(w[3]) < 0.05
    assert np.array_equal(w, fit_logistic(x, y, l2=1.0))  # deterministic
    assert abs(fit_logistic(x, y, l2=1000.0)[1]) < abs(w[1])  # L2 shrinks


def test_calibration_is_monotonic_and_fits_overconfident_scores():
    scores = np.repeat(np.linspace(-4, 4, 9), 20)
    # true rate is sigmoid(score / 2): raw scores are twice too confident
    rate = 1 / (1 + np.exp(-scores / 2))
    y = np.concatenate([(np.arange(20) < round(20 * r)).astype(float) for r in rate[::20]])
    platt = fit_platt(scores, y)
    mapped = platt(np.linspace(-6, 6, 50))
    assert np.all(np.diff(mapped) > 0)
    assert 0.3 < platt.a < 0.7 and abs(platt.b) < 0.2


def _outcomes(confidence: list[float], labels: list[int]) -> list[tuple[float, bool]]:
    return [(c, bool(y)) for c, y in zip(confidence, labels)]


def test_expected_calibration_error():
    assert expected_calibration_error(_outcomes([0.85] * 20, [1] * 17 + [0] * 3)) == pytest.approx(0.0)
    assert expected_calibration_error(_outcomes([0.95] * 10, [1] * 5 + [0] * 5)) == pytest.approx(0.45)
    bins = calibration_bins(_outcomes([0.05, 0.95, 1.0], [0, 1, 1]))
    assert len(bins) == 10 and bins[0].count == 1 and bins[9].count == 2
    assert expected_calibration_error([]) == 0.0


def test_candidate_labels_follow_the_end_to_end_scorer():
    text = "Jane Doe said the plan works. Bob said it fails."
    gold = Article("a", "x", text, (
        Attribution(source=((0, 8),), cue=((9, 13),), content=((14, 28),)),
        Attribution(source=((30, 33),), cue=((34, 38),), content=((39, 47),)),
    ))

    def quote(start: int, end: int, speaker: tuple[int, int] | None, cue: tuple[int, int]) -> Quote:
        span = lambda s, e: TextSpan(text[s:e], s, e)  # noqa: E731
        return Quote("indirect", text[start:end], start, end,
                     speaker=span(*speaker) if speaker else None, cue=span(*cue))

    right = quote(14, 28, (0, 8), (9, 13))
    wrong_speaker = quote(39, 47, (0, 4), (34, 38))
    duplicate = quote(14, 27, (5, 8), (9, 13))  # same cue, same group as `right`? no: other speaker start
    assert candidate_labels(gold, [right, wrong_speaker, duplicate]) == [1, 0, 0]
    piece = quote(18, 28, (0, 8), (9, 13))  # shares cue and speaker with `right`: one attribution
    assert candidate_labels(gold, [right, piece]) == [1, 1]


@pytest.mark.slow
def test_training_scripts_reproduce_the_shipped_files(tmp_path):
    """Every learned layer rebuilt from PolNeAR train byte for byte (parses shared via --cache)."""
    if not (POLNEAR / "train").is_dir():
        pytest.skip(f"PolNeAR train is not at {POLNEAR / 'train'}")
    scripts, cache = ROOT / "scripts", tmp_path / "parses"

    def run(script: str, *args: str) -> None:
        done = subprocess.run(
            [sys.executable, str(scripts / script), "--polnear", str(POLNEAR), "--cache", str(cache), *args],
            capture_output=True, text=True, timeout=1800,
        )
        assert done.returncode == 0, done.stderr[-2000:]

    run("train_confidence.py", "--out", str(tmp_path))
    for scope in ("attributions", "quotes"):
        shipped = data_file(scope)
        assert (tmp_path / shipped.name).read_bytes() == shipped.read_bytes(), f"{shipped.name} differs: rerun the script"
    run("train_cue_span.py", "--out", str(tmp_path / "cue_span.json"))
    assert (tmp_path / "cue_span.json").read_bytes() == CUE_SPAN_FILE.read_bytes(), "cue_span.json differs"
    mined = tmp_path / "polnear_cues.yaml"
    done = subprocess.run(
        [sys.executable, str(scripts / "mine_polnear.py"), str(POLNEAR / "train"), "--cache", str(cache), "-o", str(mined)],
        capture_output=True, text=True, timeout=1800,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert mined.read_bytes() == (ROOT / "quotes" / "data" / "polnear_cues.yaml").read_bytes(), "polnear_cues.yaml differs"
    run("train_content_span.py", "--out", str(tmp_path / "content_span.json"))
    assert (tmp_path / "content_span.json").read_bytes() == CONTENT_SPAN_FILE.read_bytes(), "content_span.json differs"
