"""Hand-written ``quotes extract`` output for the corpus commands' tests: real-style articles
with every part's offsets taken from the text, as the extractor writes them."""
from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any


def span(text: str, part: str | None, after: int = 0) -> dict[str, Any] | None:
    if part is None:
        return None
    start = text.index(part, after)
    return {"text": part, "start": start, "end": start + len(part)}


def quote_line(
    record: str, text: str, content: str, speaker: str | None, cue: str | None = "said", *,
    kind: str = "direct", source_type: str = "person", name: str | None = None, role: str | None = None,
    **carried: Any,
) -> dict[str, Any]:
    """One output line: ``{"id": ..., **Quote.to_dict(), **carried}``."""
    body = span(text, content)
    assert body is not None
    who = span(text, speaker)
    return {
        "id": record, "kind": kind, "text": content, "start": body["start"], "end": body["end"],
        "speaker": who, "speaker_name": name if name is not None else speaker,
        "cue": span(text, cue, who["end"] if who else 0), "speaker_role": span(text, role),
        "source_type": source_type, "rule": "test", "confidence": 0.9, **carried,
    }


def write_jsonl(path: Path, lines: list[Any]) -> Path:
    """JSON lines; a str item is written as it is (for malformed lines)."""
    with path.open("w", encoding="utf-8") as out:
        for line in lines:
            out.write((line if isinstance(line, str) else json.dumps(line)) + "\n")
    return path


def _wired_main(name: str) -> Callable[[list[str]], int] | None:
    try:
        from quotes import cli
    except ImportError:  # quotes/cli.py mid-edit by its owner: the command's own hook still works
        return None
    parser = cli.build_parser()
    wired = any(isinstance(a, argparse._SubParsersAction) and name in a.choices for a in parser._actions)
    return cli.main if wired else None


def run_command(argv: list[str]) -> int:
    """``quotes.cli.main`` once the command is wired into it; the module's own hook until then."""
    main = _wired_main(argv[0])
    if main is not None:
        return main(argv)
    from quotes import report, speakers

    parser = argparse.ArgumentParser(prog="quotes")
    commands = parser.add_subparsers(dest="command", required=True)
    speakers.add_command(commands)
    report.add_command(commands)
    args = parser.parse_args(argv)
    return args.func(args)


G1 = 'Ms. Ana Ruiz said the plan would work. "It will," she said. Tom Ode said it would not.'
G2 = "Ruiz said the budget was fine. Acme Corp said sales fell."
G3 = "Jordan Blake said no. He added that it was late."
G4 = "Jordan Blake, the council spokeswoman, said yes."
G5 = "Sam Lee and Tom Ode said it was over."
G6 = "Pat Kim said so."


def gender_corpus() -> list[dict[str, Any]]:
    """Quote lines with ``speaker_gender``: Ana Ruiz is a woman in g1 and unnamed as one in g2
    ("Ruiz"); Jordan Blake is a man in g3 and a woman in g4 (a conflict); Pat Kim and Sam Lee
    are never presented as either; Acme Corp has no gender; "Sam Lee and Tom Ode" is two people.
    Outlets: g1, g2 "A"; the rest "B"."""

    def person(record: str, text: str, content: str, speaker: str, gender: str | None, evidence: str | None = None,
               **more: Any) -> dict[str, Any]:
        return quote_line(record, text, content, speaker, kind="indirect", speaker_gender=gender,
                          gender_evidence=evidence, **more)

    return [
        person("g1", G1, "the plan would work", "Ana Ruiz", "female", "pronoun", outlet="A"),
        {**person("g1", G1, "It will,", "she", "female", "pronoun", name="Ana Ruiz", outlet="A"), "kind": "direct"},
        person("g1", G1, "it would not", "Tom Ode", "male", "first name", outlet="A"),
        person("g2", G2, "the budget was fine", "Ruiz", "unknown", outlet="A"),
        quote_line("g2", G2, "sales fell", "Acme Corp", kind="indirect", source_type="organisation", outlet="A",
                   speaker_gender=None, gender_evidence=None),
        person("g3", G3, "no", "Jordan Blake", "male", "pronoun", outlet="B"),
        person("g3", G3, "that it was late", "He", "male", "pronoun", name="Jordan Blake", cue="added", outlet="B"),
        person("g4", G4, "yes", "Jordan Blake", "female", "role word", role="the council spokeswoman", outlet="B"),
        person("g5", G5, "it was over", "Sam Lee and Tom Ode", None, outlet="B"),
        person("g6", G6, "so", "Pat Kim", "unknown", outlet="B"),
    ]
