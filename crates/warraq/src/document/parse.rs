//! The passes that sort an article's lines (see the [module docs](super)).
//!
//! [`parse`] splits the text into [`Line`]s ([`split_lines`]) and finds where they
//! stand ([`Layout`]: runs of headlines, the body core, runs of menu entries). It
//! then reads the lines in order into a [`Draft`]: the rules that hold anywhere,
//! the date line, repeated headings, attribution lines, navigation, and last the
//! zone the reader is in (the header before the body, the body, related headlines,
//! tags). [`Draft::finish`] trims the widgets after the article, cleans each kept
//! line and keeps each paragraph once.

use super::attribution::{
    byline_author, resolve_attribution, split_attribution, strip_site_suffix, Side,
};
use super::inline::{clean_inline, split_glued};
use super::line::{label, Line};
use super::rules::{
    ends_sentence, has_no_arabic, is_agency_trailer, is_footer_line, is_list_item, is_paragraph,
    is_paragraph_of, is_read_more_label, is_share_widget, is_ticker, source_footer_start,
    stop_word_ratio,
};
use super::tags::{split_tags, tag_label_rest};
use super::{Document, Known, Published, Reason, Removed};
use crate::dates::DateValue;
use crate::{text, tokenize};
use rustc_hash::FxHashSet;

/// Parses `raw`, keeping the fields `known` gives.
pub(super) fn parse(raw: &str, known: &Known) -> Document {
    let lines = split_lines(raw);
    let layout = Layout::of(&lines);
    let mut draft = Draft::new(known);
    for i in 0..lines.len() {
        draft.read_line(&lines, &layout, i);
    }
    draft.finish(&lines)
}

/// The non-empty lines of `raw.lines()`, trimmed: split at '\n' by memchr (the
/// `\r` that `lines` strips before a '\n' is trimmed here as whitespace).
fn split_lines(raw: &str) -> Vec<Line<'_>> {
    let mut line_start = 0;
    memchr::memchr_iter(b'\n', raw.as_bytes())
        .chain([raw.len()])
        .map(|end| {
            let line = &raw[line_start..end];
            line_start = end + 1;
            line
        })
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == text::chars::BOM))
        .filter(|l| !l.is_empty())
        .map(Line::new)
        .collect()
}

/// Where each line stands on the page, found before the lines are read.
///
/// The body core is the block of lines with the best balance of paragraph text
/// over short-line noise ([`body_block`]). Outside it, menus, Latin-only lines and
/// headline lists are boilerplate; inside it, short lines are subheadings, lists or
/// verse and stay.
struct Layout {
    /// Lines in a run of headlines ([`mark_headline_runs`]).
    in_headlines: Vec<bool>,
    /// Lines in a run of menu entries ([`mark_menus`]).
    in_menu: Vec<bool>,
    /// The first line of the body core (the number of lines when there is none).
    first_par: usize,
    /// The last line of the body core.
    last_par: Option<usize>,
}

impl Layout {
    fn of(lines: &[Line]) -> Layout {
        let in_headlines = mark_headline_runs(lines);
        let (first_par, last_par) = body_block(lines, &in_headlines);
        Layout {
            in_menu: mark_menus(lines),
            in_headlines,
            first_par,
            last_par,
        }
    }

    /// Line `i` is outside the body core.
    fn outside_core(&self, i: usize) -> bool {
        i < self.first_par || self.last_par.is_none_or(|l| i > l)
    }

    /// Line `i` comes after the body core.
    fn after_core(&self, i: usize) -> bool {
        self.last_par.is_some_and(|l| i > l)
    }
}

/// Marks the runs of consecutive lines that are `shaped`, where `keep` accepts the
/// run.
fn mark_runs(
    lines: &[Line],
    shaped: impl Fn(&Line) -> bool,
    keep: impl Fn(&[Line]) -> bool,
) -> Vec<bool> {
    let mut marked = vec![false; lines.len()];
    let mut run_start = 0;
    for k in 0..=lines.len() {
        if k == lines.len() || !shaped(&lines[k]) {
            if keep(&lines[run_start..k]) {
                marked[run_start..k].fill(true);
            }
            run_start = k + 1;
        }
    }
    marked
}

