//! JSON: an array of records (or one record), read whole; JSON lines, one record a
//! line. Errors name the line (and column) of malformed JSON.

use super::record::{record_document, RecordColumns, RecordDocument, Resolved, Value};
use super::{check_named_fields, file_id, parse_error, FileDocuments};
use crate::corpus::CorpusOptions;
use crate::Result;
use serde_json::{Map, Value as Json};
use std::borrow::Cow;
use std::path::Path;

/// A JSON value as a record field: strings borrowed, numbers as text, arrays of
/// strings (or of objects with a `name`, as schema.org authors are) as lists.
fn field(value: &Json) -> Value<'_> {
    match value {
        Json::Array(items) => Value::List(items.iter().filter_map(one_string).collect()),
        v => one_string(v).map_or(Value::Null, Value::Text),
    }
}

fn one_string(v: &Json) -> Option<Cow<'_, str>> {
    match v {
        Json::String(s) => Some(Cow::Borrowed(s.as_str())),
        Json::Number(n) => Some(Cow::Owned(n.to_string())),
        Json::Object(o) => match o.get("name") {
            Some(Json::String(s)) => Some(Cow::Borrowed(s.as_str())),
            _ => None,
        },
        _ => None,
    }
}

/// One JSON object → its document, or the message of why not.
fn object_document(
    obj: &Map<String, Json>,
    columns: &RecordColumns,
    default_id: String,
) -> std::result::Result<RecordDocument, String> {
    let names: Vec<&str> = obj.keys().map(String::as_str).collect();
    let resolved = Resolved::new(&names, columns)?;
    Ok(record_document(
        &resolved,
        &|k| obj.get(k).map(field),
        default_id,
    ))
}

/// Adds the keys of `obj` not yet in `keys` (for error messages).
fn add_keys(keys: &mut Vec<String>, obj: &Map<String, Json>) {
    for k in obj.keys() {
        if !keys.contains(k) {
            keys.push(k.clone());
        }
    }
}

pub(super) fn read_json(path: &Path, text: &str, options: &CorpusOptions) -> Result<FileDocuments> {
    let value: Json = serde_json::from_str(text).map_err(|e| {
        parse_error(
            path,
            Some(e.line()),
            Some(e.column()),
            format!("malformed JSON: {e}"),
        )
    })?;
    let items = match value {
        Json::Array(items) => items,
        obj @ Json::Object(_) => vec![obj],
        _ => {
            return Err(parse_error(
                path,
                Some(1),
                None,
                "expected a JSON array of records or one record",
            ))
        }
    };
    let objects = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            item.as_object().ok_or_else(|| {
                parse_error(path, None, None, format!("record {i} is not a JSON object"))
            })
        })
        .collect::<Result<Vec<_>>>()?;
    check_named_fields(
        path,
        options,
        |name| objects.iter().any(|o| o.contains_key(name)),
        || {
            let mut keys = Vec::new();
            objects.iter().for_each(|o| add_keys(&mut keys, o));
            keys
        },
    )?;
    let columns = options.record_columns();
    let stem = file_id(path);
    // Records are cleaned in parallel: one big file keeps every core busy.
    let indices: Vec<usize> = (0..objects.len()).collect();
    let read = crate::parallel::try_map(&indices, |&i| {
        object_document(objects[i], &columns, format!("{stem}#{i}"))
            .map_err(|m| parse_error(path, None, None, format!("record {i}: {m}")))
    })?;
    let mut out = FileDocuments::default();
    for (i, r) in read.into_iter().enumerate() {
        out.push_record(r, (path, i, None), options);
    }
    Ok(out)
}

pub(super) fn read_jsonl(
    path: &Path,
    text: &str,
    options: &CorpusOptions,
) -> Result<FileDocuments> {
    let stem = file_id(path);
    let columns = options.record_columns();
    let mut out = FileDocuments::default();
    let named: Vec<&str> = options.columns.optional_named().collect();
    let mut seen = vec![false; named.len()];
    let mut keys: Vec<String> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value: Json = serde_json::from_str(line).map_err(|e| {
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
        if !named.is_empty() {
            for (s, name) in seen.iter_mut().zip(&named) {
                *s |= obj.contains_key(*name);
            }
            add_keys(&mut keys, obj);
        }
        let doc = object_document(obj, &columns, format!("{stem}#{i}"))
            .map_err(|m| parse_error(path, Some(i + 1), None, m))?;
        out.push_record(doc, (path, i, Some(i + 1)), options);
    }
    check_named_fields(
        path,
        options,
        |name| named.iter().zip(&seen).any(|(n, s)| *n == name && *s),
        || keys,
    )?;
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

    #[test]
    fn scraper_names_columns_and_empty_records() {
        use crate::corpus::{read_file_all, RecordColumns};
        let j = tmp("scrape.json");
        std::fs::write(
            &j,
            r#"[{"title": "عنوان", "author": "م", "published_time": "2020-08-24T14:05:00+03:00", "keywords": "اقتصاد, طاقة", "description": "ملخص.", "full_text": "قال الوزير إن المشروع بدأ.", "time": "2021-01-02"},
                {"title": "كاريكاتير", "full_text": "  ", "time": "2021-01-03"}]"#,
        )
        .unwrap();
        let read = read_file_all(&j, &CorpusOptions::default()).unwrap();
        assert_eq!(read.documents.len(), 1);
        let d = &read.documents[0];
        assert_eq!(d.published.unwrap().to_string(), "2020-08-24T14:05:00");
        assert_eq!(d.published_utc_offset, Some(180));
        assert_eq!(d.tags, ["اقتصاد", "طاقة"]);
        assert_eq!(d.summary.as_deref(), Some("ملخص."));
        assert_eq!(read.empty.len(), 1);
        assert_eq!(
            (read.empty[0].record, read.empty[0].id.as_str()),
            (1, "scrape#1")
        );
        // a named field overrides the aliases
        let mut columns = RecordColumns::default();
        columns.set("published", "time").unwrap();
        let o = CorpusOptions {
            columns,
            keep_empty: true,
            ..CorpusOptions::default()
        };
        let read = read_file_all(&j, &o).unwrap();
        assert_eq!(read.documents.len(), 2);
        assert_eq!(
            read.documents[0].published.unwrap().to_string(),
            "2021-01-02"
        );
        assert_eq!(read.documents[0].published_utc_offset, None);
        assert_eq!(read.documents[1].body, "");
        // a named field in no record is an error listing the fields
        let mut columns = RecordColumns::default();
        columns.set("published", "tme").unwrap();
        let o = CorpusOptions {
            columns,
            ..CorpusOptions::default()
        };
        let err = read_file(&j, &o).unwrap_err().to_string();
        assert!(err.contains("no record has the field \"tme\""), "{err}");
        assert!(
            err.contains("fields: author, description, full_text"),
            "{err}"
        );
        // no text field: the error lists the record's fields
        let o = CorpusOptions {
            text_column: Some("body_text".into()),
            ..CorpusOptions::default()
        };
        let err = read_file(&j, &o).unwrap_err().to_string();
        assert!(
            err.contains(
                "record 0: no text field \"body_text\" (the record's fields: author, description"
            ),
            "{err}"
        );
    }
}
