//! An averaged structured perceptron over BIO tags with first-order Viterbi
//! decoding, hashed features and a compact, versioned model file.

#![allow(clippy::needless_range_loop)] // tag indices address several parallel arrays

use super::features::sentence_features;
use crate::codec::ByteReader;
use crate::{Error, Result};
use std::path::Path;

/// The BIO tags of the statistical model, in weight-row order.
pub(crate) const TAGS: [&str; 9] = [
    "O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC",
];
pub(crate) const NT: usize = TAGS.len();
const START: usize = NT;
const MAGIC: &[u8; 9] = b"WARRAQNER";
/// Version of the model file format.
pub(crate) const FORMAT_VERSION: u32 = 1;

pub(crate) fn tag_index(tag: &str) -> Option<usize> {
    TAGS.iter().position(|t| *t == tag)
}

/// Whether tag `cur` may follow tag `prev` (`START` for the sentence start):
/// `I-X` only continues `B-X` or `I-X`.
fn allowed(prev: usize, cur: usize) -> bool {
    if cur == 0 || cur % 2 == 1 {
        return true;
    }
    prev != START && prev != 0 && prev.div_ceil(2) == cur / 2
}

/// Emission weights: an open-addressed table from feature id to a row of `NT` weights.
#[derive(Clone)]
struct EmitTable {
    keys: Vec<u32>,
    rows: Vec<[f32; NT]>,
    mask: usize,
}

impl EmitTable {
    fn with_rows(entries: Vec<(u32, [f32; NT])>) -> Self {
        let cap = (entries.len() * 2).next_power_of_two().max(16);
        let mut t = EmitTable {
            keys: vec![u32::MAX; cap],
            rows: vec![[0.0; NT]; cap],
            mask: cap - 1,
        };
        for (k, row) in entries {
            let mut slot = Self::slot(k) & t.mask;
            while t.keys[slot] != u32::MAX {
                slot = (slot + 1) & t.mask;
            }
            t.keys[slot] = k;
            t.rows[slot] = row;
        }
        t
    }
    fn slot(k: u32) -> usize {
        (k.wrapping_mul(0x9E37_79B9) >> 7) as usize
    }
    #[inline]
    fn get(&self, k: u32) -> Option<&[f32; NT]> {
        let mut slot = Self::slot(k) & self.mask;
        loop {
            let key = self.keys[slot];
            if key == k {
                return Some(&self.rows[slot]);
            }
            if key == u32::MAX {
                return None;
            }
            slot = (slot + 1) & self.mask;
        }
    }
    fn len(&self) -> usize {
        self.keys.iter().filter(|k| **k != u32::MAX).count()
    }
}

/// A trained tagger.
#[derive(Clone)]
pub(crate) struct Tagger {
    bits: u32,
    trans: [[f32; NT]; NT + 1],
    emit: EmitTable,
    /// Scores are divided by this before computing marginals (fitted on dev data
    /// so that confidences are calibrated; 1 when there was none).
    temperature: f32,
}

/// Tags predicted for one sentence and each tag's marginal probability.
pub(crate) struct Tagged {
    pub tags: Vec<usize>,
    pub confidence: Vec<f32>,
}

fn viterbi(trans: &[[f32; NT]; NT + 1], emissions: &[[f32; NT]]) -> Vec<usize> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    let mut score = vec![[f32::NEG_INFINITY; NT]; n];
    let mut back = vec![[0u8; NT]; n];
    for t in 0..NT {
        if allowed(START, t) {
            score[0][t] = trans[START][t] + emissions[0][t];
        }
    }
    for i in 1..n {
        for t in 0..NT {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0;
            for p in 0..NT {
                if !allowed(p, t) {
                    continue;
                }
                let s = score[i - 1][p] + trans[p][t];
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            score[i][t] = best + emissions[i][t];
            #[allow(clippy::cast_possible_truncation)]
            {
                back[i][t] = arg as u8;
            }
        }
    }
    let mut tags = vec![0; n];
    let mut best = f32::NEG_INFINITY;
    for t in 0..NT {
        if score[n - 1][t] > best {
            best = score[n - 1][t];
            tags[n - 1] = t;
        }
    }
    for i in (1..n).rev() {
        tags[i - 1] = back[i][tags[i]] as usize;
    }
    tags
}

