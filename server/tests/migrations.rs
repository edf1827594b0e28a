//! Migrations on both backends: every one after the core undoes cleanly,
//! and a database made before pages existed gets one page per survey, so
//! its surveys keep working.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::server::{store::surveys, testing::on_each_backend};
use migrations::{Migrator, MigratorTrait};
use sea_orm::ConnectionTrait;

#[tokio::test]
async fn a_walking_skeleton_database_is_carried_forward() {
    on_each_backend(|db, backend| async move {
        // Back to the walking skeleton's schema: everything after the core
        // migration undone, the newest first.
        let after_core = u32::try_from(Migrator::migrations().len() - 1).unwrap();
        Migrator::down(&db, Some(after_core)).await.unwrap();
        for sql in [
            "INSERT INTO survey (slug, default_locale, title, introduction, views_statement, \
             estimated_minutes, status, created_at, updated_at) VALUES ('old', 'en', \
             '{\"en\":\"Old survey\"}', '{\"en\":\"Intro\"}', '{\"en\":\"Views\"}', 3, 'open', \
             '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
            "INSERT INTO question (survey_id, position, kind, prompt) \
             SELECT id, 0, 'long_text', '{\"en\":\"Anything else?\"}' FROM survey",
            "INSERT INTO question (survey_id, position, kind, prompt) \
             SELECT id, 1, 'short_text', '{\"en\":\"Your idea\"}' FROM survey",
        ] {
            db.execute_unprepared(sql).await.unwrap();
        }

        Migrator::up(&db, None).await.unwrap();
        let form = surveys::load_public(&db, "old").await.unwrap().form("en");
        assert_eq!(form.pages.len(), 1, "{backend:?}");
        let prompts: Vec<_> = form.questions().map(|q| q.prompt.text.as_str()).collect();
        assert_eq!(prompts, ["Anything else?", "Your idea"]);

        // And down and up again, with data in the new tables' columns.
        Migrator::down(&db, Some(after_core)).await.unwrap();
        Migrator::up(&db, None).await.unwrap();
        assert_eq!(
            surveys::load_public(&db, "old").await.unwrap().pages.len(),
            1
        );
    })
    .await;
}

#[tokio::test]
async fn answers_given_before_tallies_are_tallied_and_packed() {
    use app::server::{
        entities::{answer, option_tally, question_tally, response},
        store::{answers, definitions},
    };
    use sea_orm::{ActiveValue::Set, EntityTrait, NotSet};
    on_each_backend(|db, backend| async move {
        // The schema just before tallies and packed answers (every later
        // migration goes first).
        let all = Migrator::migrations();
        let at = all
            .iter()
            .position(|m| m.name() == "m20261130_000001_results_at_scale")
            .unwrap();
        Migrator::down(&db, Some(u32::try_from(all.len() - at).unwrap()))
            .await
            .unwrap();
        let def = serde_json::from_value(serde_json::json!({
            "format": "heard-survey", "version": 1, "slug": "before", "default_locale": "en",
            "title": {"en": "Before"}, "introduction": {"en": "Before"},
            "views_statement": {"en": "Before"}, "estimated_minutes": 2,
            "pages": [{"key": "one", "questions": [
                {"key": "help", "kind": "multiple_choice", "prompt": {"en": "Help?"},
                 "options": [{"value": "a", "label": {"en": "A"}},
                             {"value": "b", "label": {"en": "B"}},
                             {"value": "c", "label": {"en": "C"}}]},
                {"key": "say", "kind": "long_text", "prompt": {"en": "Say"}}
            ]}]
        }))
        .unwrap();
        let saved = definitions::insert(&db, &def).await.unwrap();
        let loaded = surveys::load(&db, saved).await.unwrap();
        let (multi, say) = {
            let mut qs = loaded.questions();
            let (m, options) = qs.next().unwrap();
            let (s, _) = qs.next().unwrap();
            (
                (m.id, options.iter().map(|o| o.id).collect::<Vec<_>>()),
                s.id,
            )
        };
        for id in [1, 2] {
            db.execute_unprepared(&format!(
                "INSERT INTO response (id, survey_id, submission_token, locale, submitted_at) \
                 VALUES ({id}, {}, 'token{id}', 'en', '2026-11-01T10:00:00Z')",
                loaded.survey.id
            ))
            .await
            .unwrap();
        }
        let row = |response, question, option, text: Option<&str>| answer::ActiveModel {
            id: NotSet,
            response_id: Set(response),
            question_id: Set(question),
            option_id: Set(option),
            text_value: Set(text.map(str::to_owned)),
            number_value: Set(None),
        };
        let (a, b) = (multi.1[0], multi.1[1]);
        answer::Entity::insert_many([
            row(1, multi.0, Some(a), None),
            row(1, multi.0, Some(b), None),
            row(1, say, None, Some("=SUM(A1) \"quoted\"")),
            row(2, multi.0, Some(b), None),
        ])
        .exec(&db)
        .await
        .unwrap();

        Migrator::up(&db, None).await.unwrap();
        let mut options: Vec<(i32, i64)> = option_tally::Entity::find()
            .all(&db)
            .await
            .unwrap()
            .into_iter()
            .map(|t| (t.option_id, t.n))
            .collect();
        options.sort();
        assert_eq!(options, [(a, 1), (b, 2)], "{backend:?}");
        let mut people: Vec<(i32, i64)> = question_tally::Entity::find()
            .all(&db)
            .await
            .unwrap()
            .into_iter()
            .map(|t| (t.question_id, t.n))
            .collect();
        people.sort();
        assert_eq!(people, [(multi.0, 2), (say, 1)], "{backend:?}");
        let first = response::Entity::find_by_id(1i64)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let packed = answers::unpack(&first.packed_answers).unwrap();
        let want = [
            (multi.0, Some(a), None),
            (multi.0, Some(b), None),
            (say, None, Some("=SUM(A1) \"quoted\"".to_owned())),
        ];
        let got: Vec<_> = packed
            .into_iter()
            .map(|r| (r.question, r.option, r.text))
            .collect();
        assert_eq!(got, want, "{backend:?}");
    })
    .await;
}
