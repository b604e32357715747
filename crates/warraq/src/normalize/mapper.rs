//! The character-by-character part of normalisation: every option but `unicode`.

use super::nfkc::{nfkc_info, Qc, NFKC_LOW};
use super::{chars, is_line_break, is_space, Action, Fast, Normalizer};
use chars::ZWJ;

/// The character-by-character part of normalisation (every option but `unicode`),
/// fed text piece by piece with its state carried across pieces.
pub(super) struct Mapper<'n> {
    normalizer: &'n Normalizer,
    /// Pending whitespace: 0 = none, 1 = a space, 2 = one line break, 3 = paragraph.
    pending: u8,
    at_start: bool,
    /// The previous input character was '\r' (so a '\n' after it is the same break).
    after_cr: bool,
    /// The last character written was a heh (a ZWJ after it is dropped with `persian`).
    after_heh: bool,
    /// A character was dropped or mapped and the characters written since, up to the
    /// next safe one, include a mark or a composable character: NFKC may now change
    /// the output.
    pub(super) recheck: bool,
    /// Watching the output for `recheck` since a drop or map.
    watching: bool,
    /// Check that the input is in NFKC (the NFKC quick check, run along the way).
    pub(super) check_input: bool,
    /// The input failed that check; `feed` stopped early.
    pub(super) input_dirty: bool,
    /// Combining class of the previous input character (for the check).
    last_ccc_in: u8,
}

impl<'n> Mapper<'n> {
    pub(super) fn new(normalizer: &'n Normalizer) -> Self {
        Mapper {
            normalizer,
            pending: 0,
            at_start: true,
            after_cr: false,
            after_heh: false,
            recheck: false,
            watching: false,
            check_input: false,
            input_dirty: false,
            last_ccc_in: 0,
        }
    }

    #[inline]
    fn changed(&mut self) {
        self.watching = self.normalizer.options.unicode;
    }

    /// Maps `text` onto `out`, carrying the state on to the next piece.
    ///
    /// One function of some 90 lines, on purpose: it is the inner loop of every
    /// normalisation, and its fast path keeps the mapper's state in locals for a
    /// whole run of characters, which a split into calls would have to write back
    /// to `self` at every character.
    pub(super) fn feed(&mut self, text: &str, out: &mut String) {
        let n = self.normalizer;
        let bytes = text.as_bytes();
        let mut run = 0; // start of the run of unchanged characters not yet written
        let mut i = 0;
        while i < bytes.len() {
            // Fast path: ASCII and Arabic-block characters that are kept, dropped or
            // mapped to one character, with no whitespace pending (state kept in locals;
            // unchanged runs are copied in one piece).
            if self.pending == 0 {
                let start = i;
                let mut emitted = false;
                let mut last_heh = self.after_heh;
                let mut watching = self.watching;
                while i < bytes.len() {
                    let b = bytes[i];
                    if b < 0x80 {
                        let single_space = b == b' '
                            && n.options.whitespace
                            && (emitted || !self.at_start)
                            && n.starts_kept(bytes, i + 1);
                        if n.ascii_keep[b as usize] || single_space {
                            self.last_ccc_in = 0;
                            emitted = true;
                            last_heh = false;
                            watching = false;
                            i += 1;
                            continue;
                        }
                    } else if (0xD8..=0xDB).contains(&b) && i + 1 < bytes.len() {
                        let offset =
                            (usize::from(b - 0xD8) << 6) | usize::from(bytes[i + 1] & 0x3F);
                        match n.arabic_fast[offset] {
                            Fast::Keep => {
                                self.last_ccc_in = 0;
                                emitted = true;
                                last_heh = offset == 0x47;
                                watching = false;
                                i += 2;
                                continue;
                            }
                            Fast::Drop => {
                                if self.check_input {
                                    let (ccc, qc) = NFKC_LOW[0x600 + offset];
                                    if !self.input_ok(ccc, qc) {
                                        return;
                                    }
                                }
                                out.push_str(&text[run..i]);
                                i += 2;
                                run = i;
                                watching = n.options.unicode;
                                continue;
                            }
                            Fast::Map(m) => {
                                self.last_ccc_in = 0;
                                out.push_str(&text[run..i]);
                                out.push(m);
                                i += 2;
                                run = i;
                                emitted = true;
                                last_heh = m == 'ه';
                                watching = n.options.unicode;
                                continue;
                            }
                            Fast::Slow => {}
                        }
                    }
                    break;
                }
                if emitted {
                    self.at_start = false;
                }
                if i > start {
                    self.after_cr = false;
                }
                self.after_heh = last_heh && n.options.persian;
                self.watching = watching;
                if i >= bytes.len() {
                    break;
                }
            }
            out.push_str(&text[run..i]);
            let c = text[i..].chars().next().unwrap_or('\0');
            self.push_char(c, out);
            if self.input_dirty {
                return;
            }
            i += c.len_utf8();
            run = i;
        }
        out.push_str(&text[run..]);
    }

