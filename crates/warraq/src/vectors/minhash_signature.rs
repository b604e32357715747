//! MinHash signatures by multiply-add permutations: the hot loop of
//! [`super::near_duplicates`].
//!
//! What it assumes: the inputs are shingle hashes already mixed to look uniform
//! over `u64` (splitmix64 of the shingle's text hash, see `minhash.rs`), so one
//! hash per shingle is enough and each of the `num_perm` "permutations" can be as
//! cheap as `h ↦ a·h + b (mod 2⁶⁴)` with `a` odd: a bijection of `u64` whose high
//! bits (which decide the minimum) depend on every bit of `h`.
//!
//! Why: the profile of the former signature (`perf record -e cpu-clock`, 3,000
//! SaudiNewsNet articles, one thread) put about half of `near_duplicates` in
//! computing the full splitmix64 finaliser of `h ^ seed` for every permutation
//! and shingle (two multiplications and three shift-xors each). Here it is one
//! multiplication and one addition, and permutations are taken eight at a time
//! with the shingles in the inner loop, so eight independent minimum chains keep
//! the multiplier busy. Figures: `docs/performance.md`, "Near-duplicates".
//!
//! What changed for users: signatures and LSH band keys differ from those of
//! warraq ≤ 0.x before this module (the shingle sets and the exact Jaccard scores
//! do not); so does, near the threshold, which pairs LSH proposes. The estimator
//! stays unbiased (tested below against the exact Jaccard).

use super::mix::splitmix64;

/// Permutations taken together by the inner loop.
const LANES: usize = 8;

/// The `num_perm` multiply-add permutations of a seed.
#[derive(Debug, Clone)]
pub(super) struct Permutations {
    mul: Vec<u64>,
    add: Vec<u64>,
}

impl Permutations {
    /// `num_perm` permutations drawn from `seed` (splitmix64 of the seed and the
    /// permutation's number; multipliers made odd).
    pub(super) fn new(seed: u64, num_perm: usize) -> Self {
        let draw = |p: u64, salt: u64| splitmix64(seed ^ splitmix64(p.wrapping_mul(2) + salt));
        Permutations {
            mul: (0..num_perm as u64).map(|p| draw(p, 0) | 1).collect(),
            add: (0..num_perm as u64).map(|p| draw(p, 1)).collect(),
        }
    }

    /// The signature of a shingle set: for each permutation, the smallest image of
    /// a shingle (`u64::MAX` for an empty set).
    pub(super) fn signature(&self, shingles: &[u64]) -> Vec<u64> {
        let mut out = vec![u64::MAX; self.mul.len()];
        let mut mul = self.mul.chunks_exact(LANES);
        let mut add = self.add.chunks_exact(LANES);
        let mut dst = out.chunks_exact_mut(LANES);
        for ((m, a), d) in (&mut mul).zip(&mut add).zip(&mut dst) {
            let m: [u64; LANES] = m.try_into().expect("chunks_exact gives LANES");
            let a: [u64; LANES] = a.try_into().expect("chunks_exact gives LANES");
            let mut low = [u64::MAX; LANES];
            for &h in shingles {
                for lane in 0..LANES {
                    low[lane] = low[lane].min(m[lane].wrapping_mul(h).wrapping_add(a[lane]));
                }
            }
            d.copy_from_slice(&low);
        }
        let rest = mul.remainder().iter().zip(add.remainder());
        for ((&m, &a), d) in rest.zip(dst.into_remainder()) {
            *d = shingles
                .iter()
                .map(|&h| m.wrapping_mul(h).wrapping_add(a))
                .min()
                .unwrap_or(u64::MAX);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_matches_the_plain_definition() {
        for num_perm in [1, 8, 13, 128] {
            let p = Permutations::new(7, num_perm);
            let set: Vec<u64> = (0..37).map(|i| splitmix64(i * 3 + 1)).collect();
            let want: Vec<u64> = (0..num_perm)
                .map(|q| {
                    set.iter()
                        .map(|&h| p.mul[q].wrapping_mul(h).wrapping_add(p.add[q]))
                        .min()
                        .unwrap()
                })
                .collect();
            assert_eq!(p.signature(&set), want);
            assert!(p.signature(&[]).iter().all(|&v| v == u64::MAX));
        }
    }

    /// The share of equal signature values estimates the Jaccard similarity:
    /// averaged over many pairs of random sets with Jaccard 1/3, the estimate is
    /// within 0.02 of it (the standard error of the mean is ~0.004 here).
    #[test]
    fn estimates_the_jaccard_similarity() {
        let p = Permutations::new(0x5741_5252_4151, 128);
        let mut total = 0.0;
        let pairs = 100u64;
        for t in 0..pairs {
            // a and b: 100 shared hashes, 100 of their own each: J = 100 / 300
            let h = |i: u64| splitmix64(t * 1_000_003 + i);
            let shared: Vec<u64> = (0..100).map(h).collect();
            let a: Vec<u64> = shared.iter().copied().chain((100..200).map(h)).collect();
            let b: Vec<u64> = shared.iter().copied().chain((200..300).map(h)).collect();
            let (sa, sb) = (p.signature(&a), p.signature(&b));
            let equal = sa.iter().zip(&sb).filter(|(x, y)| x == y).count();
            total += equal as f64 / 128.0;
        }
        let mean = total / pairs as f64;
        assert!((mean - 1.0 / 3.0).abs() < 0.02, "mean estimate {mean}");
    }
}
