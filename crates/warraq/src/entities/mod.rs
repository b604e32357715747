//! Named entities: people, places, organisations (a statistical tagger) and
//! dates, times, numbers, percentages and amounts of money (rules), with
//! canonical forms and values.
//!
//! The tagger is an averaged structured perceptron with Viterbi decoding over BIO
//! tags, trained on ANERcorp (Benajiba et al. 2007; CAMeL Lab split, Obeid et al.
//! 2020). Its features are the word, its folded and light-stemmed forms, affixes,
//! shape, the neighbouring words, gazetteer matches (lists written for warraq, in
//! `data/gazetteers/`) and trigger words (titles, organisation and place heads).
//! The trained model is embedded in the crate, so [`EntityRecognizer::new`] needs
//! no file; [`EntityRecognizer::from_path`] loads another one.
//!
//! ```
//! use warraq::entities::{EntityRecognizer, Label};
//!
//! let ner = EntityRecognizer::new();
//! let text = "وصل الرئيس الفرنسي إيمانويل ماكرون إلى بيروت.";
//! let ents = ner.extract(text, None);
//! let places: Vec<&str> = ents.iter().filter(|e| e.label == Label::Location).map(|e| e.text.as_str()).collect();
//! assert_eq!(places, ["بيروت"]);
//! for e in &ents {
//!     assert_eq!(&text[e.start..e.end], e.text);
//! }
//! ```

mod arrow;
mod canonical;
mod clusters;
mod conll;
mod consistency;
mod distributional;
mod eval;
mod features;
mod fold;
pub(crate) mod gazetteer;
mod kmeans;
mod latin;
mod learn;
mod numbers;
mod parquet;
mod perceptron;
mod places;
mod profiles;
mod shapes;
mod svd;
mod training;

pub use arrow::{
    entities_batch, entities_schema, extract_batch_arrow, extract_char_entities, mention_columns,
    mention_fields,
};
pub use clusters::WordClusters;
pub use conll::{read_conll, ConllSentence, Evaluation, Prf};
pub use distributional::{ClusterOptions, ClusterReport};
pub use eval::{
    contiguous_blocks, cross_validate, documents, opens_article, split_dev_block, CrossValidation,
    FoldSummary,
};
pub use parquet::{entities_file_schema, write_entities_parquet};
pub use training::{refit, train, unlabeled_texts, TrainOptions, TrainReport};

use crate::tokenize::{sentence_spans, tokens, Token};
use crate::{Error, Result};
use canonical::canonical;
pub use chrono::NaiveDate;
use perceptron::{Tagged, Tagger, TAGS};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// The model trained on ANERcorp's train part (`make train-ner`), embedded once: a
/// `static`, not a `const`, which each codegen unit that uses it may copy (5 MB each).
static BUNDLED_MODEL: &[u8] = include_bytes!("../../data/ner-model.bin");

/// Longest run of tokens tagged at once; longer sentences are cut (at a token that
/// is punctuation when possible) so that decoding stays linear.
const MAX_RUN: usize = 256;

/// What kind of thing an entity is.
///
/// ```
/// use warraq::entities::Label;
/// assert_eq!(Label::Organization.as_str(), "ORGANIZATION");
/// assert_eq!("MONEY".parse::<Label>().unwrap(), Label::Money);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    /// A person.
    Person,
    /// A place: country, city, region, geographic feature.
    Location,
    /// An organisation: government body, party, armed group, company, outlet.
    Organization,
    /// Other names (nationalities, events, works…), as ANERcorp's MISC.
    Misc,
    /// A date at any precision (TIMEX3 `DATE`: a day, a month, a year, a decade, a
    /// season, a week, `PRESENT_REF`).
    Date,
    /// A time of day, with its day when one is written (TIMEX3 `TIME`).
    Time,
    /// A length of time («3 أيام», `P3D`), and a range («بين 2011 و2013») with its
    /// begin and end (TIMEX3 `DURATION`).
    Duration,
    /// A time that recurs («كل يوم اثنين», `XXXX-WXX-1`; TIMEX3 `SET`).
    Set,
    /// A number.
    Number,
    /// A percentage.
    Percent,
    /// An amount of money.
    Money,
}

