//! The `normalize_corpus` example works on the bundled sample corpus (`cargo test`
//! builds examples next to the test binaries, so this runs the real program).

use std::path::PathBuf;
use std::process::Command;

fn example_binary() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let profile_dir = exe.parent()?.parent()?;
    let bin = profile_dir
        .join("examples")
        .join(format!("normalize_corpus{}", std::env::consts::EXE_SUFFIX));
    bin.exists().then_some(bin)
}

#[test]
fn normalize_corpus_example_summarises_the_sample() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let bin = example_binary().expect("cargo test builds the normalize_corpus example");
    let out = Command::new(bin)
        .arg(root.join("examples/sample_corpus"))
        .output()
        .expect("run the example");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("utf-8 output");
    assert!(stdout.contains("documents: 6"), "{stdout}");
    let tokens: usize = stdout
        .lines()
        .find_map(|l| l.strip_prefix("tokens:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a token count");
    assert!(tokens > 500, "{stdout}");
    // The most frequent long words are normalised (no teh marbuta, no hamza on alef).
    let top: Vec<&str> = stdout.lines().skip(2).collect();
    assert!(!top.is_empty());
    assert!(
        top.iter().all(|l| !l.contains('ة') && !l.contains('أ')),
        "{stdout}"
    );
}

#[test]
fn missing_folder_is_an_error_naming_it() {
    let bin = example_binary().expect("cargo test builds the normalize_corpus example");
    let out = Command::new(bin)
        .arg("/nonexistent/warraq-corpus")
        .output()
        .expect("run the example");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/warraq-corpus"));
}
