"""The data speaker resolution reads: ``data/sources.yaml`` and ``data/first_names.tsv``.

Kept apart from the cue lexicon (``quotes.resources.lexicon``), which names the role and organisation
nouns, honorifics and pronouns; these lists say what kind of source a head noun is, which
roles are compatible and what a title or first name says about gender.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .data import has, read_text, read_yaml


@dataclass(frozen=True)
class NameLists:
    anonymous_heads: frozenset[str]
    document_heads: frozenset[str]
    organisation_heads: frozenset[str]
    message_heads: frozenset[str]
    reply_heads: frozenset[str]
    office_heads: frozenset[str]
    role_hypernyms: dict[str, frozenset[str]]
    role_modifiers: frozenset[str]
    female_words: frozenset[str]
    male_words: frozenset[str]
    courtesy_titles: frozenset[str]
    first_names: dict[str, str]  # lower-case first name -> "f" | "m"
    first_name_shares: dict[str, float] = None  # type: ignore[assignment]  # -> share of uses of that gender
    head_synonyms: dict[str, tuple[str, ...]] = None  # type: ignore[assignment]
    title_abbreviations: dict[str, str] = None  # type: ignore[assignment]  # "gov" -> "governor"
    name_particles: frozenset[str] = frozenset()
    thing_heads: frozenset[str] = frozenset()
    surname_endings: tuple[str, ...] = ()

    def title(self, word: str) -> str:
        """The title an abbreviation stands for ("Gov." -> "governor"), else the word."""
        return self.title_abbreviations.get(word.lower().rstrip("."), word.lower()) if self.title_abbreviations else word

    def looks_like_surname(self, word: str) -> bool:
        lower = word.lower()
        return len(lower) > 4 and lower.endswith(self.surname_endings)

    def not_a_person(self, word: str) -> bool:
        """A word no person's name holds: the head of an organisation or of a thing ("Museum")."""
        lower = word.lower()
        return lower in self.organisation_heads or lower in self.thing_heads

    def word_gender(self, word: str) -> str | None:
        """'f' or 'm' for a gendered title or noun ("Ms.", "spokeswoman"), else None."""
        word = word.lower().rstrip(".")
        if word in self.female_words:
            return "f"
        if word in self.male_words:
            return "m"
        return None

    def name_gender(self, first_name: str) -> str | None:
        return self.first_names.get(first_name.lower())

    def name_share(self, first_name: str) -> float:
        """How much of the name's use its usual gender holds (0 for a name not in the table)."""
        return self.first_name_shares.get(first_name.lower(), 0.0) if self.first_name_shares else 0.0

    def role_fits(self, description: str, title: str) -> bool:
        """A description's head ("leader") covers a title ("president")."""
        return description == title or title in self.role_hypernyms.get(description, ())


def _words(data: dict, key: str) -> frozenset[str]:
    values = data.get(key) or []
    if not isinstance(values, list):
        raise ValueError(f"sources.yaml: '{key}' must be a list")
    return frozenset(str(v).lower() for v in values)


def read_first_names(text: str) -> dict[str, str]:
    """``name<TAB>gender<TAB>share`` lines; '#' lines are comments."""
    return {name: gender for name, (gender, _) in read_first_name_shares(text).items()}


def read_first_name_shares(text: str) -> dict[str, tuple[str, float]]:
    """name -> (gender, the share of the name's uses that gender holds)."""
    found: dict[str, tuple[str, float]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            parts = line.split("\t")
            if len(parts) >= 2 and parts[1] in ("f", "m"):
                try:
                    share = float(parts[2]) if len(parts) > 2 else 1.0
                except ValueError:
                    share = 1.0
                found[parts[0]] = (parts[1], share)
    return found


def build_lists(data: dict, first_names: dict[str, str], shares: dict[str, float] | None = None) -> NameLists:
    hypernyms = {
        str(key).lower(): frozenset(str(v).lower() for v in values or ())
        for key, values in (data.get("role_hypernyms") or {}).items()
    }
    return NameLists(
        anonymous_heads=_words(data, "anonymous_heads"),
        document_heads=_words(data, "document_heads"),
        organisation_heads=_words(data, "organisation_heads"),
        thing_heads=_words(data, "thing_heads"),
        message_heads=_words(data, "message_heads"),
        reply_heads=_words(data, "reply_heads"),
        office_heads=_words(data, "office_heads"),
        role_hypernyms=hypernyms,
        role_modifiers=_words(data, "role_modifiers"),
        female_words=_words(data, "female_words"),
        male_words=_words(data, "male_words"),
        courtesy_titles=_words(data, "courtesy_titles"),
        first_names=first_names,
        first_name_shares=shares if shares is not None else dict.fromkeys(first_names, 1.0),
        head_synonyms={
            str(key).lower(): tuple(str(v).lower() for v in values or ())
            for key, values in (data.get("head_synonyms") or {}).items()
        },
        title_abbreviations={str(k).lower(): str(v).lower() for k, v in (data.get("title_abbreviations") or {}).items()},
        name_particles=_words(data, "name_particles"),
        surname_endings=tuple(sorted(_words(data, "surname_endings"))),
    )


@lru_cache(maxsize=1)
def load_lists() -> NameLists:
    """The packaged lists, read once per process."""
    data = read_yaml("sources.yaml") or {}
    shares = read_first_name_shares(read_text("first_names.tsv")) if has("first_names.tsv") else {}
    return build_lists(data, {n: g for n, (g, _) in shares.items()}, {n: s for n, (_, s) in shares.items()})