impl Label {
    /// Every label, in a fixed order.
    pub const ALL: [Label; 11] = [
        Label::Person,
        Label::Location,
        Label::Organization,
        Label::Misc,
        Label::Date,
        Label::Time,
        Label::Duration,
        Label::Set,
        Label::Number,
        Label::Percent,
        Label::Money,
    ];

    /// The label's name (`"PERSON"`, `"LOCATION"`, …).
    ///
    /// ```
    /// assert_eq!(warraq::entities::Label::Person.as_str(), "PERSON");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Location => "LOCATION",
            Label::Organization => "ORGANIZATION",
            Label::Misc => "MISC",
            Label::Date => "DATE",
            Label::Time => "TIME",
            Label::Duration => "DURATION",
            Label::Set => "SET",
            Label::Number => "NUMBER",
            Label::Percent => "PERCENT",
            Label::Money => "MONEY",
        }
    }

    fn from_model_type(ty: &str) -> Option<Label> {
        match ty {
            "PERS" => Some(Label::Person),
            "LOC" => Some(Label::Location),
            "ORG" => Some(Label::Organization),
            "MISC" => Some(Label::Misc),
            _ => None,
        }
    }
}

impl std::str::FromStr for Label {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Label::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| Error::invalid_option("label", format!("unknown label `{s}`")))
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The value of a DATE, TIME, DURATION, SET, NUMBER, PERCENT or MONEY entity.
///
/// ```
/// use warraq::entities::{extract_entities, EntityValue};
/// assert_eq!(EntityValue::Number(6000.0).to_string(), "6000");
/// assert_eq!(EntityValue::Iso("2016-12-11".into()).to_string(), "2016-12-11");
/// let ents = extract_entities("استمر الحصار 3 أيام", None);
/// assert!(matches!(&ents[0].value, Some(EntityValue::Timex(t)) if t.value.to_string() == "P3D"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum EntityValue {
    /// A number (NUMBER, PERCENT — in percent —, MONEY — in its currency's units).
    Number(f64),
    /// An ISO 8601 string at the precision known: `2016-12-11`, `2015-05`, `2014`,
    /// `--12-11` (day and month without a year) or `08:52`.
    Iso(String),
    /// A temporal expression (DATE, TIME, DURATION, SET): its TIMEX3 value, the
    /// begin and end of a range, whether the publication date supplied part of the
    /// value, and the Hijri calendar it was converted from.
    Timex(Box<crate::dates::timex::Timex>),
}

impl fmt::Display for EntityValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EntityValue::Number(x) => write!(f, "{x}"),
            EntityValue::Iso(s) => f.write_str(s),
            EntityValue::Timex(t) => write!(f, "{}", t.value),
        }
    }
}

/// One mention of an entity.
///
/// ```
/// let ents = warraq::entities::extract_entities("قتل 6 أشخاص في انفجار بالحسكة شمال شرقي سوريا", None);
/// let place = ents.iter().find(|e| e.label == warraq::entities::Label::Location).unwrap();
/// assert_eq!(place.text, "بالحسكة");
/// assert_eq!(place.normalized, "الحسكة");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// The mention as written.
    pub text: String,
    /// Its label.
    pub label: Label,
    /// Byte offset of the first character (code points after [`Entity::to_char_offsets`]).
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// Canonical form: conjunction/preposition proclitics removed (the article
    /// kept), diacritics and tatweel removed, alef variants folded.
    pub normalized: String,
    /// The value of a DATE/TIME/NUMBER/PERCENT/MONEY entity.
    pub value: Option<EntityValue>,
    /// Confidence in [0, 1]: the tagger's mean marginal probability of the
    /// mention's tags; 1 for rule-based entities.
    pub score: f32,
}

impl Entity {
    /// The TIMEX3 annotation of a DATE, TIME, DURATION or SET entity.
    ///
    /// ```
    /// use warraq::entities::extract_entities;
    /// use warraq::dates::timex::Anchor;
    /// use chrono::NaiveDate;
    /// let ents = extract_entities("من 5 إلى 12 ماي", NaiveDate::from_ymd_opt(2016, 5, 20));
    /// let t = ents[0].timex().unwrap();
    /// assert_eq!(t.value.to_string(), "P8D");
    /// assert_eq!(t.begin.as_ref().unwrap().to_string(), "2016-05-05");
    /// assert_eq!(t.anchor, Anchor::Reference);
    /// ```
    #[must_use]
    pub fn timex(&self) -> Option<&crate::dates::timex::Timex> {
        match &self.value {
            Some(EntityValue::Timex(t)) => Some(t),
            _ => None,
        }
    }

