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

__all__ = [
    "WarraqError",
    "InvalidTextError",
    "InvalidOptionError",
    "ParseError",
    "DecodeError",
    "ModelError",
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
