"""Closed-class word lists the rules read (``data/words.yaml``), each list once."""
from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache

from ..errors import DataFileError
from .data import read_yaml


@dataclass(frozen=True)
class Words:
    relative_pronouns: frozenset[str]
    personal_subjects: frozenset[str]
    plural_pronouns: frozenset[str]
    female_pronouns: frozenset[str]
    male_pronouns: frozenset[str]
    personal_objects: frozenset[str]
    post_nominals: frozenset[str]
    determiners: frozenset[str]
    definite_determiners: frozenset[str]
    articles: frozenset[str]
    question_words: frozenset[str]
    addressee_verbs: frozenset[str]
    refusal_verbs: frozenset[str]
    speaking_pronouns: frozenset[str]


@lru_cache(maxsize=1)
def load_words() -> Words:
    """The packaged lists, read once per process."""
    data = read_yaml("words.yaml") or {}
    missing = [f.name for f in fields(Words) if not isinstance(data.get(f.name), list)]
    if missing:
        raise DataFileError(f"words.yaml: missing or not a list: {', '.join(missing)}")
    return Words(**{f.name: frozenset(str(w).lower() for w in data[f.name]) for f in fields(Words)})


WORDS = load_words()
