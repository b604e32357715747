"""Stubs of the native module ``warraq._warraq`` (checked by ``mypy.stubtest``)."""

import os
import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal, Protocol, TypedDict, final, overload

import numpy as np
from typing_extensions import Unpack

__all__ = [
    "Concordancer",
    "SearchIndex",
    "SearchWriter",
    "Dictionary",
    "DictionaryCounter",
    "Entity",
    "EntityRecognizer",
    "Normalizer",
    "Token",
    "__version__",
    "DEFAULTS",
    "_train_ner",
    "extract_entities",
    "normalize",
    "sentence_spans",
    "sentences",
    "tokenize",
    "tokenize_batch",
    "tokens",
    "Analyzer",
    "DocumentFrequencies",
    "TfidfModel",
    "arabic_stopwords",
    "cosine_neighbours",
    "light_stem",
    "minhash_near_duplicates",
    "shingle_overlap",
    "snowball_stem",
    "CorpusReader",
    "Document",
    "corpus_files",
    "list_corpus_files",
    "parse_document",
    "parse_html",
    "MinHasher",
    "RecurringCounts",
    "RecurringLines",
    "current_num_threads",
    "init_num_threads",
    "label_colour",
    "render_text",
    "hijri_to_gregorian",
    "gregorian_to_hijri",
    "hijri_month_length",
    "hijri_calendar",
    "MinHashIndex",
    "CorpusStream",
    "skipped_corpus_files",
    "TermCounts",
]
__version__: str
#: The core's defaults as keywords: ``{"analyzer": …, "tfidf": …, "minhash": …}``.
DEFAULTS: dict[str, dict[str, Any]]

_TokenKind = Literal[
    "arabic", "latin", "number", "punct", "url", "email", "hashtag", "mention", "symbol"
]

class _NormalizeOptions(TypedDict, total=False):
    """The keywords of ``Normalizer`` and ``normalize``, in the core's order (not in
    the module at run time): True, False, or None for the default."""

    unicode: bool | None
    diacritics: bool | None
    tatweel: bool | None
    alef: bool | None
    alef_maqsura: bool | None
    teh_marbuta: bool | None
    hamza: bool | None
    digits: bool | None
    punctuation: bool | None
    persian: bool | None
    controls: bool | None
    whitespace: bool | None

@final
class Normalizer:
    def __new__(cls, **options: Unpack[_NormalizeOptions]) -> Normalizer: ...
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

def normalize(text: str, **options: Unpack[_NormalizeOptions]) -> str: ...
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
    "PERSON",
    "LOCATION",
    "ORGANIZATION",
    "MISC",
    "DATE",
    "TIME",
    "DURATION",
    "SET",
    "NUMBER",
    "PERCENT",
    "MONEY",
]
_Published = Any  # datetime.date | datetime.datetime | pandas.Timestamp | str | None
_Prefer = Literal["past", "future", "nearest"]

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
    @property
    def begin_value(self) -> str | None: ...
    @property
    def end_value(self) -> str | None: ...
    @property
    def anchor(self) -> Literal["text", "reference"] | None: ...
    @property
    def calendar(self) -> str | None: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class EntityRecognizer:
    def __new__(cls, model: str | os.PathLike[str] | bytes | None = None) -> EntityRecognizer: ...
    def extract(self, text: str, *, published: _Published = None, prefer: _Prefer = "past") -> list[Entity]: ...
    def extract_batch(
        self, texts: Iterable[str], *, published: Iterable[_Published] | None = None, prefer: _Prefer = "past"
    ) -> list[list[Entity]]: ...
    def extract_arrow(
        self, texts: _ArrowArray, published: _ArrowArray | None = None, *, prefer: _Prefer = "past", first_row: int = 0
    ) -> _ArrowTable: ...
    def tag_words(self, words: list[str]) -> list[str]: ...
    def tag_document(self, sentences: list[list[str]]) -> list[list[str]]: ...
    def to_bytes(self) -> bytes: ...
    def save(self, path: str | os.PathLike[str]) -> None: ...
    @property
    def model_path(self) -> str | None: ...
    def __getnewargs__(self) -> tuple[str | bytes | None]: ...

