//! CSV (`.tsv`: tab-separated) with a header row, one record a row.

use super::record::{record_document, Resolved, Value};
use super::{check_named_fields, file_id, parse_error, FileDocuments};
use crate::corpus::CorpusOptions;
use crate::Result;
use std::borrow::Cow;
use std::path::Path;

pub(super) fn read_csv(path: &Path, text: &str, options: &CorpusOptions) -> Result<FileDocuments> {
    let tsv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv"));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(if tsv { b'\t' } else { b',' })
        .from_reader(text.as_bytes());
    let csv_error = |e: csv::Error| {
        let line = e.position().map(|p| usize::try_from(p.line()).unwrap_or(0));
        parse_error(path, line, None, format!("malformed CSV: {e}"))
    };
    let headers: Vec<String> = reader
        .headers()
        .map_err(csv_error)?
        .iter()
        .map(str::to_string)
        .collect();
    let names: Vec<&str> = headers.iter().map(String::as_str).collect();
    check_named_fields(path, options, |n| names.contains(&n), || headers.clone())?;
    // One header for every row: the fields are chosen once.
    let columns = options.record_columns();
    let resolved =
        Resolved::new(&names, &columns).map_err(|m| parse_error(path, Some(1), None, m))?;
    let stem = file_id(path);
    let mut out = FileDocuments::default();
    // Where the last record (or the header) starts: see the unclosed-quote check below.
    let mut last_start = (0u64, 1u64);
    for (i, row) in reader.records().enumerate() {
        let row = row.map_err(csv_error)?;
        if let Some(p) = row.position() {
            last_start = (p.byte(), p.line());
        }
        let line = row
            .position()
            .map(|p| usize::try_from(p.line()).unwrap_or(0));
        let get = |k: &str| {
            headers
                .iter()
                .position(|h| h == k)
                .and_then(|j| row.get(j))
                .map(|v| Value::Text(Cow::Borrowed(v)))
        };
        let doc = record_document(&resolved, &get, format!("{stem}#{i}"));
        out.push_record(doc, (path, i, line), options);
    }
    // A quote that is never closed makes the csv reader take the rest of the file as
    // one field, silently swallowing every later record. Well-formed quoting has an
    // even number of `"` (open, close, doubled escapes), so an odd count in a last
    // record spanning several lines is that case.
    let tail = usize::try_from(last_start.0)
        .ok()
        .and_then(|b| text.get(b..))
        .unwrap_or_default();
    if tail.trim_end().contains('\n') && memchr::memchr_iter(b'"', tail.as_bytes()).count() % 2 == 1
    {
        return Err(parse_error(
            path,
            usize::try_from(last_start.1).ok(),
            None,
            "malformed CSV: a quoted field in this record is never closed (it runs to the end of the file)",
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::corpus::{read_file, tmp, CorpusOptions};

    #[test]
    fn csv() {
        let c = tmp("c.csv");
        std::fs::write(&c, "doc,txt\n7,\"نص، مع فاصلة.\"\n").unwrap();
        let o = CorpusOptions {
            text_column: Some("txt".into()),
            id_column: Some("doc".into()),
            ..CorpusOptions::default()
        };
        let docs = read_file(&c, &o).unwrap();
        assert_eq!(docs[0].id.as_deref(), Some("7"));
        assert_eq!(docs[0].body, "نص، مع فاصلة.");
        let err = read_file(&c, &CorpusOptions::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains("no text field"), "{err}");
    }
}
