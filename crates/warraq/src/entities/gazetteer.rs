//! Gazetteers written for warraq (`crates/warraq/data/gazetteers/*.txt`) and the
//! trigger-word lists: used as tagger features and to canonicalise mentions.

use super::fold::fold;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

/// What an entry names, for the document parser (datelines, bylines, tag lines);
/// the tagger sees the list file itself (see [`LISTS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum GazClass {
    Country,
    City,
    Governorate,
    GivenName,
    Outlet,
    Organisation,
    /// A name that is also a common word or another kind of name («عمان», «حماس»,
    /// «جان»): a tagger feature of its own, never taken as certain.
    Ambiguous,
}

/// Every list file (stem of `data/gazetteers/*.txt`), what it names and its
/// feature code. A code is the tagger's view of the list: the six first lists
/// keep the codes the model was first trained with.
const LISTS: &[(&str, GazClass, u8)] = &[
    ("countries", GazClass::Country, 0),
    ("cities", GazClass::City, 1),
    ("governorates", GazClass::Governorate, 2),
    ("given_names", GazClass::GivenName, 3),
    ("news_outlets", GazClass::Outlet, 4),
    ("organisations", GazClass::Organisation, 5),
    ("towns", GazClass::City, 6),
    ("world_cities", GazClass::City, 7),
    ("regions", GazClass::Governorate, 8),
    ("clubs", GazClass::Organisation, 9),
    ("parties", GazClass::Organisation, 10),
    ("news_outlets_more", GazClass::Outlet, 11),
    ("organisations_more", GazClass::Organisation, 12),
    ("latin_orgs", GazClass::Organisation, 13),
    ("foreign_given_names", GazClass::GivenName, 14),
    ("ambiguous_places", GazClass::Ambiguous, 15),
    ("ambiguous_organisations", GazClass::Ambiguous, 16),
    ("ambiguous_given_names", GazClass::Ambiguous, 17),
];

/// The class and feature code of a list file, by its stem; `None` for a file
/// [`LISTS`] does not name (a test keeps the two in step).
fn of_file(stem: &str) -> Option<(GazClass, u8)> {
    LISTS
        .iter()
        .find(|(s, _, _)| *s == stem)
        .map(|&(_, class, code)| (class, code))
}

include!(concat!(env!("OUT_DIR"), "/gazetteer_files.rs"));

/// Titles and roles that precede a person's name.
const TITLES: &str = "العقيد العميد اللواء الفريق المشير الرائد النقيب الملازم الجنرال الرئيس رئيس نائب \
    محافظ المحافظ المراسل مراسل الوزير وزير السفير سفير المتحدث الناطق الأمين أمين الملك الأمير الشيخ \
    السيد السيدة الدكتور د المهندس الأستاذ القاضي المستشار المدير مدير قائد القائد زعيم الزعيم المبعوث \
    مبعوث المنسق رئيسة الوزيرة النائب البابا الإمام المفتي الحاج عضو المعارض الناشط الكاتب الصحفي \
    المخرج الفنان اللاعب المدرب السلطان ولي العهد خادم الحرمين المستشارة";
/// Heads of organisation names.
const ORG_HEADS: &str = "تنظيم جيش حزب وكالة صحيفة قناة جامعة منظمة حركة جبهة هيئة مجلس لجنة اتحاد شركة \
    مؤسسة وزارة بنك مصرف جمعية رابطة نقابة مركز معهد محكمة البرلمان برلمان الحكومة حكومة قوات فصائل فصيل \
    كتائب لواء ألوية جماعة الجيش التحالف تحالف مجموعة منتدى صندوق برنامج مفوضية المفوضية الاتحاد المجلس \
    اللجنة الهيئة المنظمة الشركة الوزارة الأمم";
/// Heads of place names.
const PLACE_HEADS: &str = "مدينة محافظة منطقة ريف بلدة قرية حي ولاية إقليم جزيرة جزر بحر نهر جبل سهل وادي \
    مخيم مطار ميناء شارع ساحة العاصمة عاصمة الإمارة دولة مملكة جمهورية المدينة المحافظة المنطقة البلدة \
    القرية شمال جنوب شرق غرب وسط شمالي جنوبي شرقي غربي ضواحي أحياء";
/// Particles inside compound names («ستافان دي مستورا»، «أبو محمد»، «بن علي»).
const NAME_PARTICLES: &str = "دي دو دا دل فان فون لا لو ابن بن أبو ابو أبي ولد آل عبد";
/// Words that follow a place or nationality (to learn "في X" style contexts).
const PLACE_PREPS: &str = "في من إلى الى عن نحو قرب داخل خارج بين";

/// The words after the first of an entry (folded), its class and feature code.
type Entry = (Vec<String>, GazClass, u8);

/// The gazetteers, folded and indexed by their first word.
pub(crate) struct Gazetteer {
    /// first folded word → list of (remaining folded words, class, feature code)
    by_first: HashMap<String, Vec<Entry>>,
    /// every folded word that starts an entry, and the trigger words (for clitic
    /// decisions)
    pub(crate) words: HashSet<String>,
    pub(crate) titles: HashSet<String>,
    pub(crate) org_heads: HashSet<String>,
    pub(crate) place_heads: HashSet<String>,
    pub(crate) place_preps: HashSet<String>,
    pub(crate) particles: HashSet<String>,
    /// Latin-script organisation names as written (case kept): «CNN», «Bank of America».
    latin_orgs: HashSet<String>,
}