/// Runs of four or more headline-shaped lines: lists of links to other articles
/// («most read», «related»), wherever they are.
fn mark_headline_runs(lines: &[Line]) -> Vec<bool> {
    let headline_shaped = |l: &Line| {
        // Verse (hemistichs of four to eight words, in runs) is not a headline list.
        (7..=25).contains(&l.words())
            && !l.text.trim_end().ends_with(['.', ':', '؛'])
            // Clauses joined by «،» are prose; «*» separates hemistichs.
            && !l.text.contains(['،', '*'])
            && !is_list_item(l.text)
            && l.date().is_none()
    };
    mark_runs(lines, headline_shaped, |run| {
        let run_words: usize = run.iter().map(Line::words).sum();
        run.len() >= 4
            && run_words >= 9 * run.len()
            && run.iter().map(|l| l.text).collect::<FxHashSet<_>>().len() >= 4
    })
}

/// Runs of three or more short, function-word-free lines (menus). Date lines,
/// bylines and share buttons have their own rules and are not menu items.
fn mark_menus(lines: &[Line]) -> Vec<bool> {
    let short = |l: &Line| {
        l.words() <= 4
            && !ends_sentence(l.text)
            && stop_word_ratio(l) == 0.0
            && split_attribution(l).is_none()
            && !is_share_widget(l)
            && l.date().is_none()
    };
    mark_runs(lines, short, |run| run.len() >= 3)
}

/// The block `(first, Some(last))` of lines that maximises paragraph words minus a
/// penalty per non-paragraph line (Kadane's maximum-sum segment; linear), or
/// `(len, None)` when no line is paragraph-shaped.
fn body_block(lines: &[Line], headlines: &[bool]) -> (usize, Option<usize>) {
    const SHORT_LINE_PENALTY: i64 = 6;
    // A short sentence (a headline ending in «؟» in a list of links) is worth little:
    // it joins the block only between real paragraphs.
    const SHORT_PARAGRAPH_DISCOUNT: i64 = 8;
    let score = |l: &Line| -> i64 {
        if is_paragraph(l) && !l.is_ui_string() && l.is_mostly_arabic() {
            i64::try_from(l.words().min(80)).unwrap_or(80) - SHORT_PARAGRAPH_DISCOUNT
        } else {
            -SHORT_LINE_PENALTY
        }
    };
    let (mut best, mut best_range) = (0i64, None);
    let (mut sum, mut start) = (0i64, 0usize);
    for (i, l) in lines.iter().enumerate() {
        if sum <= 0 {
            sum = 0;
            start = i;
        }
        sum += if headlines[i] {
            -SHORT_LINE_PENALTY
        } else {
            score(l)
        };
        if sum > best {
            best = sum;
            best_range = Some((start, i));
        }
    }
    match best_range {
        Some((first, last)) => (first, Some(last)),
        None => (lines.len(), None),
    }
}

/// Where the reader is while reading the lines in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    /// Before the first body paragraph.
    Header,
    Body,
    /// Under «اقرأ أيضاً»: headlines until the text resumes.
    Related {
        taken: usize,
    },
    /// Under a tag label.
    Tags,
}

/// The document being built from the lines, and what the passes carry from one
/// line to the next.
struct Draft {
    doc: Document,
    /// The record has a title (or a title field): no line of the text is its title.
    title_known: bool,
    /// Labels of the title and subtitle: a line repeating one is removed.
    headings: FxHashSet<String>,
    removed: Vec<Removed>,
    /// The lines kept for the body (indices), in order.
    body_lines: Vec<usize>,
    zone: Zone,
    /// The outlet the text names, used when the record names none.
    source_from_text: Option<String>,
}

impl Draft {
    fn new(known: &Known) -> Draft {
        let doc = Document {
            id: known.id.clone(),
            title: known.title.clone(),
            author: known.author.clone().filter(|a| !a.trim().is_empty()),
            source: known.source.clone().filter(|s| !s.trim().is_empty()),
            url: known.url.clone(),
            published: known.published,
            published_text: known.published_text.clone(),
            published_utc_offset: known.published_utc_offset,
            dateline: known.dateline.clone(),
            tags: known.tags.clone(),
            summary: known.summary.clone(),
            ..Document::default()
        };
        let mut headings = FxHashSet::default();
        if let Some(t) = &doc.title {
            headings.insert(label(t));
        }
        Draft {
            title_known: doc.title.is_some() || known.title_field,
            doc,
            headings,
            removed: Vec::new(),
            body_lines: Vec::new(),
            zone: Zone::Header,
            source_from_text: None,
        }
    }

