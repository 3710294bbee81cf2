"""quotes: find quotations in English news and say who said them.

>>> import quotes
>>> [q.speaker_name for q in quotes.extract('"We will win," Jane Doe said.')]
['Jane Doe']

spaCy is imported on first use of ``extract``/``extract_many``/``load``, so that commands that
only read results (``quotes speakers``, ``quotes report``) start fast.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import InputError, ModelError, QuotesError
from .types import KINDS, SOURCE_TYPES, Quote, TextSpan

if TYPE_CHECKING:
    from .component.loading import DEFAULT_MODEL, load
    from .run.pipeline import extract, extract_many

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
# Where each lazily imported name lives: spaCy is imported on first use of one of them.
_LAZY = {
    "DEFAULT_MODEL": "quotes.component.loading",
    "load": "quotes.component.loading",
    "extract": "quotes.run.pipeline",
    "extract_many": "quotes.run.pipeline",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'quotes' has no attribute {name!r}")
