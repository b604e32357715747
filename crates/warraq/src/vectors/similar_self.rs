//! The fast path of [`super::similar`] for a matrix against itself (`Y` = `X`).
//!
//! What it assumes: `X` is validated (columns in `0..n_cols`, monotonic `indptr`)
//! and `k` is small next to the number of rows (each worker keeps `k` candidates
//! for every row: `n × k` entries per thread; [`fits`] decides).
//!
//! Why it exists: the profile of the general path (`perf record -e cpu-clock`,
//! SaudiNewsNet TF-IDF) spends ~80% of its time in the accumulation loop
//! `acc[j] += v * w` over the inverted index, and X·Xᵀ is symmetric. So each
//! unordered pair `{r, j}` is accumulated once, from its smaller row `r`, over the
//! part of each column list past `r` (rows are sorted there), and its score is
//! offered to the bounded candidate lists of both rows. That halves the
//! accumulation, which is what the time goes to. The accumulator is scanned
//! densely past `r` (no "touched" list, no branch in the inner loop).
//!
//! Results are bit for bit those of the general path: the dot product of `r` and
//! `j` sums `x[r, c] * x[j, c]` over their shared columns in increasing `c` from
//! either side, and the score `dot / (‖r‖ ‖j‖)` is symmetric; candidates are ranked
//! by the same total order (score descending, then `j` ascending), so ties are
//! broken the same way. Figures: `docs/performance.md`, section "Neighbours".

use super::similar::{ColumnIndex, Neighbours};
use super::CsrMatrix;
use std::cmp::Ordering;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

/// Candidate lists above this many entries per worker (`n × k`) go to the
/// general path instead (about 200 MB per worker).
const MAX_ENTRIES_PER_WORKER: usize = 16 << 20;

/// Whether the symmetric path is used for `n` rows and `k` neighbours.
pub(super) fn fits(n: usize, k: usize) -> bool {
    k > 0 && n.saturating_mul(k) <= MAX_ENTRIES_PER_WORKER
}

/// `a` ranks before `b`: a higher score, or the same score and a smaller row.
#[inline]
fn better(a: (f64, u32), b: (f64, u32)) -> bool {
    match a.0.total_cmp(&b.0) {
        Ordering::Greater => true,
        Ordering::Less => false,
        Ordering::Equal => a.1 < b.1,
    }
}

/// The `k` best candidates of every row, each row a binary heap whose root is its
/// worst candidate; `floor[row]` mirrors that root's score once the heap is full
/// (minus infinity before), so that most offers are refused after one comparison.
struct Candidates {
    k: usize,
    scores: Vec<f64>,
    cols: Vec<u32>,
    len: Vec<u32>,
    floor: Vec<f64>,
}

impl Candidates {
    fn new(n: usize, k: usize) -> Self {
        Candidates {
            k,
            scores: vec![0.0; n * k],
            cols: vec![0; n * k],
            len: vec![0; n],
            floor: vec![f64::NEG_INFINITY; n],
        }
    }

    /// Offers `(score, j)` to `row`'s list.
    #[inline]
    fn offer(&mut self, row: usize, score: f64, j: u32) {
        if score < self.floor[row] {
            return;
        }
        let k = self.k;
        let base = row * k;
        let len = self.len[row] as usize;
        let scores = &mut self.scores[base..base + k];
        let cols = &mut self.cols[base..base + k];
        if len < k {
            // sift up: the worst stays at the root
            let mut at = len;
            while at > 0 {
                let parent = (at - 1) / 2;
                if better((scores[parent], cols[parent]), (score, j)) {
                    scores[at] = scores[parent];
                    cols[at] = cols[parent];
                    at = parent;
                } else {
                    break;
                }
            }
            scores[at] = score;
            cols[at] = j;
            self.len[row] = (len + 1) as u32;
            if len + 1 == k {
                self.floor[row] = scores[0];
            }
            return;
        }
        if !better((score, j), (scores[0], cols[0])) {
            return;
        }
        // replace the root, sift down
        let mut at = 0;
        loop {
            let left = 2 * at + 1;
            if left >= k {
                break;
            }
            let right = left + 1;
            let worse_child =
                if right < k && better((scores[left], cols[left]), (scores[right], cols[right])) {
                    right
                } else {
                    left
                };
            if better((score, j), (scores[worse_child], cols[worse_child])) {
                scores[at] = scores[worse_child];
                cols[at] = cols[worse_child];
                at = worse_child;
            } else {
                break;
            }
        }
        scores[at] = score;
        cols[at] = j;
        self.floor[row] = scores[0];
    }

