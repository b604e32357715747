//! Word clusters: each frequent word of unlabeled news mapped to a cluster id at a
//! few granularities (for instance 64, 256 and 1024 clusters). The tagger uses the
//! ids of a word and of its neighbours as features, so a name never seen in the
//! annotated data shares weights with the known names of its cluster.
//!
//! Clusters are learned by [`WordClusters::train`] (see `distributional.rs`) and
//! stored inside the model file, so a model always carries the clusters it was
//! trained with.

use super::features::{light_stem, Fnv};
use super::fold::fold;
use crate::{Error, Result};
use rustc_hash::FxHashMap as HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

const MAGIC: &[u8; 9] = b"WARRAQWCL";

/// The clusters learned by `make train-clusters` (see `data/LICENSES.md`).
const BUNDLED: &[u8] = include_bytes!("../../data/ner-clusters.bin");

/// The bundled clusters, decoded once per process.
pub(crate) fn bundled() -> &'static Arc<WordClusters> {
    static C: OnceLock<Arc<WordClusters>> = OnceLock::new();
    C.get_or_init(|| {
        #[allow(clippy::expect_used)]
        Arc::new(
            WordClusters::from_bytes(BUNDLED, Path::new("<bundled clusters>"))
                .expect("the bundled clusters are checked by the crate's tests"),
        )
    })
}

/// A fingerprint of the bundled clusters' bytes (FNV-1a), which a model trained
/// with them records instead of a copy.
pub(crate) fn bundled_fingerprint() -> u64 {
    static F: OnceLock<u64> = OnceLock::new();
    *F.get_or_init(|| {
        BUNDLED.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
        })
    })
}
const FORMAT_VERSION: u32 = 1;

/// Word clusters at several granularities.
///
/// ```
/// use warraq::entities::WordClusters;
/// let c = WordClusters::from_words(&[4, 16], &[("دمشق", &[1, 5]), ("حلب", &[1, 7])]).unwrap();
/// assert_eq!(c.get("دمشق"), Some(&[1u16, 5][..]));
/// assert_eq!(c.get("ودمشق"), None);
/// assert_eq!(c.lookup("ودمشق"), Some(&[1u16, 5][..])); // proclitics stripped
/// let copy = WordClusters::from_bytes(&c.to_bytes(), std::path::Path::new("<bytes>")).unwrap();
/// assert_eq!(copy, c);
/// ```
#[derive(Debug, Clone, Default)]
pub struct WordClusters {
    levels: Vec<u16>,
    index: HashMap<Box<str>, u32>,
    /// `levels.len()` ids per word, in the order of `index`'s values.
    ids: Vec<u16>,
    /// Words in insertion order (for serialisation).
    words: Vec<Box<str>>,
    /// Dimensions of the word vectors (0: none kept).
    dims: usize,
    /// `dims` components per word, quantised to i8 (scale: `vector_scale`).
    vectors: Vec<i8>,
}

/// Scale of the quantised vector components (unit vectors: |x| ≤ 1).
const VECTOR_SCALE: f32 = 1.0 / 127.0;

impl PartialEq for WordClusters {
    /// The same words with the same ids and vectors (in any insertion order).
    fn eq(&self, other: &Self) -> bool {
        let n = self.levels.len();
        self.levels == other.levels
            && self.dims == other.dims
            && self.words.len() == other.words.len()
            && self.index.iter().all(|(w, &a)| {
                other.index.get(w).is_some_and(|&b| {
                    let (a, b) = (a as usize, b as usize);
                    self.ids[a * n..(a + 1) * n] == other.ids[b * n..(b + 1) * n]
                        && self.vectors[a * self.dims..(a + 1) * self.dims]
                            == other.vectors[b * self.dims..(b + 1) * self.dims]
                })
            })
    }
}

impl Eq for WordClusters {}

