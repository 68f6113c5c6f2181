"""The one exception hierarchy of bilateral.

Every error the library raises on purpose is a ``BilateralError``; callers that
want to carry on past a bad document catch ``ReadError`` and report it.
"""

from __future__ import annotations


class BilateralError(Exception):
    """Base class of every error bilateral raises on purpose."""


class UsageError(BilateralError):
    """An argument is malformed (an unknown country code, a bad pair, ...)."""


class ReadError(BilateralError):
    """A document could not be read. ``source`` names it, ``problem`` says why."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem

    def __reduce__(self) -> tuple:
        # Errors cross process boundaries (ingest workers): pickle the arguments.
        return self.__class__, (self.source, self.problem)


class EmptyDocument(ReadError):
    """The document holds no text."""


class BinaryDocument(ReadError):
    """The document is binary data in a format bilateral does not read."""


class UndecodableDocument(ReadError):
    """The bytes could not be decoded as text in any known encoding."""


class DocumentTooLarge(ReadError):
    """The document is larger than the configured limit."""


class UnreadableDocument(ReadError):
    """The file system refused the read (missing file, permissions, ...)."""


class FetchError(ReadError):
    """A URL could not be fetched, or was refused by the fetch guard."""
