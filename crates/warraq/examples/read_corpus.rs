//! Reads a corpus (folders, files or globs) and prints counts, errors, and the
//! reasons of the removed lines.
//!
//! `cargo run --release -p warraq --example read_corpus -- ../shared/corpora/saudinewsnet`
#![allow(clippy::print_stdout)]

use std::collections::BTreeMap;
use warraq::corpus::{read_corpus, CorpusOptions, OnError};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sources: Vec<String> = std::env::args().skip(1).collect();
    let options = CorpusOptions {
        errors: OnError::Skip,
        ..CorpusOptions::default()
    };
    let start = std::time::Instant::now();
    let corpus = read_corpus(&sources, &options)?;
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &corpus.records {
        for b in &r.document.boilerplate {
            *reasons.entry(b.reason.as_str()).or_default() += 1;
        }
    }
    println!(
        "{} documents, {} errors, {:.2}s",
        corpus.records.len(),
        corpus.errors.len(),
        start.elapsed().as_secs_f64()
    );
    for (reason, n) in reasons {
        println!("  {reason}: {n}");
    }
    // WARRAQ_SHOW="ticker" prints some removed lines of that reason.
    if let Ok(show) = std::env::var("WARRAQ_SHOW") {
        let lines = corpus
            .records
            .iter()
            .flat_map(|r| r.document.boilerplate.iter());
        for b in lines
            .filter(|b| b.reason.as_str() == show)
            .step_by(7)
            .take(25)
        {
            println!(
                "  [{}] {}",
                show,
                b.line.chars().take(150).collect::<String>()
            );
        }
    }
    for e in corpus.errors.iter().take(5) {
        println!("  error: {e}");
    }
    Ok(())
}