def extract_entities(text: str, *, published: _Published = None, prefer: _Prefer = "past") -> list[Entity]: ...
def _train_ner(
    train_path: str | os.PathLike[str],
    *,
    dev_path: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] | None = None,
    epochs: int = 12,
    dev_fraction: float = 0.1,
    folds: int = 0,
    unlabeled: Sequence[str | os.PathLike[str]] | None = None,
    refit_all: bool = False,
    seed: int = 20070218,
) -> tuple[EntityRecognizer, str, dict[str, tuple[float, float, float, int]]]: ...
# -- vectors (warraq.vectors is the public API; these are its engine) ---------------

_F64 = np.ndarray[tuple[int], np.dtype[np.float64]]
_Csr = tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any], tuple[int, int]]
_CsrIn = tuple[
    np.ndarray[Any, np.dtype[np.float64]],
    np.ndarray[Any, np.dtype[np.int32]],
    np.ndarray[Any, np.dtype[np.int64]],
    tuple[int, int],
]

@final
class Analyzer:
    def __new__(cls, **options: Any) -> Analyzer: ...
    def analyze(self, text: str) -> list[str]: ...
    def analyze_batch(self, texts: Iterable[str]) -> list[list[str]]: ...
    @property
    def options(self) -> dict[str, Any]: ...

@final
class DocumentFrequencies:
    def __new__(cls) -> DocumentFrequencies: ...
    @property
    def n_docs(self) -> int: ...
    def __len__(self) -> int: ...
    def df(self, term: str) -> int: ...
    def merge(self, other: DocumentFrequencies) -> None: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(json: str) -> DocumentFrequencies: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

@final
class TfidfModel:
    def __new__(
        cls,
        config: dict[str, Any] | None = None,
        analyzer: dict[str, Any] | None = None,
        vocabulary: list[str] | None = None,
        select_features: Callable[[np.ndarray[Any, np.dtype[np.uint64]], int], Any] | None = None,
    ) -> TfidfModel: ...
    def fit(
        self,
        docs: Iterable[Any],
        *,
        terms: bool = False,
        n_jobs: int | None = None,
        on_batch: Callable[[int], object] | None = None,
    ) -> None: ...
    def count(
        self,
        docs: Iterable[Any],
        *,
        terms: bool = False,
        n_jobs: int | None = None,
        on_batch: Callable[[int], object] | None = None,
    ) -> DocumentFrequencies: ...
    def fit_stats(self, stats: DocumentFrequencies) -> None: ...
    def fit_transform(
        self,
        docs: Iterable[Any],
        *,
        terms: bool = False,
        float32: bool = False,
        n_jobs: int | None = None,
        on_batch: Callable[[int], object] | None = None,
    ) -> _Csr: ...
    def transform(
        self,
        docs: Iterable[Any],
        *,
        terms: bool = False,
        float32: bool = False,
        n_jobs: int | None = None,
        on_batch: Callable[[int], object] | None = None,
    ) -> _Csr: ...
    @property
    def fitted(self) -> bool: ...
    def vocabulary(self) -> list[str]: ...
    def idf(self) -> _F64: ...
    def params(self) -> dict[str, Any]: ...
    def keywords(
        self,
        data: np.ndarray[Any, np.dtype[np.float64]],
        indices: np.ndarray[Any, np.dtype[np.int32]],
        indptr: np.ndarray[Any, np.dtype[np.int64]],
        shape: tuple[int, int],
        k: int,
        numbers: bool = False,
    ) -> list[list[tuple[str, float]]]: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(json: str, path: str = "") -> TfidfModel: ...
    def save(self, path: str | os.PathLike[str]) -> None: ...
    @staticmethod
    def load(path: str | os.PathLike[str]) -> TfidfModel: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

