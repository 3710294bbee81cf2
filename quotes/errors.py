"""Errors a user can act on, raised instead of tracebacks from deep inside spaCy."""


class QuotesError(Exception):
    """Base class for every error this library raises on purpose."""


class ModelError(QuotesError):
    """The spaCy pipeline asked for is missing or lacks what the rules need."""


class InputError(QuotesError, TypeError):
    """The text given is not text."""


class ScopeError(QuotesError, ValueError):
    """A scope other than those the extractor knows."""
