//! Learning word clusters from unlabeled news: directional co-occurrence counts
//! (each neighbour up to `window` tokens away, left and right apart), positive
//! PMI with context-distribution smoothing, a truncated SVD (Levy, Goldberg &
//! Dagan 2015: PPMI-SVD matches skip-gram embeddings on word similarity), then
//! spherical k-means of the unit word vectors at each granularity.
//!
//! Everything is deterministic: ties are broken by the word, the random test
//! matrix and k-means seeding come from a fixed seed, and sums are taken in a
//! fixed order, so the clusters do not depend on the number of threads.

use super::clusters::{cluster_key, WordClusters};
use super::fold::fold;
use super::kmeans::spherical_kmeans;
use super::svd::{left_singular, Csr};
use crate::tokenize::tokens;
use crate::Result;
use rustc_hash::FxHashMap;

/// Options of [`WordClusters::train`].
///
/// ```
/// let o = warraq::entities::ClusterOptions::default();
/// assert_eq!((o.levels.as_slice(), o.kept_dims), ([64, 256, 1024].as_slice(), 50));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterOptions {
    /// Words seen fewer times get no cluster.
    pub min_count: u64,
    /// At most this many words (the most frequent) get a cluster.
    pub max_words: usize,
    /// The most frequent words serve as contexts.
    pub contexts: usize,
    /// Neighbours up to this many tokens away on each side count as contexts.
    pub window: usize,
    /// Dimensions of the word vectors.
    pub dims: usize,
    /// Number of clusters at each granularity.
    pub levels: Vec<u16>,
    /// Exponent of the context-count smoothing in PMI (0.75 as in word2vec).
    pub smoothing: f64,
    /// Power iterations of the randomised SVD.
    pub power_iterations: usize,
    /// Maximum k-means iterations per granularity.
    pub kmeans_iterations: usize,
    /// Seed of the SVD test matrix and of k-means seeding.
    pub seed: u64,
    /// Leading dimensions of the word vectors kept in the table (0: none), for
    /// the tagger's dense features (quantised to one byte each).
    pub kept_dims: usize,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            min_count: 5,
            max_words: 150_000,
            contexts: 10_000,
            window: 2,
            dims: 100,
            levels: vec![64, 256, 1024],
            smoothing: 0.75,
            power_iterations: 2,
            kmeans_iterations: 25,
            seed: 1_234_567,
            kept_dims: 50,
        }
    }
}

/// What [`WordClusters::train`] saw.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterReport {
    /// Tokens read.
    pub tokens: usize,
    /// Distinct words (cluster keys) read.
    pub vocabulary: usize,
    /// Words given a cluster.
    pub words: usize,
    /// Non-zero positive-PMI cells of the word × context matrix.
    pub nonzeros: usize,
    /// The leading singular values.
    pub singular_values: Vec<f32>,
}

/// The texts as streams of word ids (`u32::MAX` between texts) and the words.
fn intern<S: AsRef<str> + Sync>(texts: &[S]) -> (Vec<u32>, Vec<String>) {
    let mut ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut words = Vec::new();
    let mut stream = Vec::new();
    for chunk in texts.chunks(2048) {
        let keys: Vec<Vec<String>> = crate::parallel::map(chunk, |t| {
            let t = t.as_ref();
            tokens(t)
                .iter()
                .map(|tok| cluster_key(&fold(tok.as_str(t))))
                .filter(|k| !k.is_empty())
                .collect()
        });
        for text in keys {
            for k in text {
                let next = u32::try_from(words.len()).unwrap_or(u32::MAX - 1);
                let id = *ids.entry(k).or_insert_with_key(|k| {
                    words.push(k.clone());
                    next
                });
                stream.push(id);
            }
            stream.push(u32::MAX);
        }
    }
    (stream, words)
}

/// Positive PMI of directional co-occurrences: rows are the `rows` words (ids),
/// columns `(context, offset)` pairs of the `contexts` words plus a text boundary.
fn ppmi(stream: &[u32], n_words: usize, rows: &[u32], contexts: &[u32], o: &ClusterOptions) -> Csr {
    let mut row_of = vec![u32::MAX; n_words];
    for (r, &w) in rows.iter().enumerate() {
        row_of[w as usize] = u32::try_from(r).unwrap_or(u32::MAX);
    }
    let mut ctx_of = vec![u32::MAX; n_words];
    for (c, &w) in contexts.iter().enumerate() {
        ctx_of[w as usize] = u32::try_from(c).unwrap_or(u32::MAX);
    }
    let boundary = u32::try_from(contexts.len()).unwrap_or(u32::MAX);
    let slots = 2 * o.window;
    let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
    for (i, &w) in stream.iter().enumerate() {
        if w == u32::MAX || row_of[w as usize] == u32::MAX {
            continue;
        }
        let r = u64::from(row_of[w as usize]);
        let mut add = |c: u32, slot: usize| {
            if c != u32::MAX {
                let col = u64::from(c) * slots as u64 + slot as u64;
                *counts.entry(r << 32 | col).or_insert(0) += 1;
            }
        };
        // Left then right neighbours; the text boundary is a context of its own
        // and nothing beyond it is.
        for d in 1..=o.window {
            match i.checked_sub(d).map(|j| stream[j]) {
                Some(u32::MAX) | None => {
                    add(boundary, o.window - d);
                    break;
                }
                Some(v) => add(ctx_of[v as usize], o.window - d),
            }
        }
        for d in 1..=o.window {
            match stream.get(i + d) {
                Some(&u32::MAX) | None => {
                    add(boundary, o.window + d - 1);
                    break;
                }
                Some(&v) => add(ctx_of[v as usize], o.window + d - 1),
            }
        }
    }
    let mut cells: Vec<(u64, u32)> = counts.into_iter().collect();
    cells.sort_unstable_by_key(|c| c.0);
    let cols = (contexts.len() + 1) * slots;
    let mut row_sum = vec![0f64; rows.len()];
    let mut col_sum = vec![0f64; cols];
    for &(k, v) in &cells {
        row_sum[(k >> 32) as usize] += f64::from(v);
        col_sum[(k & 0xffff_ffff) as usize] += f64::from(v);
    }
    let smoothed: Vec<f64> = col_sum.iter().map(|c| c.powf(o.smoothing)).collect();
    let smoothed_total: f64 = smoothed.iter().sum();
    let mut m = Csr {
        rows: rows.len(),
        cols,
        ptr: vec![0; rows.len() + 1],
        idx: Vec::new(),
        val: Vec::new(),
    };
    for &(k, v) in &cells {
        let (r, c) = ((k >> 32) as usize, (k & 0xffff_ffff) as usize);
        let pmi = (f64::from(v) * smoothed_total / (row_sum[r] * smoothed[c])).ln();
        if pmi > 0.0 {
            #[allow(clippy::cast_possible_truncation)]
            {
                m.idx.push(c as u32);
                m.val.push(pmi as f32);
            }
            m.ptr[r + 1] += 1;
        }
    }
    for r in 0..rows.len() {
        m.ptr[r + 1] += m.ptr[r];
    }
    m
}

