"""Stubs of the native module ``warraq._warraq`` (checked by ``mypy.stubtest``)."""

import datetime
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
    "CorpusReader",
    "Document",
    "list_corpus_files",
    "parse_document",
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

# --- documents and corpora ---------------------------------------------------

@final
class Document:
    @property
    def id(self) -> str | None: ...
    @property
    def title(self) -> str | None: ...
    @property
    def subtitle(self) -> str | None: ...
    @property
    def published(self) -> datetime.datetime | datetime.date | None: ...
    @property
    def published_text(self) -> str | None: ...
    @property
    def source(self) -> str | None: ...
    @property
    def author(self) -> str | None: ...
    @property
    def dateline(self) -> str | None: ...
    @property
    def tags(self) -> list[str]: ...
    @property
    def related(self) -> list[str]: ...
    @property
    def url(self) -> str | None: ...
    @property
    def body(self) -> str: ...
    @property
    def paragraphs(self) -> list[str]: ...
    @property
    def boilerplate(self) -> list[dict[str, str]]: ...
    @property
    def n_words(self) -> int: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(json: str) -> Document: ...
    def __eq__(self, value: object, /) -> bool: ...

def parse_document(raw: str, *, id: str | None = None) -> Document: ...
def list_corpus_files(sources: list[str]) -> list[str]: ...
@final
class CorpusReader:
    def __new__(
        cls,
        *,
        format: str = "auto",
        encoding: str | None = None,
        errors: str = "raise",
        text_column: str | None = None,
        id_column: str | None = None,
        recurring: bool = True,
        recurring_min_docs: int = 5,
        recurring_min_share: float = 0.02,
        recurring_max_words: int = 30,
        n_jobs: int | None = None,
    ) -> CorpusReader: ...
    def add_files(self, paths: list[str]) -> int: ...
    def finish(self) -> tuple[dict[str, Any], list[dict[str, Any]]]: ...
