//! Near-duplicate documents: word-shingle MinHash with LSH banding.

use super::minhash_signature::Permutations;
use super::mix::splitmix64;
use crate::normalize::Normalizer;
use crate::tokenize::tokens;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use std::borrow::Cow;
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
        if self.num_perm == 0 || self.bands == 0 || !self.num_perm.is_multiple_of(self.bands) {
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

/// Whether `to_lowercase` leaves `word` as it is, by a quick check: Arabic script
/// and ASCII without capitals have no case (anything else is lowered).
fn caseless(word: &str) -> bool {
    word.chars().all(|c| {
        if c.is_ascii() {
            !c.is_ascii_uppercase()
        } else {
            matches!(c, '\u{0600}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        }
    })
}

/// The hash of one shingle: the text `w1 w2 …` hashed as a `str`, mixed.
fn shingle_hash(text: &str) -> u64 {
    let mut h = FxHasher::default();
    text.hash(&mut h);
    splitmix64(h.finish())
}

/// Sorted distinct hashes of a text's word shingles: the hashes of the strings
/// [`shingles_of`] makes from [`shingle_words`], computed with one reused buffer
/// instead of a `String` per word and per shingle.
fn shingle_hashes(normalizer: &Normalizer, text: &str, size: usize) -> Vec<u64> {
    let text = normalizer.normalize(text);
    let words: Vec<Cow<'_, str>> = tokens(&text)
        .iter()
        .filter(|t| t.kind.is_word())
        .map(|t| {
            let w = t.as_str(&text);
            if caseless(w) {
                Cow::Borrowed(w)
            } else {
                Cow::Owned(w.to_lowercase())
            }
        })
        .collect();
    let mut buf = String::new();
    let mut hash_of = |window: &[Cow<'_, str>]| {
        buf.clear();
        for (n, w) in window.iter().enumerate() {
            if n > 0 {
                buf.push(' ');
            }
            buf.push_str(w);
        }
        shingle_hash(&buf)
    };
    let mut out: Vec<u64> = if words.len() < size {
        if words.is_empty() {
            Vec::new()
        } else {
            vec![hash_of(&words)]
        }
    } else {
        words.windows(size).map(hash_of).collect()
    };
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

/// The exact Jaccard similarity of two sorted, distinct shingle-hash sets (from
/// [`MinHasher::shingles`]) and the number of hashes they share.
///
/// ```
/// assert_eq!(warraq::vectors::jaccard(&[1, 2, 3], &[2, 3, 4]), (0.5, 2));
/// assert_eq!(warraq::vectors::jaccard(&[], &[]).1, 0);
/// ```
pub fn jaccard(a: &[u64], b: &[u64]) -> (f64, u32) {
    let shared = intersection(a, b);
    let union = a.len() + b.len() - shared;
    let score = if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    };
    (score, shared as u32)
}

/// The steps of [`near_duplicates`] one document at a time, for callers that
/// spread a corpus over processes or machines: shingle hashes, MinHash signature,
/// one LSH key per band. Two documents are candidates when they share the key of
/// some band `b`; [`jaccard`] of their shingle sets then decides. The same options
/// give the same values in every process.
///
/// ```
/// use warraq::vectors::{jaccard, MinHashOptions, MinHasher};
/// let h = MinHasher::new(&MinHashOptions::default()).unwrap();
/// let a = h.shingles("أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد");
/// let b = h.shingles("اعلنت وزارة الصحة، اليوم، عن افتتاح مستشفى جديد.");
/// assert_eq!(jaccard(&a, &b).0, 1.0);
/// let keys = h.band_keys(&h.signature(&a));
/// assert_eq!(keys.len(), 64);
/// assert_eq!(keys, h.band_keys(&h.signature(&b)));
/// assert!(MinHasher::new(&MinHashOptions { bands: 7, ..MinHashOptions::default() }).is_err());
/// ```
#[derive(Debug, Clone)]
pub struct MinHasher {
    normalizer: Normalizer,
    perms: Permutations,
    options: MinHashOptions,
}

impl MinHasher {
    /// A hasher for these options (checked with [`MinHashOptions::validate`]).
    pub fn new(options: &MinHashOptions) -> crate::Result<Self> {
        options.validate()?;
        let perms = Permutations::new(options.seed, options.num_perm);
        Ok(MinHasher {
            normalizer: Normalizer::default(),
            perms,
            options: options.clone(),
        })
    }

    /// The options.
    pub fn options(&self) -> &MinHashOptions {
        &self.options
    }

    /// Sorted distinct hashes of the text's word shingles (empty for a text without
    /// words).
    pub fn shingles(&self, text: &str) -> Vec<u64> {
        shingle_hashes(&self.normalizer, text, self.options.shingle_size)
    }

    /// The MinHash signature (`num_perm` values) of a shingle set.
    pub fn signature(&self, shingles: &[u64]) -> Vec<u64> {
        self.perms.signature(shingles)
    }

    /// The LSH key of each band of a signature (`bands` values).
    pub fn band_keys(&self, signature: &[u64]) -> Vec<u64> {
        let rows = self.options.num_perm / self.options.bands;
        signature
            .chunks(rows)
            .map(|band| {
                let mut h = FxHasher::default();
                band.hash(&mut h);
                h.finish()
            })
            .collect()
    }
}

/// Pairs of `texts` whose word-shingle sets have a Jaccard similarity of at least
/// `options.threshold`. Candidates come from MinHash signatures banded into LSH
/// buckets (parallel; no `n × n` comparison), then each candidate's exact Jaccard is
/// computed, so reported scores are exact; a pair below the LSH curve can be missed
/// (rarely, for scores well above `(1 / bands) ^ (bands / num_perm)`). The steps are
/// those of [`MinHasher`] and [`jaccard`].
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
/// shingle set and band keys in parallel (with a [`MinHasher`]),
/// [`MinHashIndex::pairs`] buckets the keys and checks the candidates with
/// [`jaccard`]. Rows are numbered in the order added, and the pairs equal those of
/// one [`near_duplicates`] call over all the texts.
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
    hasher: MinHasher,
    sets: Vec<Vec<u64>>,
    keys: Vec<Vec<u64>>,
}

impl MinHashIndex {
    /// An empty index; invalid options are an [`crate::Error::InvalidOption`].
    pub fn new(options: MinHashOptions) -> crate::Result<Self> {
        Ok(MinHashIndex {
            hasher: MinHasher::new(&options)?,
            sets: Vec::new(),
            keys: Vec::new(),
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

    /// Adds texts (in parallel): their shingle sets and LSH band keys.
    pub fn add<S: AsRef<str> + Sync>(&mut self, texts: &[S]) {
        let hasher = &self.hasher;
        let done = crate::parallel::map(texts, |t| {
            let set = hasher.shingles(t.as_ref());
            let keys = hasher.band_keys(&hasher.signature(&set));
            (set, keys)
        });
        for (set, keys) in done {
            self.sets.push(set);
            self.keys.push(keys);
        }
    }

    /// The pairs of texts added so far whose Jaccard similarity reaches the
    /// threshold (see [`near_duplicates`]), sorted by `(i, j)`.
    pub fn pairs(&self) -> Vec<NearDuplicate> {
        let (sets, keys) = (&self.sets, &self.keys);
        let options = self.hasher.options();
        let bands: Vec<usize> = (0..options.bands).collect();
        let per_band = crate::parallel::map(&bands, |&b| {
            let mut buckets: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
            for (d, doc_keys) in keys.iter().enumerate() {
                if sets[d].is_empty() {
                    continue;
                }
                buckets.entry(doc_keys[b]).or_default().push(d as u32);
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
            let (score, shared) = jaccard(&sets[a as usize], &sets[b as usize]);
            NearDuplicate {
                i: a,
                j: b,
                score,
                shared,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The buffered shingle hashes are those of the strings `shingles_of` makes
    /// (the definition), Latin capitals, short texts and repeats included.
    #[test]
    fn shingle_hashes_hash_the_shingle_strings() {
        let normalizer = Normalizer::default();
        for text in [
            "",
            "كلمة",
            "قال الوزير إن الاقتصاد ينمو، قال الوزير إن الاقتصاد ينمو",
            "أعلنت Saudi Aramco عن NEW أرباح ΣΊΣΥΦΟΣ في 2015 Ünïcode",
            "الرياض - واس: بدأت اليوم فعاليات المعرض الدولي للكتاب",
        ] {
            for size in 1..4 {
                let mut want: Vec<u64> = shingles_of(&shingle_words(&normalizer, text), size)
                    .iter()
                    .map(|s| shingle_hash(s))
                    .collect();
                want.sort_unstable();
                want.dedup();
                assert_eq!(
                    shingle_hashes(&normalizer, text, size),
                    want,
                    "{text:?} {size}"
                );
            }
        }
    }

    /// The steps of `MinHasher`, bucketed by (band, key) across two halves of a
    /// corpus, find the pairs of `near_duplicates`.
    #[test]
    fn hasher_steps_give_near_duplicates() {
        let texts: Vec<String> = (0..40)
            .map(|i| {
                format!(
                    "قال الوزير اليوم إن مشروع المياه رقم {} بدأ في المدينة {} وسيكتمل العام المقبل",
                    i % 7,
                    i % 5
                )
            })
            .collect();
        let options = MinHashOptions::default();
        let want = near_duplicates(&texts, &options).unwrap();
        assert!(!want.is_empty());
        let h = MinHasher::new(&options).unwrap();
        let sets: Vec<Vec<u64>> = texts.iter().map(|t| h.shingles(t)).collect();
        let mut buckets: FxHashMap<(usize, u64), Vec<u32>> = FxHashMap::default();
        for (d, set) in sets.iter().enumerate() {
            for (b, k) in h.band_keys(&h.signature(set)).into_iter().enumerate() {
                buckets.entry((b, k)).or_default().push(d as u32);
            }
        }
        let mut pairs: Vec<(u32, u32)> = buckets
            .values()
            .flat_map(|docs| {
                docs.iter()
                    .enumerate()
                    .flat_map(move |(x, &a)| docs[x + 1..].iter().map(move |&b| (a, b)))
            })
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let got: Vec<NearDuplicate> = pairs
            .into_iter()
            .filter_map(|(i, j)| {
                let (score, shared) = jaccard(&sets[i as usize], &sets[j as usize]);
                (score >= options.threshold).then_some(NearDuplicate {
                    i,
                    j,
                    score,
                    shared,
                })
            })
            .collect();
        assert_eq!(got, want);
    }
}
