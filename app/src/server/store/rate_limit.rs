//! Slowing down guessing: fixed-window counters kept in the database, so
//! every server sharing it applies the same limit.
//!
//! An attempt is counted *before* it is tried, with one atomic upsert, so a
//! burst of parallel requests cannot all slip past a check; a success is
//! then forgiven, so families behind one shared address (a school, a
//! drop-in's wifi) are not locked out by each other's successes.

use crate::{
    error::AppError,
    server::{db::begin_write, entities::rate_limit},
};
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait, OnConflict},
};

/// Counts one attempt under `key` and returns how many there have been in
/// the current `window` (a window older than that starts again at 1).
pub async fn attempt(
    db: &DatabaseConnection,
    key: &str,
    window: Duration,
) -> Result<i32, AppError> {
    let now = Utc::now();
    let txn = begin_write(db).await?;
    // Counters from long-finished windows only take up room.
    rate_limit::Entity::delete_many()
        .filter(rate_limit::Column::WindowStart.lt(now - Duration::days(1)))
        .exec(&txn)
        .await?;
    rate_limit::Entity::update_many()
        .col_expr(rate_limit::Column::Hits, Expr::value(0))
        .col_expr(rate_limit::Column::WindowStart, Expr::value(now))
        .filter(rate_limit::Column::Key.eq(key))
        .filter(rate_limit::Column::WindowStart.lte(now - window))
        .exec(&txn)
        .await?;
    rate_limit::Entity::insert(rate_limit::ActiveModel {
        key: Set(key.to_owned()),
        window_start: Set(now),
        hits: Set(1),
    })
    .on_conflict(
        OnConflict::column(rate_limit::Column::Key)
            .value(
                rate_limit::Column::Hits,
                Expr::col((rate_limit::Entity, rate_limit::Column::Hits)).add(1),
            )
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    let hits = rate_limit::Entity::find_by_id(key.to_owned())
        .one(&txn)
        .await?
        .map_or(1, |r| r.hits);
    txn.commit().await?;
    Ok(hits)
}

/// Takes back one attempt under `key` (it succeeded).
pub async fn forgive(db: &DatabaseConnection, key: &str) -> Result<(), AppError> {
    rate_limit::Entity::update_many()
        .col_expr(
            rate_limit::Column::Hits,
            Expr::col(rate_limit::Column::Hits).sub(1),
        )
        .filter(rate_limit::Column::Key.eq(key))
        .filter(rate_limit::Column::Hits.gt(0))
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets every attempt under `key` (an account signed in successfully).
pub async fn reset(db: &DatabaseConnection, key: &str) -> Result<(), AppError> {
    rate_limit::Entity::delete_by_id(key.to_owned())
        .exec(db)
        .await?;
    Ok(())
}

/// The key a limit on mail to `email` counts under: a digest of the
/// address, so the limits table never holds anyone's address.
pub fn recipient_key(purpose: &str, email: &str) -> String {
    let address = crate::domain::accounts::normalise_email(email);
    format!(
        "{purpose}:{}",
        crate::server::auth::secrets::digest(&address)
    )
}

/// The part of a client's address that identifies it for limits: the whole
/// IPv4 address, or the /64 network of an IPv6 one (a single household or
/// phone can rotate through a /64 at will). An IPv4 client reaching a
/// server bound to `[::]` arrives as `::ffff:a.b.c.d`, and is keyed by its
/// IPv4 address, not by the one /64 every such client shares.
pub fn client_key(ip: std::net::IpAddr) -> String {
    match ip.to_canonical() {
        std::net::IpAddr::V4(v4) => v4.to_string(),
        std::net::IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::client_key;

    #[test]
    fn ipv6_clients_are_counted_by_their_network() {
        let a = client_key("2001:db8:1:2:aaaa::1".parse().unwrap());
        let b = client_key("2001:db8:1:2:bbbb::9".parse().unwrap());
        assert_eq!(a, b);
        assert_eq!(client_key("192.0.2.7".parse().unwrap()), "192.0.2.7");
    }

    #[test]
    fn ipv4_mapped_clients_are_keyed_by_their_ipv4_address() {
        assert_eq!(client_key("::ffff:192.0.2.7".parse().unwrap()), "192.0.2.7");
        assert_ne!(
            client_key("::ffff:192.0.2.7".parse().unwrap()),
            client_key("::ffff:198.51.100.1".parse().unwrap())
        );
    }
}
