//! Honest evaluation of the tagger: a contiguous dev block (whole articles at the
//! end of the training file) and k-fold cross-validation over contiguous blocks.
//!
//! Interleaved splits (every n-th sentence) put sentences of the same article on
//! both sides, so a model that memorises names looks better than it is; blocks of
//! whole articles measure what happens on text the model has never seen. ANERcorp
//! has no document markers, so block boundaries are moved to the nearest sentence
//! that opens an article (a dateline such as «بغداد ( اف ب )» or «الدوحة - قنا :»,
//! or a byline «كتب : …»).

use super::conll::{ConllSentence, Evaluation, Prf};
use super::training::{train, TrainOptions};
use crate::Result;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

/// Tokens that separate a dateline's place from its agency or author.
const SEPARATORS: &[&str] = &["-", "ـ", "–", "—", "(", ":"];

/// Tokens of news agencies and newspapers as they appear in datelines
/// («اف ب», «د ب أ», «رويترز», «وكالات», «قنا», «الراية», …).
const AGENCIES: &[&str] = &[
    "رويترز",
    "اف",
    "ا",
    "أ",
    "د",
    "وكالات",
    "وكالات:",
    "ب:",
    "وكالة",
    "قنا",
    "وام",
    "بترا",
    "واس",
    "كونا",
    "سانا",
    "الراية",
    "''",
    "“",
    "وص",
    "يو",
];

/// Whether a sentence opens an article: a dateline (a place, a separator within
/// the first four tokens, then an agency: «بغداد ( اف ب )», «مدريد ـ رويترز ـ»,
/// «الدوحة - قنا :») or a byline («كتب : هشام محمود»).
///
/// ```
/// use warraq::entities::opens_article;
/// assert!(opens_article(&["بغداد", "(", "اف", "ب", ")", "اعلن"]));
/// assert!(opens_article(&["كتب", ":", "هشام", "محمود"]));
/// assert!(!opens_article(&["وقال", ":", "إن", "الوضع"]));
/// ```
#[must_use]
pub fn opens_article<S: AsRef<str>>(words: &[S]) -> bool {
    let w = |i: usize| words.get(i).map_or("", AsRef::as_ref);
    if w(0).starts_with("كتب") && (SEPARATORS.contains(&w(1)) || w(1).is_empty()) {
        return true;
    }
    (1..=3).any(|p| {
        SEPARATORS.contains(&w(p))
            && !w(0).chars().any(|c| c.is_ascii_digit())
            && (p + 1..p + 4).any(|q| AGENCIES.contains(&w(q)))
    })
}

/// The articles of a run of sentences: ranges that start at each sentence
/// [`opens_article`] accepts (and at the first sentence), at most 40 sentences
/// long (ANERcorp marks no article ends, and some articles have no dateline).
///
/// ```
/// use warraq::entities::{documents, ConllSentence};
/// let s = |w: &[&str]| ConllSentence {
///     words: w.iter().map(|x| x.to_string()).collect(),
///     tags: vec!["O".into(); w.len()],
/// };
/// let data = [s(&["قال", "الوزير"]), s(&["بغداد", "(", "اف", "ب", ")"]), s(&["وأضاف"])];
/// assert_eq!(documents(&data), [0..1, 1..3]);
/// ```
#[must_use]
pub fn documents(sentences: &[ConllSentence]) -> Vec<Range<usize>> {
    let mut starts: Vec<usize> = (1..sentences.len())
        .filter(|&i| opens_article(&sentences[i].words))
        .collect();
    starts.insert(0, 0);
    starts.push(sentences.len());
    starts.dedup();
    let mut out = Vec::new();
    for w in starts.windows(2).filter(|w| w[0] < w[1]) {
        // A run without a dateline for longer than any article is several
        // articles: cut it into pieces of article size.
        let mut s = w[0];
        while s < w[1] {
            let e = (s + MAX_ARTICLE).min(w[1]);
            out.push(s..e);
            s = e;
        }
    }
    out
}

/// Longest run of sentences treated as one article by [`documents`].
const MAX_ARTICLE: usize = 40;

fn token_counts(sentences: &[ConllSentence]) -> Vec<usize> {
    let mut acc = Vec::with_capacity(sentences.len() + 1);
    let mut n = 0;
    acc.push(0);
    for s in sentences {
        n += s.words.len();
        acc.push(n);
    }
    acc
}

/// The sentence index to cut at for a block boundary near `target` tokens: the
/// article start closest to it (within 3 % of the corpus), else the sentence there.
fn cut_near(sentences: &[ConllSentence], cumulative: &[usize], target: usize) -> usize {
    let total = *cumulative.last().unwrap_or(&0);
    let slack = total * 3 / 100;
    let at = cumulative
        .partition_point(|&c| c < target)
        .min(sentences.len());
    let mut best: Option<(usize, usize)> = None;
    for (i, s) in sentences.iter().enumerate() {
        let distance = cumulative[i].abs_diff(target);
        if distance <= slack && opens_article(&s.words) && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, i));
        }
    }
    best.map_or(at, |(_, i)| i)
}

