//! Work no request waits for: deleting saved answers whose time is up, so a
//! survey that stopped taking answers does not keep unsent drafts forever.

use sea_orm::DatabaseConnection;
use std::time::Duration;

/// How often expired drafts are looked for.
const EVERY: Duration = Duration::from_secs(60 * 60);

/// Runs housekeeping now and then every hour, for as long as the server
/// runs. Every server may run it: deleting what has expired twice is harmless.
pub fn spawn(db: DatabaseConnection) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            match app::server::store::drafts::purge_expired(&db).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(deleted = n, "deleted expired saved answers"),
                Err(err) => tracing::warn!(error = %err, "could not delete expired saved answers"),
            }
        }
    });
}
