//! Throughput of each pipeline stage on the bundled sample corpus (bytes/s).
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use warraq::normalize::Normalizer;

mod common;

/// The sample articles as one text, long enough to time.
fn sample_text() -> String {
    common::sample_articles().join("\n\n").repeat(20)
}

fn stages(c: &mut Criterion) {
    let text = sample_text();
    let normalizer = Normalizer::default();
    let expected_tokens = warraq::tokenize::tokens(&text).len();
    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("normalize", |b| {
        b.iter(|| {
            let out = normalizer.normalize(black_box(&text));
            assert!(!out.is_empty());
        })
    });
    group.bench_function("tokenize", |b| {
        b.iter(|| {
            assert_eq!(
                warraq::tokenize::tokens(black_box(&text)).len(),
                expected_tokens
            )
        })
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
