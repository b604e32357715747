//! Token features for the entity tagger: the word, its folded and light-stemmed
//! forms, affixes, shape, neighbours, gazetteer matches and trigger words, each
//! hashed into a fixed-size table.

use super::fold::{chars_at_least, fold};
use super::gazetteer::Gazetteer;
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
    fn stem(&self) -> &str {
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
struct Fnv(u64);

impl Fnv {
    fn new(template: u8) -> Self {
        Fnv((0xcbf2_9ce4_8422_2325 ^ u64::from(template)).wrapping_mul(0x100_0000_01b3))
    }
    fn add(mut self, s: &str) -> Self {
        for b in s.bytes() {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
        self.0 = (self.0 ^ 0xff).wrapping_mul(0x100_0000_01b3);
        self
    }
    fn byte(mut self, b: u8) -> Self {
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

/// Hashed feature ids of every token of a sentence (`bits` bits each), appended
/// to `out` with `offsets[i]..offsets[i+1]` the range of token `i`.
pub(crate) fn sentence_features(
    words: &[&str],
    bits: u32,
    out: &mut Vec<u32>,
    offsets: &mut Vec<usize>,
) {
    let mask = (1u32 << bits) - 1;
    let gaz = Gazetteer::get();
    let v = views(words);
    let n = v.len();
    // Gazetteer matches: for each token, (position code, class) of the longest
    // match covering it; position 1 = begin, 2 = inside.
    let mut gaz_tags: Vec<Option<(u8, u8)>> = vec![None; n];
    let folded: Vec<String> = v.iter().map(|t| t.folded.clone()).collect();
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
        if let Some((len, class)) = gaz.match_at(&firsts, &folded, i) {
            gaz_tags[i] = Some((1, class.code()));
            for t in gaz_tags.iter_mut().skip(i + 1).take(len - 1) {
                *t = Some((2, class.code()));
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
    let trig = |j: isize| -> u8 {
        if j < 0 || j >= n as isize {
            return 0;
        }
        let t = at(j);
        let s = t.stem();
        let f = t.folded.as_str();
        let with_al = if t.clitics.article {
            format!("ال{s}")
        } else {
            s.to_string()
        };
        let any = |set: &std::collections::HashSet<String>| {
            set.contains(f) || set.contains(s) || set.contains(&with_al)
        };
        u8::from(any(&gaz.titles))
            | u8::from(any(&gaz.org_heads)) << 1
            | u8::from(any(&gaz.place_heads)) << 2
            | u8::from(gaz.place_preps.contains(f)) << 3
            | u8::from(gaz.particles.contains(f)) << 4
    };
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
        offsets.push(out.len());
    }
}
