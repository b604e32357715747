//! JSON: an array of records (or one record), read whole; JSON lines, one record a
//! line. Errors name the line (and column) of malformed JSON.

use super::{file_id, parse_error, record_document};
use crate::corpus::CorpusOptions;
use crate::document::Document;
use crate::Result;
use std::borrow::Cow;
use std::path::Path;

fn json_str(value: &serde_json::Value) -> Option<Cow<'_, str>> {
    match value {
        serde_json::Value::String(s) => Some(Cow::Borrowed(s)),
        serde_json::Value::Number(n) => Some(Cow::Owned(n.to_string())),
        _ => None,
    }
}

pub(super) fn read_json(path: &Path, text: &str, options: &CorpusOptions) -> Result<Vec<Document>> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        parse_error(
            path,
            Some(e.line()),
            Some(e.column()),
            format!("malformed JSON: {e}"),
        )
    })?;
    let items = match value {
        serde_json::Value::Array(items) => items,
        obj @ serde_json::Value::Object(_) => vec![obj],
        _ => {
            return Err(parse_error(
                path,
                Some(1),
                None,
                "expected a JSON array of records or one record",
            ))
        }
    };
    let stem = file_id(path);
    // Records are cleaned in parallel: one big file keeps every core busy.
    let indices: Vec<usize> = (0..items.len()).collect();
    crate::parallel::try_map(&indices, |&i| {
        let obj = items[i].as_object().ok_or_else(|| {
            parse_error(path, None, None, format!("record {i} is not a JSON object"))
        })?;
        record_document(
            &|k| obj.get(k).and_then(json_str),
            options,
            format!("{stem}#{i}"),
        )
        .map_err(|m| parse_error(path, None, None, format!("record {i}: {m}")))
    })
}

pub(super) fn read_jsonl(
    path: &Path,
    text: &str,
    options: &CorpusOptions,
) -> Result<Vec<Document>> {
    let stem = file_id(path);
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value = serde_json::from_str(line).map_err(|e| {
            parse_error(
                path,
                Some(i + 1),
                Some(e.column()),
                format!("malformed JSON line: {e}"),
            )
        })?;
        let obj = value
            .as_object()
            .ok_or_else(|| parse_error(path, Some(i + 1), None, "line is not a JSON object"))?;
        let doc = record_document(
            &|k| obj.get(k).and_then(json_str),
            options,
            format!("{stem}#{i}"),
        )
        .map_err(|m| parse_error(path, Some(i + 1), None, m))?;
        out.push(doc);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::corpus::{read_file, tmp, CorpusOptions};

    #[test]
    fn json_and_jsonl() {
        let j = tmp("a.json");
        std::fs::write(&j, r#"[{"source":"s","url":"http://x/1","title":"ت","author":"م","content":"نص الخبر.\nرابط الخبر بصحيفة الوئام: ت"}]"#).unwrap();
        let docs = read_file(&j, &CorpusOptions::default()).unwrap();
        assert_eq!(docs[0].id.as_deref(), Some("http://x/1"));
        assert_eq!(docs[0].body, "نص الخبر.");
        assert_eq!(docs[0].author.as_deref(), Some("م"));
        let t = tmp("trunc.json");
        std::fs::write(&t, r#"[{"title": "a", "content": "b"}, {"title""#).unwrap();
        let err = read_file(&t, &CorpusOptions::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 1 column"), "{err}");
        let l = tmp("b.jsonl");
        std::fs::write(&l, "{\"text\": \"أ.\"}\n{bad\n").unwrap();
        let err = read_file(&l, &CorpusOptions::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 2"), "{err}");
    }
}
