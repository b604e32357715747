//! Near-duplicate documents: word-shingle MinHash with LSH banding.

use crate::normalize::Normalizer;
use crate::tokenize::tokens;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use std::hash::{Hash, Hasher};

/// How [`near_duplicates`] compares documents.
///
/// ```
/// let o = warraq::vectors::MinHashOptions::default();
/// assert_eq!((o.shingle_size, o.num_perm, o.bands), (2, 128, 64));
/// assert!(o.validate().is_ok());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct MinHashOptions {
    /// Words per shingle.
    pub shingle_size: usize,
    /// Hash functions in a signature.
    pub num_perm: usize,
    /// LSH bands (`num_perm` must be a multiple): more bands find pairs of lower
    /// similarity, at the cost of more candidates to check.
    pub bands: usize,
    /// Smallest Jaccard similarity of shingle sets reported.
    pub threshold: f64,
    /// Seed of the hash functions.
    pub seed: u64,
}

impl Default for MinHashOptions {
    fn default() -> Self {
        MinHashOptions {
            shingle_size: 2,
            num_perm: 128,
            bands: 64,
            threshold: 0.2,
            seed: 0x5741_5252_4151,
        }
    }
}

impl MinHashOptions {
    /// Checks the sizes and the threshold.
    pub fn validate(&self) -> crate::Result<()> {
        let bad = |name: &str, m: &str| Err(crate::Error::invalid_option(name, m));
        if self.shingle_size == 0 {
            return bad("shingle_size", "shingle_size must be >= 1");
        }
        if self.num_perm == 0 || self.bands == 0 || self.num_perm % self.bands != 0 {
            return bad("bands", "num_perm must be a positive multiple of bands");
        }
        if !(0.0..=1.0).contains(&self.threshold) {
            return bad("threshold", "threshold must be in [0, 1]");
        }
        Ok(())
    }
}

