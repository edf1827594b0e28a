//! Fuzzing the parsers that take input from outside (proptest, on the
//! stable toolchain): arbitrary and mutated input never makes them panic.
//! `HEARD_FUZZ_CASES` sets the cases per target: 2,000 by default in
//! `make test`; `make security` runs millions in a release build.

use super::{
    definition::{self, Known, SurveyDefinition},
    survey::QuestionView,
    validation::{Completeness, validate},
};
use proptest::prelude::*;

/// A real survey file: the drop-in feedback form (a scale, a yes/no, a
/// multiple choice and written questions).
const TEMPLATE: &str = include_str!("../../templates/dropin-feedback.heard.json");

fn cases() -> u32 {
    std::env::var("HEARD_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_000)
}

fn template() -> SurveyDefinition {
    serde_json::from_str(TEMPLATE).unwrap_or_else(|e| panic!("the template parses: {e}"))
}

/// Every page's questions of the template, as a posted page is checked.
fn pages() -> Vec<Vec<QuestionView>> {
    definition::rule_pages(&template())
        .into_iter()
        .map(|p| p.questions)
        .collect()
}

/// Posts `pairs` to every page of the template, both ways it is checked.
fn post_everywhere(pages: &[Vec<QuestionView>], pairs: &[(String, String)]) {
    for questions in pages {
        let shown: Vec<&QuestionView> = questions.iter().collect();
        for completeness in [Completeness::Required, Completeness::Partial] {
            // Accepted or refused, never a panic.
            let _ = validate(&shown, pairs, completeness);
        }
    }
}

/// A survey file with `edits` made to the real one: each replaces the
/// bytes from an offset (taken modulo the length) with others.
fn mutated(edits: &[(usize, usize, Vec<u8>)]) -> Vec<u8> {
    let mut bytes = TEMPLATE.as_bytes().to_vec();
    for (at, cut, with) in edits {
        let at = at % (bytes.len() + 1);
        let end = (at + cut).min(bytes.len());
        bytes.splice(at..end, with.iter().copied());
    }
    bytes
}

/// Imports `text` as the builder does: parse, then the one check, then
/// the rule pages.
fn import(text: &str) {
    if let Ok(def) = serde_json::from_str::<SurveyDefinition>(text) {
        let known = Known {
            locales: vec!["en".into(), "pl".into(), "ur".into(), "en-easyread".into()],
            outcomes: vec![],
            priorities: vec![],
        };
        let _ = definition::check(&def, &known);
        let _ = definition::rule_pages(&def);
    }
}

/// JSON-ish fragments that reach deeper than random bytes.
fn fragment() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..12),
        Just(b"null".to_vec()),
        Just(b"[]".to_vec()),
        Just(b"{}".to_vec()),
        Just(b"\"\"".to_vec()),
        Just(b"-1".to_vec()),
        Just(b"99999999999999999999".to_vec()),
        Just("\"\u{202e}\u{0}\"".as_bytes().to_vec()),
        Just(b"\"show_if\":[{\"question\":\"x\",\"equals\":\"y\"}]".to_vec()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn no_posted_body_panics_the_form_parser_or_the_validator(
        body in proptest::collection::vec(any::<u8>(), 0..600),
    ) {
        let pairs: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
        post_everywhere(&pages(), &pairs);
    }

    #[test]
    fn no_value_in_a_real_field_panics_the_validator(
        picks in proptest::collection::vec((0usize..64, ".{0,80}"), 0..12),
    ) {
        let pages = pages();
        let mut names: Vec<String> = pages
            .iter()
            .flatten()
            .flat_map(|q| {
                let f = q.field();
                vec![format!("{f}-day"), format!("{f}-month"), format!("{f}-year"), f]
            })
            .collect();
        names.extend(["q0".into(), "q-1".into(), "q99999999999".into(), "action".into()]);
        let pairs: Vec<(String, String)> = picks
            .into_iter()
            .map(|(i, v)| (names[i % names.len()].clone(), v))
            .collect();
        post_everywhere(&pages, &pairs);
    }

    #[test]
    fn no_mutated_survey_file_panics_the_import(
        edits in proptest::collection::vec((any::<usize>(), 0usize..40, fragment()), 1..6),
    ) {
        if let Ok(text) = String::from_utf8(mutated(&edits)) {
            import(&text);
        }
    }

    #[test]
    fn no_text_at_all_panics_the_import(text in any::<String>()) {
        import(&text);
    }
}
