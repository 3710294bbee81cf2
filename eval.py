#!/usr/bin/env python
"""Regression scoring for quotes.

    python eval.py                      # YAML gold in gold/: tables, exit 1 on regression
    python eval.py --errors             # also list misses and false alarms in context
    python eval.py --polnear ../shared/corpora/polnear/dev
    python eval.py --update-baseline    # store the current scores as the new floor
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tabulate import tabulate

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from quotes import DEFAULT_MODEL, QuotesError, extract_many  # noqa: E402
from quotes.evaluation import baseline as baselines  # noqa: E402
from quotes.evaluation.gold import GoldError, load_gold_dir  # noqa: E402
from quotes.evaluation.polnear import PolnearCounts, PolnearError, load_split, score_article  # noqa: E402
from quotes.evaluation.scoring import Counts, score_document  # noqa: E402
from quotes.render import Item, comparison_section, index, items_from_quotes, page  # noqa: E402
from quotes.types import KINDS  # noqa: E402

BASELINE = HERE / "gold" / "baseline.json"
CONTEXT = 60


def pct(value: float) -> str:
    return f"{100 * value:.1f}"


def context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - CONTEXT) : start].replace("\n", " ")
    after = text[end : end + CONTEXT].replace("\n", " ")
    return f"…{before}[[{text[start:end]}]]{after}…".replace("\n", " ")


def run_gold(args: argparse.Namespace) -> tuple[dict[str, float], dict]:
    documents = load_gold_dir(Path(args.gold))
    total = Counts()
    results = []
    for document, predicted in zip(
        documents, extract_many((d.text for d in documents), model=args.model, scope=args.scope)
    ):
        result = score_document(document, predicted)
        total.add(result.counts)
        results.append(result)
    headline = total.headline()

    print(f"\nYAML gold: {len(documents)} documents, {total.gold} gold quotes, {total.predicted} predicted\n")
    show(
        args,
        [
                ["quotes, exact", pct(headline["exact_p"]), pct(headline["exact_r"]), pct(headline["exact_f1"])],
                ["quotes, partial", pct(headline["partial_p"]), pct(headline["partial_r"]), pct(headline["partial_f1"])],
                ["end to end (quote + speaker)", pct(headline["end_to_end_p"]), pct(headline["end_to_end_r"]), pct(headline["end_to_end_f1"])],
        ],
        ["", "P", "R", "F1"],
    )
    print(f"\nspeaker accuracy on matched quotes: {pct(headline['speaker_accuracy'])}\n")
    kind_rows = []
    for kind in KINDS:
        gold_n, pred_n, found, right = total.by_kind.get(kind, [0, 0, 0, 0])
        p = right / pred_n if pred_n else 0.0
        r = found / gold_n if gold_n else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        kind_rows.append([kind, gold_n, pred_n, pct(p), pct(r), pct(f)])
    show(args, kind_rows, ["kind (partial match)", "gold", "predicted", "P", "R", "F1"])
    doc_rows = []
    for result in results:
        h = result.counts.headline()
        doc_rows.append(
            [result.document.id, result.counts.gold, result.counts.predicted, pct(h["exact_f1"]),
             pct(h["partial_f1"]), pct(h["speaker_accuracy"]), pct(h["end_to_end_f1"])]
        )
    show(args, doc_rows, ["document", "gold", "pred", "exact F1", "partial F1", "speaker acc", "e2e F1"])
    if args.errors:
        print_gold_errors(results)
    if args.html:
        write_html(args, "quotes: YAML gold", [gold_section(i, r) for i, r in enumerate(results)])
    details = {
        "documents": {
            r.document.id: {k: round(v, 4) for k, v in r.counts.headline().items()} for r in results
        },
        "by_kind": {kind: dict(zip(["gold", "predicted", "gold_found", "predicted_right"], v)) for kind, v in total.by_kind.items()},
    }
    return headline, details


def show(args: argparse.Namespace, rows: list, headers: list[str]) -> None:
    """Print a table, and keep it for the HTML report."""
    print(tabulate(rows, headers=headers, tablefmt="github"))
    print()
    args.tables.append(tabulate(rows, headers=headers, tablefmt="html"))


def write_html(args: argparse.Namespace, title: str, sections: list[tuple[str, str, str, str]]) -> None:
    entries = [(anchor, name, summary) for anchor, name, summary, _ in sections]
    body = "".join(args.tables) + index(entries) + "".join(html for *_, html in sections)
    Path(args.html).write_text(page(title, body), encoding="utf-8")
    print(f"HTML report written to {args.html}")


def gold_section(number: int, result) -> tuple[str, str, str, str]:
    """Gold and predicted quotes of one document, each marked match / miss / false / speaker."""
    gold_status, pred_status = {}, {}
    for pair in result.pairs:
        status = "miss" if pair.predicted is None else "false" if pair.gold is None else (
            "match" if pair.speaker_right else "speaker")
        if pair.gold is not None:
            gold_status[id(pair.gold)] = status
        if pair.predicted is not None:
            pred_status[id(pair.predicted)] = status
    document = result.document
    gold = [
        Item(i + 1, g.kind, (g.start, g.end), g.mention, g.cue, g.speaker, gold_status[id(g)])
        for i, g in enumerate(document.quotes)
    ]
    predicted = items_from_quotes(result.predicted, [pred_status[id(q)] for q in result.predicted])
    anchor = f"doc-{number}"
    misses = sum(1 for i in gold if i.status == "miss") + sum(1 for i in predicted if i.status == "false")
    summary = f"{len(gold)} gold, {len(predicted)} predicted, {misses} misses and false alarms"
    return anchor, document.id, summary, comparison_section(anchor, document.id, document.text, gold, predicted)


def polnear_section(number: int, score) -> tuple[str, str, str, str]:
    article = score.article
    missed = {id(a) for a in score.missed}
    false = {id(q) for q in score.false_alarms}

    def first(ranges):
        return (ranges[0][0], ranges[-1][1]) if ranges else None

    gold = [
        Item(i + 1, "attribution", first(a.content), first(a.source), first(a.cue),
             " / ".join(article.text[s:e] for s, e in a.source) or None,
             "miss" if id(a) in missed else ("match" if a.has_source else None))
        for i, a in enumerate(article.attributions)
    ]
    predicted = items_from_quotes(score.predicted, ["false" if id(q) in false else "match" for q in score.predicted])
    anchor = f"doc-{number}"
    summary = f"{len(gold)} gold, {len(predicted)} predicted, {len(missed)} missed, {len(false)} false alarms"
    return anchor, article.id, summary, comparison_section(anchor, article.id, article.text, gold, predicted)


def print_gold_errors(results) -> None:
    print("\nErrors")
    for result in results:
        text = result.document.text
        for pair in result.pairs:
            if pair.predicted is None:
                g = pair.gold
                print(f"  MISS  {result.document.id}:{g.line} [{g.kind}] {g.speaker}: {context(text, g.start, g.end)}")
            elif pair.gold is None:
                q = pair.predicted
                print(f"  FALSE {result.document.id} [{q.kind}] {q.speaker_name}: {context(text, q.start, q.end)}")
            elif not pair.speaker_right:
                g, q = pair.gold, pair.predicted
                print(f"  SPKR  {result.document.id}:{g.line} gold {g.speaker!r} predicted {q.speaker_name!r}: {context(text, q.start, q.end)}")


def run_polnear(args: argparse.Namespace) -> tuple[dict[str, float], dict]:
    articles = load_split(Path(args.polnear))
    total = PolnearCounts()
    by_outlet: dict[str, PolnearCounts] = {}
    scores = []
    for article, predicted in zip(articles, extract_many((a.text for a in articles), model=args.model, scope=args.scope)):
        score = score_article(article, predicted)
        scores.append(score)
        total.add(score.counts)
        by_outlet.setdefault(article.publisher, PolnearCounts()).add(score.counts)
    headline = total.headline()
    gold_n = sum(len(a.attributions) for a in articles)
    print(f"\nPolNeAR {args.polnear} (scope {args.scope}): {len(articles)} articles, {gold_n} attributions, "
          f"{total.content_pred} predicted\n")
    rows = [
        [label, pct(headline[f"{key}_p"]), pct(headline[f"{key}_r"]), pct(headline[f"{key}_f1"])]
        for key, label in (
            ("content_exact", "content, exact"),
            ("content_overlap", "content, overlap (proportional)"),
            ("source", "source, exact"),
            ("cue", "cue, exact"),
            ("end_to_end", "end to end"),
        )
    ]
    show(args, rows, ["", "P", "R", "F1"])
    outlet_rows = []
    for outlet, counts in sorted(by_outlet.items()):
        h = counts.headline()
        outlet_rows.append(
            [outlet, counts.content_gold, pct(h["content_exact_f1"]), pct(h["content_overlap_f1"]),
             pct(h["source_f1"]), pct(h["cue_f1"]), pct(h["end_to_end_f1"])]
        )
    show(args, outlet_rows, ["outlet", "gold", "content exact F", "overlap F", "source F", "cue F", "e2e F"])
    if args.errors:
        print("\nErrors (end to end)")
        for score in scores:
            text = score.article.text
            for attribution in score.missed:
                start = min(s for s, _ in attribution.content)
                end = max(e for _, e in attribution.content)
                source = " / ".join(text[s:e] for s, e in attribution.source)
                print(f"  MISS  {score.article.id} source {source!r}: {context(text, start, end)}")
            for quote in score.false_alarms:
                speaker = quote.speaker.text if quote.speaker else None
                print(f"  FALSE {score.article.id} [{quote.kind}] {speaker!r}: {context(text, quote.start, quote.end)}")
    if args.html:
        write_html(args, f"quotes: PolNeAR {args.polnear}", [polnear_section(i, s) for i, s in enumerate(scores)])
    details = {"by_outlet": {o: {k: round(v, 4) for k, v in c.headline().items()} for o, c in by_outlet.items()}}
    return headline, details


HEADLINE = {
    "gold": ("exact_f1", "partial_f1", "speaker_accuracy", "end_to_end_f1"),
    "polnear": ("content_exact_f1", "content_overlap_f1", "source_f1", "cue_f1", "end_to_end_f1"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", default=str(HERE / "gold"), help="folder of YAML gold files")
    parser.add_argument("--polnear", metavar="SPLIT", help="score on a PolNeAR split folder instead")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="spaCy pipeline to use")
    parser.add_argument("--scope", choices=["quotes", "attributions"],
                        help="extractor scope (default: quotes for the YAML gold, attributions for PolNeAR, "
                        "whose guidelines annotate attributions in the PARC sense)")
    parser.add_argument("--errors", action="store_true", help="list misses and false alarms")
    parser.add_argument("--json", metavar="PATH", help="write the scores as JSON")
    parser.add_argument("--html", metavar="PATH", help="write an HTML report: tables, then gold and predicted side by side")
    parser.add_argument("--baseline", default=str(BASELINE), help="baseline file")
    parser.add_argument("--update-baseline", action="store_true", help="store these scores as the floor")
    args = parser.parse_args(argv)
    args.tables = []
    args.scope = args.scope or ("attributions" if args.polnear else "quotes")

    try:
        if args.polnear:
            group = f"polnear_{Path(args.polnear).resolve().name}_{args.scope}"
            headline, details = run_polnear(args)
            names = HEADLINE["polnear"]
        else:
            group = "gold" if args.scope == "quotes" else "gold_attributions"
            headline, details = run_gold(args)
            names = HEADLINE["gold"]
        baseline = baselines.load(Path(args.baseline))
    except (GoldError, PolnearError, QuotesError, ValueError, OSError) as error:
        print(f"eval.py: error: {error}", file=sys.stderr)
        return 2

    if args.json:
        Path(args.json).write_text(json.dumps({"group": group, "scores": headline, **details}, indent=2) + "\n")
    floor_scores = {name: headline[name] for name in names}
    if args.update_baseline:
        baseline[group] = floor_scores
        baselines.save(Path(args.baseline), baseline)
        print(f"\nbaseline '{group}' updated in {args.baseline}")
        return 0
    if group not in baseline:
        print(f"\nno baseline stored for '{group}' (run with --update-baseline to store one)")
        return 0
    failed = baselines.regressions(group, floor_scores, baseline)
    if failed:
        print(f"\nREGRESSION against {args.baseline} [{group}]:")
        for name, now, floor in failed:
            print(f"  {name}: {pct(now)} < baseline {pct(floor)}")
        return 1
    print(f"\nno regression against baseline '{group}'")
    return 0


if __name__ == "__main__":
    sys.exit(main())