/// A near-duplicate pair: rows `i < j`, the Jaccard similarity of their shingle
/// sets and the number of shingles they share.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NearDuplicate {
    /// First document.
    pub i: u32,
    /// Second document.
    pub j: u32,
    /// Jaccard similarity of the shingle sets (exact, checked after LSH).
    pub score: f64,
    /// Shingles in both.
    pub shared: u32,
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The words shingles are made of: normalised word tokens (stopwords kept, no
/// stemming), so that reprints with different punctuation or spelling of hamzas
/// still match.
fn shingle_words(normalizer: &Normalizer, text: &str) -> Vec<String> {
    let text = normalizer.normalize(text);
    tokens(&text)
        .iter()
        .filter(|t| t.kind.is_word())
        .map(|t| t.as_str(&text).to_lowercase())
        .collect()
}

fn shingles_of(words: &[String], size: usize) -> Vec<String> {
    if words.len() < size {
        return if words.is_empty() {
            Vec::new()
        } else {
            vec![words.join(" ")]
        };
    }
    words.windows(size).map(|w| w.join(" ")).collect()
}

/// Sorted distinct hashes of a text's word shingles.
fn shingle_hashes(normalizer: &Normalizer, text: &str, size: usize) -> Vec<u64> {
    let mut out: Vec<u64> = shingles_of(&shingle_words(normalizer, text), size)
        .iter()
        .map(|s| {
            let mut h = FxHasher::default();
            s.hash(&mut h);
            splitmix(h.finish())
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Pairs of `texts` whose word-shingle sets have a Jaccard similarity of at least
/// `options.threshold`. Candidates come from MinHash signatures banded into LSH
/// buckets (parallel; no `n × n` comparison), then each candidate's exact Jaccard is
/// computed, so reported scores are exact; a pair below the LSH curve can be missed
/// (rarely, for scores well above `(1 / bands) ^ (bands / num_perm)`).
///
/// ```
/// use warraq::vectors::{near_duplicates, MinHashOptions};
/// let texts = [
///     "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة جدة",
///     "اعلنت وزارة الصحة، اليوم، عن افتتاح مستشفى جديد في مدينة جدة.",
///     "ارتفعت أسعار النفط في الأسواق العالمية",
/// ];
/// let pairs = near_duplicates(&texts, &MinHashOptions::default()).unwrap();
/// assert_eq!(pairs.len(), 1);
/// assert_eq!((pairs[0].i, pairs[0].j), (0, 1));
/// assert_eq!(pairs[0].score, 1.0);
/// ```
pub fn near_duplicates<S: AsRef<str> + Sync>(
    texts: &[S],
    options: &MinHashOptions,
) -> crate::Result<Vec<NearDuplicate>> {
    let mut index = MinHashIndex::new(options.clone())?;
    index.add(texts);
    Ok(index.pairs())
}

/// [`near_duplicates`] in two steps, so a caller can feed the texts in batches (and
/// show progress, or stop between them): [`MinHashIndex::add`] computes each text's
/// shingle set and signature in parallel, [`MinHashIndex::pairs`] bands the
/// signatures and checks the candidates. Rows are numbered in the order added, and
/// the pairs equal those of one [`near_duplicates`] call over all the texts.
///
/// ```
/// use warraq::vectors::{near_duplicates, MinHashIndex, MinHashOptions};
/// let texts = [
///     "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة جدة",
///     "ارتفعت أسعار النفط في الأسواق العالمية",
///     "اعلنت وزارة الصحة، اليوم، عن افتتاح مستشفى جديد في مدينة جدة.",
/// ];
/// let mut index = MinHashIndex::new(MinHashOptions::default()).unwrap();
/// index.add(&texts[..2]);
/// index.add(&texts[2..]);
/// assert_eq!(index.len(), 3);
/// assert_eq!(index.pairs(), near_duplicates(&texts, &MinHashOptions::default()).unwrap());
/// ```
#[derive(Debug, Clone)]
pub struct MinHashIndex {
    options: MinHashOptions,
    normalizer: Normalizer,
    seeds: Vec<u64>,
    sets: Vec<Vec<u64>>,
    signatures: Vec<Vec<u64>>,
}

impl MinHashIndex {
    /// An empty index; invalid options are an [`crate::Error::InvalidOption`].
    pub fn new(options: MinHashOptions) -> crate::Result<Self> {
        options.validate()?;
        let seeds: Vec<u64> = (0..options.num_perm as u64)
            .map(|p| splitmix(options.seed ^ splitmix(p)))
            .collect();
        Ok(MinHashIndex {
            options,
            normalizer: Normalizer::default(),
            seeds,
            sets: Vec::new(),
            signatures: Vec::new(),
        })
    }

    /// Number of texts added.
    pub fn len(&self) -> usize {
        self.sets.len()
    }

    /// Whether no text was added.
    pub fn is_empty(&self) -> bool {
        self.sets.is_empty()
    }

    /// Adds texts (in parallel): their shingle sets and MinHash signatures.
    pub fn add<S: AsRef<str> + Sync>(&mut self, texts: &[S]) {
        let size = self.options.shingle_size;
        let normalizer = &self.normalizer;
        let sets = crate::parallel::map(texts, |t| shingle_hashes(normalizer, t.as_ref(), size));
        let seeds = &self.seeds;
        let signatures = crate::parallel::map(&sets, |set| {
            seeds
                .iter()
                .map(|&s| {
                    set.iter()
                        .map(|&h| splitmix(h ^ s))
                        .min()
                        .unwrap_or(u64::MAX)
                })
                .collect::<Vec<u64>>()
        });
        self.sets.extend(sets);
        self.signatures.extend(signatures);
    }

    /// The pairs of texts added so far whose Jaccard similarity reaches the
    /// threshold (see [`near_duplicates`]), sorted by `(i, j)`.
    pub fn pairs(&self) -> Vec<NearDuplicate> {
        let (sets, signatures, options) = (&self.sets, &self.signatures, &self.options);
        let rows = options.num_perm / options.bands;
        let bands: Vec<usize> = (0..options.bands).collect();
        let per_band = crate::parallel::map(&bands, |&b| {
            let mut buckets: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
            for (d, sig) in signatures.iter().enumerate() {
                if sets[d].is_empty() {
                    continue;
                }
                let mut h = FxHasher::default();
                sig[b * rows..(b + 1) * rows].hash(&mut h);
                buckets.entry(h.finish()).or_default().push(d as u32);
            }
            let mut pairs = Vec::new();
            for docs in buckets.values().filter(|d| d.len() > 1) {
                for (x, &a) in docs.iter().enumerate() {
                    for &b in &docs[x + 1..] {
                        pairs.push((a, b));
                    }
                }
            }
            pairs
        });
        let mut candidates: FxHashSet<(u32, u32)> = FxHashSet::default();
        for pairs in per_band {
            candidates.extend(pairs);
        }
        let mut candidates: Vec<(u32, u32)> = candidates.into_iter().collect();
        candidates.sort_unstable();
        let checked = crate::parallel::map(&candidates, |&(a, b)| {
            let (sa, sb) = (&sets[a as usize], &sets[b as usize]);
            let shared = intersection(sa, sb);
            let score = shared as f64 / (sa.len() + sb.len() - shared) as f64;
            NearDuplicate {
                i: a,
                j: b,
                score,
                shared: shared as u32,
            }
        });
        checked
            .into_iter()
            .filter(|p| p.score >= options.threshold)
            .collect()
    }
}

/// Why two texts are near-duplicates: their shingles, shared and not.
#[derive(Debug, Clone, PartialEq)]
pub struct ShingleOverlap {
    /// Shingles in both texts, in the order they appear in the first.
    pub shared: Vec<String>,
    /// Distinct shingles of the first text.
    pub n_a: usize,
    /// Distinct shingles of the second text.
    pub n_b: usize,
    /// `|shared| / |union|`.
    pub jaccard: f64,
}

/// Compares two texts shingle by shingle, as [`near_duplicates`] does.
///
/// ```
/// use warraq::vectors::shingle_overlap;
/// let o = shingle_overlap("قال الوزير إن الاقتصاد ينمو", "أكد الوزير أن الاقتصاد ينمو", 2);
/// // إن and أن both normalise to ان
/// assert_eq!(o.shared, ["الوزير ان", "ان الاقتصاد", "الاقتصاد ينمو"]);
/// assert_eq!((o.n_a, o.n_b), (4, 4));
/// assert!((o.jaccard - 3.0 / 5.0).abs() < 1e-12);
/// ```
pub fn shingle_overlap(a: &str, b: &str, shingle_size: usize) -> ShingleOverlap {
    let normalizer = Normalizer::default();
    let size = shingle_size.max(1);
    let sa = shingles_of(&shingle_words(&normalizer, a), size);
    let sb: FxHashSet<String> = shingles_of(&shingle_words(&normalizer, b), size)
        .into_iter()
        .collect();
    let mut seen = FxHashSet::default();
    let shared: Vec<String> = sa
        .iter()
        .filter(|s| sb.contains(*s) && seen.insert(*s))
        .cloned()
        .collect();
    let n_a = sa.iter().collect::<FxHashSet<_>>().len();
    let union = n_a + sb.len() - shared.len();
    let jaccard = if union == 0 {
        0.0
    } else {
        shared.len() as f64 / union as f64
    };
    ShingleOverlap {
        shared,
        n_a,
        n_b: sb.len(),
        jaccard,
    }
}
