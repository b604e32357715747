//! Texts given as code points, checked once: [`ScalarBuf`].

/// Whether every one of `code_points` is a Unicode scalar value (a valid `char`:
/// no surrogate, nothing above U+10FFFF). Branch-free: valid text (nearly always)
/// is read once, at the speed of memory.
///
/// ```
/// use warraq::text::all_scalar_values;
///
/// assert!(all_scalar_values(&[0x627, 0x20, 0x10_FFFF]));
/// assert!(!all_scalar_values(&[0x627, 0xDC00]));
/// assert!(!all_scalar_values(&[0x11_0000]));
/// ```
pub fn all_scalar_values(code_points: &[u32]) -> bool {
    !code_points
        .iter()
        .fold(false, |bad, &c| bad | ((c >> 11) == 0x1B) | (c > 0x10_FFFF))
}

/// Texts as Unicode scalar values, end to end in one buffer: filled with code
/// points that are checked as they are pushed (while they are in a core's cache),
/// read back as `char`s with no second pass ([`texts`](Self::texts)).
///
/// Every way in checks what it adds, so that everything a `ScalarBuf` holds is
/// a valid `char`: that is what makes [`texts`](Self::texts) safe. A buffer can
/// be [cleared](Self::clear) and filled again, keeping its memory.
///
/// ```
/// use warraq::text::ScalarBuf;
///
/// let mut buf = ScalarBuf::default();
/// buf.push_checked(&[0x646, 0x635]).unwrap();
/// buf.push_checked(&[]).unwrap();
/// assert!(buf.push_checked(&[0x41, 0xD800]).is_err()); // a lone surrogate: not added
/// assert_eq!(buf.texts(), [&['ن', 'ص'][..], &[][..]]);
/// assert_eq!((buf.len(), buf.code_points()), (2, 2));
/// ```
#[derive(Debug, Default)]
pub struct ScalarBuf {
    /// The texts' code points, end to end: all of them checked, except while
    /// `push_with` fills the places after the last end.
    values: Vec<u32>,
    /// Where each text ends in `values`.
    ends: Vec<usize>,
}

impl ScalarBuf {
    /// Texts held.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether no text is held.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Code points held, in all texts.
    pub fn code_points(&self) -> usize {
        self.values.len()
    }

    /// Drops every text, keeping the memory.
    pub fn clear(&mut self) {
        self.values.clear();
        self.ends.clear();
    }

    /// Makes room for `additional` more code points, so that texts pushed up to
    /// that size are written in place (a buffer that grows copies itself into
    /// fresh memory, a page fault every 4 KB). Room never written costs nothing.
    pub fn reserve(&mut self, additional: usize) {
        self.values.reserve(additional);
    }

    /// Appends the text `text` if every one of its code points is a Unicode scalar
    /// value; else an [`Error::InvalidText`](crate::Error::InvalidText) whose
    /// `index` is the first bad code point's position in `text`, and nothing is
    /// added.
    pub fn push_checked(&mut self, text: &[u32]) -> crate::Result<()> {
        let start = self.values.len();
        self.values.extend_from_slice(text);
        self.end_text(start)
    }

    /// Appends a text of `n` code points written in place by `fill` (one copy
    /// straight out of another runtime's string, no buffer in between), checked
    /// as [`push_checked`](Self::push_checked) checks them: `Ok(Err(_))` is a
    /// text that is not valid, and not added. `fill` gets the `n` places, each
    /// holding `u32::MAX` (no scalar value, so a place it leaves unwritten makes
    /// the text invalid); when it fails, nothing is added and its error is
    /// returned.
    ///
    /// ```
    /// use warraq::text::ScalarBuf;
    ///
    /// let mut buf = ScalarBuf::default();
    /// let pushed = buf.push_with(2, |room| {
    ///     room.copy_from_slice(&[0x41, 0x42]);
    ///     Ok::<_, ()>(())
    /// });
    /// assert!(matches!(pushed, Ok(Ok(()))));
    /// assert!(matches!(buf.push_with(1, |_| Ok::<_, ()>(())), Ok(Err(_)))); // left unwritten
    /// assert!(buf.push_with(1, |_| Err("failed")).is_err());
    /// assert_eq!(buf.texts(), [&['A', 'B'][..]]);
    /// ```
    pub fn push_with<E>(
        &mut self,
        n: usize,
        fill: impl FnOnce(&mut [u32]) -> Result<(), E>,
    ) -> Result<crate::Result<()>, E> {
        let start = self.values.len();
        self.values.resize(start + n, u32::MAX);
        if let Err(e) = fill(&mut self.values[start..]) {
            self.values.truncate(start);
            return Err(e);
        }
        Ok(self.end_text(start))
    }

    /// Ends the text whose code points are `values[start..]` if they are all
    /// scalar values; else takes them back out.
    fn end_text(&mut self, start: usize) -> crate::Result<()> {
        let text = &self.values[start..];
        if all_scalar_values(text) {
            self.ends.push(self.values.len());
            return Ok(());
        }
        let (index, &c) = text
            .iter()
            .enumerate()
            .find(|&(_, &c)| char::from_u32(c).is_none())
            .expect("a code point that is not a scalar value was seen");
        let error = crate::Error::InvalidText {
            index,
            message: format!("U+{c:04X} is not a Unicode scalar value"),
        };
        self.values.truncate(start);
        Err(error)
    }

    /// The texts, as `char`s.
    pub fn texts(&self) -> Vec<&[char]> {
        let chars = self.chars();
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &chars[start..end])
            .collect()
    }

    /// Every text's code points, end to end, as `char`s.
    fn chars(&self) -> &[char] {
        let checked = &self.values[..self.ends.last().copied().unwrap_or(0)];
        #[expect(unsafe_code, reason = "the cast the buffer exists for")]
        // SAFETY: a text is ended (its end pushed to `ends`) only by `end_text`,
        // after `all_scalar_values` found each of its code points to be a Unicode
        // scalar value, and nothing changes them afterwards: `values` is private,
        // `push_with`'s `fill` is handed only the places after the last end, and
        // `clear` and `truncate` only shorten it. So every `u32` up to the last
        // end is a valid `char`, which has the size and alignment of `u32`. The
        // view borrows `self`, so nothing writes the buffer meanwhile.
        unsafe {
            std::slice::from_raw_parts(checked.as_ptr().cast::<char>(), checked.len())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fill_that_fails_or_writes_too_little_adds_nothing() {
        let mut buf = ScalarBuf::default();
        buf.push_checked(&[0x627]).unwrap();
        let failed = buf.push_with(3, |room| {
            room[0] = 0x41;
            Err("no")
        });
        assert_eq!(failed.unwrap_err(), "no");
        let short = buf.push_with(2, |room| {
            room[0] = 0x41;
            Ok::<_, ()>(())
        });
        assert!(short.unwrap().is_err());
        match buf.push_checked(&[0x41, 0x42, 0x11_0000]) {
            Err(crate::Error::InvalidText { index, message }) => {
                assert_eq!(index, 2);
                assert!(message.contains("U+110000"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(buf.texts(), [&['ا'][..]]);
        assert_eq!(buf.code_points(), 1);
        buf.clear();
        assert!(buf.is_empty() && buf.texts().is_empty());
    }
}
