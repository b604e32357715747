//! Replays every input under `tests/fuzz_regressions/<target>/` through the fuzz
//! target of that name (see `fuzz/`), so a crash found once stays fixed. Each input
//! is a file of raw bytes exactly as libFuzzer found it (minimised with `cargo fuzz
//! tmin`).

#[path = "fuzz_regressions/entries.rs"]
mod entries;

use std::path::Path;

#[test]
fn every_committed_fuzz_input_passes_its_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut replayed = 0;
    for (name, run) in entries::TARGETS {
        let dir = root.join(name);
        let Ok(listing) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = listing.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        files.sort();
        for file in files {
            let data = std::fs::read(&file).expect("readable regression input");
            let outcome = std::panic::catch_unwind(|| run(&data));
            assert!(outcome.is_ok(), "{} fails again", file.display());
            replayed += 1;
        }
    }
    // A wrong root would make this test pass vacuously.
    assert!(
        root.join("entries.rs").is_file(),
        "{} is not the regression folder",
        root.display()
    );
    eprintln!("replayed {replayed} regression inputs");
}

#[test]
fn every_target_accepts_trivial_inputs() {
    for (name, run) in entries::TARGETS {
        for data in [
            &b""[..],
            b"\x00",
            b"\xff\xfe",
            "\u{0}عنوان\n\nنص.".as_bytes(),
        ] {
            let outcome = std::panic::catch_unwind(|| run(data));
            assert!(outcome.is_ok(), "{name} panics on {data:?}");
        }
    }
}
