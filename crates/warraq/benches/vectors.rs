//! Throughput of the analyzer and of TF-IDF fitting on the bundled sample corpus
//! (each article repeated, so the vectorizer sees many documents).
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use warraq::analyze::{Analyzer, Scratch};
use warraq::vectors::TfidfVectorizer;

mod common;

/// The sample articles, each repeated, so that the vectorizer sees many documents.
fn sample_texts() -> Vec<String> {
    let texts = common::sample_articles();
    texts
        .iter()
        .cycle()
        .take(texts.len() * 50)
        .cloned()
        .collect()
}

fn vectors(c: &mut Criterion) {
    let texts = sample_texts();
    let bytes: usize = texts.iter().map(String::len).sum();
    let analyzer = Analyzer::default();
    let mut scratch = Scratch::default();
    let mut expected = 0;
    analyzer.for_each_term(&texts[0], &mut scratch, &mut |_| expected += 1);
    let mut group = c.benchmark_group("vectors");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("analyze", |b| {
        b.iter(|| {
            let mut first = 0;
            analyzer.for_each_term(black_box(&texts[0]), &mut scratch, &mut |_| first += 1);
            assert_eq!(first, expected);
            for t in &texts[1..] {
                analyzer.for_each_term(black_box(t), &mut scratch, &mut |t| {
                    black_box(t);
                });
            }
        })
    });
    group.bench_function("fit_transform", |b| {
        b.iter(|| {
            let mut v = TfidfVectorizer::default();
            let x = v.fit_transform(black_box(&texts)).expect("fit");
            assert_eq!(x.n_rows(), texts.len());
        })
    });
    group.finish();
}

criterion_group!(benches, vectors);
criterion_main!(benches);
