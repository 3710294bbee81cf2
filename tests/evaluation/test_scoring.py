"""Scorers on hand-computed examples (P, R and F asserted), the confidence tables and charts,
and eval.py's exit codes and reports."""
from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from quotes.errors import QuotesError
from quotes.evaluation import charts
from quotes.evaluation.gold import load_gold_file
from quotes.evaluation.polnear import Article, Attribution, PolnearError, read_ann, score_article
from quotes.evaluation.reliability import (
    at_threshold,
    calibration_bins,
    curve,
    expected_calibration_error,
)
from quotes.evaluation.scoring import align, count, roles_overlap, same_last_word, same_role, score_document
from quotes.evaluation.spans import PRF, Ratio, normalise
from quotes.types import Kind, Quote, TextSpan
from tests.conftest import ROOT

TEXT = '"We will win," Jane Doe said. Finance minister Bob Ray said taxes would rise. Officials said the road will close.'
GOLD_YAML = """id: t
text_file: t.txt
quotes:
  - text: We will win
    kind: direct
    speaker: Jane Doe
    mention: Jane Doe
    cue: said
    source_type: person
  - text: taxes would rise
    kind: indirect
    speaker: Bob Ray
    mention: Bob Ray
    cue: said
    source_type: person
    role: Finance minister
  - text: the road will close
    kind: indirect
    speaker: Officials
    source_type: anonymous
"""


def span(text: str, occurrence: int = 1) -> TextSpan:
    start = -1
    for _ in range(occurrence):
        start = TEXT.index(text, start + 1)
    return TextSpan(text, start, start + len(text))


def predicted(start: int, end: int, name: str | None, kind: Kind = "direct", **parts) -> Quote:
    return Quote(kind, TEXT[start:end], start, end, speaker_name=name, **parts)


