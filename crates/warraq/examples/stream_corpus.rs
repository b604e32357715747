//! Streams a corpus through [`warraq::corpus::iter_corpus`] (one file held at a time)
//! and prints one JSON line of counts; `benchmarks/bench_memory.py` measures its peak
//! resident memory against the corpus size.
//!
//! `cargo run --release -p warraq --example stream_corpus -- <folder or files>`
#![allow(clippy::print_stdout)]

use warraq::corpus::{iter_corpus, CorpusOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sources: Vec<String> = std::env::args().skip(1).collect();
    let start = std::time::Instant::now();
    let (mut docs, mut words, mut body_bytes, mut errors) = (0u64, 0u64, 0u64, 0u64);
    for item in iter_corpus(&sources, CorpusOptions::default())? {
        match item {
            Ok(record) => {
                docs += 1;
                words += record.document.n_words() as u64;
                body_bytes += record.document.body.len() as u64;
            }
            Err(_) => errors += 1,
        }
    }
    println!(
        "{{\"docs\": {docs}, \"words\": {words}, \"body_bytes\": {body_bytes}, \"errors\": {errors}, \"seconds\": {:.3}}}",
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
