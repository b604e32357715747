//! The corpus-level pass: paragraphs that recur in many documents of one source
//! (menus, footers, widgets that per-document cleaning kept), found in two linear
//! passes (see the [corpus docs](super)).
//!
//! Pass 1 hashes each document's short paragraphs ([`RecurringKeys`]) and counts
//! them per source ([`RecurringCounts`], mergeable across processes); the counts
//! give the lines over the threshold ([`RecurringLines`]). Pass 2 turns them into
//! the edits of a corpus ([`RecurringPlan`]) and applies each edit to a record or to
//! a body alone ([`Change::apply_to_body`], [`RecurringLines::remove_from`]), with
//! the result a DataFrame row needs ([`Applied`]).

use super::{CorpusOptions, Record};
use crate::codec::ByteReader;
use crate::document::{Document, Reason, Removed};
use crate::text::{at_most_words, fold};
use crate::Result;
use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::Path;

fn hash_of<T: Hash>(value: T) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// The key of the source a document's recurring lines are counted within: its
/// outlet (folded) when it has one, else the folder of its file. Stable across
/// processes and machines running the same build, so that counts made on
/// different workers can be merged.
///
/// ```
/// use warraq::corpus::source_key;
/// assert_eq!(source_key(Some("الخليج"), "a/1.txt"), source_key(Some("الخليج"), "b/2.txt"));
/// assert_eq!(source_key(None, "a/1.txt"), source_key(None, "a/2.txt"));
/// assert_ne!(source_key(None, "a/1.txt"), source_key(None, "b/1.txt"));
/// ```
pub fn source_key(source: Option<&str>, path: &str) -> u64 {
    match source {
        Some(s) => hash_of(fold(s)),
        None => hash_of(Path::new(path).parent()),
    }
}

fn record_source_key(record: &Record) -> u64 {
    source_key(record.document.source.as_deref(), &record.path)
}

/// The hash a paragraph is counted under, or `None` when it is too long to be
/// boilerplate.
fn paragraph_key(paragraph: &str, options: &CorpusOptions) -> Option<u64> {
    at_most_words(paragraph, options.recurring_max_words).then(|| hash_of(fold(paragraph)))
}

/// The first pass of [`remove_recurring`](super::remove_recurring): for each source, how many documents it
/// has and in how many of them each short paragraph occurs.
///
/// Counts are additive, so a corpus split into parts (partitions on a cluster) is
/// counted part by part and the parts [`merge`](Self::merge)d, in any grouping: the
/// merged counts equal those of the whole. [`recurring`](Self::recurring) then
/// turns them into the (small) set of lines to remove everywhere. Counts travel
/// between processes as bytes ([`to_bytes`](Self::to_bytes)).
///
/// ```
/// use warraq::corpus::{CorpusOptions, Record, RecurringCounts};
/// use warraq::document::parse_document;
/// let records: Vec<Record> = (0..6)
///     .map(|i| Record {
///         path: format!("site/{i}.txt"),
///         document: parse_document(&format!("عنوان {i}\n\nخبر رقم {i} عن الاقتصاد.\n\nهذا الخبر منشور في موقع المدينة اليومي."), None),
///     })
///     .collect();
/// let options = CorpusOptions::default();
/// let mut counts = RecurringCounts::count(&records[..4], &options);
/// counts.merge(&RecurringCounts::count(&records[4..], &options));
/// assert_eq!(counts, RecurringCounts::count(&records, &options));
/// assert_eq!(counts.n_docs(), 6);
/// assert_eq!(RecurringCounts::from_bytes(&counts.to_bytes()).unwrap(), counts);
/// assert_eq!(counts.recurring(&options).len(), 1);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecurringCounts {
    docs_per_source: HashMap<u64, u64>,
    counts: HashMap<(u64, u64), u32>,
}

const COUNTS_MAGIC: &[u8; 5] = b"WQRC1";
const LINES_MAGIC: &[u8; 5] = b"WQRL1";

