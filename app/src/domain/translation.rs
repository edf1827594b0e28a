//! Translating a survey: every piece of text an officer wrote, side by
//! side with the survey's own language, and how much of it each language
//! has. Text is found by its path in the definition, the same paths that
//! import problems use.

use super::{definition::SurveyDefinition, localized::LocalizedText};
use serde::{Deserialize, Serialize};

/// One piece of text to translate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Translatable {
    /// Where it is, like `pages[1].questions[0].prompt`.
    pub path: String,
    /// The text in the survey's own language.
    pub source: String,
    /// The translation so far (empty when missing).
    pub translation: String,
    /// Whether it is a long text (a textarea) rather than a line.
    pub long: bool,
}

/// Every piece of text of `def` that has words in its own language, in
/// document order, with a mutable handle for saving.
fn texts_mut(def: &mut SurveyDefinition) -> Vec<(String, bool, &mut LocalizedText)> {
    let mut out: Vec<(String, bool, &mut LocalizedText)> = vec![
        ("title".into(), false, &mut def.title),
        ("introduction".into(), true, &mut def.introduction),
        ("views_statement".into(), true, &mut def.views_statement),
    ];
    for (p, page) in def.pages.iter_mut().enumerate() {
        out.push((format!("pages[{p}].title"), false, &mut page.title));
        out.push((
            format!("pages[{p}].introduction"),
            true,
            &mut page.introduction,
        ));
        for (q, question) in page.questions.iter_mut().enumerate() {
            let at = format!("pages[{p}].questions[{q}]");
            out.push((format!("{at}.prompt"), true, &mut question.prompt));
            out.push((format!("{at}.help"), true, &mut question.help));
            for (o, option) in question.options.iter_mut().enumerate() {
                out.push((format!("{at}.options[{o}].label"), false, &mut option.label));
                out.push((
                    format!("{at}.options[{o}].image_alt"),
                    false,
                    &mut option.image_alt,
                ));
            }
        }
    }
    out
}

/// What there is to translate into `locale`.
pub fn translatables(def: &SurveyDefinition, locale: &str) -> Vec<Translatable> {
    let own = def.default_locale.clone();
    let mut copy = def.clone();
    texts_mut(&mut copy)
        .into_iter()
        .filter_map(|(path, long, text)| {
            let source = text.0.get(&own).filter(|t| !t.trim().is_empty())?.clone();
            Some(Translatable {
                path,
                source,
                translation: text.0.get(locale).cloned().unwrap_or_default(),
                long,
            })
        })
        .collect()
}

/// (translated, total) pieces of text for `locale`.
pub fn completion(def: &SurveyDefinition, locale: &str) -> (usize, usize) {
    let all = translatables(def, locale);
    let done = all
        .iter()
        .filter(|t| !t.translation.trim().is_empty())
        .count();
    (done, all.len())
}

/// A whole-number percentage, rounded down so 99.6% never shows as done.
pub fn percent((done, total): (usize, usize)) -> usize {
    (done * 100).checked_div(total).unwrap_or(100)
}

/// Saves posted translations into `locale`: each field is named by its
/// path; an empty one removes that translation. The survey's own language
/// cannot be changed here.
pub fn apply(def: &mut SurveyDefinition, locale: &str, fields: &[(String, String)]) {
    if locale == def.default_locale {
        return;
    }
    for (path, _, text) in texts_mut(def) {
        if let Some((_, value)) = fields.iter().find(|(k, _)| *k == path) {
            super::builder::set_text(text, locale, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{builder, survey::QuestionKind};

    fn survey() -> SurveyDefinition {
        let mut def = builder::new_survey("Short breaks", "The team reads these.", "s", "en");
        let fields: Vec<(String, String)> = [
            ("prompt", "Who?"),
            ("option_label_0", "Me"),
            ("option_label_1", "You"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
        builder::apply_question(
            &mut def,
            builder::QuestionAt::New(0, QuestionKind::SingleChoice),
            &fields,
        );
        def
    }

    #[test]
    fn only_written_text_counts_and_translations_fill_it() {
        let mut def = survey();
        assert_eq!(completion(&def, "pl"), (0, 5));
        let posted = vec![
            ("title".to_owned(), "Krótkie przerwy".to_owned()),
            ("pages[0].questions[0].prompt".to_owned(), "Kto?".to_owned()),
            (
                "pages[0].questions[0].options[1].label".to_owned(),
                "Ty".to_owned(),
            ),
            ("nonsense".to_owned(), "x".to_owned()),
        ];
        apply(&mut def, "pl", &posted);
        assert_eq!(completion(&def, "pl"), (3, 5));
        assert_eq!(percent(completion(&def, "pl")), 60);
        let missing: Vec<_> = translatables(&def, "pl")
            .into_iter()
            .filter(|t| t.translation.is_empty())
            .map(|t| t.path)
            .collect();
        assert_eq!(
            missing,
            ["views_statement", "pages[0].questions[0].options[0].label"]
        );
        // Emptying a field removes that translation; the own language is never touched here.
        apply(&mut def, "pl", &[("title".to_owned(), " ".to_owned())]);
        assert_eq!(completion(&def, "pl"), (2, 5));
        apply(
            &mut def,
            "en",
            &[("title".to_owned(), "Changed".to_owned())],
        );
        assert_eq!(def.title.0["en"], "Short breaks");
        assert_eq!(percent((2, 3)), 66);
        assert_eq!(percent((0, 0)), 100);
    }
}
