//! cargo-fuzz target `warc`: see `crates/warraq/tests/fuzz_regressions/entries.rs`.
#![no_main]

#[path = "../../crates/warraq/tests/fuzz_regressions/entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::warc(data));
