//! The words temporal expressions are made of, as data: month names of every
//! regional system, weekdays, number words (cardinals for lengths, ordinals for days,
//! hours and centuries), units of time, relative words, parts of the day and vague
//! references. Every entry is written folded ([`FoldOptions::DATES`]: bare alef, ي
//! for ى, ه for ة), which a test checks, since matching runs on the folded text.
//!
//! The regular expressions of the recognisers are built from these tables with
//! [`alternation`] (longest name first), so that adding a name is adding a row.
//!
//! [`FoldOptions::DATES`]: crate::text::FoldOptions::DATES

use chrono::Weekday;

/// Gregorian month names of every system (Egypt and the Gulf, the Levant and Iraq,
/// Morocco, Algeria and Tunisia) with their month number.
pub(crate) const GREGORIAN_MONTHS: &[(&str, u32)] = &[
    ("يناير", 1),
    ("جانفي", 1),
    ("كانون الثاني", 1),
    ("فبراير", 2),
    ("فيفري", 2),
    ("شباط", 2),
    ("مارس", 3),
    ("اذار", 3),
    ("ابريل", 4),
    ("افريل", 4),
    ("نيسان", 4),
    ("مايو", 5),
    ("ماي", 5),
    ("ايار", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("جوان", 6),
    ("حزيران", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("يوليوز", 7),
    ("جويليه", 7),
    ("تموز", 7),
    ("اغسطس", 8),
    ("غشت", 8),
    ("اوت", 8),
    ("اب", 8),
    ("سبتمبر", 9),
    ("شتنبر", 9),
    ("ايلول", 9),
    ("اكتوبر", 10),
    ("تشرين الاول", 10),
    ("نوفمبر", 11),
    ("نونبر", 11),
    ("تشرين الثاني", 11),
    ("ديسمبر", 12),
    ("دجنبر", 12),
    ("كانون الاول", 12),
];

/// Hijri month names with their month number.
pub(crate) const HIJRI_MONTHS: &[(&str, u32)] = &[
    ("محرم", 1),
    ("المحرم", 1),
    ("صفر", 2),
    ("ربيع الاول", 3),
    ("ربيع اول", 3),
    ("ربيع الاخر", 4),
    ("ربيع الثاني", 4),
    ("ربيع ثاني", 4),
    ("جمادي الاولي", 5),
    ("جمادي الاول", 5),
    ("جمادي الاخره", 6),
    ("جمادي الاخر", 6),
    ("جمادي الثانيه", 6),
    ("رجب", 7),
    ("شعبان", 8),
    ("رمضان", 9),
    ("شوال", 10),
    ("ذو القعده", 11),
    ("ذي القعده", 11),
    ("ذو الحجه", 12),
    ("ذي الحجه", 12),
];

/// Month names that are also common words or names (ماي "my", آب "father", صفر
/// "zero", رجب and رمضان first names, أوت "august" but also a loan word): alone they
/// need a day, a year, a dual form, «شهر» before them or a relative word after.
pub(crate) const AMBIGUOUS_MONTHS: &[&str] = &["ماي", "اب", "صفر", "رجب", "اوت", "رمضان", "شعبان"];

/// Weekdays as written with the article («الاثنين»).
pub(crate) const WEEKDAYS: &[(&str, Weekday)] = &[
    ("الاحد", Weekday::Sun),
    ("الاثنين", Weekday::Mon),
    ("الثلاثاء", Weekday::Tue),
    ("الاربعاء", Weekday::Wed),
    ("الخميس", Weekday::Thu),
    ("الجمعه", Weekday::Fri),
    ("السبت", Weekday::Sat),
];

/// Weekdays without the article, after «كل» and «يوم» («كل يوم اثنين», «كل جمعة»).
pub(crate) const BARE_WEEKDAYS: &[(&str, Weekday)] = &[
    ("احد", Weekday::Sun),
    ("اثنين", Weekday::Mon),
    ("ثلاثاء", Weekday::Tue),
    ("اربعاء", Weekday::Wed),
    ("خميس", Weekday::Thu),
    ("جمعه", Weekday::Fri),
    ("سبت", Weekday::Sat),
];

/// Cardinal number words from one to ten and the tens, masculine and feminine, in
/// every case ending; «بضع» ("a few") has no value and is not here.
pub(crate) const CARDINALS: &[(&str, u32)] = &[
    ("واحد", 1),
    ("واحده", 1),
    ("اثنان", 2),
    ("اثنين", 2),
    ("اثنتان", 2),
    ("اثنتين", 2),
    ("ثلاث", 3),
    ("ثلاثه", 3),
    ("اربع", 4),
    ("اربعه", 4),
    ("خمس", 5),
    ("خمسه", 5),
    ("ست", 6),
    ("سته", 6),
    ("سبع", 7),
    ("سبعه", 7),
    ("ثمان", 8),
    ("ثماني", 8),
    ("ثمانيه", 8),
    ("تسع", 9),
    ("تسعه", 9),
    ("عشر", 10),
    ("عشره", 10),
    ("عشرون", 20),
    ("عشرين", 20),
    ("ثلاثون", 30),
    ("ثلاثين", 30),
    ("اربعون", 40),
    ("اربعين", 40),
    ("خمسون", 50),
    ("خمسين", 50),
    ("ستون", 60),
    ("ستين", 60),
    ("سبعون", 70),
    ("سبعين", 70),
    ("ثمانون", 80),
    ("ثمانين", 80),
    ("تسعون", 90),
    ("تسعين", 90),
    ("مئه", 100),
    ("مائه", 100),
];

/// The first words of the compounds eleven to nineteen («أحد عشر», «ثلاثة عشر»),
/// whose second word is «عشر»/«عشرة».
pub(crate) const TEENS: &[(&str, u32)] = &[
    ("احد", 11),
    ("احدي", 11),
    ("اثنا", 12),
    ("اثني", 12),
    ("اثنتا", 12),
    ("اثنتي", 12),
    ("ثلاث", 13),
    ("ثلاثه", 13),
    ("اربع", 14),
    ("اربعه", 14),
    ("خمس", 15),
    ("خمسه", 15),
    ("ست", 16),
    ("سته", 16),
    ("سبع", 17),
    ("سبعه", 17),
    ("ثماني", 18),
    ("ثمانيه", 18),
    ("تسع", 19),
    ("تسعه", 19),
];

/// Masculine ordinals one to ten (days of a month, centuries, weeks); the teens
/// are «الحادي عشر» … «التاسع عشر», the twenties «الحادي والعشرين» ….
pub(crate) const ORDINALS: &[(&str, u32)] = &[
    ("الاول", 1),
    ("الحادي", 1),
    ("الواحد", 1),
    ("الثاني", 2),
    ("الثالث", 3),
    ("الرابع", 4),
    ("الخامس", 5),
    ("السادس", 6),
    ("السابع", 7),
    ("الثامن", 8),
    ("التاسع", 9),
    ("العاشر", 10),
];

/// Ordinal tens, after «و» in the twenties and thirties («الحادي والعشرين»).
pub(crate) const ORDINAL_TENS: &[(&str, u32)] = &[
    ("العشرين", 20),
    ("العشرون", 20),
    ("الثلاثين", 30),
    ("الثلاثون", 30),
];

/// The first day of a month besides «الأول»: «الفاتح» (the Maghreb), «أول», «غرة».
pub(crate) const FIRST_DAY: &[&str] = &["الفاتح", "اول", "غره"];

/// Feminine ordinals of the clock hours («الساعة الثالثة»), one to twelve.
pub(crate) const HOURS: &[(&str, u32)] = &[
    ("الواحده", 1),
    ("الثانيه عشره", 12),
    ("الثانيه", 2),
    ("الثالثه", 3),
    ("الرابعه", 4),
    ("الخامسه", 5),
    ("السادسه", 6),
    ("السابعه", 7),
    ("الثامنه", 8),
    ("التاسعه", 9),
    ("العاشره", 10),
    ("الحاديه عشره", 11),
    ("الحاديه عشر", 11),
];

/// A unit of time as the recognisers see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum TimeUnit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
    Decade,
    Century,
}

/// How many a form of a unit word says: one (the singular, «أسبوعا»), two (the
/// dual, «أسبوعين»), or some (the plural, «أسابيع», which a number counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Number {
    One,
    Two,
    Plural,
}

