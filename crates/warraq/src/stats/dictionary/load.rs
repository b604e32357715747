//! Reading dictionary files: YAML (with serde_norway, the maintained fork of
//! serde_yaml, whose errors carry the line and column) and LIWC-style `.dic`.

use super::{Category, Entry};
use crate::{Error, Result};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// Categories of a YAML mapping, flattened (`parent.child`), in file order.
struct Tree(Vec<Category>);

/// The value of a category: entries or subcategories.
enum Node {
    Entries(Vec<String>),
    Sub(Tree),
}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_map(TreeVisitor)
    }
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Tree;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a mapping of category names to lists of entries")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Tree, A::Error> {
        let mut out = Vec::new();
        while let Some(name) = map.next_key::<String>()? {
            match map.next_value::<Node>()? {
                Node::Entries(entries) => out.push(Category::new(name, entries)),
                Node::Sub(Tree(sub)) => out.extend(sub.into_iter().map(|c| Category {
                    name: format!("{name}.{}", c.name),
                    entries: c.entries,
                })),
            }
        }
        Ok(Tree(out))
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of entries (strings), one entry, or a mapping of subcategories")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Node, E> {
        Ok(Node::Entries(vec![v.to_string()]))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Node, A::Error> {
        let mut out = Vec::new();
        while let Some(e) = seq.next_element::<String>()? {
            out.push(e);
        }
        Ok(Node::Entries(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> std::result::Result<Node, A::Error> {
        TreeVisitor.visit_map(map).map(Node::Sub)
    }
}

/// The categories of a YAML dictionary.
pub(super) fn yaml(text: &str, path: &Path) -> Result<Vec<Category>> {
    if text.trim().is_empty() {
        return Err(parse(path, None, "the file is empty".into()));
    }
    serde_norway::from_str::<Tree>(text)
        .map(|t| t.0)
        .map_err(|e| {
            let mut message = e.to_string();
            if let Some(at) = message.rfind(" at line ") {
                message.truncate(at);
            }
            let location = e.location();
            Error::Parse {
                path: path.to_path_buf(),
                line: location.as_ref().map(|l| l.line()),
                column: location.as_ref().map(|l| l.column()),
                message,
            }
        })
}

fn parse(path: &Path, line: Option<usize>, message: String) -> Error {
    Error::Parse {
        path: path.to_path_buf(),
        line,
        column: None,
        message,
    }
}

/// The categories of a LIWC-style `.dic` text (see `Dictionary::from_dic`).
pub(super) fn dic(text: &str, path: &Path) -> Result<Vec<Category>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty());
    match lines.next() {
        Some((_, "%")) => {}
        Some((n, _)) => {
            return Err(parse(
                path,
                Some(n),
                "a .dic file starts with a line `%` (then the categories, then `%`)".into(),
            ))
        }
        None => return Err(parse(path, None, "the file is empty".into())),
    }
    let mut categories: Vec<Category> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut closed = false;
    let mut last = 1;
    for (n, line) in lines.by_ref() {
        last = n;
        if line == "%" {
            closed = true;
            break;
        }
        let mut parts = line.splitn(2, char::is_whitespace);
        let id = parts.next().unwrap_or_default();
        let name = parts.next().unwrap_or_default().trim();
        if id.parse::<u64>().is_err() {
            return Err(parse(
                path,
                Some(n),
                format!("category id {id:?} is not a number (a header line is `id<TAB>name`)"),
            ));
        }
        if name.is_empty() {
            return Err(parse(path, Some(n), format!("category {id} has no name")));
        }
        if by_id.insert(normal_id(id), categories.len()).is_some() {
            return Err(parse(
                path,
                Some(n),
                format!("category id {id} is given twice"),
            ));
        }
        categories.push(Category {
            name: name.to_string(),
            entries: Vec::new(),
        });
    }
    if !closed {
        return Err(parse(
            path,
            Some(last),
            "the category header is not closed by a line `%`".into(),
        ));
    }
    for (n, line) in lines {
        let (entry, ids): (String, Vec<&str>) = if line.contains('\t') {
            let mut parts = line.split('\t');
            let entry = parts.next().unwrap_or_default().trim().to_string();
            (entry, parts.flat_map(str::split_whitespace).collect())
        } else {
            // Space-separated: the trailing numbers are the ids.
            let words: Vec<&str> = line.split_whitespace().collect();
            let first_id = words
                .iter()
                .rposition(|w| w.parse::<u64>().is_err())
                .map_or(0, |p| p + 1);
            (words[..first_id].join(" "), words[first_id..].to_vec())
        };
        if entry.is_empty() {
            return Err(parse(
                path,
                Some(n),
                "a line has category ids but no entry".into(),
            ));
        }
        if ids.is_empty() {
            return Err(parse(
                path,
                Some(n),
                format!("entry {entry:?} has no category id (a line is `entry<TAB>id`)"),
            ));
        }
        for id in ids {
            if id.parse::<u64>().is_err() {
                return Err(parse(
                    path,
                    Some(n),
                    format!("category id {id:?} is not a number"),
                ));
            }
            let Some(&c) = by_id.get(&normal_id(id)) else {
                return Err(parse(
                    path,
                    Some(n),
                    format!("category id {id} is not in the header"),
                ));
            };
            categories[c].entries.push(Entry {
                pattern: entry.clone(),
                line: Some(n),
            });
        }
    }
    Ok(categories)
}

/// An id without leading zeros (LIWC writes `01` in the header and `1` in entries).
fn normal_id(id: &str) -> String {
    let t = id.trim_start_matches('0');
    if t.is_empty() { "0" } else { t }.to_string()
}
