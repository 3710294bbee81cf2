#!/usr/bin/env python
"""Learn the choice of antecedent (``quotes/data/names.json``) from GUM train.

    python scripts/train_names.py [--gum ../shared/corpora/gum] [--cache DIR] [--out FILE]

For every pronoun and definite description the tracker (``quotes.speakers.tracker``) finds in
a GUM train document, each candidate it proposes is labelled by GUM's coreference: right when
the candidate's name is a name of the mention's entity (same last word); "none" is right when
no candidate is. The tracker walks on as GUM says (teacher forcing). A conditional logit is
fitted on the options of every mention; its L2 strength is chosen by 5-fold cross-validation
over train documents. Head nouns that GUM's annotators mostly take
for people or organisations are learned from train too. Dev and test are not read.
Deterministic: the same corpus gives the same file, byte for byte.
"""
from __future__ import annotations

import argparse
import json
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from fitting import fit_ranking, ranking_probabilities
from train_confidence import parse

import quotes
from quotes.evaluation.gum import DESCRIPTION, GumDocument, GumMention, load_split
from quotes.evaluation.scoring import same_last_word
from quotes.extractor.stages import propose
from quotes.learned.ranking import DATA_NAME, FORMAT, AntecedentModel
from quotes.resources.data import data_path
from quotes.resources.lexicon import load_lexicon
from quotes.scopes import QUOTES
from quotes.speakers.resolver import SpeakerResolver
from quotes.speakers.tracker import Anaphor, EntityState, Scored

GUM = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "gum"
FOLDS = 5
L2_GRID = (0.3, 1.0, 3.0)
GROUPS = ("he", "she", "it", "they", "description")
# A head noun is a person's (an organisation's) when GUM's annotators mark at least this share of
# the mentions it heads as one, at least this many times.
HEAD_SHARE = 0.6
HEAD_COUNT = 3
DIGITS = 4


@dataclass
class Example:
    """One anaphor: its group and document, the features of "none" and of each candidate, and
    which one is right (0: none; ``i + 1``: candidate ``i``, the most recent right one)."""

    group: str
    document: int
    options: list[dict[str, float]]
    target: int
    reachable: bool  # some candidate is right


def learned_heads(documents: Sequence[GumDocument]) -> tuple[list[str], list[str]]:
    """Head lemmas of descriptions GUM mostly marks as people (organisations)."""
    heads: Counter[tuple[str, str]] = Counter()
    totals: Counter[str] = Counter()
    for document in documents:
        for mention in document.mentions:
            token = document.tokens[mention.head]
            if mention.form != DESCRIPTION or token.upos != "NOUN":
                continue
            lemma = token.lemma.lower()
            totals[lemma] += 1
            heads[(lemma, mention.etype)] += 1

    def kind(etype: str) -> list[str]:
        return sorted(
            lemma for (lemma, e), n in heads.items()
            if e == etype and n >= HEAD_COUNT and n / totals[lemma] >= HEAD_SHARE
        )

    return kind("person"), kind("organization")


def _gum_mention_at(document: GumDocument, starts: list[int], char: int) -> GumMention | None:
    """The smallest GUM mention headed by the GUM word at character ``char``."""
    index = bisect_right(starts, char) - 1
    if index < 0 or not document.tokens[index].start <= char < document.tokens[index].end:
        return None
    headed = [m for m in document.mentions if m.head == index]
    return min(headed, key=lambda m: m.end - m.start) if headed else None


def examples_of(
    document: GumDocument,
    doc,
    number: int,
    heads: tuple[frozenset[str], frozenset[str]],
    model: AntecedentModel | None = None,
) -> list[Example]:
    """The labelled options of every anaphor of one document. The walk goes on as GUM says, or,
    with ``model``, as the model decides (so that it also learns from its own mistakes)."""
    lexicon = load_lexicon("quotes")
    text = doc.text
    placed = propose(doc, lexicon, QUOTES, text)
    resolver = SpeakerResolver(doc, lexicon, [(p.start, p.end) for p in placed], model=None, heads=heads)
    starts = [t.start for t in document.tokens]
    found: list[Example] = []

    def gold(anaphor: Anaphor, scored: Scored, none: dict[str, float]) -> tuple[EntityState | None, float]:
        mention = _gum_mention_at(document, starts, anaphor.start)
        names = document.entity_of(mention).names if mention is not None else ()
        right = _right(scored, names)
        target = right[0] + 1 if right else 0
        found.append(Example(anaphor.group, number, [none, *(f for _, f in scored)], target, bool(right)))
        if model is not None:
            index, probability = model.choose([f for _, f in scored], none)
            return (None if index is None else scored[index][0]), probability
        return (scored[right[0]][0], 1.0) if right else (None, 1.0)

    for _ in resolver.tracker.walk(gold):
        pass
    return found