    /// Converts `start`/`end` of `entities` (found in `text`, sorted by start) from
    /// byte offsets to code-point offsets, which is what Python's `str` indexes by.
    ///
    /// ```
    /// use warraq::entities::{extract_entities, Entity};
    /// let text = "زار دمشق";
    /// let mut ents = extract_entities(text, None);
    /// Entity::to_char_offsets(text, &mut ents);
    /// assert_eq!((ents[0].start, ents[0].end), (4, 8));
    /// ```
    pub fn to_char_offsets(text: &str, entities: &mut [Entity]) {
        let mut sorted: Vec<(usize, bool, usize)> = Vec::with_capacity(entities.len() * 2);
        for (i, e) in entities.iter().enumerate() {
            sorted.push((e.start, false, i));
            sorted.push((e.end, true, i));
        }
        sorted.sort_unstable();
        let mut conv = crate::offsets::CharOffsets::new(text);
        for (byte, is_end, i) in sorted {
            let c = conv.char_offset(byte);
            if is_end {
                entities[i].end = c;
            } else {
                entities[i].start = c;
            }
        }
    }
}

/// Where a recognizer's model came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelSource {
    /// The model embedded in the crate.
    Bundled,
    /// A model file.
    Path(PathBuf),
    /// Bytes given by the caller (for instance a freshly trained model).
    Bytes,
}

/// Finds entities with a statistical model and rules. Cheap to clone (the model is
/// shared) and `Send + Sync`.
///
/// ```
/// use warraq::entities::{EntityRecognizer, Label};
/// let ner = EntityRecognizer::new();
/// let batch = ner.extract_batch(&["زار دمشق", "قال العقيد أحمد حسن"], &[]);
/// assert_eq!(batch[0][0].label, Label::Location);
/// assert!(batch[1].iter().any(|e| e.label == Label::Person && e.text == "أحمد حسن"));
/// ```
#[derive(Clone)]
pub struct EntityRecognizer {
    tagger: Arc<Tagger>,
    source: ModelSource,
}

impl fmt::Debug for EntityRecognizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EntityRecognizer")
            .field("source", &self.source)
            .field("features", &self.tagger.n_rows())
            .finish()
    }
}

impl Default for EntityRecognizer {
    fn default() -> Self {
        Self::new()
    }
}

impl EntityRecognizer {
    /// The recognizer with the bundled model (decoded once per process).
    ///
    /// ```
    /// let ner = warraq::entities::EntityRecognizer::new();
    /// assert_eq!(ner.source(), &warraq::entities::ModelSource::Bundled);
    /// ```
    #[must_use]
    pub fn new() -> Self {
        static BUNDLED: OnceLock<Arc<Tagger>> = OnceLock::new();
        let tagger = BUNDLED
            .get_or_init(|| {
                #[allow(clippy::expect_used)]
                Arc::new(
                    Tagger::from_bytes(BUNDLED_MODEL, Path::new("<bundled>"))
                        .expect("the bundled model is checked by the crate's tests"),
                )
            })
            .clone();
        EntityRecognizer {
            tagger,
            source: ModelSource::Bundled,
        }
    }

