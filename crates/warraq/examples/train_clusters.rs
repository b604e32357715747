//! Learns the word clusters the entity tagger uses, from unlabeled news:
//! `cargo run --release -p warraq --example train_clusters -- OUT.bin CORPUS...
//! [--levels 64,256,1024] [--dims N] [--min-count N] [--max-words N] [--contexts N]
//! [--window N]`. Each CORPUS is read with `warraq::corpus::read_corpus` (files in
//! sorted order, boilerplate removed); titles and bodies are used. Deterministic.
#![allow(clippy::print_stdout)]

use std::time::Instant;
use warraq::corpus::{read_corpus, CorpusOptions};
use warraq::entities::{ClusterOptions, WordClusters};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut out = None;
    let mut sources = Vec::new();
    let mut o = ClusterOptions::default();
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--levels" => {
                o.levels = value()?
                    .split(',')
                    .map(str::parse)
                    .collect::<Result<_, _>>()?;
            }
            "--dims" => o.dims = value()?.parse()?,
            "--min-count" => o.min_count = value()?.parse()?,
            "--max-words" => o.max_words = value()?.parse()?,
            "--contexts" => o.contexts = value()?.parse()?,
            "--window" => o.window = value()?.parse()?,
            "--keep-dims" => o.kept_dims = value()?.parse()?,
            _ if out.is_none() => out = Some(a),
            _ => sources.push(a),
        }
    }
    let out = out.ok_or("usage: train_clusters OUT.bin CORPUS... [options]")?;
    let t0 = Instant::now();
    let mut texts = Vec::new();
    for source in &sources {
        let corpus = read_corpus(std::slice::from_ref(source), &CorpusOptions::default())?;
        for r in corpus.records {
            if let Some(t) = r.document.title {
                texts.push(t);
            }
            texts.push(r.document.body);
        }
        println!("{source}: {} texts so far", texts.len());
    }
    println!("read in {:.1} s", t0.elapsed().as_secs_f64());
    let t0 = Instant::now();
    let (clusters, report) = WordClusters::train(&texts, &o)?;
    println!(
        "{} tokens, {} distinct words, {} clustered, {} PPMI cells; {:.1} s",
        report.tokens,
        report.vocabulary,
        report.words,
        report.nonzeros,
        t0.elapsed().as_secs_f64()
    );
    let head: Vec<String> = report
        .singular_values
        .iter()
        .take(8)
        .map(|s| format!("{s:.1}"))
        .collect();
    println!("leading singular values: {}", head.join(" "));
    let bytes = clusters.to_bytes();
    std::fs::write(&out, &bytes)?;
    println!("wrote {out} ({} bytes)", bytes.len());
    Ok(())
}