impl RecurringCounts {
    /// Empty counts.
    ///
    /// ```
    /// assert!(warraq::corpus::RecurringCounts::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts one document of source `source` (see [`source_key`]) with these
    /// paragraphs (each distinct short paragraph once).
    ///
    /// ```
    /// use warraq::corpus::{source_key, CorpusOptions, RecurringCounts};
    /// let mut c = RecurringCounts::new();
    /// c.add(source_key(None, "a/1.txt"), &["سطر", "سطر", "نص"], &CorpusOptions::default());
    /// assert_eq!((c.n_docs(), c.len()), (1, 2));
    /// ```
    pub fn add(&mut self, source: u64, paragraphs: &[&str], options: &CorpusOptions) {
        let mut seen: Vec<u64> = paragraphs
            .iter()
            .filter_map(|p| paragraph_key(p, options))
            .collect();
        seen.sort_unstable();
        seen.dedup();
        self.add_hashes(source, &seen);
    }

    /// Counts one document from its [`RecurringKeys`] (computed once, possibly in
    /// parallel, and reusable by [`RecurringLines::indices`]).
    pub fn add_keys(&mut self, keys: &RecurringKeys) {
        let mut seen: Vec<u64> = keys.paragraphs.iter().flatten().copied().collect();
        seen.sort_unstable();
        seen.dedup();
        self.add_hashes(keys.source, &seen);
    }

    /// One document's distinct paragraph hashes (sorted, deduplicated).
    fn add_hashes(&mut self, source: u64, hashes: &[u64]) {
        *self.docs_per_source.entry(source).or_default() += 1;
        for &h in hashes {
            *self.counts.entry((source, h)).or_default() += 1;
        }
    }

    /// Counts the documents of `records` (their paragraphs, or their body split on
    /// blank lines when the paragraphs were dropped).
    pub fn count(records: &[Record], options: &CorpusOptions) -> Self {
        // Hashing the paragraphs is the costly part: done in parallel, counted in order.
        let keys = crate::parallel::map(records, |record| RecurringKeys::of(record, options));
        let mut counts = Self::new();
        keys.iter().for_each(|k| counts.add_keys(k));
        counts
    }

    /// Adds `other`'s counts to these.
    pub fn merge(&mut self, other: &RecurringCounts) {
        for (&source, &n) in &other.docs_per_source {
            *self.docs_per_source.entry(source).or_default() += n;
        }
        for (&key, &n) in &other.counts {
            let c = self.counts.entry(key).or_default();
            *c = c.saturating_add(n);
        }
    }

    /// Documents counted.
    pub fn n_docs(&self) -> u64 {
        self.docs_per_source.values().sum()
    }

    /// Distinct (source, paragraph) pairs counted.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// Whether nothing was counted.
    pub fn is_empty(&self) -> bool {
        self.docs_per_source.is_empty()
    }

    /// The lines to remove: paragraphs found in at least `max(recurring_min_docs,
    /// ⌈recurring_min_share × documents of the source⌉, 2)` documents of their
    /// source. Empty when `options.recurring` is off.
    pub fn recurring(&self, options: &CorpusOptions) -> RecurringLines {
        let mut lines = HashSet::new();
        if options.recurring {
            for (&(source, h), &c) in &self.counts {
                let n = self.docs_per_source.get(&source).copied().unwrap_or(0);
                let share_threshold = (options.recurring_min_share * n as f64).ceil() as u64;
                let threshold = (options.recurring_min_docs as u64)
                    .max(share_threshold)
                    .max(2);
                if u64::from(c) >= threshold {
                    lines.insert((source, h));
                }
            }
        }
        RecurringLines { lines }
    }

