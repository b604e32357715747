//! The error type shared by every stage of the pipeline.
//!
//! Every variant says *where* the problem is (a path, a line, a byte offset or an
//! option name), so that a researcher looking at a failed run over thousands of
//! files knows which file to open. The Python binding maps each variant to its
//! own exception class under `warraq.WarraqError`.

use std::path::PathBuf;

/// A `Result` whose error is [`enum@Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in warraq.
///
/// ```
/// use warraq::Error;
/// let err = Error::InvalidOption { name: "ngram_range".into(), message: "min > max".into() };
/// assert_eq!(err.to_string(), "invalid option `ngram_range`: min > max");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder that could not be read or written.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// A file's bytes could not be decoded as text in the given encoding.
    #[error("{path}: cannot decode as {encoding} at byte {offset}: {message}")]
    Decode {
        /// The file being decoded.
        path: PathBuf,
        /// The encoding that was tried (`"utf-8"`, `"windows-1256"`, …).
        encoding: String,
        /// Byte offset of the first bad byte.
        offset: usize,
        /// What was wrong.
        message: String,
    },
    /// A file's structure was malformed (JSON, CSV, SGML, a model file, …).
    #[error("{}{}: {message}", path.display(), location(*line, *column))]
    Parse {
        /// The file being parsed (empty when parsing a string that has no file).
        path: PathBuf,
        /// 1-based line of the problem, when known.
        line: Option<usize>,
        /// 1-based column of the problem, when known.
        column: Option<usize>,
        /// What was wrong.
        message: String,
    },
    /// An option had a value outside its domain.
    #[error("invalid option `{name}`: {message}")]
    InvalidOption {
        /// The option's name, as the user spelled it.
        name: String,
        /// Why the value is not accepted.
        message: String,
    },
    /// Input text that cannot be processed (for instance it is not valid Unicode).
    #[error("invalid text at index {index}: {message}")]
    InvalidText {
        /// Code-point index of the problem.
        index: usize,
        /// What was wrong.
        message: String,
    },
    /// A saved model or vectorizer is corrupt or from an incompatible version.
    #[error("{}: {message}", path.display())]
    Model {
        /// The model file (empty when loaded from memory).
        path: PathBuf,
        /// What was wrong.
        message: String,
    },
    /// A model was used before it was fitted (a vectorizer asked to transform).
    ///
    /// ```
    /// let err = warraq::vectors::TfidfVectorizer::default().transform(&["x"]).unwrap_err();
    /// assert!(matches!(err, warraq::Error::NotFitted { what: "TfidfVectorizer" }));
    /// assert_eq!(err.to_string(), "this TfidfVectorizer is not fitted yet; call fit first");
    /// ```
    #[error("this {what} is not fitted yet; call fit first")]
    NotFitted {
        /// What is not fitted.
        what: &'static str,
    },
    /// Bytes that are not what they claim to be, with no file to name: the binary
    /// form of a value sent between processes (recurring-line counts, …) that is
    /// truncated, from another version, or not that value at all.
    ///
    /// ```
    /// let err = warraq::corpus::RecurringCounts::from_bytes(b"junk").unwrap_err();
    /// assert!(matches!(err, warraq::Error::Corrupt { .. }));
    /// assert_eq!(err.to_string(), "not RecurringCounts bytes: truncated");
    /// ```
    #[error("not {what} bytes: {message}")]
    Corrupt {
        /// What the bytes should have held (`"RecurringCounts"`, …).
        what: String,
        /// What was wrong.
        message: String,
    },
    /// A search query that cannot be parsed ([`crate::search`]).
    ///
    /// ```
    /// let err = warraq::search::parse_query("(تدمر").unwrap_err();
    /// assert!(matches!(err, warraq::Error::Query { position: 0, .. }));
    /// assert_eq!(err.to_string(), "query: unclosed parenthesis at position 0");
    /// ```
    #[error("query: {message} at position {position}")]
    Query {
        /// Code-point index into the query of the problem.
        position: usize,
        /// What was wrong.
        message: String,
    },
    /// A search index directory that cannot be used: missing, damaged, written by
    /// another version, or locked by another writer ([`crate::search`]).
    #[error("{}: {message}", path.display())]
    Index {
        /// The index directory.
        path: PathBuf,
        /// What was wrong.
        message: String,
    },
    /// The user asked to stop (Ctrl-C in a notebook).
    #[error("interrupted")]
    Interrupted,
}

fn location(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!(": line {l} column {c}"),
        (Some(l), None) => format!(": line {l}"),
        _ => String::new(),
    }
}

impl Error {
    /// An [`Error::Io`] for `path`.
    ///
    /// ```
    /// let err = warraq::Error::io("missing.txt", std::io::Error::from(std::io::ErrorKind::NotFound));
    /// assert!(err.to_string().starts_with("missing.txt: "));
    /// ```
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// An [`Error::InvalidOption`] for option `name`.
    ///
    /// ```
    /// let err = warraq::Error::invalid_option("min_df", "must be >= 0");
    /// assert_eq!(err.to_string(), "invalid option `min_df`: must be >= 0");
    /// ```
    pub fn invalid_option(name: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidOption {
            name: name.into(),
            message: message.into(),
        }
    }
}
