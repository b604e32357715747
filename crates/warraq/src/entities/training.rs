//! Training the tagger from CoNLL sentences, and scoring it on a dev set the way
//! the extractor runs: sentence by sentence, then made consistent over each
//! article (see `consistency.rs`).

use super::conll::{ConllSentence, Evaluation};
use super::eval::documents;
use super::features::FeatureSet;
use super::learn::{self, Learner};
use super::perceptron::{self, Tagger, TAGS};
use super::profiles::CorpusProfiles;
use super::{clusters, EntityRecognizer, ModelSource, WordClusters};
use crate::{Error, Result};
use std::sync::Arc;

/// Options of [`train`].
///
/// ```
/// let o = warraq::entities::TrainOptions::default();
/// assert_eq!((o.epochs, o.dev_fraction), (12, 0.1));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TrainOptions {
    /// Passes over the training sentences.
    pub epochs: usize,
    /// Without a dev file, the last `dev_fraction` of the training tokens (whole
    /// articles, see [`split_dev_block`](crate::entities::split_dev_block)) is held out as the dev block; 0 holds out
    /// nothing.
    pub dev_fraction: f64,
    /// Bits of the feature hash (the table has `2^bits` rows before pruning).
    pub hash_bits: u32,
    /// Feature rows whose averaged weights are all below this are dropped.
    pub prune: f32,
    /// Seed of the sentence order (training is deterministic for a given seed).
    pub seed: u64,
    /// Word clusters for features (default: those of the bundled model); `None`
    /// trains without cluster features.
    pub clusters: Option<Arc<WordClusters>>,
    /// Character-shape and wide-context features (`shapes.rs`).
    pub shapes: bool,
    /// Dense features on the word vectors of the clusters (when they have some).
    pub dense: bool,
    /// Unlabeled texts for corpus profiles (`profiles.rs`): a first-stage model
    /// tags them, and the second-stage model learns from how each word was
    /// tagged across them. `None` trains one stage without profiles.
    pub unlabeled: Option<Arc<Vec<String>>>,
    /// Temperature of the confidences (see `Entity::score`); `None` fits it on
    /// the dev set. A model trained on all the data takes the one fitted with a
    /// dev set held out.
    pub temperature: Option<f32>,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            dev_fraction: 0.1,
            hash_bits: 20,
            prune: 0.05,
            seed: 20_070_218,
            clusters: Some(clusters::bundled().clone()),
            shapes: true,
            dense: true,
            unlabeled: None,
            temperature: None,
        }
    }
}

/// What [`train`] measured.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainReport {
    /// Training sentences used.
    pub train_sentences: usize,
    /// Dev sentences scored.
    pub dev_sentences: usize,
    /// Dev scores after each epoch (sentence by sentence).
    pub epochs: Vec<Evaluation>,
    /// Dev scores of the final model, as the extractor tags: sentence by sentence,
    /// then made consistent over each article (see [`documents`]).
    pub dev: Option<Evaluation>,
    /// Dev scores of the final model, sentence by sentence (no consistency).
    pub dev_by_sentence: Option<Evaluation>,
    /// Feature rows kept in the model.
    pub features: usize,
    /// Temperature of the confidences: fitted on the dev set, or the one given.
    pub temperature: f32,
}

