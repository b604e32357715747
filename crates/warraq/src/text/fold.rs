//! Folding: the light, character-by-character matching form of a text, with an
//! optional map from the folded text back to the raw one.
//!
//! A fold maps each character on its own (no Unicode normalisation, nothing that
//! looks at neighbours), so that it is cheap and every folded character can be
//! traced to the raw character it came from. [`FoldOptions`] says which
//! characters fold; its presets are what each stage matches on:
//!
//! | preset | used by | alef, ى, ة, harakat, tatweel | zero-width | BOM | ALM | Persian ی ک | digits | case | whitespace |
//! |---|---|---|---|---|---|---|---|---|---|
//! | [`FoldOptions::LETTERS`] | what the others add to | fold | drop | keep | keep | keep | keep | keep | keep |
//! | [`FoldOptions::LINE`] | boilerplate lexicons, recurring-paragraph and source keys | fold | drop | drop | keep | keep | keep | lower | collapse |
//! | [`FoldOptions::DATES`] | [`crate::dates`] | fold | drop | keep | drop | fold | ASCII | keep | NBSP → space |
//! | [`FoldOptions::SEARCH`] | [`crate::concordance`] | fold | drop | drop | drop | fold | ASCII | lower | keep |
//!
//! (The entity tagger matches on the full [`crate::normalize::Normalizer`], NFKC
//! included, which is not a fold.)
//!
//! [`fold`] is the [`FoldOptions::LINE`] fold on a fast path (it runs on every
//! short line of a corpus); [`fold_aligned`] folds with any options and keeps the
//! alignment, as a [`Folded`].
//!
//! ```
//! use warraq::text::{fold, fold_aligned, FoldOptions};
//! assert_eq!(fold("  أَعلنت   الوزارةُ "), "اعلنت الوزاره");
//!
//! let raw = "في ١٢ آذار";
//! let folded = fold_aligned(raw, &FoldOptions::DATES);
//! assert_eq!(folded.text(), "في 12 اذار");
//! let span = folded.text().find("اذار").map(|i| i..i + "اذار".len()).unwrap();
//! assert_eq!(&raw[folded.raw_span(span).unwrap()], "آذار");
//! ```

use super::chars;
use std::ops::Range;

/// How a fold treats whitespace.
///
/// ```
/// use warraq::text::{fold_aligned, FoldOptions, Whitespace};
/// let o = FoldOptions { whitespace: Whitespace::Collapse, ..FoldOptions::NONE };
/// assert_eq!(fold_aligned(" a \t\u{a0} b ", &o).text(), "a b");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Whitespace {
    /// Every whitespace character stays as it is.
    Keep,
    /// The no-break space U+00A0 becomes a space; the rest stays.
    NoBreakSpace,
    /// A run of whitespace (`char::is_whitespace`) between two characters becomes
    /// one space; whitespace at the ends goes.
    Collapse,
}

/// Which characters a fold changes. Every field is a switch (see the module docs
/// for the presets).
///
/// ```
/// use warraq::text::{fold_aligned, FoldOptions};
/// let keep_teh = FoldOptions { teh_marbuta: false, ..FoldOptions::LINE };
/// assert_eq!(fold_aligned("المدرسة", &keep_teh).text(), "المدرسة");
/// assert_eq!(fold_aligned("المدرسة", &FoldOptions::LINE).text(), "المدرسه");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FoldOptions {
    /// The alef variants أ إ آ ٱ become bare ا.
    pub alef: bool,
    /// Alef maqsura ى becomes yeh ي.
    pub alef_maqsura: bool,
    /// Teh marbuta ة becomes heh ه.
    pub teh_marbuta: bool,
    /// The harakat U+064B–U+065F and the superscript alef go
    /// ([`chars::is_haraka`]; not the Quranic marks).
    pub diacritics: bool,
    /// Tatweel ـ goes.
    pub tatweel: bool,
    /// The zero-width characters and directional marks U+200B–U+200F go
    /// ([`chars::ZERO_WIDTH`]).
    pub zero_width: bool,
    /// The byte-order mark U+FEFF goes.
    pub bom: bool,
    /// The Arabic letter mark U+061C goes.
    pub arabic_letter_mark: bool,
    /// Persian yeh ی and keheh ک become Arabic ي and ك (not the Persian heh
    /// forms, which the normaliser's `persian` option also maps).
    pub persian: bool,
    /// Arabic-Indic and Persian digits become ASCII digits.
    pub digits: bool,
    /// Characters become lowercase (`char::to_lowercase`).
    pub lowercase: bool,
    /// What happens to whitespace.
    pub whitespace: Whitespace,
}

