//! Trains the entity model: `cargo run --release -p warraq --example train_ner --
//! TRAIN.txt [--dev DEV.txt] [--out MODEL.bin] [--epochs N]`. Without `--dev`, every
//! 10th sentence of TRAIN is held out as the dev split.
#![allow(clippy::print_stdout)]

use std::time::Instant;
use warraq::entities::{read_conll, split_dev, train, TrainOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut train_path = None;
    let mut dev_path = None;
    let mut out = None;
    let mut options = TrainOptions::default();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--dev" => dev_path = args.next(),
            "--out" => out = args.next(),
            "--epochs" => options.epochs = args.next().ok_or("--epochs N")?.parse()?,
            "--bits" => options.hash_bits = args.next().ok_or("--bits N")?.parse()?,
            "--prune" => options.prune = args.next().ok_or("--prune X")?.parse()?,
            _ => train_path = Some(a),
        }
    }
    let train_path =
        train_path.ok_or("usage: train_ner TRAIN.txt [--dev DEV.txt] [--out MODEL.bin]")?;
    let all = read_conll(&train_path)?;
    let (train_set, dev) = match dev_path {
        Some(p) => (all, read_conll(p)?),
        None => split_dev(&all, options.dev_every),
    };
    let t0 = Instant::now();
    let (ner, report) = train(&train_set, &dev, &options)?;
    let secs = t0.elapsed().as_secs_f64();
    for (i, e) in report.epochs.iter().enumerate() {
        println!("epoch {:>2}: dev F1 {:.2}", i + 1, 100.0 * e.overall.f1());
    }
    println!(
        "trained on {} sentences in {secs:.1} s; {} feature rows",
        report.train_sentences, report.features
    );
    if let Some(dev) = &report.dev {
        println!("dev ({} sentences):\n{dev}", report.dev_sentences);
    }
    if let Some(out) = out {
        ner.save(&out)?;
        println!("wrote {out} ({} bytes)", std::fs::metadata(&out)?.len());
    }
    Ok(())
}