    /// The counts as bytes (little-endian, versioned), to send to another process.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out =
            Vec::with_capacity(21 + self.docs_per_source.len() * 16 + self.counts.len() * 20);
        out.extend_from_slice(COUNTS_MAGIC);
        out.extend_from_slice(&(self.docs_per_source.len() as u64).to_le_bytes());
        for (&s, &n) in &self.docs_per_source {
            out.extend_from_slice(&s.to_le_bytes());
            out.extend_from_slice(&n.to_le_bytes());
        }
        out.extend_from_slice(&(self.counts.len() as u64).to_le_bytes());
        for (&(s, h), &c) in &self.counts {
            out.extend_from_slice(&s.to_le_bytes());
            out.extend_from_slice(&h.to_le_bytes());
            out.extend_from_slice(&c.to_le_bytes());
        }
        out
    }

    /// Counts from [`to_bytes`](Self::to_bytes) output; anything else is an
    /// [`Error::Corrupt`](crate::Error::Corrupt).
    ///
    /// ```
    /// assert!(warraq::corpus::RecurringCounts::from_bytes(b"junk").is_err());
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let mut r = ByteReader::new(bytes, "RecurringCounts");
        r.magic(COUNTS_MAGIC)?;
        let n = r.len(16)?;
        let mut docs_per_source = HashMap::with_capacity(n);
        for _ in 0..n {
            let s = r.u64()?;
            docs_per_source.insert(s, r.u64()?);
        }
        let n = r.len(20)?;
        let mut counts = HashMap::with_capacity(n);
        for _ in 0..n {
            let s = r.u64()?;
            let h = r.u64()?;
            counts.insert((s, h), r.u32()?);
        }
        r.end()?;
        Ok(RecurringCounts {
            docs_per_source,
            counts,
        })
    }
}

/// The second pass of [`remove_recurring`](super::remove_recurring): the (source, paragraph) pairs found
/// recurring by [`RecurringCounts::recurring`], removed from any document.
///
/// ```
/// use warraq::corpus::{CorpusOptions, Record, RecurringCounts, RecurringLines};
/// use warraq::document::parse_document;
/// let mut records: Vec<Record> = (0..5)
///     .map(|i| Record {
///         path: format!("site/{i}.txt"),
///         document: parse_document(&format!("عنوان {i}\n\nخبر رقم {i} عن الاقتصاد.\n\nهذا الخبر منشور في موقع المدينة اليومي."), None),
///     })
///     .collect();
/// let options = CorpusOptions::default();
/// let lines = RecurringCounts::count(&records, &options).recurring(&options);
/// assert_eq!(RecurringLines::from_bytes(&lines.to_bytes()).unwrap(), lines);
/// assert_eq!(lines.apply(&mut records[0], &options), 1);
/// assert_eq!(records[0].document.boilerplate.last().unwrap().line, "هذا الخبر منشور في موقع المدينة اليومي.");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecurringLines {
    lines: HashSet<(u64, u64)>,
}

impl RecurringLines {
    /// Number of recurring (source, paragraph) pairs.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether there is nothing to remove.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Indices of the paragraphs of the document with these [`RecurringKeys`] that
    /// are recurring.
    pub fn indices(&self, keys: &RecurringKeys) -> Vec<usize> {
        if self.lines.is_empty() {
            return Vec::new();
        }
        keys.paragraphs
            .iter()
            .enumerate()
            .filter(|(_, h)| h.is_some_and(|h| self.lines.contains(&(keys.source, h))))
            .map(|(i, _)| i)
            .collect()
    }

