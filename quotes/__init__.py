"""quotes: find quotations in English news and say who said them.

>>> import quotes
>>> [q.speaker_name for q in quotes.extract('"We will win," Jane Doe said.')]
['Jane Doe']
"""
from .errors import InputError, ModelError, QuotesError
from .pipeline import DEFAULT_MODEL, extract, extract_many, load
from .types import KINDS, Quote, TextSpan

__all__ = [
    "DEFAULT_MODEL",
    "KINDS",
    "InputError",
    "ModelError",
    "Quote",
    "QuotesError",
    "TextSpan",
    "extract",
    "extract_many",
    "load",
]
__version__ = "0.1.0"
