//! The query language, parsed by hand so that an error names its position.
//!
//! ```text
//! query   := any
//! any     := all (("OR")? all)*       words side by side: any of them (ranked)
//! all     := unary ("AND" unary)*     both
//! unary   := ("NOT" | "-") unary      must not match
//!          | "+" unary                must match
//!          | primary
//! primary := "(" any ")" | '"' words '"' | word
//! ```
//!
//! Words and phrases go through the index's analyzer (stopwords drop out, clitics
//! and spelling variants fold away); a phrase keeps the gaps its stopwords leave.
//! Positions in errors are code-point indices into the query.

use crate::{Error, Result};

/// A parsed query, before analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryNode {
    /// A word (as typed).
    Word(String),
    /// Words in this order, one after the other.
    Phrase(String),
    /// Documents matching any (scores add up).
    Any(Vec<QueryNode>),
    /// Documents matching all.
    All(Vec<QueryNode>),
    /// Required inside an [`QueryNode::Any`].
    Required(Box<QueryNode>),
    /// Excluded.
    Not(Box<QueryNode>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Lexeme {
    Open,
    Close,
    Plus,
    Minus,
    And,
    Or,
    Not,
    Word(String),
    Phrase(String),
}

fn err(position: usize, message: impl Into<String>) -> Error {
    Error::Query {
        position,
        message: message.into(),
    }
}

/// The lexemes of `query` with their code-point positions.
fn lex(query: &str) -> Result<Vec<(usize, Lexeme)>> {
    let chars: Vec<char> = query.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let is_break = |c: char| c.is_whitespace() || matches!(c, '(' | ')' | '"');
    while i < chars.len() {
        let c = chars[i];
        let at = i;
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => {
                out.push((at, Lexeme::Open));
                i += 1;
            }
            ')' => {
                out.push((at, Lexeme::Close));
                i += 1;
            }
            '"' | '«' | '“' => {
                let close = match c {
                    '«' => '»',
                    '“' => '”',
                    _ => '"',
                };
                let end = chars[i + 1..]
                    .iter()
                    .position(|&d| d == close)
                    .map(|p| i + 1 + p)
                    .ok_or_else(|| err(at, "unclosed quotation mark"))?;
                let phrase: String = chars[i + 1..end].iter().collect();
                if phrase.trim().is_empty() {
                    return Err(err(at, "empty phrase"));
                }
                out.push((at, Lexeme::Phrase(phrase)));
                i = end + 1;
            }
            '+' | '-' if chars.get(i + 1).is_some_and(|&n| !n.is_whitespace()) => {
                out.push((
                    at,
                    if c == '+' {
                        Lexeme::Plus
                    } else {
                        Lexeme::Minus
                    },
                ));
                i += 1;
            }
            _ => {
                let start = i;
                while i < chars.len() && !is_break(chars[i]) {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                out.push((
                    at,
                    match word.as_str() {
                        "AND" => Lexeme::And,
                        "OR" => Lexeme::Or,
                        "NOT" => Lexeme::Not,
                        _ => Lexeme::Word(word),
                    },
                ));
            }
        }
    }
    Ok(out)
}

struct Parser {
    lexemes: Vec<(usize, Lexeme)>,
    at: usize,
    /// The query's length in code points (where "the end" is).
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Lexeme> {
        self.lexemes.get(self.at).map(|(_, l)| l)
    }

    fn position(&self) -> usize {
        self.lexemes.get(self.at).map_or(self.end, |(p, _)| *p)
    }

    fn any(&mut self) -> Result<QueryNode> {
        let mut parts = vec![self.all()?];
        loop {
            match self.peek() {
                None | Some(Lexeme::Close) => break,
                Some(Lexeme::Or) => {
                    let at = self.position();
                    self.at += 1;
                    if matches!(self.peek(), None | Some(Lexeme::Close)) {
                        return Err(err(at, "OR with nothing after it"));
                    }
                }
                _ => {}
            }
            parts.push(self.all()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            QueryNode::Any(parts)
        })
    }

    fn all(&mut self) -> Result<QueryNode> {
        let mut parts = vec![self.unary()?];
        while let Some(Lexeme::And) = self.peek() {
            let at = self.position();
            self.at += 1;
            if matches!(self.peek(), None | Some(Lexeme::Close)) {
                return Err(err(at, "AND with nothing after it"));
            }
            parts.push(self.unary()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            QueryNode::All(parts)
        })
    }

    fn unary(&mut self) -> Result<QueryNode> {
        let at = self.position();
        match self.peek() {
            Some(Lexeme::Not | Lexeme::Minus | Lexeme::Plus) => {
                let required = self.peek() == Some(&Lexeme::Plus);
                self.at += 1;
                if matches!(self.peek(), None | Some(Lexeme::Close)) {
                    return Err(err(at, "operator with nothing after it"));
                }
                let inner = Box::new(self.unary()?);
                Ok(if required {
                    QueryNode::Required(inner)
                } else {
                    QueryNode::Not(inner)
                })
            }
            _ => self.primary(),
        }
    }

    fn primary(&mut self) -> Result<QueryNode> {
        let at = self.position();
        let Some((_, lexeme)) = self.lexemes.get(self.at).cloned() else {
            return Err(err(at, "the query ends where a word was expected"));
        };
        self.at += 1;
        match lexeme {
            Lexeme::Word(w) => Ok(QueryNode::Word(w)),
            Lexeme::Phrase(p) => Ok(QueryNode::Phrase(p)),
            Lexeme::Open => {
                if self.peek() == Some(&Lexeme::Close) {
                    return Err(err(at, "empty parentheses"));
                }
                let inner = self.any()?;
                if self.peek() != Some(&Lexeme::Close) {
                    return Err(err(at, "unclosed parenthesis"));
                }
                self.at += 1;
                Ok(inner)
            }
            Lexeme::Close => Err(err(at, "unmatched closing parenthesis")),
            Lexeme::And | Lexeme::Or => Err(err(at, "AND/OR with nothing before it")),
            Lexeme::Plus | Lexeme::Minus | Lexeme::Not => {
                Err(err(at, "operator with nothing after it"))
            }
        }
    }
}

/// Parses a query (see the module docs for the syntax); `None` for a blank one.
///
/// ```
/// use warraq::search::{parse_query, QueryNode};
/// let q = parse_query(r#"تدمر OR "مجلس الأمن" -سوريا"#).unwrap().unwrap();
/// assert_eq!(q, QueryNode::Any(vec![
///     QueryNode::Word("تدمر".into()),
///     QueryNode::Phrase("مجلس الأمن".into()),
///     QueryNode::Not(Box::new(QueryNode::Word("سوريا".into()))),
/// ]));
/// let err = parse_query("النفط AND").unwrap_err();
/// assert_eq!(err.to_string(), "query: AND with nothing after it at position 6");
/// assert!(parse_query("  ").unwrap().is_none());
/// ```
pub fn parse_query(query: &str) -> Result<Option<QueryNode>> {
    let lexemes = lex(query)?;
    if lexemes.is_empty() {
        return Ok(None);
    }
    let mut parser = Parser {
        lexemes,
        at: 0,
        end: query.chars().count(),
    };
    let node = parser.any()?;
    if parser.at < parser.lexemes.len() {
        return Err(err(parser.position(), "unmatched closing parenthesis"));
    }
    Ok(Some(node))
}
