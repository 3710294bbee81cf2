"""The cue lexicon: one per scope, loaded from the YAML data shipped in ``quotes/data``.

Each scope has its own packaged files (``Scope.lexicon_files``); a user's extra files add to them, list
by list, unless a file says which lists it replaces (``replace: [speech_verbs]``). Unknown keys,
a word listed twice, and a verb in two verb lists are errors: a silent merge hides mistakes. So
are an empty word, several words in a list that matches one word at a time ("point out" in
speech_verbs: a phrase goes under ``phrases``), a phrase's speaker that is no dependency label
(``speaker: 42``) and a file nested too deeply to read.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml

from ..errors import LexiconError
from ..scopes import get_scope
from .data import read_text

# A verb belongs to one class: the class decides how its content is found.
VERB_LISTS = ("speech_verbs", "belief_verbs", "evidence_verbs", "fragment_verbs")
WORD_LISTS = VERB_LISTS + (
    "question_verbs", "role_nouns", "organisation_nouns", "honorifics", "person_pronouns", "group_pronouns",
    "control_verbs", "nominal_cues",
)
KEYS = set(WORD_LISTS) | {"phrases", "replace"}

VerbClass = Literal["speech", "belief", "fragment"]


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    speaker: str  # the dependency label from the phrase's last word to the source


@dataclass(frozen=True)
class Lexicon:
    speech_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    evidence_verbs: frozenset[str]
    fragment_verbs: frozenset[str]
    question_verbs: frozenset[str]
    phrases: tuple[Phrase, ...]
    role_nouns: frozenset[str]
    organisation_nouns: frozenset[str]
    honorifics: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    # Verbs whose object does what the infinitive after them says: "forced Stumpf to admit".
    control_verbs: frozenset[str] = frozenset()
    # Nouns that attribute what their clause says: "the claim that …" (attributions scope).
    nominal_cues: frozenset[str] = frozenset()
    sources: tuple[str, ...] = field(default=(), compare=False)

    def verb_class(self, lemma: str) -> VerbClass | None:
        """'speech' or 'belief' for a cue lemma, None for any other word."""
        if lemma in self.speech_verbs:
            return "speech"
        if lemma in self.belief_verbs:
            return "belief"
        return None

    def verb_cue_class(self, lemma: str, form: str, evidence: bool = False) -> VerbClass | None:
        """Like ``verb_class``, forgiving the lemmatizer's slips ("hoping" -> "hop"); with
        ``evidence``, verbs of evidence ("shows", "found") are speech cues too."""
        for candidate in (lemma, *_stems(form)):
            cue_class = self.verb_class(candidate)
            if cue_class is None and evidence and candidate in self.evidence_verbs:
                cue_class = "speech"
            if cue_class is not None:
                return cue_class
        return None

    def to_data(self) -> dict[str, Any]:
        """The lexicon as one YAML-ready mapping: what a saved pipeline stores."""
        data: dict[str, Any] = {key: sorted(getattr(self, key)) for key in WORD_LISTS}
        data["phrases"] = [{"words": list(p.words), "speaker": p.speaker} for p in self.phrases]
        return data


def _stems(form: str) -> list[str]:
    """Lemma guesses for a regular English verb form."""
    guesses = []
    for suffix in ("ing", "ed", "es", "s"):
        if form.endswith(suffix) and len(form) > len(suffix) + 2:
            stem = form[: -len(suffix)]
            guesses += [stem, stem + "e"]
    return guesses


def read_document(text: str, name: str) -> dict[str, Any]:
    """One lexicon file, checked for shape and unknown keys."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise LexiconError(f"{name}: not valid YAML: {error}") from None
    except RecursionError:
        raise LexiconError(f"{name}: nested too deeply to read (a lexicon is a mapping of lists)") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise LexiconError(f"{name}: expected a mapping of lists at the top level")
    unknown = set(data) - KEYS
    if unknown:
        raise LexiconError(f"{name}: unknown keys {sorted(unknown)}; allowed: {sorted(KEYS)}")
    for key in WORD_LISTS:
        _words(data, key, name)
    _phrases(data, name)
    replace = data.get("replace") or []
    if not isinstance(replace, list) or set(replace) - (set(WORD_LISTS) | {"phrases"}):
        raise LexiconError(f"{name}: 'replace' must list lexicon keys, e.g. [speech_verbs]")
    return data


