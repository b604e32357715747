//! Top-k cosine neighbours between the rows of sparse matrices.

use super::CsrMatrix;
use crate::{Error, Result};

/// Neighbour pairs as three parallel columns: row `i` of X, row `j` of Y, cosine `score`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Neighbours {
    /// Row of X.
    pub i: Vec<u32>,
    /// Row of Y (of X when no Y was given).
    pub j: Vec<u32>,
    /// Cosine similarity.
    pub score: Vec<f64>,
}

/// The `k` most cosine-similar rows of `y` for every row of `x` (of `x` itself,
/// excluding the row, when `y` is `None`), keeping only scores `>= threshold`.
/// Pairs come sorted by `i`, then by decreasing score (ties: smaller `j` first).
///
/// Sparse: it accumulates dot products through an inverted index of `y`, one row
/// of `x` at a time in parallel, so memory is linear in the input, never `n × n`.
/// Rows with no values have no neighbours.
///
/// ```
/// use warraq::vectors::{similar, CsrMatrix};
/// let x = CsrMatrix::from_rows(2, vec![vec![(0, 1.0)], vec![(0, 1.0), (1, 1.0)], vec![(1, 2.0)]]);
/// let n = similar(&x, None, 1, None).unwrap();
/// assert_eq!((n.i, n.j), (vec![0, 1, 2], vec![1, 0, 1]));
/// assert!((n.score[0] - 0.5f64.sqrt()).abs() < 1e-12);
/// ```
pub fn similar(
    x: &CsrMatrix,
    y: Option<&CsrMatrix>,
    k: usize,
    threshold: Option<f64>,
) -> Result<Neighbours> {
    x.validate()?;
    let same = y.is_none();
    let y = y.unwrap_or(x);
    y.validate()?;
    if x.shape.1 != y.shape.1 {
        return Err(Error::invalid_option(
            "Y",
            format!("X has {} columns but Y has {}", x.shape.1, y.shape.1),
        ));
    }
    let threshold = threshold.unwrap_or(f64::NEG_INFINITY);
    if same && super::similar_self::fits(x.n_rows(), k) {
        return Ok(super::similar_self::similar_to_itself(x, k, threshold));
    }
    Ok(similar_general(x, (!same).then_some(y), k, threshold))
}

/// The general path of [`similar`] on validated matrices: every row of `x` against
/// the inverted index of `y` (of `x`, the row excluded, when `y` is `None`).
pub(super) fn similar_general(
    x: &CsrMatrix,
    y: Option<&CsrMatrix>,
    k: usize,
    threshold: f64,
) -> Neighbours {
    let same = y.is_none();
    let y = y.unwrap_or(x);
    let (x_norm, y_norm) = (row_norms(x), row_norms(y));
    let index = ColumnIndex::of(y);
    let rows: Vec<usize> = (0..x.n_rows()).collect();
    let chunk = rows
        .len()
        .div_ceil(crate::parallel::current_num_threads() * 8)
        .clamp(1, 512);
    let chunks: Vec<&[usize]> = rows.chunks(chunk).collect();
    let parts = crate::parallel::map(&chunks, |rows| {
        let mut acc = vec![0f64; y.n_rows()];
        let mut touched: Vec<u32> = Vec::new();
        let mut out = Neighbours::default();
        let mut found: Vec<(u32, f64)> = Vec::new();
        for &r in rows.iter() {
            if x_norm[r] == 0.0 || k == 0 {
                continue;
            }
            let (cols, vals) = x.row(r);
            for (&c, &v) in cols.iter().zip(vals) {
                let c = c as usize;
                let (rows_of_c, vals_of_c) = index.column(c);
                for (&j, &w) in rows_of_c.iter().zip(vals_of_c) {
                    let j = j as usize;
                    if acc[j] == 0.0 {
                        touched.push(j as u32);
                    }
                    acc[j] += v * w;
                }
            }
            found.clear();
            for &j in &touched {
                let dot = acc[j as usize];
                acc[j as usize] = 0.0;
                if (same && j as usize == r) || y_norm[j as usize] == 0.0 {
                    continue;
                }
                let score = dot / (x_norm[r] * y_norm[j as usize]);
                if score >= threshold && score != 0.0 {
                    found.push((j, score));
                }
            }
            touched.clear();
            let order = |a: &(u32, f64), b: &(u32, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
            if found.len() > k {
                found.select_nth_unstable_by(k - 1, order);
                found.truncate(k);
            }
            found.sort_unstable_by(order);
            for &(j, s) in &found {
                out.i.push(r as u32);
                out.j.push(j);
                out.score.push(s);
            }
        }
        out
    });
    let mut all = Neighbours::default();
    for p in parts {
        all.i.extend(p.i);
        all.j.extend(p.j);
        all.score.extend(p.score);
    }
    all
}

/// The Euclidean norm of every row.
pub(super) fn row_norms(m: &CsrMatrix) -> Vec<f64> {
    (0..m.n_rows())
        .map(|r| m.row(r).1.iter().map(|v| v * v).sum::<f64>().sqrt())
        .collect()
}

/// The inverted index of a matrix (its transpose, CSC): for each column, the rows
/// that hold a value in it, in row order, and those values.
pub(super) struct ColumnIndex {
    ptr: Vec<usize>,
    rows: Vec<u32>,
    vals: Vec<f64>,
}

impl ColumnIndex {
    pub(super) fn of(m: &CsrMatrix) -> Self {
        let n_cols = m.shape.1;
        let mut ptr = vec![0usize; n_cols + 1];
        for &c in &m.indices {
            ptr[c as usize + 1] += 1;
        }
        for c in 0..n_cols {
            ptr[c + 1] += ptr[c];
        }
        let mut fill = ptr.clone();
        let mut rows = vec![0u32; m.nnz()];
        let mut vals = vec![0f64; m.nnz()];
        for r in 0..m.n_rows() {
            let (cols, row_vals) = m.row(r);
            for (&c, &v) in cols.iter().zip(row_vals) {
                let at = &mut fill[c as usize];
                rows[*at] = r as u32;
                vals[*at] = v;
                *at += 1;
            }
        }
        ColumnIndex { ptr, rows, vals }
    }

    /// The rows holding column `c` and their values.
    #[inline]
    pub(super) fn column(&self, c: usize) -> (&[u32], &[f64]) {
        let span = self.ptr[c]..self.ptr[c + 1];
        (&self.rows[span.clone()], &self.vals[span])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threshold_and_cross_matrix() {
        let x = CsrMatrix::from_rows(3, vec![vec![(0, 1.0), (2, 1.0)], vec![]]);
        let y = CsrMatrix::from_rows(
            3,
            vec![
                vec![(0, 1.0)],
                vec![(2, 3.0)],
                vec![(1, 1.0)],
                vec![(0, 1.0), (2, 1.0)],
            ],
        );
        let n = similar(&x, Some(&y), 10, Some(0.5)).unwrap();
        assert_eq!(n.i, [0, 0, 0]);
        assert_eq!(n.j, [3, 0, 1]);
        assert!((n.score[0] - 1.0).abs() < 1e-12);
        let bad = CsrMatrix::from_rows(2, vec![vec![(0, 1.0)]]);
        assert!(similar(&x, Some(&bad), 1, None).is_err());
    }
}
