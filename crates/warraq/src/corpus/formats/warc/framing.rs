//! WARC framing: records streamed from a `BufRead`, their header block bounded
//! and their block read with `Read::take(Content-Length)`, with the record number
//! and byte offset of every error. An ARC file (its first line `filedesc://…`) is
//! framed by its own header lines ([`super::arc`]) into the same records.

use super::arc;
use super::{MAX_HEADER_BYTES, MAX_RECORD_BYTES};
use std::io::{BufRead, Read};

/// One record's framing and the fields warraq uses.
#[derive(Debug, Default)]
pub(super) struct RawRecord {
    /// From 0.
    pub(super) number: usize,
    /// Where its version line starts in the (decompressed) stream.
    pub(super) offset: u64,
    pub(super) warc_type: String,
    pub(super) target_uri: Option<String>,
    pub(super) date: Option<String>,
    pub(super) content_type: Option<String>,
    /// `None` when over [`MAX_RECORD_BYTES`] (skipped unread).
    pub(super) block: Option<Vec<u8>>,
}

/// A record that could not be read: where, why, and whether the stream can go on.
#[derive(Debug)]
pub(super) struct Bad {
    pub(super) number: usize,
    pub(super) offset: u64,
    pub(super) message: String,
    /// The stream itself broke (I/O, gzip, end of file): nothing more can be read.
    pub(super) fatal: bool,
}

/// WARC records streamed from `reader`.
pub(super) struct Records<R> {
    reader: R,
    /// Bytes consumed so far.
    pos: u64,
    pub(super) number: usize,
    /// After a bad record: skip to the next `WARC/` line.
    resync: bool,
    line: Vec<u8>,
    /// An ARC file rather than a WARC one (decided by its first line).
    arc: Option<bool>,
}

impl<R: BufRead> Records<R> {
    pub(super) fn new(reader: R) -> Self {
        Records {
            reader,
            pos: 0,
            number: 0,
            resync: false,
            line: Vec::new(),
            arc: None,
        }
    }

    /// Whether the archive is an ARC file (known once its first line is read).
    pub(super) fn is_arc(&self) -> bool {
        self.arc == Some(true)
    }

    pub(super) fn bad(&self, offset: u64, message: impl Into<String>, fatal: bool) -> Bad {
        Bad {
            number: self.number,
            offset,
            message: message.into(),
            fatal,
        }
    }

    pub(super) fn io_bad(&self, e: &std::io::Error) -> Bad {
        let what = if e.kind() == std::io::ErrorKind::UnexpectedEof {
            "the archive is truncated".to_string()
        } else {
            format!("cannot read the archive: {e}")
        };
        self.bad(self.pos, what, true)
    }

    /// Reads one line (at most [`MAX_HEADER_BYTES`]) into `self.line`; its length.
    pub(super) fn read_line(&mut self) -> std::result::Result<usize, Bad> {
        self.line.clear();
        let n = (&mut self.reader)
            .take(MAX_HEADER_BYTES)
            .read_until(b'\n', &mut self.line)
            .map_err(|e| self.io_bad(&e))?;
        self.pos += n as u64;
        Ok(n)
    }

    /// The next record, `None` at the end of the archive.
    pub(super) fn next_record(&mut self) -> Option<std::result::Result<RawRecord, Bad>> {
        // The version line (an ARC header line), after any blank lines (and,
        // resyncing, any other line).
        let start = loop {
            match self.read_line() {
                Err(e) => return Some(Err(e)),
                Ok(0) => return None,
                Ok(n) => {
                    let line = &self.line;
                    let blank = line.iter().all(u8::is_ascii_whitespace);
                    if self.arc.is_none() && !blank {
                        self.arc = Some(arc::is_arc_start(line));
                    }
                    let starts = if self.arc == Some(true) {
                        !blank
                            && (self.number == 0 || !self.resync || arc::parse_header(line).is_ok())
                    } else {
                        line.starts_with(b"WARC/")
                    };
                    if starts {
                        self.resync = false;
                        break self.pos - n as u64;
                    }
                    if !self.resync && !blank {
                        let at = self.pos - n as u64;
                        self.resync = true;
                        return Some(Err(self.bad(
                            at,
                            "expected a WARC/1.x version line (not a WARC record, or the previous record's Content-Length is wrong)",
                            false,
                        )));
                    }
                }
            }
        };
        let record = if self.arc == Some(true) {
            self.read_arc_record(start)
        } else {
            self.read_record(start)
        };
        self.number += 1;
        if matches!(&record, Err(b) if !b.fatal) {
            self.resync = true;
        }
        Some(record)
    }

