//! Keyness: which terms mark one part of a corpus (the target) against another
//! (the reference), with the measures of quanteda's `textstat_keyness`.

use super::counts::TermCounts;
use crate::{Error, Result};

/// The keyness statistic.
///
/// ```
/// use warraq::stats::Measure;
/// assert_eq!(Measure::from_name("log_ratio").unwrap(), Measure::LogRatio);
/// assert!(Measure::from_name("exact").is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Measure {
    /// The likelihood-ratio statistic G² (quanteda's `"lr"`).
    #[default]
    G2,
    /// Pearson's χ².
    Chi2,
    /// Hardie's Log Ratio (the effect size) as the statistic.
    LogRatio,
    /// Pointwise mutual information of the term and the target, `ln(a / E)`.
    Pmi,
}

/// A continuity correction (quanteda's `correction`).
///
/// ```
/// use warraq::stats::Correction;
/// assert_eq!(Correction::from_name("yates").unwrap(), Correction::Yates);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Correction {
    /// Yates for χ², none for G², Log Ratio and PMI.
    #[default]
    Default,
    /// None.
    None,
    /// Yates' correction (χ² and G²; only where an expected cell is below 5, as
    /// quanteda applies it).
    Yates,
    /// Williams' correction (χ² and G²).
    Williams,
}

macro_rules! named {
    ($ty:ident, $what:literal, $($variant:ident => $name:literal),+) => {
        impl $ty {
            /// The name, as [`Self::from_name`] reads it.
            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $name),+ }
            }
            /// Reads a name; anything else is an `InvalidOption` error.
            pub fn from_name(name: &str) -> Result<Self> {
                match name {
                    $($name => Ok($ty::$variant),)+
                    _ => Err(Error::invalid_option(
                        $what,
                        format!(concat!($what, " must be one of", $(" \"", $name, "\""),+, ", not {:?}"), name),
                    )),
                }
            }
        }
    };
}

named!(Measure, "measure", G2 => "g2", Chi2 => "chi2", LogRatio => "log_ratio", Pmi => "pmi");
named!(Correction, "correction", Default => "default", None => "none", Yates => "yates", Williams => "williams");

/// What [`keyness`] computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KeynessOptions {
    /// The statistic.
    pub measure: Measure,
    /// The continuity correction.
    pub correction: Correction,
}

/// One term's keyness.
#[derive(Debug, Clone, PartialEq)]
pub struct KeynessRow {
    /// The term id.
    pub term: u32,
    /// The statistic, signed: positive when the term is more frequent in the
    /// target than expected.
    pub statistic: f64,
    /// `P(χ²₁ ≥ |statistic|)`, as quanteda reports it for every measure (for
    /// Log Ratio: the p-value of the uncorrected G²).
    pub p: f64,
    /// Hardie's Log Ratio, `log2((a / A) / (b / B))`, a zero count taken as 0.5.
    pub log_ratio: f64,
    /// Occurrences in the target.
    pub target: u64,
    /// Occurrences in the reference.
    pub reference: u64,
}

/// `P(X ≥ x)` for χ² with one degree of freedom: `erfc(√(x/2))`.
///
/// ```
/// assert!((warraq::stats::chi2_sf1(3.841458820694124) - 0.05).abs() < 1e-12);
/// ```
pub fn chi2_sf1(x: f64) -> f64 {
    libm::erfc((x.max(0.0) / 2.0).sqrt())
}

/// The 2×2 table of one term: `a`, `b` its occurrences in the target and the
/// reference, `c`, `d` the other terms' there.
#[derive(Debug, Clone, Copy)]
pub(super) struct Table {
    pub a: f64,
    pub b: f64,
    pub c: f64,
    pub d: f64,
}

impl Table {
    fn n(&self) -> f64 {
        self.a + self.b + self.c + self.d
    }

    /// The expected value of `a`.
    pub fn expected(&self) -> f64 {
        (self.a + self.b) * (self.a + self.c) / self.n()
    }

    fn sign(&self) -> f64 {
        if self.a > self.expected() {
            1.0
        } else {
            -1.0
        }
    }

    /// Yates' 0.5 where quanteda applies it: `|ad − bc| ≥ N/2` and an expected
    /// cell below 5.
    fn yates(&self) -> f64 {
        let Table { a, b, c, d } = *self;
        let n = self.n();
        let small = (a + b) * (a + c) / n < 5.0
            || (a + b) * (b + d) / n < 5.0
            || (a + c) * (c + d) / n < 5.0
            || (c + d) * (b + d) / n < 5.0;
        if (a * d - b * c).abs() >= n / 2.0 && small {
            0.5
        } else {
            0.0
        }
    }