def _words(data: dict[str, Any], key: str, name: str) -> list[str]:
    values = data.get(key) or []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise LexiconError(f"{name}: '{key}' must be a list of strings")
    for value in values:
        _check_word(value, f"'{key}'", name)
    words = [v.lower() for v in values]
    twice = sorted({w for w in words if words.count(w) > 1})
    if twice:
        raise LexiconError(f"{name}: '{key}' lists {', '.join(twice)} more than once")
    return words


def _check_word(value: str, where: str, name: str) -> None:
    """A word the lists match against one token: not empty, no spaces."""
    if not value.strip():
        raise LexiconError(f"{name}: {where} holds an empty word")
    if len(value.split()) > 1:
        raise LexiconError(
            f"{name}: {where} holds {value!r}, more than one word; its words are matched one at a "
            "time (a phrase such as 'according to' goes under 'phrases')"
        )


# A dependency label: "pobj", "nsubj", or a Universal Dependencies one with a subtype ("nmod:poss").
_LABEL = re.compile(r"[A-Za-z]+(?::[a-z]+)?")


def _phrases(data: dict[str, Any], name: str) -> list[Phrase]:
    phrases = []
    entries = data.get("phrases") or []
    if not isinstance(entries, list):
        raise LexiconError(f"{name}: 'phrases' must be a list of {{words: [...], speaker: LABEL}}")
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("words"), list) or not entry["words"]:
            raise LexiconError(f"{name}: each phrase needs a 'words' list")
        unknown = set(entry) - {"words", "speaker"}
        if unknown:
            raise LexiconError(f"{name}: a phrase has unknown keys {sorted(unknown)}; allowed: ['speaker', 'words']")
        for word in entry["words"]:
            if not isinstance(word, str):
                raise LexiconError(f"{name}: phrase words must be text, not {type(word).__name__} {word!r}")
            _check_word(word, "a phrase", name)
        speaker = entry.get("speaker", "pobj")
        if not isinstance(speaker, str) or not _LABEL.fullmatch(speaker):
            raise LexiconError(
                f"{name}: a phrase's speaker must be a dependency label such as pobj, not "
                f"{type(speaker).__name__} {speaker!r}"
            )
        phrases.append(Phrase(tuple(w.lower() for w in entry["words"]), speaker))
    return phrases


def merge(documents: Iterable[tuple[str, dict[str, Any]]]) -> Lexicon:
    """Layer lexicon documents in order: each adds to the lists, or replaces those it names."""
    sets: dict[str, set[str]] = {key: set() for key in WORD_LISTS}
    origin: dict[str, tuple[str, str]] = {}  # verb -> (list, file) that claimed it
    phrases: dict[tuple[str, ...], Phrase] = {}
    names = []
    for name, data in documents:
        names.append(name)
        replaced = set(data.get("replace") or [])
        for key in replaced & set(WORD_LISTS):
            for word in sets[key]:
                origin.pop(word, None)
            sets[key] = set()
        if "phrases" in replaced:
            phrases = {}
        for key in WORD_LISTS:
            for word in _words(data, key, name):
                if key in VERB_LISTS:
                    claimed = origin.get(word)
                    if claimed is not None and claimed[0] != key:
                        raise LexiconError(
                            f"{name}: '{word}' is in {key} but {claimed[1]} has it in {claimed[0]}; "
                            "a verb belongs to one list (use 'replace' to move it)"
                        )
                    origin[word] = (key, name)
                sets[key].add(word)
        for phrase in _phrases(data, name):
            phrases[phrase.words] = phrase
    return Lexicon(
        **{key: frozenset(value) for key, value in sets.items()},
        phrases=tuple(phrases.values()),
        sources=tuple(names),
    )


def packaged_documents(scope: str) -> list[tuple[str, dict[str, Any]]]:
    return [
        (filename, read_document(read_text(filename), filename))
        for filename in get_scope(scope).lexicon_files
    ]


@lru_cache(maxsize=16)
def load_lexicon(scope: str = "quotes", extra: tuple[str, ...] = ()) -> Lexicon:
    """The packaged lexicon of ``scope``, with the user's extra files layered on top."""
    documents = packaged_documents(scope)
    for path in extra:
        file = Path(path)
        if not file.is_file():
            raise LexiconError(f"{path}: lexicon file not found")
        try:
            content = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise LexiconError(f"{path}: cannot read: {error}") from None
        documents.append((path, read_document(content, path)))
    return merge(documents)


def lexicon_from_data(data: dict[str, Any], name: str = "saved lexicon") -> Lexicon:
    """A lexicon stored whole (``Lexicon.to_data``), as a saved pipeline holds it."""
    return merge([(name, read_document(yaml.safe_dump(data), name))])
