//! Reading the little-endian binary formats warraq writes itself (the entity model,
//! recurring-line counts sent between processes): one reader that never reads past
//! the end and never trusts a length it has not checked.

use crate::{Error, Result};

/// Reads little-endian values from the front of a byte slice. Every read fails with
/// an [`Error::Corrupt`] naming `what` when the bytes run out; a caller with a file
/// to name maps that error to its own.
pub(crate) struct ByteReader<'a> {
    bytes: &'a [u8],
    what: &'static str,
}

impl<'a> ByteReader<'a> {
    /// A reader of `bytes`, which should hold a `what` (named in errors).
    pub(crate) fn new(bytes: &'a [u8], what: &'static str) -> Self {
        ByteReader { bytes, what }
    }

    /// An [`Error::Corrupt`] about these bytes.
    pub(crate) fn corrupt(&self, message: &str) -> Error {
        Error::Corrupt {
            what: self.what.to_string(),
            message: message.to_string(),
        }
    }

    fn take<const N: usize>(&mut self) -> Result<[u8; N]> {
        let Some((head, rest)) = self.bytes.split_first_chunk::<N>() else {
            return Err(self.corrupt("truncated"));
        };
        self.bytes = rest;
        Ok(*head)
    }

    pub(crate) fn u64(&mut self) -> Result<u64> {
        self.take::<8>().map(u64::from_le_bytes)
    }

    pub(crate) fn u32(&mut self) -> Result<u32> {
        self.take::<4>().map(u32::from_le_bytes)
    }

    pub(crate) fn i16(&mut self) -> Result<i16> {
        self.take::<2>().map(i16::from_le_bytes)
    }

    pub(crate) fn f32(&mut self) -> Result<f32> {
        self.take::<4>().map(f32::from_le_bytes)
    }

    /// A LEB128 `u32` of at most 5 bytes (bits beyond 32 are dropped).
    pub(crate) fn varint(&mut self) -> Result<u32> {
        let mut v = 0u32;
        for shift in (0..35).step_by(7) {
            let [b] = self.take::<1>()?;
            v |= u32::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.corrupt("varint longer than 5 bytes"))
    }

    /// A `u64` length prefix of items of `item_size` bytes, checked against the bytes
    /// left so that a corrupt length cannot trigger a huge allocation.
    pub(crate) fn len(&mut self, item_size: usize) -> Result<usize> {
        let n = usize::try_from(self.u64()?).map_err(|_| self.corrupt("bad length"))?;
        if n.checked_mul(item_size)
            .is_none_or(|b| b > self.bytes.len())
        {
            return Err(self.corrupt("truncated"));
        }
        Ok(n)
    }

    /// The format's magic bytes (name and version), or a "wrong header" error.
    pub(crate) fn magic(&mut self, magic: &[u8; 5]) -> Result<()> {
        if self.take::<5>()? != *magic {
            return Err(self.corrupt("wrong header"));
        }
        Ok(())
    }

    /// Whether every byte was read.
    pub(crate) fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Ok when every byte was read, else a "trailing bytes" error.
    pub(crate) fn end(&self) -> Result<()> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self.corrupt("trailing bytes"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_was_written_and_fails_past_the_end() {
        let mut bytes = b"WQXX1".to_vec();
        bytes.extend(7u64.to_le_bytes());
        bytes.extend(9u32.to_le_bytes());
        bytes.extend((-3i16).to_le_bytes());
        bytes.extend(1.5f32.to_le_bytes());
        bytes.extend([0x96, 0x01]); // 150 as LEB128
        let mut r = ByteReader::new(&bytes, "test");
        r.magic(b"WQXX1").unwrap();
        assert_eq!(r.u64().unwrap(), 7);
        assert_eq!(r.u32().unwrap(), 9);
        assert_eq!(r.i16().unwrap(), -3);
        assert_eq!(r.f32().unwrap(), 1.5);
        assert_eq!(r.varint().unwrap(), 150);
        r.end().unwrap();
        let err = r.u32().unwrap_err();
        assert_eq!(err.to_string(), "not test bytes: truncated");
        assert!(matches!(err, Error::Corrupt { .. }));
    }

    #[test]
    fn lengths_headers_and_varints_are_checked() {
        let mut r = ByteReader::new(b"WQYY1", "test");
        assert!(r
            .magic(b"WQXX1")
            .unwrap_err()
            .to_string()
            .ends_with("wrong header"));
        let mut long = u64::MAX.to_le_bytes().to_vec();
        long.extend([0; 16]);
        assert!(ByteReader::new(&long, "t").len(1).is_err());
        let mut two = 2u64.to_le_bytes().to_vec();
        two.extend([0; 16]);
        let mut r = ByteReader::new(&two, "t");
        assert_eq!(r.len(8).unwrap(), 2);
        assert!(r.end().unwrap_err().to_string().ends_with("trailing bytes"));
        let mut r = ByteReader::new(&[0x80; 6], "t");
        assert!(r.varint().is_err());
        assert!(ByteReader::new(&[0x80], "t").varint().is_err());
    }
}
