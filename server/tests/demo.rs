//! The demo is data: its survey is a survey file the builder's import page
//! accepts as it is, loading it gives back exactly that file, and it loads
//! once only, on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::{
    domain::definition::SurveyDefinition,
    server::{
        demo,
        entities::{
            action, dropin_series, dropin_session, outcome, priority, question, question_option,
            response, survey,
        },
        store::{definitions, surveys},
        testing::on_each_backend,
    },
};
use common::{Browser, app};
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};

/// Rows of everything the demo writes.
async fn counts(db: &DatabaseConnection) -> Vec<u64> {
    vec![
        outcome::Entity::find().count(db).await.unwrap(),
        priority::Entity::find().count(db).await.unwrap(),
        survey::Entity::find().count(db).await.unwrap(),
        question::Entity::find().count(db).await.unwrap(),
        question_option::Entity::find().count(db).await.unwrap(),
        dropin_series::Entity::find().count(db).await.unwrap(),
        dropin_session::Entity::find().count(db).await.unwrap(),
        action::Entity::find().count(db).await.unwrap(),
        response::Entity::find().count(db).await.unwrap(),
    ]
}

#[tokio::test]
async fn the_demo_loads_once_only() {
    on_each_backend(|db, backend| async move {
        assert!(demo::load_once_with(&db, 30).await.unwrap(), "{backend:?}");
        let first = counts(&db).await;
        assert!(first.iter().all(|n| *n > 0), "{backend:?}: {first:?}");
        assert!(!demo::load_once_with(&db, 30).await.unwrap(), "{backend:?}");
        assert!(!demo::load_once(&db).await.unwrap(), "{backend:?}");
        assert_eq!(counts(&db).await, first, "{backend:?}");
    })
    .await;
}

#[tokio::test]
async fn the_loaded_demo_survey_exports_as_its_file() {
    on_each_backend(|db, backend| async move {
        demo::load_once(&db).await.unwrap();
        let loaded = surveys::load_public(&db, demo::SURVEY_SLUG).await.unwrap();
        let exported =
            definitions::without_ids(definitions::of_survey(&db, &loaded).await.unwrap());
        assert_eq!(exported, demo::survey::definition().unwrap(), "{backend:?}");
        // Keys name the same questions the respondent's form carries.
        let form = loaded.form("en");
        let keys: Vec<_> = form.questions().map(|q| q.key.as_str()).collect();
        let in_file: Vec<_> = exported
            .pages
            .iter()
            .flat_map(|p| &p.questions)
            .map(|q| q.key.as_str())
            .collect();
        assert_eq!(keys, in_file, "{backend:?}");
    })
    .await;
}

#[tokio::test]
async fn the_builder_s_import_page_accepts_the_demo_file_as_it_is() {
    on_each_backend(|db, backend| async move {
        let (router, state) = app(db, 10).await;
        let mut officer = Browser::new(&router);
        officer.sign_in_as(app::domain::roles::Role::Officer).await;
        let imported = common::import(&mut officer, demo::survey::FILE).await;
        assert!(
            imported.location().ends_with("?done=imported"),
            "{backend:?}: {}",
            imported.body
        );
        let id: i32 = imported
            .location()
            .trim_start_matches("/officer/surveys/")
            .split(['/', '?'])
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let copy = definitions::load_by_id(&state.db, id).await.unwrap();
        let again =
            definitions::without_ids(definitions::of_survey(&state.db, &copy).await.unwrap());
        let file: SurveyDefinition = serde_json::from_str(demo::survey::FILE).unwrap();
        // The demo's own address is taken, so the copy gets the next free one.
        assert_eq!(copy.survey.slug, "big-send-survey-2", "{backend:?}");
        assert_eq!(
            SurveyDefinition {
                slug: file.slug.clone(),
                ..again
            },
            file,
            "{backend:?}"
        );
    })
    .await;
}