    /// Loads a model file written by [`EntityRecognizer::save`] or `train_ner`. A
    /// missing file is [`Error::Io`]; a truncated, corrupt or wrong-version one is
    /// [`Error::Model`] naming the path.
    ///
    /// ```
    /// use warraq::entities::EntityRecognizer;
    /// let path = std::env::temp_dir().join("warraq-doc-model.bin");
    /// EntityRecognizer::new().save(&path).unwrap();
    /// let ner = EntityRecognizer::from_path(&path).unwrap();
    /// assert_eq!(ner.extract("زار دمشق", None).len(), 1);
    /// std::fs::write(&path, b"WARRAQNER junk").unwrap();
    /// let err = EntityRecognizer::from_path(&path).unwrap_err();
    /// assert!(matches!(err, warraq::Error::Model { .. }));
    /// assert!(err.to_string().contains("warraq-doc-model.bin"));
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let bytes = crate::persist::read_model_file(path)?;
        Ok(EntityRecognizer {
            tagger: Arc::new(Tagger::from_bytes(&bytes, path)?),
            source: ModelSource::Path(path.to_path_buf()),
        })
    }

    /// Loads a model from bytes (errors name `<bytes>` as the path).
    ///
    /// ```
    /// use warraq::entities::EntityRecognizer;
    /// let bytes = EntityRecognizer::new().to_bytes();
    /// assert!(EntityRecognizer::from_bytes(&bytes).is_ok());
    /// assert!(EntityRecognizer::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        Ok(EntityRecognizer {
            tagger: Arc::new(Tagger::from_bytes(bytes, Path::new("<bytes>"))?),
            source: ModelSource::Bytes,
        })
    }

    /// The model file's bytes.
    ///
    /// ```
    /// let bytes = warraq::entities::EntityRecognizer::new().to_bytes();
    /// assert!(bytes.starts_with(b"WARRAQNER"));
    /// ```
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        if self.source == ModelSource::Bundled {
            return BUNDLED_MODEL.to_vec();
        }
        self.tagger.to_bytes()
    }

    /// Writes the model file, atomically (a temporary file renamed over `path`).
    ///
    /// ```
    /// let path = std::env::temp_dir().join("warraq-doc-save.bin");
    /// warraq::entities::EntityRecognizer::new().save(&path).unwrap();
    /// assert!(std::fs::metadata(&path).unwrap().len() > 1000);
    /// ```
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        crate::persist::write_atomically(path, &self.to_bytes())
    }

    /// The word clusters the model's features use, if any.
    ///
    /// ```
    /// let ner = warraq::entities::EntityRecognizer::new();
    /// assert!(ner.clusters().is_some_and(|c| c.len() > 10_000));
    /// ```
    #[must_use]
    pub fn clusters(&self) -> Option<&Arc<WordClusters>> {
        self.tagger.clusters()
    }

    /// Where the model came from.
    ///
    /// ```
    /// use warraq::entities::{EntityRecognizer, ModelSource};
    /// assert_eq!(EntityRecognizer::new().source(), &ModelSource::Bundled);
    /// ```
    #[must_use]
    pub fn source(&self) -> &ModelSource {
        &self.source
    }

    /// Tags the words of one sentence with BIO tags (`O`, `B-PERS`, `I-LOC`, …):
    /// what the model was trained and is evaluated on.
    ///
    /// ```
    /// let ner = warraq::entities::EntityRecognizer::new();
    /// assert_eq!(ner.tag_words(&["زار", "دمشق"]), ["O", "B-LOC"]);
    /// ```
    #[must_use]
    pub fn tag_words(&self, words: &[&str]) -> Vec<&'static str> {
        self.tagger
            .tag(words)
            .tags
            .into_iter()
            .map(|t| TAGS[t])
            .collect()
    }

    /// Entities of `text`, sorted by start, with byte offsets. `published` (the
    /// article's date) resolves relative dates.
    ///
    /// ```
    /// let ner = warraq::entities::EntityRecognizer::new();
    /// let ents = ner.extract("التقى وزير الخارجية بمسؤولين في الرياض", None);
    /// assert!(ents.iter().any(|e| e.text == "الرياض"));
    /// ```
    #[must_use]
    pub fn extract(&self, text: &str, published: Option<NaiveDate>) -> Vec<Entity> {
        self.extract_with(text, &crate::dates::Resolution::new(published))
    }

    /// [`extract`](Self::extract) with temporal expressions resolved by `resolution`:
    /// the reference date and the side of it an underspecified date («28 مايو»,
    /// «الاثنين») is taken on ([`crate::dates::Prefer`]; the past by default, as news
    /// reports it).
    ///
    /// ```
    /// use warraq::dates::{Prefer, Resolution};
    /// use warraq::entities::{EntityRecognizer, NaiveDate};
    /// let ner = EntityRecognizer::new();
    /// let r = Resolution::new(NaiveDate::from_ymd_opt(2016, 5, 3)).prefer(Prefer::Future);
    /// let e = &ner.extract_with("يبدأ المهرجان في 28 مايو", &r)[0];
    /// assert_eq!(e.timex().unwrap().value.to_string(), "2016-05-28");
    /// ```
    #[must_use]
    pub fn extract_with(&self, text: &str, resolution: &crate::dates::Resolution) -> Vec<Entity> {
        let mut out = rules::find(text, resolution);
        let toks = tokens(text);
        let mut runs: Vec<&[Token]> = Vec::new();
        let mut ti = 0;
        for (s, e) in sentence_spans(text) {
            while ti < toks.len() && toks[ti].start < s {
                ti += 1;
            }
            let first = ti;
            while ti < toks.len() && toks[ti].end <= e {
                ti += 1;
            }
            runs.extend(toks[first..ti].chunks(MAX_RUN).filter(|r| !r.is_empty()));
        }
        let words: Vec<Vec<&str>> = runs
            .iter()
            .map(|r| r.iter().map(|t| t.as_str(text)).collect())
            .collect();
        let tagged = self.tagger.tag_document(&words, true);
        let mut names = Vec::new();
        for ((run, w), t) in runs.iter().zip(&words).zip(&tagged) {
            names_of_run(text, run, w, t, &mut names);
        }
        // Rule-based entities win over names they overlap (a number is not a name).
        names.retain(|n: &Entity| !out.iter().any(|r| r.start < n.end && n.start < r.end));
        out.extend(names);
        out.sort_by_key(|e| (e.start, e.end));
        out
    }

    /// Tags the sentences of one document (`O`, `B-PERS`, …), each sentence on its
    /// own and then made consistent over the document: a name tagged in one
    /// sentence keeps its label where it recurs. This is what
    /// [`extract`](Self::extract) does with a text's sentences.
    ///
    /// ```
    /// let ner = warraq::entities::EntityRecognizer::new();
    /// let doc = [vec!["زار", "دمشق"], vec!["وغادر", "دمشق"]];
    /// let tags = ner.tag_document(&doc);
    /// assert_eq!(tags[0], ["O", "B-LOC"]);
    /// assert_eq!(tags[1][1], tags[0][1]);
    /// ```
    #[must_use]
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<&'static str>> {
        self.tagger
            .tag_document(sentences, true)
            .into_iter()
            .map(|t| t.tags.into_iter().map(|x| TAGS[x]).collect())
            .collect()
    }

    /// [`extract`](Self::extract) on many texts, in parallel (see
    /// [`crate::parallel`]). `published` is empty or has one date (or `None`) per text.
    ///
    /// ```
    /// let ner = warraq::entities::EntityRecognizer::new();
    /// let out = ner.extract_batch(&["زار دمشق", ""], &[]);
    /// assert_eq!(out.len(), 2);
    /// assert!(out[1].is_empty());
    /// ```
    #[must_use]
    pub fn extract_batch<S: AsRef<str> + Sync>(
        &self,
        texts: &[S],
        published: &[Option<NaiveDate>],
    ) -> Vec<Vec<Entity>> {
        let idx: Vec<usize> = (0..texts.len()).collect();
        crate::parallel::map(&idx, |&i| {
            self.extract(texts[i].as_ref(), published.get(i).copied().flatten())
        })
    }
}

