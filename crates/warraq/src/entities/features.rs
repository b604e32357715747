//! Token features for the entity tagger: the word, its folded and light-stemmed
//! forms, affixes, shape, neighbours, gazetteer matches and trigger words, each
//! hashed into a fixed-size table.

use super::clusters::{cluster_features, sentence_slots, WordClusters};
use super::fold::chars_at_least;
use super::fold::fold;
use super::gazetteer::Gazetteer;
use super::profiles::{profile_features, sentence_profiles, CorpusProfiles};
use super::shapes::shape_features;
use crate::text::chars;

/// The proclitics split off a folded word: conjunction (و ف), preposition (ب ك ل)
/// and the article (ال, or the لل contraction of ل + ال).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Clitics {
    pub conj: bool,
    pub prep: bool,
    pub article: bool,
}

/// Splits proclitics off a folded word: `(clitics, stem)`, stem without the article.
/// Aggressive (it also splits «بغداد»): used for features, where the model learns
/// when to trust it; canonical forms use [`super::canonical::canonical_split`].
pub(crate) fn light_stem(word: &str) -> (Clitics, &str) {
    let mut c = Clitics::default();
    let mut w = word;
    if let Some(rest) = w.strip_prefix(['و', 'ف']) {
        if chars_at_least(rest, 3) {
            c.conj = true;
            w = rest;
        }
    }
    if let Some(rest) = w.strip_prefix("لل") {
        if chars_at_least(rest, 2) {
            c.prep = true;
            c.article = true;
            return (c, rest);
        }
    }
    if let Some(rest) = w.strip_prefix(['ب', 'ك', 'ل']) {
        if chars_at_least(rest, 3) {
            c.prep = true;
            w = rest;
        }
    }
    if let Some(rest) = w.strip_prefix("ال") {
        if chars_at_least(rest, 2) {
            c.article = true;
            w = rest;
        }
    }
    (c, w)
}

/// Per-token strings the features are built from.
pub(crate) struct TokenView {
    pub folded: String,
    pub stem_start: usize,
    pub clitics: Clitics,
    pub shape: u8,
}

impl TokenView {
    pub(crate) fn stem(&self) -> &str {
        &self.folded[self.stem_start..]
    }
}

fn shape(word: &str) -> u8 {
    let mut arabic = false;
    let mut latin = false;
    let mut digit = false;
    let mut other = false;
    for c in word.chars() {
        if c.is_ascii_digit() || chars::ARABIC_INDIC_DIGITS.contains(&c) {
            digit = true;
        } else if chars::ARABIC_BLOCK.contains(&c) {
            arabic = true;
        } else if c.is_alphabetic() {
            latin = true;
        } else {
            other = true;
        }
    }
    u8::from(arabic) | u8::from(latin) << 1 | u8::from(digit) << 2 | u8::from(other) << 3
}

/// FNV-1a over a template id and parts, folded into `bits` bits.
#[derive(Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Fnv {
    pub(crate) fn new(template: u8) -> Self {
        Fnv((0xcbf2_9ce4_8422_2325 ^ u64::from(template)).wrapping_mul(0x100_0000_01b3))
    }
    pub(crate) fn add(mut self, s: &str) -> Self {
        for b in s.bytes() {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
        self.0 = (self.0 ^ 0xff).wrapping_mul(0x100_0000_01b3);
        self
    }
    pub(crate) fn byte(mut self, b: u8) -> Self {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        self
    }
    fn finish(self, mask: u32) -> u32 {
        let h = self.0 ^ (self.0 >> 29) ^ (self.0 >> 47);
        #[allow(clippy::cast_possible_truncation)]
        let h = h as u32;
        h & mask
    }
}

fn prefix_chars(s: &str, n: usize) -> Option<&str> {
    let end = s.char_indices().nth(n).map(|(i, _)| i)?;
    Some(&s[..end])
}

fn suffix_chars(s: &str, n: usize) -> Option<&str> {
    let count = s.chars().count();
    if count <= n {
        return None;
    }
    let start = s.char_indices().nth(count - n).map(|(i, _)| i)?;
    Some(&s[start..])
}

/// Builds the views of a sentence's tokens.
pub(crate) fn views(words: &[&str]) -> Vec<TokenView> {
    words
        .iter()
        .map(|w| {
            let folded = fold(w);
            let (clitics, stem) = light_stem(&folded);
            let stem_start = folded.len() - stem.len();
            TokenView {
                shape: shape(w),
                clitics,
                stem_start,
                folded,
            }
        })
        .collect()
}

