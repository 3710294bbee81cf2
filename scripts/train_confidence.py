#!/usr/bin/env python
"""Learn the confidence model (quotes/confidence.py) from PolNeAR train; rebuild its data file.

    python scripts/train_confidence.py                  # writes quotes/data/confidence_{attributions,quotes}.json
    python scripts/train_confidence.py --out /tmp/c     # into another folder (the test compares bytes)
    python scripts/train_confidence.py --cache /tmp/p   # keep the parses (3 min) between runs

Deterministic: articles in file-name order, folds by position (article i is in fold i mod K),
a fixed number of Newton steps, no randomness; weights rounded to 4 decimals, JSON with sorted
keys. Fitting uses train only: the cue-lemma table and the weights are cross-fitted on K folds
of train, the Platt calibration is fitted on the out-of-fold scores, and the final weights on all
of train. The L2 strength (out-of-fold log loss) and the keep threshold (out-of-fold end-to-end
F1) are chosen by cross-validation on train too; dev only reports, at the end.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
from fitting import fit_logistic, fit_platt
from spacy.tokens import DocBin

import quotes
from quotes.component.factory import polnear_spans
from quotes.evaluation.gold import load_gold_dir
from quotes.evaluation.gum import GumDocument
from quotes.evaluation.labels import candidate_labels, headline_at
from quotes.evaluation.polnear import Article, load_split
from quotes.evaluation.reliability import (
    THRESHOLDS,
    calibration_bins,
    expected_calibration_error,
)
from quotes.evaluation.scoring import score_document
from quotes.extractor.stages import extract_from_doc
from quotes.learned.confidence import FORMAT, ConfidenceModel, calibration_keys, data_file
from quotes.learned.features import CueLemmas, DocContext, cue_lemma, features
from quotes.learned.tables import LearnedTables
from quotes.resources.lexicon import load_lexicon
from quotes.scopes import get_scope
from quotes.types import Quote

HERE = Path(__file__).resolve().parent.parent

POLNEAR = HERE.parent / "shared" / "corpora" / "polnear"
FOLDS = 5
L2_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)
SCOPES = ("attributions", "quotes")
# The default scope follows gold/README.md, not PolNeAR's conventions: its quotes get a
# confidence but none is dropped, so the YAML gold floors cannot move.
KEEP_ALL = ("quotes",)
# ... and its confidence is calibrated on the YAML gold, which follows its conventions.
CALIBRATED_ON_GOLD = ("quotes",)
GOLD_FOLDERS = (HERE / "gold", HERE / "gold" / "gum")  # the articles written here, and real news
GOLD_L2_GRID = (0.3, 1.0, 3.0, 10.0)
THRESHOLD_GRID = tuple(round(0.05 * i, 2) for i in range(0, 20))
MIN_FEATURE_COUNT = 5  # an indicator seen fewer times in train is left out
LEMMA_SMOOTHING = 10.0  # pseudo-counts at the prior rate
MIN_LEMMA_COUNT = 3  # lemmas seen fewer times back off
LEMMA_COLUMNS = ("cue_lemma_log_odds", "cue_lemma_unseen")
DIGITS = 4


class Split:
    """One PolNeAR split parsed: its articles, candidates, labels and feature dicts."""

    def __init__(self, articles: list[Article], candidates: list[list[Quote]], rows: list[dict[str, float]],
                 lemmas: list[str], labels: list[int], article_of_row: list[int]):
        self.articles = articles
        self.candidates = candidates
        self.rows = rows
        self.lemmas = lemmas
        self.labels = np.array(labels, dtype=np.float64)
        self.article_of_row = np.array(article_of_row, dtype=np.int64)


def parse(articles: Sequence[Article] | Sequence[GumDocument], nlp, batch_size: int, cache: Path | None) -> list:
    """The parsed articles (PolNeAR's or GUM's: anything with a ``text``); with ``cache``, kept in (and read back from) a DocBin file there."""
    if cache is not None and cache.is_file():
        docs = list(DocBin().from_bytes(cache.read_bytes()).get_docs(nlp.vocab))
        if [d.text for d in docs] == [a.text for a in articles]:
            return docs
    with nlp.select_pipes(disable=["quotes"]):
        docs = list(nlp.pipe((a.text for a in articles), batch_size=batch_size))
    if cache is not None:
        store = DocBin()
        for doc in docs:
            store.add(doc)
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(store.to_bytes())
    return docs


def prepare(articles: list[Article], docs: list, scope: str, lexicon) -> Split:
    """The unscored candidates of ``scope`` in parsed articles, labelled and featurised."""
    candidates, rows, lemmas, labels, article_of_row = [], [], [], [], []
    empty = CueLemmas({})
    tables = LearnedTables.shipped(scope)
    for index, (article, doc) in enumerate(zip(articles, docs)):
        found = extract_from_doc(doc, lexicon, scope)
        if get_scope(scope).polnear_spans:
            found = polnear_spans(doc, found, tables)  # the spans the component ships, scored as shipped
        context = DocContext.of(doc, found)
        candidates.append(found)
        labels.extend(candidate_labels(article, found))
        for quote in found:
            rows.append(features(quote, context, empty))
            lemmas.append(cue_lemma(doc, quote) if quote.cue else "")
            article_of_row.append(index)
    return Split(articles, candidates, rows, lemmas, labels, article_of_row)


def lemma_table(lemmas: Sequence[str], labels: np.ndarray) -> CueLemmas:
    """Smoothed log-odds of being right, per cue lemma, relative to the rate over all cues."""
    positive: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for lemma, label in zip(lemmas, labels):
        if lemma:
            total[lemma] += 1
            positive[lemma] += int(label)
    n = sum(total.values())
    prior = (sum(positive.values()) + 1) / (n + 2)
    base = math.log(prior / (1 - prior))
    table = {}
    for lemma in sorted(total):
        if total[lemma] < MIN_LEMMA_COUNT:
            continue
        pos = positive[lemma] + LEMMA_SMOOTHING * prior
        neg = total[lemma] - positive[lemma] + LEMMA_SMOOTHING * (1 - prior)
        table[lemma] = _round(math.log(pos / neg) - base)
    return CueLemmas(table, 0.0)


def vocabulary(rows: Sequence[dict[str, float]]) -> list[str]:
    """Feature names, "bias" first then sorted; rare indicators (name with "=") dropped."""
    seen = Counter(name for row in rows for name, value in row.items() if value)
    names = {name for name in seen if "=" not in name or seen[name] >= MIN_FEATURE_COUNT}
    names.update(LEMMA_COLUMNS)
    names.discard("bias")
    return ["bias", *sorted(names)]


def base_matrix(split: Split, names: list[str]) -> np.ndarray:
    """All feature rows as one matrix; the cue-lemma columns are filled per table by ``matrix``."""
    column = {name: i for i, name in enumerate(names)}
    x = np.zeros((len(split.rows), len(names)))
    for r, row in enumerate(split.rows):
        for name, value in row.items():
            if name in column:
                x[r, column[name]] = value
    return x


def matrix(split: Split, base: np.ndarray, rows: np.ndarray, names: list[str], table: CueLemmas) -> np.ndarray:
    """The rows ``rows`` of ``base`` with the cue-lemma columns read from ``table``."""
    x = base[rows].copy()
    value_column, unseen_column = names.index(LEMMA_COLUMNS[0]), names.index(LEMMA_COLUMNS[1])
    for r, row_index in enumerate(rows):
        lemma = split.lemmas[row_index]
        if lemma:
            value, seen = table.value(lemma)
            x[r, value_column], x[r, unseen_column] = value, float(not seen)
    return x


def _outcomes(confidence: Sequence[float] | np.ndarray, labels: np.ndarray) -> list[tuple[float, bool]]:
    """(confidence, right) pairs, as quotes.evaluation.confidence measures calibration."""
    return [(float(c), bool(y)) for c, y in zip(confidence, labels)]


def _round(value: float) -> float:
    return round(float(value), DIGITS) + 0.0  # + 0.0 turns -0.0 into 0.0


def fit(train: Split, base: np.ndarray, names: list[str], l2: float) -> tuple[dict, np.ndarray]:
    """Cross-fitted calibration and final weights at one L2 strength, as the data file's dict,
    and the calibrated out-of-fold confidence of every train candidate."""
    every = np.arange(len(train.rows))
    fold_of_row = train.article_of_row % FOLDS
    out_of_fold = np.zeros(len(every))
    for fold in range(FOLDS):
        inside, held = every[fold_of_row != fold], every[fold_of_row == fold]
        table = lemma_table([train.lemmas[i] for i in inside], train.labels[inside])
        w = fit_logistic(matrix(train, base, inside, names, table), train.labels[inside], l2)
        out_of_fold[held] = matrix(train, base, held, names, table) @ w
    platt = fit_platt(out_of_fold, train.labels)
    table = lemma_table(train.lemmas, train.labels)
    w = fit_logistic(matrix(train, base, every, names, table), train.labels, l2)
    oof_confidence = platt(out_of_fold)
    return {
        "calibration": {"method": "platt", "a": _round(platt.a), "b": _round(platt.b)},
        "cue_lemmas": {"backoff": table.backoff, "log_odds": dict(table.log_odds)},
        "weights": {name: _round(value) for name, value in zip(names, w)},
        "training": {
            "l2": l2,
            "folds": FOLDS,
            "out_of_fold_ece": _round(expected_calibration_error(_outcomes(oof_confidence, train.labels))),
        },
    }, oof_confidence


def scored(model: ConfidenceModel, split: Split) -> list[list[Quote]]:
    """Dev candidates with the model's confidence, from the stored feature rows."""
    out, row = [], 0
    for found in split.candidates:
        values = []
        for _ in found:
            features_row = dict(split.rows[row])
            lemma = split.lemmas[row]
            if lemma:
                value, seen = model.lemmas.value(lemma)
                features_row["cue_lemma_log_odds"], features_row["cue_lemma_unseen"] = value, float(not seen)
            values.append(model.score(features_row))
            row += 1
        probabilities: np.ndarray | list[float] = model.calibration(np.array(values), found) if values else []
        out.append([_with_confidence(q, p) for q, p in zip(found, probabilities)])
    return out


