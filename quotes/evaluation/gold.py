"""The project's YAML gold: loading, and finding each labelled quote in its article.

Quotes are written as text so that a person can label by hand; the loader turns them into
offsets and says exactly where (file, line) a label cannot be placed.
"""
from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from ..errors import QuotesError
from ..scopes import SCOPE_NAMES
from ..types import KINDS, SOURCE_TYPES

SCHEMA_KEYS = {
    "text", "kind", "speaker", "mention", "cue", "occurrence", "note",
    "source_type", "role", "role_occurrence", "scope", "gender", "gender_evidence",
}
GENDERS = ("female", "male", "unknown")
# What in the text (or the name) says a person's gender; "first name" only for a name that is
# (nearly) always given to one gender, when the article itself says nothing.
GENDER_EVIDENCE = ("pronoun", "title", "role word", "first name")


class GoldError(QuotesError, ValueError):
    """A gold file that cannot be used, with the file and line to fix."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        self.path, self.line = str(path), line
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class GoldQuote:
    kind: str
    start: int
    end: int
    text: str
    speaker: str | None
    mention: tuple[int, int] | None
    cue: tuple[int, int] | None
    line: int
    source_type: str | None = None  # None: not labelled (unlike "none": no source)
    role: tuple[int, int] | None = None
    scope: str = "quotes"
    gender: str | None = None  # person sources only; None: not labelled
    gender_evidence: str | None = None

    @property
    def attributions_only(self) -> bool:
        """Scored only with ``--scope attributions``: thoughts, intentions, embedded questions."""
        return self.scope == "attributions" or self.kind == "belief"


@dataclass(frozen=True)
class GoldDocument:
    id: str
    path: Path
    text: str
    quotes: list[GoldQuote]


class _LineLoader(yaml.SafeLoader):
    """Records the 1-based line of every mapping, for error messages."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[Hashable, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def _occurrences(text: str, needle: str) -> list[int]:
    positions = []
    start = text.find(needle)
    while start != -1:
        positions.append(start)
        start = text.find(needle, start + 1)
    return positions


def _find(text: str, needle: str, path: Path, line: int, what: str, occurrence: int | None) -> int:
    positions = _occurrences(text, needle)
    if not positions:
        raise GoldError(path, line, f"{what} not found in the article: {needle[:60]!r}")
    if occurrence is not None:
        if not 1 <= occurrence <= len(positions):
            raise GoldError(
                path, line, f"{what} occurs {len(positions)} times; occurrence {occurrence} is out of range"
            )
        return positions[occurrence - 1]
    if len(positions) > 1:
        raise GoldError(
            path,
            line,
            f"{what} occurs {len(positions)} times in the article: {needle[:60]!r}; "
            "add 'occurrence: N' (1-based) or quote more of it",
        )
    return positions[0]


def _nearest(
    text: str, needle: str, anchor: tuple[int, int], path: Path, line: int, what: str, outside_first: bool = True
) -> tuple[int, int]:
    """The occurrence of a speaker mention or cue closest to its quote's content (outside it when
    one is), or of a role closest to its mention (``outside_first=False``: a role may lie inside
    the mention, as in "spokesman Vedant Patel")."""
    positions = _occurrences(text, needle)
    if not positions:
        raise GoldError(path, line, f"{what} {needle!r} not found in the article")

    def distance(position: int) -> int:
        end = position + len(needle)
        if end <= anchor[0]:
            return anchor[0] - end
        if position >= anchor[1]:
            return position - anchor[1]
        return 0  # inside the content: only if nothing lies outside it

    outside = [p for p in positions if p + len(needle) <= anchor[0] or p >= anchor[1]]
    best = min((outside if outside_first else None) or positions, key=distance)
    return best, best + len(needle)


def _entry(raw: Any, text: str, path: Path, index: int) -> GoldQuote:
    if not isinstance(raw, dict):
        raise GoldError(path, None, f"quote #{index + 1} must be a mapping with 'text' and 'kind'")
    line = raw.pop("__line__", None)
    unknown = set(raw) - SCHEMA_KEYS
    if unknown:
        raise GoldError(path, line, f"unknown keys {sorted(unknown)}; allowed: {sorted(SCHEMA_KEYS)}")
    quote_text = raw.get("text")
    if not isinstance(quote_text, str) or not quote_text.strip():
        raise GoldError(path, line, "'text' must be the quote's words, copied from the article")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise GoldError(path, line, f"'kind' must be one of {list(KINDS)}, not {kind!r}")
    occurrence = raw.get("occurrence")
    if occurrence is not None and not isinstance(occurrence, int):
        raise GoldError(path, line, "'occurrence' must be a whole number")
    start = _find(text, quote_text, path, line, "quote text", occurrence)
    end = start + len(quote_text)
    speaker = raw.get("speaker")
    if speaker is not None and not isinstance(speaker, str):
        raise GoldError(path, line, "'speaker' must be a name or null")
    mention = raw.get("mention")
    cue = raw.get("cue")
    for key, value in (("mention", mention), ("cue", cue)):
        if value is not None and not isinstance(value, str):
            raise GoldError(path, line, f"'{key}' must be text copied from the article")
    mention_span = _nearest(text, mention, (start, end), path, line, "mention") if mention else None
    return GoldQuote(
        kind=kind,
        start=start,
        end=end,
        text=quote_text,
        speaker=speaker,
        mention=mention_span,
        cue=_nearest(text, cue, (start, end), path, line, "cue") if cue else None,
        line=line,
        source_type=_source_type(raw, speaker, path, line),
        role=_role(raw, text, mention_span or (start, end), path, line),
        scope=_scope(raw, path, line),
        **_gender(raw, path, line),
    )