impl FoldOptions {
    /// Nothing folds: the identity.
    ///
    /// ```
    /// use warraq::text::{fold_aligned, FoldOptions};
    /// assert_eq!(fold_aligned("أَ  B", &FoldOptions::NONE).text(), "أَ  B");
    /// ```
    pub const NONE: FoldOptions = FoldOptions {
        alef: false,
        alef_maqsura: false,
        teh_marbuta: false,
        diacritics: false,
        tatweel: false,
        zero_width: false,
        bom: false,
        arabic_letter_mark: false,
        persian: false,
        digits: false,
        lowercase: false,
        whitespace: Whitespace::Keep,
    };

    /// What every preset folds: the alef variants, alef maqsura and teh marbuta,
    /// the harakat, tatweel and the zero-width characters. The presets below add
    /// to it.
    ///
    /// ```
    /// use warraq::text::{fold_aligned, FoldOptions};
    /// let f = fold_aligned("إلى المدرسةِ\u{200f} ٢", &FoldOptions::LETTERS);
    /// assert_eq!(f.text(), "الي المدرسه ٢");
    /// ```
    pub const LETTERS: FoldOptions = FoldOptions {
        alef: true,
        alef_maqsura: true,
        teh_marbuta: true,
        diacritics: true,
        tatweel: true,
        zero_width: true,
        ..FoldOptions::NONE
    };

    /// Lines and lexicon entries: the boilerplate rules' lexicons, the keys of the
    /// corpus-level recurring-paragraph pass and the source keys. [`fold`] is this
    /// fold, fast. [`Self::LETTERS`], BOMs, case and collapsed whitespace.
    ///
    /// ```
    /// use warraq::text::{fold, fold_aligned, FoldOptions};
    /// let line = " Share  على فيسبوك\u{200f} ";
    /// assert_eq!(fold_aligned(line, &FoldOptions::LINE).text(), "share علي فيسبوك");
    /// assert_eq!(fold(line), "share علي فيسبوك");
    /// ```
    pub const LINE: FoldOptions = FoldOptions {
        bom: true,
        lowercase: true,
        whitespace: Whitespace::Collapse,
        ..FoldOptions::LETTERS
    };

    /// Dates in running text ([`crate::dates`]): [`Self::LETTERS`], the Arabic
    /// letter mark, Persian letters, digits and no-break spaces, one folded
    /// character per raw character, so that «٢٠١٦» and «2016», «ربیع» and «ربيع»
    /// match alike.
    ///
    /// ```
    /// use warraq::text::{fold_aligned, FoldOptions};
    /// assert_eq!(fold_aligned("١١ ربیع الأول", &FoldOptions::DATES).text(), "11 ربيع الاول");
    /// ```
    pub const DATES: FoldOptions = FoldOptions {
        arabic_letter_mark: true,
        persian: true,
        digits: true,
        whitespace: Whitespace::NoBreakSpace,
        ..FoldOptions::LETTERS
    };

