//! Corpus profiles: how a first-stage tagger labels each word across a large
//! unlabeled corpus. A name the annotated data never showed is often tagged
//! right in some of its many contexts in the news («المستشارة الألمانية أنجيلا
//! ميركل»); the share of its occurrences tagged as a person, place,
//! organisation or other name then becomes a feature of the second-stage
//! tagger, in every context.
//!
//! Profiles are built by [`CorpusProfiles::build`] during training and stored in
//! the model file.

use super::clusters::cluster_key;
use super::features::Fnv;
use super::fold::fold;
use super::perceptron::Tagger;
use crate::tokenize::{sentence_spans, tokens};
use crate::{Error, Result};
use rustc_hash::FxHashMap as HashMap;
use std::path::Path;

/// A word needs this many occurrences for a profile.
const MIN_COUNT: u32 = 3;
/// Longest run of tokens tagged at once (as the extractor).
const MAX_RUN: usize = 256;

/// Per word: occurrences (saturated) and the share, in 1/255, of those tagged
/// as each type (PERS, LOC, ORG, MISC).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct CorpusProfiles {
    map: HashMap<Box<str>, (u32, [u8; 4])>,
}

/// Share buckets: none, under 5 %, under 20 %, under 50 %, under 80 %, above.
fn bucket(share: u8) -> u8 {
    match share {
        0 => 0,
        1..=12 => 1,
        13..=50 => 2,
        51..=127 => 3,
        128..=203 => 4,
        _ => 5,
    }
}

/// log2 buckets of a count (3-7, 8-15, …, capped).
fn count_bucket(n: u32) -> u8 {
    u8::try_from((32 - n.leading_zeros()).min(14)).unwrap_or(14)
}

impl CorpusProfiles {
    /// Tags `texts` sentence by sentence with `tagger` and counts, per word, the
    /// type of the entity each occurrence was tagged as.
    pub(crate) fn build<S: AsRef<str> + Sync>(tagger: &Tagger, texts: &[S]) -> Self {
        let mut counts: HashMap<String, [u32; 5]> = HashMap::default();
        for chunk in texts.chunks(1024) {
            let tagged: Vec<Vec<(String, usize)>> = crate::parallel::map(chunk, |t| {
                let t = t.as_ref();
                let toks = tokens(t);
                let mut out = Vec::with_capacity(toks.len());
                let mut ti = 0;
                for (s, e) in sentence_spans(t) {
                    while ti < toks.len() && toks[ti].start < s {
                        ti += 1;
                    }
                    let first = ti;
                    while ti < toks.len() && toks[ti].end <= e {
                        ti += 1;
                    }
                    for run in toks[first..ti].chunks(MAX_RUN) {
                        let words: Vec<&str> = run.iter().map(|k| k.as_str(t)).collect();
                        let tags = tagger.tag_fast(&words);
                        for (w, tag) in words.iter().zip(tags) {
                            out.push((cluster_key(&fold(w)), tag.div_ceil(2)));
                        }
                    }
                }
                out
            });
            for text in tagged {
                for (k, ty) in text {
                    if !k.is_empty() {
                        counts.entry(k).or_default()[ty] += 1;
                    }
                }
            }
        }
        let mut map = HashMap::default();
        for (k, c) in counts {
            let total: u32 = c.iter().sum();
            if total < MIN_COUNT {
                continue;
            }
            let mut shares = [0u8; 4];
            for (s, n) in shares.iter_mut().zip(&c[1..]) {
                *s = u8::try_from(u64::from(*n) * 255 / u64::from(total)).unwrap_or(255);
            }
            map.insert(k.into_boxed_str(), (total, shares));
        }
        CorpusProfiles { map }
    }

    pub(crate) fn get(&self, folded: &str) -> Option<(u32, [u8; 4])> {
        self.map.get(cluster_key(folded).as_str()).copied()
    }