/// Which feature groups a model uses (stored in the model file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FeatureSet {
    /// Word clusters of the token and its neighbours.
    pub clusters: bool,
    /// Character shapes and wide context (`shapes.rs`).
    pub shapes: bool,
    /// The word vectors of the token and its neighbours (dense weights).
    pub dense: bool,
    /// Corpus profiles of the token and its neighbours (`profiles.rs`).
    pub profiles: bool,
}

/// What the features of a model are computed from.
#[derive(Clone, Copy)]
pub(crate) struct FeatureContext<'a> {
    pub bits: u32,
    pub set: FeatureSet,
    pub clusters: Option<&'a WordClusters>,
    pub profiles: Option<&'a CorpusProfiles>,
}

impl FeatureSet {
    pub(crate) fn bits(self) -> u32 {
        u32::from(self.clusters)
            | u32::from(self.shapes) << 1
            | u32::from(self.dense) << 2
            | u32::from(self.profiles) << 3
    }
    pub(crate) fn from_bits(bits: u32) -> Option<Self> {
        (bits >> 4 == 0).then_some(FeatureSet {
            clusters: bits & 1 != 0,
            shapes: bits & 2 != 0,
            dense: bits & 4 != 0,
            profiles: bits & 8 != 0,
        })
    }
}

/// Hashed feature ids of every token of a sentence (`bits` bits each), appended
/// to `out` with `offsets[i]..offsets[i+1]` the range of token `i`.
///
/// Returns the tokens' cluster slots (empty without clusters), from which the
/// dense features are read.
///
/// Long on purpose: the sentence's tables (gazetteer matches, trigger classes,
/// token views) and then the list of feature templates, read top to bottom in
/// the order they are emitted, all sharing those tables as locals; a template is
/// found, read and changed in one place (the bundled model is trained on exactly
/// this list: `make check-ner-model`).
pub(crate) fn sentence_features(
    words: &[&str],
    ctx: &FeatureContext<'_>,
    out: &mut Vec<u32>,
    offsets: &mut Vec<usize>,
) -> Vec<Option<usize>> {
    let (set, clusters) = (ctx.set, ctx.clusters);
    let mask = (1u32 << ctx.bits) - 1;
    let gaz = Gazetteer::get();
    let v = views(words);
    let n = v.len();
    // Gazetteer matches: for each token, (position code, class) of the longest
    // match covering it; position 1 = begin, 2 = inside.
    let mut gaz_tags: Vec<Option<(u8, u8)>> = vec![None; n];
    let folded: Vec<&str> = v.iter().map(|t| t.folded.as_str()).collect();
    let mut i = 0;
    while i < n {
        let f = v[i].folded.as_str();
        let (_, stem) = light_stem(f);
        let with_article;
        let mut firsts: Vec<&str> = vec![f, stem];
        if v[i].clitics.article {
            with_article = format!("ال{stem}");
            firsts.push(&with_article);
        }
        if let Some((len, code)) = gaz.match_at(&firsts, &folded, i) {
            gaz_tags[i] = Some((1, code));
            for t in gaz_tags.iter_mut().skip(i + 1).take(len - 1) {
                *t = Some((2, code));
            }
            i += len;
        } else {
            i += 1;
        }
    }
    let empty = TokenView {
        folded: String::new(),
        stem_start: 0,
        clitics: Clitics::default(),
        shape: 0,
    };
    let at = |j: isize| -> &TokenView {
        if j < 0 || j >= n as isize {
            &empty
        } else {
            #[allow(clippy::cast_sign_loss)]
            &v[j as usize]
        }
    };
    let word_at = |j: isize| -> &str {
        if j < 0 || j >= n as isize {
            if j < 0 {
                "<s>"
            } else {
                "</s>"
            }
        } else {
            #[allow(clippy::cast_sign_loss)]
            &v[j as usize].folded
        }
    };
    let stem_at = |j: isize| -> &str {
        if j < 0 || j >= n as isize {
            word_at(j)
        } else {
            at(j).stem()
        }
    };
    // Trigger classes of every token, computed once (each is read five times).
    let triggers: Vec<u8> = v
        .iter()
        .map(|t| {
            let s = t.stem();
            let f = t.folded.as_str();
            let with_al = if t.clitics.article {
                format!("ال{s}")
            } else {
                String::new()
            };
            let any = |set: &rustc_hash::FxHashSet<String>| {
                set.contains(f)
                    || set.contains(s)
                    || (!with_al.is_empty() && set.contains(&with_al))
            };
            u8::from(any(&gaz.titles))
                | u8::from(any(&gaz.org_heads)) << 1
                | u8::from(any(&gaz.place_heads)) << 2
                | u8::from(gaz.place_preps.contains(f)) << 3
                | u8::from(gaz.particles.contains(f)) << 4
        })
        .collect();
    let trig = |j: isize| -> u8 {
        usize::try_from(j)
            .ok()
            .and_then(|j| triggers.get(j))
            .copied()
            .unwrap_or(0)
    };
    let slots = clusters.map_or_else(Vec::new, |c| {
        sentence_slots(c, v.iter().map(|t| t.folded.as_str()))
    });
    let cluster_ids: Option<Vec<Option<&[u16]>>> = clusters
        .filter(|_| set.clusters)
        .map(|c| slots.iter().map(|s| s.map(|s| c.ids_of(s))).collect());
    let profile_ids = ctx
        .profiles
        .filter(|_| set.profiles)
        .map(|p| sentence_profiles(p, v.iter().map(|t| t.folded.as_str())));
    for i in 0..n {
        let ii = i as isize;
        let t = &v[i];
        let push = |out: &mut Vec<u32>, h: Fnv| out.push(h.finish(mask));
        push(out, Fnv::new(0));
        push(out, Fnv::new(1).add(words[i]));
        push(out, Fnv::new(2).add(&t.folded));
        push(out, Fnv::new(3).add(t.stem()));
        let c = t.clitics;
        push(
            out,
            Fnv::new(4).byte(u8::from(c.conj) | u8::from(c.prep) << 1 | u8::from(c.article) << 2),
        );
        push(out, Fnv::new(5).byte(t.shape));
        let len = t.stem().chars().count().min(8);
        #[allow(clippy::cast_possible_truncation)]
        push(out, Fnv::new(6).byte(len as u8));
        for k in 1..=3 {
            if let Some(p) = prefix_chars(&t.folded, k) {
                push(out, Fnv::new(10 + k as u8).add(p));
            }
            if let Some(s) = suffix_chars(&t.folded, k) {
                push(out, Fnv::new(14 + k as u8).add(s));
            }
        }
        for k in 2..=3 {
            if let Some(p) = prefix_chars(t.stem(), k) {
                push(out, Fnv::new(18 + k as u8).add(p));
            }
            if let Some(s) = suffix_chars(t.stem(), k) {
                push(out, Fnv::new(22 + k as u8).add(s));
            }
        }
        // neighbours
        push(out, Fnv::new(30).add(word_at(ii - 1)));
        push(out, Fnv::new(31).add(word_at(ii + 1)));
        push(out, Fnv::new(32).add(word_at(ii - 2)));
        push(out, Fnv::new(33).add(word_at(ii + 2)));
        push(out, Fnv::new(34).add(stem_at(ii - 1)));
        push(out, Fnv::new(35).add(stem_at(ii + 1)));
        push(out, Fnv::new(36).add(word_at(ii - 1)).add(&t.folded));
        push(out, Fnv::new(37).add(&t.folded).add(word_at(ii + 1)));
        push(out, Fnv::new(38).add(stem_at(ii - 1)).add(t.stem()));
        push(
            out,
            Fnv::new(39)
                .byte(at(ii - 1).shape)
                .byte(t.shape)
                .byte(at(ii + 1).shape),
        );
        // gazetteers
        let g = |j: isize| -> (u8, u8) {
            if j < 0 || j >= n as isize {
                (0, 0)
            } else {
                #[allow(clippy::cast_sign_loss)]
                gaz_tags[j as usize].unwrap_or((0, 0))
            }
        };
        let (gp, gc) = g(ii);
        if gp != 0 {
            push(out, Fnv::new(40).byte(gp).byte(gc));
            push(out, Fnv::new(41).byte(gc));
        }
        let (pp, pc) = g(ii - 1);
        push(out, Fnv::new(42).byte(pp).byte(pc).byte(gp).byte(gc));
        let (np, nc) = g(ii + 1);
        push(out, Fnv::new(43).byte(gp).byte(gc).byte(np).byte(nc));
        // triggers
        let (tm2, tm1, t0, tp1, tp2) = (
            trig(ii - 2),
            trig(ii - 1),
            trig(ii),
            trig(ii + 1),
            trig(ii + 2),
        );
        push(out, Fnv::new(50).byte(tm1));
        push(out, Fnv::new(51).byte(tm2));
        push(out, Fnv::new(52).byte(t0));
        push(out, Fnv::new(53).byte(tp1));
        push(out, Fnv::new(54).byte(tp2));
        push(out, Fnv::new(55).byte(tm1).byte(gc));
        push(out, Fnv::new(56).byte(tm1).add(t.stem()));
        let mut push_here = |h: Fnv| out.push(h.finish(mask));
        if let Some(ids) = &cluster_ids {
            cluster_features(ids, i, &mut push_here);
        }
        if set.shapes {
            shape_features(&v, i, &mut push_here);
        }
        if let Some(p) = &profile_ids {
            profile_features(p, i, &mut push_here);
        }
        offsets.push(out.len());
    }
    slots
}