/// Every form of every unit word: singular (nominative and accusative), dual,
/// plural.
pub(crate) const UNITS: &[(&str, TimeUnit, Number)] = &[
    ("ثانيه", TimeUnit::Second, Number::One),
    ("ثانيتين", TimeUnit::Second, Number::Two),
    ("ثانيتان", TimeUnit::Second, Number::Two),
    ("ثوان", TimeUnit::Second, Number::Plural),
    ("ثواني", TimeUnit::Second, Number::Plural),
    ("دقيقه", TimeUnit::Minute, Number::One),
    ("دقيقتين", TimeUnit::Minute, Number::Two),
    ("دقيقتان", TimeUnit::Minute, Number::Two),
    ("دقائق", TimeUnit::Minute, Number::Plural),
    ("ساعه", TimeUnit::Hour, Number::One),
    ("ساعتين", TimeUnit::Hour, Number::Two),
    ("ساعتان", TimeUnit::Hour, Number::Two),
    ("ساعات", TimeUnit::Hour, Number::Plural),
    ("يوم", TimeUnit::Day, Number::One),
    ("يوما", TimeUnit::Day, Number::One),
    ("يومين", TimeUnit::Day, Number::Two),
    ("يومان", TimeUnit::Day, Number::Two),
    ("ايام", TimeUnit::Day, Number::Plural),
    ("اسبوع", TimeUnit::Week, Number::One),
    ("اسبوعا", TimeUnit::Week, Number::One),
    ("اسبوعين", TimeUnit::Week, Number::Two),
    ("اسبوعان", TimeUnit::Week, Number::Two),
    ("اسابيع", TimeUnit::Week, Number::Plural),
    ("شهر", TimeUnit::Month, Number::One),
    ("شهرا", TimeUnit::Month, Number::One),
    ("شهرين", TimeUnit::Month, Number::Two),
    ("شهران", TimeUnit::Month, Number::Two),
    ("اشهر", TimeUnit::Month, Number::Plural),
    ("شهور", TimeUnit::Month, Number::Plural),
    ("عام", TimeUnit::Year, Number::One),
    ("عاما", TimeUnit::Year, Number::One),
    ("عامين", TimeUnit::Year, Number::Two),
    ("عامان", TimeUnit::Year, Number::Two),
    ("اعوام", TimeUnit::Year, Number::Plural),
    ("سنه", TimeUnit::Year, Number::One),
    ("سنتين", TimeUnit::Year, Number::Two),
    ("سنتان", TimeUnit::Year, Number::Two),
    ("سنوات", TimeUnit::Year, Number::Plural),
    ("سنين", TimeUnit::Year, Number::Plural),
    ("عقد", TimeUnit::Decade, Number::One),
    ("عقدا", TimeUnit::Decade, Number::One),
    ("عقدين", TimeUnit::Decade, Number::Two),
    ("عقدان", TimeUnit::Decade, Number::Two),
    ("عقود", TimeUnit::Decade, Number::Plural),
    ("قرن", TimeUnit::Century, Number::One),
    ("قرنا", TimeUnit::Century, Number::One),
    ("قرنين", TimeUnit::Century, Number::Two),
    ("قرنان", TimeUnit::Century, Number::Two),
    ("قرون", TimeUnit::Century, Number::Plural),
];

