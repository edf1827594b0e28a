//! Test support: run a test body against a fresh, migrated database on every
//! backend — a SQLite file and a PostgreSQL database of its own.
//!
//! PostgreSQL is at `HEARD_TEST_POSTGRES` (default
//! `postgres://postgres@127.0.0.1:5432`). Each call creates a uniquely named
//! database and drops it afterwards, even when the test body panics. When the
//! server is unreachable the PostgreSQL half is skipped with a notice, unless
//! `REQUIRE_POSTGRES=1`, which CI sets.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use migrations::MigratorTrait;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use std::future::Future;

/// Which database a test body is running against, for assertion messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs `body` once on SQLite and once on PostgreSQL.
pub async fn on_each_backend<F, Fut>(body: F)
where
    F: Fn(DatabaseConnection, Backend) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    on_sqlite(|db| body(db, Backend::Sqlite)).await;
    on_postgres(|db| body(db, Backend::Postgres)).await;
}

/// Runs `body` on a fresh SQLite file, removed afterwards.
pub async fn on_sqlite<F, Fut>(body: F)
where
    F: FnOnce(DatabaseConnection) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let dir = std::env::temp_dir().join(format!("heard-test-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.join("heard.db").display());
    let db = crate::server::db::connect(&url).await.unwrap();
    migrations::Migrator::up(&db, None).await.unwrap();
    let outcome = tokio::spawn(bounded(body(db.clone()))).await;
    db.close().await.ok();
    std::fs::remove_dir_all(&dir).ok();
    if let Err(err) = outcome {
        std::panic::resume_unwind(err.into_panic());
    }
}

/// How long one test body may run before it counts as hung: 180 s, or
/// `HEARD_TEST_BODY_SECONDS` (the long runs of `make security`).
fn body_limit() -> std::time::Duration {
    let seconds = std::env::var("HEARD_TEST_BODY_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(180);
    std::time::Duration::from_secs(seconds)
}

/// Runs a test body, failing it (instead of hanging CI) past [`body_limit`].
async fn bounded(body: impl Future<Output = ()>) {
    let limit = body_limit();
    if tokio::time::timeout(limit, body).await.is_err() {
        panic!("test body still running after {limit:?}: hung");
    }
}

/// The PostgreSQL server tests use, without a database name.
pub fn postgres_server() -> String {
    std::env::var("HEARD_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_owned())
}

/// Creates a uniquely named, migrated PostgreSQL database. Returns its URL
/// and the admin connection to drop it with, or None (after a notice) when
/// PostgreSQL is unreachable and not required.
pub async fn create_postgres_database() -> Option<(String, String, DatabaseConnection)> {
    let server = postgres_server();
    let admin = match crate::server::db::connect(&format!("{server}/postgres")).await {
        Ok(admin) => admin,
        Err(err) => {
            if std::env::var("REQUIRE_POSTGRES").is_ok_and(|v| v == "1") {
                panic!("REQUIRE_POSTGRES=1 but PostgreSQL at {server} is unreachable: {err}");
            }
            eprintln!(
                "NOTICE: PostgreSQL at {server} is unreachable ({err}); skipping the PostgreSQL run."
            );
            return None;
        }
    };
    let name = format!("heard_test_{}", uuid::Uuid::new_v4().simple());
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    Some((name.clone(), format!("{server}/{name}"), admin))
}

/// Drops a database made by [`create_postgres_database`].
pub async fn drop_postgres_database(admin: &DatabaseConnection, name: &str) {
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .await
        .unwrap();
    admin.clone().close().await.ok();
}

/// Runs `body` on a fresh PostgreSQL database, dropped afterwards.
pub async fn on_postgres<F, Fut>(body: F)
where
    F: FnOnce(DatabaseConnection) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some((name, url, admin)) = create_postgres_database().await else {
        return;
    };
    let db = crate::server::db::connect(&url).await.unwrap();
    migrations::Migrator::up(&db, None).await.unwrap();
    let outcome = tokio::spawn(bounded(body(db.clone()))).await;
    db.close().await.ok();
    drop_postgres_database(&admin, &name).await;
    if let Err(err) = outcome {
        std::panic::resume_unwind(err.into_panic());
    }
}
