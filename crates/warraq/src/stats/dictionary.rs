//! Dictionaries: named categories of words, globs and phrases, counted per
//! document on the folded, clitic-aware text.
//!
//! A [`Dictionary`] is read from YAML (category → list of entries, nested
//! categories named `parent.child`), from a LIWC-style `.dic` file, or built in
//! code. Each entry is a concordance pattern ([`crate::concordance`]): a word
//! («قتل»), a glob («اقتصاد*», «*ية»), or several words («البنك المركزي»). The
//! [`DictionaryCounter`] compiles every entry into one [`Concordancer`] (the same
//! fold and clitic rule as `kwic`: «بالاقتصاد» is found by «اقتصاد*», «وقتل» by
//! «قتل») and counts, per document and category, the matches; a word counts at most
//! once per category (overlapping matches of one category: the leftmost, then the
//! longest, is counted), as quanteda's `tokens_lookup` counts a token once per key.
//!
//! ```
//! use warraq::stats::dictionary::{Dictionary, DictionaryCounter};
//! let yaml = "violence:\n  - قتل*\n  - انفجار\neconomy:\n  - اقتصاد*\n  - البنك المركزي\n";
//! let d = Dictionary::from_yaml(yaml, "topics.yml").unwrap();
//! assert_eq!(d.names(), ["violence", "economy"]);
//! let counter = DictionaryCounter::new(&d, Default::default()).unwrap();
//! let c = counter.count("قُتل ثلاثة في انفجارٍ، وقال البنك المركزي إن الاقتصاد بخير");
//! assert_eq!(c.counts, [2, 2]); // «قُتل», «انفجارٍ»; «البنك المركزي», «الاقتصاد»
//! assert_eq!(c.words, 10);
//! ```

mod load;

use crate::concordance::{Concordancer, KwicOptions};
use crate::{Error, Result};
use std::path::{Path, PathBuf};

/// One entry of a category: its pattern and where it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The pattern, as written (a word, a glob or several words).
    pub pattern: String,
    /// The 1-based line of the file it was read from, when known.
    pub line: Option<usize>,
}

/// A named category and its entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    /// The category's name.
    pub name: String,
    /// Its entries, in file order.
    pub entries: Vec<Entry>,
}

impl Category {
    /// A category of `patterns` read from no file (their lines are unknown).
    pub fn new(name: String, patterns: Vec<String>) -> Self {
        Category {
            name,
            entries: patterns
                .into_iter()
                .map(|pattern| Entry {
                    pattern,
                    line: None,
                })
                .collect(),
        }
    }
}

/// Categories of entries (see the [module docs](self)).
///
/// ```
/// use warraq::stats::dictionary::Dictionary;
/// let d = Dictionary::new(vec![("religion".into(), vec!["مسجد*".into(), "صلاة".into()])]).unwrap();
/// assert_eq!(d.categories()[0].entries.len(), 2);
/// assert!(Dictionary::new(vec![("x".into(), vec!["  ".into()])]).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dictionary {
    categories: Vec<Category>,
    path: Option<PathBuf>,
}

impl Dictionary {
    /// A dictionary of `(name, entries)`; an empty or repeated name, or an entry
    /// with no word in it, is an `InvalidOption` error naming it.
    pub fn new(categories: Vec<(String, Vec<String>)>) -> Result<Self> {
        Self::checked(
            categories
                .into_iter()
                .map(|(name, entries)| Category::new(name, entries))
                .collect(),
            None,
        )
    }

    /// Checks the categories read from `path` (or given in code when `None`).
    fn checked(categories: Vec<Category>, path: Option<PathBuf>) -> Result<Self> {
        let fail = |line: Option<usize>, message: String| match &path {
            Some(p) => Error::Parse {
                path: p.clone(),
                line,
                column: None,
                message,
            },
            None => Error::invalid_option("dictionary", message),
        };
        if categories.is_empty() {
            return Err(fail(None, "the dictionary has no category".into()));
        }
        let mut seen = std::collections::HashSet::new();
        for c in &categories {
            if c.name.trim().is_empty() {
                return Err(fail(None, "a category has an empty name".into()));
            }
            if !seen.insert(c.name.as_str()) {
                return Err(fail(None, format!("category {:?} is given twice", c.name)));
            }
            if let Some(e) = c.entries.iter().find(|e| e.pattern.trim().is_empty()) {
                return Err(fail(
                    e.line,
                    format!("category {:?} has an empty entry", c.name),
                ));
            }
        }
        Ok(Dictionary { categories, path })
    }

    /// Reads a dictionary file: YAML (`.yml`, `.yaml`) or LIWC-style (`.dic`), by
    /// its extension. A file that cannot be read, or is malformed, is an error with
    /// the path and, where it is known, the line.
    pub fn load(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let text = std::str::from_utf8(&bytes).map_err(|e| Error::Decode {
            path: path.to_path_buf(),
            encoding: "utf-8".into(),
            offset: e.valid_up_to(),
            message: e.to_string(),
        })?;
        match ext.as_deref() {
            Some("yml" | "yaml") => Self::from_yaml(text, path),
            Some("dic") => Self::from_dic(text, path),
            _ => Err(Error::Parse {
                path: path.to_path_buf(),
                line: None,
                column: None,
                message: "a dictionary file ends in .yml, .yaml or .dic".into(),
            }),
        }
    }

