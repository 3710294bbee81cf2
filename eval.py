#!/usr/bin/env python
"""Regression scoring for quotes.

    python eval.py                      # YAML gold in gold/: tables, exit 1 on regression
    python eval.py --errors             # also list misses, false alarms, wrong names, types and roles
    python eval.py --scope attributions # also score beliefs and embedded questions
    python eval.py --polnear ../shared/corpora/polnear/dev
    python eval.py --gum ../shared/corpora/gum [--split dev]   # names on GUM's coreference
    python eval.py --update-baseline    # store the current scores as the new floor
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tabulate import tabulate

from quotes import DEFAULT_MODEL, QuotesError, extract_many, load
from quotes.evaluation import baseline as baselines
from quotes.evaluation.charts import pr_curve_svg, reliability_svg
from quotes.evaluation.gold import GoldError, load_gold_dir
from quotes.evaluation.gum import SPLITS as GUM_SPLITS
from quotes.evaluation.gum import GumError
from quotes.evaluation.gum import load_split as load_gum_split
from quotes.evaluation.names import ETYPES as NAME_ETYPES
from quotes.evaluation.names import FORMS as NAME_FORMS
from quotes.evaluation.names import Tally as NameTally
from quotes.evaluation.names import all_cases, score_cases
from quotes.evaluation.polnear import PolnearCounts, PolnearError, load_split, score_article
from quotes.evaluation.reliability import (
    BINS,
    THRESHOLDS,
    at_threshold,
    calibration_bins,
    curve,
    expected_calibration_error,
)
from quotes.evaluation.scoring import ACCURACIES, Counts, DocumentResult, same_role, score_document
from quotes.evaluation.spans import PRF
from quotes.scopes import SCOPE_NAMES
from quotes.types import KINDS, SOURCE_TYPES
from quotes.views.render import Item, comparison_section, index, items_from_quotes, page

HERE = Path(__file__).resolve().parent


BASELINE = HERE / "gold" / "baseline.json"
DEFAULT_GOLD = HERE / "gold"
REAL_NEWS_GOLD = DEFAULT_GOLD / "gum"
CONTEXT = 60


def pct(value: float) -> str:
    return f"{100 * value:.1f}"


def context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - CONTEXT) : start].replace("\n", " ")
    after = text[end : end + CONTEXT].replace("\n", " ")
    return f"…{before}[[{text[start:end]}]]{after}…".replace("\n", " ")


def run_gold(args: argparse.Namespace, folder: Path, title: str) -> tuple[dict[str, float], dict]:
    documents = load_gold_dir(folder, args.scope)
    results = [
        score_document(document, predicted)
        for document, predicted in zip(
            documents, extract_many((d.text for d in documents), model=args.model, scope=args.scope)
        )
    ]
    total = sum((r.counts for r in results), Counts())
    headline = total.headline()

    print(f"\n{title} (scope {args.scope}): {len(documents)} documents, {total.gold} gold quotes, "
          f"{total.predicted} predicted\n")
    show(args, [prf_row("quotes, exact", total.exact), prf_row("quotes, partial", total.partial),
                prf_row("end to end (quote + speaker)", total.end_to_end)], ["", "P", "R", "F1"])
    show(args, who_rows(total), ["who said it, on matched quotes", "right", "scored", "%"])
    gender = gender_table(args, total)
    if total.confusion:
        confusion_table(args, total)
    show(args, [[kind, *prf_cells(total.by_kind[kind])] for kind in KINDS if kind in total.by_kind],
         ["kind (partial match)", "gold", "predicted", "P", "R", "F1"])
    doc_rows = []
    for result in results:
        c = result.counts
        doc_rows.append([result.document.id, c.gold, c.predicted, pct(c.exact.f1), pct(c.partial.f1),
                         pct(c.name.value), pct(c.name_last_word.value), pct(c.end_to_end.f1)])
    show(args, doc_rows, ["document", "gold", "pred", "exact F1", "partial F1", "name acc", "last word acc", "e2e F1"])
    outcomes = [o for r in results for o in r.outcomes()]
    calibration = confidence_tables(args, outcomes, total.end_to_end.gold)
    if args.errors:
        print_gold_errors(results)
    args.sections += [gold_section(len(args.sections) + i, r) for i, r in enumerate(results)]
    details = {
        "documents": {r.document.id: {k: round(v, 4) for k, v in r.counts.headline().items()} for r in results},
        "by_kind": {kind: prf_counts(c) for kind, c in sorted(total.by_kind.items())},
        "source_type_confusion": {f"{g} -> {p}": n for (g, p), n in sorted(total.confusion.items())},
        "calibration": calibration,
        "gender": gender,
    }
    return headline, details


def gender_table(args: argparse.Namespace, total: Counts) -> dict:
    """The share of women among the sources with a gender, as the audits count it: gold (the
    labelled person sources) against predicted (every person source), by quote and by person
    (once per article); unknown is counted beside it, outside the share."""
    rows, shares = [], {}
    for unit in ("quotes", "people"):
        for side in ("gold", "predicted"):
            women, men, unknown = (total.genders[(side, unit, g)] for g in ("female", "male", "unknown"))
            share = total.women_share(side, unit)
            shares[f"{side}_{unit}"] = {"women": women, "men": men, "unknown": unknown,
                                        "women_share": None if share is None else round(share, 4)}
            rows.append([f"{unit}, {side}", women, men, unknown, "n/a" if share is None else pct(share)])
    show(args, rows, ["gender of person sources", "women", "men", "unknown", "women % of women and men"])
    return {"accuracy": round(total.gender.value, 4), "right": total.gender.right, "scored": total.gender.total,
            **shares}


def prf_cells(counts: PRF) -> list:
    return [counts.gold, counts.predicted, pct(counts.precision), pct(counts.recall), pct(counts.f1)]


def prf_row(label: str, counts: PRF) -> list:
    return [label, pct(counts.precision), pct(counts.recall), pct(counts.f1)]


def prf_counts(counts: PRF) -> dict[str, int]:
    return {"gold": counts.gold, "predicted": counts.predicted, "gold_found": counts.found, "predicted_right": counts.tp}


def who_rows(total: Counts) -> list[list]:
    """Name, mention, cue, source type and role on matched quotes; "n/a" where nothing is labelled."""
    rows = []
    for _, label, attribute in ACCURACIES:
        ratio = getattr(total, attribute)
        rows.append([label, ratio.right, ratio.total, pct(ratio.value) if ratio.total else "n/a"])
    return rows


def confusion_table(args: argparse.Namespace, total: Counts) -> None:
    """Gold source types (rows) against predicted ones (columns), on matched quotes; a predicted
    type outside the five gets a column of its own rather than being lost."""
    columns = [*SOURCE_TYPES, *sorted({p for _, p in total.confusion} - set(SOURCE_TYPES), key=str)]
    rows = [
        [f"gold {gold}", *(total.confusion.get((gold, predicted), 0) for predicted in columns)]
        for gold in SOURCE_TYPES
    ]
    show(args, rows, ["source type", *(f"→ {t}" for t in columns)])


def confidence_tables(args: argparse.Namespace, outcomes: list[tuple[float, bool]], gold: int) -> dict:
    """Precision and recall at each threshold, the expected calibration error and, in the HTML
    report, a precision-recall curve and a reliability diagram."""
    at = {threshold: at_threshold(outcomes, gold, threshold) for threshold in THRESHOLDS}
    show(args, [[f">= {t}", c.predicted, pct(c.precision), pct(c.recall), pct(c.f1)] for t, c in at.items()],
         ["confidence (end to end)", "kept", "P", "R", "F1"])
    ece = expected_calibration_error(outcomes)
    print(f"expected calibration error ({BINS} bins, end to end): {ece:.3f}\n")
    if args.html:
        args.tables.append(
            f'<p>Expected calibration error ({BINS} bins, end to end): {ece:.3f}</p><div class="charts">'
            f"{pr_curve_svg(curve(outcomes, gold))}{reliability_svg(calibration_bins(outcomes))}</div>"
        )
    thresholds = {
        str(t): {"kept": c.predicted, "p": round(c.precision, 4), "r": round(c.recall, 4), "f1": round(c.f1, 4)}
        for t, c in at.items()
    }
    return {"expected_calibration_error": round(ece, 4), "thresholds": thresholds}


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


def gold_section(number: int, result: DocumentResult) -> tuple[str, str, str, str]:
    """Gold and predicted quotes of one document, each marked match / miss / false / speaker."""
    gold_status, pred_status = {}, {}
    for pair in result.pairs:
        if pair.gold is not None:
            gold_status[id(pair.gold)] = pair.status
        if pair.predicted is not None:
            pred_status[id(pair.predicted)] = pair.status
    document = result.document
    gold = [
        Item(i + 1, g.kind, (g.start, g.end), g.mention, g.cue, g.speaker, gold_status[id(g)], g.role, g.source_type)
        for i, g in enumerate(document.quotes)
    ]
    predicted = items_from_quotes(result.predicted, [pred_status[id(q)] for q in result.predicted])
    anchor = f"doc-{number}"
    errors = result.error_counts()
    summary = f"{len(gold)} gold, {len(predicted)} predicted: " + ", ".join(f"{n} {what}" for what, n in errors.items())
    return anchor, document.id, summary, comparison_section(anchor, document.id, document.text, gold, predicted)


def polnear_section(number: int, score) -> tuple[str, str, str, str]:
    article = score.article
    missed = {id(a) for a in score.missed}
    false = {id(q) for q in score.false_alarms}

    def first(ranges):
        """The hull of a discontinuous span (brat lists its pieces in any order)."""
        return (min(s for s, _ in ranges), max(e for _, e in ranges)) if ranges else None

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


def print_gold_errors(results: list[DocumentResult]) -> None:
    """Misses, false alarms, wrong names, wrong source types and wrong roles, in context."""
    print("\nErrors")
    for result in results:
        text, doc = result.document.text, result.document.id
        for pair in result.pairs:
            g, q = pair.gold, pair.predicted
            if q is None:
                assert g is not None  # a pair always holds a gold quote, a predicted one or both
                print(f"  MISS  {doc}:{g.line} [{g.kind}] {g.speaker}: {context(text, g.start, g.end)}")
                continue
            if g is None:
                print(f"  FALSE {doc} [{q.kind}] {q.speaker_name}: {context(text, q.start, q.end)}")
                continue
            mention = (q.speaker.start, q.speaker.end) if q.speaker else (q.start, q.end)
            if not pair.speaker_right:
                print(f"  NAME  {doc}:{g.line} gold {g.speaker!r} predicted {q.speaker_name!r} "
                      f"(mention {q.speaker.text if q.speaker else None!r}): {context(text, *mention)}")
            if g.source_type is not None and g.source_type != q.source_type:
                print(f"  TYPE  {doc}:{g.line} {g.speaker!r}: gold {g.source_type} predicted {q.source_type}: "
                      f"{context(text, *mention)}")
            if (pair.gold_role or pair.predicted_role) and not same_role(pair.predicted_role, pair.gold_role):
                print(f"  ROLE  {doc}:{g.line} {g.speaker!r}: gold {pair.gold_role!r} predicted {pair.predicted_role!r}")
            if g.gender is not None and g.gender != q.speaker_gender:
                print(f"  GENDER {doc}:{g.line} {g.speaker!r}: gold {g.gender} ({g.gender_evidence or 'no evidence'}) "
                      f"predicted {q.speaker_gender} ({q.gender_evidence or 'no evidence'}) for {q.speaker_name!r}")


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
    print(f"\nPolNeAR {args.polnear} (scope {args.scope}): {len(articles)} articles, "
          f"{total.content_gold} attributions, {total.content_pred} predicted\n")
    rows = [
        prf_row("content, exact", total.content_exact),
        prf_row("content, overlap (proportional)", total.content_overlap),
        prf_row("source, exact", total.source),
        prf_row("cue, exact", total.cue),
        prf_row("end to end", total.end_to_end),
    ]
    show(args, rows, ["", "P", "R", "F1"])
    outlet_rows = [
        [outlet, c.content_gold, pct(c.content_exact.f1), pct(c.content_overlap.f1), pct(c.source.f1),
         pct(c.cue.f1), pct(c.end_to_end.f1)]
        for outlet, c in sorted(by_outlet.items())
    ]
    show(args, outlet_rows, ["outlet", "gold", "content exact F", "overlap F", "source F", "cue F", "e2e F"])
    calibration = confidence_tables(args, [o for s in scores for o in s.outcomes], total.end_to_end.gold)
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
    details = {
        "by_outlet": {o: {k: round(v, 4) for k, v in c.headline().items()} for o, c in by_outlet.items()},
        "calibration": calibration,
    }
    return headline, details


def run_gum(args: argparse.Namespace) -> tuple[dict[str, float], dict]:
    """Names on GUM's human coreference (``quotes.evaluation.names``)."""
    documents = load_gum_split(Path(args.gum), args.split)
    nlp = load(args.model, args.scope)
    lexicon = nlp.get_pipe("quotes").lexicon  # type: ignore[attr-defined]  # a QuoteExtractor
    cases = list(all_cases(documents, nlp, lexicon, args.scope))
    scores = score_cases(cases)
    print(f"\nGUM {args.gum} ({args.split}): {len(documents)} documents, {len(cases)} mentions of named "
          "people and organisations, each resolved as if it spoke\n")

    def tally_row(label: str, tally: NameTally) -> list:
        return [label, tally.total, pct(tally.accuracy), pct(tally.exact_accuracy)]

    show(args, [
        tally_row("subjects of speech verbs", scores.headline),
        tally_row("person pronouns (third person)", scores.person_pronouns),
        tally_row("descriptions", scores.descriptions),
    ], ["names", "mentions", "right (last word) %", "exact %"])
    show(args, [tally_row(f"{form}, {etype}", scores.by_form[(form, etype)])
                for form in NAME_FORMS for etype in NAME_ETYPES if (form, etype) in scores.by_form],
         ["by mention form", "mentions", "right %", "exact %"])
    show(args, [tally_row(genre, tally) for genre, tally in sorted(scores.by_genre.items())],
         ["by genre", "mentions", "right %", "exact %"])
    show(args, scores.errors.most_common(), ["wrong names, by class", "mentions"])
    if args.errors:
        print("\nWrong names")
        text_of = {d.id: d.text for d in documents}
        for case in cases:
            if not case.right:
                print(f"  {case.document} [{case.form}] gold {case.gold!r} predicted {case.predicted!r}: "
                      f"{context(text_of[case.document], case.start, case.end)}")
    details = {"by_genre": {g: round(t.accuracy, 4) for g, t in sorted(scores.by_genre.items())},
               "errors": dict(scores.errors.most_common())}
    return scores.headline_figures(), details


