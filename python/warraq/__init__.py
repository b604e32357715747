"""warraq: Arabic news text for research.

Normalise and tokenise Arabic text (this module), with the heavy lifting in Rust.

>>> import warraq
>>> warraq.normalize("أَعْلَنَتِ الوزارةُ")
'اعلنت الوزاره'
>>> warraq.tokenize("بلغ النمو ٣٫٥٪.")
['بلغ', 'النمو', '٣٫٥٪', '.']
"""

from __future__ import annotations

from warraq._warraq import (
    Entity,
    EntityRecognizer,
    Document,
    Normalizer,
    Token,
    __version__,
    normalize,
    parse_document,
    parse_html,
    sentence_spans,
    sentences,
    tokenize,
    tokenize_batch,
    tokens,
)
from warraq.entities import entities_frame, extract_entities, train_ner, write_entities_parquet
from warraq._warraq import light_stem, snowball_stem
from warraq._warraq import (
    gregorian_to_hijri,
    hijri_calendar,
    hijri_month_length,
    hijri_to_gregorian,
)
from warraq.vectors import (
    DocumentFrequencies,
    TfidfVectorizer,
    analyze,
    explain_near_duplicate,
    near_duplicates,
    similar,
    stopwords,
)
from warraq.corpus import COLUMNS, ParquetSummary, iter_corpus, read_corpus, write_parquet
from warraq.concordance import Concordance, kwic
from warraq.search import SearchIndex, SearchResults
from warraq.stats import collocations, display_forms, frequencies, keyness
from warraq.dictionaries import EXAMPLE_DICTIONARY, Dictionary, dictionary_counts
from warraq.trends import trends
from warraq.plots import collocation_network, dispersion_plot, keyness_plot, trend_plot
from warraq.display import Entities, Rendered, render
import warraq.accessor as _accessor  # registers the .ar pandas accessor
from warraq.exceptions import (
    DecodeError,
    InvalidOptionError,
    InvalidTextError,
    ModelError,
    NotFittedError,
    ParseError,
    QueryError,
    SearchIndexError,
    WarraqError,
)

__all__ = [
    "__version__",
    # normalise
    "Normalizer",
    "normalize",
    # tokenise
    "Token",
    "tokenize",
    "tokenize_batch",
    "tokens",
    "sentences",
    "sentence_spans",
    # entities
    "Entity",
    "EntityRecognizer",
    "extract_entities",
    "entities_frame",
    "write_entities_parquet",
    "train_ner",
    # vectors
    "analyze",
    "light_stem",
    "snowball_stem",
    "stopwords",
    "TfidfVectorizer",
    "DocumentFrequencies",
    "similar",
    "near_duplicates",
    "explain_near_duplicate",
    # dates: the Hijri calendar (Umm al-Qura 1343-1500 AH, tabular outside)
    "hijri_to_gregorian",
    "gregorian_to_hijri",
    "hijri_month_length",
    "hijri_calendar",
    # documents and corpora
    "Document",
    "parse_document",
    "parse_html",
    "read_corpus",
    "iter_corpus",
    "write_parquet",
    "ParquetSummary",
    "COLUMNS",
    # concordance
    "kwic",
    "Concordance",
    # search
    "SearchIndex",
    "SearchResults",
    # corpus statistics
    "frequencies",
    "keyness",
    "collocations",
    "display_forms",
    # dictionaries, trends and plots
    "Dictionary",
    "dictionary_counts",
    "EXAMPLE_DICTIONARY",
    "trends",
    "keyness_plot",
    "trend_plot",
    "collocation_network",
    "dispersion_plot",
    # notebooks: rich display (the .ar pandas accessor is registered on import)
    "render",
    "Rendered",
    "Entities",
    # errors
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
