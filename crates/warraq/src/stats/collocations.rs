//! Collocations: contiguous n-grams of terms, or the terms within a window around
//! a node word or phrase, with PMI, log-likelihood and t-score.

use super::counts::{TermCounts, NONE};
use super::keyness::{Correction, Table};
use crate::analyze::{is_number, Analyzer, AnalyzerOptions, Scratch};
use crate::concordance::Concordancer;
use crate::tokenize::{tokens_into, Token, TokenKind};
use crate::{Error, Result};
use rustc_hash::FxHashMap;

/// What [`collocations`] counts.
///
/// ```
/// let o = warraq::stats::CollocationOptions::default();
/// assert_eq!((o.window, o.size, o.min_count), (5, 2, 2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CollocationOptions {
    /// Words on each side of the node (around a node).
    pub window: usize,
    /// Terms in a contiguous n-gram, 2 to 4 (without a node).
    pub size: usize,
    /// Fewest co-occurrences a row must have.
    pub min_count: u64,
}

impl Default for CollocationOptions {
    fn default() -> Self {
        CollocationOptions {
            window: 5,
            size: 2,
            min_count: 2,
        }
    }
}

/// One collocation: an n-gram, or a term seen around the node.
#[derive(Debug, Clone, PartialEq)]
pub struct Collocation {
    /// The term ids: the n-gram's, or the one collocate.
    pub terms: Vec<u32>,
    /// Observed co-occurrences `O`.
    pub count: u64,
    /// Expected co-occurrences `E` under independence.
    pub expected: f64,
    /// `log2(O / E)`.
    pub pmi: f64,
    /// Signed G² of the 2×2 table (positive: more than expected).
    pub g2: f64,
    /// `(O − E) / √O`.
    pub t: f64,
}

/// Collocations of the corpus `texts` counted as `counts` (the same texts, in the
/// same order), by decreasing G², then terms.
///
/// Without a node (`around` None), every contiguous n-gram of `size` terms (a
/// stopword or number between two terms breaks the n-gram): `O` is the n-gram's
/// count, and the table crosses "its first `size − 1` terms" (`R`, that prefix's
/// count at the start of an n-gram) with "its last term" (`C`, that term's count at
/// the end of one) over all `N` n-grams: `E = R C / N`.
///
/// Around a node (`around`: a [`Concordancer`] of the node word or phrase, so that
/// it matches on the folded, clitic-aware text), every term within `window` words
/// of a match (words of the node excluded; a stopword or number takes its place but
/// is not counted): `O` is the term's count in the windows, `W` the terms counted in
/// all windows, `C` the term's count in the corpus and `N` all terms counted:
/// `E = W C / N`.
///
/// ```
/// use warraq::concordance::{Concordancer, KwicOptions};
/// use warraq::stats::{collocations, CollocationOptions, CountOptions, TermCounts};
/// let texts = ["هاجم تنظيم الدولة المدينة", "انسحب تنظيم الدولة من المدينة", "زار الوزير المدينة"];
/// let options = CountOptions { sequences: true, ..Default::default() };
/// let counts = TermCounts::count(&texts, &options).unwrap();
/// let rows = collocations(&counts, &texts, None, &CollocationOptions::default()).unwrap();
/// let names: Vec<String> = rows[0].terms.iter().map(|&t| counts.term(t).to_owned()).collect();
/// assert_eq!(names, ["تنظيم", "دول"]);
/// let node = Concordancer::new(&["تنظيم الدولة"], KwicOptions::default()).unwrap();
/// let rows = collocations(&counts, &texts, Some(&node), &CollocationOptions::default()).unwrap();
/// assert_eq!(counts.term(rows[0].terms[0]), "مدين");
/// assert_eq!(rows[0].count, 2);
/// ```
pub fn collocations<S: AsRef<str> + Sync>(
    counts: &TermCounts,
    texts: &[S],
    around: Option<&Concordancer>,
    options: &CollocationOptions,
) -> Result<Vec<Collocation>> {
    if texts.len() != counts.n_docs() {
        return Err(Error::invalid_option(
            "texts",
            format!(
                "{} texts for counts of {} documents",
                texts.len(),
                counts.n_docs()
            ),
        ));
    }
    let mut rows = match around {
        Some(node) => around_node(counts, texts, node, options)?,
        None => ngrams(counts, options)?,
    };
    rows.retain(|r| r.count >= options.min_count.max(1));
    rows.sort_by(|a, b| b.g2.total_cmp(&a.g2).then_with(|| a.terms.cmp(&b.terms)));
    Ok(rows)
}

/// The statistics of one 2×2 table with `o` co-occurrences, margins `r`, `c` and
/// `n` in all.
fn scored(terms: Vec<u32>, o: u64, r: u64, c: u64, n: u64) -> Collocation {
    let (o_, r_, c_, n_) = (o as f64, r as f64, c as f64, n as f64);
    let table = Table {
        a: o_,
        b: c_ - o_,
        c: r_ - o_,
        d: (n_ - r_ - c_ + o_).max(0.0),
    };
    let expected = r_ * c_ / n_;
    Collocation {
        terms,
        count: o,
        expected,
        pmi: (o_ / expected).log2(),
        g2: table.g2(Correction::None),
        t: (o_ - expected) / o_.sqrt(),
    }
}

