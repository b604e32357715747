//! Display forms: the word a term stands for, and the merge of clitic variants.

use super::counts::TermCounts;
use rustc_hash::FxHashMap;

/// The word shown for each term: the surface form (the word as the raw text spells
/// it) that its occurrences have most often in the corpus, and, per document, the
/// one the document uses most often where that differs. Ties go to the earlier
/// string in code-point order.
///
/// ```
/// use warraq::stats::{CountOptions, TermCounts};
/// let texts = ["بدأ المهرجان", "المهرجان الكبير", "افتتح مهرجان"];
/// let c = TermCounts::count(&texts, &CountOptions::default()).unwrap();
/// let id = c.id("مهرج").unwrap();
/// assert_eq!(c.form(id), "المهرجان");
/// assert_eq!(c.doc_form(2, id), "مهرجان");
/// assert_eq!(c.forms().surfaces_of(id), [("المهرجان".to_string(), 2), ("مهرجان".to_string(), 1)]);
/// ```
#[derive(Debug, Clone, Default)]
pub struct DisplayForms {
    surfaces: Vec<String>,
    /// Term → its corpus surface.
    corpus: Vec<u32>,
    /// Per document: (term, surface) where the document's differs, by term.
    docs: Vec<Vec<(u32, u32)>>,
    /// Term → every (surface, count), most frequent first.
    all: Vec<Vec<(u32, u64)>>,
}

impl DisplayForms {
    /// Forms from (term, surface) counts and each document's most frequent
    /// surface per term (sorted by term).
    pub(super) fn new(
        surfaces: Vec<String>,
        n_terms: usize,
        pairs: &FxHashMap<(u32, u32), u64>,
        doc_best: Vec<Vec<(u32, u32)>>,
    ) -> Self {
        let mut all: Vec<Vec<(u32, u64)>> = vec![Vec::new(); n_terms];
        for (&(t, s), &n) in pairs {
            all[t as usize].push((s, n));
        }
        for list in &mut all {
            list.sort_unstable_by(|a, b| {
                b.1.cmp(&a.1)
                    .then_with(|| surfaces[a.0 as usize].cmp(&surfaces[b.0 as usize]))
            });
        }
        let corpus: Vec<u32> = all.iter().map(|l| l.first().map_or(0, |p| p.0)).collect();
        let docs = doc_best
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .filter(|&(t, s)| corpus[t as usize] != s)
                    .collect()
            })
            .collect();
        DisplayForms {
            surfaces,
            corpus,
            docs,
            all,
        }
    }

    /// The corpus form of term `id`.
    pub fn form(&self, id: u32) -> &str {
        &self.surfaces[self.corpus[id as usize] as usize]
    }

    /// Document `doc`'s form of term `id`.
    pub fn doc_form(&self, doc: usize, id: u32) -> &str {
        let row = &self.docs[doc];
        match row.binary_search_by_key(&id, |p| p.0) {
            Ok(i) => &self.surfaces[row[i].1 as usize],
            Err(_) => self.form(id),
        }
    }

    /// Every surface form of term `id` with its count, most frequent first.
    pub fn surfaces_of(&self, id: u32) -> Vec<(String, u64)> {
        self.all[id as usize]
            .iter()
            .map(|&(s, n)| (self.surfaces[s as usize].clone(), n))
            .collect()
    }
}

/// Prepositions the light stemmer strips only with the article (see
/// [`crate::analyze::light_stem`]); a term that is another term behind one of them
/// is that term's clitic variant.
const PREPOSITIONS: [char; 3] = ['ب', 'ل', 'ك'];
/// Letters the other term must keep.
const MIN_BASE: usize = 3;

/// The largest share of a term's occurrences spelled with the article in front
/// («البطاقة») for the term to count as a clitic variant: the article follows a
/// preposition («بالطاقة»), so a word that takes it keeps its first letter as its
/// own («بطاقة» is a card, not «ب» + «طاقة»).
const MAX_ARTICLE_SHARE: f64 = 0.05;