    /// Removes the recurring paragraphs of a record and reports them with
    /// [`Reason::Recurring`]; returns how many were removed.
    ///
    /// ```
    /// use warraq::corpus::{CorpusOptions, Record, RecurringCounts};
    /// let bodies: Vec<Record> = (0..5)
    ///     .map(|i| Record::from_body(None, format!("s/{i}.txt"), format!("خبر رقم {i}.\n\nتابعونا على موقعنا.")))
    ///     .collect();
    /// let options = CorpusOptions::default();
    /// let lines = RecurringCounts::count(&bodies, &options).recurring(&options);
    /// let mut record = bodies[0].clone();
    /// assert_eq!(lines.apply(&mut record, &options), 1);
    /// assert_eq!(record.document.body, "خبر رقم 0.");
    /// ```
    pub fn apply(&self, record: &mut Record, options: &CorpusOptions) -> usize {
        if self.lines.is_empty() {
            return 0;
        }
        let drop = self.indices(&RecurringKeys::of(record, options));
        record.document.remove_paragraphs(&drop, Reason::Recurring);
        drop.len()
    }

    /// A body-only record (as a DataFrame row holds it, see [`Record::from_body`])
    /// with its recurring paragraphs removed, or `None` when it has none: what a
    /// partition of a corpus spread over machines applies to its rows.
    ///
    /// ```
    /// use warraq::corpus::{CorpusOptions, Record, RecurringCounts};
    /// let records: Vec<Record> = (0..5)
    ///     .map(|i| Record::from_body(None, format!("s/{i}.txt"), format!("خبر رقم {i}.\n\nتابعونا على موقعنا.")))
    ///     .collect();
    /// let options = CorpusOptions::default();
    /// let lines = RecurringCounts::count(&records, &options).recurring(&options);
    /// let applied = lines.remove_from(records[0].clone(), &options).unwrap();
    /// assert_eq!((applied.body.as_str(), applied.removed.len()), ("خبر رقم 0.", 1));
    /// let other = Record::from_body(None, "t/1.txt".into(), "تابعونا على موقعنا.".into());
    /// assert!(lines.remove_from(other, &options).is_none());
    /// ```
    pub fn remove_from(&self, record: Record, options: &CorpusOptions) -> Option<Applied> {
        if self.lines.is_empty() {
            return None;
        }
        let drop = self.indices(&RecurringKeys::of(&record, options));
        (!drop.is_empty()).then(|| applied(record.document, &drop))
    }

    /// The lines as bytes (little-endian, versioned), to send to another process.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(13 + self.lines.len() * 16);
        out.extend_from_slice(LINES_MAGIC);
        out.extend_from_slice(&(self.lines.len() as u64).to_le_bytes());
        // Sorted, so that equal sets give equal bytes.
        let mut lines: Vec<&(u64, u64)> = self.lines.iter().collect();
        lines.sort_unstable();
        for &&(s, h) in &lines {
            out.extend_from_slice(&s.to_le_bytes());
            out.extend_from_slice(&h.to_le_bytes());
        }
        out
    }

    /// Lines from [`to_bytes`](Self::to_bytes) output; anything else is an
    /// [`Error::Corrupt`](crate::Error::Corrupt).
    ///
    /// ```
    /// assert!(warraq::corpus::RecurringLines::from_bytes(b"WQRL1\xff").is_err());
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let mut r = ByteReader::new(bytes, "RecurringLines");
        r.magic(LINES_MAGIC)?;
        let n = r.len(16)?;
        let mut lines = HashSet::with_capacity(n);
        for _ in 0..n {
            let s = r.u64()?;
            lines.insert((s, r.u64()?));
        }
        r.end()?;
        Ok(RecurringLines { lines })
    }
}