fn log_sum_exp(xs: impl Iterator<Item = f32>) -> f32 {
    let v: Vec<f32> = xs.collect();
    let m = v.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    if m == f32::NEG_INFINITY {
        return m;
    }
    m + v.iter().map(|x| (x - m).exp()).sum::<f32>().ln()
}

/// Marginal probability of `tags[i]` at each position, treating the perceptron's
/// scores as the potentials of a linear-chain model.
fn marginals(trans: &[[f32; NT]; NT + 1], em: &[[f32; NT]], tags: &[usize]) -> Vec<f32> {
    let n = em.len();
    let mut alpha = vec![[f32::NEG_INFINITY; NT]; n];
    let mut beta = vec![[0.0f32; NT]; n];
    for t in 0..NT {
        if allowed(START, t) {
            alpha[0][t] = trans[START][t] + em[0][t];
        }
    }
    for i in 1..n {
        for t in 0..NT {
            alpha[i][t] = em[i][t]
                + log_sum_exp(
                    (0..NT)
                        .filter(|p| allowed(*p, t))
                        .map(|p| alpha[i - 1][p] + trans[p][t]),
                );
        }
    }
    for i in (0..n.saturating_sub(1)).rev() {
        for p in 0..NT {
            beta[i][p] = log_sum_exp(
                (0..NT)
                    .filter(|t| allowed(p, *t))
                    .map(|t| trans[p][t] + em[i + 1][t] + beta[i + 1][t]),
            );
        }
    }
    let z = log_sum_exp((0..NT).map(|t| alpha[n - 1][t]));
    (0..n)
        .map(|i| {
            (alpha[i][tags[i]] + beta[i][tags[i]] - z)
                .exp()
                .clamp(0.0, 1.0)
        })
        .collect()
}

impl Tagger {
    fn emissions(&self, words: &[&str]) -> Vec<[f32; NT]> {
        let mut feats = Vec::with_capacity(words.len() * 48);
        let mut offsets = Vec::with_capacity(words.len() + 1);
        offsets.push(0);
        sentence_features(words, self.bits, &mut feats, &mut offsets);
        (0..words.len())
            .map(|i| {
                let mut row = [0.0f32; NT];
                for f in &feats[offsets[i]..offsets[i + 1]] {
                    if let Some(w) = self.emit.get(*f) {
                        for t in 0..NT {
                            row[t] += w[t];
                        }
                    }
                }
                row
            })
            .collect()
    }

    fn tempered_marginals(&self, em: &[[f32; NT]], tags: &[usize], temperature: f32) -> Vec<f32> {
        let mut trans = self.trans;
        for row in &mut trans {
            for w in row.iter_mut() {
                *w /= temperature;
            }
        }
        let em: Vec<[f32; NT]> = em.iter().map(|r| r.map(|w| w / temperature)).collect();
        marginals(&trans, &em, tags)
    }

    /// Tags one sentence of words.
    pub(crate) fn tag(&self, words: &[&str]) -> Tagged {
        let em = self.emissions(words);
        let tags = viterbi(&self.trans, &em);
        let confidence = if tags.iter().any(|t| *t != 0) {
            self.tempered_marginals(&em, &tags, self.temperature)
        } else {
            vec![1.0; tags.len()]
        };
        Tagged { tags, confidence }
    }

    /// Picks the temperature (from a grid) that maximises the likelihood of the
    /// gold tags of `dev` under the tempered marginals.
    pub(crate) fn calibrate(&mut self, dev: &[Example]) {
        let ems: Vec<Vec<[f32; NT]>> = dev
            .iter()
            .map(|ex| {
                let words: Vec<&str> = ex.words.iter().map(String::as_str).collect();
                self.emissions(&words)
            })
            .collect();
        let mut best = (f64::INFINITY, 1.0f32);
        for t in [1.0f32, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 16.0, 24.0, 32.0] {
            let mut nll = 0.0f64;
            for (ex, em) in dev.iter().zip(&ems) {
                if em.is_empty() {
                    continue;
                }
                for p in self.tempered_marginals(em, &ex.tags, t) {
                    nll -= f64::from(p.max(1e-6)).ln();
                }
            }
            if nll < best.0 {
                best = (nll, t);
            }
        }
        self.temperature = best.1;
    }

