//! Patterns: a word or phrase (each word literal or a glob), or a regex over the
//! folded text; and the clitic forms a word of the text is compared in.

use super::{KwicOptions, Matching, ValueType, Word};
use crate::analyze::light_stem;
use crate::text::{fold_aligned, FoldOptions, Folded};
use crate::{Error, Result};
use regex::Regex;
use std::ops::Range;

/// One compiled pattern.
#[derive(Debug, Clone)]
pub(super) enum Pattern {
    /// Consecutive words.
    Words(Vec<WordPattern>),
    /// A regex over the folded text.
    Regex(Regex),
}

/// One word of a word pattern.
#[derive(Debug, Clone)]
pub(super) enum WordPattern {
    /// A literal word (folded), with what every text word that can match it ends
    /// with (the word without its article: clitics are prefixes).
    Literal { word: String, core: String },
    /// The light stem of the folded word.
    Stem(String),
    /// An anchored glob, and its prefix when it is `prefix*` (no other wildcard).
    Glob(Regex, Option<String>),
}

pub(super) const ARTICLE: &str = "ال";

impl Pattern {
    /// Compiles `source` as `options.valuetype` says, folding it with `fold`.
    pub(super) fn compile(source: &str, options: &KwicOptions, fold: &FoldOptions) -> Result<Self> {
        let invalid = |why: &str| Error::invalid_option("pattern", format!("{source:?}: {why}"));
        if options.valuetype == ValueType::Regex {
            // Fold the letters, never the ASCII of the regex syntax (\W is not \w).
            let letters = FoldOptions {
                lowercase: false,
                ..*fold
            };
            let folded = fold_aligned(source, &letters);
            let flags = if options.case_insensitive { "(?i)" } else { "" };
            return Regex::new(&format!("{flags}{}", folded.text()))
                .map(Pattern::Regex)
                .map_err(|e| invalid(&e.to_string()));
        }
        let folded = fold_aligned(source, fold);
        let words: Vec<&str> = folded.text().split_whitespace().collect();
        if words.is_empty() {
            return Err(invalid("no word in it"));
        }
        let glob = options.valuetype == ValueType::Glob;
        words
            .into_iter()
            .map(|w| {
                if glob && w.contains(['*', '?']) {
                    glob_regex(w).map_err(|e| invalid(&e.to_string()))
                } else if options.matching == Matching::Stem {
                    Ok(WordPattern::Stem(light_stem(w)))
                } else {
                    let core = w
                        .strip_prefix(ARTICLE)
                        .filter(|c| !c.is_empty())
                        .unwrap_or(w);
                    Ok(WordPattern::Literal {
                        word: w.to_string(),
                        core: core.to_string(),
                    })
                }
            })
            .collect::<Result<Vec<_>>>()
            .map(Pattern::Words)
    }

    /// Whether [`Self::may_occur_in`] can rule the pattern out (it has a literal word).
    pub(super) fn has_literal(&self) -> bool {
        matches!(self, Pattern::Words(words) if words.iter().any(|w| matches!(w, WordPattern::Literal { .. })))
    }

    /// False when the pattern cannot occur in the folded text (a quick check that
    /// saves tokenising texts without it).
    pub(super) fn may_occur_in(&self, folded: &str) -> bool {
        match self {
            Pattern::Words(words) => words.iter().all(|w| match w {
                WordPattern::Literal { core, .. } => {
                    memchr::memmem::find(folded.as_bytes(), core.as_bytes()).is_some()
                }
                WordPattern::Stem(_) | WordPattern::Glob(..) => true,
            }),
            Pattern::Regex(_) => true,
        }
    }

    /// Calls `hit` with the raw span and the word indices of every match.
    pub(super) fn find(
        &self,
        folded: &Folded<'_>,
        words: &[Word],
        options: &KwicOptions,
        hit: &mut dyn FnMut(Range<usize>, Range<usize>),
    ) {
        let text = folded.text();
        match self {
            Pattern::Words(pattern) => {
                let n = pattern.len();
                for i in 0..words.len().saturating_sub(n - 1) {
                    let first = &text[words[i].folded.clone()];
                    if !pattern[0].matches(first, options.clitics) {
                        continue;
                    }
                    let rest = (1..n)
                        .all(|k| pattern[k].matches(&text[words[i + k].folded.clone()], false));
                    if rest {
                        hit(words[i].raw.start..words[i + n - 1].raw.end, i..i + n);
                    }
                }
            }
            Pattern::Regex(re) => {
                for m in re.find_iter(text) {
                    let Some(raw) = folded.raw_span(m.range()) else {
                        continue; // an empty match
                    };
                    let first = words.partition_point(|w| w.folded.end <= m.start());
                    let last = words.partition_point(|w| w.folded.start < m.end());
                    hit(raw, first..last.max(first));
                }
            }
        }
    }
}

impl WordPattern {
    /// Whether the folded text word `w` matches, behind its clitics if `clitics`.
    pub(super) fn matches(&self, w: &str, clitics: bool) -> bool {
        match self {
            WordPattern::Literal { word, core } => {
                if !w.ends_with(core.as_str()) {
                    return false;
                }
                w == word || (clitics && forms(w).iter().any(|f| f.matches(word)))
            }
            WordPattern::Stem(stem) => {
                light_stem(w) == *stem
                    || (clitics && forms(w).iter().any(|f| light_stem(&f.to_string()) == *stem))
            }
            WordPattern::Glob(re, _) => {
                re.is_match(w) || (clitics && forms(w).iter().any(|f| re.is_match(&f.to_string())))
            }
        }
    }
}