    fn williams(&self) -> f64 {
        let Table { a, b, c, d } = *self;
        if a * b * c * d == 0.0 {
            return 1.0;
        }
        let n = self.n();
        1.0 + (n / (a + b) + n / (c + d) - 1.0) * (n / (a + c) + n / (b + d) - 1.0) / (6.0 * n)
    }

    /// Signed χ².
    pub fn chi2(&self, correction: Correction) -> f64 {
        let Table { a, b, c, d } = *self;
        let n = self.n();
        let delta = match correction {
            Correction::Default | Correction::Yates => self.yates(),
            _ => 0.0,
        };
        let q = if correction == Correction::Williams {
            self.williams()
        } else {
            1.0
        };
        let num = n * ((a * d - b * c).abs() - n * delta).powi(2);
        num / ((a + b) * (c + d) * (a + c) * (b + d)) / q * self.sign()
    }

    /// Signed G² (`0 · ln 0 = 0`).
    pub fn g2(&self, correction: Correction) -> f64 {
        let Table { a, b, c, d } = *self;
        let n = self.n();
        let (mut aa, mut bb, mut cc, mut dd) = (a, b, c, d);
        if correction == Correction::Yates {
            let delta = self.yates();
            let s = if a * d - b * c > 0.0 { 1.0 } else { -1.0 };
            aa -= s * delta;
            bb += s * delta;
            cc += s * delta;
            dd -= s * delta;
        }
        let term = |o: f64, e: f64| if o > 0.0 { o * (o / e).ln() } else { 0.0 };
        let g = 2.0
            * (term(aa, (aa + bb) * (aa + cc) / n)
                + term(bb, (aa + bb) * (bb + dd) / n)
                + term(cc, (aa + cc) * (cc + dd) / n)
                + term(dd, (bb + dd) * (cc + dd) / n));
        let g = if correction == Correction::Williams {
            g / self.williams()
        } else {
            g
        };
        g * self.sign()
    }

    /// `ln(a / E)`.
    pub fn pmi(&self) -> f64 {
        (self.a / self.expected()).ln()
    }

    /// Hardie's Log Ratio, zero counts taken as 0.5.
    pub fn log_ratio(&self) -> f64 {
        let at = |x: f64| if x == 0.0 { 0.5 } else { x };
        ((at(self.a) / (self.a + self.c)) / (at(self.b) / (self.b + self.d))).log2()
    }
}

