"""Stubs of the native module ``warraq._warraq`` (checked by ``mypy.stubtest``)."""

import os
from collections.abc import Iterable
from typing import Any, Literal, final, overload

__all__ = [
    "Entity",
    "EntityRecognizer",
    "Normalizer",
    "Token",
    "__version__",
    "_train_ner",
    "extract_entities",
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

# --- entities ---------------------------------------------------------------

_EntityLabel = Literal[
    "PERSON", "LOCATION", "ORGANIZATION", "MISC", "DATE", "TIME", "NUMBER", "PERCENT", "MONEY"
]
_Published = Any  # datetime.date | datetime.datetime | pandas.Timestamp | str | None

@final
class Entity:
    @property
    def text(self) -> str: ...
    @property
    def label(self) -> _EntityLabel: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def normalized(self) -> str: ...
    @property
    def value(self) -> str | float | None: ...
    @property
    def score(self) -> float: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class EntityRecognizer:
    def __new__(cls, model: str | os.PathLike[str] | bytes | None = None) -> EntityRecognizer: ...
    def extract(self, text: str, *, published: _Published = None) -> list[Entity]: ...
    def extract_batch(
        self, texts: Iterable[str], *, published: Iterable[_Published] | None = None
    ) -> list[list[Entity]]: ...
    def tag_words(self, words: list[str]) -> list[str]: ...
    def to_bytes(self) -> bytes: ...
    def save(self, path: str | os.PathLike[str]) -> None: ...
    @property
    def model_path(self) -> str | None: ...
    def __getnewargs__(self) -> tuple[str | bytes | None]: ...

def extract_entities(text: str, *, published: _Published = None) -> list[Entity]: ...
def _train_ner(
    train_path: str | os.PathLike[str],
    *,
    dev_path: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] | None = None,
    epochs: int = 12,
    dev_every: int = 10,
    seed: int = 20070218,
) -> tuple[EntityRecognizer, str, dict[str, tuple[float, float, float, int]]]: ...
