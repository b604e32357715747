//! Document-level consistency: a name tagged in one sentence of an article keeps
//! its label and span in the others. News repeats its names («فولكسفاغن» five
//! times in one story, a surname after the full name), and a sentence-level tagger
//! misses some of the repeats that the article's other sentences settle.
//!
//! Each mention the tagger found votes for its label with its confidence; every
//! other occurrence of the same words (proclitics stripped) is then tagged with
//! the winning label when it was left untagged or tagged as another type. A
//! person's surname, written alone later on, inherits the person's votes.

use super::features::light_stem;
use super::fold::fold;
use super::perceptron::{Tagged, Tagger};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

/// Longest mention (in tokens) that is propagated.
const MAX_LEN: usize = 6;
/// A mention propagates when its votes reach this total confidence…
const MIN_VOTES: f32 = 0.75;
/// …and the winning label holds this share of them.
const MIN_SHARE: f32 = 0.6;

/// The key a token is matched by: folded, proclitics and article stripped.
fn key(word: &str) -> String {
    let f = fold(word);
    let (_, stem) = light_stem(&f);
    stem.to_string()
}

/// Words that never make a one-word mention on their own: stopwords, the heads
/// and titles of the trigger lists («مدينة», «حزب», «الرئيس») and keys of fewer
/// than three letters.
fn too_common(k: &str) -> bool {
    static STOP: OnceLock<HashSet<String>> = OnceLock::new();
    let stop = STOP.get_or_init(|| crate::analyze::stopwords().iter().map(|w| key(w)).collect());
    let gaz = super::gazetteer::Gazetteer::get();
    let with_article = format!("ال{k}");
    let trigger = |w: &str| {
        gaz.place_heads.contains(w) || gaz.org_heads.contains(w) || gaz.titles.contains(w)
    };
    k.chars().filter(|c| c.is_alphabetic()).count() < 3
        || stop.contains(k)
        || trigger(k)
        || trigger(&with_article)
}

/// Entity type of a tag index (0 for O; PERS 1, LOC 2, ORG 3, MISC 4).
fn tag_type(tag: usize) -> usize {
    tag.div_ceil(2)
}

/// Chunks `(type, start, end)` of a tag-index sequence.
fn chunks(tags: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        if tags[i] == 0 {
            i += 1;
            continue;
        }
        let ty = tag_type(tags[i]);
        let start = i;
        i += 1;
        while i < tags.len() && tags[i] != 0 && tags[i].is_multiple_of(2) && tag_type(tags[i]) == ty
        {
            i += 1;
        }
        out.push((ty, start, i));
    }
    out
}

/// Last words of compound names that are not surnames («نور الدين», «عبد الله»,
/// «عبدالله الثاني»), as keys (folded, article stripped).
const NAME_TAILS: &[&str] = &[
    "دين", "له", "رحمن", "رحيم", "ثاني", "اول", "ثالث", "رابع", "كبير", "صغير", "بن", "ابن", "ابو",
    "عبد", "ال", "جديد", "ابن",
];

type Votes = HashMap<Vec<String>, [f32; 5]>;

fn collect_votes(keys: &[Vec<String>], tagged: &[Tagged]) -> Votes {
    let mut votes: Votes = HashMap::default();
    for (k, t) in keys.iter().zip(tagged) {
        for (ty, s, e) in chunks(&t.tags) {
            if e - s > MAX_LEN || (e - s == 1 && too_common(&k[s])) {
                continue;
            }
            #[allow(clippy::cast_precision_loss)]
            let conf = t.confidence[s..e].iter().sum::<f32>() / (e - s) as f32;
            votes.entry(k[s..e].to_vec()).or_default()[ty] += conf;
            // A person's surname stands for the person later in the article.
            if ty == 1
                && e - s >= 2
                && !too_common(&k[e - 1])
                && !NAME_TAILS.contains(&k[e - 1].as_str())
            {
                votes.entry(vec![k[e - 1].clone()]).or_default()[ty] += 0.5 * conf;
            }
        }
    }
    votes
}

/// The label a key's votes settle on, if they are strong and clear enough.
fn winner(v: &[f32; 5]) -> Option<(usize, f32)> {
    let total: f32 = v[1..].iter().sum();
    let (ty, best) = (1..5)
        .map(|t| (t, v[t]))
        .fold((0, 0.0), |a, b| if b.1 > a.1 { b } else { a });
    (total >= MIN_VOTES && best >= MIN_SHARE * total).then(|| (ty, best / total))
}