/// Trains a recognizer from CoNLL sentences (tags over PERS/LOC/ORG/MISC) and scores it
/// on `dev` after each epoch. Deterministic for given inputs and options.
///
/// The stages of a training run in order (check the options, the first-stage
/// tagger, corpus profiles, the second stage, calibration on `dev`), one after the
/// other in one function, so that the recipe `make train-ner` reproduces reads
/// top to bottom.
///
/// ```
/// use warraq::entities::{train, ConllSentence, TrainOptions};
/// let s = |w: &[&str], t: &[&str]| ConllSentence {
///     words: w.iter().map(|x| x.to_string()).collect(),
///     tags: t.iter().map(|x| x.to_string()).collect(),
/// };
/// let data = vec![s(&["زار", "دمشق"], &["O", "B-LOC"]), s(&["قال", "أحمد"], &["O", "B-PERS"])];
/// let opts = TrainOptions { epochs: 3, hash_bits: 12, ..TrainOptions::default() };
/// let (ner, report) = train(&data, &data, &opts).unwrap();
/// assert_eq!(report.dev.unwrap().overall.f1(), 1.0);
/// assert_eq!(ner.tag_words(&["زار", "دمشق"]), ["O", "B-LOC"]);
/// ```
pub fn train(
    train_set: &[ConllSentence],
    dev: &[ConllSentence],
    options: &TrainOptions,
) -> Result<(EntityRecognizer, TrainReport)> {
    if !(8..=26).contains(&options.hash_bits) {
        return Err(Error::invalid_option(
            "hash_bits",
            "must be between 8 and 26",
        ));
    }
    if options.epochs == 0 {
        return Err(Error::invalid_option("epochs", "must be at least 1"));
    }
    let mut examples = Vec::with_capacity(train_set.len());
    for (si, s) in train_set.iter().enumerate() {
        let mut tags = Vec::with_capacity(s.tags.len());
        let mut prev = 0usize;
        for t in &s.tags {
            let mut idx = perceptron::tag_index(t).ok_or_else(|| {
                Error::invalid_option(
                    "train",
                    format!("sentence {}: tag `{t}` is not one of {TAGS:?}", si + 1),
                )
            })?;
            // An I-X that does not continue X opens an entity (conlleval): make it B-X.
            if idx != 0 && idx % 2 == 0 && (prev == 0 || prev.div_ceil(2) != idx / 2) {
                idx -= 1;
            }
            prev = idx;
            tags.push(idx);
        }
        examples.push(learn::Example {
            words: s.words.clone(),
            tags,
        });
    }
    let gold: Vec<Vec<String>> = dev.iter().map(|s| s.tags.clone()).collect();
    let mut epochs = Vec::new();
    let features = FeatureSet {
        clusters: options.clusters.is_some(),
        shapes: options.shapes,
        dense: options.dense && options.clusters.as_ref().is_some_and(|c| c.dims() > 0),
        profiles: false,
    };
    let mut learner = Learner {
        bits: options.hash_bits,
        features,
        clusters: options.clusters.clone(),
        profiles: None,
        epochs: options.epochs,
        seed: options.seed,
        prune: options.prune,
    };
    if let Some(texts) = &options.unlabeled {
        let first = learn::train(&examples, &learner, |_, _| {});
        learner.profiles = Some(Arc::new(CorpusProfiles::build(&first, texts)));
        learner.features.profiles = true;
    }
    let mut tagger = learn::train(&examples, &learner, |_, t| {
        if !dev.is_empty() {
            epochs.push(Evaluation::score(&gold, &tag_dev(t, dev, false)));
        }
    });
    let dev_examples: Vec<learn::Example> = dev
        .iter()
        .filter_map(|s| {
            let tags: Option<Vec<usize>> =
                s.tags.iter().map(|t| perceptron::tag_index(t)).collect();
            Some(learn::Example {
                words: s.words.clone(),
                tags: tags?,
            })
        })
        .collect();
    match options.temperature {
        Some(t) if t.is_finite() && t > 0.0 => tagger.temperature = t,
        Some(t) => {
            return Err(Error::invalid_option(
                "temperature",
                format!("{t} is not positive"),
            ))
        }
        None => tagger.calibrate(&dev_examples),
    }
    let report = TrainReport {
        temperature: tagger.temperature,
        train_sentences: train_set.len(),
        dev_sentences: dev.len(),
        dev: (!dev.is_empty()).then(|| Evaluation::score(&gold, &tag_dev(&tagger, dev, true))),
        dev_by_sentence: epochs.last().cloned(),
        epochs,
        features: tagger.n_rows(),
    };
    Ok((
        EntityRecognizer {
            tagger: Arc::new(tagger),
            source: ModelSource::Bytes,
        },
        report,
    ))
}

/// The article bodies of corpora (files or folders, read with
/// [`crate::corpus::read_corpus`]), in order: the unlabeled texts of
/// [`TrainOptions::unlabeled`].
///
/// ```
/// let dir = std::env::temp_dir().join("warraq-doc-unlabeled");
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("a.txt"), "عنوان\n\nقال الوزير إن المشروع بدأ.").unwrap();
/// let texts = warraq::entities::unlabeled_texts(&[dir.display().to_string()]).unwrap();
/// assert_eq!(texts, ["قال الوزير إن المشروع بدأ."]);
/// ```
pub fn unlabeled_texts(sources: &[String]) -> Result<Vec<String>> {
    let mut texts = Vec::new();
    for source in sources {
        let corpus = crate::corpus::read_corpus(
            std::slice::from_ref(source),
            &crate::corpus::CorpusOptions::default(),
        )?;
        texts.extend(corpus.records.into_iter().map(|r| r.document.body));
    }
    Ok(texts)
}

/// Trains the model to ship: on every sentence (the dev block included), with the
/// options of a first run and the temperature it fitted on its dev block.
///
/// ```
/// use warraq::entities::{refit, train, ConllSentence, TrainOptions};
/// let s = |w: &[&str], t: &[&str]| ConllSentence {
///     words: w.iter().map(|x| x.to_string()).collect(),
///     tags: t.iter().map(|x| x.to_string()).collect(),
/// };
/// let data = vec![s(&["زار", "دمشق"], &["O", "B-LOC"]), s(&["قال", "أحمد"], &["O", "B-PERS"])];
/// let opts = TrainOptions { epochs: 3, hash_bits: 12, ..TrainOptions::default() };
/// let (_, report) = train(&data[..1], &data[1..], &opts).unwrap();
/// let ner = refit(&data, &opts, &report).unwrap();
/// assert_eq!(ner.tag_words(&["قال", "أحمد"]), ["O", "B-PERS"]);
/// ```
pub fn refit(
    sentences: &[ConllSentence],
    options: &TrainOptions,
    report: &TrainReport,
) -> Result<EntityRecognizer> {
    let options = TrainOptions {
        temperature: Some(report.temperature),
        ..options.clone()
    };
    Ok(train(sentences, &[], &options)?.0)
}

/// Tags dev sentences, article by article when `consistent`.
fn tag_dev(tagger: &Tagger, dev: &[ConllSentence], consistent: bool) -> Vec<Vec<String>> {
    let docs = documents(dev);
    let tagged: Vec<Vec<Vec<String>>> = crate::parallel::map(&docs, |range| {
        let words: Vec<Vec<&str>> = dev[range.clone()]
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        tagger
            .tag_document(&words, consistent)
            .into_iter()
            .map(|t| t.tags.iter().map(|x| TAGS[*x].to_string()).collect())
            .collect()
    });
    tagged.into_iter().flatten().collect()
}