/// The name entities of one tagged run of tokens.
fn names_of_run(text: &str, run: &[Token], words: &[&str], tagged: &Tagged, out: &mut Vec<Entity>) {
    let tags: Vec<String> = tagged.tags.iter().map(|t| TAGS[*t].to_string()).collect();
    for (ty, s, mut e) in conll::chunks(&tags) {
        let Some(label) = Label::from_model_type(&ty) else {
            continue;
        };
        // The tagger sometimes runs a name on into the particle after it
        // («وكالة Reuters فإن …»); no name ends with one.
        while e > s && TRAILING_PARTICLES.contains(&words[e - 1]) {
            e -= 1;
        }
        if e == s {
            continue;
        }
        let (start, end) = (run[s].start, run[e - 1].end);
        #[allow(clippy::cast_precision_loss)]
        let score = tagged.confidence[s..e].iter().sum::<f32>() / (e - s) as f32;
        out.push(Entity {
            text: text[start..end].to_string(),
            label,
            start,
            end,
            normalized: canonical(&words[s..e]),
            value: None,
            score,
        });
    }
}

/// Particles and relatives that end a clause, never a name (as written, with and
/// without hamza): trimmed from the end of a tagged span.
const TRAILING_PARTICLES: &[&str] = &[
    "إن",
    "ان",
    "أن",
    "فإن",
    "فان",
    "بأن",
    "بان",
    "وأن",
    "وان",
    "لأن",
    "لان",
    "قد",
    "لقد",
    "التي",
    "الذي",
    "الذين",
    "في",
    "من",
    "على",
    "إلى",
    "الى",
    "عن",
    "مع",
    "و",
    "ثم",
];

