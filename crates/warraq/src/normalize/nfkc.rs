//! NFKC where a text needs it: the segments around characters that are not
//! already in NFKC, found with the quick-check tables, normalised one by one.

use super::mapper::Mapper;
use super::Normalizer;
use std::sync::LazyLock;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

impl Normalizer {
    /// NFKC of `text`, fed to `mapper` piece by piece: runs that are already in NFKC
    /// (checked exactly, with a table for ASCII, Latin-1 and Arabic) go through as
    /// they are; only the segments around a character that is not (a presentation
    /// form, a ligature, a mark out of canonical order, a composable pair) are
    /// normalised. A segment runs from the last "safe" character (combining class 0
    /// and NFKC_QC=Yes: nothing before it can reorder or compose across it) to the
    /// next one, so normalising segments separately equals normalising the whole.
    ///
    /// One function of some 80 lines: the scan for safe runs and the segment it
    /// stops at share the offsets `last_safe`, `last_ccc` and `clean_from`.
    pub(super) fn feed_nfkc(&self, text: &str, mapper: &mut Mapper<'_>, out: &mut String) {
        let bytes = text.as_bytes();
        let low = &*NFKC_LOW;
        let mut clean_from = 0; // start of the run not yet fed
        let mut last_safe = 0; // byte offset of the last safe character seen
        let mut last_ccc = 0u8;
        let mut i = 0;
        let safe2 = &*NFKC_SAFE_LOW;
        while i < bytes.len() {
            // Tight loop over safe characters (ASCII, and two-byte ones with class 0
            // and NFKC_QC=Yes: most Arabic letters, digits and punctuation).
            let run_start = i;
            let mut prev = i;
            while i < bytes.len() {
                let b = bytes[i];
                if b < 0x80 {
                    prev = i;
                    i += 1;
                } else if (0xC2..0xE0).contains(&b) && i + 1 < bytes.len() {
                    let cp = (usize::from(b & 0x1F) << 6) | usize::from(bytes[i + 1] & 0x3F);
                    if !safe2[cp] {
                        break;
                    }
                    prev = i;
                    i += 2;
                } else {
                    break;
                }
            }
            if i > run_start {
                last_safe = prev;
                last_ccc = 0;
            }
            if i >= bytes.len() {
                break;
            }
            let b = bytes[i];
            let (c, (ccc, qc)) = if (0xC2..0xE0).contains(&b) && i + 1 < bytes.len() {
                // Two-byte sequences (Latin-1 to Arabic) decode inline.
                let cp = (u32::from(b & 0x1F) << 6) | u32::from(bytes[i + 1] & 0x3F);
                (char::from_u32(cp).unwrap_or('\0'), low[cp as usize])
            } else {
                let c = text[i..].chars().next().unwrap_or('\0');
                (c, nfkc_info(c))
            };
            let ordered = ccc == 0 || ccc >= last_ccc;
            if ordered && qc == Qc::Yes {
                if ccc == 0 {
                    last_safe = i;
                }
                last_ccc = ccc;
                i += c.len_utf8();
                continue;
            }
            // A segment that NFKC may change: [last_safe, next safe character).
            let mut end = i + c.len_utf8();
            for (j, d) in text[end..].char_indices() {
                if matches!(nfkc_info(d), (0, Qc::Yes)) {
                    break;
                }
                end = i + c.len_utf8() + j + d.len_utf8();
            }
            mapper.feed(&text[clean_from..last_safe], out);
            let segment = &text[last_safe..end];
            let fixed: String = if segment.contains(['\u{FDFC}', '\u{FDFD}']) {
                // camel-tools maps these two before NFKC: ﷼ to «ريال» with an Arabic
                // yeh (NFKC gives a Farsi yeh) and ﷽ (no decomposition) to the basmala.
                segment
                    .replace('\u{FDFC}', "ريال")
                    .replace('\u{FDFD}', "بسم الله الرحمن الرحيم")
                    .nfkc()
                    .collect()
            } else {
                segment.nfkc().collect()
            };
            mapper.feed(&fixed, out);
            clean_from = end;
            last_safe = end;
            last_ccc = 0;
            i = end;
        }
        mapper.feed(&text[clean_from..], out);
    }
}

/// NFKC quick-check value of one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Qc {
    Yes,
    Maybe,
    No,
}

/// Combining class and NFKC quick-check value of U+0000..U+07FF (ASCII, Latin-1,
/// Arabic), computed once from the `unicode-normalization` tables.
pub(super) static NFKC_LOW: LazyLock<[(u8, Qc); 0x800]> = LazyLock::new(|| {
    std::array::from_fn(|cp| nfkc_info_slow(char::from_u32(cp as u32).unwrap_or('\0')))
});

/// Whether each of U+0000..U+07FF is safe: class 0 and NFKC_QC=Yes.
pub(super) static NFKC_SAFE_LOW: LazyLock<[bool; 0x800]> =
    LazyLock::new(|| std::array::from_fn(|cp| NFKC_LOW[cp] == (0, Qc::Yes)));

fn nfkc_info_slow(c: char) -> (u8, Qc) {
    let qc = match is_nfkc_quick(std::iter::once(c)) {
        IsNormalized::Yes => Qc::Yes,
        IsNormalized::Maybe => Qc::Maybe,
        IsNormalized::No => Qc::No,
    };
    // U+FDFD has no decomposition but camel-tools (and we) map it: treat as "No".
    let qc = if c == '\u{FDFD}' { Qc::No } else { qc };
    (
        unicode_normalization::char::canonical_combining_class(c),
        qc,
    )
}

#[inline]
pub(super) fn nfkc_info(c: char) -> (u8, Qc) {
    match NFKC_LOW.get(c as usize) {
        Some(&info) => info,
        None => nfkc_info_slow(c),
    }
}