    fn row(&self, row: usize) -> impl Iterator<Item = (f64, u32)> + '_ {
        let base = row * self.k;
        let len = self.len[row] as usize;
        (base..base + len).map(move |e| (self.scores[e], self.cols[e]))
    }
}

/// Top-`k` neighbours of every row of `x` among the other rows (see the module
/// doc); `threshold` as in [`super::similar`]. Call only when [`fits`] holds.
pub(super) fn similar_to_itself(x: &CsrMatrix, k: usize, threshold: f64) -> Neighbours {
    let n = x.n_rows();
    let norms = super::similar::row_norms(x);
    let index = ColumnIndex::of(x);
    let workers = crate::parallel::current_num_threads().max(1);
    // Row r does work in proportion to the rows after it: small chunks, taken in
    // order by whichever worker is free, keep the workers balanced.
    let chunk = n.div_ceil(workers * 64).clamp(1, 256);
    let next = AtomicUsize::new(0);
    let ids: Vec<usize> = (0..workers).collect();
    let parts = crate::parallel::map(&ids, |_| {
        let mut found = Candidates::new(n, k);
        let mut acc = vec![0f64; n];
        loop {
            let start = next.fetch_add(chunk, AtomicOrdering::Relaxed);
            if start >= n {
                break;
            }
            for r in start..(start + chunk).min(n) {
                if norms[r] == 0.0 {
                    continue;
                }
                let (cols, vals) = x.row(r);
                for (&c, &v) in cols.iter().zip(vals) {
                    let (rows_of_c, vals_of_c) = index.column(c as usize);
                    let after = rows_of_c.partition_point(|&j| j as usize <= r);
                    for (&j, &w) in rows_of_c[after..].iter().zip(&vals_of_c[after..]) {
                        acc[j as usize] += v * w;
                    }
                }
                for (j, slot) in acc.iter_mut().enumerate().skip(r + 1) {
                    let dot = *slot;
                    if dot == 0.0 {
                        continue;
                    }
                    *slot = 0.0;
                    if norms[j] == 0.0 {
                        continue;
                    }
                    let score = dot / (norms[r] * norms[j]);
                    if score >= threshold && score != 0.0 {
                        found.offer(r, score, j as u32);
                        found.offer(j, score, r as u32);
                    }
                }
            }
        }
        found
    });
    let rows: Vec<usize> = (0..n).collect();
    let per_row = crate::parallel::map(&rows, |&r| {
        let mut best: Vec<(f64, u32)> = parts.iter().flat_map(|p| p.row(r)).collect();
        best.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        best.truncate(k);
        best
    });
    let total = per_row.iter().map(Vec::len).sum();
    let mut out = Neighbours {
        i: Vec::with_capacity(total),
        j: Vec::with_capacity(total),
        score: Vec::with_capacity(total),
    };
    for (r, best) in per_row.into_iter().enumerate() {
        for (s, j) in best {
            out.i.push(r as u32);
            out.j.push(j);
            out.score.push(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::similar::similar_general;
    use super::*;

    /// Pseudo-random sparse rows with repeated values (so that scores tie), some
    /// empty rows and duplicated rows.
    fn corpus(n: usize, cols: usize, seed: u64) -> CsrMatrix {
        let mut state = seed;
        let mut next = move || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        let mut rows: Vec<Vec<(i32, f64)>> = Vec::new();
        for r in 0..n {
            if r % 17 == 5 {
                rows.push(Vec::new());
                continue;
            }
            if r % 11 == 3 && r > 0 {
                let copy = rows[r - 1].clone();
                rows.push(copy);
                continue;
            }
            let mut row: Vec<(i32, f64)> = (0..1 + next() % 8)
                .map(|_| ((next() % cols) as i32, (1 + next() % 3) as f64))
                .collect();
            row.sort_by_key(|p| p.0);
            row.dedup_by_key(|p| p.0);
            rows.push(row);
        }
        CsrMatrix::from_rows(cols, rows)
    }

    #[test]
    fn same_pairs_bit_for_bit_as_the_general_path() {
        for (n, cols, k, threshold) in [
            (200, 30, 5, f64::NEG_INFINITY),
            (300, 12, 10, 0.3),
            (50, 400, 3, f64::NEG_INFINITY),
            (120, 20, 150, f64::NEG_INFINITY),
        ] {
            let x = corpus(n, cols, n as u64);
            let want = similar_general(&x, None, k, threshold);
            let got = similar_to_itself(&x, k, threshold);
            assert_eq!(got, want, "n={n} cols={cols} k={k}");
        }
    }
}