def with_confidences(split: Split, confidence: np.ndarray) -> list[list[Quote]]:
    """The split's candidates, each with its confidence from ``confidence`` (one per row)."""
    out, row = [], 0
    for found in split.candidates:
        out.append([_with_confidence(q, confidence[row + k]) for k, q in enumerate(found)])
        row += len(found)
    return out


def _with_confidence(quote: Quote, probability: float) -> Quote:
    return replace(quote, confidence=round(float(probability), DIGITS))


def log_loss(confidence: np.ndarray, labels: np.ndarray) -> float:
    c = np.clip(confidence, 1e-6, 1 - 1e-6)
    return float(-np.mean(labels * np.log(c) + (1 - labels) * np.log(1 - c)))


def flat(predictions: list[list[Quote]]) -> np.ndarray:
    return np.array([q.confidence for found in predictions for q in found])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--polnear", type=Path, default=POLNEAR, help="folder with train/ and dev/")
    parser.add_argument("--scope", choices=SCOPES, help="train one scope only (default: both)")
    parser.add_argument("--out", type=Path, help="folder to write to (default: the package data folder)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--cache", type=Path, help="keep parsed articles here between runs (DocBin)")
    args = parser.parse_args(argv)
    started = time.time()
    nlp = quotes.load(scope="attributions")
    articles, docs = {}, {}
    for split in ("train", "dev"):
        articles[split] = load_split(args.polnear / split)
        cache = args.cache / f"polnear-{split}.spacy" if args.cache else None
        docs[split] = parse(articles[split], nlp, args.batch_size, cache)
    print(f"parsed {len(docs['train'])} train and {len(docs['dev'])} dev articles in {time.time() - started:.0f}s")
    for scope in [args.scope] if args.scope else SCOPES:
        lexicon = load_lexicon(scope)
        train = prepare(articles["train"], docs["train"], scope, lexicon)
        dev = prepare(articles["dev"], docs["dev"], scope, lexicon)
        data, predictions = train_scope(scope, train, dev)
        if scope in CALIBRATED_ON_GOLD:
            calibrated = gold_calibration(data, nlp, lexicon)
            data["calibration"] = calibrated["calibration"]
            data["training"]["gold_calibration"] = calibrated["gold"]
            data["about"] = data["about"].replace("from PolNeAR train;", "from PolNeAR train, calibrated on the YAML gold;")
        out = (args.out / data_file(scope).name) if args.out else data_file(scope)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {out} ({out.stat().st_size / 1024:.1f} KB) at {time.time() - started:.0f}s; "
              f"l2={data['training']['l2']} threshold={data['threshold']}")
        report(dev, predictions, data["threshold"])
    return 0


