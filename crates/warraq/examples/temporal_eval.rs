//! Scores the temporal recogniser (`find_timexes`), and the older `find_dates` beside it, on the temporal-expression corpus and prints span
//! precision/recall per TIMEX3 type (strict and overlapping), value accuracy and the
//! corpus's composition; `--errors` also lists every missed, spurious or mis-valued
//! expression:
//! `cargo run -p warraq --release --example temporal_eval [--errors] [cases.tsv]`.
#![allow(clippy::print_stdout)]

use warraq::dates::eval::{
    composition, find_dates_predictions, find_timexes_predictions, read_cases, score, Case,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
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
    println!("\nfind_dates (P/R/F1 strict, then ~ overlapping):");
    print!("{}", score(&cases, find_dates_predictions));
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
