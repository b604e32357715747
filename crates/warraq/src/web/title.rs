//! The headline without the outlet's name: «… - اليوم السابع», «المدينة نيوز - …»,
//! «… - الصباح | Assabah», «… - CNNArabic.com».

/// Separators between a headline and the outlet's name.
const SEPARATORS: &[&str] = &[" - ", " | ", " – ", " — ", " :: ", " » ", " « ", " ـ "];

/// The words of a name that identify it: letters only, lowercased, three or more.
fn name_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect()
}

/// `part` names the outlet: it contains the site name, or one of its words
/// («CNNArabic.com» for «CNNArabic», «الصباح | Assabah» for «Assabah News»).
fn names_site(part: &str, site: &str) -> bool {
    let part_l = part.to_lowercase();
    let site_l = site.to_lowercase();
    if part_l.contains(&site_l) || (site_l.contains(&part_l) && !part_l.trim().is_empty()) {
        return true;
    }
    let words = name_words(part);
    name_words(site)
        .iter()
        .any(|w| words.iter().any(|p| p.contains(w.as_str())))
}

/// `title` without a leading or trailing part that names one of `sites` (see the
/// module docs); short parts (up to three words) are taken for the outlet only when
/// they name it.
pub(crate) fn strip_site(title: &str, sites: &[&str]) -> String {
    let mut t = title.trim().to_string();
    // The outlet's part may itself hold a separator («الصباح | Assabah»): cut at
    // the first separator from the end whose tail names it, then from the start.
    for sep in SEPARATORS {
        if let Some(at) = t.find(sep) {
            let tail = &t[at + sep.len()..];
            if sites.iter().any(|s| names_site(tail, s)) && tail.split_whitespace().count() <= 6 {
                t.truncate(at);
                break;
            }
        }
    }
    for sep in SEPARATORS {
        if let Some(at) = t.rfind(sep) {
            let head = &t[..at];
            if sites.iter().any(|s| names_site(head, s)) && head.split_whitespace().count() <= 4 {
                t = t[at + sep.len()..].to_string();
                break;
            }
        }
    }
    t.trim().to_string()
}

/// The headline: the first non-empty candidate (most reliable first) with the
/// outlet's name stripped.
pub(crate) fn choose(candidates: &[String], sites: &[&str]) -> Option<String> {
    candidates
        .iter()
        .map(|c| strip_site(c, sites))
        .find(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlet_names_are_stripped() {
        assert_eq!(
            strip_site("وزارة العمل: تفاصيل - اليوم السابع", &["اليوم السابع"]),
            "وزارة العمل: تفاصيل"
        );
        assert_eq!(
            strip_site("المدينة نيوز - الحكومة تقر الموازنة", &["المدينة نيوز"]),
            "الحكومة تقر الموازنة"
        );
        assert_eq!(
            strip_site("كل الشروط متوفرة - الصباح | Assabah", &["Assabah News"]),
            "كل الشروط متوفرة"
        );
        assert_eq!(
            strip_site("معارضون يسيطرون - CNNArabic.com", &["CNNArabic"]),
            "معارضون يسيطرون"
        );
        // A dash inside the headline stays.
        assert_eq!(
            strip_site("غزة - رام الله: اتفاق", &["اليوم السابع"]),
            "غزة - رام الله: اتفاق"
        );
        assert_eq!(
            choose(&["".into(), "عنوان".into()], &[]).as_deref(),
            Some("عنوان")
        );
    }
}
