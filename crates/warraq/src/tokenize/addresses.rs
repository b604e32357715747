//! URLs and e-mail addresses: every place in the crate that looks for one asks
//! here.
//!
//! Three questions, answered with the same character classes:
//! - is there a URL or an address *token* at this point of the text
//!   ([`url_len`], [`email_len`]: the tokenizer, strict, as camel-tools' test set
//!   expects);
//! - where are the addresses of a paragraph ([`email_spans`]: document cleaning,
//!   which also finds an address glued to the next Arabic word, «…@yahoo.comللتواصل»);
//! - is this word of a short line address-like ([`looks_like_email`]: the rule
//!   that removes a contact line).

use crate::text::chars;
use regex::Regex;
use std::sync::LazyLock;

/// A byte of an address's local part (before the `@`).
fn is_local_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"._%+-".contains(&b)
}

/// A byte of an address's domain.
fn is_domain_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'.' || b == b'-'
}

/// An address token: a local part of [`is_local_byte`]s that starts with a letter
/// or digit, and a domain of dot-separated labels of [`is_domain_byte`]s (not
/// starting or ending with `-`) whose last label has two letters or more.
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}")
        .expect("valid e-mail regex")
});

/// Characters that end a URL (besides whitespace).
fn ends_url(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '"' | '<' | '>' | '«' | '»' | '“' | '”' | chars::RLM | chars::LRM
        )
        // A URL glued to the next Arabic word («…/watch?v=qt4nنجاح») ends there.
        || chars::is_arabic_script(c)
}

fn url_prefix_len(rest: &str) -> Option<usize> {
    let head = rest.as_bytes();
    for p in ["https://", "http://", "ftp://", "www."] {
        if head.len() > p.len() && head[..p.len()].eq_ignore_ascii_case(p.as_bytes()) {
            return Some(p.len());
        }
    }
    None
}

/// Length in bytes of the URL at the start of `rest`, if there is one.
pub(super) fn url_len(rest: &str) -> Option<usize> {
    let prefix = url_prefix_len(rest)?;
    let mut end = rest
        .char_indices()
        .find(|&(_, c)| ends_url(c))
        .map_or(rest.len(), |(i, _)| i);
    // Trailing punctuation belongs to the sentence, not to the URL.
    while end > prefix {
        let last = rest[..end].chars().next_back().unwrap_or(' ');
        if matches!(
            last,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '\''
        ) {
            end -= last.len_utf8();
        } else {
            break;
        }
    }
    (end > prefix).then_some(end)
}

/// Length in bytes of the e-mail address token at the start of `rest`, if there is
/// one (within the run of ASCII characters other than spaces that starts it).
pub(super) fn email_len(rest: &str) -> Option<usize> {
    let run = rest
        .find(|c: char| !c.is_ascii() || c.is_ascii_whitespace())
        .unwrap_or(rest.len());
    if !rest[..run].contains('@') {
        return None;
    }
    EMAIL.find(&rest[..run]).map(|m| m.end())
}

/// A word that looks like an e-mail address: once stripped of the non-alphanumeric
/// characters around it, ASCII, with something before an `@` and a dot after it.
pub(crate) fn looks_like_email(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    match w.split_once('@') {
        Some((user, domain)) => !user.is_empty() && domain.contains('.') && w.is_ascii(),
        None => false,
    }
}

/// Byte spans of the e-mail addresses in `text`, in order and without overlap:
/// around each `@`, the [`is_local_byte`]s before it and the [`is_domain_byte`]s
/// after it, without trailing dots, when the domain holds a dot and does not start
/// with one. The domain ends where its ASCII characters end, so a glued Arabic word
/// is not included.
pub(crate) fn email_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    for at in memchr::memchr_iter(b'@', bytes) {
        let mut start = at;
        while start > 0 && is_local_byte(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < bytes.len() && is_domain_byte(bytes[end]) {
            end += 1;
        }
        while end > at + 1 && bytes[end - 1] == b'.' {
            end -= 1;
        }
        let dom = &text[at + 1..end];
        if start < at
            && dom.contains('.')
            && !dom.starts_with('.')
            && spans.last().is_none_or(|&(_, e)| e <= start)
        {
            spans.push((start, end));
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_in_words_and_paragraphs() {
        assert!(looks_like_email("a.khojah@asharqalawsat.com"));
        assert!(looks_like_email("(info@spa.gov.sa)."));
        assert!(!looks_like_email("@واس") && !looks_like_email("a@b"));
        let text = "للتواصل: info@alriyadh.com.sa. أو news@x.comللتواصل";
        let spans: Vec<&str> = email_spans(text)
            .iter()
            .map(|&(s, e)| &text[s..e])
            .collect();
        assert_eq!(spans, ["info@alriyadh.com.sa", "news@x.com"]);
        assert_eq!(email_len("info@alriyadh.com.sa،"), Some(20));
        assert_eq!(email_len("a@b"), None);
        assert_eq!(url_len("https://example.com/a?b=1. ثم"), Some(25));
        assert_eq!(url_len("http://x.com/watch?v=qt4nنجاح"), Some(25));
    }
}