/// Splits `sentences` into `k` contiguous blocks of about equal token counts, each
/// boundary moved to the nearest article start (see [`opens_article`]).
///
/// ```
/// use warraq::entities::{contiguous_blocks, ConllSentence};
/// let s = |w: &str| ConllSentence { words: vec![w.into(); 10], tags: vec!["O".into(); 10] };
/// let data: Vec<ConllSentence> = (0..20).map(|_| s("قال")).collect();
/// let blocks = contiguous_blocks(&data, 4);
/// assert_eq!(blocks, [0..5, 5..10, 10..15, 15..20]);
/// ```
#[must_use]
pub fn contiguous_blocks(sentences: &[ConllSentence], k: usize) -> Vec<Range<usize>> {
    let k = k.max(1);
    let cumulative = token_counts(sentences);
    let total = *cumulative.last().unwrap_or(&0);
    let mut cuts = vec![0];
    for j in 1..k {
        let cut = cut_near(sentences, &cumulative, total * j / k);
        cuts.push(cut.max(*cuts.last().unwrap_or(&0)));
    }
    cuts.push(sentences.len());
    cuts.windows(2).map(|w| w[0]..w[1]).collect()
}

/// Splits sentences into (train, dev) with dev the last `fraction` of the tokens,
/// cut where an article starts: whole articles the model never saw.
///
/// ```
/// use warraq::entities::{split_dev_block, ConllSentence};
/// let s = |w: &[&str]| ConllSentence {
///     words: w.iter().map(|x| x.to_string()).collect(),
///     tags: vec!["O".into(); w.len()],
/// };
/// let mut data: Vec<ConllSentence> = (0..100).map(|_| s(&["قال", "الوزير", "أمس"])).collect();
/// data[88] = s(&["بغداد", "(", "اف"]); // a dateline near the 90 % mark: the dev block starts there
/// let (train, dev) = split_dev_block(&data, 0.1);
/// assert_eq!((train.len(), dev.len()), (88, 12));
/// ```
#[must_use]
pub fn split_dev_block(
    sentences: &[ConllSentence],
    fraction: f64,
) -> (Vec<ConllSentence>, Vec<ConllSentence>) {
    if fraction <= 0.0 || sentences.is_empty() {
        return (sentences.to_vec(), Vec::new());
    }
    let cumulative = token_counts(sentences);
    let total = *cumulative.last().unwrap_or(&0);
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let target = ((total as f64) * (1.0 - fraction.min(1.0))).round() as usize;
    let cut = cut_near(sentences, &cumulative, target);
    (sentences[..cut].to_vec(), sentences[cut..].to_vec())
}

/// Scores of k-fold cross-validation over contiguous blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct CrossValidation {
    /// Sentence range of each fold's test block.
    pub blocks: Vec<Range<usize>>,
    /// Each fold's scores on its block (trained on the others), tagged as the
    /// extractor tags: consistent over each article.
    pub folds: Vec<Evaluation>,
    /// The same, sentence by sentence.
    pub folds_by_sentence: Vec<Evaluation>,
}

/// Mean and sample standard deviation of precision, recall and F1 over folds.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct FoldSummary {
    /// Mean precision.
    pub precision: f64,
    /// Mean recall.
    pub recall: f64,
    /// Mean F1.
    pub f1: f64,
    /// Standard deviation of F1 over folds.
    pub f1_sd: f64,
    /// Lowest F1 of a fold.
    pub f1_min: f64,
    /// Highest F1 of a fold.
    pub f1_max: f64,
    /// Gold mentions over all folds.
    pub gold: usize,
}