HEADLINE = {
    # Scores left out of a run's headline (nothing labelled to score) get no floor.
    "gold": ("exact_f1", "partial_f1", "speaker_accuracy", "end_to_end_f1",
             "name_last_word_accuracy", "source_type_accuracy", "role_exact", "gender_accuracy"),
    "polnear": ("content_exact_f1", "content_overlap_f1", "source_f1", "cue_f1", "end_to_end_f1"),
    "gum": ("speech_subjects", "person_pronouns", "descriptions"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD,
                        help="folder of YAML gold files (the default also scores gold/gum apart)")
    parser.add_argument("--polnear", metavar="SPLIT", help="score on a PolNeAR split folder instead")
    parser.add_argument("--gum", metavar="CORPUS", help="score names on GUM's coreference (the folder with dep/)")
    parser.add_argument("--split", choices=GUM_SPLITS, default="dev", help="GUM split (default: dev)")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="spaCy pipeline to use")
    parser.add_argument("--scope", choices=SCOPE_NAMES,
                        help="extractor scope (default: quotes for the YAML gold, attributions for PolNeAR, "
                        "whose guidelines annotate attributions in the PARC sense)")
    parser.add_argument("--errors", action="store_true", help="list misses and false alarms")
    parser.add_argument("--json", metavar="PATH", help="write the scores as JSON")
    parser.add_argument("--html", metavar="PATH", help="write an HTML report: tables, then gold and predicted side by side")
    parser.add_argument("--baseline", default=str(BASELINE), help="baseline file")
    parser.add_argument("--update-baseline", action="store_true", help="store these scores as the floor")
    args = parser.parse_args(argv)
    args.tables, args.sections = [], []
    args.scope = args.scope or ("attributions" if args.polnear else "quotes")
    suffix = "" if args.scope == "quotes" else f"_{args.scope}"

    runs: list[tuple[str, tuple[str, ...], dict[str, float], dict]] = []  # group, floor names, scores, details
    try:
        if args.gum:
            runs.append((f"gum_{args.split}", HEADLINE["gum"], *run_gum(args)))
        elif args.polnear:
            group = f"polnear_{Path(args.polnear).resolve().name}_{args.scope}"
            runs.append((group, HEADLINE["polnear"], *run_polnear(args)))
        else:
            folder = Path(args.gold)
            runs.append((f"gold{suffix}", HEADLINE["gold"], *run_gold(args, folder, "YAML gold")))
            if folder == DEFAULT_GOLD and REAL_NEWS_GOLD.is_dir():
                # Real prose nobody here wrote (GUM's Wikinews news and interviews), scored apart.
                runs.append((f"gum_gold{suffix}", HEADLINE["gold"], *run_gold(args, REAL_NEWS_GOLD, "Real-news gold (GUM, Wikinews)")))
        baseline = baselines.load(Path(args.baseline))
    except (GoldError, GumError, PolnearError, QuotesError, ValueError, OSError) as error:
        print(f"eval.py: error: {error}", file=sys.stderr)
        return 2

    if args.html:
        write_html(args, "quotes: " + ", ".join(group for group, *_ in runs), args.sections)
    if args.json:
        (group, _, headline, details), *others = runs
        also = {g: {"scores": h, **d} for g, _, h, d in others}
        Path(args.json).write_text(
            json.dumps({"group": group, "scores": headline, **details, **({"also": also} if also else {})}, indent=2) + "\n"
        )
    status = 0
    for group, names, headline, _ in runs:
        floor_scores = {name: headline[name] for name in names if name in headline}
        if args.update_baseline:
            baseline[group] = floor_scores
            baselines.save(Path(args.baseline), baseline)
            print(f"\nbaseline '{group}' updated in {args.baseline}")
        elif group not in baseline:
            print(f"\nno baseline stored for '{group}' (run with --update-baseline to store one)")
        elif failed := baselines.regressions(group, floor_scores, baseline):
            print(f"\nREGRESSION against {args.baseline} [{group}]:")
            for name, now, floor in failed:
                print(f"  {name}: {pct(now)} < baseline {pct(floor)}")
            status = 1
        else:
            print(f"\nno regression against baseline '{group}'")
    return status


if __name__ == "__main__":
    sys.exit(main())
