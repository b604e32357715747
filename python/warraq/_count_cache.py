"""One counting pass for many questions: the last corpora counted by
:func:`warraq.keyness`, :func:`warraq.collocations`, :func:`warraq.frequencies` and
:func:`warraq.display_forms` are kept, so that asking again about the same texts
(another outlet as the target, another node word, the report's keyness of each
source) reuses their :class:`~warraq._warraq.TermCounts` instead of analysing every
document again.

What it assumes: a corpus is the same when it has the same texts in the same order,
counted with the same options. Texts are compared by their Python ``hash`` (SipHash
with a per-process random key: a changed text that keeps its hash is a 2⁻⁶⁴ event)
and their lengths, one per text; the texts themselves are not kept (a pandas 3
``str`` column hands out new ``str`` objects at every ``tolist()``, so an identity
check would never hit, and holding the texts would double the corpus in memory).
Hashing costs about 0.1 s for SaudiNewsNet's 96 MB against 2–4 CPU seconds for
counting it (``docs/performance.md``, statistics).

Two entries are kept (about 150 MB each for SaudiNewsNet): a count made with word
sequences (what contiguous collocations need) also answers the questions that need
none. :func:`clear` drops them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from warraq._warraq import TermCounts

__all__ = ["clear", "term_counts"]

#: How many counted corpora are kept.
MAX_ENTRIES = 2

_Key = tuple[Any, ...]
_entries: OrderedDict[_Key, tuple[tuple[int, ...], tuple[int, ...], TermCounts]] = OrderedDict()
_lock = threading.Lock()


def _options_key(analyzer: dict[str, Any], numbers: bool) -> _Key:
    def frozen(v: Any) -> Any:
        if isinstance(v, dict):
            return tuple(sorted((k, frozen(x)) for k, x in v.items()))
        if isinstance(v, (list, tuple, set, frozenset)):
            items = [frozen(x) for x in v]
            return ("set", tuple(sorted(items, key=repr))) if isinstance(v, (set, frozenset)) else tuple(items)
        return v

    return (frozen(analyzer), bool(numbers))


def term_counts(texts: list[str], analyzer: dict[str, Any], *, numbers: bool, sequences: bool = False) -> TermCounts:
    """The :class:`~warraq._warraq.TermCounts` of ``texts``: the kept one when these
    texts were counted with these options before, else a new count (kept).

    >>> from warraq import _count_cache
    >>> texts = ["ارتفعت أسعار النفط", "أسعار الذهب"]
    >>> a = _count_cache.term_counts(texts, {"stem": "light"}, numbers=False)
    >>> a is _count_cache.term_counts(list(texts), {"stem": "light"}, numbers=False)
    True
    >>> a is _count_cache.term_counts(["ارتفعت أسعار النفط", "أسعار الفضة"], {"stem": "light"}, numbers=False)
    False
    """
    hashes = tuple(map(hash, texts))
    lengths = tuple(map(len, texts))
    options = _options_key(analyzer, numbers)
    base: _Key = (options, len(texts), hash(hashes))
    wanted = [base + (True,)] if sequences else [base + (False,), base + (True,)]
    with _lock:
        for key in wanted:
            hit = _entries.get(key)
            if hit is not None and hit[0] == hashes and hit[1] == lengths:
                _entries.move_to_end(key)
                return hit[2]
    counts = TermCounts(texts, analyzer, numbers=numbers, sequences=sequences)
    with _lock:
        _entries[base + (sequences,)] = (hashes, lengths, counts)
        _entries.move_to_end(base + (sequences,))
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return counts


def clear() -> None:
    """Drops every kept count (to free their memory).

    >>> from warraq import _count_cache
    >>> _count_cache.clear()
    """
    with _lock:
        _entries.clear()
