//! 64-bit integer mixing: the one source of the hash constants of `vectors`.
//!
//! [`mix64`] is the finaliser of splitmix64 (Steele, Lea and Flood, "Fast
//! splittable pseudorandom number generators", OOPSLA 2014; the constants are
//! Stafford's "Mix13" variant of MurmurHash3's `fmix64`): a bijection of `u64` in
//! which every output bit depends on every input bit. MinHash seeds its hash
//! functions with it ([`splitmix64`]). The counting tables need less: their keys are
//! already spread by multiplications by odd constants, and only the top bits of a
//! hash pick a bucket, so they finish with its first step alone ([`mix64_step`]),
//! one multiplication per lookup instead of two.

/// 2⁶⁴ divided by the golden ratio, made odd: splitmix64's increment (the "golden
/// gamma"), and the multiplier of Fibonacci hashing.
pub(crate) const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;
/// The first multiplier of [`mix64`].
pub(crate) const MIX_MUL_1: u64 = 0xBF58_476D_1CE4_E5B9;
/// The second multiplier of [`mix64`].
pub(crate) const MIX_MUL_2: u64 = 0x94D0_49BB_1331_11EB;
/// xxHash64's second prime: an odd multiplier with well-spread bits, for a key's
/// second word (so that two words swapped do not hash alike).
pub(crate) const XXH_PRIME_2: u64 = 0xC2B2_AE3D_27D4_EB4F;
/// xxHash64's fifth prime, for a key's third word.
pub(crate) const XXH_PRIME_5: u64 = 0x1656_67B1_9E37_79F9;

/// The first step of [`mix64`]: folds the high bits into the low ones, then
/// multiplies, so that the top bits depend on the whole word.
#[inline]
pub(crate) fn mix64_step(z: u64) -> u64 {
    (z ^ (z >> 30)).wrapping_mul(MIX_MUL_1)
}

/// splitmix64's finaliser (see the module doc).
#[inline]
pub(crate) fn mix64(z: u64) -> u64 {
    let z = mix64_step(z);
    let z = (z ^ (z >> 27)).wrapping_mul(MIX_MUL_2);
    z ^ (z >> 31)
}

/// The splitmix64 generator's output for state `z`: [`mix64`] of `z` plus the
/// golden gamma.
#[inline]
pub(crate) fn splitmix64(z: u64) -> u64 {
    mix64(z.wrapping_add(GOLDEN_GAMMA))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_gives_the_reference_sequence() {
        // The first outputs of splitmix64 seeded with 0 (Vigna's splitmix64.c:
        // the state advances by the golden gamma before each output).
        let mut state = 0u64;
        let mut next = || {
            let out = splitmix64(state);
            state = state.wrapping_add(GOLDEN_GAMMA);
            out
        };
        assert_eq!(next(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(next(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(next(), 0x06C4_5D18_8009_454F);
    }
}
