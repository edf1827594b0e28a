//! Which language to speak, decided once per request on the server.

/// The cookie that remembers a chosen language.
pub const COOKIE: &str = "heard_lang";

/// Interface languages, in the order the language switcher lists them.
/// Must match the files in `locales/` (a test checks).
pub const LOCALES: [(&str, &str); 4] = [
    ("en", "English"),
    (EASY_READ, "Easy read"),
    ("pl", "Polski"),
    ("ur", "اردو"),
];

/// Easy read: a variant of English (short sentences, one idea each, symbols
/// beside options), for the interface and for survey content. The variant
/// subtag keeps `lang` valid BCP 47 whose language is still English.
pub const EASY_READ: &str = "en-easyread";

/// The interface language codes alone.
pub fn locale_codes() -> impl Iterator<Item = &'static str> {
    LOCALES.iter().map(|(code, _)| *code)
}

/// Fills `{name}` placeholders in a translated string.
///
/// leptos_i18n 0.6 interpolates `{{ name }}` only into views unless its
/// `interpolate_display` option is on, which its build-script configuration
/// does not reach. Strings needed as plain text (mail, messages handed to
/// islands) therefore use single braces in `locales/` and are filled here.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

/// Text direction for a language code: right-to-left scripts need `dir="rtl"`.
pub fn direction(code: &str) -> &'static str {
    if matches!(
        code.split('-').next(),
        Some("ur" | "ar" | "fa" | "he" | "ps" | "ckb")
    ) {
        "rtl"
    } else {
        "ltr"
    }
}

/// Picks the language: an explicit `?lang=` choice, then the remembered
/// cookie, then the browser's preferences, then the site default. Unknown
/// values at any step are skipped, never trusted.
#[cfg(feature = "ssr")]
pub fn negotiate(
    query: Option<&str>,
    cookie: Option<&str>,
    accept_language: Option<&str>,
    default: &str,
) -> &'static str {
    let known = |tag: &str| {
        LOCALES
            .iter()
            .map(|(code, _)| *code)
            .find(|code| *code == tag)
    };
    query
        .and_then(known)
        .or_else(|| cookie.and_then(known))
        .or_else(|| {
            // Preferences in quality order; "pl-PL" matches "pl".
            accept_language
                .map(accept_language::parse)
                .and_then(|tags| {
                    tags.iter().find_map(|tag| {
                        known(
                            tag.split('-')
                                .next()
                                .unwrap_or_default()
                                .to_ascii_lowercase()
                                .as_str(),
                        )
                    })
                })
        })
        .or_else(|| known(default))
        .unwrap_or("en")
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn query_beats_cookie_beats_browser_beats_default() {
        assert_eq!(negotiate(Some("ur"), Some("pl"), Some("en"), "en"), "ur");
        assert_eq!(negotiate(None, Some("pl"), Some("ur"), "en"), "pl");
        assert_eq!(
            negotiate(None, None, Some("ur-PK,ur;q=0.9,en;q=0.5"), "en"),
            "ur"
        );
        assert_eq!(negotiate(None, None, Some("pl-PL"), "en"), "pl");
        assert_eq!(negotiate(None, None, None, "pl"), "pl");
    }

    #[test]
    fn unknown_or_hostile_values_are_skipped() {
        assert_eq!(
            negotiate(Some("xx"), Some("<script>"), Some("de-DE,fr;q=0.8"), "en"),
            "en"
        );
        assert_eq!(negotiate(Some(""), None, Some(""), "ur"), "ur");
    }
}

#[cfg(test)]
mod locale_files {
    use super::LOCALES;
    use std::{collections::BTreeSet, path::PathBuf};

    fn keys(value: &serde_json::Value, prefix: &str, out: &mut BTreeSet<String>) {
        if let serde_json::Value::Object(map) = value {
            for (key, child) in map {
                keys(child, &format!("{prefix}{key}."), out);
            }
        } else {
            out.insert(prefix.trim_end_matches('.').to_owned());
        }
    }

    fn locale_keys(code: &str) -> BTreeSet<String> {
        let path =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../locales/{code}.json"));
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let json: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{code}.json: {e}"));
        let mut out = BTreeSet::new();
        keys(&json, "", &mut out);
        out
    }

    /// leptos_i18n only warns about a missing key and falls back to English;
    /// this makes a missing or extra key a failure.
    #[test]
    fn every_locale_has_exactly_the_english_keys() {
        let english = locale_keys("en");
        for (code, _) in LOCALES {
            let here = locale_keys(code);
            let missing: Vec<_> = english.difference(&here).collect();
            let extra: Vec<_> = here.difference(&english).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{code}.json: missing {missing:?}, extra {extra:?}"
            );
        }
    }

    #[test]
    fn the_switcher_lists_every_locale_file() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../locales");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| {
                e.ok()?
                    .file_name()
                    .to_str()?
                    .strip_suffix(".json")
                    .map(str::to_owned)
            })
            .collect();
        files.sort();
        let mut listed: Vec<String> = LOCALES.iter().map(|(c, _)| (*c).to_owned()).collect();
        listed.sort();
        assert_eq!(files, listed);
    }
}
