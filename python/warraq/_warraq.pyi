"""Stubs of the native module ``warraq._warraq`` (checked by ``mypy.stubtest``)."""

from collections.abc import Iterable
from typing import Any, Literal, final, overload

__all__ = [
    "Normalizer",
    "Token",
    "__version__",
    "normalize",
    "sentence_spans",
    "sentences",
    "tokenize",
    "tokenize_batch",
    "tokens",
]
__version__: str

_TokenKind = Literal[
    "arabic", "latin", "number", "punct", "url", "email", "hashtag", "mention", "symbol"
]

@final
class Normalizer:
    def __new__(
        cls,
        *,
        unicode: bool = True,
        diacritics: bool = True,
        tatweel: bool = True,
        alef: bool = True,
        alef_maqsura: bool = True,
        teh_marbuta: bool = True,
        hamza: bool = False,
        digits: bool = True,
        punctuation: bool = True,
        persian: bool = True,
        controls: bool = True,
        whitespace: bool = True,
    ) -> Normalizer: ...
    def normalize(self, text: str) -> str: ...
    def normalize_batch(self, texts: Iterable[str]) -> list[str]: ...
    def tokenize(self, text: str) -> list[str]: ...
    @overload
    def tokenize_batch(self, texts: Iterable[str], *, joined: Literal[False] = False) -> list[list[str]]: ...
    @overload
    def tokenize_batch(self, texts: Iterable[str], *, joined: Literal[True]) -> list[str]: ...
    @overload
    def tokenize_batch(self, texts: Iterable[str], *, joined: bool) -> Any: ...
    @property
    def options(self) -> dict[str, bool]: ...
    def __getnewargs_ex__(self) -> tuple[tuple[()], dict[str, bool]]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Token:
    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def kind(self) -> _TokenKind: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def normalize(
    text: str,
    *,
    unicode: bool = True,
    diacritics: bool = True,
    tatweel: bool = True,
    alef: bool = True,
    alef_maqsura: bool = True,
    teh_marbuta: bool = True,
    hamza: bool = False,
    digits: bool = True,
    punctuation: bool = True,
    persian: bool = True,
    controls: bool = True,
    whitespace: bool = True,
) -> str: ...
def tokenize(text: str) -> list[str]: ...
def tokens(text: str) -> list[Token]: ...
@overload
def tokenize_batch(texts: Iterable[str], *, joined: Literal[False] = False) -> list[list[str]]: ...
@overload
def tokenize_batch(texts: Iterable[str], *, joined: Literal[True]) -> list[str]: ...
@overload
def tokenize_batch(texts: Iterable[str], *, joined: bool) -> Any: ...
def sentences(text: str) -> list[str]: ...
def sentence_spans(text: str) -> list[tuple[int, int]]: ...