/// Makes the tags of a document's sentences (`words[i]` tagged as `tagged[i]`)
/// consistent, in place.
pub(crate) fn harmonise(words: &[Vec<&str>], tagged: &mut [Tagged]) {
    let keys: Vec<Vec<String>> = words
        .iter()
        .map(|s| s.iter().map(|w| key(w)).collect())
        .collect();
    let votes = collect_votes(&keys, tagged);
    if votes.is_empty() {
        return;
    }
    for (k, t) in keys.iter().zip(tagged.iter_mut()) {
        let n = k.len();
        let mut i = 0;
        while i < n {
            let found = (1..=MAX_LEN.min(n - i)).rev().find_map(|len| {
                let w = winner(votes.get(&k[i..i + len])?)?;
                Some((len, w))
            });
            let Some((len, (ty, share))) = found else {
                i += 1;
                continue;
            };
            let span = i..i + len;
            // Relabel only a span that is untagged, or exactly one mention of
            // another type; never cut into a longer mention.
            let untagged = t.tags[span.clone()].iter().all(|x| *x == 0);
            let inside_longer = (i > 0 && t.tags[i] != 0 && t.tags[i] % 2 == 0)
                || (i + len < n && t.tags[i + len] != 0 && t.tags[i + len] % 2 == 0);
            let exact_other = !inside_longer
                && t.tags[i] % 2 == 1
                && tag_type(t.tags[i]) != ty
                && t.tags[i + 1..i + len].iter().all(|x| *x == t.tags[i] + 1);
            if (untagged && !inside_longer) || exact_other {
                for (j, p) in span.clone().enumerate() {
                    t.tags[p] = if j == 0 { 2 * ty - 1 } else { 2 * ty };
                    t.confidence[p] = share.min(t.confidence[p].max(share));
                }
            }
            i += len;
        }
    }
}

impl Tagger {
    /// Tags the sentences of one document, then (when `consistent`) harmonises
    /// them with [`harmonise`].
    pub(crate) fn tag_document(&self, sentences: &[Vec<&str>], consistent: bool) -> Vec<Tagged> {
        let mut tagged: Vec<Tagged> = sentences.iter().map(|s| self.tag(s)).collect();
        if consistent {
            harmonise(sentences, &mut tagged);
        }
        tagged
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tagged(tags: &[usize]) -> Tagged {
        Tagged {
            tags: tags.to_vec(),
            confidence: vec![0.9; tags.len()],
        }
    }

    #[test]
    fn repeats_take_the_label_of_the_article() {
        let words = vec![
            vec!["أعلنت", "شركة", "فولكسفاغن", "أن"],
            vec!["وقالت", "فولكسفاغن", "إن"],
            vec!["وقال", "برند", "جوتشولك", "رئيس", "الاتحاد"],
            vec!["وأضاف", "جوتشولك", "أن", "السوق"],
            vec!["وكان", "برند", "جوتشولك", "قد"],
        ];
        let mut t = vec![
            tagged(&[0, 0, 5, 0]),
            tagged(&[0, 0, 0]),
            tagged(&[0, 1, 2, 0, 0]),
            tagged(&[0, 0, 0, 0]),
            tagged(&[0, 1, 2, 0]),
        ];
        harmonise(&words, &mut t);
        assert_eq!(t[1].tags, [0, 5, 0]); // ORG, from the first sentence
                                          // the surname alone, after the full name was tagged twice (each full
                                          // mention gives its surname half a vote)
        assert_eq!(t[3].tags, [0, 1, 0, 0]);
        assert_eq!(t[0].tags, [0, 0, 5, 0]);
        let mut once = vec![tagged(&[0, 1, 2, 0, 0]), tagged(&[0, 0, 0, 0])];
        harmonise(&words[2..4], &mut once);
        assert_eq!(once[1].tags, [0, 0, 0, 0]);
    }

    #[test]
    fn stopwords_do_not_spread() {
        let words = vec![vec!["في", "دمشق"], vec!["في", "المدينة"]];
        let mut t = vec![tagged(&[3, 4]), tagged(&[0, 0])];
        harmonise(&words, &mut t);
        assert_eq!(t[1].tags, [0, 0]);
    }
}
