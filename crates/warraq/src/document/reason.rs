//! Why a line was removed from an article.

use serde::{Deserialize, Serialize};

/// Why a line was removed from an article.
///
/// ```
/// use warraq::document::Reason;
/// assert_eq!(Reason::ShareWidget.as_str(), "share widget");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Share buttons and social-network names («Linkedin», «شارك الموضوع»).
    ShareWidget,
    /// The title or subtitle written again.
    RepeatedHeading,
    /// A ticker of other headlines run together on one line.
    Ticker,
    /// A user-interface string («شكرا على الإبلاغ!», «انقر هنا…»).
    UiString,
    /// The line that gave the publication date.
    DateLine,
    /// A dateline/byline/source line («لندن - الخليج أونلاين»).
    SourceAttribution,
    /// The «اقرأ أيضاً» heading and the related headlines under it.
    ReadMore,
    /// The «كلمات دلالية» / «سمات» heading and its tags.
    TagBlock,
    /// A widget or footer line after the article («مكة المكرمة», a prayer-times widget).
    FooterWidget,
    /// A run of short menu entries.
    Navigation,
    /// A run of headlines linking to other articles («الأكثر قراءة» lists).
    HeadlineList,
    /// A line with no Arabic text (menus in Latin script, separators).
    NonArabic,
    /// An agency trailer («// انتهى //  17:18 ت م»).
    AgencyTrailer,
    /// A «رابط الخبر بصحيفة …» footer naming the outlet.
    SourceFooter,
    /// An e-mail address or a line holding only one.
    Email,
    /// A line found in many documents of the same source (corpus-level).
    Recurring,
    /// A body line repeated verbatim in the same document (kept once).
    DuplicateLine,
}

impl Reason {
    /// Every reason, in declaration order (`Reason::ALL[r as usize] == r`).
    ///
    /// ```
    /// use warraq::document::Reason;
    /// assert!(Reason::ALL.iter().enumerate().all(|(i, &r)| r as usize == i));
    /// ```
    pub const ALL: [Reason; 17] = [
        Reason::ShareWidget,
        Reason::RepeatedHeading,
        Reason::Ticker,
        Reason::UiString,
        Reason::DateLine,
        Reason::SourceAttribution,
        Reason::ReadMore,
        Reason::TagBlock,
        Reason::FooterWidget,
        Reason::Navigation,
        Reason::HeadlineList,
        Reason::NonArabic,
        Reason::AgencyTrailer,
        Reason::SourceFooter,
        Reason::Email,
        Reason::Recurring,
        Reason::DuplicateLine,
    ];

    /// A short human-readable label, the form reported to Python.
    ///
    /// ```
    /// use warraq::document::Reason;
    /// assert_eq!(Reason::TagBlock.as_str(), "tag block");
    /// ```
    pub fn as_str(&self) -> &'static str {
        match self {
            Reason::ShareWidget => "share widget",
            Reason::RepeatedHeading => "repeated heading",
            Reason::Ticker => "ticker",
            Reason::UiString => "ui string",
            Reason::DateLine => "date line",
            Reason::SourceAttribution => "source attribution",
            Reason::ReadMore => "read more block",
            Reason::TagBlock => "tag block",
            Reason::FooterWidget => "footer widget",
            Reason::Navigation => "navigation",
            Reason::HeadlineList => "headline list",
            Reason::NonArabic => "non-arabic line",
            Reason::AgencyTrailer => "agency trailer",
            Reason::SourceFooter => "source footer",
            Reason::Email => "e-mail",
            Reason::Recurring => "recurring line",
            Reason::DuplicateLine => "duplicate line",
        }
    }
}