    /// Searching and concordance ([`crate::concordance`]): everything a reader
    /// does not see as a different word folds (the letters, BOMs, the Arabic letter
    /// mark, Persian letters, digits and case); whitespace stays, one folded
    /// character per raw one, so words keep their places.
    ///
    /// ```
    /// use warraq::text::{fold_aligned, FoldOptions};
    /// assert_eq!(fold_aligned("\u{feff}مدينةُ تدمـر ٢٠١٥ CNN", &FoldOptions::SEARCH).text(), "مدينه تدمر 2015 cnn");
    /// ```
    pub const SEARCH: FoldOptions = FoldOptions {
        bom: true,
        arabic_letter_mark: true,
        persian: true,
        digits: true,
        lowercase: true,
        ..FoldOptions::LETTERS
    };

    /// What the fold does to `c` when that is decided by the table in `const`
    /// context: for ASCII and the Arabic block (`None` for other characters).
    const fn table_step(&self, c: char) -> Option<Step> {
        if c.is_ascii() {
            let step = if matches!(self.whitespace, Whitespace::Collapse)
                && matches!(c, '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | ' ')
            {
                Step::Space
            } else if self.lowercase && c.is_ascii_uppercase() {
                Step::Map(c.to_ascii_lowercase())
            } else {
                Step::Keep
            };
            return Some(step);
        }
        if !(*chars::ARABIC_BLOCK.start() <= c && c <= *chars::ARABIC_BLOCK.end()) {
            return None;
        }
        // The Arabic block has no whitespace and no case.
        let step = if self.alef
            && (c == chars::ALEF_VARIANTS[0]
                || c == chars::ALEF_VARIANTS[1]
                || c == chars::ALEF_VARIANTS[2]
                || c == chars::ALEF_VARIANTS[3])
        {
            Step::Map(chars::ALEF)
        } else if self.alef_maqsura && c == chars::ALEF_MAQSURA {
            Step::Map(chars::YEH)
        } else if self.teh_marbuta && c == chars::TEH_MARBUTA {
            Step::Map(chars::HEH)
        } else if self.persian && c == chars::PERSIAN_YEH {
            Step::Map(chars::YEH)
        } else if self.persian && c == chars::PERSIAN_KAF {
            Step::Map(chars::KAF)
        } else if let (true, Some(d)) = (self.digits, chars::ascii_digit(c)) {
            Step::Map(d)
        } else if (self.diacritics && chars::is_haraka(c))
            || (self.tatweel && c == chars::TATWEEL)
            || (self.arabic_letter_mark && c == chars::ARABIC_LETTER_MARK)
        {
            Step::Drop
        } else {
            Step::Keep
        };
        Some(step)
    }

    /// What the fold does to `c`.
    #[inline]
    fn step(&self, c: char) -> Step {
        if let Some(step) = self.table_step(c) {
            return step;
        }
        if (self.zero_width && chars::ZERO_WIDTH.contains(&c)) || (self.bom && c == chars::BOM) {
            Step::Drop
        } else if self.whitespace == Whitespace::Collapse && c.is_whitespace() {
            Step::Space
        } else if self.whitespace == Whitespace::NoBreakSpace && c == '\u{A0}' {
            Step::Map(' ')
        } else if self.lowercase && !c.to_lowercase().eq([c]) {
            Step::Lower
        } else {
            Step::Keep
        }
    }
}

/// What a fold does to one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Written as it is.
    Keep,
    /// Removed.
    Drop,
    /// Whitespace to collapse: one space between two written characters.
    Space,
    /// Replaced by this character.
    Map(char),
    /// Replaced by its lowercase form (possibly several characters).
    Lower,
}

/// [`FoldOptions::LINE`]'s steps for ASCII, built at compile time.
const LINE_ASCII: [Step; 0x80] = preset_table(&FoldOptions::LINE, 0);
/// [`FoldOptions::LINE`]'s steps for the Arabic block, built at compile time.
const LINE_ARABIC: [Step; 0x100] = preset_table(&FoldOptions::LINE, 0x600);
/// [`FoldOptions::SEARCH`]'s steps for ASCII and the Arabic block: the concordance
/// and dictionaries fold every text of a corpus with it, where the comparisons of
/// [`FoldOptions::table_step`] at each character were most of the fold's time.
const SEARCH_ASCII: [Step; 0x80] = preset_table(&FoldOptions::SEARCH, 0);
const SEARCH_ARABIC: [Step; 0x100] = preset_table(&FoldOptions::SEARCH, 0x600);