def train_scope(scope: str, train: Split, dev: Split) -> tuple[dict, list[list[Quote]]]:
    """The data file's dict for ``scope`` and the dev candidates it scores."""
    print(f"\n{scope}: {len(train.rows)} train candidates ({train.labels.mean():.1%} right), {len(dev.rows)} dev")
    names = vocabulary(train.rows)
    base = base_matrix(train, names)
    # Settings are chosen by cross-validation on train (dev came out above test when they were
    # chosen on dev): the L2 strength by out-of-fold log loss, the keep threshold by the
    # out-of-fold end-to-end F1. Dev only reports.
    best: tuple[float, dict, np.ndarray] | None = None
    for l2 in L2_GRID:
        data, held_out = fit(train, base, names, l2)
        loss = log_loss(held_out, train.labels)
        print(f"  l2={l2:<5} out-of-fold log loss {loss:.4f}  ECE {data['training']['out_of_fold_ece']:.4f}")
        if best is None or loss < best[0] - 1e-9:
            best = (loss, data, held_out)
    assert best is not None  # L2_GRID is not empty
    _, data, held_out = best
    model = ConfidenceModel.from_dict({**data, "threshold": 0.0, "format": FORMAT})
    predictions = scored(model, dev)
    if scope in KEEP_ALL:
        threshold = 0.0
    else:
        train_predictions = with_confidences(train, held_out)
        f1 = [(headline_at(train.articles, train_predictions, t)["end_to_end_f1"], -t) for t in THRESHOLD_GRID]
        threshold = -max(f1)[1]
    data.update(
        format=FORMAT,
        scope=scope,
        threshold=threshold,
        about=("Learned by scripts/train_confidence.py from PolNeAR train; "
               "confidence = sigmoid(a * sum(weights[name] * feature) + b + offsets[rule] + offsets[kind]); "
               "quotes below threshold are dropped. See quotes/learned/confidence.py."),
    )
    data["training"].update(
        train_articles=len(train.articles),
        train_candidates=len(train.rows),
        train_right=int(train.labels.sum()),
        dev_ece=_round(expected_calibration_error(_outcomes(flat(predictions), dev.labels))),
    )
    return data, predictions


