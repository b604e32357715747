//! TREC / LDC Gigaword SGML: one or many `<DOC>` elements per file, their fields
//! in tags (`<DOCNO>`, `<HEADLINE>`, `<DATELINE>`, `<TEXT>` with `<P>`…).

use super::published::parse_dated;
use super::{file_id, parse_error};
use crate::document::{parse_document_with, Document, Known};
use crate::Result;
use std::path::Path;

/// 1-based line of byte `offset`.
fn line_of(text: &str, offset: usize) -> usize {
    memchr::memchr_iter(b'\n', &text.as_bytes()[..offset.min(text.len())]).count() + 1
}

/// The character entities news markup uses, decoded (`&amp;` last).
pub(super) fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// The field tags of a `<DOC>` that [`read_sgml`] reads.
const SGML_FIELDS: [&str; 12] = [
    "DOCNO",
    "TIME",
    "DATE_TIME",
    "DATE",
    "HEADLINE",
    "TITLE",
    "AUTHOR",
    "SRC",
    "SOURCE",
    "URL",
    "DATELINE",
    "TEXT",
];

/// The length of the longest name in [`SGML_FIELDS`] (`DATE_TIME`).
const LONGEST_SGML_FIELD: usize = 9;

/// Where each of [`SGML_FIELDS`] first opens in a `<DOC>` (tag names matched
/// case-insensitively in `upper`, the uppercased text): found in one pass over the
/// document's `<`s, instead of one pass per field, most of which are absent.
struct SgmlFields<'a> {
    upper: &'a [u8],
    opening: [Option<usize>; SGML_FIELDS.len()],
}

impl<'a> SgmlFields<'a> {
    fn new(upper_doc: &'a str) -> Self {
        let upper = upper_doc.as_bytes();
        let mut opening = [None; SGML_FIELDS.len()];
        for lt in memchr::memchr_iter(b'<', upper) {
            // The name runs to the first `>` or white space (`<TIME>` is not
            // `<TIMEX>`); a name the text ends in is no tag.
            let rest = &upper[lt + 1..];
            let Some(len) = rest
                .iter()
                .take(LONGEST_SGML_FIELD + 1)
                .position(|b| matches!(b, b'>' | b' ' | b'\t' | b'\n' | b'\r'))
            else {
                continue;
            };
            if let Some(k) = SGML_FIELDS
                .iter()
                .position(|f| f.as_bytes() == &rest[..len])
            {
                opening[k].get_or_insert(lt);
            }
        }
        SgmlFields { upper, opening }
    }

    /// The byte span of the content of the first `<tag>` (one of [`SGML_FIELDS`]):
    /// from its `>` to its closing tag, or to the end of the document.
    fn span(&self, tag: &str) -> Option<(usize, usize)> {
        let upper = self.upper;
        let k = SGML_FIELDS.iter().position(|f| *f == tag)?;
        let after_name = self.opening[k]? + 1 + tag.len();
        let content_start = after_name + memchr::memchr(b'>', &upper[after_name..])? + 1;
        let closes_here = |lt: usize| {
            upper.get(lt + 1) == Some(&b'/')
                && upper.get(lt + 2..lt + 2 + tag.len()) == Some(tag.as_bytes())
                && upper.get(lt + 2 + tag.len()) == Some(&b'>')
        };
        let end = memchr::memchr_iter(b'<', &upper[content_start..])
            .map(|rel| content_start + rel)
            .find(|&lt| closes_here(lt))
            .unwrap_or(upper.len());
        // Both ends are at ASCII bytes; the uppercased text has the offsets of the text.
        Some((content_start, end))
    }
}

/// The value of `attr="…"` in an opening tag.
fn sgml_attr(open_tag: &str, attr: &str) -> Option<String> {
    let lower = open_tag.to_ascii_lowercase();
    let key = format!("{attr}=");
    let at = lower.find(&key)? + key.len();
    let rest = &open_tag[at..];
    let quote = rest.chars().next()?;
    if quote == '"' || quote == '\'' {
        rest[1..].find(quote).map(|e| rest[1..=e].to_string())
    } else {
        Some(rest.split([' ', '>']).next()?.to_string())
    }
}

/// Paragraphs of a `<TEXT>` element (`upper`: the same text uppercased): its `<P>`
/// elements, else its lines.
fn sgml_paragraphs(text: &str, upper: &str) -> String {
    if upper.contains("<P>") || upper.contains("<P ") {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(rel) = upper[from..].find("<P") {
            let start = from + rel;
            let Some(gt) = upper[start..].find('>') else {
                break;
            };
            let content_start = start + gt + 1;
            let end = upper[content_start..]
                .find("<P")
                .or_else(|| upper[content_start..].find("</P>"))
                .map_or(text.len(), |e| content_start + e);
            let p = text[content_start..end]
                .replace("</P>", "")
                .replace("</p>", "");
            let p = p.split_whitespace().collect::<Vec<_>>().join(" ");
            if !p.is_empty() {
                out.push(unescape(&p));
            }
            from = end.max(content_start);
            if from >= text.len() {
                break;
            }
        }
        out.join("\n\n")
    } else {
        unescape(text.trim())
    }
}