const fn preset_table<const N: usize>(options: &FoldOptions, first: u32) -> [Step; N] {
    let mut table = [Step::Keep; N];
    let mut i = 0;
    while i < N {
        if let Some(c) = char::from_u32(first + i as u32) {
            if let Some(step) = options.table_step(c) {
                table[i] = step;
            }
        }
        i += 1;
    }
    table
}

/// The steps of a fold, read from the tables built at compile time when its
/// options are a preset that has them: always equal to [`FoldOptions::step`].
#[derive(Clone, Copy)]
struct Steps<'o> {
    options: &'o FoldOptions,
    tables: Option<(&'static [Step; 0x80], &'static [Step; 0x100])>,
}

impl<'o> Steps<'o> {
    fn new(options: &'o FoldOptions) -> Self {
        let tables: Option<(&'static [Step; 0x80], &'static [Step; 0x100])> =
            if *options == FoldOptions::SEARCH {
                Some((&SEARCH_ASCII, &SEARCH_ARABIC))
            } else if *options == FoldOptions::LINE {
                Some((&LINE_ASCII, &LINE_ARABIC))
            } else {
                None
            };
        Steps { options, tables }
    }

    #[inline]
    fn step(&self, c: char) -> Step {
        if let Some((ascii, arabic)) = self.tables {
            let u = c as u32;
            if u < 0x80 {
                return ascii[u as usize];
            }
            if (0x600..0x700).contains(&u) {
                return arabic[(u - 0x600) as usize];
            }
        }
        self.options.step(c)
    }
}

/// Folds a line with [`FoldOptions::LINE`]: alef, alef maqsura and teh marbuta
/// variants, harakat, tatweel, zero-width characters and BOMs, case, and runs of
/// whitespace (one space between words, none at the ends).
///
/// Equal to `fold_aligned(line, &FoldOptions::LINE).text()`, without the
/// alignment and faster: runs of characters kept as they are are copied whole,
/// and ASCII and the Arabic block are classed from two tables built at compile
/// time from [`FoldOptions::LINE`].
///
/// ```
/// assert_eq!(warraq::text::fold("اقرأ أيضاً:"), "اقرا ايضا:");
/// assert_eq!(warraq::text::fold(" Google\u{a0}\u{a0}Plus "), "google plus");
/// ```
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    // Whitespace was seen since the last character written out.
    let mut space = false;
    let write = |out: &mut String, space: &mut bool, text: &str| {
        if !text.is_empty() {
            if *space && !out.is_empty() {
                out.push(' ');
            }
            *space = false;
            out.push_str(text);
        }
    };
    let b = line.as_bytes();
    // The run of characters kept as they are starts at `run`.
    let (mut run, mut i) = (0, 0);
    while i < b.len() {
        let (step, len) = line_step(line, i);
        if step != Step::Keep {
            write(&mut out, &mut space, &line[run..i]);
            match step {
                Step::Keep | Step::Drop => {}
                Step::Space => space = true,
                Step::Map(c) => write(&mut out, &mut space, c.encode_utf8(&mut [0; 4])),
                Step::Lower => {
                    let c = line[i..].chars().next().unwrap_or_default();
                    for l in c.to_lowercase() {
                        write(&mut out, &mut space, l.encode_utf8(&mut [0; 4]));
                    }
                }
            }
            run = i + len;
        }
        i += len;
    }
    write(&mut out, &mut space, &line[run..]);
    out
}

