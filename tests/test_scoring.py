"""Scorers on hand-computed examples, and eval.py's exit codes."""
from __future__ import annotations

import json
import subprocess
import sys

from quotes.evaluation.gold import GoldQuote
from quotes.evaluation.polnear import Article, Attribution, read_ann, score_article
from quotes.evaluation.scoring import align, count
from quotes.evaluation.spans import normalise
from quotes.types import Quote, TextSpan

from .conftest import ROOT

TEXT = '"We will win," Jane Doe said. Bob Ray said taxes would rise.'


def gold(start, end, speaker, kind="direct"):
    return GoldQuote(kind, start, end, TEXT[start:end], speaker, None, None, 1)


def predicted(start, end, name, kind="direct"):
    return Quote(kind, TEXT[start:end], start, end, TextSpan("x", 0, 1), name, None)


def test_normalise_trims_marks_and_punctuation():
    assert normalise('"Yes," she', 0, 6) == (1, 4)


def test_exact_partial_and_speaker_counts():
    golds = [gold(1, 12, "Jane Doe"), gold(43, 59, "Bob Ray", "indirect")]
    preds = [predicted(0, 14, "Jane Doe"), predicted(43, 54, "Bob", "indirect"), predicted(15, 23, "X")]
    counts = count(align(TEXT, golds, preds))
    assert (counts.gold, counts.predicted, counts.exact, counts.partial, counts.speaker_right) == (2, 3, 1, 2, 1)
    scores = counts.headline()
    assert round(scores["exact_p"], 3) == round(1 / 3, 3)
    assert scores["partial_r"] == 1.0
    assert scores["speaker_accuracy"] == 0.5


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
    right = Quote("indirect", text[22:51], 22, 51, TextSpan("Washington Post", 0, 15), "Washington Post", TextSpan("backs", 16, 21))
    wrong = Quote("indirect", text[0:51], 0, 51, TextSpan("sources", 53, 60), "sources", TextSpan("said", 61, 65))
    score = score_article(article, [right, wrong])
    c = score.counts
    assert (c.content_pred, c.content_pred_hit, c.content_gold_found) == (2, 1, 1)
    assert (c.source_hit, c.cue_hit) == (1, 1)
    assert (c.e2e_pred, c.e2e_hit, c.e2e_gold) == (2, 1, 1)
    assert score.false_alarms == [wrong]
    assert c.chars_common == 29 and c.chars_gold == 29


def run_eval(*args):
    return subprocess.run([sys.executable, str(ROOT / "eval.py"), *args], capture_output=True, text=True)


def test_eval_exits_non_zero_on_regression(tmp_path):
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"gold": {"exact_f1": 1.01}}))
    result = run_eval("--baseline", str(baseline), "--json", str(tmp_path / "s.json"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "REGRESSION" in result.stdout and "exact_f1" in result.stdout
    scores = json.loads((tmp_path / "s.json").read_text())["scores"]
    assert 0 < scores["exact_f1"] <= 1

    baseline.write_text(json.dumps({"gold": {"exact_f1": 0.0}}))
    assert run_eval("--baseline", str(baseline)).returncode == 0


def test_eval_reports_malformed_gold_without_traceback(tmp_path):
    (tmp_path / "x.yaml").write_text("id: x\ntext_file: x.txt\nquotes: [")
    result = run_eval("--gold", str(tmp_path))
    assert result.returncode == 2
    assert "x.yaml" in result.stderr and "Traceback" not in result.stderr


def test_eval_html_report_shows_tables_and_both_sides(tmp_path):
    report = tmp_path / "report.html"
    assert run_eval("--html", str(report)).returncode == 0
    page = report.read_text(encoding="utf-8")
    assert page.count("<table>") >= 3
    assert page.count("<h3>Gold</h3>") == page.count("<h3>Predicted</h3>") == 10
    assert 'class="status-match"' in page