def light_stem(word: str) -> str: ...
def snowball_stem(word: str) -> str: ...
def arabic_stopwords() -> list[str]: ...
def cosine_neighbours(
    x: _CsrIn, y: _CsrIn | None, k: int, threshold: float | None, n_jobs: int | None = None
) -> tuple[
    np.ndarray[tuple[int], np.dtype[np.uint32]],
    np.ndarray[tuple[int], np.dtype[np.uint32]],
    _F64,
]: ...
def minhash_near_duplicates(
    texts: Iterable[str],
    *,
    shingle_size: int,
    num_perm: int,
    bands: int,
    threshold: float,
    seed: int,
    n_jobs: int | None = None,
) -> tuple[
    np.ndarray[tuple[int], np.dtype[np.uint32]],
    np.ndarray[tuple[int], np.dtype[np.uint32]],
    _F64,
    np.ndarray[tuple[int], np.dtype[np.uint32]],
]: ...
def shingle_overlap(a: str, b: str, shingle_size: int = 2) -> dict[str, Any]: ...
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
    def published_utc_offset(self) -> int | None: ...
    @property
    def modified(self) -> datetime.datetime | datetime.date | None: ...
    @property
    def section(self) -> str | None: ...
    @property
    def language(self) -> str | None: ...
    @property
    def site_name(self) -> str | None: ...
    @property
    def body(self) -> str: ...
    @property
    def paragraphs(self) -> list[str]: ...
    @property
    def boilerplate(self) -> list[dict[str, str]]: ...
    @property
    def n_words(self) -> int: ...
    def to_html(self, spans: list[tuple[int, int, str]] | None = None) -> str: ...
    def _render(self, spans: list[tuple[int, int, str]] | None = None) -> tuple[str, list[tuple[str, int]]]: ...
    def _repr_html_(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(json: str) -> Document: ...
    def __eq__(self, value: object, /) -> bool: ...

def parse_document(raw: str, *, id: str | None = None) -> Document: ...
def parse_html(page: bytes | str, *, url: str | None = None, content_type: str | None = None) -> Document: ...
def corpus_files(sources: list[str], *, include_non_articles: bool = False) -> tuple[list[str], list[str]]: ...
def list_corpus_files(sources: list[str], *, include_non_articles: bool = False) -> list[str]: ...
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
        columns: dict[str, str] | None = None,
        keep_empty: bool = False,
        languages: list[str] | None = None,
    ) -> CorpusReader: ...
    def add_files(self, paths: list[str]) -> int: ...
    def read_files(self, files: list[str], *, on_files: Callable[[int], object] | None = None) -> int: ...
    def finish(self) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, list[dict[str, Any]]]]: ...
    def read_arrow(
        self, files: list[str], skipped: list[str] = ..., *, on_files: Callable[[int], object] | None = None
    ) -> _ArrowTable: ...
    def write_parquet(
        self,
        files: list[str],
        path: str | os.PathLike[str],
        skipped: list[str] = ...,
        *,
        on_files: Callable[[int], object] | None = None,
    ) -> dict[str, Any]: ...
    def write_entities_parquet(
        self,
        files: list[str],
        path: str | os.PathLike[str],
        skipped: list[str] = ...,
        *,
        recognizer: EntityRecognizer | None = None,
        prefer: _Prefer = "past",
        labels: list[str] = ...,
        on_files: Callable[[int], object] | None = None,
    ) -> dict[str, Any]: ...

class _ArrowTable(Protocol):
    """What ``read_arrow``, ``next_arrow`` and ``extract_arrow`` return (pyo3-arrow's ``Table``): any
    Arrow consumer reads it through the Arrow PyCapsule stream interface
    (``pyarrow.table(obj)``, ``polars.from_arrow(obj)``)."""

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...
    def __len__(self) -> int: ...

class _ArrowArray(Protocol):
    """An Arrow array (``pyarrow.Array``, ``polars.Series.to_arrow()``…): what exports
    the Arrow PyCapsule array interface."""

    def __arrow_c_array__(self, requested_schema: object | None = None) -> tuple[object, object]: ...

# -- distributed (warraq.dask): recurring-line counts, MinHash blocks, threads ---------

@final
class RecurringCounts:
    def __new__(cls) -> RecurringCounts: ...
    @staticmethod
    def count(
        sources: list[str | None], paths: list[str], bodies: list[str], recurring_max_words: int = 30
    ) -> RecurringCounts: ...
    def merge(self, other: RecurringCounts) -> None: ...
    @property
    def n_docs(self) -> int: ...
    def __len__(self) -> int: ...
    def recurring_lines(self, recurring_min_docs: int = 5, recurring_min_share: float = 0.02) -> RecurringLines: ...
    def to_bytes(self) -> bytes: ...
    @staticmethod
    def from_bytes(data: bytes) -> RecurringCounts: ...
    def __reduce__(self) -> tuple[Any, tuple[bytes]]: ...

