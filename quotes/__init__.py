"""quotes: find quotations in English news and say who said them.

>>> import quotes
>>> [q.speaker_name for q in quotes.extract('"We will win," Jane Doe said.')]
['Jane Doe']

spaCy is imported on first use of ``extract``/``extract_many``/``load``, so that commands that
only read results (``quotes speakers``, ``quotes report``) start fast.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import InputError, ModelError, QuotesError
from .types import KINDS, SOURCE_TYPES, Quote, TextSpan

if TYPE_CHECKING:
    from .run.pipeline import DEFAULT_MODEL, extract, extract_many, load

__all__ = [
    "DEFAULT_MODEL",
    "KINDS",
    "SOURCE_TYPES",
    "InputError",
    "ModelError",
    "Quote",
    "QuotesError",
    "TextSpan",
    "extract",
    "extract_many",
    "load",
]
__version__ = "0.2.0"
_LAZY = {"DEFAULT_MODEL", "extract", "extract_many", "load"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from .run import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'quotes' has no attribute {name!r}")
