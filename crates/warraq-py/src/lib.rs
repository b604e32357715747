//! `warraq._warraq`: the Python extension module of warraq.
//!
//! A thin conversion layer over the `warraq` crate: each function extracts its
//! arguments, releases the GIL around the core call when the work is long, and
//! converts the result. No text processing happens here.

extern crate warraq as wq;

mod convert;
mod corpus;
mod dates;
mod distributed;
mod document;
mod entities;
mod errors;
mod normalize;
mod parallel;
mod render;
mod run;
mod tokenize;
mod vectors;

use pyo3::prelude::*;

/// Rust's allocations in the extension (the lines, words and counts of every
/// document, from several threads at once) go to mimalloc, as in pydantic-core and
/// polars: glibc's malloc and free were an eighth of the time of reading a corpus.
/// Python's own objects still come from CPython's allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc's `mi_option_e` (the crate names no constant
/// for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Makes mimalloc return freed pages to the system at once, unless the user set
/// `MIMALLOC_PURGE_DELAY`. Its default keeps them for a second, during which the
/// pages a call freed (a chunk of parsed documents, a batch's counts) count in the
/// process's memory next to the Python objects made from them: with it, reading
/// SaudiNewsNet peaked at 2.4-3.0x the corpus, ANT at 3.0x, a TF-IDF fit at 581 MB;
/// purging at once, 2.0x, 2.7x and 464 MB, at the same speed (`make bench`).
fn return_freed_memory_promptly() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets one of mimalloc's options, which it reads atomically; any
        // value is valid and only changes when freed memory is given back.
        #[allow(unsafe_code)]
        unsafe {
            libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0);
        }
    }
}

/// Arabic news text toolkit (native module). Use the `warraq` package instead.
#[pymodule(gil_used = false)]
mod _warraq {
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
    use crate::distributed::PyMinHasher;
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
    use crate::tokenize::{sentence_spans, sentences, tokenize, tokenize_batch, tokens, PyToken};
    #[pymodule_export]
    use crate::vectors::PyMinHashIndex;
    #[pymodule_export]
    use crate::vectors::{
        arabic_stopwords, cosine_neighbours, light_stem, minhash_near_duplicates, shingle_overlap,
        snowball_stem, PyAnalyzer, PyDocumentFrequencies, PyTfidfModel,
    };

    use pyo3::prelude::*;

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("__version__", env!("CARGO_PKG_VERSION"))?;
        crate::run::install_fork_handler();
        crate::return_freed_memory_promptly();
        Ok(())
    }
}
