"""Progress bars for long calls, and the chunking that makes them possible.

Long batch calls are split into chunks; each chunk runs in Rust on all cores with
the GIL released, and between chunks the bar advances and Python gets a chance to
deliver Ctrl-C (so an interrupted call stops within one chunk).

The bar is a ``tqdm.auto`` bar: a widget in Jupyter, text on a terminal. With
``progress=True`` (the default of every long call) it is shown only where a person is
watching (a notebook kernel or a terminal on stderr), never in the logs of a batch
job; ``progress="always"`` forces it and ``progress=False`` silences it.

>>> chunked_map(lambda xs: [x * 2 for x in xs], list(range(5)), progress=False, chunk_size=2)
[0, 2, 4, 6, 8]
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Literal, TypeVar, Union

T = TypeVar("T")
R = TypeVar("R")

Progress = Union[bool, Literal["always"]]


def interactive() -> bool:
    """Whether a person is likely watching: a Jupyter kernel, or stderr is a terminal.

    >>> isinstance(interactive(), bool)
    True
    """
    if "ipykernel" in sys.modules:
        try:
            from IPython import get_ipython

            shell = get_ipython()
            if shell is not None and getattr(shell, "kernel", None) is not None:
                return True
        except ImportError:  # pragma: no cover - ipykernel without IPython
            pass
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def enabled(progress: Progress) -> bool:
    """Whether to show a bar for ``progress`` (True, False or "always").

    >>> enabled(False), enabled("always")
    (False, True)
    """
    if progress == "always":
        return True
    if progress is True:
        return interactive()
    if progress is False:
        return False
    raise ValueError(f"progress must be True, False or 'always', not {progress!r}")


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def set_postfix_str(self, s: str) -> None:
        pass


@contextmanager
def bar(total: int | None, desc: str, progress: Progress, unit: str = "doc") -> Iterator[Any]:
    """A tqdm bar (or a no-op stand-in when disabled) as a context manager.

    >>> with bar(3, "demo", False) as b:
    ...     b.update(3)
    """
    if not enabled(progress):
        yield _NoBar()
        return
    from tqdm.auto import tqdm

    with tqdm(total=total, desc=desc, unit=unit, dynamic_ncols=True) as b:
        yield b


def default_chunk_size(n: int) -> int:
    """Chunks big enough to keep every core busy, small enough for a lively bar.

    >>> default_chunk_size(10)
    10
    """
    cores = os.cpu_count() or 1
    return max(1, min(n, max(256, n // 100), 64 * cores * 8))


def chunked_map(
    fn: Callable[[Sequence[T]], list[R]],
    items: Sequence[T],
    *,
    progress: Progress = True,
    desc: str = "warraq",
    chunk_size: int | None = None,
    unit: str = "doc",
) -> list[R]:
    """``fn(items)``, computed chunk by chunk with a progress bar.

    ``fn`` takes a sequence and returns one result per item (a batch function of the
    native module). Results are concatenated in order.

    >>> chunked_map(lambda xs: [len(x) for x in xs], ["أ", "بب"], progress=False)
    [1, 2]
    """
    n = len(items)
    size = chunk_size or default_chunk_size(n)
    if n <= size:
        return fn(items)
    out: list[R] = []
    with bar(n, desc, progress, unit) as b:
        for i in range(0, n, size):
            chunk = items[i : i + size]
            out.extend(fn(chunk))
            b.update(len(chunk))
    return out