    /// An ARC record whose header line is in `self.line` (see [`arc`]).
    fn read_arc_record(&mut self, start: u64) -> std::result::Result<RawRecord, Bad> {
        let header = arc::parse_header(&self.line).map_err(|m| self.bad(start, m, false))?;
        let length = header.length;
        let mut record = arc::raw_record(header, self.number, start);
        self.read_block(start, length, &mut record)?;
        // One newline ends the record (the last one may lack it); anything else
        // means the length is wrong.
        let next = match self.reader.fill_buf() {
            Ok(buf) => buf.first().copied(),
            Err(e) => return Err(self.io_bad(&e)),
        };
        match next {
            None => {}
            Some(b'\n') => {
                self.reader.consume(1);
                self.pos += 1;
            }
            Some(_) => {
                return Err(self.bad(
                    start,
                    format!(
                        "ARC record length {length} does not end the record: byte {} is not the newline after it",
                        self.pos
                    ),
                    false,
                ))
            }
        }
        Ok(record)
    }

    /// Reads a record's block of `length` bytes into `record.block` (or skips it,
    /// over [`MAX_RECORD_BYTES`]); a stream that ends first is a fatal error.
    fn read_block(
        &mut self,
        start: u64,
        length: u64,
        record: &mut RawRecord,
    ) -> std::result::Result<(), Bad> {
        let read = if length > MAX_RECORD_BYTES {
            std::io::copy(&mut (&mut self.reader).take(length), &mut std::io::sink())
        } else {
            let mut block = Vec::with_capacity(usize::try_from(length.min(1 << 20)).unwrap_or(0));
            let read = (&mut self.reader).take(length).read_to_end(&mut block);
            record.block = Some(block);
            read.map(|n| n as u64)
        }
        .map_err(|e| self.io_bad(&e))?;
        self.pos += read;
        if read < length {
            return Err(self.bad(
                start,
                format!(
                    "Content-Length says {length} bytes, the archive ends after {read} (truncated)"
                ),
                true,
            ));
        }
        Ok(())
    }

    pub(super) fn read_record(&mut self, start: u64) -> std::result::Result<RawRecord, Bad> {
        let mut record = RawRecord {
            number: self.number,
            offset: start,
            ..RawRecord::default()
        };
        let mut length: Option<u64> = None;
        loop {
            let n = self.read_line()?;
            if n == 0 {
                return Err(self.bad(start, "the archive ends inside a record's header", true));
            }
            if self.pos - start > MAX_HEADER_BYTES {
                return Err(self.bad(
                    start,
                    format!("the header block is over {MAX_HEADER_BYTES} bytes"),
                    false,
                ));
            }
            let line = String::from_utf8_lossy(&self.line);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                break;
            }
            let Some((name, value)) = line.split_once(':') else {
                // A folded continuation line, or noise: not a field warraq reads.
                continue;
            };
            let value = value.trim().to_string();
            match name.trim().to_ascii_lowercase().as_str() {
                "warc-type" => record.warc_type = value,
                "warc-target-uri" => {
                    record.target_uri = Some(value.trim_matches(['<', '>']).to_string());
                }
                "warc-date" => record.date = Some(value),
                "content-type" => record.content_type = Some(value),
                "content-length" => match value.parse::<u64>() {
                    Ok(len) => length = Some(len),
                    Err(_) => {
                        return Err(self.bad(
                            start,
                            format!("Content-Length {value:?} is not a number"),
                            false,
                        ))
                    }
                },
                _ => {}
            }
        }
        let Some(length) = length else {
            return Err(self.bad(start, "the record has no Content-Length", false));
        };
        let body_start = self.pos;
        self.read_block(start, length, &mut record)?;
        // The block is followed by a blank line (CRLF CRLF): anything else means the
        // length is wrong.
        let mut ends = 0;
        while ends < 4 {
            let next = match self.reader.fill_buf() {
                Ok(buf) => buf.first().copied(),
                Err(e) => return Err(self.io_bad(&e)),
            };
            match next {
                Some(b'\r' | b'\n') => {
                    self.reader.consume(1);
                    self.pos += 1;
                    ends += 1;
                }
                None if ends > 0 => break,
                None => {
                    return Err(self.bad(
                        start,
                        "the archive ends right after the block (no blank line: truncated?)",
                        true,
                    ))
                }
                Some(_) => {
                    return Err(self.bad(
                        start,
                        format!(
                            "Content-Length {length} does not end the record: byte {} is not the blank line after the block",
                            body_start + length
                        ),
                        false,
                    ))
                }
            }
        }
        Ok(record)
    }
}
