//! Weighing: counted chunks and their terms' columns become the rows of the
//! TF-IDF matrix, written in place into arrays of their final size.

use super::config::Norm;
use super::{TfidfVectorizer, Vocabulary};
use crate::vectors::count::{Counts, IdMap};
use crate::vectors::CsrMatrix;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// A chunk of counts and the [`TermColumn`] of each of its term ids.
pub(super) type Job = (Counts, Arc<Vec<TermColumn>>);

/// Where a counted term goes in the matrix: its column (-1: not in the
/// vocabulary) and that column's idf, side by side, so that weighing an entry
/// reads one place, not two dependent random reads (a term's column, then the
/// column's idf) into tables larger than a core's cache.
#[derive(Clone, Copy)]
pub(super) struct TermColumn {
    column: i32,
    idf: f64,
}

impl TermColumn {
    fn new(column: Option<i32>, idf: &[f64]) -> Self {
        match column {
            Some(c) => TermColumn {
                column: c,
                idf: idf[c as usize],
            },
            None => TermColumn {
                column: -1,
                idf: 0.0,
            },
        }
    }

    fn kept(&self) -> bool {
        self.column >= 0
    }
}

/// `n` zeros, written by all threads (each its own part).
fn zeros_in_parallel<T: Default + Clone + Send>(n: usize) -> Vec<T> {
    if crate::parallel::parallelism() {
        use rayon::prelude::*;
        rayon::iter::repeat_n(T::default(), n).collect()
    } else {
        vec![T::default(); n]
    }
}

/// The jobs of chunks whose term ids map (`IdMap`, the lexicons' maps being
/// `lexicons`) to values whose column `column_of` gives (`None`: not in the
/// vocabulary): each chunk with its [`TermColumn`]s, made once per lexicon for
/// all of its chunks.
pub(super) fn jobs_for<T>(
    chunks: impl IntoIterator<Item = (Counts, IdMap<T>)>,
    lexicons: &FxHashMap<(u64, u32), Vec<T>>,
    column_of: impl Fn(&T) -> Option<i32>,
    idf: &[f64],
) -> Vec<Job> {
    let columns = |map: &[T]| -> Arc<Vec<TermColumn>> {
        Arc::new(
            map.iter()
                .map(|t| TermColumn::new(column_of(t), idf))
                .collect(),
        )
    };
    let lexicon_columns: FxHashMap<(u64, u32), Arc<Vec<TermColumn>>> = lexicons
        .iter()
        .map(|(key, map)| (*key, columns(map)))
        .collect();
    chunks
        .into_iter()
        .map(|(c, map)| {
            let local = match map {
                IdMap::Own(map) => columns(&map),
                IdMap::Lexicon(key) => lexicon_columns[&key].clone(),
            };
            (c, local)
        })
        .collect()
}

impl TfidfVectorizer {
    /// The TF-IDF matrix of chunks of counts whose local terms have the given
    /// columns, rows in chunk order. The matrix's arrays are allocated once, at their
    /// final size, and each chunk fills its own part of them (in parallel) and is
    /// freed as soon as it is done.
    pub(super) fn weigh(&self, jobs: Vec<Job>) -> CsrMatrix {
        let n_cols = self.vocabulary().map_or(0, Vocabulary::len);
        let row_lens: Vec<Vec<u32>> = crate::parallel::map(&jobs, |(c, column)| {
            let row = |d: usize| &c.ids[c.indptr[d]..c.indptr[d + 1]];
            // A fit that keeps every term (the default) gives every id a column:
            // then a row keeps all its entries, and checking that once is cheaper
            // than looking up each entry's column.
            if column.len() <= c.ids.len() && column.iter().all(TermColumn::kept) {
                (0..c.n_docs()).map(|d| row(d).len() as u32).collect()
            } else {
                (0..c.n_docs())
                    .map(|d| {
                        row(d)
                            .iter()
                            .filter(|&&id| column[id as usize].kept())
                            .count() as u32
                    })
                    .collect()
            }
        });
        let n_rows: usize = row_lens.iter().map(Vec::len).sum();
        let mut indptr = Vec::with_capacity(n_rows + 1);
        indptr.push(0i64);
        let mut end = 0i64;
        for &len in row_lens.iter().flatten() {
            end += i64::from(len);
            indptr.push(end);
        }
        let nnz = end as usize;
        // Zeroed by all threads: the arrays are fresh memory, and its page
        // faults would keep the other threads waiting if one thread zeroed them.
        let (mut data, mut indices): (Vec<f64>, Vec<i32>) =
            (zeros_in_parallel(nnz), zeros_in_parallel(nnz));
        let mut parts = Vec::with_capacity(jobs.len());
        let (mut data_rest, mut indices_rest) = (data.as_mut_slice(), indices.as_mut_slice());
        for (job, lens) in jobs.into_iter().zip(row_lens) {
            let size: usize = lens.iter().map(|&l| l as usize).sum();
            let (d, dr) = std::mem::take(&mut data_rest).split_at_mut(size);
            let (i, ir) = std::mem::take(&mut indices_rest).split_at_mut(size);
            (data_rest, indices_rest) = (dr, ir);
            parts.push((job, d, i));
        }
        let fill = |((c, column), data, indices): (Job, &mut [f64], &mut [i32])| {
            self.weigh_chunk(&c, column.as_slice(), data, indices);
        };
        if crate::parallel::parallelism() && parts.len() > 1 {
            use rayon::prelude::*;
            parts.into_par_iter().for_each(fill);
        } else {
            parts.into_iter().for_each(fill);
        }
        CsrMatrix {
            data,
            indices,
            indptr,
            shape: (n_rows, n_cols),
        }
    }

    /// Weighs one chunk's rows into `data` and `indices` (exactly their size).
    fn weigh_chunk(
        &self,
        c: &Counts,
        column: &[TermColumn],
        data: &mut [f64],
        indices: &mut [i32],
    ) {
        let cfg = &self.config;
        // A row's values, and (column << 32 | position) keys: sorting plain
        // integers is several times faster than sorting (column, value) pairs.
        let mut vals: Vec<f64> = Vec::new();
        let mut keys: Vec<u64> = Vec::new();
        let mut at = 0;
        for d in 0..c.n_docs() {
            vals.clear();
            keys.clear();
            for k in c.indptr[d]..c.indptr[d + 1] {
                let term = column[c.ids[k] as usize];
                if term.kept() {
                    let mut tf = if cfg.binary {
                        1.0
                    } else {
                        f64::from(c.counts[k])
                    };
                    if cfg.sublinear_tf {
                        tf = tf.ln() + 1.0;
                    }
                    if cfg.use_idf {
                        tf *= term.idf;
                    }
                    keys.push((term.column as u64) << 32 | vals.len() as u64);
                    vals.push(tf);
                }
            }
            keys.sort_unstable();
            // Summed in column order (the row's order in the matrix), so that the
            // norm does not depend on the order the terms occur in.
            let norm = match cfg.norm {
                Some(Norm::L2) => keys
                    .iter()
                    .map(|&k| vals[k as u32 as usize] * vals[k as u32 as usize])
                    .sum::<f64>()
                    .sqrt(),
                Some(Norm::L1) => keys
                    .iter()
                    .map(|&k| vals[k as u32 as usize].abs())
                    .sum::<f64>(),
                None => 1.0,
            };
            let norm = if norm == 0.0 { 1.0 } else { norm };
            for &k in &keys {
                indices[at] = (k >> 32) as i32;
                data[at] = vals[k as u32 as usize] / norm;
                at += 1;
            }
        }
    }
}