/// The key a word is clustered under: folded (see the tagger's `fold`), ASCII
/// letters lowercased and digits mapped to `0`.
pub(crate) fn cluster_key(folded: &str) -> String {
    folded
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                '0'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

impl WordClusters {
    /// Builds clusters from `(word, ids)` pairs; `levels[i]` is the number of
    /// clusters of granularity `i`, and every word has one id below it per level.
    /// Words are folded with the tagger's normalisation.
    pub fn from_words(levels: &[u16], words: &[(&str, &[u16])]) -> Result<Self> {
        let mut c = WordClusters {
            levels: levels.to_vec(),
            ..WordClusters::default()
        };
        for (w, ids) in words {
            c.insert(&cluster_key(&fold(w)), ids)?;
        }
        Ok(c)
    }

    /// Builds clusters from words already in their [`cluster_key`] form.
    pub(crate) fn from_keys(levels: &[u16], keys: &[(&str, &[u16])]) -> Result<Self> {
        let mut c = WordClusters {
            levels: levels.to_vec(),
            ..WordClusters::default()
        };
        for (k, ids) in keys {
            c.insert(k, ids)?;
        }
        Ok(c)
    }

    /// Attaches word vectors (`dims` components per word, in insertion order,
    /// each row of unit length or zero).
    pub(crate) fn set_vectors(&mut self, dims: usize, vectors: &[f32]) {
        self.dims = dims;
        #[allow(clippy::cast_possible_truncation)]
        {
            self.vectors = vectors
                .iter()
                .map(|x| (x / VECTOR_SCALE).round().clamp(-127.0, 127.0) as i8)
                .collect();
        }
    }

    /// Dimensions of the word vectors (0 when the table has none).
    #[must_use]
    pub fn dims(&self) -> usize {
        self.dims
    }

    fn insert(&mut self, key: &str, ids: &[u16]) -> Result<()> {
        if ids.len() != self.levels.len() || ids.iter().zip(&self.levels).any(|(i, n)| i >= n) {
            return Err(Error::invalid_option(
                "clusters",
                format!("ids {ids:?} of `{key}` do not fit levels {:?}", self.levels),
            ));
        }
        #[allow(clippy::cast_possible_truncation)]
        let slot = self.words.len() as u32;
        if self.index.insert(key.into(), slot).is_some() {
            return Err(Error::invalid_option(
                "clusters",
                format!("`{key}` is listed twice"),
            ));
        }
        self.words.push(key.into());
        self.ids.extend_from_slice(ids);
        Ok(())
    }

    /// Number of clusters at each granularity.
    #[must_use]
    pub fn levels(&self) -> &[u16] {
        &self.levels
    }

    /// Number of words.
    #[must_use]
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when no word has a cluster.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The ids of `word` (folded with the tagger's normalisation), one per level.
    #[must_use]
    pub fn get(&self, word: &str) -> Option<&[u16]> {
        self.get_key(&cluster_key(&fold(word)))
    }

    pub(crate) fn get_key(&self, key: &str) -> Option<&[u16]> {
        let slot = *self.index.get(key)? as usize;
        let n = self.levels.len();
        Some(&self.ids[slot * n..(slot + 1) * n])
    }

    pub(crate) fn ids_of(&self, slot: usize) -> &[u16] {
        let n = self.levels.len();
        &self.ids[slot * n..(slot + 1) * n]
    }

    /// Like [`get`](Self::get), but a word without a cluster is looked up again
    /// with its proclitics (و ف ب ك ل ال) stripped, then with the article put back.
    #[must_use]
    pub fn lookup(&self, word: &str) -> Option<&[u16]> {
        self.lookup_folded(&fold(word))
    }

    pub(crate) fn lookup_folded(&self, folded: &str) -> Option<&[u16]> {
        self.slot_folded(folded).map(|s| self.ids_of(s))
    }

    /// The slot of a folded word, or of its stem (proclitics stripped, then with
    /// the article put back).
    pub(crate) fn slot_folded(&self, folded: &str) -> Option<usize> {
        let key = cluster_key(folded);
        if let Some(s) = self.index.get(key.as_str()) {
            return Some(*s as usize);
        }
        let (clitics, stem) = light_stem(&key);
        if stem.len() == key.len() {
            return None;
        }
        if clitics.article {
            if let Some(s) = self.index.get(format!("ال{stem}").as_str()) {
                return Some(*s as usize);
            }
        }
        self.index.get(stem).map(|s| *s as usize)
    }

    /// Serialises: magic, version, levels, then the words sorted, front-coded (bytes
    /// shared with the previous word, then the rest) with their ids.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut order: Vec<usize> = (0..self.words.len()).collect();
        order.sort_by(|a, b| self.words[*a].cmp(&self.words[*b]));
        let mut out = Vec::with_capacity(16 + self.words.len() * 12);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        #[allow(clippy::cast_possible_truncation)]
        out.push(self.levels.len() as u8);
        for l in &self.levels {
            out.extend_from_slice(&l.to_le_bytes());
        }
        #[allow(clippy::cast_possible_truncation)]
        out.extend_from_slice(&(self.words.len() as u32).to_le_bytes());
        #[allow(clippy::cast_possible_truncation)]
        out.extend_from_slice(&(self.dims as u16).to_le_bytes());
        let n = self.levels.len();
        let mut prev: &[u8] = &[];
        for &i in &order {
            let w = self.words[i].as_bytes();
            let shared = w
                .iter()
                .zip(prev)
                .take_while(|(a, b)| a == b)
                .count()
                .min(255);
            let rest = &w[shared..];
            #[allow(clippy::cast_possible_truncation)]
            out.extend_from_slice(&[shared as u8, rest.len().min(255) as u8]);
            out.extend_from_slice(&rest[..rest.len().min(255)]);
            for id in &self.ids[i * n..(i + 1) * n] {
                out.extend_from_slice(&id.to_le_bytes());
            }
            #[allow(clippy::cast_sign_loss)]
            out.extend(
                self.vectors[i * self.dims..(i + 1) * self.dims]
                    .iter()
                    .map(|q| *q as u8),
            );
            prev = w;
        }
        out
    }

    /// Parses [`to_bytes`](Self::to_bytes) output; `path` names the file in errors.
    pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Self> {
        let err = |message: String| Error::Model {
            path: path.to_path_buf(),
            message,
        };
        let mut pos = MAGIC.len();
        if bytes.len() < pos + 9 || &bytes[..pos] != MAGIC {
            return Err(err(
                "not a warraq word-cluster table (bad magic bytes)".into()
            ));
        }
        let take = |pos: &mut usize, n: usize| -> Result<&[u8]> {
            let s = bytes
                .get(*pos..*pos + n)
                .ok_or_else(|| err(format!("word clusters truncated at byte {}", *pos)))?;
            *pos += n;
            Ok(s)
        };
        let u32_at = |s: &[u8]| u32::from_le_bytes([s[0], s[1], s[2], s[3]]);
        let version = u32_at(take(&mut pos, 4)?);
        if version != FORMAT_VERSION {
            return Err(err(format!(
                "word-cluster format version {version}, this warraq reads version {FORMAT_VERSION}"
            )));
        }
        let n_levels = take(&mut pos, 1)?[0] as usize;
        let mut levels = Vec::with_capacity(n_levels);
        for _ in 0..n_levels {
            let s = take(&mut pos, 2)?;
            levels.push(u16::from_le_bytes([s[0], s[1]]));
        }
        let n_words = u32_at(take(&mut pos, 4)?) as usize;
        let d = take(&mut pos, 2)?;
        let dims = usize::from(u16::from_le_bytes([d[0], d[1]]));
        let mut c = WordClusters {
            levels,
            index: HashMap::with_capacity_and_hasher(n_words.min(bytes.len()), Default::default()),
            ids: Vec::with_capacity((n_words * n_levels).min(bytes.len())),
            words: Vec::with_capacity(n_words.min(bytes.len())),
            dims,
            vectors: Vec::with_capacity((n_words * dims).min(bytes.len())),
        };
        let mut word: Vec<u8> = Vec::new();
        let mut ids = vec![0u16; n_levels];
        for i in 0..n_words {
            let head = take(&mut pos, 2)?;
            let (shared, rest) = (head[0] as usize, head[1] as usize);
            if shared > word.len() {
                return Err(err(format!("word clusters: bad prefix length at word {i}")));
            }
            word.truncate(shared);
            word.extend_from_slice(take(&mut pos, rest)?);
            for id in &mut ids {
                let s = take(&mut pos, 2)?;
                *id = u16::from_le_bytes([s[0], s[1]]);
            }
            #[allow(clippy::cast_possible_wrap)]
            c.vectors
                .extend(take(&mut pos, dims)?.iter().map(|b| *b as i8));
            let key = std::str::from_utf8(&word)
                .map_err(|_| err(format!("word clusters: word {i} is not UTF-8")))?;
            c.insert(key, &ids)
                .map_err(|e| err(format!("word clusters: {e}")))?;
        }
        if pos != bytes.len() {
            return Err(err("trailing bytes after the word clusters".into()));
        }
        Ok(c)
    }
}

/// The cluster slots of a sentence's tokens (`None`: no cluster, even after
/// stripping proclitics).
pub(crate) fn sentence_slots<'a>(
    clusters: &WordClusters,
    folded: impl Iterator<Item = &'a str>,
) -> Vec<Option<usize>> {
    folded.map(|f| clusters.slot_folded(f)).collect()
}

