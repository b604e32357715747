//! Fits TF-IDF on a corpus with no Python involved and prints how long each stage
//! takes (normalise, normalise + tokenise, analyse, fit_transform), then the
//! vocabulary size and the top keywords of the first document.
//!
//! Optional arguments: the stages to run (`normalize,analyze,fit_transform`, default
//! all) and the number of documents to keep.
//!
//! The corpus is a folder of `.txt` files or of JSON files holding arrays of records
//! with a `content` field (SaudiNewsNet). Set `RAYON_NUM_THREADS=1` for one thread.
//!
//! ```text
//! cargo run --release -p warraq --example tfidf_corpus -- ../shared/corpora/saudinewsnet
//! ```
#![allow(clippy::print_stdout)]

use std::path::PathBuf;
use std::time::Instant;
use warraq::analyze::{Analyzer, Scratch};
use warraq::normalize::Normalizer;
use warraq::vectors::TfidfVectorizer;

fn read_texts(dir: &PathBuf) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| warraq::Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let mut texts = Vec::new();
    for p in paths {
        let raw = std::fs::read_to_string(&p).map_err(|e| warraq::Error::io(&p, e))?;
        match p.extension().and_then(|x| x.to_str()) {
            Some("txt") => texts.push(raw),
            Some("json") => {
                let records: Vec<serde_json::Value> = serde_json::from_str(&raw)?;
                for r in records {
                    if let Some(s) = r.get("content").and_then(|c| c.as_str()) {
                        texts.push(s.to_owned());
                    }
                }
            }
            _ => {}
        }
    }
    Ok(texts)
}

// The whole run as one script, top to bottom: read, fit, time, print.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "examples/sample_corpus".into()),
    );
    let stages: String = args.next().unwrap_or_else(|| "all".into());
    let limit: usize = args
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX);
    let mut texts = read_texts(&dir)?;
    texts.truncate(limit);
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    println!(
        "{} documents, {mb:.1} MB, {} threads",
        texts.len(),
        rayon::current_num_threads()
    );
    let time = |name: &str, f: &mut dyn FnMut() -> usize| {
        let t0 = Instant::now();
        let n = f();
        let s = t0.elapsed().as_secs_f64();
        println!("{name:<28} {s:7.3} s {:8.1} MB/s  ({n})", mb / s);
    };
    let want = |s: &str| stages == "all" || stages.split(',').any(|x| x == s);
    if want("normalize") {
        let normalizer = Normalizer::default();
        time("normalize", &mut || {
            let mut buf = String::new();
            texts
                .iter()
                .map(|t| {
                    buf.clear();
                    normalizer.normalize_into(t, &mut buf);
                    buf.len()
                })
                .sum()
        });
    }
    if stages == "check" {
        // The analyzer against the same steps written out with public functions:
        // normalise the whole text, tokenise, lowercase, drop stopwords, stem.
        let normalizer = Normalizer::default();
        let stop: std::collections::HashSet<String> = warraq::analyze::stopwords()
            .iter()
            .map(|w| normalizer.normalize(w).to_lowercase())
            .collect();
        let analyzer = Analyzer::default();
        let mut differ = 0;
        for t in &texts {
            let norm = normalizer.normalize(t);
            let expected: Vec<String> = warraq::tokenize::tokens(&norm)
                .iter()
                .filter(|k| k.kind.is_word())
                .map(|k| (k.kind, k.as_str(&norm).to_lowercase()))
                .filter(|(_, w)| !stop.contains(w))
                .map(|(kind, w)| match kind {
                    warraq::tokenize::TokenKind::Arabic => warraq::analyze::light_stem(&w),
                    _ => w,
                })
                .collect();
            if analyzer.analyze(t) != expected {
                differ += 1;
            }
        }
        println!("check: {differ} of {} documents differ", texts.len());
    }
    if want("analyze") {
        let analyzer = Analyzer::default();
        time("analyze (1 thread)", &mut || {
            let mut scratch = Scratch::default();
            let mut n = 0;
            for t in &texts {
                analyzer.for_each_term(t, &mut scratch, &mut |_| n += 1);
            }
            n
        });
    }
    if want("fit_transform") {
        let mut v = TfidfVectorizer::default();
        let mut shape = (0, 0);
        time("fit_transform", &mut || {
            let x = v.fit_transform(&texts).expect("fit");
            shape = x.shape;
            x.nnz()
        });
        println!("shape {shape:?}");
        let x = v.transform(&texts[..1])?;
        let top = v.keywords(&x, 5)?;
        println!("keywords of document 0: {:?}", top[0]);
    }
    Ok(())
}
