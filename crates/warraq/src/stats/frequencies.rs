//! Frequency lists: counts, document frequency, relative frequency and dispersion,
//! for the whole corpus or per group of documents.

use super::counts::TermCounts;
use crate::{Error, Result};

/// One row of a frequency list.
#[derive(Debug, Clone, PartialEq)]
pub struct Frequency {
    /// The group (0 without groups).
    pub group: u32,
    /// The term id in the [`TermCounts`].
    pub term: u32,
    /// Occurrences in the group.
    pub count: u64,
    /// Documents of the group holding the term.
    pub docs: u64,
    /// Occurrences per 10,000 words of the group.
    pub per_10k: f64,
    /// Gries' deviation of proportions over the group's documents (see
    /// [`frequencies`]).
    pub dp: f64,
}

/// The frequency list of every term, per group of documents (`groups[d]` is
/// document `d`'s group, below `n_groups`; None: one group), each group's rows by
/// decreasing count, then term.
///
/// Dispersion is Gries' *DP* (deviation of proportions, Gries 2008), with the
/// group's documents as the corpus parts: with `s_i` document `i`'s share of the
/// group's words and `v_i` its share of the term's occurrences,
/// `DP = ½ Σ_i |v_i − s_i|`: 0 when the term is spread exactly as the words are,
/// close to 1 when it sits in one small document.
///
/// ```
/// use warraq::stats::{frequencies, CountOptions, TermCounts};
/// let c = TermCounts::count(&["النفط النفط", "النفط الذهب"], &CountOptions::default()).unwrap();
/// let rows = frequencies(&c, None, 1).unwrap();
/// assert_eq!(c.term(rows[0].term), "نفط");
/// assert_eq!((rows[0].count, rows[0].docs), (3, 2));
/// assert_eq!(rows[0].per_10k, 7500.0);
/// // shares of words 1/2, 1/2; of the term 2/3, 1/3
/// assert!((rows[0].dp - 1.0 / 6.0).abs() < 1e-12);
/// ```
pub fn frequencies(
    counts: &TermCounts,
    groups: Option<&[u32]>,
    n_groups: usize,
) -> Result<Vec<Frequency>> {
    let n_docs = counts.n_docs();
    let n_groups = if groups.is_some() { n_groups } else { 1 };
    if let Some(g) = groups {
        if g.len() != n_docs {
            return Err(Error::invalid_option(
                "by",
                format!("{} groups for {n_docs} documents", g.len()),
            ));
        }
        if let Some(bad) = g.iter().find(|&&x| x as usize >= n_groups) {
            return Err(Error::invalid_option(
                "by",
                format!("group {bad} out of range (n_groups = {n_groups})"),
            ));
        }
    }
    let group = |d: usize| groups.map_or(0, |g| g[d] as usize);
    let n_terms = counts.len();
    let mut words = vec![0u64; n_groups];
    for d in 0..n_docs {
        words[group(d)] += counts.words(d);
    }
    let per_group: Vec<usize> = (0..n_groups).collect();
    // One group at a time, in parallel: dense arrays of the group's counts.
    let rows = crate::parallel::map(&per_group, |&g| {
        let mut count = vec![0u64; n_terms];
        let mut docs = vec![0u64; n_terms];
        let in_group = |d: &usize| group(*d) == g;
        for d in (0..n_docs).filter(in_group) {
            for &(t, n) in counts.doc_terms(d) {
                count[t as usize] += u64::from(n);
                docs[t as usize] += 1;
            }
        }
        // Σ over documents holding the term of |v_i − s_i|, and Σ of their s_i.
        let mut deviation = vec![0f64; n_terms];
        let mut share = vec![0f64; n_terms];
        let total_words = words[g] as f64;
        for d in (0..n_docs).filter(in_group) {
            let s = if total_words > 0.0 {
                counts.words(d) as f64 / total_words
            } else {
                0.0
            };
            for &(t, n) in counts.doc_terms(d) {
                let v = f64::from(n) / count[t as usize] as f64;
                deviation[t as usize] += (v - s).abs();
                share[t as usize] += s;
            }
        }
        let mut out: Vec<Frequency> = (0..n_terms)
            .filter(|&t| count[t] > 0)
            .map(|t| Frequency {
                group: g as u32,
                term: t as u32,
                count: count[t],
                docs: docs[t],
                per_10k: if total_words > 0.0 {
                    count[t] as f64 * 1e4 / total_words
                } else {
                    0.0
                },
                dp: 0.5 * (deviation[t] + (1.0 - share[t]).max(0.0)),
            })
            .collect();
        out.sort_by(|a, b| b.count.cmp(&a.count).then(a.term.cmp(&b.term)));
        out
    });
    Ok(rows.into_iter().flatten().collect())
}
