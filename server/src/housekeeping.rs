//! Work no request waits for: deleting saved answers whose time is up, so a
//! survey that stopped taking answers does not keep unsent drafts forever;
//! deleting addresses kept for updates, and ending receipt codes, once
//! their survey's retention period is over; deleting officer sessions that have ended, so a stolen session
//! row is worth nothing and the table does not grow; and keeping SQLite's
//! query planner statistics fresh.

use app::server::state::Settings;
use sea_orm::DatabaseConnection;
use std::sync::Arc;
use std::time::Duration;

/// How often expired drafts are looked for.
const EVERY: Duration = Duration::from_secs(60 * 60);

/// Runs housekeeping now and then every hour, for as long as the server
/// runs. Every server may run it: deleting what has expired twice is harmless.
pub fn spawn(db: DatabaseConnection, settings: Arc<Settings>, contact_days: u32) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            match app::server::store::drafts::purge_expired(&db).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(deleted = n, "deleted expired saved answers"),
                Err(err) => tracing::warn!(error = %err, "could not delete expired saved answers"),
            }
            // Addresses given for updates go when their survey's time is up.
            match app::server::store::updates::purge_expired(&db, chrono::Utc::now(), contact_days)
                .await
            {
                Ok(0) => {}
                Ok(n) => tracing::info!(
                    deleted = n,
                    "deleted addresses kept for updates past their survey's retention"
                ),
                Err(err) => tracing::warn!(error = %err, "could not delete expired addresses"),
            }
            // Codes end then too: nobody can open those answers any more.
            match app::server::store::responses::expire_receipt_codes(
                &db,
                chrono::Utc::now(),
                contact_days,
            )
            .await
            {
                Ok(0) => {}
                Ok(n) => tracing::info!(
                    ended = n,
                    "ended receipt codes past their survey's retention"
                ),
                Err(err) => tracing::warn!(error = %err, "could not end expired receipt codes"),
            }
            let asked_before = chrono::Utc::now()
                - chrono::Duration::days(app::server::confirm_updates::CONFIRM_DAYS);
            match app::server::store::updates::purge_unconfirmed(&db, asked_before).await {
                Ok(0) => {}
                Ok(n) => {
                    tracing::info!(deleted = n, "deleted addresses for updates never confirmed")
                }
                Err(err) => tracing::warn!(error = %err, "could not delete unconfirmed addresses"),
            }
            match app::server::auth::sessions::purge(&db, &settings).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(deleted = n, "deleted ended officer sessions"),
                Err(err) => tracing::warn!(error = %err, "could not delete ended sessions"),
            }
            // Fresh planner statistics keep results queries on their indexes.
            if let Err(err) = app::server::db::refresh_statistics(&db).await {
                tracing::warn!(error = %err, "could not refresh the query planner's statistics");
            }
        }
    });
}