/// The word vectors of a sentence's tokens given their slots, `clusters.dims()`
/// each (zeros for a word without one).
pub(crate) fn slot_vectors(clusters: &WordClusters, slots: &[Option<usize>]) -> Vec<f32> {
    let d = clusters.dims();
    let mut out = vec![0f32; slots.len() * d];
    if d == 0 {
        return out;
    }
    for (slot, o) in slots.iter().zip(out.chunks_mut(d)) {
        if let Some(slot) = slot {
            for (x, q) in o
                .iter_mut()
                .zip(&clusters.vectors[slot * d..(slot + 1) * d])
            {
                *x = f32::from(*q) * VECTOR_SCALE;
            }
        }
    }
    out
}

/// Pushes the cluster features of token `i`: its ids at every level, the ids of
/// its neighbours (±1 at the two coarsest levels, ±2 at the coarsest) and the
/// pairs (previous, current) and (current, next) at the middle level.
pub(crate) fn cluster_features(ids: &[Option<&[u16]>], i: usize, push: &mut impl FnMut(Fnv)) {
    // (the ids come from `sentence_slots` and `WordClusters::ids_of`)
    let level = |j: isize, l: usize| -> u16 {
        match usize::try_from(j).ok().and_then(|j| ids.get(j)) {
            None => u16::MAX - 1, // outside the sentence
            Some(None) => u16::MAX,
            Some(Some(c)) => c[l.min(c.len() - 1)],
        }
    };
    let id = |h: Fnv, v: u16| h.byte((v >> 8) as u8).byte((v & 0xff) as u8);
    #[allow(clippy::cast_possible_wrap)]
    let ii = i as isize;
    match ids[i] {
        Some(c) => {
            for (l, v) in c.iter().enumerate() {
                #[allow(clippy::cast_possible_truncation)]
                push(id(Fnv::new(60 + l as u8), *v));
            }
        }
        None => push(Fnv::new(60).byte(0xff).byte(0xff).byte(0)),
    }
    push(id(Fnv::new(64), level(ii - 1, 1)));
    push(id(Fnv::new(65), level(ii + 1, 1)));
    push(id(Fnv::new(66), level(ii - 1, 0)));
    push(id(Fnv::new(67), level(ii + 1, 0)));
    push(id(Fnv::new(68), level(ii - 2, 0)));
    push(id(Fnv::new(69), level(ii + 2, 0)));
    push(id(id(Fnv::new(58), level(ii - 1, 1)), level(ii, 1)));
    push(id(id(Fnv::new(59), level(ii, 1)), level(ii + 1, 1)));
}
