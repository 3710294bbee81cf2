"""Page furniture: navigation labels, bylines, credits, captions and datelines that are not the
article.

A line such as ``READ MORE: Mayor says "no" to tower`` holds a headline, not a quote, and its
label is not a speaker. The labels and line patterns are data (``data/furniture.yaml``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..resources.data import read_yaml
from .intervals import IntervalSet

_LINE = re.compile(r"[^\n]+")
# A headline in a list of links: short, and not a sentence of prose (no final full stop).
MAX_HEADLINE_WORDS = 20


def _is_headline(line: str) -> bool:
    return len(line.split()) <= MAX_HEADLINE_WORDS and not line.rstrip("”\"’' ").endswith(".")


@dataclass(frozen=True)
class Furniture:
    labels: frozenset[str]
    label_pattern: re.Pattern[str]
    lines: tuple[re.Pattern[str], ...]
    dateline_patterns: tuple[re.Pattern[str], ...] = ()

    def datelines(self, text: str) -> IntervalSet:
        """Each dateline opening a line ("PARIS (AFP) - ", "OTTAWA (CP) — ", "WASHINGTON — "),
        with the dash and the space after it."""
        found = []
        for match in _LINE.finditer(text):
            start = match.start()
            while start < match.end() and text[start] in " \t":
                start += 1
            for pattern in self.dateline_patterns:
                dateline = pattern.match(text, start, match.end())
                if dateline is not None and dateline.end() < match.end():  # words follow it
                    found.append((match.start(), dateline.end()))
                    break
        return IntervalSet(found)

    def is_label(self, words: str) -> bool:
        """True for a navigation label ("READ MORE", "Watch") rather than a speaker."""
        return " ".join(words.lower().split()) in self.labels

    def is_line(self, line: str) -> bool:
        stripped = line.strip()
        return bool(stripped) and (
            self.label_pattern.match(stripped) is not None
            or any(pattern.fullmatch(stripped) for pattern in self.lines)
        )

    def ranges(self, text: str) -> IntervalSet:
        """The character ranges of every furniture line of ``text``. A label alone on its line
        ("RELATED") heads a list: the headline-like lines after it are furniture too."""
        found = []
        in_list = False
        for match in _LINE.finditer(text):
            line = match.group().strip()
            if not line:
                continue
            if self.is_label(line.rstrip(":")):
                in_list = True
            elif not (in_list and _is_headline(line)):
                in_list = False
                if not self.is_line(line):
                    continue
            found.append((match.start(), match.end()))
        return IntervalSet(found)


@lru_cache(maxsize=1)
def load_furniture() -> Furniture:
    data = read_yaml("furniture.yaml")
    labels = sorted({" ".join(str(label).lower().split()) for label in data["labels"]}, key=len, reverse=True)
    alternatives = "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in labels)
    # "READ MORE: …", "WATCH | …", "Photo — …": a label, then a colon, bar or dash.
    label_pattern = re.compile(rf"(?:{alternatives})\s*(?::|\||[—–]|-\s)", re.IGNORECASE)
    return Furniture(
        frozenset(labels),
        label_pattern,
        tuple(re.compile(p) for p in data["lines"]),
        tuple(re.compile(p) for p in data.get("datelines", ())),
    )