@final
class RecurringLines:
    def __len__(self) -> int: ...
    def remove(
        self, sources: list[str | None], paths: list[str], bodies: list[str], recurring_max_words: int = 30
    ) -> tuple[list[int], list[str], list[list[dict[str, str]]], list[int]]: ...
    def to_bytes(self) -> bytes: ...
    @staticmethod
    def from_bytes(data: bytes) -> RecurringLines: ...
    def __reduce__(self) -> tuple[Any, tuple[bytes]]: ...

@final
class MinHasher:
    def __new__(
        cls,
        *,
        shingle_size: int | None = None,
        num_perm: int | None = None,
        bands: int | None = None,
        seed: int | None = None,
    ) -> MinHasher: ...
    def block(
        self, texts: Iterable[str]
    ) -> tuple[np.ndarray[Any, np.dtype[np.int64]], np.ndarray[Any, np.dtype[np.uint64]], np.ndarray[Any, np.dtype[np.uint64]]]: ...
    @staticmethod
    def compare(
        indptr_a: np.ndarray[Any, np.dtype[np.int64]],
        hashes_a: np.ndarray[Any, np.dtype[np.uint64]],
        rows_a: np.ndarray[Any, np.dtype[np.int64]],
        indptr_b: np.ndarray[Any, np.dtype[np.int64]],
        hashes_b: np.ndarray[Any, np.dtype[np.uint64]],
        rows_b: np.ndarray[Any, np.dtype[np.int64]],
    ) -> tuple[np.ndarray[Any, np.dtype[np.float64]], np.ndarray[Any, np.dtype[np.uint32]]]: ...

def init_num_threads(n: int) -> bool: ...
def current_num_threads() -> int: ...
# -- notebooks: HTML rendering (warraq.display is the public API) ----------------------

def render_text(
    text: str,
    spans: list[tuple[int, int, str]],
    *,
    metadata: list[tuple[str, str]] | None = None,
    tags: list[str] | None = None,
) -> tuple[str, list[tuple[str, int]]]: ...
def label_colour(label: str) -> str: ...

# -- Hijri calendar (Umm al-Qura 1343-1500 AH, tabular outside) ----------------------

def hijri_to_gregorian(year: int, month: int, day: int) -> datetime.date: ...
def gregorian_to_hijri(date: datetime.date) -> tuple[int, int, int]: ...
def hijri_month_length(year: int, month: int) -> int: ...
def hijri_calendar(year: int) -> str: ...

# -- near-duplicates in batches (the engine of warraq.near_duplicates' progress bar) ----

@final
class MinHashIndex:
    def __new__(
        cls, *, shingle_size: int, num_perm: int, bands: int, threshold: float, seed: int
    ) -> MinHashIndex: ...
    def add(self, texts: Iterable[str], n_jobs: int | None = None) -> None: ...
    def pairs(
        self, n_jobs: int | None = None
    ) -> tuple[
        np.ndarray[tuple[int], np.dtype[np.uint32]],
        np.ndarray[tuple[int], np.dtype[np.uint32]],
        _F64,
        np.ndarray[tuple[int], np.dtype[np.uint32]],
    ]: ...
    def __len__(self) -> int: ...
# --- streaming corpora (iter_corpus) ---
def skipped_corpus_files(sources: list[str]) -> list[str]: ...
@final
class CorpusStream:
    def __new__(
        cls,
        files: list[str],
        *,
        batch_size: int = 1000,
        format: str = "auto",
        encoding: str | None = None,
        errors: str = "raise",
        text_column: str | None = None,
        id_column: str | None = None,
        n_jobs: int | None = None,
        columns: dict[str, str] | None = None,
        keep_empty: bool = False,
        languages: list[str] | None = None,
    ) -> CorpusStream: ...
    @property
    def files_read(self) -> int: ...
    def next_batch(self) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, list[dict[str, Any]]]] | None: ...
    def next_arrow(self) -> _ArrowTable | None: ...

# --- search (warraq.SearchIndex is the public API) ----------------------------