def gold_calibration(data: dict, nlp, lexicon) -> dict:
    """The default scope's calibration, fitted on the YAML gold, the real-news part included
    (gold/README.md's conventions, which PolNeAR's are not: floating quotes and transcript turns
    are quotes there): a logistic
    on the PolNeAR model's raw score plus an offset per rule and per kind, so that a rule the
    PolNeAR model never saw right gets its own prior. The L2 strength is chosen, and the
    calibration reported, by cross-validation over the gold documents."""
    documents = [d for folder in GOLD_FOLDERS for d in load_gold_dir(folder, "quotes")]
    with nlp.select_pipes(disable=["quotes"]):
        docs = list(nlp.pipe(d.text for d in documents))
    model = ConfidenceModel.from_dict({**data, "threshold": 0.0, "format": FORMAT})
    scores, keys, labels, document_of = [], [], [], []
    for number, (document, doc) in enumerate(zip(documents, docs, strict=True)):
        found = extract_from_doc(doc, lexicon, "quotes")
        context = DocContext.of(doc, found)
        right = {id(p.predicted) for p in score_document(document, found).pairs if p.speaker_right}
        for quote in found:
            scores.append(model.score(features(quote, context, model.lemmas)))
            keys.append(calibration_keys(quote))
            labels.append(float(id(quote) in right))
            document_of.append(number)
    names = sorted({k for pair in keys for k in pair})
    x = np.zeros((len(scores), 2 + len(names)))
    x[:, 0], x[:, 1] = 1.0, scores
    for row, pair in enumerate(keys):
        for key in pair:
            x[row, 2 + names.index(key)] = 1.0
    y, folds = np.array(labels), np.array(document_of) % FOLDS
    best = None
    for l2 in GOLD_L2_GRID:
        held_out = np.zeros(len(y))
        for fold in range(FOLDS):
            w = fit_logistic(x[folds != fold], y[folds != fold], l2, unpenalised=(0, 1))
            held_out[folds == fold] = 1.0 / (1.0 + np.exp(-(x[folds == fold] @ w)))
        loss = log_loss(held_out, y)
        print(f"  gold calibration l2={l2:<5} cross-validated log loss {loss:.4f} "
              f"ECE {expected_calibration_error(_outcomes(held_out, y)):.4f}")
        if best is None or loss < best[0] - 1e-9:
            best = (loss, l2, held_out)
    assert best is not None
    _, l2, held_out = best
    w = fit_logistic(x, y, l2, unpenalised=(0, 1))
    offsets = {name: _round(value) for name, value in zip(names, w[2:], strict=True) if _round(value)}
    # A rule or kind the gold never showed takes the mean offset of its sort, weighted by use.
    for sort in ("rule", "kind"):
        used = [(int(x[:, 2 + i].sum()), w[2 + i]) for i, name in enumerate(names) if name.startswith(sort + "=")]
        offsets[f"{sort}=*"] = _round(sum(n * v for n, v in used) / max(1, sum(n for n, _ in used)))
    return {
        "calibration": {"method": "platt+rules", "a": _round(w[1]), "b": _round(w[0]), "offsets": offsets},
        "gold": {
            "documents": len(documents),
            "candidates": len(y),
            "right": int(y.sum()),
            "l2": l2,
            "cross_validated_ece": _round(expected_calibration_error(_outcomes(held_out, y))),
        },
    }


