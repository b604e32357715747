//! The normaliser's options, listed once.
//!
//! The list at the bottom of this file (`normalize_options!`) gives each option
//! its name, its default, what it does and why it is on or off. The macro makes
//! from it the fields of [`NormalizeOptions`] with their docs, the table in its
//! docs, [`Default`], [`NormalizeOptions::none`], [`NormalizeOptions::NAMES`],
//! [`NormalizeOptions::to_pairs`], [`NormalizeOptions::set`] and the setters of
//! [`NormalizerBuilder`]; the Python binding reads the names and the defaults from
//! these, so an option is added in one place.

use super::Normalizer;
use serde::{Deserialize, Serialize};

/// `on` or `off`, as the options table writes a default.
macro_rules! on_off {
    (true) => {
        "on"
    };
    (false) => {
        "off"
    };
}

/// Generates [`NormalizeOptions`] and the builder's setters from the list of
/// options: `name = default, "what it does";` after the field's docs (why it is on
/// or off).
macro_rules! normalize_options {
    ($(
        $(#[doc = $why:literal])*
        $name:ident = $default:tt, $what:literal;
    )*) => {
        /// The number of options.
        const COUNT: usize = [$(stringify!($name)),*].len();

        /// Which normalisations a [`Normalizer`] applies. Every field is a switch.
        ///
        /// | option | what it does | default |
        /// |---|---|---|
        $(#[doc = concat!("| `", stringify!($name), "` | ", $what, " | ", on_off!($default), " |")])*
        ///
        /// ```
        /// use warraq::normalize::NormalizeOptions;
        /// let o = NormalizeOptions::default();
        /// assert!(o.diacritics && !o.hamza);
        /// assert!(!NormalizeOptions::none().diacritics);
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct NormalizeOptions {
            $(
                $(#[doc = $why])*
                pub $name: bool,
            )*
        }

        impl Default for NormalizeOptions {
            fn default() -> Self {
                NormalizeOptions { $($name: $default),* }
            }
        }

        impl NormalizeOptions {
            /// Every option off: the identity.
            ///
            /// ```
            /// use warraq::normalize::{NormalizeOptions, Normalizer};
            /// let n = Normalizer::new(NormalizeOptions::none());
            /// assert_eq!(n.normalize("أَ  ب"), "أَ  ب");
            /// ```
            pub fn none() -> Self {
                NormalizeOptions { $($name: false),* }
            }

            /// The option names, in the order of the fields.
            ///
            /// ```
            /// use warraq::normalize::NormalizeOptions;
            /// assert_eq!(NormalizeOptions::NAMES[..2], ["unicode", "diacritics"]);
            /// ```
            pub const NAMES: [&'static str; COUNT] = [$(stringify!($name)),*];

            /// The options as `(name, value)` pairs, in the order of [`Self::NAMES`].
            ///
            /// ```
            /// let pairs = warraq::normalize::NormalizeOptions::default().to_pairs();
            /// assert_eq!(pairs[6], ("hamza", false));
            /// ```
            pub fn to_pairs(&self) -> [(&'static str, bool); COUNT] {
                [$((stringify!($name), self.$name)),*]
            }

            /// Sets the option called `name`; unknown names are an
            /// [`crate::Error::InvalidOption`].
            ///
            /// ```
            /// let mut o = warraq::normalize::NormalizeOptions::default();
            /// o.set("hamza", true).unwrap();
            /// assert!(o.hamza);
            /// assert!(o.set("hamzaa", true).is_err());
            /// ```
            pub fn set(&mut self, name: &str, value: bool) -> crate::Result<()> {
                let field = match name {
                    $(stringify!($name) => &mut self.$name,)*
                    _ => {
                        return Err(crate::Error::invalid_option(
                            name,
                            format!(
                                "unknown normalisation option; expected one of {}",
                                Self::NAMES.join(", ")
                            ),
                        ))
                    }
                };
                *field = value;
                Ok(())
            }
        }

        impl NormalizerBuilder {
            $(
                #[doc = concat!("Sets the `", stringify!($name), "` option (see [`NormalizeOptions`]).")]
                pub fn $name(mut self, on: bool) -> Self {
                    self.options.$name = on;
                    self
                }
            )*
        }
    };
}

impl NormalizeOptions {
    /// The options that reproduce camel-tools' `normalize_unicode`, `dediac_ar`,
    /// `normalize_alef_ar`, `normalize_alef_maksura_ar` and `normalize_teh_marbuta_ar`
    /// (see the module docs for the deliberate differences).
    ///
    /// ```
    /// use warraq::normalize::{NormalizeOptions, Normalizer};
    /// let n = Normalizer::new(NormalizeOptions::camel_tools());
    /// assert_eq!(n.normalize("إلى المدرسةِ ٢"), "الي المدرسه ٢");
    /// ```
    pub fn camel_tools() -> Self {
        NormalizeOptions {
            unicode: true,
            diacritics: true,
            alef: true,
            alef_maqsura: true,
            teh_marbuta: true,
            ..NormalizeOptions::none()
        }
    }
}

/// Builds a [`Normalizer`] option by option, starting from the defaults.
///
/// ```
/// let n = warraq::normalize::Normalizer::builder().digits(false).hamza(true).build();
/// assert_eq!(n.normalize("مسؤول ٣"), "مسءول ٣");
/// ```
#[derive(Debug, Clone, Default)]
pub struct NormalizerBuilder {
    options: NormalizeOptions,
}

impl NormalizerBuilder {
    /// The normaliser.
    pub fn build(self) -> Normalizer {
        Normalizer::new(self.options)
    }
}

normalize_options! {
    /// NFKC compatibility normalisation. On: scraped text mixes presentation forms
    /// (ﻻ, ﷲ) with plain letters, and only NFKC makes them the same word.
    unicode = true, "NFKC (folds presentation forms such as ﻻ and ligatures such as ﷲ)";
    /// Remove diacritics (harakat, tanween, shadda, sukun, superscript alef, Quranic
    /// marks). On: news text is rarely vocalised, and partly vocalised words must match
    /// their bare form.
    diacritics = true, "removes harakat, tanween, shadda, sukun, superscript alef, Quranic marks";
    /// Remove tatweel (kashida, ـ). On: it is pure typography.
    tatweel = true, "removes the kashida ـ";
    /// Fold the alef variants أ إ آ ٱ to bare ا. On: writers drop hamza on alef
    /// inconsistently (احمد / أحمد).
    alef = true, "أ إ آ ٱ → ا";
    /// Fold alef maqsura ى to yeh ي. On: Egyptian and other typing swaps them freely.
    alef_maqsura = true, "ى → ي";
    /// Fold teh marbuta ة to heh ه. On, as in Larkey's light10 normalisation for
    /// retrieval: final ة/ه are confused in informal and scraped text.
    teh_marbuta = true, "ة → ه";
    /// Fold hamza on waw and yeh (ؤ ئ) to the bare hamza ء. Off: the seat of hamza is
    /// usually written correctly, and folding merges distinct words.
    hamza = false, "ؤ ئ → ء";
    /// Map Arabic-Indic (٠-٩) and Persian (۰-۹) digits to ASCII 0-9. On: one number,
    /// one token, whatever the outlet's digits.
    digits = true, "Arabic-Indic and Persian digits → 0-9";
    /// Map Arabic punctuation (، ؛ ؟ ٪ ٫ ٬ ۔) to Latin counterparts. On: it makes
    /// numbers like ٣٫٥ and ٪11 the same as 3.5 and %11.
    punctuation = true, "، ؛ ؟ ٪ ٫ ٬ ۔ → , ; ? % . , .";
    /// Map Persian letter forms to Arabic ones (ک → ك, ی → ي, ە ہ and ه + ZWJ → ه). On:
    /// Persian keyboards are common among Arabic writers.
    persian = true, "ک ی → ك ي, ە ہ and ه + ZWJ → ه";
    /// Remove invisible format characters: bidi marks and embeddings, zero-width
    /// (non-)joiners and spaces, soft hyphens, BOMs and C0/C1 control characters other
    /// than tab and line breaks. On: they are invisible but split or join words.
    controls = true, "removes bidi marks, zero-width and other invisible format characters";
    /// Collapse whitespace: a run without a line break becomes one space, a run with one
    /// line break becomes `\n`, a run with several becomes `\n\n` (a paragraph break);
    /// leading and trailing whitespace is removed. On.
    whitespace = true, "collapses runs of whitespace, trims the ends";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_option_is_an_error() {
        let mut o = NormalizeOptions::default();
        let err = o.set("nope", true).unwrap_err();
        assert!(err.to_string().contains("nope"));
    }

    #[test]
    fn names_pairs_and_setters_agree() {
        let mut o = NormalizeOptions::none();
        for (i, name) in NormalizeOptions::NAMES.iter().enumerate() {
            o.set(name, true).unwrap();
            assert_eq!(o.to_pairs()[i], (*name, true));
            assert_eq!(o.to_pairs().iter().filter(|(_, on)| *on).count(), i + 1);
        }
        assert!(o.to_pairs().iter().all(|(_, on)| *on));
        assert!(Normalizer::builder().hamza(true).build().options().hamza);
        let json = serde_json::to_value(NormalizeOptions::default()).unwrap();
        for (name, on) in NormalizeOptions::default().to_pairs() {
            assert_eq!(json[name], on, "{name}");
        }
    }
}
