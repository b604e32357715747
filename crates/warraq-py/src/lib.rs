//! `warraq._warraq`: the Python extension module of warraq.
//!
//! A thin conversion layer over the `warraq` crate: each function extracts its
//! arguments, releases the GIL around the core call when the work is long, and
//! converts the result. No text processing happens here.

extern crate warraq as wq;

mod analyze;
mod concordance;
mod convert;
mod corpus;
mod corpus_arrow;
mod dates;
mod dictionary;
mod document;
mod entities;
mod entities_arrow;
mod errors;
mod ffi;
mod ingest;
mod normalize;
mod parallel;
mod render;
mod run;
mod search;
mod stats;
mod tokenize;
mod vectors;
mod web;
mod wide;

use pyo3::prelude::*;

/// Rust's allocations in the extension (the lines, words and counts of every
/// document, from several threads at once) go to mimalloc, as in pydantic-core and
/// polars: glibc's malloc and free were an eighth of the time of reading a corpus.
/// Python's own objects still come from CPython's allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Arabic news text toolkit (native module). Use the `warraq` package instead.
#[pymodule(gil_used = false)]
mod _warraq {
    #[pymodule_export]
    use crate::analyze::{arabic_stopwords, light_stem, snowball_stem, PyAnalyzer};
    #[pymodule_export]
    use crate::concordance::PyConcordancer;
    #[pymodule_export]
    use crate::corpus::{
        corpus_files, list_corpus_files, skipped_corpus_files, PyCorpusReader, PyCorpusStream,
        PyRecurringCounts, PyRecurringLines,
    };
    #[pymodule_export]
    use crate::dates::{
        gregorian_to_hijri, hijri_calendar, hijri_month_length, hijri_to_gregorian,
    };
    #[pymodule_export]
    use crate::dictionary::{PyDictionary, PyDictionaryCounter};
    #[pymodule_export]
    use crate::document::{parse_document, PyDocument};
    #[pymodule_export]
    use crate::entities::{_train_ner, extract_entities, PyEntity, PyEntityRecognizer};
    #[pymodule_export]
    use crate::normalize::{normalize, PyNormalizer};
    #[pymodule_export]
    use crate::parallel::{current_num_threads, init_num_threads};
    #[pymodule_export]
    use crate::render::{label_colour, render_text};
    #[pymodule_export]
    use crate::search::{PySearchIndex, PySearchWriter};
    #[pymodule_export]
    use crate::stats::PyTermCounts;
    #[pymodule_export]
    use crate::tokenize::{sentence_spans, sentences, tokenize, tokenize_batch, tokens, PyToken};
    #[pymodule_export]
    use crate::vectors::{
        cosine_neighbours, minhash_near_duplicates, shingle_overlap, PyDocumentFrequencies,
        PyMinHashIndex, PyMinHasher, PyTfidfModel,
    };
    #[pymodule_export]
    use crate::web::parse_html;

    use pyo3::prelude::*;

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("__version__", env!("CARGO_PKG_VERSION"))?;
        m.add("DEFAULTS", crate::convert::defaults(m.py())?)?;
        crate::run::install_fork_handler();
        crate::ffi::return_freed_memory_promptly();
        Ok(())
    }
}
