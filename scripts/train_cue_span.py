#!/usr/bin/env python
"""Learn which children of a cue verb PolNeAR puts in the cue span; rebuild quotes/data/cue_span.json.

    python scripts/train_cue_span.py                    # writes quotes/data/cue_span.json
    python scripts/train_cue_span.py --out /tmp/c.json  # somewhere else
    python scripts/train_cue_span.py --report           # also the cue F on dev, before and after

For every gold cue of PolNeAR train whose head is a verb, each child of the verb is counted as
left out, taken alone, or taken with its subtree, under the keys of ``quotes.cue_span.child_keys``
(most specific first: relation|side|word|verb, relation|side|word, relation|side|POS). A key
seen at least MIN_COUNT times gets its majority outcome; only entries that differ from what the
next, more general key would give are stored. Deterministic: counts, sorted keys, no randomness.
Dev is read only for the report.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from spacy.tokens import Token
from span_tables import KeyCounts, dev_headlines
from train_confidence import POLNEAR, parse

import quotes
from quotes.evaluation.polnear import Article, load_split
from quotes.learned.cue_span import DATA_FILE, TAKES, CueSpanTable, child_keys, widen_cue
from quotes.resources.lexicon import load_lexicon

HERE = Path(__file__).resolve().parent.parent

MIN_COUNT = 20
FORMAT = 1


def gold_cue_verbs(article: Article, doc) -> list[tuple[Token, set[int]]]:
    """(verb token, token indices of its gold cue) for each gold cue headed by a verb."""
    found = []
    for attribution in article.attributions:
        chars = {c for start, end in attribution.cue for c in range(start, end)}
        tokens = {t.i for t in doc if t.idx in chars and not t.is_space}
        heads = [doc[i] for i in sorted(tokens) if doc[i].head.i not in tokens or doc[i].head.i == i]
        if heads and heads[0].pos_ in ("VERB", "AUX"):
            found.append((heads[0], tokens))
    return found


def outcome(child, tokens: set[int]) -> str:
    if all(t.i in tokens for t in child.subtree):
        return "subtree"
    return "token" if child.i in tokens else "no"


def learn(articles: list[Article], docs: list) -> dict:
    counts = KeyCounts()
    for article, doc in zip(articles, docs):
        for verb, tokens in gold_cue_verbs(article, doc):
            for child in verb.children:
                counts.add(child_keys(child, verb), outcome(child, tokens))
    children = counts.table(TAKES, MIN_COUNT, default=lambda key: "no")
    return {
        "format": FORMAT,
        "about": ("Which children of a cue verb PolNeAR train puts in the cue span, learned by "
                  "scripts/train_cue_span.py; keys are relation|side|word-or-POS[|verb lemma]; "
                  "a key not listed falls back to the next more general one, then to 'no'."),
        "min_count": MIN_COUNT,
        "children": children,
    }


def report(nlp, table: CueSpanTable, folder: Path, cache: Path | None) -> None:
    """Cue F (and the end-to-end F) on dev with the learned spans vs without."""
    articles = load_split(folder)
    docs = parse(articles, nlp, 16, cache)
    totals = dev_headlines(articles, docs, load_lexicon("attributions"), lambda doc, q: widen_cue(doc, q, table))
    for name, h in totals.items():
        print(f"{name:8} cue P {100 * h['cue_p']:.1f} R {100 * h['cue_r']:.1f} F {100 * h['cue_f1']:.1f}   "
              f"e2e F {100 * h['end_to_end_f1']:.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--polnear", type=Path, default=POLNEAR)
    parser.add_argument("--out", type=Path, default=DATA_FILE)
    parser.add_argument("--cache", type=Path, help="keep parsed articles here between runs (DocBin)")
    parser.add_argument("--report", action="store_true", help="print the cue F on dev before and after")
    args = parser.parse_args(argv)
    nlp = quotes.load(scope="attributions")
    articles = load_split(args.polnear / "train")
    docs = parse(articles, nlp, 16, args.cache / "polnear-train.spacy" if args.cache else None)
    data = learn(articles, docs)
    args.out.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(data['children'])} entries")
    if args.report:
        table = CueSpanTable({k: v["take"] for k, v in data["children"].items()})
        report(nlp, table, args.polnear / "dev", args.cache / "polnear-dev.spacy" if args.cache else None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