    /// Number of feature rows kept.
    pub(crate) fn n_rows(&self) -> usize {
        self.emit.len()
    }

    /// Serialises to the model file format (little-endian, checksummed).
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut rows: Vec<(u32, [f32; NT])> = self
            .emit
            .keys
            .iter()
            .zip(&self.emit.rows)
            .filter(|(k, _)| **k != u32::MAX)
            .map(|(k, r)| (*k, *r))
            .collect();
        rows.sort_by_key(|r| r.0);
        let max = rows
            .iter()
            .flat_map(|r| r.1)
            .fold(0.0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut out = Vec::with_capacity(64 + rows.len() * (4 + 2 * NT));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&self.bits.to_le_bytes());
        #[allow(clippy::cast_possible_truncation)]
        out.extend_from_slice(&(NT as u32).to_le_bytes());
        for row in &self.trans {
            for w in row {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        out.extend_from_slice(&self.temperature.to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        #[allow(clippy::cast_possible_truncation)]
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        let mut prev = 0u32;
        for (k, row) in &rows {
            // keys are sorted: store the gap, which is small, as a varint
            let mut gap = k - prev;
            prev = *k;
            loop {
                #[allow(clippy::cast_possible_truncation)]
                let byte = (gap & 0x7f) as u8;
                gap >>= 7;
                if gap == 0 {
                    out.push(byte);
                    break;
                }
                out.push(byte | 0x80);
            }
            for w in row {
                #[allow(clippy::cast_possible_truncation)]
                let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
        let sum = checksum(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Parses a model file; `path` only names the file in errors.
    pub(crate) fn from_bytes(bytes: &[u8], path: &Path) -> Result<Self> {
        let err = |message: String| Error::Model {
            path: path.to_path_buf(),
            message,
        };
        if bytes.len() < MAGIC.len() + 8 || &bytes[..MAGIC.len()] != MAGIC {
            return Err(err("not a warraq entity model (bad magic bytes)".into()));
        }
        let (body, tail) = bytes.split_at(bytes.len() - 8);
        let mut r = ByteReader::new(&body[MAGIC.len()..], "entity model");
        let version = r.u32().map_err(|_| err("truncated header".into()))?;
        if version != FORMAT_VERSION {
            return Err(err(format!(
                "model format version {version}, this warraq reads version {FORMAT_VERSION}"
            )));
        }
        let mut sum = [0u8; 8];
        sum.copy_from_slice(tail);
        if u64::from_le_bytes(sum) != checksum(body) {
            return Err(err(
                "checksum mismatch: the file is truncated or corrupt".into()
            ));
        }
        let bits = r.u32().map_err(|_| err("truncated header".into()))?;
        let nt = r.u32().map_err(|_| err("truncated header".into()))?;
        if nt as usize != NT || !(8..=28).contains(&bits) {
            return Err(err(format!(
                "unsupported model shape ({nt} tags, {bits} bits)"
            )));
        }
        let mut trans = [[0.0f32; NT]; NT + 1];
        for row in &mut trans {
            for w in row.iter_mut() {
                *w = r.f32().map_err(|_| err("truncated transitions".into()))?;
            }
        }
        let temperature = r.f32().map_err(|_| err("truncated header".into()))?;
        if !(temperature.is_finite() && temperature > 0.0) {
            return Err(err(format!("invalid temperature {temperature}")));
        }
        let scale = r.f32().map_err(|_| err("truncated header".into()))?;
        let n = r.u32().map_err(|_| err("truncated header".into()))? as usize;
        let mut rows = Vec::with_capacity(n.min(body.len() / (2 * NT + 1)));
        let mut key = 0u32;
        for i in 0..n {
            let gap = r
                .varint()
                .map_err(|_| err(format!("truncated at feature row {i}")))?;
            key = key
                .checked_add(gap)
                .filter(|k| *k >> bits == 0)
                .ok_or_else(|| err(format!("feature id out of range at row {i}")))?;
            let mut row = [0.0f32; NT];
            for w in &mut row {
                *w = f32::from(
                    r.i16()
                        .map_err(|_| err(format!("truncated at feature row {i}")))?,
                ) * scale;
            }
            rows.push((key, row));
        }
        if !r.is_empty() {
            return Err(err("trailing bytes after the feature rows".into()));
        }
        Ok(Tagger {
            bits,
            trans,
            emit: EmitTable::with_rows(rows),
            temperature,
        })
    }
}

fn checksum(bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for b in bytes {
        h = (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
    }
    h
}

/// A sentence for training: words and gold tag indices.
pub(crate) struct Example {
    pub words: Vec<String>,
    pub tags: Vec<usize>,
}

/// Trains an averaged perceptron; `on_epoch(epoch, tagger)` is called after each
/// epoch with the averaged weights so far (for dev scores).
pub(crate) fn train(
    examples: &[Example],
    bits: u32,
    epochs: usize,
    seed: u64,
    prune: f32,
    mut on_epoch: impl FnMut(usize, &Tagger),
) -> Tagger {
    let size = 1usize << bits;
    let mut feats: Vec<(Vec<u32>, Vec<usize>)> = Vec::with_capacity(examples.len());
    for ex in examples {
        let words: Vec<&str> = ex.words.iter().map(String::as_str).collect();
        let mut f = Vec::new();
        let mut o = vec![0];
        sentence_features(&words, bits, &mut f, &mut o);
        feats.push((f, o));
    }
    let mut w = vec![0.0f32; size * NT];
    let mut u = vec![0.0f32; size * NT];
    let mut tw = [[0.0f32; NT]; NT + 1];
    let mut tu = [[0.0f32; NT]; NT + 1];
    let mut c = 1.0f32;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = seed | 1;
    let average =
        |w: &[f32], u: &[f32], tw: &[[f32; NT]; NT + 1], tu: &[[f32; NT]; NT + 1], c: f32| {
            let mut trans = [[0.0f32; NT]; NT + 1];
            for p in 0..=NT {
                for t in 0..NT {
                    trans[p][t] = tw[p][t] - tu[p][t] / c;
                }
            }
            let mut rows = Vec::new();
            for k in 0..size {
                let mut row = [0.0f32; NT];
                let mut keep = false;
                for t in 0..NT {
                    row[t] = w[k * NT + t] - u[k * NT + t] / c;
                    keep |= row[t].abs() > prune;
                }
                if keep {
                    #[allow(clippy::cast_possible_truncation)]
                    rows.push((k as u32, row));
                }
            }
            Tagger {
                bits,
                trans,
                emit: EmitTable::with_rows(rows),
                temperature: 1.0,
            }
        };
    for epoch in 0..epochs {
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
            let (f, o) = &feats[s];
            let gold = &examples[s].tags;
            let n = gold.len();
            let em: Vec<[f32; NT]> = (0..n)
                .map(|i| {
                    let mut row = [0.0f32; NT];
                    for &k in &f[o[i]..o[i + 1]] {
                        let base = k as usize * NT;
                        for t in 0..NT {
                            row[t] += w[base + t];
                        }
                    }
                    row
                })
                .collect();
            let pred = viterbi(&tw, &em);
            if pred != *gold {
                for i in 0..n {
                    let (g, p) = (gold[i], pred[i]);
                    if g != p {
                        for &k in &f[o[i]..o[i + 1]] {
                            let base = k as usize * NT;
                            w[base + g] += 1.0;
                            u[base + g] += c;
                            w[base + p] -= 1.0;
                            u[base + p] -= c;
                        }
                    }
                    let gp = if i == 0 { START } else { gold[i - 1] };
                    let pp = if i == 0 { START } else { pred[i - 1] };
                    if g != p || gp != pp {
                        tw[gp][g] += 1.0;
                        tu[gp][g] += c;
                        tw[pp][p] -= 1.0;
                        tu[pp][p] -= c;
                    }
                }
            }
            c += 1.0;
        }
        if epoch + 1 < epochs {
            on_epoch(epoch + 1, &average(&w, &u, &tw, &tu, c));
        }
    }
    let tagger = average(&w, &u, &tw, &tu, c);
    on_epoch(epochs, &tagger);
    tagger
}