@final
class SearchIndex:
    @staticmethod
    def create(
        path: str | os.PathLike[str],
        *,
        k1: float | None = None,
        b: float | None = None,
        stem: str | None = None,
        title_boost: float | None = None,
    ) -> SearchIndex: ...
    @staticmethod
    def open(path: str | os.PathLike[str]) -> SearchIndex: ...
    @property
    def path(self) -> str: ...
    @property
    def options(self) -> tuple[float, float, str, float]: ...
    def __len__(self) -> int: ...
    def reload(self) -> None: ...
    def writer(self, threads: int) -> SearchWriter: ...
    def terms(self, texts: Iterable[str], *, expand: bool = True) -> list[list[str]]: ...
    def search(
        self,
        query: str,
        k: int,
        *,
        sources: list[str] = ...,
        published_from: int | None = None,
        published_to: int | None = None,
        tags: list[str] = ...,
        snippets: bool = True,
    ) -> tuple[
        list[str],
        list[float],
        list[str],
        list[str | None],
        list[int | None],
        list[str],
        list[list[tuple[int, int]]],
    ]: ...

@final
class SearchWriter:
    def add(
        self,
        ids: list[str],
        titles: list[str],
        bodies: list[str],
        sources: list[str | None],
        published: list[int | None],
        tags: list[list[str]],
    ) -> None: ...
    def commit(self) -> int: ...
    def rollback(self) -> None: ...

# --- concordance (warraq.kwic is the public API) ------------------------------

@final
class Dictionary:
    @staticmethod
    def load(path: str | os.PathLike[str]) -> Dictionary: ...
    @staticmethod
    def from_dict(categories: Mapping[str, Any]) -> Dictionary: ...
    @property
    def categories(self) -> list[str]: ...
    @property
    def path(self) -> str | None: ...
    def entries(self) -> dict[str, list[str]]: ...
    def counter(
        self,
        *,
        matching: Literal["folded", "exact", "stem"] = "folded",
        clitics: bool = True,
        case_insensitive: bool = True,
    ) -> DictionaryCounter: ...
    def __len__(self) -> int: ...

@final
class DictionaryCounter:
    def count(self, texts: Iterable[str]) -> tuple[list[int], list[int]]: ...

@final
class Concordancer:
    def __new__(
        cls,
        patterns: list[str],
        *,
        window: int | None = None,
        unit: Literal["word", "char"] | None = None,
        matching: Literal["folded", "exact", "stem"] | None = None,
        valuetype: Literal["glob", "fixed", "regex"] | None = None,
        clitics: bool | None = None,
        case_insensitive: bool | None = None,
    ) -> Concordancer: ...
    def lines(
        self, texts: Iterable[str], *, on_batch: Callable[[int], object] | None = None
    ) -> tuple[list[int], list[int], list[int], list[str], list[str], list[str], list[int]]: ...

_U32 = np.ndarray[Any, np.dtype[np.uint32]]
_U64 = np.ndarray[Any, np.dtype[np.uint64]]

@final
class TermCounts:
    def __new__(
        cls,
        texts: Iterable[str],
        analyzer: dict[str, Any] | None = None,
        *,
        numbers: bool = False,
        merge_clitics: bool = True,
        sequences: bool = False,
    ) -> TermCounts: ...
    @staticmethod
    def from_terms(docs: Sequence[Sequence[str]], words: Sequence[int] | None = None) -> TermCounts: ...
    def __len__(self) -> int: ...
    def terms(self) -> list[str]: ...
    def forms(self) -> list[str]: ...
    def merged(self) -> list[tuple[str, int]]: ...
    def surfaces(self, term: int) -> list[tuple[str, int]]: ...
    def totals(self) -> _U64: ...
    def word_counts(self) -> _U64: ...
    def matrix(self) -> tuple[_U32, _U32, _U64]: ...
    def display(self, rows: Sequence[Sequence[str]], per_document: bool = True) -> list[list[str]]: ...
    def id(self, term: str) -> int | None: ...
    def frequencies(
        self, groups: Sequence[int] | None = None, n_groups: int = 1
    ) -> tuple[_U32, _U32, _U64, _U64, _F64, _F64]: ...
    def keyness(
        self,
        target: Sequence[bool],
        reference: Sequence[bool] | None = None,
        measure: str = "g2",
        correction: str = "default",
    ) -> tuple[_U32, _F64, _F64, _F64, _U64, _U64]: ...
    def collocations(
        self,
        texts: Iterable[str],
        around: str | None = None,
        *,
        window: int = 5,
        size: int = 2,
        min_count: int = 2,
    ) -> tuple[_U32, _U64, _F64, _F64, _F64, _F64]: ...