    /// Serialises: word count, then the words sorted, each as length, bytes,
    /// count (u32) and the four shares.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut keys: Vec<&Box<str>> = self.map.keys().collect();
        keys.sort();
        let mut out = Vec::with_capacity(self.map.len() * 18 + 4);
        out.extend_from_slice(&u32::try_from(keys.len()).unwrap_or(u32::MAX).to_le_bytes());
        for k in keys {
            let (n, s) = self.map[k];
            out.push(u8::try_from(k.len().min(255)).unwrap_or(255));
            out.extend_from_slice(&k.as_bytes()[..k.len().min(255)]);
            out.extend_from_slice(&n.to_le_bytes());
            out.extend_from_slice(&s);
        }
        out
    }

    /// Parses [`to_bytes`](Self::to_bytes) output; `path` names the file in errors.
    pub(crate) fn from_bytes(bytes: &[u8], path: &Path) -> Result<Self> {
        let err = |at: usize| Error::Model {
            path: path.to_path_buf(),
            message: format!("corpus profiles truncated or corrupt at byte {at}"),
        };
        let mut pos = 0usize;
        let mut take = |n: usize| -> Result<&[u8]> {
            let s = bytes.get(pos..pos + n).ok_or_else(|| err(pos))?;
            pos += n;
            Ok(s)
        };
        let h = take(4)?;
        let n = u32::from_le_bytes([h[0], h[1], h[2], h[3]]) as usize;
        let mut map = HashMap::with_capacity_and_hasher(n.min(bytes.len()), Default::default());
        for _ in 0..n {
            let len = take(1)?[0] as usize;
            let k = std::str::from_utf8(take(len)?)
                .map_err(|_| err(0))?
                .to_string();
            let c = take(4)?;
            let count = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
            let s = take(4)?;
            map.insert(k.into_boxed_str(), (count, [s[0], s[1], s[2], s[3]]));
        }
        if pos != bytes.len() {
            return Err(err(pos));
        }
        Ok(CorpusProfiles { map })
    }
}

/// The profiles of a sentence's tokens (folded forms).
pub(crate) fn sentence_profiles<'a>(
    profiles: &CorpusProfiles,
    folded: impl Iterator<Item = &'a str>,
) -> Vec<Option<(u32, [u8; 4])>> {
    folded.map(|f| profiles.get(f)).collect()
}

/// Pushes the profile features of token `i`: the bucketed share of each type,
/// the dominant type with its bucket and the count, and the dominant types of
/// the neighbours.
pub(crate) fn profile_features(p: &[Option<(u32, [u8; 4])>], i: usize, push: &mut impl FnMut(Fnv)) {
    let dominant = |j: Option<&Option<(u32, [u8; 4])>>| -> (u8, u8) {
        match j {
            None => (7, 0),
            Some(None) => (6, 0),
            Some(Some((_, s))) => {
                let (t, v) = (0..4)
                    .map(|t| (t, s[t]))
                    .fold((0, 0), |a, b| if b.1 > a.1 { b } else { a });
                (u8::try_from(t).unwrap_or(0), bucket(v))
            }
        }
    };
    match p[i] {
        None => push(Fnv::new(90).byte(0xff)),
        Some((n, s)) => {
            for (t, share) in s.iter().enumerate() {
                push(
                    Fnv::new(91)
                        .byte(u8::try_from(t).unwrap_or(0))
                        .byte(bucket(*share)),
                );
            }
            let (t, b) = dominant(Some(&p[i]));
            push(Fnv::new(92).byte(t).byte(b).byte(count_bucket(n)));
        }
    }
    let (pt, pb) = dominant(i.checked_sub(1).and_then(|j| p.get(j)));
    let (nt, nb) = dominant(p.get(i + 1));
    let (t, b) = dominant(Some(&p[i]));
    push(Fnv::new(93).byte(pt).byte(pb));
    push(Fnv::new(94).byte(nt).byte(nb));
    push(Fnv::new(95).byte(pt).byte(pb).byte(t).byte(b));
    push(Fnv::new(96).byte(t).byte(b).byte(nt).byte(nb));
}
