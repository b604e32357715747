//! An averaged structured perceptron over BIO tags with first-order Viterbi
//! decoding, hashed features and a compact, versioned model file.

#![allow(clippy::needless_range_loop)] // tag indices address several parallel arrays

use super::clusters::{bundled, bundled_fingerprint, slot_vectors, WordClusters};
use super::features::{sentence_features, FeatureContext, FeatureSet};
use super::kmeans::dot;
use super::learn::Example;
use super::profiles::CorpusProfiles;
use crate::codec::ByteReader;
use crate::{Error, Result};
use std::path::Path;
use std::sync::Arc;

/// The BIO tags of the statistical model, in weight-row order.
pub(crate) const TAGS: [&str; 9] = [
    "O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC",
];
pub(crate) const NT: usize = TAGS.len();
const START: usize = NT;
const MAGIC: &[u8; 9] = b"WARRAQNER";
/// Version of the model file format.
/// Version 2 added the feature-set bits and the word clusters.
pub(crate) const FORMAT_VERSION: u32 = 2;

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
pub(crate) struct EmitTable {
    keys: Vec<u32>,
    rows: Vec<[f32; NT]>,
    mask: usize,
}

impl EmitTable {
    pub(crate) fn with_rows(entries: Vec<(u32, [f32; NT])>) -> Self {
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
    pub(crate) bits: u32,
    pub(crate) trans: [[f32; NT]; NT + 1],
    pub(crate) emit: EmitTable,
    /// Scores are divided by this before computing marginals (fitted on dev data
    /// so that confidences are calibrated; 1 when there was none).
    pub(crate) temperature: f32,
    pub(crate) features: FeatureSet,
    pub(crate) clusters: Option<Arc<WordClusters>>,
    pub(crate) profiles: Option<Arc<CorpusProfiles>>,
    /// Weights of the dense features (the word vectors of the previous, current
    /// and next token): `(position * NT + tag) * dims + d`; empty without them.
    pub(crate) dense: Vec<f32>,
}

/// Tokens whose word vectors feed the dense features: the token and two on
/// each side.
pub(crate) const DENSE_WINDOW: usize = 5;

/// Adds the dense features' scores to `em`: for each token, the word vectors of
/// the previous, current and next token (`vectors`: `dims` per token) times
/// their weights.
pub(crate) fn add_dense(dense: &[f32], vectors: &[f32], dims: usize, em: &mut [[f32; NT]]) {
    let n = em.len();
    for (i, row) in em.iter_mut().enumerate() {
        for pos in 0..DENSE_WINDOW {
            let Some(j) = (i + pos).checked_sub(DENSE_WINDOW / 2).filter(|j| *j < n) else {
                continue;
            };
            let x = &vectors[j * dims..(j + 1) * dims];
            for t in 0..NT {
                row[t] += dot(x, &dense[(pos * NT + t) * dims..(pos * NT + t + 1) * dims]);
            }
        }
    }
}

/// The words of a sentence ending with a full stop: every training sentence
/// of ANERcorp does, so the features of a sentence end are learned only on «.»;
/// a run that ends otherwise (a heading, a clause cut at a newline) is tagged
/// with one appended, and its tag dropped.
fn with_full_stop<'w, 'a>(words: &'w [&'a str]) -> std::borrow::Cow<'w, [&'a str]> {
    if words.last().is_none_or(|w| *w == ".") {
        std::borrow::Cow::Borrowed(words)
    } else {
        let mut padded = words.to_vec();
        padded.push(".");
        std::borrow::Cow::Owned(padded)
    }
}

/// Tags predicted for one sentence and each tag's marginal probability.
pub(crate) struct Tagged {
    pub tags: Vec<usize>,
    pub confidence: Vec<f32>,
}