    /// Reads YAML: a mapping of category names to lists of entries (a single
    /// string is one entry), or to mappings of subcategories (named
    /// `parent.child`). `path` names the source in errors.
    ///
    /// ```
    /// use warraq::stats::dictionary::Dictionary;
    /// let d = Dictionary::from_yaml("conflict:\n  armed: [قتال, اشتباك*]\n  talks: مفاوضات\n", "d.yml").unwrap();
    /// assert_eq!(d.names(), ["conflict.armed", "conflict.talks"]);
    /// let err = Dictionary::from_yaml("a:\n  - x\n  - [y]\n", "bad.yml").unwrap_err().to_string();
    /// assert!(err.starts_with("bad.yml: line 3 "), "{err}");
    /// ```
    pub fn from_yaml(text: &str, path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        let categories = load::yaml(text, &path)?;
        Self::checked(categories, Some(path))
    }

    /// Reads a LIWC-style `.dic` text: a header between two lines `%` with one
    /// `id<TAB>name` per line, then one entry per line, `entry<TAB>id<TAB>id…` (the
    /// ids of its categories; an entry may have several words). `path` names the
    /// source in errors, which give the line.
    ///
    /// ```
    /// use warraq::stats::dictionary::Dictionary;
    /// let dic = "%\n1\tviolence\n2\teconomy\n%\nقتل*\t1\nالبنك المركزي\t2\nانفجار\t1\t2\n";
    /// let d = Dictionary::from_dic(dic, "topics.dic").unwrap();
    /// assert_eq!(d.names(), ["violence", "economy"]);
    /// assert_eq!(d.categories()[1].entries[0].pattern, "البنك المركزي");
    /// let err = Dictionary::from_dic("%\n1\tviolence\n%\nقتل\t3\n", "x.dic").unwrap_err();
    /// assert_eq!(err.to_string(), "x.dic: line 4: category id 3 is not in the header");
    /// ```
    pub fn from_dic(text: &str, path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        let categories = load::dic(text, &path)?;
        Self::checked(categories, Some(path))
    }

    /// The categories, in order.
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// The category names, in order.
    pub fn names(&self) -> Vec<&str> {
        self.categories.iter().map(|c| c.name.as_str()).collect()
    }

    /// The file the dictionary was read from, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
}

/// The counts of one document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DictionaryCounts {
    /// Matches per category, in the dictionary's order.
    pub counts: Vec<u32>,
    /// The words of the document (tokens that are not punctuation or symbols).
    pub words: usize,
}

/// A dictionary compiled for counting (see the [module docs](self)).
#[derive(Debug, Clone)]
pub struct DictionaryCounter {
    concordancer: Concordancer,
    /// The category of each compiled entry.
    category_of: Vec<usize>,
    categories: usize,
}

impl DictionaryCounter {
    /// Compiles every entry of `dictionary` with `options` (its fold, clitics and
    /// matching; the window is not used). An entry that does not compile is an
    /// error naming it (with its file and line when it was read from one).
    pub fn new(dictionary: &Dictionary, options: KwicOptions) -> Result<Self> {
        let mut patterns = Vec::new();
        let mut category_of = Vec::new();
        for (at, c) in dictionary.categories.iter().enumerate() {
            for e in &c.entries {
                Concordancer::new(&[&e.pattern], options).map_err(|err| {
                    match dictionary.path() {
                        Some(p) => Error::Parse {
                            path: p.to_path_buf(),
                            line: e.line,
                            column: None,
                            message: format!("category {:?}: {err}", c.name),
                        },
                        None => err,
                    }
                })?;
                patterns.push(e.pattern.as_str());
                category_of.push(at);
            }
        }
        Ok(DictionaryCounter {
            concordancer: Concordancer::new(&patterns, options)?,
            category_of,
            categories: dictionary.categories.len(),
        })
    }

    /// The counts of one text.
    pub fn count(&self, text: &str) -> DictionaryCounts {
        let (matches, words) = self.concordancer.matches(text);
        let mut counts = vec![0u32; self.categories];
        let mut until = vec![0usize; self.categories];
        // Sorted by first word, longer first: the leftmost-longest match of a
        // category is counted and the ones overlapping it are not.
        for m in matches {
            let c = self.category_of[m.pattern];
            if m.words.start >= until[c] {
                counts[c] += 1;
                until[c] = m.words.end;
            }
        }
        DictionaryCounts { counts, words }
    }

    /// [`Self::count`] of every text, in parallel (see [`crate::parallel`]).
    ///
    /// ```
    /// use warraq::stats::dictionary::{Dictionary, DictionaryCounter};
    /// let d = Dictionary::new(vec![("c".into(), vec!["حلب".into()])]).unwrap();
    /// let counter = DictionaryCounter::new(&d, Default::default()).unwrap();
    /// let all = counter.count_batch(&["في حلب", "لا", "بحلب وحلب"]);
    /// assert_eq!(all.iter().map(|c| c.counts[0]).collect::<Vec<_>>(), [1, 0, 2]);
    /// ```
    pub fn count_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<DictionaryCounts> {
        crate::parallel::map(texts, |t| self.count(t.as_ref()))
    }
}

#[cfg(test)]
mod tests;