def _gender(raw: dict[str, Any], path: Path, line: int) -> dict[str, str | None]:
    """``gender`` (person sources only) and the ``gender_evidence`` that decides it: a known
    gender needs its evidence; ``unknown`` has none."""
    gender, evidence = raw.get("gender"), raw.get("gender_evidence")
    if gender is None:
        if evidence is not None:
            raise GoldError(path, line, "'gender_evidence' needs a 'gender'")
        return {}
    if gender not in GENDERS:
        raise GoldError(path, line, f"'gender' must be one of {list(GENDERS)}, not {gender!r}")
    if raw.get("source_type") not in ("person", None) or raw.get("speaker") is None:
        raise GoldError(path, line, "'gender' is labelled on person sources only")
    if (gender == "unknown") != (evidence is None):
        raise GoldError(path, line, "a 'gender' of female or male needs 'gender_evidence'; unknown has none")
    if evidence is not None and evidence not in GENDER_EVIDENCE:
        raise GoldError(path, line, f"'gender_evidence' must be one of {list(GENDER_EVIDENCE)}, not {evidence!r}")
    return {"gender": gender, "gender_evidence": evidence}


def _source_type(raw: dict[str, Any], speaker: str | None, path: Path, line: int) -> str | None:
    value = raw.get("source_type")
    if value is None:
        return None
    if value not in SOURCE_TYPES:
        raise GoldError(path, line, f"'source_type' must be one of {list(SOURCE_TYPES)}, not {value!r}")
    if (value == "none") != (speaker is None):
        raise GoldError(path, line, "'source_type: none' goes with 'speaker: null', and only with it")
    return value


def _role(raw: dict[str, Any], text: str, anchor: tuple[int, int], path: Path, line: int) -> tuple[int, int] | None:
    """The role's offsets: the occurrence given by ``role_occurrence``, else the one nearest the
    speaker mention (or the quote, when no mention is labelled)."""
    role, occurrence = raw.get("role"), raw.get("role_occurrence")
    if role is None:
        if occurrence is not None:
            raise GoldError(path, line, "'role_occurrence' needs a 'role'")
        return None
    if not isinstance(role, str) or not role.strip():
        raise GoldError(path, line, "'role' must be text copied from the article, or null")
    if occurrence is not None:
        if not isinstance(occurrence, int) or isinstance(occurrence, bool):
            raise GoldError(path, line, "'role_occurrence' must be a whole number")
        start = _find(text, role, path, line, "role", occurrence)
        return start, start + len(role)
    return _nearest(text, role, anchor, path, line, "role", outside_first=False)


def _scope(raw: dict[str, Any], path: Path, line: int) -> str:
    scope = raw.get("scope", "quotes")
    if scope not in SCOPE_NAMES:
        raise GoldError(path, line, f"'scope' must be one of {list(SCOPE_NAMES)}, not {scope!r}")
    return scope


def in_scope(document: GoldDocument, scope: str) -> GoldDocument:
    """The document with only the quotes scored in ``scope``: the default ``quotes`` scope drops
    attributions-only entries (beliefs, embedded questions); ``attributions`` keeps them all."""
    if scope not in SCOPE_NAMES:
        raise GoldError(document.path, None, f"scope must be one of {list(SCOPE_NAMES)}, not {scope!r}")
    if scope == "attributions":
        return document
    return replace(document, quotes=[q for q in document.quotes if not q.attributions_only])


def load_gold_file(path: Path, scope: str = "quotes") -> GoldDocument:
    """Every labelled quote of one file (``scope="quotes"`` keeps only those said)."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise GoldError(path, mark.line + 1 if mark else None, f"not valid YAML: {error}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise GoldError(path, None, f"cannot read: {error}") from None
    if not isinstance(data, dict):
        raise GoldError(path, 1, "a gold file is a mapping with 'id', 'text_file' and 'quotes'")
    for key in ("id", "text_file", "quotes"):
        if key not in data:
            raise GoldError(path, data.get("__line__"), f"missing required key '{key}'")
    text_path = path.parent / str(data["text_file"])
    try:
        text = text_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise GoldError(path, None, f"cannot read text_file {text_path}: {error}") from None
    raw_quotes = data["quotes"] or []
    if not isinstance(raw_quotes, list):
        raise GoldError(path, None, "'quotes' must be a list")
    quotes = [_entry(raw, text, path, i) for i, raw in enumerate(raw_quotes)]
    return in_scope(GoldDocument(str(data["id"]), path, text, quotes), scope)


def load_gold_dir(folder: Path, scope: str = "quotes") -> list[GoldDocument]:
    """The gold documents of a folder, with the quotes scored in ``scope``."""
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise GoldError(folder, None, "no gold files (*.yaml) found")
    return [load_gold_file(f, scope) for f in files]
