#!/usr/bin/env python
"""Learn where PolNeAR starts and ends reported content; rebuild quotes/data/content_span.json.

    python scripts/train_content_span.py                    # writes quotes/data/content_span.json
    python scripts/train_content_span.py --out /tmp/c.json  # somewhere else
    python scripts/train_content_span.py --report           # also the content F on dev, before and after

The extractor runs on PolNeAR train (attributions scope). For each reported-speech content that
matches a gold attribution, every child that ``quotes.content_span.edges`` could move is
counted as in the gold content ("take": at least half its characters are) or out ("no"), under
the keys of ``quotes.content_span.child_keys`` (most specific first). A key seen at least
MIN_COUNT times gets its majority outcome; only entries that differ from what the next, more
general key (or the default) would give are stored. Deterministic: counts, sorted keys, no
randomness. Dev is read only for the report.
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
from quotes.evaluation.spans import normalise
from quotes.extractor.stages import extract_from_doc
from quotes.learned.content_span import DATA_FILE, DEFAULT, GLUE, TAKES, ContentSpanTable, child_keys, edges, reshape
from quotes.resources.lexicon import load_lexicon

HERE = Path(__file__).resolve().parent.parent

MIN_COUNT = 10
FORMAT = 1


def gold_chars(article: Article, start: int, end: int) -> set[int] | None:
    """The characters of the gold content that the prediction [start, end) matches, if any."""
    for attribution in article.attributions:
        chars = {c for s, e in attribution.content for c in range(*normalise(article.text, s, e))}
        if chars and 2 * len(chars.intersection(range(start, end))) >= min(len(chars), end - start):
            return chars
    return None


def outcome(child: Token, chars: set[int]) -> str:
    words = [t for t in child.subtree if not t.is_punct and not t.is_space]
    size = sum(len(t) for t in words)
    inside = sum(1 for t in words for c in range(t.idx, t.idx + len(t)) if c in chars)
    return "take" if size and 2 * inside >= size else "no"


def learn(articles: list[Article], docs: list, lexicon) -> dict:
    counts = KeyCounts()
    for article, doc in zip(articles, docs):
        for quote in extract_from_doc(doc, lexicon, "attributions"):
            found = edges(doc, quote)
            if found is None:
                continue
            chars = gold_chars(article, *normalise(article.text, quote.start, quote.end))
            if chars is None:
                continue
            movable = [("head", c, found.head) for c in found.trailing + found.leading]
            if found.verb is not None:
                movable += [("cue", c, found.verb) for c in found.following]
            for where, child, head in movable:
                if child.dep_ in GLUE or child.is_space:
                    continue  # reshape passes over these: a row for them would never be read
                counts.add(child_keys(where, child, head, quote.rule), outcome(child, chars))
    children = counts.table(TAKES, MIN_COUNT, default=lambda key: DEFAULT[key.split("|", 1)[0]])
    return {
        "format": FORMAT,
        "about": ("Whether PolNeAR train puts a child at the edge of reported content in the content, "
                  "learned by scripts/train_content_span.py; keys are where|relation|side|word-or-POS"
                  "[|rule]; a key not listed falls back to the next more general one, then to "
                  "'take' below the content's head and 'no' below the cue verb."),
        "min_count": MIN_COUNT,
        "children": children,
    }


def report(nlp, table: ContentSpanTable, folder: Path, cache: Path | None) -> None:
    """Content F (and the end-to-end F) on dev with the learned spans vs without."""
    articles = load_split(folder)
    docs = parse(articles, nlp, 16, cache)
    totals = dev_headlines(articles, docs, load_lexicon("attributions"), lambda doc, q: reshape(doc, q, table))
    for name, h in totals.items():
        print(f"{name:8} content exact F {100 * h['content_exact_f1']:.1f}  overlap F "
              f"{100 * h['content_overlap_f1']:.1f}  e2e F {100 * h['end_to_end_f1']:.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--polnear", type=Path, default=POLNEAR)
    parser.add_argument("--out", type=Path, default=DATA_FILE)
    parser.add_argument("--cache", type=Path, help="keep parsed articles here between runs (DocBin)")
    parser.add_argument("--report", action="store_true", help="print the content F on dev before and after")
    args = parser.parse_args(argv)
    nlp = quotes.load(scope="attributions")
    lexicon = load_lexicon("attributions")
    articles = load_split(args.polnear / "train")
    docs = parse(articles, nlp, 16, args.cache / "polnear-train.spacy" if args.cache else None)
    data = learn(articles, docs, lexicon)
    args.out.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(data['children'])} entries")
    if args.report:
        table = ContentSpanTable({k: v["take"] for k, v in data["children"].items()})
        report(nlp, table, args.polnear / "dev", args.cache / "polnear-dev.spacy" if args.cache else None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