/// The keyness of every term occurring in the target or the reference, by
/// decreasing statistic, then term. `target[d]` says whether document `d` is in
/// the target; the reference is `reference` (which must not overlap it) or, if
/// None, every other document. The totals `A`, `B` of each part are its counted
/// terms (as quanteda's dfm margins).
///
/// For a term with `a` occurrences in the target, `b` in the reference, `c = A − a`,
/// `d = B − b`, `N = A + B`, `E = (a + b)(a + c) / N`, the formulas are those of
/// quanteda's `textstat_keyness`:
///
/// - χ² `= N (|ad − bc| − N δ)² / ((a+b)(c+d)(a+c)(b+d))`, with Yates' `δ = 0.5`
///   where `|ad − bc| ≥ N/2` and an expected cell is below 5 (else 0), or times
///   Williams' `q`;
/// - G² `= 2 Σ O ln(O / E)` over the four cells (Yates' correction moves each cell
///   by δ toward independence; Williams' divides by `q`);
/// - PMI `= ln(a / E)`;
/// - Log Ratio `= log2((a / A) / (b / B))`;
///
/// each signed positive when `a > E`, with `p = P(χ²₁ ≥ |statistic|)`. Differences
/// from quanteda: G²'s and PMI's logarithms are exact where quanteda adds 10⁻⁹
/// inside them (`ln(x + 10⁻⁹)`), with `0 · ln 0 = 0` (so PMI of an absent term is
/// −∞); the default correction is Yates for χ² and none for G² (quanteda's code
/// applies Yates to G² by default, while its documentation says Williams);
/// Williams' correction divides χ² by `q` (quanteda's code multiplies it); Log
/// Ratio is an addition.
///
/// ```
/// use warraq::stats::{keyness, CountOptions, KeynessOptions, Measure, TermCounts};
/// let texts = ["النفط النفط الذهب", "الذهب الفضة", "الذهب"];
/// let c = TermCounts::count(&texts, &CountOptions::default()).unwrap();
/// let options = KeynessOptions { measure: Measure::Chi2, ..Default::default() };
/// let rows = keyness(&c, &[true, false, false], None, &options).unwrap();
/// assert_eq!(c.term(rows[0].term), "نفط");
/// assert_eq!((rows[0].target, rows[0].reference), (2, 0));
/// ```
pub fn keyness(
    counts: &TermCounts,
    target: &[bool],
    reference: Option<&[bool]>,
    options: &KeynessOptions,
) -> Result<Vec<KeynessRow>> {
    let n_docs = counts.n_docs();
    let check = |mask: &[bool], name: &str| {
        if mask.len() != n_docs {
            return Err(Error::invalid_option(
                name,
                format!("{name} has {} values for {n_docs} documents", mask.len()),
            ));
        }
        Ok(())
    };
    check(target, "target")?;
    if let Some(r) = reference {
        check(r, "reference")?;
        if target.iter().zip(r).any(|(&t, &r)| t && r) {
            return Err(Error::invalid_option(
                "reference",
                "the reference overlaps the target",
            ));
        }
    }
    let in_reference = |d: usize| reference.map_or(!target[d], |r| r[d]);
    let n_terms = counts.len();
    let (mut a, mut b) = (vec![0u64; n_terms], vec![0u64; n_terms]);
    for (d, &in_target) in target.iter().enumerate() {
        let side = if in_target {
            &mut a
        } else if in_reference(d) {
            &mut b
        } else {
            continue;
        };
        for &(t, n) in counts.doc_terms(d) {
            side[t as usize] += u64::from(n);
        }
    }
    let (total_a, total_b): (u64, u64) = (a.iter().sum(), b.iter().sum());
    if total_a == 0 || total_b == 0 {
        return Err(Error::invalid_option(
            if total_a == 0 { "target" } else { "reference" },
            "the target and the reference must each hold at least one term",
        ));
    }
    let terms: Vec<u32> = (0..n_terms as u32)
        .filter(|&t| a[t as usize] + b[t as usize] > 0)
        .collect();
    let mut rows = crate::parallel::map(&terms, |&t| {
        let (x, y) = (a[t as usize], b[t as usize]);
        let table = Table {
            a: x as f64,
            b: y as f64,
            c: (total_a - x) as f64,
            d: (total_b - y) as f64,
        };
        let log_ratio = table.log_ratio();
        let statistic = match options.measure {
            Measure::Chi2 => table.chi2(options.correction),
            Measure::G2 => table.g2(options.correction),
            Measure::Pmi => table.pmi(),
            Measure::LogRatio => log_ratio,
        };
        let p = match options.measure {
            Measure::LogRatio => chi2_sf1(table.g2(Correction::None).abs()),
            _ => chi2_sf1(statistic.abs()),
        };
        KeynessRow {
            term: t,
            statistic,
            p,
            log_ratio,
            target: x,
            reference: y,
        }
    });
    rows.sort_by(|x, y| {
        y.statistic
            .total_cmp(&x.statistic)
            .then_with(|| counts.term(x.term).cmp(counts.term(y.term)))
    });
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chi2_matches_pearson_with_and_without_yates() {
        // quanteda's test table: b×7 a×3 against a×7 b×2.
        let t = Table {
            a: 3.0,
            b: 7.0,
            c: 7.0,
            d: 2.0,
        };
        // R: chisq.test(matrix(c(3,7,7,2), 2), correct = FALSE)$statistic = 4.7496...
        let plain = t.chi2(Correction::None).abs();
        let n = 19.0_f64;
        let expect = n * (3.0_f64 * 2.0 - 7.0 * 7.0).powi(2) / (10.0 * 9.0 * 10.0 * 9.0);
        assert!((plain - expect).abs() < 1e-12);
        let yates = t.chi2(Correction::Yates).abs();
        let expect = n * ((3.0_f64 * 2.0 - 7.0 * 7.0).abs() - n / 2.0).powi(2) / 8100.0;
        assert!((yates - expect).abs() < 1e-12);
        assert!(t.chi2(Correction::None) < 0.0);
    }

    #[test]
    fn g2_is_twice_the_log_likelihood_ratio() {
        let t = Table {
            a: 10.0,
            b: 0.0,
            c: 90.0,
            d: 100.0,
        };
        let n: f64 = 200.0;
        let e = |r: f64, c: f64| r * c / n;
        let expect = 2.0
            * (10.0 * (10.0 / e(10.0, 100.0)).ln()
                + 90.0 * (90.0 / e(190.0, 100.0)).ln()
                + 100.0 * (100.0 / e(190.0, 100.0)).ln());
        assert!((t.g2(Correction::None) - expect).abs() < 1e-9);
        assert!((t.log_ratio() - (0.1f64 / (0.5 / 100.0)).log2()).abs() < 1e-12);
    }
}
