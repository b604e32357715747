//! A compressed sparse row matrix with scipy's layout.

use serde::{Deserialize, Serialize};

/// A sparse matrix in compressed sparse row form, laid out like
/// `scipy.sparse.csr_matrix`: row `i`'s column indices are
/// `indices[indptr[i]..indptr[i + 1]]` (sorted, no duplicates) and its values are the
/// same range of `data`.
///
/// ```
/// use warraq::vectors::CsrMatrix;
/// let m = CsrMatrix::from_rows(3, vec![vec![(0, 1.0), (2, 2.0)], vec![], vec![(1, 3.0)]]);
/// assert_eq!(m.shape, (3, 3));
/// assert_eq!(m.indptr, [0, 2, 2, 3]);
/// assert_eq!(m.row(0), (&[0, 2][..], &[1.0, 2.0][..]));
/// assert_eq!(m.nnz(), 3);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CsrMatrix<T = f64> {
    /// The non-zero values, row after row.
    pub data: Vec<T>,
    /// The column of each value.
    pub indices: Vec<i32>,
    /// Where each row starts in `data` and `indices`; `n_rows + 1` entries.
    pub indptr: Vec<i64>,
    /// `(n_rows, n_cols)`.
    pub shape: (usize, usize),
}

impl<T: Copy> CsrMatrix<T> {
    /// Builds a matrix from rows of `(column, value)` pairs sorted by column.
    pub fn from_rows(n_cols: usize, rows: Vec<Vec<(i32, T)>>) -> Self {
        let mut m = CsrMatrix {
            data: Vec::new(),
            indices: Vec::new(),
            indptr: vec![0],
            shape: (rows.len(), n_cols),
        };
        for row in rows {
            for (c, v) in row {
                m.indices.push(c);
                m.data.push(v);
            }
            m.indptr.push(m.indices.len() as i64);
        }
        m
    }

    /// Number of stored values.
    pub fn nnz(&self) -> usize {
        self.data.len()
    }

    /// Number of rows.
    pub fn n_rows(&self) -> usize {
        self.shape.0
    }

    /// Row `i`'s columns and values.
    ///
    /// # Panics
    /// If `i >= n_rows`.
    pub fn row(&self, i: usize) -> (&[i32], &[T]) {
        let (a, b) = (self.indptr[i] as usize, self.indptr[i + 1] as usize);
        (&self.indices[a..b], &self.data[a..b])
    }

    /// Checks the structure (lengths, monotonic `indptr`, columns in range): what
    /// a matrix coming from outside must pass before it is used.
    ///
    /// ```
    /// use warraq::vectors::CsrMatrix;
    /// let bad = CsrMatrix { data: vec![1.0], indices: vec![5], indptr: vec![0, 1], shape: (1, 2) };
    /// assert!(bad.validate().is_err());
    /// ```
    pub fn validate(&self) -> crate::Result<()> {
        let err = |m: String| Err(crate::Error::invalid_option("X", m));
        if self.indptr.len() != self.shape.0 + 1 || self.indptr.first() != Some(&0) {
            return err(format!(
                "indptr must have n_rows + 1 = {} entries starting at 0",
                self.shape.0 + 1
            ));
        }
        if self.data.len() != self.indices.len()
            || self.indptr.last().copied() != Some(self.data.len() as i64)
        {
            return err("data, indices and indptr disagree on the number of values".into());
        }
        if self.indptr.windows(2).any(|w| w[0] > w[1]) {
            return err("indptr must not decrease".into());
        }
        if let Some(c) = self
            .indices
            .iter()
            .find(|&&c| c < 0 || c as usize >= self.shape.1)
        {
            return err(format!("column index {c} is outside 0..{}", self.shape.1));
        }
        Ok(())
    }
}

impl CsrMatrix<f64> {
    /// The same matrix with `f32` values.
    ///
    /// ```
    /// let m = warraq::vectors::CsrMatrix::from_rows(1, vec![vec![(0, 0.5)]]);
    /// assert_eq!(m.to_f32().data, [0.5f32]);
    /// ```
    pub fn to_f32(self) -> CsrMatrix<f32> {
        CsrMatrix {
            data: self.data.into_iter().map(|v| v as f32).collect(),
            indices: self.indices,
            indptr: self.indptr,
            shape: self.shape,
        }
    }
}
