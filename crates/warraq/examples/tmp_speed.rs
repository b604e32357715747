#![allow(clippy::print_stdout, missing_docs)]
use std::time::Instant;
fn main() {
    let raw = std::fs::read_to_string("/work/shared/corpora/saudinewsnet/2015-07-21.json").unwrap();
    let v: Vec<serde_json::Value> = serde_json::from_str(&raw).unwrap();
    let texts: Vec<String> = v
        .iter()
        .map(|a| a["content"].as_str().unwrap().to_string())
        .collect();
    let mb = texts.iter().map(|t| t.len()).sum::<usize>() as f64 / 1e6;
    let n = warraq::normalize::Normalizer::builder()
        .unicode(std::env::var("U").is_ok())
        .build();
    let mut out = String::new();
    for _ in 0..2 {
        let t = Instant::now();
        for x in &texts {
            out.clear();
            n.normalize_into(x, &mut out);
        }
        println!("normalize {:.0} MB/s", mb / t.elapsed().as_secs_f64());
        let t = Instant::now();
        let mut k = 0;
        for x in &texts {
            k += warraq::tokenize::tokens(x).len();
        }
        println!("tokens {:.0} MB/s {k}", mb / t.elapsed().as_secs_f64());
        let t = Instant::now();
        for x in &texts {
            out.clear();
            out.push_str(x);
        }
        println!("copy {:.0} MB/s", mb / t.elapsed().as_secs_f64());
    }
}