/// Words after a period that say which one: the last one, the next one, this one.
pub(crate) const PAST_WORDS: &[&str] = &[
    "الماضي",
    "الماضيه",
    "المنصرم",
    "المنصرمه",
    "الفائت",
    "الفائته",
    "الفارط",
    "الفارطه",
    "اللي فات",
    "اللي فاتت",
];

/// See [`PAST_WORDS`].
pub(crate) const FUTURE_WORDS: &[&str] = &[
    "المقبل",
    "المقبله",
    "القادم",
    "القادمه",
    "الجاي",
    "الجايه",
    "اللي جاي",
];

/// See [`PAST_WORDS`].
pub(crate) const CURRENT_WORDS: &[&str] = &["الجاري", "الجاريه", "الحالي", "الحاليه"];

/// Which way a relative word points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Toward {
    /// The last one before the reference.
    Past,
    /// The next one after it.
    Future,
    /// The one the reference is in.
    Current,
}

/// The direction of a relative word of [`PAST_WORDS`], [`FUTURE_WORDS`] or
/// [`CURRENT_WORDS`] (spaces in `word` may be any whitespace).
pub(crate) fn toward(word: &str) -> Option<Toward> {
    let word = squeeze(word);
    let is = |list: &[&str]| list.contains(&word.as_str());
    if is(PAST_WORDS) {
        Some(Toward::Past)
    } else if is(FUTURE_WORDS) {
        Some(Toward::Future)
    } else if is(CURRENT_WORDS) {
        Some(Toward::Current)
    } else {
        None
    }
}