/// Finds entities with the bundled model.
///
/// ```
/// let ents = warraq::entities::extract_entities("وقال أبو محمد الجولاني إن الجيش السوري الحر انسحب", None);
/// assert!(ents.iter().any(|e| e.text == "أبو محمد الجولاني"));
/// ```
#[must_use]
pub fn extract_entities(text: &str, published: Option<NaiveDate>) -> Vec<Entity> {
    EntityRecognizer::new().extract(text, published)
}

mod rules {
    use super::canonical::canonical_normalizer;
    use super::{Entity, EntityValue, Label};
    use crate::dates::timex::TimexType;
    use crate::dates::{find_timexes, Resolution};

    fn label(kind: TimexType) -> Label {
        match kind {
            TimexType::Date => Label::Date,
            TimexType::Time => Label::Time,
            TimexType::Duration => Label::Duration,
            TimexType::Set => Label::Set,
        }
    }

    /// Rule-based entities: temporal expressions (with
    /// [`crate::dates::find_timexes`], resolved against `published`), numbers,
    /// percentages and money. Numbers inside a temporal expression are not reported.
    pub(super) fn find(text: &str, resolution: &Resolution) -> Vec<Entity> {
        let mut out: Vec<Entity> = find_timexes(text, resolution)
            .into_iter()
            .map(|m| {
                let s = &text[m.start..m.end];
                Entity {
                    text: s.to_string(),
                    label: label(m.timex.kind),
                    start: m.start,
                    end: m.end,
                    normalized: canonical_normalizer().normalize(s),
                    value: Some(EntityValue::Timex(Box::new(m.timex))),
                    score: 1.0,
                }
            })
            .collect();
        let overlaps =
            |e: &Entity, out: &[Entity]| out.iter().any(|d| d.start < e.end && e.start < d.end);
        let mut numbers = super::numbers::find_numbers(text);
        numbers.retain(|e| !overlaps(e, &out));
        out.extend(numbers);
        out.sort_by_key(|e| (e.start, e.end));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(ents: &[Entity], label: Label) -> Vec<&str> {
        ents.iter()
            .filter(|e| e.label == label)
            .map(|e| e.normalized.as_str())
            .collect()
    }

    #[test]
    fn bundled_model_tags_a_sentence() {
        let ner = EntityRecognizer::new();
        let text = "وقال العقيد أحمد حسن إن القوات وصلت إلى بالحسكة قادمة من دمشق";
        let ents = ner.extract(text, None);
        assert_eq!(find(&ents, Label::Person), ["احمد حسن"]);
        assert_eq!(find(&ents, Label::Location), ["الحسكة", "دمشق"]);
        for e in &ents {
            assert_eq!(&text[e.start..e.end], e.text);
            assert!((0.0..=1.0).contains(&e.score));
        }
    }

    #[test]
    fn spans_never_end_with_a_particle() {
        let text = "وبحسب وكالة Reuters فإن القمة ستناقش ربط الشبكات. وقال مدير شركة أرامكو إن الإنتاج ارتفع.";
        for e in extract_entities(text, None) {
            let last = e.text.split_whitespace().last().unwrap_or("");
            assert!(!TRAILING_PARTICLES.contains(&last), "{e:?}");
        }
    }

    #[test]
    fn canonical_forms_drop_proclitics_and_keep_the_article() {
        assert_eq!(canonical(&["وحلب"]), "حلب");
        assert_eq!(canonical(&["بالحسكة"]), "الحسكة");
        assert_eq!(canonical(&["للحسكة"]), "الحسكة");
        assert_eq!(canonical(&["لتنظيم", "الدولة"]), "تنظيم الدولة");
        assert_eq!(canonical(&["بغداد"]), "بغداد");
        assert_eq!(canonical(&["وليد"]), "وليد");
        assert_eq!(canonical(&["والإمارات"]), "الامارات");
        assert_eq!(canonical(&["مُحَمَّد"]), "محمد");
    }

    #[test]
    fn dates_and_times_use_the_publication_date() {
        let text = "التقى المبعوث بتاريخ 26 فبراير/شباط الماضي، وفي 11 ديسمبر/كانون الأول 2016 الساعة 08:52";
        let ents = extract_entities(text, NaiveDate::from_ymd_opt(2017, 3, 2));
        let dates: Vec<(&str, String)> = ents
            .iter()
            .filter(|e| matches!(e.label, Label::Date | Label::Time))
            .map(|e| {
                (
                    e.text.as_str(),
                    e.value
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            dates,
            [
                ("26 فبراير/شباط الماضي", "2017-02-26".to_string()),
                // A day and the time written after it are one TIME value (TIMEX3).
                (
                    "11 ديسمبر/كانون الأول 2016 الساعة 08:52",
                    "2016-12-11T08:52".to_string()
                ),
            ]
        );
        let kinds: Vec<Label> = ents.iter().map(|e| e.label).collect();
        assert_eq!(kinds, [Label::Date, Label::Time]);
        // numbers inside dates are not reported separately
        assert!(ents.iter().all(|e| e.label != Label::Number));
    }

    #[test]
    fn bad_model_files_are_model_errors_naming_the_path() {
        let dir = std::env::temp_dir().join(format!("warraq-ner-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = EntityRecognizer::new().to_bytes();
        let cases: [(&str, Vec<u8>); 4] = [
            ("truncated.bin", good[..good.len() - 100].to_vec()),
            ("garbage.bin", b"not a model at all".to_vec()),
            ("flipped.bin", {
                let mut b = good.clone();
                b[good.len() / 2] ^= 0xff;
                b
            }),
            ("version.bin", {
                let mut b = good.clone();
                b[9..13].copy_from_slice(&99u32.to_le_bytes());
                b
            }),
        ];
        for (name, bytes) in cases {
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            let err = EntityRecognizer::from_path(&path).unwrap_err();
            assert!(matches!(err, Error::Model { .. }), "{name}: {err}");
            assert!(err.to_string().contains(name), "{err}");
        }
        let err = EntityRecognizer::from_path(dir.join("version.bin")).unwrap_err();
        assert!(err.to_string().contains("version 99"), "{err}");
        assert!(matches!(
            EntityRecognizer::from_path(dir.join("missing.bin")),
            Err(Error::Io { .. })
        ));
    }

    #[test]
    fn saved_model_round_trips() {
        let ner = EntityRecognizer::new();
        let copy = EntityRecognizer::from_bytes(&ner.tagger.to_bytes()).unwrap();
        let text = "زار الرئيس اللبناني بيروت وباريس ولندن";
        assert_eq!(ner.extract(text, None), copy.extract(text, None));
    }

    #[test]
    fn training_is_deterministic() {
        let s = |w: &[&str], t: &[&str]| ConllSentence {
            words: w.iter().map(ToString::to_string).collect(),
            tags: t.iter().map(ToString::to_string).collect(),
        };
        let data = vec![
            s(
                &["زار", "محمد", "علي", "حلب"],
                &["O", "B-PERS", "I-PERS", "B-LOC"],
            ),
            s(&["قال", "حزب", "الله"], &["O", "B-ORG", "I-ORG"]),
            s(&["وصل", "إلى", "دمشق"], &["O", "O", "I-LOC"]),
        ];
        let opts = TrainOptions {
            epochs: 4,
            hash_bits: 14,
            ..TrainOptions::default()
        };
        let (a, ra) = train(&data, &data, &opts).unwrap();
        let (b, _) = train(&data, &data, &opts).unwrap();
        assert_eq!(a.to_bytes(), b.to_bytes());
        assert_eq!(ra.epochs.len(), 4);
        assert!(train(&data, &[], &TrainOptions { epochs: 0, ..opts }).is_err());
    }

    #[test]
    fn long_texts_and_empty_texts() {
        let ner = EntityRecognizer::new();
        assert!(ner.extract("", None).is_empty());
        let long = "زار دمشق ".repeat(400);
        let ents = ner.extract(&long, None);
        assert_eq!(ents.iter().filter(|e| e.text == "دمشق").count(), 400);
    }

    proptest::proptest! {
        #[test]
        fn any_text_gives_valid_spans(text in "[ابتدلمنويةءأإ0-9٠-٩%٪:،,.رو/ \\n-]{0,80}") {
            let ents = extract_entities(&text, NaiveDate::from_ymd_opt(2017, 3, 2));
            for e in &ents {
                proptest::prop_assert!(e.start < e.end && e.end <= text.len());
                proptest::prop_assert_eq!(&text[e.start..e.end], e.text.as_str());
            }
        }
    }
}
