"""Exceptions raised by warraq.

Every error warraq raises on bad input is a :class:`WarraqError`, except
operating-system errors, which are the built-in :class:`OSError` subclasses
(:class:`FileNotFoundError`, :class:`PermissionError`, …) with ``filename`` set.

>>> import warraq
>>> try:
...     warraq.normalize("a\\ud800b")
... except warraq.InvalidTextError as e:
...     (e.index, isinstance(e, ValueError))
(1, True)
"""

from __future__ import annotations

try:  # scikit-learn is optional; with it, NotFittedError is also scikit-learn's.
    from sklearn.exceptions import NotFittedError as _NotFitted
except ImportError:  # pragma: no cover - exercised only without scikit-learn
    _NotFitted = AttributeError

__all__ = [
    "WarraqError",
    "InvalidTextError",
    "InvalidOptionError",
    "ParseError",
    "DecodeError",
    "ModelError",
    "NotFittedError",
    "QueryError",
    "SearchIndexError",
]


class WarraqError(Exception):
    """Base class of every warraq error."""


class InvalidTextError(WarraqError, ValueError):
    """Text that cannot be processed, e.g. a ``str`` holding a lone surrogate.

    ``index`` is the code-point index of the problem.
    """

    index: int | None = None


class InvalidOptionError(WarraqError, ValueError):
    """An option outside its domain (an unknown name, a negative count, …)."""


class ParseError(WarraqError, ValueError):
    """A malformed input file or string.

    ``path`` names the file (``None`` for in-memory input); ``line`` and ``column``
    are 1-based when known.
    """

    path: str | None = None
    line: int | None = None
    column: int | None = None


class DecodeError(ParseError):
    """Bytes that are not valid text in the encoding used.

    ``encoding`` is the encoding tried and ``offset`` the byte offset of the first bad byte.
    """

    encoding: str | None = None
    offset: int | None = None


class ModelError(WarraqError, ValueError):
    """A saved model or vectorizer file that is corrupt or from an incompatible version."""

    path: str | None = None


class NotFittedError(ModelError, _NotFitted):  # type: ignore[misc]
    """A model used before it was fitted (a native ``TfidfModel`` asked to
    transform). Both a :class:`ValueError` and an :class:`AttributeError`, and,
    when scikit-learn is installed, its ``NotFittedError``.

    >>> from warraq._warraq import TfidfModel
    >>> try:
    ...     TfidfModel().transform(["نص"])
    ... except NotFittedError as e:
    ...     str(e), isinstance(e, ModelError)
    ('this TfidfVectorizer is not fitted yet; call fit first', True)
    """


class QueryError(WarraqError, ValueError):
    """A search query that cannot be parsed (an unclosed parenthesis or quotation
    mark, an operator with nothing after it, …).

    ``position`` is the code-point index of the problem in the query.

    >>> import warraq
    >>> e = QueryError("query: unclosed parenthesis at position 0")
    >>> isinstance(e, ValueError), e.position
    (True, None)
    """

    position: int | None = None


class SearchIndexError(WarraqError):
    """A search index directory that cannot be used: not an index, damaged, written
    by another format version, or being written by another writer (another process).

    ``path`` is the index directory.
    """

    path: str | None = None