/// What the corpus-level pass needs of one document: its source and the hashes
/// of its folded paragraphs (`None` for paragraphs too long to be boilerplate).
/// Small (a few bytes per paragraph), so a caller may keep the keys of a whole
/// corpus while handing the documents on.
///
/// ```
/// use warraq::corpus::{CorpusOptions, Record, RecurringCounts, RecurringKeys};
/// use warraq::document::parse_document;
/// let options = CorpusOptions { recurring_min_docs: 2, ..CorpusOptions::default() };
/// let records: Vec<Record> = (0..3)
///     .map(|i| Record {
///         path: format!("site/{i}.txt"),
///         document: parse_document(&format!("عنوان\n\nخبر رقم {i} عن الاقتصاد.\n\nتابعونا يوميا على الموقع."), None),
///     })
///     .collect();
/// let keys: Vec<RecurringKeys> = records.iter().map(|r| RecurringKeys::of(r, &options)).collect();
/// let mut counts = RecurringCounts::new();
/// keys.iter().for_each(|k| counts.add_keys(k));
/// assert_eq!(counts.recurring(&options).indices(&keys[0]), [1]);
/// assert_eq!(counts, RecurringCounts::count(&records, &options));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecurringKeys {
    source: u64,
    paragraphs: Vec<Option<u64>>,
}

impl RecurringKeys {
    /// The keys of one document.
    pub fn of(record: &Record, options: &CorpusOptions) -> RecurringKeys {
        let paragraphs = record
            .document
            .paragraph_views()
            .into_iter()
            .map(|p| paragraph_key(p, options))
            .collect();
        RecurringKeys {
            source: record_source_key(record),
            paragraphs,
        }
    }

    /// The keys of every record, in parallel (hashing the paragraphs is the costly
    /// part of the pass); none when `options.recurring` is off.
    ///
    /// ```
    /// use warraq::corpus::{CorpusOptions, Record, RecurringKeys};
    /// let records = [Record::from_body(None, "s/1.txt".into(), "نص.\n\nسطر.".into())];
    /// assert_eq!(RecurringKeys::of_all(&records, &CorpusOptions::default()).len(), 1);
    /// let off = CorpusOptions { recurring: false, ..CorpusOptions::default() };
    /// assert!(RecurringKeys::of_all(&records, &off).is_empty());
    /// ```
    pub fn of_all(records: &[Record], options: &CorpusOptions) -> Vec<RecurringKeys> {
        if !options.recurring {
            return Vec::new();
        }
        crate::parallel::map(records, |record| RecurringKeys::of(record, options))
    }
}

/// Pass 2 decided for a corpus: which paragraphs of which documents are recurring
/// lines, from the [`RecurringKeys`] of its documents (in corpus order) and the
/// [`RecurringLines`] of the whole corpus. Usually a small share of the documents
/// change; the others do not appear.
///
/// ```
/// use warraq::corpus::{CorpusOptions, Record, RecurringCounts, RecurringKeys, RecurringPlan};
/// let footer = "هذا الخبر منشور في موقع المدينة اليومي.";
/// let mut records: Vec<Record> = (0..6)
///     .map(|i| Record::from_body(None, format!("site/{i}.txt"), format!("خبر رقم {i}.\n\n{footer}")))
///     .collect();
/// records.push(Record::from_body(None, "site/7.txt".into(), "خبر آخر.".into()));
/// let options = CorpusOptions::default();
/// let keys = RecurringKeys::of_all(&records, &options);
/// let plan = RecurringPlan::new(&RecurringCounts::count(&records, &options).recurring(&options), &keys);
/// assert_eq!(plan.changes().len(), 6);
/// assert_eq!(plan.changes()[0].paragraphs, [1]);
/// assert_eq!(plan.apply_to_records(&mut records), 6);
/// assert_eq!(records[0].document.body, "خبر رقم 0.");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecurringPlan {
    changes: Vec<Change>,
}

/// One document's recurring paragraphs (see [`RecurringPlan`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The document's index, in the order of the keys the plan was made from.
    pub document: usize,
    /// The indices of its paragraphs to remove, ascending.
    pub paragraphs: Vec<usize>,
}

/// A body after the corpus-level pass: what a DataFrame row of the document needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The paragraphs kept, joined by a blank line.
    pub body: String,
    /// The paragraphs removed, each with [`Reason::Recurring`].
    pub removed: Vec<Removed>,
    /// Words in the new body ([`Document::n_words`]).
    pub n_words: usize,
}