/// Whether a surface starts with the article (after a conjunction).
fn has_article(surface: &str) -> bool {
    let s = surface
        .strip_prefix('و')
        .or_else(|| surface.strip_prefix('ف'))
        .filter(|rest| rest.starts_with("ال"))
        .unwrap_or(surface);
    s.starts_with("ال")
}

/// For each term: the term it merges into, if any. A term merges into the term
/// left without its leading ب, ل or ك when that one exists, keeps at least
/// [`MIN_BASE`] letters and is at least as frequent, and when at most
/// [`MAX_ARTICLE_SHARE`] of the term's occurrences carry the article: «لمهرج»
/// (لمهرجان) into «مهرج»; «لبنان» stays (no «بنان» of three letters), and so does
/// «بطاق» (البطاقة, a card) beside «طاق» (energy).
fn clitic_targets(counts: &TermCounts) -> Vec<Option<u32>> {
    let forms = &counts.forms;
    counts
        .terms
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let first = t.chars().next()?;
            if !PREPOSITIONS.contains(&first) {
                return None;
            }
            let base = &t[first.len_utf8()..];
            if base.chars().count() < MIN_BASE {
                return None;
            }
            let b = counts.terms.binary_search(&base.to_owned()).ok()? as u32;
            if counts.totals[b as usize] < counts.totals[i] {
                return None;
            }
            let with_article: u64 = forms.all[i]
                .iter()
                .filter(|&&(s, _)| has_article(&forms.surfaces[s as usize]))
                .map(|&(_, n)| n)
                .sum();
            let share = with_article as f64 / counts.totals[i].max(1) as f64;
            (share <= MAX_ARTICLE_SHARE).then_some(b)
        })
        .collect()
}

