//! cargo-fuzz target `vectorizer_load`: see `crates/warraq/tests/fuzz_regressions/entries.rs`.
#![no_main]

#[path = "../../crates/warraq/tests/fuzz_regressions/entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::vectorizer_load(data));
