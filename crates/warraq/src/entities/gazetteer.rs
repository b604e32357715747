//! Gazetteers written for warraq (`crates/warraq/data/gazetteers/*.txt`) and the
//! trigger-word lists: used as tagger features and to canonicalise mentions.

use super::fold::fold;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Which list an entry comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum GazClass {
    Country,
    City,
    Governorate,
    GivenName,
    Outlet,
    Organisation,
}

impl GazClass {
    pub(crate) fn code(self) -> u8 {
        self as u8
    }
}

const LISTS: [(GazClass, &str); 6] = [
    (
        GazClass::Country,
        include_str!("../../data/gazetteers/countries.txt"),
    ),
    (
        GazClass::City,
        include_str!("../../data/gazetteers/cities.txt"),
    ),
    (
        GazClass::Governorate,
        include_str!("../../data/gazetteers/governorates.txt"),
    ),
    (
        GazClass::GivenName,
        include_str!("../../data/gazetteers/given_names.txt"),
    ),
    (
        GazClass::Outlet,
        include_str!("../../data/gazetteers/news_outlets.txt"),
    ),
    (
        GazClass::Organisation,
        include_str!("../../data/gazetteers/organisations.txt"),
    ),
];

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

/// The gazetteers, folded and indexed by their first word.
pub(crate) struct Gazetteer {
    /// first folded word → list of (remaining folded words, class)
    by_first: HashMap<String, Vec<(Vec<String>, GazClass)>>,
    /// every folded word that starts or belongs to an entry (for clitic decisions)
    pub(crate) words: HashSet<String>,
    pub(crate) titles: HashSet<String>,
    pub(crate) org_heads: HashSet<String>,
    pub(crate) place_heads: HashSet<String>,
    pub(crate) place_preps: HashSet<String>,
    pub(crate) particles: HashSet<String>,
}

fn word_set(list: &str) -> HashSet<String> {
    list.split_whitespace().map(fold).collect()
}

impl Gazetteer {
    fn build() -> Self {
        let mut by_first: HashMap<String, Vec<(Vec<String>, GazClass)>> = HashMap::new();
        let mut words = HashSet::new();
        for (class, text) in LISTS {
            for line in text.lines() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let folded: Vec<String> = line.split_whitespace().map(fold).collect();
                for w in &folded {
                    words.insert(w.clone());
                }
                let rest = folded[1..].to_vec();
                by_first
                    .entry(folded[0].clone())
                    .or_default()
                    .push((rest, class));
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
                .filter(|(r, _)| r.as_slice() == rest)
                .map(|(_, class)| *class)
                .collect()
        })
    }

    /// True when the folded `word` starts a given name of the list.
    pub(crate) fn is_given_name(&self, word: &str) -> bool {
        self.by_first.get(&fold(word)).is_some_and(|entries| {
            entries
                .iter()
                .any(|(r, c)| r.is_empty() && *c == GazClass::GivenName)
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

    /// Longest entry starting at token `i`: `(length in tokens, class)`. `first` is the
    /// folded, clitic-stripped form of token `i` candidates; later tokens use `folded`.
    pub(crate) fn match_at(
        &self,
        firsts: &[&str],
        folded: &[String],
        i: usize,
    ) -> Option<(usize, GazClass)> {
        let mut best: Option<(usize, GazClass)> = None;
        for first in firsts {
            if let Some(entries) = self.by_first.get(*first) {
                for (rest, class) in entries {
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
                            best = Some((n + 1, *class));
                        }
                        break;
                    }
                }
            }
        }
        best
    }
}