fn summarise(prfs: &[Prf]) -> FoldSummary {
    #[allow(clippy::cast_precision_loss)]
    let n = prfs.len().max(1) as f64;
    let mean = |f: &dyn Fn(&Prf) -> f64| prfs.iter().map(f).sum::<f64>() / n;
    let f1 = mean(&Prf::f1);
    let var = prfs.iter().map(|p| (p.f1() - f1).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
    FoldSummary {
        precision: mean(&Prf::precision),
        recall: mean(&Prf::recall),
        f1,
        f1_sd: var.sqrt(),
        f1_min: prfs.iter().map(Prf::f1).fold(f64::INFINITY, f64::min),
        f1_max: prfs.iter().map(Prf::f1).fold(f64::NEG_INFINITY, f64::max),
        gold: prfs.iter().map(|p| p.gold).sum(),
    }
}

impl CrossValidation {
    /// Per label (and `"overall"`, last): mean and spread over the folds.
    ///
    /// ```
    /// use warraq::entities::{CrossValidation, Evaluation, Prf};
    /// let fold = |c| {
    ///     let mut e = Evaluation::default();
    ///     e.overall = Prf { correct: c, predicted: 10, gold: 10 };
    ///     e
    /// };
    /// let cv = CrossValidation { blocks: vec![0..1, 1..2], folds: vec![fold(6), fold(8)], folds_by_sentence: vec![] };
    /// let s = cv.summary();
    /// assert_eq!(s.last().unwrap().0, "overall");
    /// assert!((s.last().unwrap().1.f1 - 0.7).abs() < 1e-9);
    /// ```
    #[must_use]
    pub fn summary(&self) -> Vec<(String, FoldSummary)> {
        summary_of(&self.folds)
    }

    /// [`summary`](Self::summary) of the sentence-by-sentence scores.
    #[must_use]
    pub fn summary_by_sentence(&self) -> Vec<(String, FoldSummary)> {
        summary_of(&self.folds_by_sentence)
    }
}

fn summary_of(folds: &[Evaluation]) -> Vec<(String, FoldSummary)> {
    {
        let mut by_label: BTreeMap<&str, Vec<Prf>> = BTreeMap::new();
        for e in folds {
            for (label, p) in &e.per_label {
                by_label.entry(label).or_default().push(*p);
            }
        }
        let mut out: Vec<(String, FoldSummary)> = by_label
            .into_iter()
            .map(|(l, p)| (l.to_string(), summarise(&p)))
            .collect();
        let overall: Vec<Prf> = folds.iter().map(|e| e.overall).collect();
        out.push(("overall".into(), summarise(&overall)));
        out
    }
}

fn write_summary(f: &mut fmt::Formatter<'_>, rows: &[(String, FoldSummary)]) -> fmt::Result {
    writeln!(
        f,
        "{:<8} {:>6} {:>6} {:>6} {:>6} {:>13} {:>6}",
        "label", "P", "R", "F1", "±sd", "min–max", "gold"
    )?;
    for (label, s) in rows {
        writeln!(
            f,
            "{:<8} {:>6.2} {:>6.2} {:>6.2} {:>6.2} {:>6.2}–{:<6.2} {:>6}",
            label,
            100.0 * s.precision,
            100.0 * s.recall,
            100.0 * s.f1,
            100.0 * s.f1_sd,
            100.0 * s.f1_min,
            100.0 * s.f1_max,
            s.gold
        )?;
    }
    Ok(())
}

impl fmt::Display for CrossValidation {
    /// Tables of the mean P/R/F1 per label with the F1 spread (sd, min–max):
    /// consistent over articles, then sentence by sentence.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "consistent over each article (as the extractor tags):")?;
        write_summary(f, &self.summary())?;
        if !self.folds_by_sentence.is_empty() {
            writeln!(f, "sentence by sentence:")?;
            write_summary(f, &self.summary_by_sentence())?;
        }
        for (i, (b, e)) in self.blocks.iter().zip(&self.folds).enumerate() {
            let by_sentence = self
                .folds_by_sentence
                .get(i)
                .map_or(0.0, |s| s.overall.f1());
            let loc = |e: &Evaluation| e.per_label.get("LOC").map_or(0.0, Prf::f1);
            writeln!(
                f,
                "fold {}: sentences {}..{}, F1 {:.2} (sentence by sentence {:.2}; LOC {:.2} / {:.2})",
                i + 1,
                b.start,
                b.end,
                100.0 * e.overall.f1(),
                100.0 * by_sentence,
                100.0 * loc(e),
                100.0 * self.folds_by_sentence.get(i).map_or(0.0, loc)
            )?;
        }
        Ok(())
    }
}

/// k-fold cross-validation over contiguous blocks of whole articles (see
/// [`contiguous_blocks`]): each block is scored by a model trained on the others.
///
/// ```
/// use warraq::entities::{cross_validate, ConllSentence, TrainOptions};
/// let s = |w: &[&str], t: &[&str]| ConllSentence {
///     words: w.iter().map(|x| x.to_string()).collect(),
///     tags: t.iter().map(|x| x.to_string()).collect(),
/// };
/// let data = vec![s(&["زار", "دمشق"], &["O", "B-LOC"]); 6];
/// let opts = TrainOptions { epochs: 2, hash_bits: 12, ..TrainOptions::default() };
/// let cv = cross_validate(&data, 3, &opts).unwrap();
/// assert_eq!(cv.folds.len(), 3);
/// assert_eq!(cv.summary().last().unwrap().1.f1, 1.0);
/// ```
pub fn cross_validate(
    sentences: &[ConllSentence],
    k: usize,
    options: &TrainOptions,
) -> Result<CrossValidation> {
    let blocks = contiguous_blocks(sentences, k);
    let mut folds = Vec::with_capacity(blocks.len());
    let mut folds_by_sentence = Vec::with_capacity(blocks.len());
    for b in &blocks {
        let mut rest = sentences[..b.start].to_vec();
        rest.extend_from_slice(&sentences[b.end..]);
        let (_, report) = train(&rest, &sentences[b.clone()], options)?;
        folds.push(report.dev.unwrap_or_default());
        folds_by_sentence.push(report.dev_by_sentence.unwrap_or_default());
    }
    Ok(CrossValidation {
        blocks,
        folds,
        folds_by_sentence,
    })
}