/// [`FoldOptions::LINE`]'s step for the character at byte `i` of `line`, and the
/// character's length: from the tables for ASCII and the Arabic block (two-byte
/// characters with lead byte 0xD8–0xDB), nearly all the characters of Arabic text.
#[inline(always)]
fn line_step(line: &str, i: usize) -> (Step, usize) {
    let b = line.as_bytes();
    let lead = b[i];
    if lead < 0x80 {
        return (LINE_ASCII[usize::from(lead)], 1);
    }
    if (0xD8..=0xDB).contains(&lead) {
        // The text is valid UTF-8: the continuation byte exists.
        let offset = (usize::from(lead - 0xD8) << 6) | usize::from(b[i + 1] & 0x3F);
        return (LINE_ARABIC[offset], 2);
    }
    let c = line[i..].chars().next().unwrap_or_default();
    (FoldOptions::LINE.step(c), c.len_utf8())
}

/// A folded text that remembers, for every byte, the raw bytes it came from (the
/// idea of huggingface/tokenizers' `NormalizedString`). Made by [`fold_aligned`].
///
/// Each raw character becomes zero, one or (lowercased) several folded
/// characters. The folded bytes of one raw character are aligned to its byte
/// range, grown over the characters removed right after it (diacritics,
/// zero-width characters: a mark belongs to its letter); characters removed
/// before anything is written belong to no folded byte. A space that stands for
/// a collapsed run of whitespace is aligned to the whole run.
///
/// Alignments are *monotone*: along the folded text, their starts and their ends
/// never decrease, and the ranges of different raw characters do not overlap.
/// So a folded span maps to one raw span ([`Self::raw_span`]), and where a
/// folded span starts and ends on the boundaries of what raw characters became,
/// the raw span folds back to exactly that span.
///
/// ```
/// use warraq::text::{fold_aligned, FoldOptions};
/// let raw = "قالَ   الوزيـــرُ";
/// let f = fold_aligned(raw, &FoldOptions::LINE);
/// assert_eq!(f.text(), "قال الوزير");
/// let word = f.text().find("الوزير").unwrap();
/// let span = f.raw_span(word..f.len()).unwrap();
/// assert_eq!(&raw[span], "الوزيـــرُ");
/// assert_eq!(f.raw_char_span(word..f.len()), Some(7..17));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded<'r> {
    raw: &'r str,
    text: String,
    /// For each byte of `text`, the raw byte range it came from.
    alignments: Vec<(usize, usize)>,
}

