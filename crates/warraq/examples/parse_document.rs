//! Parses scraped article files and prints each as JSON.
//!
//! `cargo run -p warraq --example parse_document -- ../shared/seeds/*.txt`
#![allow(clippy::print_stdout)]

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for path in std::env::args().skip(1) {
        let raw = std::fs::read_to_string(&path)?;
        let doc = warraq::document::parse_document(&raw, Some(&path));
        println!("{}", serde_json::to_string_pretty(&doc)?);
    }
    Ok(())
}
