//! What the benches share: the bundled sample corpus.

/// The articles of `examples/sample_corpus`, in file-name order.
pub fn sample_articles() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/sample_corpus");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("sample corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}
