//! Corpus statistics for social scientists: dictionary counts (categories of
//! words and phrases counted per document, as quanteda's `dfm_lookup` and LIWC do).
//!
//! ```
//! use warraq::stats::dictionary::{Dictionary, DictionaryCounter};
//! let d = Dictionary::new(vec![("economy".into(), vec!["اقتصاد*".into()])]).unwrap();
//! let c = DictionaryCounter::new(&d, Default::default()).unwrap();
//! assert_eq!(c.count("نما الاقتصاد").counts, [1]);
//! ```

pub mod dictionary;
