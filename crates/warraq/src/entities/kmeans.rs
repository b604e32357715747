//! Spherical k-means over unit vectors (cosine similarity), deterministic:
//! k-means++ seeding from a seeded generator, ties to the lowest index, and
//! centroid sums taken in row order, whatever the number of threads.

use super::svd::Rng;
use rayon::prelude::*;

/// Dot product in eight fixed lanes (vectorisable, and the same order every time).
pub(crate) fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut lanes = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in ca.zip(cb) {
        for l in 0..8 {
            lanes[l] += x[l] * y[l];
        }
    }
    lanes.iter().sum::<f32>() + tail
}

fn normalise(v: &mut [f32]) {
    let n = dot(v, v).sqrt();
    if n > 0.0 {
        for x in v {
            *x /= n;
        }
    }
}

/// The nearest centroid of each row (highest dot product) and its similarity.
fn assign(points: &[f32], dim: usize, centroids: &[f32]) -> Vec<(u32, f32)> {
    points
        .par_chunks(dim)
        .map(|p| {
            let mut best = (0u32, f32::NEG_INFINITY);
            for (j, c) in centroids.chunks(dim).enumerate() {
                let s = dot(p, c);
                if s > best.1 {
                    #[allow(clippy::cast_possible_truncation)]
                    {
                        best = (j as u32, s);
                    }
                }
            }
            best
        })
        .collect()
}

/// k-means++ seeding on cosine distance `1 - similarity`.
fn seed_centroids(points: &[f32], dim: usize, k: usize, rng: &mut Rng) -> Vec<f32> {
    let n = points.len() / dim;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let first = (rng.uniform() * n as f64) as usize % n;
    let mut centroids = points[first * dim..(first + 1) * dim].to_vec();
    let mut dist: Vec<f64> = points
        .par_chunks(dim)
        .map(|p| f64::from((1.0 - dot(p, &centroids)).max(0.0)))
        .collect();
    while centroids.len() < k * dim {
        let total: f64 = dist.iter().sum();
        let mut pick = n - 1;
        if total > 0.0 {
            let mut target = rng.uniform() * total;
            for (i, d) in dist.iter().enumerate() {
                target -= d;
                if target <= 0.0 {
                    pick = i;
                    break;
                }
            }
        }
        let c = points[pick * dim..(pick + 1) * dim].to_vec();
        dist.par_iter_mut()
            .zip(points.par_chunks(dim))
            .for_each(|(d, p)| *d = d.min(f64::from((1.0 - dot(p, &c)).max(0.0))));
        centroids.extend_from_slice(&c);
    }
    centroids
}

/// Clusters the unit rows of `points` (`dim` columns) into `k` groups; returns
/// each row's cluster.
pub(crate) fn spherical_kmeans(
    points: &[f32],
    dim: usize,
    k: usize,
    iterations: usize,
    seed: u64,
) -> Vec<u32> {
    let n = points.len() / dim.max(1);
    if n == 0 || k == 0 {
        return vec![0; n];
    }
    let k = k.min(n);
    let mut rng = Rng::new(seed);
    let mut centroids = seed_centroids(points, dim, k, &mut rng);
    let mut labels = assign(points, dim, &centroids);
    for _ in 0..iterations {
        let mut sums = vec![0f32; k * dim];
        let mut sizes = vec![0usize; k];
        for (p, (l, _)) in points.chunks(dim).zip(&labels) {
            let l = *l as usize;
            sizes[l] += 1;
            for (s, x) in sums[l * dim..(l + 1) * dim].iter_mut().zip(p) {
                *s += x;
            }
        }
        // An empty cluster takes the row farthest from its centroid.
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|a, b| labels[*a].1.total_cmp(&labels[*b].1).then(a.cmp(b)));
        let mut spare = order.into_iter();
        for j in 0..k {
            if sizes[j] == 0 {
                if let Some(i) = spare.next() {
                    sums[j * dim..(j + 1) * dim].copy_from_slice(&points[i * dim..(i + 1) * dim]);
                }
            }
            normalise(&mut sums[j * dim..(j + 1) * dim]);
        }
        centroids = sums;
        let next = assign(points, dim, &centroids);
        let changed = next.iter().zip(&labels).filter(|(a, b)| a.0 != b.0).count();
        labels = next;
        if changed == 0 {
            break;
        }
    }
    labels.into_iter().map(|(l, _)| l).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separates_two_directions() {
        let mut pts = Vec::new();
        for i in 0..20 {
            #[allow(clippy::cast_precision_loss)]
            let e = i as f32 * 0.01;
            let mut a = vec![1.0, e, 0.0];
            let mut b = vec![0.0, e, 1.0];
            normalise(&mut a);
            normalise(&mut b);
            pts.extend(a);
            pts.extend(b);
        }
        let labels = spherical_kmeans(&pts, 3, 2, 10, 1);
        for i in 0..20 {
            assert_eq!(labels[2 * i], labels[0]);
            assert_eq!(labels[2 * i + 1], labels[1]);
        }
        assert_ne!(labels[0], labels[1]);
        assert_eq!(labels, spherical_kmeans(&pts, 3, 2, 10, 1));
    }
}
