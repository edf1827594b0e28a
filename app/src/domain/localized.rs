//! Text written by officers in several languages, stored as locale → text.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One piece of survey content in every language it has been translated into.
///
/// Missing translations fall back to the survey's default language, so a
/// respondent always sees the question, even before a translator reaches it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::FromJsonQueryResult))]
pub struct LocalizedText(pub BTreeMap<String, String>);

impl LocalizedText {
    /// Builds a value from `(locale, text)` pairs.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        LocalizedText(
            pairs
                .into_iter()
                .map(|(locale, text)| (locale.to_owned(), text.to_owned()))
                .collect(),
        )
    }

    /// The text in `locale`, else in `fallback`, else any text at all.
    pub fn resolve(&self, locale: &str, fallback: &str) -> Resolved {
        if let Some(text) = self.0.get(locale).filter(|t| !t.is_empty()) {
            return Resolved {
                text: text.clone(),
                locale: None,
            };
        }
        let (found, text) = self
            .0
            .get_key_value(fallback)
            .or_else(|| self.0.iter().next())
            .map(|(l, t)| (l.clone(), t.clone()))
            .unwrap_or_default();
        // Falling back within one language (easy read to English) needs no
        // `lang` mark: a screen reader pronounces it the same.
        let same_language = primary(&found) == primary(locale);
        Resolved {
            text,
            locale: Some(found).filter(|l| !l.is_empty() && !same_language),
        }
    }
}

/// The language part of a tag: `en` of `en-easyread`.
fn primary(tag: &str) -> &str {
    tag.split('-').next().unwrap_or(tag)
}

/// Resolved text, with the language it is actually in when that differs from
/// the page's, so the page can mark it with `lang` for screen readers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolved {
    pub text: String,
    pub locale: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uses_the_requested_locale_when_translated() {
        let t = LocalizedText::from_pairs([("en", "Hello"), ("pl", "Cześć")]);
        assert_eq!(
            t.resolve("pl", "en"),
            Resolved {
                text: "Cześć".into(),
                locale: None
            }
        );
    }

    #[test]
    fn falls_back_and_says_which_language_it_fell_back_to() {
        let t = LocalizedText::from_pairs([("en", "Hello"), ("ur", "")]);
        assert_eq!(
            t.resolve("ur", "en"),
            Resolved {
                text: "Hello".into(),
                locale: Some("en".into())
            }
        );
    }

    #[test]
    fn easy_read_falls_back_to_english_without_a_mark() {
        let t = LocalizedText::from_pairs([("en", "Hello"), ("en-easyread", "Hi")]);
        assert_eq!(t.resolve("en-easyread", "en").text, "Hi");
        let t = LocalizedText::from_pairs([("en", "Hello")]);
        assert_eq!(
            t.resolve("en-easyread", "en"),
            Resolved {
                text: "Hello".into(),
                locale: None
            }
        );
    }

    #[test]
    fn empty_text_resolves_to_empty() {
        assert_eq!(
            LocalizedText::default().resolve("en", "en"),
            Resolved::default()
        );
    }
}