def _right(scored: Scored, names: Sequence[str]) -> list[int]:
    """The candidates named as the entity is: by the whole name when one is ("Manju Sam", not
    her husband Thomas Sam), else by the last word."""
    keys = {" ".join(n.lower().split()) for n in names}
    exact = [i for i, (state, _) in enumerate(scored) if " ".join(state.name.lower().split()) in keys]
    return exact or [i for i, (state, _) in enumerate(scored) if any(same_last_word(state.name, n) for n in names)]


def matrix(examples: Sequence[Example], names: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every option's row, where each example's options start, and each example's target."""
    column = {name: i for i, name in enumerate(names)}
    rows, starts, targets = [], [0], []
    for example in examples:
        for features in example.options:
            row = np.zeros(len(names))
            for name, value in features.items():
                if name in column:
                    row[column[name]] = value
            rows.append(row)
        starts.append(starts[-1] + len(example.options))
        targets.append(example.target)
    return np.array(rows), np.array(starts, dtype=np.int64), np.array(targets, dtype=np.int64)


def cross_validate(examples: Sequence[Example], names: list[str], l2: float) -> tuple[list[bool], list[np.ndarray]]:
    """Whether each example's likeliest option is its target, with a model fitted on the
    other folds' documents; and the weights of each fold's model."""
    right = [False] * len(examples)
    models = []
    for fold in range(FOLDS):
        train = [e for e in examples if e.document % FOLDS != fold]
        held = [i for i, e in enumerate(examples) if e.document % FOLDS == fold]
        w = fit_ranking(*matrix(train, names), l2)
        models.append(w)
        rows, starts, targets = matrix([examples[i] for i in held], names)
        p = ranking_probabilities(rows, starts, w)
        for k, i in enumerate(held):
            options = p[starts[k] : starts[k + 1]]
            right[i] = int(np.argmax(options)) == targets[k]
    return right, models


def as_model(names: list[str], w: np.ndarray, heads: tuple[frozenset[str], frozenset[str]]) -> AntecedentModel:
    return AntecedentModel(dict(zip(names, (float(v) for v in w), strict=True)), *heads)


def report(label: str, examples: Sequence[Example], right: Sequence[bool]) -> None:
    by_group = {g: [r for r, e in zip(right, examples, strict=True) if e.group == g] for g in GROUPS}
    print(f"  {label}: accuracy {np.mean(right):.4f} ("
          + ", ".join(f"{g} {np.mean(r):.3f}" for g, r in by_group.items() if r) + ")")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gum", type=Path, default=GUM)
    parser.add_argument("--cache", type=Path, help="keep the parse of GUM train here")
    parser.add_argument("--out", type=Path, default=data_path(DATA_NAME))
    args = parser.parse_args(argv)

    documents = load_split(args.gum, "train")
    person, organisation = learned_heads(documents)
    heads = (frozenset(person), frozenset(organisation))
    nlp = quotes.load()
    docs = parse(documents, nlp, 16, args.cache / "gum_train.spacy" if args.cache else None)
    examples = [
        e for number, (d, doc) in enumerate(zip(documents, docs, strict=True)) for e in examples_of(d, doc, number, heads)
    ]
    names = sorted({n for e in examples for f in e.options for n in f})
    print(f"{len(documents)} train documents, {len(examples)} pronouns and descriptions, {len(names)} features")

    results = []
    for l2 in L2_GRID:
        right, models = cross_validate(examples, names, l2)
        report(f"l2 {l2}, cross-validated as GUM says", examples, right)
        results.append((sum(right), -l2, l2, models))
    _, _, l2, models = max(results, key=lambda r: r[:3])
    # A second round walks each document as its held-out fold's model decides: the states the
    # model will meet, its own mistakes included, labelled by GUM.
    walked = [
        e
        for number, (d, doc) in enumerate(zip(documents, docs, strict=True))
        for e in examples_of(d, doc, number, heads, as_model(names, models[number % FOLDS], heads))
    ]
    own = [
        int(np.argmax(ranking_probabilities(*matrix([e], names)[:2], models[e.document % FOLDS]))) == e.target
        for e in walked
    ]
    report("the held-out models on their own walk", walked, own)
    w = fit_ranking(*matrix([*examples, *walked], names), l2)
    right_total = sum(own)
    weights = {name: round(float(v), DIGITS) for name, v in zip(names, w, strict=True) if round(float(v), DIGITS)}
    data = {
        "about": "Learned by scripts/train_names.py from GUM train: which named person or organisation a pronoun "
        "or definite description stands for, or none. Each option's score is sum(weights[name] * feature); "
        "the highest wins (softmax for its probability). See quotes/speakers/tracker.py.",
        "format": FORMAT,
        "training": {
            "documents": len(documents),
            "mentions": len(examples),
            "l2": l2,
            "cross_validated_accuracy": round(right_total / len(walked), DIGITS),
        },
        "heads": {"person": person, "organisation": organisation},
        "weights": dict(sorted(weights.items())),
    }
    args.out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: l2 {l2}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