@pytest.fixture()
def document(tmp_path: Path):
    (tmp_path / "t.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "t.yaml").write_text(GOLD_YAML, encoding="utf-8")
    return load_gold_file(tmp_path / "t.yaml")


@pytest.fixture()
def predictions() -> list[Quote]:
    return [
        # exact (marks and comma trimmed), right name, mention, cue and type; a role gold lacks
        predicted(0, 14, "Jane Doe", speaker=span("Jane Doe"), cue=span("said"), source_type="person",
                  speaker_role=span("Jane Doe")),
        # partial, name right by last word only, mention overlapping, no cue, wrong type, role in part
        predicted(60, 71, "Ray", "mixed", speaker=span("Ray"), source_type="organisation",
                  speaker_role=span("minister")),
        predicted(15, 28, "X"),  # false alarm
        predicted(78, 92, "Y", "indirect"),  # false alarm; the third gold quote is missed
    ]


def close(value: float, expected: float) -> bool:
    return abs(value - expected) < 1e-9


def test_prf_named_counts_and_addition():
    counts = PRF(tp=3, fp=1, fn=3)
    assert (counts.precision, counts.recall) == (0.75, 0.5)
    assert close(counts.f1, 0.6)
    total = counts + PRF(tp=1, fp=3, fn=0)
    assert (total.tp, total.fp, total.fn) == (4, 4, 3)
    assert close(total.precision, 0.5) and close(total.recall, 4 / 7) and close(total.f1, 8 / 15)
    assert PRF().f1 == 0.0 and PRF().precision == 0.0
    asymmetric = PRF(tp=2, fp=0, fn=1, tp_gold=1) + PRF(tp=1, fp=1, fn=0)
    assert (asymmetric.found, asymmetric.gold, asymmetric.predicted) == (2, 3, 4)
    assert close(asymmetric.precision, 0.75) and close(asymmetric.recall, 2 / 3)
    assert Ratio(1, 2) + Ratio(0, 1) == Ratio(1, 3) and Ratio().value == 0.0


def test_normalise_trims_marks_and_punctuation():
    assert normalise('"Yes," she', 0, 6) == (1, 4)


def test_a_span_of_punctuation_alone_keeps_its_punctuation():
    # the cue of a transcript turn, "PENCE: Well, …", is the colon
    text = "PENCE: Well, look."
    assert normalise(text, 5, 7) == (5, 6)
    assert normalise(text, 6, 7) == (7, 7)  # white space alone is still nothing


def test_exact_partial_and_end_to_end_figures(document, predictions):
    counts = score_document(document, predictions).counts
    assert (counts.gold, counts.predicted) == (3, 4)
    # exact: 1 of 4 predictions, 1 of 3 gold quotes
    assert (counts.exact.tp, counts.exact.fp, counts.exact.fn) == (1, 3, 2)
    assert close(counts.exact.precision, 1 / 4) and close(counts.exact.recall, 1 / 3)
    assert close(counts.exact.f1, 2 / 7)
    # partial: 2 of 4, 2 of 3
    assert close(counts.partial.precision, 1 / 2) and close(counts.partial.recall, 2 / 3)
    assert close(counts.partial.f1, 4 / 7)
    # end to end: only Jane Doe's quote has the right name
    assert close(counts.end_to_end.precision, 1 / 4) and close(counts.end_to_end.recall, 1 / 3)
    assert close(counts.end_to_end.f1, 2 / 7)
    scores = counts.headline()
    assert close(scores["partial_f1"], 4 / 7) and scores["speaker_accuracy"] == 0.5


def test_by_kind_counts_predictions_and_gold_by_their_own_kind(document, predictions):
    by_kind = score_document(document, predictions).counts.by_kind
    direct, indirect, mixed = by_kind["direct"], by_kind["indirect"], by_kind["mixed"]
    assert (direct.precision, direct.recall) == (0.5, 1.0) and close(direct.f1, 2 / 3)
    assert (indirect.predicted, indirect.gold, indirect.precision, indirect.recall, indirect.f1) == (1, 2, 0.0, 0.5, 0.0)
    assert (mixed.predicted, mixed.gold, mixed.precision, mixed.recall) == (1, 0, 1.0, 0.0)


def test_who_said_it_on_matched_quotes(document, predictions):
    counts = score_document(document, predictions).counts
    assert counts.name == Ratio(1, 2) and counts.name_last_word == Ratio(2, 2)
    assert counts.mention_exact == Ratio(1, 2) and counts.mention_overlap == Ratio(2, 2)
    assert counts.cue == Ratio(1, 2)
    assert counts.source_type == Ratio(1, 2)
    assert dict(counts.confusion) == {("person", "person"): 1, ("person", "organisation"): 1}
    # roles: Jane Doe has none in the gold but one predicted (wrong both ways); Bob Ray's in part
    assert counts.role_exact == Ratio(0, 2) and counts.role_partial == Ratio(1, 2)
    scores = counts.headline()
    assert scores["name_last_word_accuracy"] == 1.0 and scores["source_type_accuracy"] == 0.5
    assert scores["role_exact"] == 0.0 and scores["cue_accuracy"] == 0.5


def test_unlabelled_scores_are_left_out_of_the_headline(document):
    bare = [predicted(0, 14, "Jane Doe")]
    scores = count(align(TEXT, [document.quotes[2]], bare)).headline()
    assert "source_type_accuracy" not in scores and "role_exact" not in scores
    assert scores["exact_f1"] == 0.0


def test_counts_add_up_across_documents(document, predictions):
    one = score_document(document, predictions).counts
    total = one + one
    assert (total.exact.tp, total.exact.fp, total.exact.fn) == (2, 6, 4)
    assert close(total.exact.f1, one.exact.f1)
    assert total.by_kind["direct"] == PRF(tp=2, fp=2, fn=0, tp_gold=2)
    assert total.role_partial == Ratio(2, 4) and total.confusion[("person", "person")] == 2


GENDER_YAML = GOLD_YAML.replace(
    "    cue: said\n    source_type: person\n  - text: taxes",
    "    cue: said\n    source_type: person\n    gender: female\n    gender_evidence: first name\n  - text: taxes",
).replace("    role: Finance minister\n", "    role: Finance minister\n    gender: male\n    gender_evidence: title\n")


def test_gender_accuracy_on_matched_labelled_person_sources_and_the_share_of_women(tmp_path):
    (tmp_path / "t.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "t.yaml").write_text(GENDER_YAML, encoding="utf-8")
    document = load_gold_file(tmp_path / "t.yaml")
    assert [q.gender for q in document.quotes] == ["female", "male", None]
    found = [
        predicted(0, 14, "Jane Doe", speaker_gender="female", gender_evidence="first name", source_type="person"),
        # Bob Ray's quote matched, but no evidence: wrong (unknown is not male).
        predicted(60, 71, "Ray", "indirect", speaker_gender="unknown", source_type="person"),
        # A false alarm by a man: no gold quote to score against, but a predicted source all the same.
        predicted(15, 28, "Tim Ode", speaker_gender="male", gender_evidence="pronoun", source_type="person"),
        predicted(78, 92, "Officials", "indirect", source_type="anonymous"),  # no gender, not scored
    ]
    counts = score_document(document, found).counts
    assert counts.gender == Ratio(1, 2) and counts.headline()["gender_accuracy"] == 0.5
    # Gold: a woman and a man. Predicted: a woman, a man, one unknown (outside the share).
    assert counts.women_share("gold", "quotes") == 0.5 and counts.women_share("predicted", "quotes") == 0.5
    assert counts.genders[("predicted", "quotes", "unknown")] == 1
    assert counts.women_share("gold", "people") == 0.5
    # Distinct people per article: Jane Doe twice is one woman.
    again = found + [predicted(30, 40, "Jane Doe", "indirect", speaker_gender="female", source_type="person")]
    twice = score_document(document, again).counts
    assert twice.genders[("predicted", "quotes", "female")] == 2 and twice.genders[("predicted", "people", "female")] == 1
    assert twice.women_share("predicted", "quotes") == 2 / 3 and twice.women_share("predicted", "people") == 0.5
    total = counts + counts
    assert total.gender == Ratio(2, 4) and total.genders[("gold", "people", "male")] == 2


def test_gender_accuracy_is_left_out_where_nothing_is_labelled(document, predictions):
    counts = score_document(document, predictions).counts
    assert counts.gender == Ratio() and "gender_accuracy" not in counts.headline()
    assert counts.women_share("gold", "quotes") is None


def test_error_counts_include_boundaries(document, predictions):
    result = score_document(document, predictions)
    assert result.error_counts() == {"misses": 1, "false alarms": 2, "boundary errors": 1, "wrong speakers": 1}
    assert [p.status for p in result.pairs] == ["match", "speaker", "miss", "false", "false"]
    assert result.outcomes() == [(1.0, True), (1.0, False), (1.0, False), (1.0, False)]


@pytest.mark.parametrize(
    ("a", "b", "exact", "partial"),
    [
        ("US State Department spokesman", "us state  department spokesman,", True, True),
        ("the Chinese leader", "Chinese leader", False, True),
        ("a junior at the University of Tennessee", "a junior", False, True),
        ("the mayor", "a police spokesman", False, False),
        (None, None, True, True),
        (None, "the mayor", False, False),
    ],
)
def test_role_comparison(a, b, exact, partial):
    assert same_role(a, b) is exact and roles_overlap(a, b) is partial


def test_last_word_names():
    assert same_last_word("Mr. Patel", "Vedant Patel") and same_last_word(None, None)
    assert not same_last_word("Patel", None) and not same_last_word("Ana Ruiz and Ben Okafor", "Ana Ruiz")


def test_polnear_reader_and_scores(tmp_path):
    text = "Washington Post backs Hillary Clinton for president, sources said."
    ann = tmp_path / "a_x.ann"
    ann.write_text(
        "T1\tSource 0 15\tWashington Post\nT2\tCue 16 21\tbacks\n"
        "T3\tContent 22 51\tHillary Clinton for president\nT4\tAttribution 16 21\tbacks\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\nT5\tDiscuss 0 5\tWashi\n",
        encoding="utf-8",
    )
    (attribution,) = read_ann(ann)
    assert attribution == Attribution(((0, 15),), ((16, 21),), ((22, 51),))
    article = Article("a", "test", text, (attribution,))
    right = Quote("indirect", text[22:51], 22, 51, TextSpan("Washington Post", 0, 15), "Washington Post",
                  TextSpan("backs", 16, 21), confidence=0.9)
    wrong = Quote("indirect", text[0:51], 0, 51, TextSpan("sources", 53, 60), "sources", TextSpan("said", 61, 65),
                  confidence=0.4)
    score = score_article(article, [right, wrong])
    c = score.counts
    assert (c.content_exact.precision, c.content_exact.recall) == (0.5, 1.0) and close(c.content_exact.f1, 2 / 3)
    # characters: 29 shared, 51 predicted (the union of both contents), 29 gold
    assert c.content_overlap == PRF(tp=29, fp=22, fn=0)
    assert close(c.content_overlap.precision, 29 / 51) and c.content_overlap.recall == 1.0
    assert (c.source.precision, c.source.recall, c.cue.precision, c.cue.recall) == (0.5, 1.0, 0.5, 1.0)
    assert (c.end_to_end.precision, c.end_to_end.recall) == (0.5, 1.0) and close(c.end_to_end.f1, 2 / 3)
    assert score.false_alarms == [wrong]
    assert score.outcomes == [(0.9, True), (0.4, False)]
    assert close(c.headline()["end_to_end_f1"], 2 / 3)
    doubled = c + c
    assert doubled.content_exact == PRF(tp=2, fp=2, fn=0, tp_gold=2) and doubled.end_to_end == PRF(tp=2, fp=2, fn=0)
    assert close(doubled.headline()["content_exact_f1"], 2 / 3)


def test_polnear_error_is_a_quotes_error(tmp_path):
    with pytest.raises(PolnearError, match="expected text/ and attributions/") as caught:
        from quotes.evaluation.polnear import load_split

        load_split(tmp_path)
    assert isinstance(caught.value, QuotesError) and isinstance(caught.value, ValueError)


OUTCOMES = [(0.95, True), (0.8, True), (0.6, False), (0.4, True), (0.2, False)]


def test_precision_and_recall_at_thresholds():
    at_half = at_threshold(OUTCOMES, 5, 0.5)
    assert (at_half.tp, at_half.fp, at_half.fn) == (2, 1, 3)
    assert close(at_half.precision, 2 / 3) and close(at_half.recall, 0.4) and close(at_half.f1, 0.5)
    at_high = at_threshold(OUTCOMES, 5, 0.9)
    assert (at_high.precision, at_high.recall) == (1.0, 0.2)
    assert at_threshold(OUTCOMES, 5, 0.8).predicted == 2  # confidence >= threshold counts
    assert at_threshold([], 5, 0.5).recall == 0.0


def test_expected_calibration_error_by_hand():
    # one prediction per bin; gaps .05, .2, .6, .6, .2
    assert close(expected_calibration_error(OUTCOMES), 1.65 / 5)
    assert expected_calibration_error([(1.0, True)] * 4) == 0.0
    assert close(expected_calibration_error([(1.0, True), (1.0, False)]), 0.5)
    assert expected_calibration_error([]) == 0.0
    bins = calibration_bins([(1.0, True), (0.95, False), (0.05, True)])
    assert len(bins) == 10 and bins[9].count == 2 and bins[0].count == 1
    assert close(bins[9].mean_confidence, 0.975) and bins[9].accuracy == 0.5
    for bad in (1.5, -0.1, float("nan")):
        with pytest.raises(ValueError, match="confidence must lie in"):
            expected_calibration_error([(bad, True)])


def test_curve_points():
    points = curve(OUTCOMES, 5)
    assert [p[0] for p in points] == [0.95, 0.8, 0.6, 0.4, 0.2]
    assert points[0][1:] == (0.2, 1.0)
    assert close(points[3][1], 0.6) and close(points[3][2], 0.75)


def svg_elements(svg: str, tag: str) -> list[ET.Element]:
    root = ET.fromstring(svg)
    return [e for e in root.iter() if e.tag.endswith(tag)]


def test_pr_curve_svg_holds_the_points():
    svg = charts.pr_curve_svg(curve(OUTCOMES, 5))
    assert "<script" not in svg
    circles = svg_elements(svg, "circle")
    assert len(circles) == 5
    by_threshold = {c.get("data-threshold"): c for c in circles}
    point = by_threshold["0.4"]
    assert (point.get("data-recall"), point.get("data-precision")) == ("0.6000", "0.7500")
    assert float(point.attrib["cx"]) == pytest.approx(charts.LEFT + 0.6 * charts.PLOT_W)
    assert float(point.attrib["cy"]) == pytest.approx(charts.TOP + 0.25 * charts.PLOT_H)
    top = by_threshold["0.95"]
    assert float(top.attrib["cy"]) == charts.TOP  # precision 1 at the top of the plot
    (line,) = svg_elements(svg, "polyline")
    xs = [float(pair.split(",")[0]) for pair in line.attrib["points"].split()]
    assert xs == sorted(xs) and len(xs) == 5


def test_reliability_svg_draws_one_bar_per_filled_bin():
    outcomes = [(1.0, True), (0.95, False), (0.05, True), (0.32, False)]
    svg = charts.reliability_svg(calibration_bins(outcomes))
    bars = svg_elements(svg, "rect")
    bins = [b for b in bars if b.get("class") == "bin"]
    assert [(b.get("data-lower"), b.get("data-count"), b.get("data-accuracy")) for b in bins] == [
        ("0", "1", "1.0000"), ("0.3", "1", "0.0000"), ("0.9", "2", "0.5000"),
    ]
    last = bins[-1]
    assert float(last.attrib["x"]) == pytest.approx(charts.LEFT + 0.9 * charts.PLOT_W)
    assert float(last.attrib["y"]) == pytest.approx(charts.TOP + 0.5 * charts.PLOT_H)
    assert float(last.attrib["height"]) == pytest.approx(0.5 * charts.PLOT_H)
    assert float(bins[1].attrib["height"]) == 0.0
    (diagonal,) = [e for e in svg_elements(svg, "line") if e.get("class") == "diagonal"]
    assert float(diagonal.attrib["y1"]) == charts.TOP + charts.PLOT_H and float(diagonal.attrib["y2"]) == charts.TOP


def run_eval(*args):
    return subprocess.run([sys.executable, str(ROOT / "eval.py"), *args], capture_output=True, text=True)


@pytest.mark.slow
def test_eval_exits_non_zero_on_regression(tmp_path):
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"gold": {"exact_f1": 1.01}}))
    result = run_eval("--baseline", str(baseline), "--json", str(tmp_path / "s.json"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "REGRESSION" in result.stdout and "exact_f1" in result.stdout
    report = json.loads((tmp_path / "s.json").read_text())
    assert 0 < report["scores"]["exact_f1"] <= 1
    assert set(report["calibration"]["thresholds"]) == {"0.3", "0.5", "0.7", "0.9"}
    assert "name, last word" in result.stdout and "expected calibration error" in result.stdout
    assert "gender (labelled person sources)" in result.stdout and "women % of women and men" in result.stdout
    assert report["gender"]["scored"] > 0 and 0 < report["gender"]["gold_quotes"]["women_share"] < 1

    baseline.write_text(json.dumps({"gold": {"exact_f1": 0.0}, "other": {"x": 0.5}}))
    assert run_eval("--baseline", str(baseline)).returncode == 0

    assert run_eval("--baseline", str(baseline), "--update-baseline").returncode == 0
    stored = json.loads(baseline.read_text())
    assert stored["other"] == {"x": 0.5}
    assert {"exact_f1", "speaker_accuracy", "name_last_word_accuracy", "source_type_accuracy",
            "gender_accuracy"} <= set(stored["gold"])


@pytest.mark.slow
def test_eval_scope_decides_which_gold_quotes_count(tmp_path):
    text = "Ann Lee said the plan works. She believes the budget will pass."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(
        "id: a\ntext_file: a.txt\nquotes:\n"
        "  - text: the plan works\n    kind: indirect\n    speaker: Ann Lee\n"
        "  - text: the budget will pass\n    kind: belief\n    speaker: Ann Lee\n",
        encoding="utf-8",
    )
    outputs = {}
    for scope in ("quotes", "attributions"):
        result = run_eval("--gold", str(tmp_path), "--scope", scope, "--baseline", str(tmp_path / "none.json"),
                          "--json", str(tmp_path / f"{scope}.json"))
        assert result.returncode == 0, result.stderr
        outputs[scope] = result.stdout
    assert "1 gold quotes" in outputs["quotes"] and "2 gold quotes" in outputs["attributions"]


@pytest.mark.slow
def test_eval_reports_malformed_gold_without_traceback(tmp_path):
    (tmp_path / "x.yaml").write_text("id: x\ntext_file: x.txt\nquotes: [")
    result = run_eval("--gold", str(tmp_path))
    assert result.returncode == 2
    assert "x.yaml" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_eval_html_report_shows_tables_charts_and_error_counts(tmp_path):
    report = tmp_path / "report.html"
    assert run_eval("--html", str(report)).returncode in (0, 1)
    page = report.read_text(encoding="utf-8")
    assert page.count("<table>") >= 5
    groups = 2  # the YAML gold and the real-news gold (gold/gum/) are scored apart, each with its charts
    assert page.count('class="chart pr-curve"') == groups and page.count('class="chart reliability"') == groups
    assert "<script" not in page
    documents = len(list((ROOT / "gold").rglob("*.yaml")))
    assert page.count(" boundary errors, ") == documents and page.count(" wrong speakers<") == documents
