//! Opening the database: SQLite by default, PostgreSQL for larger deployments.
//!
//! sqlx leaves SQLite in its slowest, least concurrent mode (rollback journal,
//! no busy timeout, foreign keys off), so every connection is set up here.

use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
    sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous},
};
use std::time::Duration;

/// How long a SQLite writer waits for another before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Connects to `url` (`sqlite://…` or `postgres://…`), creating a SQLite file if needed.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_pool(url, if url.starts_with("sqlite:") { 8 } else { 20 }).await
}

/// One connection, for schema maintenance: sea-orm's `fresh` on SQLite turns
/// foreign keys off and on with separate statements, and with a pool those
/// can land on different connections, leaving one without foreign keys.
pub async fn connect_single(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_pool(url, 1).await
}

async fn connect_pool(url: &str, max_connections: u32) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .acquire_timeout(Duration::from_secs(10))
        .connect_timeout(Duration::from_secs(10));
    // WAL lets readers run beside the one writer, so a small pool helps on
    // SQLite too; sea-orm would otherwise force a single connection.
    options.max_connections(max_connections).min_connections(1);
    if url.starts_with("sqlite:") {
        options.map_sqlx_sqlite_opts(sqlite_options);
    }
    Database::connect(options).await
}

/// WAL for concurrent readers; synchronous FULL because an acknowledged answer
/// from a family must survive a power cut; foreign keys on, as PostgreSQL has them.
fn sqlite_options(options: SqliteConnectOptions) -> SqliteConnectOptions {
    options
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .busy_timeout(BUSY_TIMEOUT)
        .foreign_keys(true)
}

/// Begins a transaction that will write.
///
/// On SQLite it takes the write lock at `BEGIN IMMEDIATE`: a deferred
/// transaction that reads and then writes fails at once with SQLITE_BUSY,
/// because the busy timeout cannot apply to a lock upgrade.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    let sqlite = db.get_database_backend() == DbBackend::Sqlite;
    db.begin_with_options(TransactionOptions {
        isolation_level: None,
        access_mode: None,
        sqlite_transaction_mode: sqlite.then_some(SqliteTransactionMode::Immediate),
    })
    .await
}

/// Refreshes the query planner's statistics. SQLite keeps none until told,
/// and without them (or with a sampled `analysis_limit`, which saw one
/// question in the first thousand index entries and guessed a thousand
/// answers per question instead of a hundred thousand) it drives filtered
/// counts from the wrong index. A full ANALYZE reads every index once:
/// about half a second at 3 million answers, hourly, while readers carry
/// on. PostgreSQL samples well; its ANALYZE keeps the figures fresh between
/// autovacuum's own runs.
pub async fn refresh_statistics(db: &DatabaseConnection) -> Result<(), DbErr> {
    use sea_orm::ConnectionTrait;
    if db.get_database_backend() != DbBackend::Sqlite {
        return db.execute_unprepared("ANALYZE").await.map(|_| ());
    }
    // One connection for both: the limit is a setting of the connection.
    let txn = begin_write(db).await?;
    txn.execute_unprepared("PRAGMA analysis_limit=0").await?;
    txn.execute_unprepared("ANALYZE").await?;
    txn.commit().await
}