pub(crate) fn viterbi(trans: &[[f32; NT]; NT + 1], emissions: &[[f32; NT]]) -> Vec<usize> {
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

fn log_sum_exp(xs: impl Iterator<Item = f32> + Clone) -> f32 {
    let m = xs.clone().fold(f32::NEG_INFINITY, f32::max);
    if m == f32::NEG_INFINITY {
        return m;
    }
    m + xs.map(|x| (x - m).exp()).sum::<f32>().ln()
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
    pub(crate) fn emissions(&self, words: &[&str]) -> Vec<[f32; NT]> {
        let mut feats = Vec::with_capacity(words.len() * 48);
        let mut offsets = Vec::with_capacity(words.len() + 1);
        offsets.push(0);
        let slots = sentence_features(words, &self.context(), &mut feats, &mut offsets);
        let mut em: Vec<[f32; NT]> = (0..words.len())
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
            .collect();
        if let (false, Some(c)) = (self.dense.is_empty(), &self.clusters) {
            add_dense(&self.dense, &slot_vectors(c, &slots), c.dims(), &mut em);
        }
        em
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

    pub(crate) fn context(&self) -> FeatureContext<'_> {
        FeatureContext {
            bits: self.bits,
            set: self.features,
            clusters: self.clusters.as_deref(),
            profiles: self.profiles.as_deref(),
        }
    }

    /// The best tags of one sentence, without confidences.
    pub(crate) fn tag_fast(&self, words: &[&str]) -> Vec<usize> {
        let mut tags = viterbi(&self.trans, &self.emissions(&with_full_stop(words)));
        tags.truncate(words.len());
        tags
    }

    /// Tags one sentence of words.
    pub(crate) fn tag(&self, words: &[&str]) -> Tagged {
        let padded = with_full_stop(words);
        let em = self.emissions(&padded);
        let tags = viterbi(&self.trans, &em);
        let mut confidence = if tags.iter().any(|t| *t != 0) {
            self.tempered_marginals(&em, &tags, self.temperature)
        } else {
            vec![1.0; tags.len()]
        };
        let mut tags = tags;
        tags.truncate(words.len());
        confidence.truncate(words.len());
        let mut tagged = Tagged { tags, confidence };
        super::latin::tag_latin_names(words, &mut tagged);
        super::places::tag_listed_places(words, &mut tagged);
        tagged
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
        for t in [
            1.0f32, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 16.0, 24.0, 32.0, 48.0, 64.0, 96.0, 128.0,
            192.0, 256.0,
        ] {
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

    /// The word clusters the features use.
    pub(crate) fn clusters(&self) -> Option<&Arc<WordClusters>> {
        self.clusters.as_ref()
    }

    /// Number of feature rows kept.
    pub(crate) fn n_rows(&self) -> usize {
        self.emit.len()
    }

    /// Serialises to the model file format (little-endian, checksummed).
    ///
    /// Written as one sequence of fields in file order, like [`Self::from_bytes`],
    /// so that the two can be read side by side against the format.
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
        out.extend_from_slice(&self.features.bits().to_le_bytes());
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
        #[allow(clippy::cast_possible_truncation)]
        out.extend_from_slice(&(self.dense.len() as u32).to_le_bytes());
        for w in &self.dense {
            out.extend_from_slice(&w.to_le_bytes());
        }
        // Word clusters: none (0), the bundled ones by fingerprint (1), or a copy (2).
        match &self.clusters {
            None => out.push(0),
            Some(c) if Arc::ptr_eq(c, bundled()) || **c == **bundled() => {
                out.push(1);
                out.extend_from_slice(&bundled_fingerprint().to_le_bytes());
            }
            Some(c) => {
                let bytes = c.to_bytes();
                out.push(2);
                #[allow(clippy::cast_possible_truncation)]
                out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
                out.extend_from_slice(&bytes);
            }
        }
        let profiles = self
            .profiles
            .as_ref()
            .map_or_else(Vec::new, |p| p.to_bytes());
        #[allow(clippy::cast_possible_truncation)]
        out.extend_from_slice(&(profiles.len() as u32).to_le_bytes());
        out.extend_from_slice(&profiles);
        let sum = checksum(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Parses a model file; `path` only names the file in errors.
    ///
    /// One sequence of reads in file order (each checked and bounded), the mirror
    /// of [`Self::to_bytes`].
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
        let feature_bits = r.u32().map_err(|_| err("truncated header".into()))?;
        let features = FeatureSet::from_bits(feature_bits)
            .ok_or_else(|| err(format!("unknown feature set {feature_bits:#x}")))?;
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
        let n_dense = r.u32().map_err(|_| err("truncated dense weights".into()))? as usize;
        let mut dense = Vec::with_capacity(n_dense.min(body.len() / 4));
        for _ in 0..n_dense {
            dense.push(r.f32().map_err(|_| err("truncated dense weights".into()))?);
        }
        let truncated = || err("truncated word clusters".into());
        let clusters = match r.bytes(1).map_err(|_| truncated())?[0] {
            0 => None,
            1 => {
                let f = r.bytes(8).map_err(|_| truncated())?;
                let f = u64::from_le_bytes([f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]]);
                if f != bundled_fingerprint() {
                    return Err(err(
                        "the model was trained with other bundled word clusters than this warraq's"
                            .into(),
                    ));
                }
                Some(bundled().clone())
            }
            2 => {
                let n = r.u32().map_err(|_| truncated())? as usize;
                let bytes = r.bytes(n).map_err(|_| truncated())?;
                Some(Arc::new(WordClusters::from_bytes(bytes, path)?))
            }
            k => return Err(err(format!("unknown word-cluster kind {k}"))),
        };
        let dims = clusters.as_ref().map_or(0, |c| c.dims());
        if features.clusters != clusters.is_some()
            || dense.len() != usize::from(features.dense) * DENSE_WINDOW * dims * NT
        {
            return Err(err("the feature set and the word clusters disagree".into()));
        }
        let n_profile = r
            .u32()
            .map_err(|_| err("truncated corpus profiles".into()))? as usize;
        let profile_bytes = r
            .bytes(n_profile)
            .map_err(|_| err("truncated corpus profiles".into()))?;
        let profiles = if n_profile == 0 {
            None
        } else {
            Some(Arc::new(CorpusProfiles::from_bytes(profile_bytes, path)?))
        };
        if features.profiles != profiles.is_some() {
            return Err(err(
                "the feature set and the corpus profiles disagree".into()
            ));
        }
        if !r.is_empty() {
            return Err(err("trailing bytes after the corpus profiles".into()));
        }
        Ok(Tagger {
            bits,
            trans,
            emit: EmitTable::with_rows(rows),
            temperature,
            features,
            clusters,
            profiles,
            dense,
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
