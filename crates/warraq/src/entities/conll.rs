//! CoNLL files (one `token tag` per line, blank line between sentences) and
//! entity-level scoring in the conlleval / seqeval default mode.

use crate::{Error, Result};
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// One sentence of a CoNLL file: words and their IOB2 tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConllSentence {
    /// The whitespace tokens, as written.
    pub words: Vec<String>,
    /// One tag per word (`O`, `B-PERS`, `I-LOC`, …).
    pub tags: Vec<String>,
}

/// Reads a CoNLL file: `token<space or tab>tag` per line, blank lines between
/// sentences. A line without a tag, or a tag that is not `O`, `B-X` or `I-X`, is an
/// [`Error::Parse`] naming the line.
///
/// ```
/// let dir = std::env::temp_dir().join("warraq-doc-conll");
/// std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("a.txt");
/// std::fs::write(&path, "زار O\nدمشق B-LOC\n\nقال O\n").unwrap();
/// let sentences = warraq::entities::read_conll(&path).unwrap();
/// assert_eq!(sentences.len(), 2);
/// assert_eq!(sentences[0].tags, ["O", "B-LOC"]);
/// std::fs::write(&path, "زار O\nدمشق\n").unwrap();
/// let err = warraq::entities::read_conll(&path).unwrap_err();
/// assert!(err.to_string().ends_with("line 2: expected `token tag`"), "{err}");
/// ```
pub fn read_conll(path: impl AsRef<Path>) -> Result<Vec<ConllSentence>> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut out = Vec::new();
    let mut cur = ConllSentence {
        words: Vec::new(),
        tags: Vec::new(),
    };
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::replace(
                    &mut cur,
                    ConllSentence {
                        words: Vec::new(),
                        tags: Vec::new(),
                    },
                ));
            }
            continue;
        }
        let parse_err = |column: usize, message: &str| Error::Parse {
            path: path.to_path_buf(),
            line: Some(i + 1),
            column: Some(column),
            message: message.to_string(),
        };
        let Some(split) = line.rfind([' ', '\t']) else {
            return Err(Error::Parse {
                path: path.to_path_buf(),
                line: Some(i + 1),
                column: None,
                message: "expected `token tag`".into(),
            });
        };
        let (word, tag) = (line[..split].trim(), line[split + 1..].trim());
        let column = line[..=split].chars().count() + 1;
        if word.is_empty() {
            return Err(parse_err(1, "empty token"));
        }
        let valid =
            tag == "O" || ((tag.starts_with("B-") || tag.starts_with("I-")) && tag.len() > 2);
        if !valid {
            return Err(parse_err(column, &format!("invalid tag `{tag}`")));
        }
        cur.words.push(word.to_string());
        cur.tags.push(tag.to_string());
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Entity chunks `(type, start, end)` of a tag sequence, conlleval style: an `I-X`
/// that does not continue an `X` chunk opens one.
pub(crate) fn chunks(tags: &[String]) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(String, usize)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let (bio, ty) = tag.split_once('-').unwrap_or((tag.as_str(), ""));
        let continues = bio == "I" && open.as_ref().is_some_and(|(t, _)| t == ty);
        if !continues {
            if let Some((t, s)) = open.take() {
                out.push((t, s, i));
            }
            if bio == "B" || bio == "I" {
                open = Some((ty.to_string(), i));
            }
        }
    }
    if let Some((t, s)) = open {
        out.push((t, s, tags.len()));
    }
    out
}

/// Precision, recall and F1 of one label (or of all, micro-averaged).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Prf {
    /// Predicted chunks that match a gold chunk exactly.
    pub correct: usize,
    /// Predicted chunks.
    pub predicted: usize,
    /// Gold chunks.
    pub gold: usize,
}

impl Prf {
    /// Precision (0 when nothing was predicted).
    ///
    /// ```
    /// let p = warraq::entities::Prf { correct: 3, predicted: 4, gold: 6 };
    /// assert_eq!(p.precision(), 0.75);
    /// assert_eq!(p.recall(), 0.5);
    /// assert!((p.f1() - 0.6).abs() < 1e-12);
    /// ```
    #[must_use]
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    /// Recall (0 when there is no gold chunk).
    #[must_use]
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    /// Harmonic mean of precision and recall.
    #[must_use]
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

#[allow(clippy::cast_precision_loss)]
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Entity-level scores: per label and micro-averaged overall.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Evaluation {
    /// Scores per entity type (`PERS`, `LOC`, …).
    pub per_label: BTreeMap<String, Prf>,
    /// Micro-averaged over all types.
    pub overall: Prf,
}

impl Evaluation {
    /// Scores predicted tag sequences against gold ones (same lengths).
    ///
    /// ```
    /// use warraq::entities::Evaluation;
    /// let gold = vec![vec!["B-PERS".to_string(), "I-PERS".into(), "O".into(), "B-LOC".into()]];
    /// let pred = vec![vec!["B-PERS".to_string(), "I-PERS".into(), "O".into(), "B-ORG".into()]];
    /// let e = Evaluation::score(&gold, &pred);
    /// assert_eq!(e.overall.correct, 1);
    /// assert_eq!(e.per_label["LOC"].recall(), 0.0);
    /// ```
    #[must_use]
    pub fn score(gold: &[Vec<String>], predicted: &[Vec<String>]) -> Self {
        let mut e = Evaluation::default();
        for (g, p) in gold.iter().zip(predicted) {
            let gc = chunks(g);
            let pc = chunks(p);
            for (t, _, _) in &gc {
                e.per_label.entry(t.clone()).or_default().gold += 1;
                e.overall.gold += 1;
            }
            for c in &pc {
                let entry = e.per_label.entry(c.0.clone()).or_default();
                entry.predicted += 1;
                e.overall.predicted += 1;
                if gc.contains(c) {
                    entry.correct += 1;
                    e.overall.correct += 1;
                }
            }
        }
        e
    }
}

impl fmt::Display for Evaluation {
    /// A table: label, precision, recall, F1 (percent) and gold count.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<8} {:>6} {:>6} {:>6} {:>6}",
            "label", "P", "R", "F1", "gold"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, p: &Prf| {
            writeln!(
                f,
                "{:<8} {:>6.2} {:>6.2} {:>6.2} {:>6}",
                name,
                100.0 * p.precision(),
                100.0 * p.recall(),
                100.0 * p.f1(),
                p.gold
            )
        };
        for (label, p) in &self.per_label {
            row(f, label, p)?;
        }
        row(f, "overall", &self.overall)
    }
}
