//! Normalises and tokenises every `.txt` file of a folder, with no Python involved,
//! and prints the number of documents and tokens and the most frequent words.
//!
//! ```text
//! cargo run --release -p warraq --example normalize_corpus -- examples/sample_corpus
//! ```
#![allow(clippy::print_stdout)]

use std::collections::HashMap;
use std::path::PathBuf;
use warraq::normalize::Normalizer;
use warraq::tokenize::{tokens, TokenKind};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "examples/sample_corpus".into()),
    );
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| warraq::Error::io(&dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let texts = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).map_err(|e| warraq::Error::io(p, e)))
        .collect::<Result<Vec<_>, _>>()?;
    let normalized = Normalizer::default().normalize_batch(&texts);
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut n_tokens = 0;
    for text in &normalized {
        for t in tokens(text) {
            n_tokens += 1;
            if t.kind == TokenKind::Arabic && t.end - t.start > 6 {
                *counts.entry(t.as_str(text)).or_default() += 1;
            }
        }
    }
    let mut top: Vec<_> = counts.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    println!("documents: {}", texts.len());
    println!("tokens:    {n_tokens}");
    for (word, n) in top.iter().take(10) {
        println!("{n:>5}  {word}");
    }
    Ok(())
}
