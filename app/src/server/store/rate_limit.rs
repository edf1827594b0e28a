//! Slowing down guessing: fixed-window counters of failed attempts, kept in
//! the database so every server sharing it applies the same limit. Only
//! failures count, so families behind one shared address (a school, a
//! council drop-in's wifi) are not locked out by each other's success.

use crate::{
    error::AppError,
    server::{db::begin_write, entities::rate_limit},
};
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
};

/// Whether `key` has already failed `limit` times in the current `window`.
pub async fn is_blocked(
    db: &DatabaseConnection,
    key: &str,
    limit: i32,
    window: Duration,
) -> Result<bool, AppError> {
    let row = rate_limit::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?;
    Ok(row.is_some_and(|r| Utc::now() - r.window_start < window && r.hits >= limit))
}

/// Counts one failed attempt under `key`, starting a new window when the
/// last one has passed.
pub async fn record_failure(
    db: &DatabaseConnection,
    key: &str,
    window: Duration,
) -> Result<(), AppError> {
    let now = Utc::now();
    let txn = begin_write(db).await?;
    // Counters from long-finished windows only take up room.
    rate_limit::Entity::delete_many()
        .filter(rate_limit::Column::WindowStart.lt(now - Duration::days(1)))
        .exec(&txn)
        .await?;
    match rate_limit::Entity::find_by_id(key.to_owned())
        .one(&txn)
        .await?
    {
        Some(row) => {
            let fresh = now - row.window_start >= window;
            let hits = if fresh { 1 } else { row.hits.saturating_add(1) };
            let mut row: rate_limit::ActiveModel = row.into();
            if fresh {
                row.window_start = Set(now);
            }
            row.hits = Set(hits);
            row.update(&txn).await?;
        }
        None => {
            rate_limit::ActiveModel {
                key: Set(key.to_owned()),
                window_start: Set(now),
                hits: Set(1),
            }
            .insert(&txn)
            .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}
