"""The cue lexicon: loaded from the YAML data shipped in ``quotes/data``."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

DATA = resources.files("quotes") / "data"
DEFAULT_FILES = ("cues.yaml", "polnear_cues.yaml")


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    speaker: str


@dataclass(frozen=True)
class Lexicon:
    speech_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    evidence_verbs: frozenset[str]
    fragment_verbs: frozenset[str]
    phrases: tuple[Phrase, ...]
    role_nouns: frozenset[str]
    organisation_nouns: frozenset[str]
    honorifics: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    sources: tuple[str, ...] = field(default=(), compare=False)

    def cue_kind(self, lemma: str) -> str | None:
        """'speech' or 'belief' for a cue lemma, None for any other word."""
        if lemma in self.speech_verbs:
            return "speech"
        if lemma in self.belief_verbs:
            return "belief"
        return None

    def verb_cue_kind(self, lemma: str, form: str, evidence: bool = False) -> str | None:
        """Like ``cue_kind``, forgiving the lemmatizer's slips ("hoping" -> "hop"); with
        ``evidence``, verbs of evidence ("shows", "found") are speech cues too."""
        for candidate in (lemma, *_stems(form)):
            kind = self.cue_kind(candidate)
            if kind is None and evidence and candidate in self.evidence_verbs:
                kind = "speech"
            if kind is not None:
                return kind
        return None


def _stems(form: str) -> list[str]:
    """Lemma guesses for a regular English verb form."""
    guesses = []
    for suffix in ("ing", "ed", "es", "s"):
        if form.endswith(suffix) and len(form) > len(suffix) + 2:
            stem = form[: -len(suffix)]
            guesses += [stem, stem + "e"]
    return guesses


class LexiconError(ValueError):
    """A lexicon file that cannot be read or has the wrong shape."""


def _read(path_or_text: Path | str, name: str) -> dict:
    try:
        data = yaml.safe_load(path_or_text)
    except yaml.YAMLError as error:
        raise LexiconError(f"{name}: not valid YAML: {error}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise LexiconError(f"{name}: expected a mapping of lists at the top level")
    return data


def _strings(data: dict, key: str, name: str) -> set[str]:
    values = data.get(key) or []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise LexiconError(f"{name}: '{key}' must be a list of strings")
    return {v.lower() for v in values}


def merge(documents: list[tuple[str, dict]]) -> Lexicon:
    """Union of several lexicon documents (the hand-written one and the mined one)."""
    sets: dict[str, set[str]] = {
        key: set()
        for key in (
            "speech_verbs",
            "belief_verbs",
            "evidence_verbs",
            "fragment_verbs",
            "role_nouns",
            "organisation_nouns",
            "honorifics",
            "person_pronouns",
            "group_pronouns",
        )
    }
    phrases: dict[tuple[str, ...], Phrase] = {}
    for name, data in documents:
        for key in sets:
            sets[key] |= _strings(data, key, name)
        for entry in data.get("phrases") or []:
            if not isinstance(entry, dict) or not isinstance(entry.get("words"), list):
                raise LexiconError(f"{name}: each phrase needs a 'words' list")
            words = tuple(str(w).lower() for w in entry["words"])
            phrases[words] = Phrase(words, str(entry.get("speaker", "pobj")))
    # A word listed as both keeps its speech reading: speech is the stronger claim.
    sets["belief_verbs"] -= sets["speech_verbs"]
    return Lexicon(
        **{key: frozenset(value) for key, value in sets.items()},
        phrases=tuple(phrases.values()),
        sources=tuple(name for name, _ in documents),
    )


@lru_cache(maxsize=8)
def load_lexicon(*paths: str) -> Lexicon:
    """The packaged lexicon, or the union of the YAML files given."""
    documents: list[tuple[str, dict]] = []
    if not paths:
        for filename in DEFAULT_FILES:
            resource = DATA / filename
            if resource.is_file():
                documents.append((filename, _read(resource.read_text(encoding="utf-8"), filename)))
    for path in paths:
        file = Path(path)
        if not file.is_file():
            raise LexiconError(f"{path}: lexicon file not found")
        documents.append((path, _read(file.read_text(encoding="utf-8"), path)))
    return merge(documents)
