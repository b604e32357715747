//! Saving a vectorizer: versioned JSON of its parameters, analyzer options,
//! vocabulary, idf and accumulated statistics.

use super::config::TfidfConfig;
use super::vocabulary::Vocabulary;
use super::{Fitted, TfidfVectorizer};
use crate::analyze::AnalyzerOptions;
use crate::vectors::DocumentFrequencies;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

const FORMAT: &str = "warraq.TfidfVectorizer";
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Saved {
    format: String,
    version: u32,
    config: TfidfConfig,
    analyzer: AnalyzerOptions,
    fixed_vocabulary: Option<Vocabulary>,
    stats: Option<DocumentFrequencies>,
    vocabulary: Option<Vocabulary>,
    idf: Option<Vec<f64>>,
}

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
}

impl TfidfVectorizer {
    /// The vectorizer as versioned JSON (parameters, analyzer options, vocabulary,
    /// idf and any accumulated statistics).
    pub fn to_json(&self) -> Result<String> {
        let saved = Saved {
            format: FORMAT.into(),
            version: VERSION,
            config: self.config.clone(),
            analyzer: self.analyzer.options().clone(),
            fixed_vocabulary: self.fixed_vocabulary.clone(),
            stats: self.stats.clone(),
            vocabulary: self.vocabulary().cloned(),
            idf: self.idf().map(<[f64]>::to_vec),
        };
        serde_json::to_string(&saved).map_err(|e| Error::Model {
            path: PathBuf::new(),
            message: e.to_string(),
        })
    }

    /// Reads [`to_json`](Self::to_json)'s output; `path` names the source in errors.
    ///
    /// ```
    /// use warraq::vectors::TfidfVectorizer;
    /// let mut v = TfidfVectorizer::default();
    /// v.fit(&["النفط"]).unwrap();
    /// assert_eq!(TfidfVectorizer::from_json(&v.to_json().unwrap(), "").unwrap(), v);
    /// let err = TfidfVectorizer::from_json(r#"{"format": "warraq.TfidfVectorizer", "version": 99}"#, "m.json");
    /// assert!(err.unwrap_err().to_string().contains("m.json: version 99"));
    /// ```
    pub fn from_json(json: &str, path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let model_err = |message: String| Error::Model {
            path: path.to_owned(),
            message,
        };
        let header: Header = serde_json::from_str(json)
            .map_err(|e| model_err(format!("not a saved TfidfVectorizer: {e}")))?;
        if header.format.as_deref() != Some(FORMAT) {
            return Err(model_err(format!(
                "not a saved TfidfVectorizer (format {:?})",
                header.format
            )));
        }
        if header.version != Some(VERSION) {
            return Err(model_err(format!(
                "version {} is not supported (this warraq reads version {VERSION})",
                header.version.map_or("missing".into(), |v| v.to_string())
            )));
        }
        let saved: Saved = serde_json::from_str(json)
            .map_err(|e| model_err(format!("corrupt TfidfVectorizer: {e}")))?;
        let mut v = TfidfVectorizer::new(saved.config, saved.analyzer)
            .map_err(|e| model_err(e.to_string()))?;
        v.fixed_vocabulary = saved.fixed_vocabulary;
        v.stats = saved.stats;
        v.fitted = match (saved.vocabulary, saved.idf) {
            (Some(vocabulary), Some(idf)) if idf.len() == vocabulary.len() => {
                Some(Fitted { vocabulary, idf })
            }
            (None, None) => None,
            _ => {
                return Err(model_err(
                    "corrupt TfidfVectorizer: vocabulary and idf disagree".into(),
                ))
            }
        };
        Ok(v)
    }

    /// Saves the vectorizer to `path` as JSON, atomically (a temporary file renamed
    /// over `path`: readers see the old file or the new one, never half of one).
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let json = self.to_json()?;
        // Never a half-written file, even when the process dies mid-write.
        crate::persist::write_atomically(path, json.as_bytes())
    }

    /// Loads a vectorizer saved by [`save`](Self::save). A corrupt file or one from
    /// another format version is an [`Error::Model`] naming the path.
    ///
    /// ```
    /// let path = std::env::temp_dir().join("warraq-doctest-tfidf.json");
    /// std::fs::write(&path, "{not json").unwrap();
    /// let err = warraq::vectors::TfidfVectorizer::load(&path).unwrap_err();
    /// assert!(matches!(err, warraq::Error::Model { .. }));
    /// assert!(err.to_string().contains("warraq-doctest-tfidf.json"));
    /// ```
    pub fn load(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let bytes = crate::persist::read_model_file(path)?;
        let json = std::str::from_utf8(&bytes).map_err(|e| Error::Model {
            path: path.to_owned(),
            message: format!(
                "not a saved TfidfVectorizer: not UTF-8 at byte {}",
                e.valid_up_to()
            ),
        })?;
        Self::from_json(json, path)
    }
}