    fn remove(&mut self, line: &str, reason: Reason) {
        self.removed.push(Removed {
            line: line.to_string(),
            reason,
        });
    }

    /// The article has its title, from the record or from an earlier line.
    fn has_title(&self) -> bool {
        self.doc.title.is_some() || self.title_known
    }

    /// Sorts line `i`: the first pass that takes it wins; a line no pass takes
    /// goes to the body.
    fn read_line(&mut self, lines: &[Line], layout: &Layout, i: usize) {
        let facts = &lines[i];
        if self.rules_anywhere(facts, layout.outside_core(i)) || self.date_line(facts) {
            return;
        }
        // Headings are short: longer lines need no folding for this test.
        let line_label = if facts.words() <= 40 {
            facts.label()
        } else {
            ""
        };
        if !line_label.is_empty() && self.headings.contains(line_label) {
            self.remove(facts.text, Reason::RepeatedHeading);
            return;
        }
        if self.attribution_line(lines, i) || self.navigation(lines, layout, i) {
            return;
        }
        let to_body = match self.zone {
            Zone::Header => self.header_pass(facts, line_label, i, lines.len(), layout.first_par),
            Zone::Body | Zone::Related { .. } | Zone::Tags => self.body_pass(facts),
        };
        if to_body {
            self.body_lines.push(i);
        }
    }

    /// The rules that hold wherever the line is: tickers, share widgets, footers
    /// and trailers, e-mail lines, Latin-only lines outside the body core, the
    /// labels that open a «read more» or tag block, UI strings. True when the line
    /// was taken.
    fn rules_anywhere(&mut self, facts: &Line, outside_core: bool) -> bool {
        let line = facts.text;
        let reason = if is_ticker(facts) {
            Reason::Ticker
        } else if is_share_widget(facts) {
            Reason::ShareWidget
        } else if source_footer_start(line) == Some(0) {
            clean_inline(line, false, &mut self.removed, &mut self.source_from_text);
            return true;
        } else if is_agency_trailer(facts) {
            Reason::AgencyTrailer
        } else if facts.words() <= 6 && line.split_whitespace().any(tokenize::looks_like_email) {
            Reason::Email
        } else if outside_core && has_no_arabic(line) && !is_list_item(line) {
            Reason::NonArabic
        } else if is_read_more_label(facts) {
            self.zone = Zone::Related { taken: 0 };
            Reason::ReadMore
        } else if let Some(rest) = tag_label_rest(facts) {
            self.remove(line, Reason::TagBlock);
            self.doc.tags.extend(split_tags(&rest));
            self.zone = Zone::Tags;
            return true;
        } else if facts.is_ui_string() {
            Reason::UiString
        } else {
            return false;
        };
        self.remove(line, reason);
        true
    }

    /// A short line carrying a full date is the date line: the publication date
    /// (unless the record gives one), and in «نشر في الأول يوم …» the outlet.
    fn date_line(&mut self, facts: &Line) -> bool {
        let line = facts.text;
        if facts.words() > 12 || ends_sentence(line) {
            return false;
        }
        let Some(m) = facts.date() else {
            return false;
        };
        let DateValue::Day(day) = m.value else {
            return false;
        };
        if self.doc.published.is_none() {
            self.doc.published = Some(
                match m.time.and_then(|t| day.and_hms_opt(t.hour, t.minute, 0)) {
                    Some(dt) => Published::DateTime(dt),
                    None => Published::Date(day),
                },
            );
            self.doc.published_text = Some(line[m.start..m.end].to_string());
        }
        // «نشر في الأول يوم …»: the outlet sits between «نشر في» and «يوم».
        if let Some(rest) = facts.folded().strip_prefix("نشر في ") {
            if let Some(end) = rest.find(" يوم") {
                let words = text::word_count(&rest[..end]);
                let name: Vec<&str> = line.split_whitespace().skip(2).take(words).collect();
                if !name.is_empty() {
                    self.source_from_text = Some(name.join(" "));
                }
            }
        }
        self.remove(line, Reason::DateLine);
        true
    }