/// Words before a period that mark its part, kept in the extent (TimeML's `mod`):
/// «أواخر يناير 2014», «مطلع عام 2015», «منتصف القرن».
pub(crate) const PART_WORDS: &[&str] = &[
    "اواخر",
    "اوائل",
    "مطلع",
    "منتصف",
    "اواسط",
    "بدايه",
    "نهايه",
    "اوسط",
];

/// The month name's number and whether it is Hijri, for a name as matched (any
/// whitespace inside).
pub(crate) fn month_of(name: &str) -> Option<(u32, bool)> {
    let name = squeeze(name);
    GREGORIAN_MONTHS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, m)| (*m, false))
        .or_else(|| {
            HIJRI_MONTHS
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, m)| (*m, true))
        })
}

/// The weekday of a name with or without the article.
pub(crate) fn weekday_of(name: &str) -> Option<Weekday> {
    WEEKDAYS
        .iter()
        .chain(BARE_WEEKDAYS)
        .find(|(n, _)| *n == name)
        .map(|(_, w)| *w)
}

/// The unit and number of a unit word.
pub(crate) fn unit_of(word: &str) -> Option<(TimeUnit, Number)> {
    UNITS
        .iter()
        .find(|(n, ..)| *n == word)
        .map(|(_, u, n)| (*u, *n))
}

/// The value of a number written in words: «ثلاثة», «خمسة عشر», «خمسة وعشرين»,
/// «مئة» (spaces may be any whitespace; «و» joins a unit to its ten).
pub(crate) fn cardinal_value(words: &str) -> Option<u32> {
    let words = squeeze(words);
    let find = |table: &[(&str, u32)], w: &str| table.iter().find(|(n, _)| *n == w).map(|p| p.1);
    match words.split(' ').collect::<Vec<_>>()[..] {
        [w] => find(CARDINALS, w),
        [first, "عشر" | "عشره"] => find(TEENS, first),
        [unit, ten] => {
            let ten = find(CARDINALS, ten.strip_prefix('و')?)?;
            let unit = find(CARDINALS, unit)?;
            ((20..=90).contains(&ten) && unit < 10).then_some(ten + unit)
        }
        _ => None,
    }
}

/// The value of a masculine ordinal: «الخامس», «الحادي عشر», «الخامس والعشرين»,
/// «العشرين».
pub(crate) fn ordinal_value(words: &str) -> Option<u32> {
    let words = squeeze(words);
    let find = |table: &[(&str, u32)], w: &str| table.iter().find(|(n, _)| *n == w).map(|p| p.1);
    match words.split(' ').collect::<Vec<_>>()[..] {
        [w] => find(ORDINALS, w)
            .filter(|_| w != "الحادي" && w != "الواحد")
            .or_else(|| find(ORDINAL_TENS, w)),
        [unit, "عشر"] => find(ORDINALS, unit)
            .filter(|u| *u < 10 && unit != "الاول")
            .map(|u| u + 10),
        [unit, ten] => {
            let ten = find(ORDINAL_TENS, ten.strip_prefix('و')?)?;
            let unit = find(ORDINALS, unit).filter(|u| *u < 10 && unit != "الاول")?;
            Some(ten + unit)
        }
        _ => None,
    }
}

/// The hour of a feminine hour ordinal («الثالثة», «الحادية عشرة»).
pub(crate) fn hour_value(words: &str) -> Option<u32> {
    let words = squeeze(words);
    HOURS.iter().find(|(n, _)| *n == words).map(|p| p.1)
}

