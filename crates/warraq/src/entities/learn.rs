//! Training the tagger: an averaged structured perceptron (Collins 2002) over the
//! hashed sparse features and, when the word clusters carry vectors, dense
//! weights on the word vectors of each token and its neighbours.

#![allow(clippy::needless_range_loop)] // tag indices address several parallel arrays

use super::clusters::{slot_vectors, WordClusters};
use super::features::{sentence_features, FeatureContext, FeatureSet};
use super::perceptron::{add_dense, viterbi, EmitTable, Tagger, DENSE_WINDOW, NT};
use super::profiles::CorpusProfiles;
use std::sync::Arc;

/// Index of the sentence-start state in the transition rows.
const START: usize = NT;

/// A sentence for training: words and gold tag indices.
pub(crate) struct Example {
    pub words: Vec<String>,
    pub tags: Vec<usize>,
}

/// What [`train`] needs besides the examples.
pub(crate) struct Learner {
    pub bits: u32,
    pub features: FeatureSet,
    pub clusters: Option<Arc<WordClusters>>,
    pub profiles: Option<Arc<CorpusProfiles>>,
    pub epochs: usize,
    pub seed: u64,
    /// Feature rows whose averaged weights are all below this are dropped.
    pub prune: f32,
}

/// Weights and their running sums for averaging (Daumé's trick: the average is
/// `w - u / c` with `u` the sum of `c × update`).
struct Averaged {
    w: Vec<f32>,
    u: Vec<f32>,
}

impl Averaged {
    fn new(n: usize) -> Self {
        Averaged {
            w: vec![0.0; n],
            u: vec![0.0; n],
        }
    }
    #[inline]
    fn add(&mut self, k: usize, x: f32, c: f32) {
        self.w[k] += x;
        self.u[k] += c * x;
    }
    fn average(&self, k: usize, c: f32) -> f32 {
        self.w[k] - self.u[k] / c
    }
}

struct Prepared {
    feats: Vec<u32>,
    offsets: Vec<usize>,
    vectors: Vec<f32>,
}

fn prepare(examples: &[Example], l: &Learner) -> Vec<Prepared> {
    crate::parallel::map(examples, |ex| {
        let profiles = l.profiles.as_deref();
        let words: Vec<&str> = ex.words.iter().map(String::as_str).collect();
        let mut feats = Vec::new();
        let mut offsets = vec![0];
        let ctx = FeatureContext {
            bits: l.bits,
            set: l.features,
            clusters: l.clusters.as_deref(),
            profiles,
        };
        let slots = sentence_features(&words, &ctx, &mut feats, &mut offsets);
        let vectors = match (&l.clusters, l.features.dense) {
            (Some(c), true) => slot_vectors(c, &slots),
            _ => Vec::new(),
        };
        Prepared {
            feats,
            offsets,
            vectors,
        }
    })
}

/// Trains; `on_epoch(epoch, tagger)` is called after each epoch with the
/// averaged weights so far (for dev scores).
///
/// One function for the whole averaged-perceptron loop (epochs, shuffled order,
/// decode, update, averaging): the weights and their running sums are updated
/// together at each step, and split apart they would be passed back and forth.
pub(crate) fn train(
    examples: &[Example],
    l: &Learner,
    mut on_epoch: impl FnMut(usize, &Tagger),
) -> Tagger {
    let size = 1usize << l.bits;
    let dims = match (&l.clusters, l.features.dense) {
        (Some(c), true) => c.dims(),
        _ => 0,
    };
    let prepared = prepare(examples, l);
    let mut emit = Averaged::new(size * NT);
    let mut trans = Averaged::new((NT + 1) * NT);
    let mut dense = Averaged::new(DENSE_WINDOW * dims * NT);
    let mut c = 1.0f32;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = l.seed | 1;
    let average = |emit: &Averaged, trans: &Averaged, dense: &Averaged, c: f32| {
        let mut t = [[0.0f32; NT]; NT + 1];
        for p in 0..=NT {
            for q in 0..NT {
                t[p][q] = trans.average(p * NT + q, c);
            }
        }
        let mut rows = Vec::new();
        for k in 0..size {
            let mut row = [0.0f32; NT];
            let mut keep = false;
            for q in 0..NT {
                row[q] = emit.average(k * NT + q, c);
                keep |= row[q].abs() > l.prune;
            }
            if keep {
                #[allow(clippy::cast_possible_truncation)]
                rows.push((k as u32, row));
            }
        }
        Tagger {
            bits: l.bits,
            trans: t,
            emit: EmitTable::with_rows(rows),
            temperature: 1.0,
            features: l.features,
            clusters: l.clusters.clone(),
            profiles: l.profiles.clone(),
            dense: (0..dense.w.len()).map(|k| dense.average(k, c)).collect(),
        }
    };
    for epoch in 0..l.epochs {
        // Fisher-Yates with a fixed xorshift seed: reproducible order.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            #[allow(clippy::cast_possible_truncation)]
            let j = (rng % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &s in &order {
            let p = &prepared[s];
            let gold = &examples[s].tags;
            let n = gold.len();
            let mut em: Vec<[f32; NT]> = (0..n)
                .map(|i| {
                    let mut row = [0.0f32; NT];
                    for &k in &p.feats[p.offsets[i]..p.offsets[i + 1]] {
                        let base = k as usize * NT;
                        for t in 0..NT {
                            row[t] += emit.w[base + t];
                        }
                    }
                    row
                })
                .collect();
            if dims > 0 {
                add_dense(&dense.w, &p.vectors, dims, &mut em);
            }
            let mut tw = [[0.0f32; NT]; NT + 1];
            for q in 0..=NT {
                tw[q].copy_from_slice(&trans.w[q * NT..(q + 1) * NT]);
            }
            let pred = viterbi(&tw, &em);
            if pred != *gold {
                for i in 0..n {
                    let (g, q) = (gold[i], pred[i]);
                    if g != q {
                        for &k in &p.feats[p.offsets[i]..p.offsets[i + 1]] {
                            let base = k as usize * NT;
                            emit.add(base + g, 1.0, c);
                            emit.add(base + q, -1.0, c);
                        }
                        for pos in 0..DENSE_WINDOW {
                            let Some(j) =
                                (i + pos).checked_sub(DENSE_WINDOW / 2).filter(|j| *j < n)
                            else {
                                continue;
                            };
                            for d in 0..dims {
                                let x = p.vectors[j * dims + d];
                                if x != 0.0 {
                                    dense.add((pos * NT + g) * dims + d, x, c);
                                    dense.add((pos * NT + q) * dims + d, -x, c);
                                }
                            }
                        }
                    }
                    let gp = if i == 0 { START } else { gold[i - 1] };
                    let pp = if i == 0 { START } else { pred[i - 1] };
                    if g != q || gp != pp {
                        trans.add(gp * NT + g, 1.0, c);
                        trans.add(pp * NT + q, -1.0, c);
                    }
                }
            }
            c += 1.0;
        }
        if epoch + 1 < l.epochs {
            on_epoch(epoch + 1, &average(&emit, &trans, &dense, c));
        }
    }
    let tagger = average(&emit, &trans, &dense, c);
    on_epoch(l.epochs, &tagger);
    tagger
}
