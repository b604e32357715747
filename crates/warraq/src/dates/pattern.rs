//! The recognisers' regexes, compiled so that scanning a long article stays cheap.
//!
//! The types mirror the parts of the `regex` crate the recognisers use ([`Regex`],
//! [`Captures`], [`Match`]) over `regex_automata`'s meta engine, which matches
//! exactly as `regex::Regex` does (the `regex` crate is a wrapper over it) but lets
//! a pattern be compiled without its literal prefilter.
//!
//! Why: most temporal patterns begin with optional clitics or the article
//! («[وف]?[بلك]?ال…»), so the literals a prefilter looks for are one or two Arabic
//! letters that occur every few bytes of any article; the prefilter then stops at
//! nearly every word and hands each stop to the lazy DFA, which is slower than
//! letting the DFA scan the text alone. Measured on the first 1,000 SaudiNewsNet
//! articles (6.1 MB, folded), one thread: the 26 patterns scanned with their
//! prefilters took 462 ms in all, with the prefilter off 338 ms; per pattern,
//! 17–46 ms with it against 11–12 ms without for the clitic- and article-led ones,
//! while the six that start with a rare word or a digit run (`قبل|بعد|منذ`,
//! «الليله», «بضعه», «كل», four-digit years) were faster with it (1.7–5.4 ms).
//! [`Regex::new`] therefore compiles without a prefilter and
//! [`Regex::with_prefilter`] with one; the matches are the same either way.

use regex_automata::meta;
use regex_automata::util::captures::Captures as Slots;
use regex_automata::Input;

/// A compiled pattern (see the module documentation for the prefilter choice).
#[derive(Debug, Clone)]
pub(crate) struct Regex {
    re: meta::Regex,
}

/// The match of a pattern and its capture groups, over the text searched.
#[derive(Debug, Clone)]
pub(crate) struct Captures<'t> {
    text: &'t str,
    slots: Slots,
}

/// One matched group: its byte range in the text searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Match<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl Regex {
    /// `pattern` compiled without a literal prefilter: the lazy DFA scans the text.
    pub(crate) fn new(pattern: &str) -> Result<Self, Box<meta::BuildError>> {
        Self::build(pattern, false)
    }

    /// `pattern` compiled with the literal prefilter `regex` would choose: for
    /// patterns that start with a word or a digit run rare enough to skip to.
    pub(crate) fn with_prefilter(pattern: &str) -> Result<Self, Box<meta::BuildError>> {
        Self::build(pattern, true)
    }

    fn build(pattern: &str, prefilter: bool) -> Result<Self, Box<meta::BuildError>> {
        let config = meta::Regex::config().auto_prefilter(prefilter);
        let re = meta::Regex::builder()
            .configure(config)
            .build(pattern)
            .map_err(Box::new)?;
        Ok(Self { re })
    }

    /// The leftmost-first match that starts at byte `at` or later (the text before
    /// `at` still counts for anchors and word boundaries), as `regex::Regex::captures_at`.
    pub(crate) fn captures_at<'t>(&self, text: &'t str, at: usize) -> Option<Captures<'t>> {
        let mut slots = self.re.create_captures();
        self.re
            .search_captures(&Input::new(text).range(at..), &mut slots);
        slots.is_match().then_some(Captures { text, slots })
    }

    /// The leftmost-first match in `text`.
    pub(crate) fn captures<'t>(&self, text: &'t str) -> Option<Captures<'t>> {
        self.captures_at(text, 0)
    }

    /// Every successive non-overlapping match in `text`.
    pub(crate) fn captures_iter<'r, 't>(
        &'r self,
        text: &'t str,
    ) -> impl Iterator<Item = Captures<'t>> + use<'r, 't> {
        self.re
            .captures_iter(text)
            .map(move |slots| Captures { text, slots })
    }
}

impl<'t> Captures<'t> {
    /// Group `i` (0 is the whole match), if it took part in the match.
    pub(crate) fn get(&self, i: usize) -> Option<Match<'t>> {
        self.slots.get_group(i).map(|s| self.at(s.start, s.end))
    }

    /// The group named `name`, if it took part in the match.
    pub(crate) fn name(&self, name: &str) -> Option<Match<'t>> {
        self.slots
            .get_group_by_name(name)
            .map(|s| self.at(s.start, s.end))
    }

    fn at(&self, start: usize, end: usize) -> Match<'t> {
        Match {
            text: self.text,
            start,
            end,
        }
    }
}

impl<'t> Match<'t> {
    /// Byte offset of the start of the group.
    pub(crate) fn start(&self) -> usize {
        self.start
    }

    /// Byte offset just after the group.
    pub(crate) fn end(&self) -> usize {
        self.end
    }

    /// The group's text.
    pub(crate) fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_as_the_regex_crate_does() {
        let pattern = r"(?P<cl>[وف]?[بلك]?)(?P<w>امس|اليوم|غدا)(?:\s+(?P<d>[0-9]{1,2}))?";
        let text = "وصل امس وغادر اليوم 12 ويعود غدا؛ بالامس";
        let theirs = regex::Regex::new(pattern).unwrap();
        for ours in [
            Regex::new(pattern).unwrap(),
            Regex::with_prefilter(pattern).unwrap(),
        ] {
            for at in 0..=text.len() {
                if !text.is_char_boundary(at) {
                    continue;
                }
                let a = ours.captures_at(text, at);
                let b = theirs.captures_at(text, at);
                assert_eq!(a.is_some(), b.is_some(), "at {at}");
                if let (Some(a), Some(b)) = (a, b) {
                    for name in ["cl", "w", "d"] {
                        assert_eq!(
                            a.name(name).map(|m| (m.start(), m.end())),
                            b.name(name).map(|m| (m.start(), m.end()))
                        );
                    }
                    assert_eq!(a.get(0).map(|m| m.as_str()), b.get(0).map(|m| m.as_str()));
                }
            }
            let ours: Vec<_> = ours
                .captures_iter(text)
                .map(|c| c.get(0).map(|m| (m.start(), m.end())))
                .collect();
            let theirs: Vec<_> = theirs
                .captures_iter(text)
                .map(|c| c.get(0).map(|m| (m.start(), m.end())))
                .collect();
            assert_eq!(ours, theirs);
        }
    }
}