impl RecurringPlan {
    /// The changes `lines` make to the documents with these keys.
    pub fn new(lines: &RecurringLines, keys: &[RecurringKeys]) -> Self {
        let changes = keys
            .iter()
            .enumerate()
            .map(|(document, k)| Change {
                document,
                paragraphs: lines.indices(k),
            })
            .filter(|c| !c.paragraphs.is_empty())
            .collect();
        RecurringPlan { changes }
    }

    /// The documents that change, in corpus order.
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// Removes the recurring paragraphs of `records` (the records whose keys made
    /// the plan, in the same order) and reports them with [`Reason::Recurring`];
    /// returns the number of paragraphs removed.
    ///
    /// # Panics
    /// When `records` is shorter than the keys the plan was made from.
    pub fn apply_to_records(&self, records: &mut [Record]) -> usize {
        let mut removed = 0;
        for change in &self.changes {
            let document = &mut records[change.document].document;
            document.remove_paragraphs(&change.paragraphs, Reason::Recurring);
            removed += change.paragraphs.len();
        }
        removed
    }
}

impl Change {
    /// The document's body (paragraphs separated by blank lines, as a DataFrame row
    /// holds it) with this change made.
    ///
    /// ```
    /// use warraq::corpus::Change;
    /// let change = Change { document: 0, paragraphs: vec![1] };
    /// let applied = change.apply_to_body("خبر رقم واحد.\n\nتابعونا".into());
    /// assert_eq!((applied.body.as_str(), applied.n_words), ("خبر رقم واحد.", 3));
    /// assert_eq!(applied.removed[0].line, "تابعونا");
    /// ```
    pub fn apply_to_body(&self, body: String) -> Applied {
        applied(
            Document {
                body,
                ..Document::default()
            },
            &self.paragraphs,
        )
    }
}

/// `document` (body only) without the paragraphs `drop`.
fn applied(mut document: Document, drop: &[usize]) -> Applied {
    document.remove_paragraphs(drop, Reason::Recurring);
    Applied {
        n_words: document.n_words(),
        body: document.body,
        removed: document.boilerplate,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::remove_recurring;

    #[test]
    fn recurring_counts_merge_in_any_split() {
        let footer = "هذا الخبر منشور في موقع المدينة اليومي.";
        let records: Vec<Record> = (0..12)
            .map(|i| Record {
                path: format!("{}/{i}.txt", if i % 3 == 0 { "a" } else { "b" }),
                document: Document {
                    body: if i % 4 == 0 {
                        format!("خبر رقم {i}.")
                    } else {
                        format!("خبر رقم {i}.\n\n{footer}\n\nسطر {}", i % 2)
                    },
                    ..Document::default()
                },
            })
            .collect();
        let options = CorpusOptions::default();
        let whole = RecurringCounts::count(&records, &options);
        for split in 0..=records.len() {
            let mut merged = RecurringCounts::count(&records[split..], &options);
            merged.merge(&RecurringCounts::count(&records[..split], &options));
            assert_eq!(merged, whole, "split at {split}");
            let back = RecurringCounts::from_bytes(&merged.to_bytes()).unwrap();
            assert_eq!(back, whole);
        }
        let mut single = records.clone();
        let removed = remove_recurring(&mut single, &options);
        let lines = RecurringLines::from_bytes(&whole.recurring(&options).to_bytes()).unwrap();
        let mut parts = records;
        let removed_parts: usize = parts.iter_mut().map(|r| lines.apply(r, &options)).sum();
        assert_eq!((removed, &single), (removed_parts, &parts));
        assert!(removed > 0);
        for bad in [
            &b""[..],
            b"WQRC1",
            b"WQRC1\x01\0\0\0\0\0\0\0",
            b"WQRL2\0\0\0\0\0\0\0\0",
        ] {
            assert!(RecurringCounts::from_bytes(bad).is_err());
        }
    }
}
