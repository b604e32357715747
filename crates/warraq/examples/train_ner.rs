//! Trains the entity model: `cargo run --release -p warraq --example train_ner --
//! TRAIN.txt [--dev DEV.txt] [--out MODEL.bin] [--epochs N] [--folds K]
//! [--unlabeled CORPUS]... [--final] [--clusters FILE|none] [--no-shapes]
//! [--no-dense] [--bits N] [--prune X] [--predictions FILE]`.
//!
//! Without `--dev`, the last 10 % of TRAIN (whole articles) is held out as the
//! dev block and scored; `--folds K` first reports K-fold cross-validation over
//! contiguous blocks. `--unlabeled` corpora (read with `read_corpus`) give the
//! corpus profiles of a two-stage model. `--final` then writes a model trained
//! on all of TRAIN with the dev block's temperature (what `make train-ner`
//! bundles). `--predictions FILE` writes the dev block as the model tags it
//! (consistent over each article): `word gold predicted` per line, a blank line
//! between sentences, the input of conlleval or of an error analysis.
#![allow(clippy::print_stdout)]

use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;
use warraq::entities::{
    cross_validate, documents, read_conll, refit, split_dev_block, train, unlabeled_texts,
    ConllSentence, EntityRecognizer, TrainOptions, WordClusters,
};

// The whole command as one script, top to bottom: arguments, data, train, report.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut train_path = None;
    let mut dev_path = None;
    let mut out = None;
    let mut folds = 0usize;
    let mut final_model = false;
    let mut predictions: Option<String> = None;
    let mut unlabeled: Vec<String> = Vec::new();
    let mut options = TrainOptions::default();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--dev" => dev_path = args.next(),
            "--out" => out = args.next(),
            "--epochs" => options.epochs = args.next().ok_or("--epochs N")?.parse()?,
            "--bits" => options.hash_bits = args.next().ok_or("--bits N")?.parse()?,
            "--prune" => options.prune = args.next().ok_or("--prune X")?.parse()?,
            "--folds" => folds = args.next().ok_or("--folds K")?.parse()?,
            "--clusters" => {
                let p = args.next().ok_or("--clusters FILE|none")?;
                options.clusters = if p == "none" {
                    None
                } else {
                    let bytes = std::fs::read(&p)?;
                    Some(Arc::new(WordClusters::from_bytes(&bytes, Path::new(&p))?))
                };
            }
            "--no-shapes" => options.shapes = false,
            "--no-dense" => options.dense = false,
            "--final" => final_model = true,
            "--predictions" => predictions = args.next(),
            "--unlabeled" => unlabeled.push(args.next().ok_or("--unlabeled CORPUS")?),
            _ => train_path = Some(a),
        }
    }
    let train_path = train_path
        .ok_or("usage: train_ner TRAIN.txt [--dev DEV.txt] [--out MODEL.bin] [--folds K]")?;
    let all = read_conll(&train_path)?;
    if !unlabeled.is_empty() {
        let t0 = Instant::now();
        let texts = unlabeled_texts(&unlabeled)?;
        println!(
            "{} unlabeled texts for corpus profiles, read in {:.1} s",
            texts.len(),
            t0.elapsed().as_secs_f64()
        );
        options.unlabeled = Some(Arc::new(texts));
    }
    if folds > 1 {
        let t0 = Instant::now();
        let cv = cross_validate(&all, folds, &options)?;
        println!(
            "{folds}-fold cross-validation over contiguous blocks (sentences {:?}), {:.1} s:\n{cv}",
            cv.blocks,
            t0.elapsed().as_secs_f64()
        );
    }
    let (train_set, dev) = match dev_path {
        Some(p) => (all.clone(), read_conll(p)?),
        None => split_dev_block(&all, options.dev_fraction),
    };
    let t0 = Instant::now();
    let (mut ner, report) = train(&train_set, &dev, &options)?;
    let secs = t0.elapsed().as_secs_f64();
    for (i, e) in report.epochs.iter().enumerate() {
        println!("epoch {:>2}: dev F1 {:.2}", i + 1, 100.0 * e.overall.f1());
    }
    println!(
        "trained on {} sentences in {secs:.1} s; {} feature rows; temperature {}",
        report.train_sentences, report.features, report.temperature
    );
    if let Some(dev) = &report.dev_by_sentence {
        println!(
            "dev ({} sentences), sentence by sentence:\n{dev}",
            report.dev_sentences
        );
    }
    if let Some(dev) = &report.dev {
        println!("dev, consistent over each article:\n{dev}");
    }
    if let Some(path) = &predictions {
        write_predictions(path, &ner, &dev)?;
        println!("wrote the dev block's predictions to {path}");
    }
    if final_model {
        // The model to ship sees every sentence, dev block included; its
        // confidences keep the temperature fitted on the dev block.
        let t0 = Instant::now();
        ner = refit(&all, &options, &report)?;
        println!(
            "final model: trained on all {} sentences in {:.1} s",
            all.len(),
            t0.elapsed().as_secs_f64()
        );
    }
    if let Some(out) = out {
        ner.save(&out)?;
        println!("wrote {out} ({} bytes)", std::fs::metadata(&out)?.len());
    }
    Ok(())
}

/// The dev block tagged article by article, as `word gold predicted` lines.
fn write_predictions(
    path: &str,
    ner: &EntityRecognizer,
    dev: &[ConllSentence],
) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for range in documents(dev) {
        let sentences = &dev[range];
        let words: Vec<Vec<&str>> = sentences
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        for (s, tags) in sentences.iter().zip(ner.tag_document(&words)) {
            for ((w, g), p) in s.words.iter().zip(&s.tags).zip(tags) {
                writeln!(out, "{w} {g} {p}")?;
            }
            writeln!(out)?;
        }
    }
    out.flush()
}