pub(super) fn read_sgml(path: &Path, text: &str) -> Result<Vec<Document>> {
    let upper = text.to_ascii_uppercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(rel) = memchr::memmem::find(&upper.as_bytes()[from..], b"<DOC") {
        let start = from + rel;
        let name_end = start + 4;
        if !upper[name_end..].starts_with(['>', ' ', '\t', '\n', '\r']) {
            // <DOCNO> and friends outside a <DOC>.
            from = name_end;
            continue;
        }
        // The tag ends at its own `>`: one found after another `<` belongs to a later
        // tag («<DOC id="x"\n</DOC>» panicked here, found by fuzzing).
        let gt = upper[start..]
            .find('>')
            .filter(|&gt| !upper[start + 1..start + gt].contains('<'));
        let Some(gt) = gt else {
            return Err(parse_error(
                path,
                Some(line_of(text, start)),
                None,
                "unterminated <DOC tag",
            ));
        };
        let open_tag = &text[start..=start + gt];
        let body_start = start + gt + 1;
        let Some(end_rel) = memchr::memmem::find(&upper.as_bytes()[body_start..], b"</DOC>") else {
            return Err(parse_error(
                path,
                Some(line_of(text, start)),
                None,
                "unclosed <DOC> (no </DOC>)",
            ));
        };
        let end = body_start + end_rel;
        let doc_text = &text[body_start..end];
        let doc_upper = &upper[body_start..end];
        let fields = SgmlFields::new(doc_upper);
        let field = |tag: &str| {
            fields
                .span(tag)
                .map(|(start, end)| unescape(doc_text[start..end].trim()))
                .filter(|s| !s.is_empty())
        };
        let id = field("DOCNO")
            .or_else(|| sgml_attr(open_tag, "id"))
            .unwrap_or_else(|| format!("{}#{}", file_id(path), out.len()));
        let published_text = field("TIME")
            .or_else(|| field("DATE_TIME"))
            .or_else(|| field("DATE"));
        let dated = published_text.as_deref().and_then(parse_dated);
        let known = Known {
            id: Some(id),
            title: field("HEADLINE").or_else(|| field("TITLE")),
            author: field("AUTHOR"),
            source: field("SRC").or_else(|| field("SOURCE")),
            url: field("URL"),
            published: dated.map(|d| d.published),
            published_utc_offset: dated.and_then(|d| d.utc_offset),
            published_text,
            dateline: field("DATELINE"),
            title_field: true,
            ..Known::default()
        };
        let body = fields
            .span("TEXT")
            .map(|(start, end)| sgml_paragraphs(&doc_text[start..end], &doc_upper[start..end]))
            .unwrap_or_default();
        out.push(parse_document_with(&body, &known));
        from = end + "</DOC>".len();
    }
    if out.is_empty() {
        return Err(parse_error(path, Some(1), None, "no <DOC> element"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{read_file, tmp, CorpusOptions};

    #[test]
    fn sgml_many_docs_and_errors() {
        let p = tmp("many.sgml");
        std::fs::write(
            &p,
            "<DOC id=\"AFP_1\" type=\"story\">\n<HEADLINE>عنوان &amp; آخر</HEADLINE>\n<DATELINE>القاهرة</DATELINE>\n<TEXT>\n<P>\nالفقرة الأولى.\n</P>\n<P>الفقرة الثانية.</P>\n</TEXT>\n</DOC>\n<DOC>\n<DOCNO>B</DOCNO>\n<DATE>20100101</DATE><TEXT>نص.</TEXT></DOC>",
        )
        .unwrap();
        let docs = read_file(&p, &CorpusOptions::default()).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id.as_deref(), Some("AFP_1"));
        assert_eq!(docs[0].title.as_deref(), Some("عنوان & آخر"));
        assert_eq!(docs[0].dateline.as_deref(), Some("القاهرة"));
        assert_eq!(docs[0].paragraphs, ["الفقرة الأولى.", "الفقرة الثانية."]);
        assert_eq!(docs[1].published.unwrap().to_string(), "2010-01-01");
        let q = tmp("open.sgml");
        std::fs::write(&q, "<DOC>\n<DOCNO>A</DOCNO>\n</DOC>\n\n<DOC>\n<TEXT>x").unwrap();
        let err = read_file(&q, &CorpusOptions::default())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("line 5") && err.contains("unclosed <DOC>"),
            "{err}"
        );
    }

    #[test]
    fn longest_sgml_field_is_the_longest_name() {
        assert_eq!(
            SGML_FIELDS.iter().map(|f| f.len()).max(),
            Some(LONGEST_SGML_FIELD)
        );
    }
}