/// A form of a text word behind its clitics: `article` + `rest`, where `article`
/// stands for the ال that «لل» contracts (لل + حسكه is ال + حسكه).
#[derive(Debug, Clone, Copy)]
pub(super) struct Form<'w> {
    pub(super) article: bool,
    pub(super) rest: &'w str,
}

impl Form<'_> {
    fn matches(&self, word: &str) -> bool {
        if self.article {
            word.strip_prefix(ARTICLE) == Some(self.rest)
        } else {
            word == self.rest
        }
    }
}

impl std::fmt::Display for Form<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.article {
            f.write_str(ARTICLE)?;
        }
        f.write_str(self.rest)
    }
}

/// What is left of `w` without `prefix`, if at least two characters are.
fn strip<'w>(w: &'w str, prefix: &str) -> Option<&'w str> {
    w.strip_prefix(prefix)
        .filter(|rest| rest.chars().nth(1).is_some())
}

/// Up to `N` items kept on the stack: [`forms`] runs at every word of every text a
/// dictionary counts, where three `Vec`s a word were a large part of the time.
#[derive(Debug, Clone, Copy)]
struct Few<T: Copy, const N: usize> {
    items: [Option<T>; N],
    len: usize,
}

impl<T: Copy, const N: usize> Few<T, N> {
    fn new() -> Self {
        Few {
            items: [None; N],
            len: 0,
        }
    }

    fn push(&mut self, item: T) {
        self.items[self.len] = Some(item);
        self.len += 1;
    }

    fn iter(&self) -> impl Iterator<Item = T> + '_ {
        self.items[..self.len].iter().flatten().copied()
    }
}

/// The clitic forms of one word (see [`forms`]): at most 9 (a conjunction; a
/// preposition, or «لل» giving two forms, behind each of the two bases; an article
/// behind each of the four words that may carry one).
#[derive(Debug, Clone, Copy)]
pub(super) struct Forms<'w>(Few<Form<'w>, 9>);

impl<'w> Forms<'w> {
    /// The forms, in the order [`forms`] gives them.
    pub(super) fn iter(&self) -> impl Iterator<Item = Form<'w>> + '_ {
        self.0.iter()
    }
}

impl<'w> IntoIterator for Forms<'w> {
    type Item = Form<'w>;
    type IntoIter = std::iter::Flatten<std::iter::Take<std::array::IntoIter<Option<Form<'w>>, 9>>>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.items.into_iter().take(self.0.len).flatten()
    }
}

/// The forms of the folded word `w` behind its proclitics: a conjunction (و ف),
/// then a preposition (ب ك ل, or لل for ل + ال), then the article (ال). Latin words
/// and words of one letter have none.
pub(super) fn forms(w: &str) -> Forms<'_> {
    let mut out: Few<Form<'_>, 9> = Few::new();
    let plain = |rest| Form {
        article: false,
        rest,
    };
    let mut bases: Few<&str, 2> = Few::new();
    bases.push(w);
    if let Some(rest) = strip(w, "و").or_else(|| strip(w, "ف")) {
        out.push(plain(rest));
        bases.push(rest);
    }
    let mut with_article: Few<&str, 4> = Few::new();
    for b in bases.iter() {
        with_article.push(b);
    }
    for b in bases.iter() {
        if let Some(rest) = strip(b, "لل") {
            out.push(Form {
                article: true,
                rest,
            });
            out.push(plain(rest));
        } else if let Some(rest) = strip(b, "ب")
            .or_else(|| strip(b, "ك"))
            .or_else(|| strip(b, "ل"))
        {
            out.push(plain(rest));
            with_article.push(rest);
        }
    }
    for b in with_article.iter() {
        if let Some(rest) = strip(b, ARTICLE) {
            out.push(plain(rest));
        }
    }
    Forms(out)
}

/// An anchored regex for a glob word: `*` any characters, `?` one, the rest literal.
fn glob_regex(w: &str) -> std::result::Result<WordPattern, regex::Error> {
    let mut re = String::from("^");
    for c in w.chars() {
        match c {
            '*' => re.push_str(".*"),
            '?' => re.push('.'),
            c => re.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
        }
    }
    re.push('$');
    let prefix = w
        .strip_suffix('*')
        .filter(|p| !p.is_empty() && !p.contains(['*', '?']))
        .map(str::to_string);
    Regex::new(&re).map(|re| WordPattern::Glob(re, prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(w: &str) -> Vec<String> {
        forms(w).iter().map(|f| f.to_string()).collect()
    }

    #[test]
    fn clitic_forms() {
        assert_eq!(strings("وتدمر"), ["تدمر"]);
        assert_eq!(strings("بالحسكه"), ["الحسكه", "حسكه"]);
        assert_eq!(strings("للحسكه"), ["الحسكه", "حسكه"]);
        assert_eq!(strings("وبالحسكه"), ["بالحسكه", "الحسكه", "حسكه"]);
        assert_eq!(strings("الامن"), ["امن"]);
        // one letter left is not a word
        assert!(strings("وب").is_empty());
        assert!(strings("Paris").is_empty());
    }

    #[test]
    fn glob_words_are_anchored_and_literal_elsewhere() {
        let WordPattern::Glob(re, prefix) = glob_regex("تدمر*").unwrap() else {
            panic!()
        };
        assert_eq!(prefix.as_deref(), Some("تدمر"));
        assert!(re.is_match("تدمري"));
        assert!(!re.is_match("بتدمري"));
        let WordPattern::Glob(re, prefix) = glob_regex("a.b?").unwrap() else {
            panic!()
        };
        assert_eq!(prefix, None);
        assert!(re.is_match("a.bc"));
        assert!(!re.is_match("axbc"));
    }
}