def report(dev: Split, predictions: list[list[Quote]], threshold: float) -> None:
    confidence = flat(predictions)
    print(f"\ndev: ECE (10 bins) {expected_calibration_error(_outcomes(confidence, dev.labels)):.4f} "
          f"over {len(confidence)} candidates")
    print("reliability: " + "  ".join(
        f"[{b.lower:.1f},{b.upper:.1f}) n={b.count} conf={b.mean_confidence:.2f} right={b.accuracy:.2f}"
        for b in calibration_bins(_outcomes(confidence, dev.labels)) if b.count))
    rows = [("no scorer", 0.0), (f"threshold {threshold}", threshold)] + [(f"at {t}", t) for t in THRESHOLDS]
    print(f"\n{'':16} {'exact F':>8} {'overlap F':>9} {'source F':>8} {'cue F':>6} {'e2e P':>6} {'e2e R':>6} {'e2e F':>6}")
    for label, t in rows:
        h = headline_at(dev.articles, predictions, t)
        print(f"{label:16} {100 * h['content_exact_f1']:8.1f} {100 * h['content_overlap_f1']:9.1f} "
              f"{100 * h['source_f1']:8.1f} {100 * h['cue_f1']:6.1f} {100 * h['end_to_end_p']:6.1f} "
              f"{100 * h['end_to_end_r']:6.1f} {100 * h['end_to_end_f1']:6.1f}")


if __name__ == "__main__":
    sys.exit(main())
