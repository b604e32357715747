//! A truncated SVD of a sparse matrix by randomised range finding (Halko,
//! Martinsson & Tropp 2011), deterministic: a seeded Gaussian test matrix, and
//! every sum taken in a fixed order, so the result does not depend on the number
//! of threads.

#![allow(clippy::needless_range_loop)] // dense kernels index several arrays at once

use rayon::prelude::*;

/// A sparse matrix in compressed rows.
pub(crate) struct Csr {
    pub rows: usize,
    pub cols: usize,
    pub ptr: Vec<usize>,
    pub idx: Vec<u32>,
    pub val: Vec<f32>,
}

impl Csr {
    /// The transpose, also in compressed rows.
    pub(crate) fn transpose(&self) -> Csr {
        let mut counts = vec![0usize; self.cols + 1];
        for &c in &self.idx {
            counts[c as usize + 1] += 1;
        }
        for i in 0..self.cols {
            counts[i + 1] += counts[i];
        }
        let ptr = counts.clone();
        let mut next = counts;
        let mut idx = vec![0u32; self.idx.len()];
        let mut val = vec![0f32; self.val.len()];
        for r in 0..self.rows {
            for k in self.ptr[r]..self.ptr[r + 1] {
                let c = self.idx[k] as usize;
                let at = next[c];
                #[allow(clippy::cast_possible_truncation)]
                {
                    idx[at] = r as u32;
                }
                val[at] = self.val[k];
                next[c] += 1;
            }
        }
        Csr {
            rows: self.cols,
            cols: self.rows,
            ptr,
            idx,
            val,
        }
    }

    /// `self × dense`, `dense` row-major with `width` columns.
    fn times(&self, dense: &[f32], width: usize) -> Vec<f32> {
        let mut out = vec![0f32; self.rows * width];
        out.par_chunks_mut(width).enumerate().for_each(|(r, row)| {
            for k in self.ptr[r]..self.ptr[r + 1] {
                let v = self.val[k];
                let src = &dense[self.idx[k] as usize * width..][..width];
                for (o, s) in row.iter_mut().zip(src) {
                    *o += v * s;
                }
            }
        });
        out
    }
}

/// Deterministic pseudo-random numbers (splitmix64).
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in (0, 1).
    pub(crate) fn uniform(&mut self) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let u = ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64;
        u
    }
    fn gaussian(&mut self) -> f32 {
        let (a, b) = (self.uniform(), self.uniform());
        #[allow(clippy::cast_possible_truncation)]
        let g = ((-2.0 * a.ln()).sqrt() * (std::f64::consts::TAU * b).cos()) as f32;
        g
    }
}

/// Rows summed per fixed-size chunk, chunks summed in order: deterministic.
const CHUNK: usize = 4096;

/// `aᵀ a` of a row-major `rows × width` matrix, in f64.
fn gram(a: &[f32], width: usize) -> Vec<f64> {
    let partial: Vec<Vec<f64>> = a
        .par_chunks(CHUNK * width)
        .map(|block| {
            let mut g = vec![0f64; width * width];
            for row in block.chunks(width) {
                for i in 0..width {
                    let x = f64::from(row[i]);
                    if x == 0.0 {
                        continue;
                    }
                    for j in i..width {
                        g[i * width + j] += x * f64::from(row[j]);
                    }
                }
            }
            g
        })
        .collect();
    let mut g = vec![0f64; width * width];
    for p in partial {
        for (a, b) in g.iter_mut().zip(p) {
            *a += b;
        }
    }
    for i in 0..width {
        for j in 0..i {
            g[i * width + j] = g[j * width + i];
        }
    }
    g
}

/// Orthonormalises the columns of a row-major matrix in place (Cholesky QR,
/// twice for stability); a column that is numerically zero becomes zero.
fn orthonormalise(a: &mut [f32], width: usize) {
    for _ in 0..2 {
        let g = gram(a, width);
        // Cholesky g = rᵀ r (upper r), with a small ridge for rank-deficient input.
        let mut r = vec![0f64; width * width];
        let trace = (0..width)
            .map(|i| g[i * width + i])
            .sum::<f64>()
            .max(1e-300);
        for i in 0..width {
            for j in i..width {
                let mut s = g[i * width + j];
                for k in 0..i {
                    s -= r[k * width + i] * r[k * width + j];
                }
                if i == j {
                    r[i * width + i] = if s > 1e-12 * trace { s.sqrt() } else { 0.0 };
                } else if r[i * width + i] > 0.0 {
                    r[i * width + j] = s / r[i * width + i];
                }
            }
        }
        // a ← a r⁻¹, row by row (forward substitution).
        a.par_chunks_mut(width).for_each(|row| {
            let mut out = vec![0f64; width];
            for j in 0..width {
                let mut s = f64::from(row[j]);
                for k in 0..j {
                    s -= out[k] * r[k * width + j];
                }
                out[j] = if r[j * width + j] > 0.0 {
                    s / r[j * width + j]
                } else {
                    0.0
                };
            }
            for (o, v) in row.iter_mut().zip(out) {
                #[allow(clippy::cast_possible_truncation)]
                {
                    *o = v as f32;
                }
            }
        });
    }
}

/// Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations:
/// `(eigenvalues, eigenvectors as columns of a row-major matrix)`, sorted by
/// decreasing eigenvalue.
fn symmetric_eigen(mut a: Vec<f64>, n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut v = vec![0f64; n * n];
    for i in 0..n {
        v[i * n + i] = 1.0;
    }
    for _sweep in 0..100 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |j| *j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i * n + j] * a[i * n + j])
            .sum();
        if off < 1e-22 {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                let apq = a[p * n + q];
                if apq.abs() < 1e-300 {
                    continue;
                }
                let theta = (a[q * n + q] - a[p * n + p]) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let (akp, akq) = (a[k * n + p], a[k * n + q]);
                    a[k * n + p] = c * akp - s * akq;
                    a[k * n + q] = s * akp + c * akq;
                }
                for k in 0..n {
                    let (apk, aqk) = (a[p * n + k], a[q * n + k]);
                    a[p * n + k] = c * apk - s * aqk;
                    a[q * n + k] = s * apk + c * aqk;
                }
                for k in 0..n {
                    let (vkp, vkq) = (v[k * n + p], v[k * n + q]);
                    v[k * n + p] = c * vkp - s * vkq;
                    v[k * n + q] = s * vkp + c * vkq;
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|x, y| a[y * n + y].total_cmp(&a[x * n + x]).then(x.cmp(y)));
    let values = order.iter().map(|&i| a[i * n + i]).collect();
    let mut vectors = vec![0f64; n * n];
    for (new, &old) in order.iter().enumerate() {
        for k in 0..n {
            vectors[k * n + new] = v[k * n + old];
        }
    }
    (values, vectors)
}

/// The top `rank` left singular vectors of `m` scaled by `σ^power`, row-major
/// `m.rows × rank`, and the singular values.
pub(crate) fn left_singular(
    m: &Csr,
    rank: usize,
    power: f32,
    iterations: usize,
    seed: u64,
) -> (Vec<f32>, Vec<f32>) {
    let width = (rank + 10).min(m.cols).max(1);
    let mt = m.transpose();
    let mut rng = Rng::new(seed);
    let omega: Vec<f32> = (0..m.cols * width).map(|_| rng.gaussian()).collect();
    let mut q = m.times(&omega, width);
    orthonormalise(&mut q, width);
    for _ in 0..iterations {
        let mut z = mt.times(&q, width);
        orthonormalise(&mut z, width);
        q = m.times(&z, width);
        orthonormalise(&mut q, width);
    }
    // B = qᵀ m; B Bᵀ = zᵀ z with z = mᵀ q.
    let z = mt.times(&q, width);
    let (values, vectors) = symmetric_eigen(gram(&z, width), width);
    let rank = rank.min(width);
    #[allow(clippy::cast_possible_truncation)]
    let sigma: Vec<f32> = values[..rank]
        .iter()
        .map(|l| l.max(0.0).sqrt() as f32)
        .collect();
    let scale: Vec<f64> = sigma.iter().map(|s| f64::from(s.powf(power))).collect();
    let mut out = vec![0f32; m.rows * rank];
    out.par_chunks_mut(rank)
        .zip(q.par_chunks(width))
        .for_each(|(o, qrow)| {
            for j in 0..rank {
                let mut s = 0f64;
                for k in 0..width {
                    s += f64::from(qrow[k]) * vectors[k * width + j];
                }
                #[allow(clippy::cast_possible_truncation)]
                {
                    o[j] = (s * scale[j]) as f32;
                }
            }
        });
    (out, sigma)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_the_singular_values_of_a_small_matrix() {
        // diag(5, 3, 1) padded with a zero row and column
        let m = Csr {
            rows: 4,
            cols: 4,
            ptr: vec![0, 1, 2, 3, 3],
            idx: vec![0, 1, 2],
            val: vec![5.0, 3.0, 1.0],
        };
        let (u, s) = left_singular(&m, 2, 0.0, 2, 7);
        assert!(
            (s[0] - 5.0).abs() < 1e-3 && (s[1] - 3.0).abs() < 1e-3,
            "{s:?}"
        );
        assert!(
            (u[0].abs() - 1.0).abs() < 1e-3 && u[1].abs() < 1e-3,
            "{u:?}"
        );
        assert!((u[3].abs() - 1.0).abs() < 1e-3, "{u:?}");
    }
}