impl<'r> Folded<'r> {
    /// The raw text that was folded.
    ///
    /// ```
    /// let f = warraq::text::fold_aligned("أ", &warraq::text::FoldOptions::LINE);
    /// assert_eq!(f.raw(), "أ");
    /// ```
    pub fn raw(&self) -> &'r str {
        self.raw
    }

    /// The folded text.
    ///
    /// ```
    /// let f = warraq::text::fold_aligned("أ", &warraq::text::FoldOptions::LINE);
    /// assert_eq!(f.text(), "ا");
    /// ```
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The folded text's length in bytes.
    ///
    /// ```
    /// let f = warraq::text::fold_aligned("أَ", &warraq::text::FoldOptions::LINE);
    /// assert_eq!(f.len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// True when nothing is left after folding.
    ///
    /// ```
    /// let f = warraq::text::fold_aligned(" \u{064E} ", &warraq::text::FoldOptions::LINE);
    /// assert!(f.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// For each byte of [`Self::text`], the raw byte range `(start, end)` it came
    /// from.
    ///
    /// ```
    /// let f = warraq::text::fold_aligned("Aَb", &warraq::text::FoldOptions::LINE);
    /// assert_eq!(f.text(), "ab");
    /// assert_eq!(f.alignments(), [(0, 3), (3, 4)]);
    /// ```
    pub fn alignments(&self) -> &[(usize, usize)] {
        &self.alignments
    }

    /// The raw byte span that the folded byte span `folded` came from: from the
    /// start of its first byte's range to the end of its last byte's. `None` when
    /// `folded` is empty, out of bounds or not on character boundaries.
    ///
    /// ```
    /// use warraq::text::{fold_aligned, FoldOptions};
    /// let raw = "ذو الحجّة";
    /// let f = fold_aligned(raw, &FoldOptions::DATES);
    /// let at = f.text().find("الحجه").unwrap();
    /// assert_eq!(&raw[f.raw_span(at..f.len()).unwrap()], "الحجّة");
    /// assert_eq!(f.raw_span(at..at), None);
    /// assert_eq!(f.raw_span(1..2), None); // inside «ذ»
    /// ```
    pub fn raw_span(&self, folded: Range<usize>) -> Option<Range<usize>> {
        let Range { start, end } = folded;
        let ok = start < end
            && end <= self.text.len()
            && self.text.is_char_boundary(start)
            && self.text.is_char_boundary(end);
        ok.then(|| self.alignments[start].0..self.alignments[end - 1].1)
    }

    /// [`Self::raw_span`] in code points of the raw text (what Python indexes
    /// strings by).
    ///
    /// ```
    /// use warraq::text::{fold_aligned, FoldOptions};
    /// let raw = "«اقرأ أيضاً»";
    /// let f = fold_aligned(raw, &FoldOptions::LINE);
    /// let at = f.text().find("ايضا").unwrap();
    /// let chars = f.raw_char_span(at..at + "ايضا".len()).unwrap();
    /// let taken: String = raw.chars().skip(chars.start).take(chars.len()).collect();
    /// assert_eq!(taken, "أيضاً");
    /// ```
    pub fn raw_char_span(&self, folded: Range<usize>) -> Option<Range<usize>> {
        let span = self.raw_span(folded)?;
        let mut offsets = crate::offsets::CharOffsets::new(self.raw);
        let (start, end) = offsets.char_span(span.start, span.end);
        Some(start..end)
    }
}

/// Folds `raw` with `options`, without the alignment: equal to
/// `fold_aligned(raw, options).text()`, at a fraction of the cost (no range per
/// byte), for a quick look at the folded text before deciding whether the aligned
/// fold is needed.
///
/// ```
/// use warraq::text::{fold_aligned, fold_text, FoldOptions};
/// let raw = "  مدينةُ\u{200f}  تدمـر ٢٠١٥ ";
/// for options in [FoldOptions::SEARCH, FoldOptions::LINE, FoldOptions::DATES] {
///     assert_eq!(fold_text(raw, &options), fold_aligned(raw, &options).text());
/// }
/// ```
pub fn fold_text(raw: &str, options: &FoldOptions) -> String {
    let steps = Steps::new(options);
    let mut text = String::with_capacity(raw.len());
    let mut pending_space = false;
    // Characters kept as they are are copied as whole runs (most of an Arabic text).
    let mut kept_from = 0;
    for (at, c) in raw.char_indices() {
        let step = steps.step(c);
        if step == Step::Keep && !pending_space {
            continue;
        }
        text.push_str(&raw[kept_from..at]);
        kept_from = at + c.len_utf8();
        match step {
            Step::Drop => continue,
            Step::Space => {
                pending_space = true;
                continue;
            }
            Step::Keep | Step::Map(_) | Step::Lower => {}
        }
        if std::mem::take(&mut pending_space) && !text.is_empty() {
            text.push(' ');
        }
        match step {
            Step::Map(m) => text.push(m),
            Step::Lower => text.extend(c.to_lowercase()),
            _ => text.push(c),
        }
    }
    text.push_str(&raw[kept_from..]);
    text
}

