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
