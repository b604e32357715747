//! Filters on metadata: the source, a range of publication dates, tags. Each is a
//! clause that must match and adds nothing to the score.

use super::schema::Fields;
use chrono::NaiveDateTime;
use std::ops::Bound;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DateTime, Term};

/// Which documents a search may return.
///
/// ```
/// use warraq::search::SearchFilter;
/// let f = SearchFilter { sources: vec!["spa".into()], tags: vec!["اقتصاد".into()], ..Default::default() };
/// assert!(!f.is_empty());
/// assert!(SearchFilter::default().is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchFilter {
    /// Any of these sources (none: any source).
    pub sources: Vec<String>,
    /// Published at or after (inclusive).
    pub published_from: Option<NaiveDateTime>,
    /// Published at or before (inclusive).
    pub published_to: Option<NaiveDateTime>,
    /// Every one of these tags.
    pub tags: Vec<String>,
}

impl SearchFilter {
    /// True when the filter lets every document through.
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
            && self.published_from.is_none()
            && self.published_to.is_none()
            && self.tags.is_empty()
    }

    /// The clauses to add, as `Must` clauses scored 0.
    pub(crate) fn clauses(&self, fields: &Fields) -> Vec<(Occur, Box<dyn Query>)> {
        let exact = |field, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, value),
                IndexRecordOption::Basic,
            ))
        };
        let mut must: Vec<Box<dyn Query>> = Vec::new();
        if !self.sources.is_empty() {
            must.push(Box::new(BooleanQuery::new(
                self.sources
                    .iter()
                    .map(|s| (Occur::Should, exact(fields.source, s)))
                    .collect(),
            )));
        }
        if self.published_from.is_some() || self.published_to.is_some() {
            let bound = |d: Option<NaiveDateTime>| match d {
                Some(d) => Bound::Included(Term::from_field_date(fields.published, date(d))),
                None => Bound::Unbounded,
            };
            must.push(Box::new(RangeQuery::new(
                bound(self.published_from),
                bound(self.published_to),
            )));
        }
        for t in &self.tags {
            must.push(exact(fields.tags, t));
        }
        must.into_iter()
            .map(|q| {
                (
                    Occur::Must,
                    Box::new(ConstScoreQuery::new(q, 0.0)) as Box<dyn Query>,
                )
            })
            .collect()
    }
}

/// A date as tantivy stores it (seconds: the field's precision).
pub(crate) fn date(d: NaiveDateTime) -> DateTime {
    DateTime::from_timestamp_secs(d.and_utc().timestamp())
}

/// A stored date back as a `NaiveDateTime` (UTC).
pub(crate) fn naive(d: DateTime) -> Option<NaiveDateTime> {
    chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0).map(|d| d.naive_utc())
}