/// Packs up to four term ids into one key.
fn key(ids: &[u32]) -> u128 {
    ids.iter().fold(0u128, |k, &t| k << 32 | u128::from(t))
}

fn unkey(k: u128, n: usize) -> Vec<u32> {
    (0..n).rev().map(|i| (k >> (32 * i)) as u32).collect()
}

fn ngrams(counts: &TermCounts, options: &CollocationOptions) -> Result<Vec<Collocation>> {
    let n = options.size;
    if !(2..=4).contains(&n) {
        return Err(Error::invalid_option(
            "size",
            format!("size must be 2, 3 or 4, not {n}"),
        ));
    }
    if counts.sequence(0).is_none() && counts.n_docs() > 0 {
        return Err(Error::invalid_option(
            "sequences",
            "contiguous collocations need counts made with CountOptions::sequences",
        ));
    }
    let docs: Vec<usize> = (0..counts.n_docs()).collect();
    let parts = crate::parallel::map(&docs.chunks(256).collect::<Vec<_>>(), |chunk| {
        let mut grams: FxHashMap<u128, u64> = FxHashMap::default();
        for &d in *chunk {
            let seq = counts.sequence(d).unwrap_or(&[]);
            for w in seq.windows(n) {
                if !w.contains(&NONE) {
                    *grams.entry(key(w)).or_default() += 1;
                }
            }
        }
        grams
    });
    let mut grams: FxHashMap<u128, u64> = FxHashMap::default();
    for part in parts {
        for (k, c) in part {
            *grams.entry(k).or_default() += c;
        }
    }
    let mut prefix: FxHashMap<u128, u64> = FxHashMap::default();
    let mut last: FxHashMap<u32, u64> = FxHashMap::default();
    let mut total = 0u64;
    for (&k, &c) in &grams {
        *prefix.entry(k >> 32).or_default() += c;
        *last.entry(k as u32).or_default() += c;
        total += c;
    }
    Ok(grams
        .into_iter()
        .filter(|&(_, c)| c >= options.min_count)
        .map(|(k, c)| scored(unkey(k, n), c, prefix[&(k >> 32)], last[&(k as u32)], total))
        .collect())
}

fn around_node<S: AsRef<str> + Sync>(
    counts: &TermCounts,
    texts: &[S],
    node: &Concordancer,
    options: &CollocationOptions,
) -> Result<Vec<Collocation>> {
    let count_options = counts.options().ok_or_else(|| {
        Error::invalid_option("counts", "collocations around a node need counts of texts")
    })?;
    let analyzer = Analyzer::new(AnalyzerOptions {
        ngram_range: (1, 1),
        ..count_options.analyzer.clone()
    });
    let numbers = count_options.numbers;
    let docs: Vec<usize> = (0..texts.len()).collect();
    let parts = crate::parallel::map(&docs.chunks(64).collect::<Vec<_>>(), |chunk| {
        let mut found: FxHashMap<u32, u64> = FxHashMap::default();
        let mut in_windows = 0u64;
        let mut tokens: Vec<Token> = Vec::new();
        let mut scratch = Scratch::default();
        for &d in *chunk {
            let text = texts[d].as_ref();
            let spans = node.spans(text);
            if spans.is_empty() {
                continue;
            }
            tokens.clear();
            tokens_into(text, &mut tokens);
            tokens.retain(|t| {
                matches!(
                    t.kind,
                    TokenKind::Arabic
                        | TokenKind::Latin
                        | TokenKind::Number
                        | TokenKind::Hashtag
                        | TokenKind::Mention
                )
            });
            let mut is_node = vec![false; tokens.len()];
            let mut windows: Vec<usize> = Vec::new();
            for span in &spans {
                let first = tokens.partition_point(|t| t.end <= span.start);
                let last = tokens.partition_point(|t| t.start < span.end);
                if first >= last {
                    continue;
                }
                is_node[first..last].iter_mut().for_each(|x| *x = true);
                windows.extend(first.saturating_sub(options.window)..first);
                windows.extend(last..(last + options.window).min(tokens.len()));
            }
            for i in windows {
                if is_node[i] {
                    continue;
                }
                let t = &tokens[i];
                if t.kind == TokenKind::Number && !numbers {
                    continue;
                }
                analyzer.for_each_term(t.as_str(text), &mut scratch, &mut |term| {
                    if !numbers && is_number(term) {
                        return;
                    }
                    if let Some(id) = counts.id(term) {
                        *found.entry(id).or_default() += 1;
                        in_windows += 1;
                    }
                });
            }
        }
        (found, in_windows)
    });
    let mut found: FxHashMap<u32, u64> = FxHashMap::default();
    let mut in_windows = 0u64;
    for (part, w) in parts {
        in_windows += w;
        for (t, c) in part {
            *found.entry(t).or_default() += c;
        }
    }
    let total: u64 = counts.totals().iter().sum();
    Ok(found
        .into_iter()
        .filter(|&(_, c)| c >= options.min_count)
        .map(|(t, c)| scored(vec![t], c, in_windows, counts.total(t), total))
        .collect())
}