    /// «لندن - الخليج أونلاين», «هشام منوّر- الخليج أونلاين», «الرياض - واس»: in
    /// the header, near the end, or before any body line, once there is a title.
    fn attribution_line(&mut self, lines: &[Line], i: usize) -> bool {
        let where_bylines_are =
            matches!(self.zone, Zone::Header) || i + 4 >= lines.len() || self.body_lines.is_empty();
        if !where_bylines_are {
            return false;
        }
        let Some((left, right)) = split_attribution(&lines[i]) else {
            return false;
        };
        if !self.has_title() {
            return false;
        }
        let a = resolve_attribution(left, right);
        if let Some(d) = a.dateline {
            self.doc.dateline.get_or_insert(d);
        }
        if let Some(au) = a.author {
            self.doc.author.get_or_insert(au);
        }
        if let Some(s) = a.source {
            self.source_from_text.get_or_insert(s);
        }
        self.remove(lines[i].text, Reason::SourceAttribution);
        true
    }

    /// Menus and headline lists outside the article, and the widgets after it.
    fn navigation(&mut self, lines: &[Line], layout: &Layout, i: usize) -> bool {
        let facts = &lines[i];
        let (line, n_words) = (facts.text, facts.words());
        // The first heading line of an article is its title, not a menu item.
        if layout.in_menu[i] && layout.outside_core(i) && self.has_title() {
            self.remove(line, Reason::Navigation);
            return true;
        }
        if layout.in_headlines[i] && self.has_title() && !matches!(self.zone, Zone::Related { .. })
        {
            self.remove(line, Reason::HeadlineList);
            return true;
        }
        // After the article, lines that are not sentences are widgets and headline
        // lists (also under a «related» label, once its headlines end).
        let widget = layout.after_core(i)
            && !matches!(self.zone, Zone::Tags)
            // Under a «related» label, headlines are related, and a short line
            // before a resumed paragraph is the article's subheading.
            && !(matches!(self.zone, Zone::Related { .. })
                && (n_words >= 5
                    || lines.get(i + 1).is_some_and(|next| {
                        next.text.trim_end().ends_with('.') && is_paragraph(next)
                    })))
            // A short question or exclamation after the article is a teaser headline.
            && (!ends_sentence(line)
                || (n_words <= 15 && line.trim_end().ends_with(['?', '؟', '!'])))
            && !(is_list_item(line) && n_words > 1)
            // Pages end in headline lists; a record's text may end in verse.
            && n_words <= if self.title_known { 15 } else { 25 };
        if !widget {
            return false;
        }
        let reason = if n_words <= 3 {
            Reason::FooterWidget
        } else {
            Reason::Navigation
        };
        self.remove(line, reason);
        true
    }

    /// A line of the header, before the body: the title, a byline, the outlet, the
    /// subtitle, or the short lines between a page's headline and its article.
    /// True when the line goes to the body (the first paragraph ends the header).
    fn header_pass(
        &mut self,
        facts: &Line,
        line_label: &str,
        i: usize,
        n_lines: usize,
        first_par: usize,
    ) -> bool {
        let (line, n_words) = (facts.text, facts.words());
        // A title needs text after it: a lone line is the body.
        if self.doc.title.is_none() && !self.title_known && i + 1 < n_lines {
            if !is_paragraph_of(line, n_words) || n_words <= 25 {
                let title = strip_site_suffix(line).to_string();
                self.headings.insert(label(&title));
                if title != line {
                    self.remove(line, Reason::RepeatedHeading);
                }
                self.doc.title = Some(title);
                return false;
            }
            // A long paragraph first: the body, though the header goes on.
            return true;
        }
        if is_paragraph_of(line, n_words) || (self.doc.title.is_none() && !self.title_known) {
            self.zone = Zone::Body;
            return true;
        }
        if let Some(author) = byline_author(line, n_words) {
            self.doc.author.get_or_insert(author);
            self.remove(line, Reason::SourceAttribution);
            return false;
        }
        if n_words <= 3
            && !ends_sentence(line)
            && self.source_from_text.is_none()
            && self.doc.source.is_none()
            && matches!(Side::of(line), Side::Outlet | Side::CityOrOutlet)
        {
            // A bare outlet name under the headline («الخليج أونلاين»).
            self.source_from_text = Some(line.to_string());
            self.remove(line, Reason::SourceAttribution);
            return false;
        }
        if self.doc.subtitle.is_none()
            && !ends_sentence(line)
            && !self.title_known
            && (4..=40).contains(&n_words)
        {
            self.headings.insert(line_label.to_string());
            self.doc.subtitle = Some(line.to_string());
            return false;
        }
        if i < first_par && n_words <= 8 && !ends_sentence(line) && !self.title_known {
            // Short lines between a page's headline and its article: section
            // names, counters, menu leftovers. (A record's text starts with its
            // article.)
            self.remove(line, Reason::Navigation);
            return false;
        }
        self.zone = Zone::Body;
        true
    }