    /// The NFKC quick check for one input character; false when it fails.
    #[inline]
    fn input_ok(&mut self, ccc: u8, qc: Qc) -> bool {
        let ok = qc == Qc::Yes && (ccc == 0 || ccc >= self.last_ccc_in);
        self.last_ccc_in = ccc;
        if !ok {
            self.input_dirty = true;
        }
        ok
    }

    /// Maps one character the general way: the Arabic table, the heh + ZWJ rule,
    /// marks and controls, whitespace levels, and what NFKC may now change. (One
    /// match over the character's cases, kept whole so that each case reads next
    /// to the state it updates.)
    fn push_char(&mut self, c: char, out: &mut String) {
        let n = self.normalizer;
        let o = &n.options;
        if self.check_input {
            let (ccc, qc) = if c.is_ascii() {
                (0, Qc::Yes)
            } else {
                nfkc_info(c)
            };
            if !self.input_ok(ccc, qc) {
                return;
            }
        }
        let mut mapped_here = false;
        let after_cr = std::mem::replace(&mut self.after_cr, c == '\r');
        let mapped = match c {
            '\u{0600}'..='\u{06FF}' => match n.arabic[(c as usize) - 0x600] {
                Action::Keep => c,
                Action::Drop => {
                    self.changed();
                    return;
                }
                Action::Map(m) => {
                    mapped_here = true;
                    m
                }
            },
            ZWJ if o.persian && self.after_heh && self.pending == 0 => {
                self.changed();
                return;
            }
            _ if o.diacritics && chars::is_extended_mark(c) => {
                self.changed();
                return;
            }
            _ if o.controls && chars::is_invisible(c) => {
                self.changed();
                return;
            }
            _ if o.whitespace && is_space(c) => {
                let level = if is_line_break(c) {
                    if c == '\n' && after_cr {
                        // \r\n counts as one line break.
                        return;
                    }
                    if self.pending >= 2 {
                        3
                    } else {
                        2
                    }
                } else {
                    1
                };
                self.pending = self.pending.max(level);
                return;
            }
            _ => c,
        };
        if self.pending > 0 {
            if !self.at_start {
                out.push_str(match self.pending {
                    1 => " ",
                    2 => "\n",
                    _ => "\n\n",
                });
            }
            self.pending = 0;
            self.watching = false;
        }
        self.at_start = false;
        self.after_heh = mapped == 'ه' && o.persian;
        if mapped_here {
            // The next character may compose with the new one (ي + ٔ → ئ).
            self.changed();
        } else if self.watching && mapped > '\x7f' {
            match nfkc_info(mapped) {
                (0, Qc::Yes) => self.watching = false,
                _ => self.recheck = true,
            }
        } else {
            self.watching = false;
        }
        out.push(mapped);
    }
}
