//! Scores the temporal recogniser (`find_timexes`) on the temporal-expression corpus and prints span
//! precision/recall per TIMEX3 type (strict and overlapping), value accuracy and the
//! corpus's composition; `--errors` also lists every missed, spurious or mis-valued
//! expression:
//! `cargo run -p warraq --release --example temporal_eval [--errors] [cases.tsv]`.
//!
//! `--speed PATH...` times instead the temporal pass against the whole of
//! `EntityRecognizer::extract_batch` on the texts of PATH (`.txt` files, or `.json`
//! files holding arrays of records with a `content` field, as SaudiNewsNet's; a
//! folder is read whole; `--limit N` keeps the first N texts), on the threads
//! `WARRAQ_PARALLELISM`/`RAYON_NUM_THREADS` allow, best of three runs each, and prints
//! the share of `extract_batch`'s time the temporal pass takes and what it adds to
//! the rest.
#![allow(clippy::print_stdout)]

use std::path::{Path, PathBuf};
use std::time::Instant;
use warraq::dates::eval::{composition, find_timexes_predictions, read_cases, score, Case};
use warraq::dates::{find_timexes, Resolution};
use warraq::entities::EntityRecognizer;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(at) = args.iter().position(|a| a == "--speed") {
        return speed(&args[at + 1..]);
    }
    let errors = args.iter().any(|a| a == "--errors");
    let path = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/temporal/cases.tsv").to_string()
        });
    let cases = read_cases(&path)?;
    let (groups, types) = composition(&cases);
    let total: usize = types.values().sum();
    println!("{} cases, {total} expected expressions", cases.len());
    for (kind, n) in &types {
        println!("  {kind:<9} {n:>4}");
    }
    println!("form     cases expressions");
    for (group, (n, spans)) in &groups {
        println!("  {group:<6} {n:>5} {spans:>6}");
    }
    println!("\nfind_timexes (P/R/F1 strict, then ~ overlapping):");
    print!("{}", score(&cases, find_timexes_predictions));
    if errors {
        println!();
        cases.iter().for_each(print_errors);
    }
    Ok(())
}

/// Expected expressions no prediction overlaps or whose value differs, and
/// predictions that overlap nothing expected.
fn print_errors(case: &Case) {
    let predicted = find_timexes_predictions(case);
    let text = |s: usize, e: usize| &case.sentence[s..e];
    for e in &case.expected {
        let hit = predicted
            .iter()
            .find(|p| p.start < e.end && e.start < p.end);
        match hit {
            None => println!(
                "{}\tmissed\t{}\t{} {}",
                case.id,
                text(e.start, e.end),
                e.timex.kind,
                e.timex.value
            ),
            Some(p) if (p.timex.value != e.timex.value) || (p.start, p.end) != (e.start, e.end) => {
                println!(
                    "{}\tdiffers\t{} {} {}\tfound {} {} {}",
                    case.id,
                    text(e.start, e.end),
                    e.timex.kind,
                    e.timex.value,
                    text(p.start, p.end),
                    p.timex.kind,
                    p.timex.value
                )
            }
            Some(_) => {}
        }
    }
    for p in &predicted {
        if !case
            .expected
            .iter()
            .any(|e| p.start < e.end && e.start < p.end)
        {
            println!(
                "{}\tspurious\t{} {} {}",
                case.id,
                text(p.start, p.end),
                p.timex.kind,
                p.timex.value
            );
        }
    }
}

fn texts_of(path: &Path, out: &mut Vec<String>) -> Result<(), Box<dyn std::error::Error>> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for p in entries {
            texts_of(&p, out)?;
        }
    } else if path.extension().is_some_and(|e| e == "json") {
        let records: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
        for r in records.as_array().into_iter().flatten() {
            if let Some(t) = r.get("content").and_then(|c| c.as_str()) {
                out.push(t.to_string());
            }
        }
    } else if path.extension().is_some_and(|e| e == "txt") {
        out.push(std::fs::read_to_string(path)?);
    }
    Ok(())
}

/// Best of three wall-clock runs of `f`, in seconds, and its last result.
fn best_of_three<R>(mut f: impl FnMut() -> R) -> (f64, R) {
    let mut best = f64::INFINITY;
    let mut out = f();
    for _ in 0..3 {
        let t0 = Instant::now();
        out = f();
        best = best.min(t0.elapsed().as_secs_f64());
    }
    (best, out)
}

fn speed(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let mut limit = usize::MAX;
    let mut texts = Vec::new();
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--limit" {
            limit = args.get(i + 1).ok_or("--limit N")?.parse()?;
            i += 2;
            continue;
        }
        texts_of(Path::new(&args[i]), &mut texts)?;
        i += 1;
    }
    texts.truncate(limit);
    if texts.is_empty() {
        return Err("--speed: no texts".into());
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    // A reference date for every text, so that relative expressions are resolved too.
    let reference = chrono::NaiveDate::from_ymd_opt(2015, 7, 21);
    let published = vec![reference; texts.len()];
    let ner = EntityRecognizer::new();
    let (whole, ents) = best_of_three(|| ner.extract_batch(&texts, &published));
    let r = Resolution::new(reference);
    let (dates, found) = best_of_three(|| warraq::parallel::map(&texts, |t| find_timexes(t, &r)));
    let n_ents: usize = ents.iter().map(Vec::len).sum();
    let n_timex: usize = found.iter().map(Vec::len).sum();
    #[allow(clippy::cast_precision_loss)]
    let mb = bytes as f64 / 1e6;
    println!(
        "{} texts, {mb:.1} MB: extract_batch {whole:.3} s ({n_ents} entities, {:.1} MB/s), temporal pass {dates:.3} s ({n_timex} expressions, {:.1} MB/s)",
        texts.len(),
        mb / whole,
        mb / dates
    );
    println!(
        "temporal pass: {:.1} % of extract_batch's time, adds {:.1} % to the rest",
        100.0 * dates / whole,
        100.0 * dates / (whole - dates).max(f64::EPSILON)
    );
    Ok(())
}