/// Merges clitic variants ([`clitic_targets`]) into their terms: counts are
/// summed, the merged term's id maps to its target's ([`TermCounts::id`]), and the
/// target keeps its own corpus form; a document holding only the variant shows
/// the variant's spelling.
pub(super) fn merge_clitics(counts: &mut TermCounts) {
    let targets = clitic_targets(counts);
    if targets.iter().all(Option::is_none) {
        return;
    }
    // Old id → new id (targets are never merged themselves: they have no
    // preposition in front, or a more frequent base would have been chosen).
    let mut new_id = vec![0u32; targets.len()];
    let mut kept = 0u32;
    for (i, t) in targets.iter().enumerate() {
        if t.is_none() {
            new_id[i] = kept;
            kept += 1;
        }
    }
    let resolve = |i: usize| -> u32 {
        let mut i = i;
        let mut hops = 0;
        while let Some(t) = targets[i] {
            i = t as usize;
            hops += 1;
            if hops > 4 {
                break;
            }
        }
        new_id[i]
    };
    let map: Vec<u32> = (0..targets.len()).map(resolve).collect();
    let mut terms = Vec::with_capacity(kept as usize);
    let mut merged = Vec::new();
    let mut totals = vec![0u64; kept as usize];
    let old_terms = std::mem::take(&mut counts.terms);
    for (i, t) in old_terms.into_iter().enumerate() {
        totals[map[i] as usize] += counts.totals[i];
        if targets[i].is_none() {
            terms.push(t);
        } else {
            merged.push((t, map[i]));
        }
    }
    merged.sort_unstable();
    for (d, row) in counts.docs.iter_mut().enumerate() {
        let forms_row = &mut counts.forms.docs[d];
        // A document's form of a merged term becomes its target's, unless the
        // document holds the target itself.
        let mut new_forms: Vec<(u32, u32)> = Vec::with_capacity(forms_row.len());
        let holds = |old: u32| row.binary_search_by_key(&old, |p| p.0).is_ok();
        for &(t, s) in forms_row.iter() {
            match targets[t as usize] {
                Some(target) if holds(target) => {}
                Some(_) => new_forms.push((map[t as usize], s)),
                None => new_forms.push((map[t as usize], s)),
            }
        }
        // A variant alone in a document whose spelling equals the corpus form of
        // the target needs no entry; one whose form was the variant's corpus form
        // (not recorded) gets it.
        for &(t, _) in row.iter() {
            if let Some(target) = targets[t as usize] {
                if !holds(target) && forms_row.binary_search_by_key(&t, |p| p.0).is_err() {
                    new_forms.push((map[t as usize], counts.forms.corpus[t as usize]));
                }
            }
        }
        new_forms.sort_unstable();
        new_forms.dedup_by_key(|p| p.0);
        *forms_row = new_forms;
        let mut new_row: Vec<(u32, u32)> = row.iter().map(|&(t, n)| (map[t as usize], n)).collect();
        new_row.sort_unstable();
        let mut out: Vec<(u32, u32)> = Vec::with_capacity(new_row.len());
        for (t, n) in new_row {
            match out.last_mut() {
                Some(last) if last.0 == t => last.1 += n,
                _ => out.push((t, n)),
            }
        }
        *row = out;
    }
    let forms = &mut counts.forms;
    let mut corpus = vec![0u32; kept as usize];
    let mut all: Vec<Vec<(u32, u64)>> = vec![Vec::new(); kept as usize];
    for i in 0..targets.len() {
        if targets[i].is_none() {
            corpus[map[i] as usize] = forms.corpus[i];
        }
        all[map[i] as usize].extend(forms.all[i].iter().copied());
    }
    let surfaces = &forms.surfaces;
    for list in &mut all {
        list.sort_unstable_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| surfaces[a.0 as usize].cmp(&surfaces[b.0 as usize]))
        });
    }
    // Per-document entries equal to the target's corpus form are not needed.
    for row in &mut forms.docs {
        row.retain(|&(t, s)| corpus[t as usize] != s);
    }
    forms.corpus = corpus;
    forms.all = all;
    if let Some(seqs) = counts.sequences.as_mut() {
        for s in seqs {
            for t in s.iter_mut() {
                if *t != super::NONE {
                    *t = map[*t as usize];
                }
            }
        }
    }
    counts.terms = terms;
    counts.totals = totals;
    counts.merged = merged;
}

#[cfg(test)]
mod tests {
    use crate::stats::{CountOptions, TermCounts};

    #[test]
    fn variants_merge_only_into_a_frequent_base() {
        let texts = ["لبنان وبنان", "زار لبنان", "لبنان"];
        let c = TermCounts::count(&texts, &CountOptions::default()).unwrap();
        // «لبن» (لبنان) has no base «بن» of three letters: it stays.
        assert!(c.merged().is_empty(), "{:?}", c.merged());
        let texts = ["مهرجان", "مهرجان لمهرجان", "لمهرجان"];
        let c = TermCounts::count(&texts, &CountOptions::default()).unwrap();
        let id = c.id("مهرج").unwrap();
        assert_eq!(c.id("لمهرج"), Some(id));
        assert_eq!(c.total(id), 4);
        assert_eq!(c.form(id), "مهرجان");
        assert_eq!(c.doc_form(2, id), "لمهرجان");
        assert_eq!(c.doc_terms(1), [(id, 2)]);
        let texts = ["مهرجان", "لمهرجان لمهرجان"];
        let c = TermCounts::count(&texts, &CountOptions::default()).unwrap();
        // the variant is the more frequent: nothing merges
        assert!(c.merged().is_empty());
        let texts = ["الطاقة والطاقة", "البطاقة", "بطاقة"];
        let c = TermCounts::count(&texts, &CountOptions::default()).unwrap();
        // half of «بطاق» carries the article: a word of its own
        assert!(c.merged().is_empty());
    }
}
