//! A parsed query ([`QueryNode`]) turned into tantivy queries: words through the
//! analyzer into [`Bm25TermQuery`]s, phrases into tantivy's `PhraseQuery` (a filter
//! that adds nothing to the score) beside the BM25 of their terms.
//!
//! A term scores `bm25(text) + title_boost · bm25(title_text)`: the BM25 of title
//! and body together, plus, weighted, the BM25 of the title's own field (its own
//! document frequencies and lengths). Every title term is also in `text`, so the
//! title clause changes the ranking, never which documents match.

use super::analyzer::{for_each_term, TermBuffers};
use super::bm25::{Bm25TermQuery, CorpusStats};
use super::query::QueryNode;
use crate::analyze::Analyzer;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query,
};
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// What a query compiles against.
pub(crate) struct Compiler<'a> {
    pub analyzer: &'a Analyzer,
    pub searcher: &'a Searcher,
    pub field: Field,
    pub stats: CorpusStats,
    pub k1: f32,
    pub b: f32,
    /// The title's own field, its statistics and its weight (absent: weight 0).
    title: Option<(Field, CorpusStats, f32)>,
    /// Every distinct term the query looks for (what snippets highlight).
    pub terms: Vec<String>,
    buffers: TermBuffers,
}

type Compiled = tantivy::Result<Option<Box<dyn Query>>>;

impl<'a> Compiler<'a> {
    pub(crate) fn new(
        analyzer: &'a Analyzer,
        searcher: &'a Searcher,
        field: Field,
        title: (Field, f32),
        k1: f32,
        b: f32,
    ) -> tantivy::Result<Self> {
        let (title_field, boost) = title;
        let title = if boost > 0.0 {
            Some((title_field, CorpusStats::of(searcher, title_field)?, boost))
        } else {
            None
        };
        Ok(Compiler {
            title,
            analyzer,
            searcher,
            field,
            stats: CorpusStats::of(searcher, field)?,
            k1,
            b,
            terms: Vec::new(),
            buffers: TermBuffers::default(),
        })
    }

    /// The terms of `text` and their word positions.
    fn analyze(&mut self, text: &str) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for_each_term(
            self.analyzer,
            text,
            false,
            &mut self.buffers,
            &mut |t, _, _, p| out.push((p, t.to_owned())),
        );
        out
    }

    fn term_query(&mut self, term: &str, positive: bool) -> tantivy::Result<Box<dyn Query>> {
        if positive && !self.terms.iter().any(|t| t == term) {
            self.terms.push(term.to_owned());
        }
        let text = Box::new(Bm25TermQuery::new(
            self.searcher,
            Term::from_field_text(self.field, term),
            self.stats,
            self.k1,
            self.b,
        )?);
        let Some((field, stats, boost)) = self.title else {
            return Ok(text);
        };
        let title = Bm25TermQuery::new(
            self.searcher,
            Term::from_field_text(field, term),
            stats,
            self.k1,
            self.b,
        )?;
        Ok(Box::new(BooleanQuery::new(vec![
            (Occur::Must, text),
            (
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(title), boost)),
            ),
        ])))
    }

    /// The query for `node`; `None` when nothing of it is left after analysis (a
    /// stopword). `positive` is false under a NOT (its terms are not highlighted).
    pub(crate) fn compile(&mut self, node: &QueryNode, positive: bool) -> Compiled {
        match node {
            QueryNode::Word(w) => {
                let terms = self.analyze(w);
                let mut clauses = Vec::new();
                for (_, t) in &terms {
                    clauses.push((Occur::Should, self.term_query(t, positive)?));
                }
                Ok(match clauses.len() {
                    0 => None,
                    1 => clauses.pop().map(|(_, q)| q),
                    _ => Some(Box::new(BooleanQuery::new(clauses))),
                })
            }
            QueryNode::Phrase(p) => {
                let terms = self.analyze(p);
                if terms.len() < 2 {
                    return match terms.first() {
                        Some((_, t)) => Ok(Some(self.term_query(&t.clone(), positive)?)),
                        None => Ok(None),
                    };
                }
                let first = terms[0].0;
                let phrase = PhraseQuery::new_with_offset(
                    terms
                        .iter()
                        .map(|(p, t)| (p - first, Term::from_field_text(self.field, t)))
                        .collect(),
                );
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(
                    Occur::Must,
                    Box::new(ConstScoreQuery::new(Box::new(phrase), 0.0)),
                )];
                for (_, t) in &terms {
                    clauses.push((Occur::Should, self.term_query(t, positive)?));
                }
                Ok(Some(Box::new(BooleanQuery::new(clauses))))
            }
            QueryNode::Any(parts) => self.boolean(parts, Occur::Should, positive),
            QueryNode::All(parts) => self.boolean(parts, Occur::Must, positive),
            QueryNode::Required(inner) => {
                self.boolean(std::slice::from_ref(inner), Occur::Must, positive)
            }
            QueryNode::Not(inner) => Ok(self.compile(inner, false)?.map(|q| -> Box<dyn Query> {
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, everything()),
                    (Occur::MustNot, q),
                ]))
            })),
        }
    }

    /// The parts of an Any (`Should`) or All (`Must`): a NOT among them becomes a
    /// `MustNot` clause, a required one a `Must`.
    fn boolean(&mut self, parts: &[QueryNode], occur: Occur, positive: bool) -> Compiled {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for part in parts {
            let (occur, node, positive) = match part {
                QueryNode::Not(inner) => (Occur::MustNot, inner.as_ref(), false),
                QueryNode::Required(inner) => (Occur::Must, inner.as_ref(), positive),
                other => (occur, other, positive),
            };
            if let Some(q) = self.compile(node, positive)? {
                clauses.push((occur, q));
            }
        }
        if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
            if clauses.is_empty() {
                return Ok(None);
            }
            clauses.push((Occur::Must, everything()));
        }
        if clauses.len() == 1 && clauses[0].0 != Occur::MustNot {
            return Ok(clauses.pop().map(|(_, q)| q));
        }
        Ok(Some(Box::new(BooleanQuery::new(clauses))))
    }
}

/// Every document, scored 0 (what a query of exclusions alone starts from).
pub(crate) fn everything() -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(Box::new(AllQuery), 0.0))
}