    /// A line after the header: in the body, under a «read more» label (related
    /// headlines until the text resumes) or under a tag label (tags until a
    /// sentence). True when the line goes to the body.
    fn body_pass(&mut self, facts: &Line) -> bool {
        let (line, n_words) = (facts.text, facts.words());
        match self.zone {
            Zone::Related { taken } => {
                let headline = !ends_sentence(line) && n_words <= 25;
                // The first line under the label is a headline; later ones only when
                // headline-long (a short line is a subheading of the article).
                if headline && (taken == 0 || n_words >= 5) {
                    self.doc.related.push(line.to_string());
                    self.remove(line, Reason::ReadMore);
                    self.zone = Zone::Related { taken: taken + 1 };
                    return false;
                }
            }
            Zone::Tags => {
                if !ends_sentence(line) && n_words <= 40 && stop_word_ratio(facts) < 0.2 {
                    self.doc.tags.extend(split_tags(line));
                    self.remove(line, Reason::TagBlock);
                    return false;
                }
            }
            Zone::Header | Zone::Body => return true,
        }
        self.zone = Zone::Body;
        true
    }

    /// The document: the widgets at the very end removed ([`Self::trim_footer`]),
    /// the kept lines cleaned and each paragraph kept once ([`Self::dedupe_lines`]).
    fn finish(mut self, lines: &[Line]) -> Document {
        self.trim_footer(lines);
        self.dedupe_lines(lines);
        let mut doc = self.doc;
        if doc.source.is_none() {
            doc.source = self.source_from_text;
        }
        doc.body = doc.paragraphs.join("\n\n");
        doc.boilerplate = self.removed;
        doc
    }

    /// Widgets after the article: short non-sentences at the very end.
    fn trim_footer(&mut self, lines: &[Line]) {
        while let Some(&last) = self.body_lines.last() {
            if !is_footer_line(&lines[last]) {
                break;
            }
            self.remove(lines[last].text, Reason::FooterWidget);
            self.body_lines.pop();
        }
    }

    /// The paragraphs of the kept lines: cleaned inside ([`clean_inline`]), split
    /// where a scraper glued them ([`split_glued`]), a glued tag block taken as
    /// tags, and a paragraph repeated verbatim reported once.
    fn dedupe_lines(&mut self, lines: &[Line]) {
        let mut seen: FxHashSet<String> = FxHashSet::default();
        for k in std::mem::take(&mut self.body_lines) {
            // Every line of the body has passed the UI-string rule above.
            let cleaned = clean_inline(
                lines[k].text,
                true,
                &mut self.removed,
                &mut self.source_from_text,
            );
            for p in split_glued(&cleaned) {
                if p.is_empty() {
                    continue;
                }
                // A tag block glued to the last paragraph with a wide gap.
                if let Some(rest) = tag_label_rest(&Line::new(p)) {
                    self.doc.tags.extend(split_tags(&rest));
                    self.remove(p, Reason::TagBlock);
                    continue;
                }
                // A paragraph repeated verbatim is reported once.
                if seen.contains(p) {
                    self.remove(p, Reason::DuplicateLine);
                    continue;
                }
                seen.insert(p.to_string());
                self.doc.paragraphs.push(p.to_string());
            }
        }
    }
}