fn word_set(list: &str) -> HashSet<String> {
    list.split_whitespace().map(fold).collect()
}

impl Gazetteer {
    fn build() -> Self {
        let mut by_first: HashMap<String, Vec<Entry>> = HashMap::default();
        let mut words = HashSet::default();
        let mut latin_orgs = HashSet::default();
        for (stem, text) in GAZETTEER_FILES {
            let (class, code) = of_file(stem).unwrap_or((GazClass::Ambiguous, 255));
            for line in text.lines() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                if *stem == "latin_orgs" {
                    latin_orgs.insert(line.split_whitespace().collect::<Vec<_>>().join(" "));
                }
                let folded: Vec<String> = line.split_whitespace().map(fold).collect();
                // A name's first word is known whole; its later words are not
                // (they carry clitics: «المجلس الأعلى لتنظيم الإعلام»).
                words.insert(folded[0].clone());
                let rest = folded[1..].to_vec();
                by_first
                    .entry(folded[0].clone())
                    .or_default()
                    .push((rest, class, code));
            }
        }
        for entries in by_first.values_mut() {
            // longest first, so that matching prefers "المملكة العربية السعودية" over "المملكة"
            entries.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
        }
        let titles = word_set(TITLES);
        let org_heads = word_set(ORG_HEADS);
        let place_heads = word_set(PLACE_HEADS);
        words.extend(org_heads.iter().cloned());
        words.extend(place_heads.iter().cloned());
        Gazetteer {
            by_first,
            words,
            titles,
            org_heads,
            place_heads,
            place_preps: word_set(PLACE_PREPS),
            particles: word_set(NAME_PARTICLES),
            latin_orgs,
        }
    }

    /// The shared instance.
    pub(crate) fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::build)
    }

    /// The lists holding exactly `name` (folded, whole entry): used by the
    /// document parser to tell a dateline city from an outlet or a byline.
    pub(crate) fn classes_of(&self, name: &str) -> Vec<GazClass> {
        let folded: Vec<String> = name.split_whitespace().map(fold).collect();
        let Some((first, rest)) = folded.split_first() else {
            return Vec::new();
        };
        self.by_first.get(first).map_or_else(Vec::new, |entries| {
            entries
                .iter()
                .filter(|(r, _, _)| r.as_slice() == rest)
                .map(|(_, class, _)| *class)
                .collect()
        })
    }

    /// True when the folded `word` starts a given name of the list.
    pub(crate) fn is_given_name(&self, word: &str) -> bool {
        self.by_first.get(&fold(word)).is_some_and(|entries| {
            entries
                .iter()
                .any(|(r, c, _)| r.is_empty() && *c == GazClass::GivenName)
        })
    }

    /// True when `word` is a title or role before a name («الأمير», «الرئيس»).
    pub(crate) fn is_title(&self, word: &str) -> bool {
        self.titles.contains(&fold(word))
    }

    /// True when `word` is a particle inside a compound name («بن», «آل», «أبو»).
    pub(crate) fn is_name_particle(&self, word: &str) -> bool {
        self.particles.contains(&fold(word))
    }

    /// The number of words of the longest Latin-script organisation name that
    /// `words` starts with (0 when none): «CNN», «General Motors».
    pub(crate) fn latin_org_prefix(&self, words: &[&str]) -> usize {
        (1..=words.len().min(6))
            .rev()
            .find(|&n| self.latin_orgs.contains(&words[..n].join(" ")))
            .unwrap_or(0)
    }

    /// Longest entry starting at token `i`: `(length in tokens, feature code)`. `first` is the
    /// folded, clitic-stripped form of token `i` candidates; later tokens use `folded`.
    pub(crate) fn match_at(
        &self,
        firsts: &[&str],
        folded: &[&str],
        i: usize,
    ) -> Option<(usize, u8)> {
        let mut best: Option<(usize, u8)> = None;
        for first in firsts {
            if let Some(entries) = self.by_first.get(*first) {
                for (rest, _, code) in entries {
                    let n = rest.len();
                    if i + n < folded.len() + 1
                        && rest
                            .iter()
                            .zip(&folded[i + 1..])
                            .filter(|(a, b)| a == b)
                            .count()
                            == n
                        && i + 1 + n <= folded.len()
                    {
                        if best.is_none_or(|(len, _)| n + 1 > len) {
                            best = Some((n + 1, *code));
                        }
                        break;
                    }
                }
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_file_has_a_class_and_a_code_of_its_own() {
        for (stem, _) in GAZETTEER_FILES {
            assert!(of_file(stem).is_some(), "{stem}.txt is not in LISTS");
        }
        let mut codes: Vec<u8> = LISTS.iter().map(|l| l.2).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), LISTS.len());
    }

    #[test]
    fn new_lists_are_matched() {
        let g = Gazetteer::get();
        assert!(g.classes_of("بن قردان").contains(&GazClass::City));
        assert!(g.classes_of("سيدي بوزيد").contains(&GazClass::City));
        assert!(g
            .classes_of("اتحاد بن قردان")
            .contains(&GazClass::Organisation));
        // an ambiguous short form is kept apart from the certain lists
        assert_eq!(g.classes_of("حركة الشباب"), [GazClass::Ambiguous]);
        assert_eq!(g.latin_org_prefix(&["CNN", "said"]), 1);
        assert_eq!(g.latin_org_prefix(&["General", "Motors"]), 2);
        assert_eq!(g.latin_org_prefix(&["Smith"]), 0);
    }
}
