//! The Big SEND Survey: `app/demo/big-send-survey.heard.json`, an ordinary
//! survey file in English, Urdu, Polish and easy read, loaded as an
//! officer's import is (checked, then written by `store::definitions`) and
//! opened at once.

use crate::domain::definition::SurveyDefinition;
use crate::server::{
    entities::survey,
    store::{
        definitions::{self, SaveError},
        surveys::{self, Loaded},
    },
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr, IntoActiveModel};

/// The survey file, exactly as the builder would export it.
pub const FILE: &str = include_str!("../../../demo/big-send-survey.heard.json");

/// The demo survey as a document.
pub fn definition() -> Result<SurveyDefinition, DbErr> {
    serde_json::from_str(FILE)
        .map_err(|e| DbErr::Custom(format!("demo big-send-survey.heard.json: {e}")))
}

/// Imports the survey (the outcomes and priorities it is tagged with must
/// be there already) and opens it.
pub async fn insert(txn: &impl ConnectionTrait) -> Result<Loaded, DbErr> {
    let row = definitions::insert(txn, &definition()?)
        .await
        .map_err(|e| match e {
            SaveError::Invalid(problems) => {
                DbErr::Custom(format!("the demo survey file is refused: {problems:?}"))
            }
            SaveError::App(e) => DbErr::Custom(format!("importing the demo survey: {e}")),
        })?;
    let mut open = row.into_active_model();
    open.status = Set(survey::Status::Open);
    let row = open.update(txn).await?;
    surveys::load(txn, row)
        .await
        .map_err(|e| DbErr::Custom(format!("reading the demo survey back: {e}")))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;
    use crate::domain::{
        definition::{Known, check},
        localized::LocalizedText,
        survey::QuestionKind,
    };
    use std::collections::HashSet;

    /// What the demo installation knows: every language, and the demo's
    /// own outcomes and priorities.
    fn known() -> Known {
        let t = super::super::taxonomy::taxonomy().unwrap();
        Known {
            locales: crate::i18n_support::locale_codes()
                .map(str::to_owned)
                .collect(),
            outcomes: t.outcomes.into_iter().map(|o| o.key).collect(),
            priorities: t.priorities.iter().map(|p| p.number.to_string()).collect(),
        }
    }

    #[test]
    fn the_demo_file_passes_the_check_an_import_runs_as_it_is() {
        assert_eq!(check(&definition().unwrap(), &known()), vec![]);
    }

    #[test]
    fn the_demo_file_is_what_an_export_writes() {
        // No ids, and the same bytes as serialising it again.
        let def = definition().unwrap();
        assert_eq!(definitions::without_ids(def.clone()), def);
        let again = serde_json::to_string_pretty(&def).unwrap() + "\n";
        assert_eq!(again, FILE);
    }

    #[test]
    fn every_demo_text_has_an_easy_read_version() {
        let def = definition().unwrap();
        let easy = |t: &LocalizedText, what: &str| {
            assert!(
                t.0.contains_key(crate::i18n_support::EASY_READ),
                "{what} {:?} has no easy read version",
                t.0.get("en")
            );
        };
        for page in &def.pages {
            easy(&page.title, "a page title");
            if !page.introduction.0.is_empty() {
                easy(&page.introduction, "a page introduction");
            }
            for q in &page.questions {
                easy(&q.prompt, "a prompt");
                if !q.help.0.is_empty() {
                    easy(&q.help, "help text");
                }
                for o in q.options.iter().filter(|o| o.special.is_none()) {
                    if !o.label.0.is_empty() {
                        easy(&o.label, "an option");
                    }
                    if o.image.is_some() {
                        easy(&o.image_alt, "an image's alt text");
                    }
                }
            }
        }
    }

    #[test]
    fn the_demo_shows_every_kind_and_branches() {
        let def = definition().unwrap();
        let questions: Vec<_> = def.pages.iter().flat_map(|p| &p.questions).collect();
        let kinds: HashSet<_> = questions
            .iter()
            .map(|q| QuestionKind::parse(&q.kind).unwrap())
            .collect();
        assert_eq!(
            kinds.len(),
            QuestionKind::ALL.len(),
            "the demo shows every kind"
        );
        assert!(def.pages.iter().any(|p| !p.show_if.is_empty()));
        assert!(questions.iter().any(|q| !q.show_if.is_empty()));
        assert!(
            questions
                .iter()
                .any(|q| q.options.iter().any(|o| o.image.is_some()))
        );
        assert!(
            questions
                .iter()
                .any(|q| q.options.iter().any(|o| o.special.is_some()))
        );
    }
}