impl WordClusters {
    /// Learns clusters from unlabeled texts (see the module docs). Deterministic for
    /// given texts (in order) and options.
    ///
    /// ```
    /// use warraq::entities::{ClusterOptions, WordClusters};
    /// let mut texts = Vec::new();
    /// for city in ["دمشق", "حلب", "بيروت", "عمان"] {
    ///     for verb in ["زار", "وصل إلى", "غادر"] {
    ///         texts.push(format!("{verb} الوفد {city} أمس"));
    ///     }
    /// }
    /// let options = ClusterOptions { min_count: 1, contexts: 50, dims: 4, levels: vec![2], ..ClusterOptions::default() };
    /// let (clusters, report) = WordClusters::train(&texts, &options).unwrap();
    /// assert_eq!(report.tokens, 4 * 13);
    /// assert_eq!(clusters.get("دمشق"), clusters.get("حلب"));
    /// ```
    pub fn train<S: AsRef<str> + Sync>(
        texts: &[S],
        options: &ClusterOptions,
    ) -> Result<(WordClusters, ClusterReport)> {
        let (stream, words) = intern(texts);
        let mut counts = vec![0u64; words.len()];
        for &w in &stream {
            if w != u32::MAX {
                counts[w as usize] += 1;
            }
        }
        let mut ranked: Vec<u32> = (0..u32::try_from(words.len()).unwrap_or(u32::MAX)).collect();
        ranked.sort_by(|a, b| {
            counts[*b as usize]
                .cmp(&counts[*a as usize])
                .then_with(|| words[*a as usize].cmp(&words[*b as usize]))
        });
        let rows: Vec<u32> = ranked
            .iter()
            .copied()
            .take_while(|w| counts[*w as usize] >= options.min_count)
            .take(options.max_words)
            .collect();
        let contexts: Vec<u32> = ranked.iter().copied().take(options.contexts).collect();
        let m = ppmi(&stream, words.len(), &rows, &contexts, options);
        let (mut vectors, sigma) = left_singular(
            &m,
            options.dims,
            0.5,
            options.power_iterations,
            options.seed,
        );
        let dim = sigma.len().max(1);
        for v in vectors.chunks_mut(dim) {
            let n = super::kmeans::dot(v, v).sqrt();
            if n > 0.0 {
                v.iter_mut().for_each(|x| *x /= n);
            }
        }
        let mut ids = vec![0u16; rows.len() * options.levels.len()];
        for (li, &k) in options.levels.iter().enumerate() {
            let labels = spherical_kmeans(
                &vectors,
                dim,
                usize::from(k),
                options.kmeans_iterations,
                options.seed.wrapping_add(li as u64 + 1),
            );
            for (r, l) in labels.iter().enumerate() {
                ids[r * options.levels.len() + li] = u16::try_from(*l).unwrap_or(0);
            }
        }
        let n = options.levels.len();
        let pairs: Vec<(&str, &[u16])> = rows
            .iter()
            .enumerate()
            .map(|(r, w)| (words[*w as usize].as_str(), &ids[r * n..(r + 1) * n]))
            .collect();
        let mut clusters = WordClusters::from_keys(&options.levels, &pairs)?;
        let kept = options.kept_dims.min(dim);
        if kept > 0 {
            let mut short = Vec::with_capacity(rows.len() * kept);
            for v in vectors.chunks(dim) {
                let n = super::kmeans::dot(&v[..kept], &v[..kept]).sqrt();
                short.extend(v[..kept].iter().map(|x| if n > 0.0 { x / n } else { 0.0 }));
            }
            clusters.set_vectors(kept, &short);
        }
        let report = ClusterReport {
            tokens: stream.iter().filter(|w| **w != u32::MAX).count(),
            vocabulary: words.len(),
            words: rows.len(),
            nonzeros: m.val.len(),
            singular_values: sigma,
        };
        Ok((clusters, report))
    }
}
