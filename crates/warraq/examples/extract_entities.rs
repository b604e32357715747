//! Prints the entities of a text read from standard input, one per line:
//! `echo "زار دمشق" | cargo run -p warraq --example extract_entities [YYYY-MM-DD]`.
#![allow(clippy::print_stdout)]

use std::io::Read;
use warraq::entities::EntityRecognizer;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let published = match std::env::args().nth(1) {
        Some(d) => Some(chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d")?),
        None => None,
    };
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    for e in EntityRecognizer::new().extract(&text, published) {
        let value = e.value.map(|v| v.to_string()).unwrap_or_default();
        println!(
            "{}\t{}\t{}\t{}\t{value}\t{:.2}",
            e.label, e.text, e.normalized, e.start, e.score
        );
    }
    Ok(())
}