/// Folds `raw` with `options`, keeping for every folded byte the raw byte range it
/// came from (see [`Folded`]).
///
/// ```
/// use warraq::text::{fold_aligned, FoldOptions};
/// let raw = "عام ٢٠١٦م";
/// let f = fold_aligned(raw, &FoldOptions::DATES);
/// assert_eq!(f.text(), "عام 2016م");
/// let year = f.text().find("2016").unwrap();
/// assert_eq!(&raw[f.raw_span(year..year + 4).unwrap()], "٢٠١٦");
/// ```
pub fn fold_aligned<'r>(raw: &'r str, options: &FoldOptions) -> Folded<'r> {
    /// Writes `c`, aligned to `span`.
    fn write(
        text: &mut String,
        alignments: &mut Vec<(usize, usize)>,
        c: char,
        span: (usize, usize),
    ) {
        text.push(c);
        alignments.resize(text.len(), span);
    }
    let mut text = String::with_capacity(raw.len());
    let mut alignments: Vec<(usize, usize)> = Vec::with_capacity(raw.len());
    // Where in `alignments` what the last raw character written became starts: the
    // characters removed after it grow its range.
    let mut last: Option<usize> = None;
    // A run of whitespace not written yet (one space before the next character
    // written, nothing at the ends): its raw range.
    let mut pending: Option<(usize, usize)> = None;
    let steps = Steps::new(options);
    for (start, c) in raw.char_indices() {
        let end = start + c.len_utf8();
        let step = steps.step(c);
        match step {
            Step::Drop => {
                if let Some(run) = pending.as_mut() {
                    run.1 = end;
                } else if let Some(from) = last {
                    for span in &mut alignments[from..] {
                        span.1 = end;
                    }
                }
                continue;
            }
            Step::Space => {
                match pending.as_mut() {
                    Some(run) => run.1 = end,
                    None => pending = Some((start, end)),
                }
                continue;
            }
            Step::Keep | Step::Map(_) | Step::Lower => {}
        }
        if let Some(run) = pending.take() {
            if !text.is_empty() {
                write(&mut text, &mut alignments, ' ', run);
            }
        }
        let first = alignments.len();
        let span = (start, end);
        match step {
            Step::Map(m) => write(&mut text, &mut alignments, m, span),
            Step::Lower => {
                for l in c.to_lowercase() {
                    write(&mut text, &mut alignments, l, span);
                }
            }
            _ => write(&mut text, &mut alignments, c, span),
        }
        last = Some(first);
    }
    Folded {
        raw,
        text,
        alignments,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`fold`] character by character, as it was first written: the reference.
    fn fold_by_char(line: &str) -> String {
        let mut out = String::with_capacity(line.len());
        let mut space = false;
        for c in line.chars() {
            let c = match c {
                'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
                'ى' => 'ي',
                'ة' => 'ه',
                '\u{064B}'..='\u{065F}'
                | '\u{0670}'
                | 'ـ'
                | '\u{200B}'..='\u{200F}'
                | '\u{FEFF}' => continue,
                c if c.is_whitespace() => ' ',
                c => c,
            };
            if c == ' ' {
                if !out.is_empty() {
                    space = true;
                }
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else if ('\u{0600}'..='\u{06FF}').contains(&c) {
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
        }
        out
    }

    /// The dates fold as it was first written, with its offset map: the reference
    /// for [`FoldOptions::DATES`].
    fn dates_fold_by_char(raw: &str) -> (String, Vec<usize>, Vec<usize>) {
        let mut text = String::with_capacity(raw.len());
        let mut starts = Vec::with_capacity(raw.len());
        let mut ends = Vec::with_capacity(raw.len());
        for (offset, c) in raw.char_indices() {
            let end = offset + c.len_utf8();
            let folded = match c {
                'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
                'ى' => Some('ي'),
                'ة' => Some('ه'),
                'ی' => Some('ي'),
                'ک' => Some('ك'),
                '\u{0660}'..='\u{0669}' => char::from_u32(c as u32 - 0x0660 + u32::from(b'0')),
                '\u{06F0}'..='\u{06F9}' => char::from_u32(c as u32 - 0x06F0 + u32::from(b'0')),
                '\u{064B}'..='\u{065F}'
                | '\u{0670}'
                | 'ـ'
                | '\u{200B}'..='\u{200F}'
                | '\u{061C}' => None,
                '\u{00A0}' => Some(' '),
                _ => Some(c),
            };
            match folded {
                Some(f) => {
                    for _ in 0..f.len_utf8() {
                        starts.push(offset);
                        ends.push(end);
                    }
                    text.push(f);
                }
                None => {
                    if let Some(last) = ends.last_mut() {
                        *last = end;
                    }
                }
            }
        }
        (text, starts, ends)
    }

    #[test]
    fn fold_as_by_char() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            for text in [c.to_string(), format!("a{c}b"), format!(" {c} {c}{c} ")] {
                let want = fold_by_char(&text);
                assert_eq!(fold(&text), want, "{c:?}");
                assert_eq!(fold_aligned(&text, &FoldOptions::LINE).text(), want);
            }
        }
        let mixed =
            " «أَعلنَت» الوزارةُ\u{a0}\u{a0}ـإنّ  İSTANBUL Σίσυφος\tآمنة\u{200c}ى\u{feff}  ٱ ١٢ ";
        for (i, _) in mixed.char_indices() {
            for (j, _) in mixed[i..].char_indices() {
                let text = &mixed[i..i + j];
                assert_eq!(fold(text), fold_by_char(text), "{text:?}");
                assert_eq!(fold_aligned(text, &FoldOptions::LINE).text(), fold(text));
            }
        }
    }

    #[test]
    fn dates_fold_as_by_char() {
        let check = |raw: &str| {
            let (text, starts, ends) = dates_fold_by_char(raw);
            let f = fold_aligned(raw, &FoldOptions::DATES);
            assert_eq!(f.text(), text, "{raw:?}");
            // Spans on character boundaries map to the same raw spans.
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for (k, &s) in bounds.iter().enumerate() {
                for &e in &bounds[k + 1..] {
                    assert_eq!(f.raw_span(s..e), Some(starts[s]..ends[e - 1]), "{raw:?}");
                }
            }
        };
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            check(&format!("{c}a{c}{c}"));
        }
        check("\u{200f}في ١١ ربیع الأوّل ١٤٣٧هـ\u{a0}الموافق ۲۳ دیسمبر\u{061c} ٢٠١٥م");
    }

    #[test]
    fn tables_are_the_general_steps() {
        for c in ('\0'..='\u{7F}').chain(chars::ARABIC_BLOCK) {
            let cp = c as usize;
            let table = if cp < 0x80 {
                LINE_ASCII[cp]
            } else {
                LINE_ARABIC[cp - 0x600]
            };
            assert_eq!(table, FoldOptions::LINE.step(c), "{c:?}");
        }
        let other = FoldOptions {
            lowercase: false,
            ..FoldOptions::SEARCH
        };
        for options in [FoldOptions::SEARCH, FoldOptions::LINE, other] {
            let steps = Steps::new(&options);
            assert_eq!(steps.tables.is_some(), options != other);
            for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
                assert_eq!(steps.step(c), options.step(c), "{c:?}");
            }
        }
    }

    #[test]
    fn alignment_of_dropped_and_collapsed_characters() {
        // Marks grow their letter's range; leading ones belong to nothing.
        let f = fold_aligned("\u{064E}بَ", &FoldOptions::LINE);
        assert_eq!(f.text(), "ب");
        assert_eq!(f.alignments(), [(2, 6), (2, 6)]);
        // A collapsed run is one space aligned to the whole run, marks included.
        let f = fold_aligned("a \u{200B}\t b ", &FoldOptions::LINE);
        assert_eq!(f.text(), "a b");
        assert_eq!(f.alignments(), [(0, 1), (1, 7), (7, 8)]);
        // Every character of a lowercased expansion shares the raw character's range.
        let f = fold_aligned("İ\u{200B}x", &FoldOptions::LINE);
        assert_eq!(f.text(), "i\u{307}x");
        assert_eq!(f.alignments(), [(0, 5), (0, 5), (0, 5), (5, 6)]);
        assert_eq!(f.raw_span(0..1), Some(0..5));
    }
}