/// `s` with every run of whitespace made one space.
pub(crate) fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A regex alternation of `names`, longest first, each space matching any run of
/// whitespace.
pub(crate) fn alternation<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let mut names: Vec<&str> = names.into_iter().collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    names
        .iter()
        .map(|n| regex::escape(n).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

/// Every month name, Gregorian and Hijri.
pub(crate) fn months_alternation() -> String {
    alternation(GREGORIAN_MONTHS.iter().chain(HIJRI_MONTHS).map(|(n, _)| *n))
}

/// Every relative word of [`PAST_WORDS`], [`FUTURE_WORDS`] and [`CURRENT_WORDS`].
pub(crate) fn relative_alternation() -> String {
    alternation(
        PAST_WORDS
            .iter()
            .chain(FUTURE_WORDS)
            .chain(CURRENT_WORDS)
            .copied(),
    )
}

/// A number in words (one word, a teen, or a unit and its ten), for regexes.
pub(crate) fn cardinal_pattern() -> String {
    let units = alternation(CARDINALS.iter().map(|p| p.0));
    let teens = alternation(TEENS.iter().map(|p| p.0));
    format!(r"(?:(?:{teens})\s+عشره?|(?:{units})(?:\s+و(?:{units}))?)")
}

/// A masculine ordinal day in words (one to thirty-one), for regexes.
pub(crate) fn ordinal_pattern() -> String {
    let units = alternation(ORDINALS.iter().map(|p| p.0));
    let tens = alternation(ORDINAL_TENS.iter().map(|p| p.0));
    format!(r"(?:(?:{units})(?:\s+عشر|\s+و(?:{tens}))?|{tens})")
}

/// «العام الماضي», «هذا العام», «السنة المقبلة», «العام الجاري»: a year named
/// relative to the reference (see [`year_shift`]).
pub(crate) fn year_ref_pattern() -> String {
    let rel = relative_alternation();
    format!(r"(?:(?:هذا\s+(?:ال)?(?:عام|سنه))|هذه\s+السنه|(?:ال)?(?:عام|سنه)\s+(?:{rel}))")
}

/// How many years from the reference's a [`year_ref_pattern`] match is.
pub(crate) fn year_shift(words: &str) -> Option<i32> {
    if words.starts_with("هذ") {
        return Some(0);
    }
    let (_, rel) = words.split_once(char::is_whitespace)?;
    Some(match toward(rel)? {
        Toward::Past => -1,
        Toward::Future => 1,
        Toward::Current => 0,
    })
}

/// Proclitics an indefinite word may carry: «و», «ف», then «ب», «ل» or «ك».
pub(crate) const CLITICS: &str = r"(?:[وف]?[بلك]?)";

/// The article with the proclitics it may carry: «ال», «وال», «بال», «فال», «لل»,
/// «ولل», «كال».
pub(crate) const ARTICLE: &str = r"(?:[وف]?(?:[بك]?ال|لل))";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{fold_aligned, FoldOptions};

    fn folded(s: &str) -> bool {
        fold_aligned(s, &FoldOptions::DATES).text() == s
    }

    #[test]
    fn every_entry_is_folded() {
        let names = GREGORIAN_MONTHS
            .iter()
            .chain(HIJRI_MONTHS)
            .map(|p| p.0)
            .chain(WEEKDAYS.iter().chain(BARE_WEEKDAYS).map(|p| p.0))
            .chain(CARDINALS.iter().chain(TEENS).map(|p| p.0))
            .chain(
                ORDINALS
                    .iter()
                    .chain(ORDINAL_TENS)
                    .chain(HOURS)
                    .map(|p| p.0),
            )
            .chain(UNITS.iter().map(|p| p.0))
            .chain(
                PAST_WORDS
                    .iter()
                    .chain(FUTURE_WORDS)
                    .chain(CURRENT_WORDS)
                    .copied(),
            )
            .chain(
                PART_WORDS
                    .iter()
                    .chain(FIRST_DAY)
                    .chain(AMBIGUOUS_MONTHS)
                    .copied(),
            );
        for name in names {
            assert!(folded(name), "{name} is not folded");
        }
    }

    #[test]
    fn number_words() {
        assert_eq!(cardinal_value("ثلاثه"), Some(3));
        assert_eq!(cardinal_value("ثمانيه عشر"), Some(18));
        assert_eq!(cardinal_value("خمسه  وعشرين"), Some(25));
        assert_eq!(cardinal_value("عشرين وخمسه"), None);
        assert_eq!(ordinal_value("الخامس"), Some(5));
        assert_eq!(ordinal_value("الحادي عشر"), Some(11));
        assert_eq!(ordinal_value("الخامس والعشرين"), Some(25));
        assert_eq!(ordinal_value("الحادي والثلاثين"), Some(31));
        assert_eq!(ordinal_value("العشرين"), Some(20));
        assert_eq!(ordinal_value("الحادي"), None);
        assert_eq!(hour_value("الحاديه عشره"), Some(11));
        assert_eq!(month_of("كانون  الاول"), Some((12, false)));
        assert_eq!(month_of("شوال"), Some((10, true)));
        assert_eq!(unit_of("اسبوعين"), Some((TimeUnit::Week, Number::Two)));
        assert_eq!(toward("اللي  فاتت"), Some(Toward::Past));
        assert_eq!(year_shift("العام الماضي"), Some(-1));
        assert_eq!(year_shift("السنه اللي فاتت"), Some(-1));
        assert_eq!(year_shift("هذا العام"), Some(0));
        assert_eq!(year_shift("العام المقبل"), Some(1));
    }
}
