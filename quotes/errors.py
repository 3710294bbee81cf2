"""Errors a user can act on, raised instead of tracebacks from deep inside spaCy.

Every error the library raises on purpose derives from ``QuotesError``; those that are also a
bad value or type derive from ValueError / TypeError too, so callers may catch either.
"""


class QuotesError(Exception):
    """Base class for every error this library raises on purpose."""


class ModelError(QuotesError):
    """The spaCy pipeline asked for is missing or lacks what the rules need."""


class InputError(QuotesError, TypeError):
    """The text given is not text that can be processed."""


class ScopeError(QuotesError, ValueError):
    """A scope other than those the extractor knows."""


class LexiconError(QuotesError, ValueError):
    """A lexicon file that cannot be read, has the wrong shape, or contradicts another."""


class DataFileError(QuotesError, ValueError):
    """A gold, corpus or model data file that cannot be used; the message says where."""


class OptionError(QuotesError, ValueError):
    """An option out of its range (a batch size of 0, a chunk limit below 1)."""
