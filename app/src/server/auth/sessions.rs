//! Officer sessions, kept in the database so that any server can check
//! them. The cookie holds a 256-bit secret; the table holds its digest.

use super::secrets::{digest, is_secret, new_secret};
use crate::{
    domain::roles::{OfficerView, Role},
    server::{
        entities::{officer_session, user_account},
        state::Settings,
    },
};
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait},
};

/// The session cookie's name. Scoped to `/officer`, so respondents' pages
/// never receive it. Over HTTPS it carries the `__Secure-` prefix, so a
/// browser only accepts it from a secure page.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Secure-heard_session"
    } else {
        "heard_session"
    }
}
/// The cookie's path.
pub const COOKIE_PATH: &str = "/officer";
/// A session's last-seen time is written at most this often.
const TOUCH_EVERY_SECONDS: i64 = 60;

/// Starts a session for `user_id`; returns the cookie's secret.
pub async fn start(
    db: &impl ConnectionTrait,
    user_id: i32,
    settings: &Settings,
) -> Result<String, DbErr> {
    let secret = new_secret();
    let now = Utc::now();
    officer_session::ActiveModel {
        id: Set(digest(&secret)),
        user_id: Set(user_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + Duration::hours(i64::from(settings.session_max_hours))),
    }
    .insert(db)
    .await?;
    Ok(secret)
}

/// The officer signed in with `secret`, if the session is live and the
/// account active. A live session's last-seen time moves on.
pub async fn resolve(
    db: &impl ConnectionTrait,
    secret: &str,
    settings: &Settings,
) -> Result<Option<OfficerView>, DbErr> {
    if !is_secret(secret) {
        return Ok(None);
    }
    let id = digest(secret);
    let Some((session, Some(user))) = officer_session::Entity::find_by_id(id.clone())
        .find_also_related(user_account::Entity)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let now = Utc::now();
    let idle = Duration::minutes(i64::from(settings.session_idle_minutes));
    let role = Role::parse(&user.role);
    if session.expires_at <= now
        || session.last_seen_at + idle <= now
        || !user.active
        || role.is_none()
    {
        officer_session::Entity::delete_by_id(id).exec(db).await?;
        return Ok(None);
    }
    if session.last_seen_at + Duration::seconds(TOUCH_EVERY_SECONDS) <= now {
        officer_session::Entity::update_many()
            .col_expr(officer_session::Column::LastSeenAt, Expr::value(now))
            .filter(officer_session::Column::Id.eq(id))
            .exec(db)
            .await?;
    }
    Ok(role.map(|role| OfficerView {
        id: user.id,
        email: user.email,
        name: user.name,
        role,
    }))
}

/// Ends the session with `secret` (signing out).
pub async fn end(db: &impl ConnectionTrait, secret: &str) -> Result<(), DbErr> {
    if is_secret(secret) {
        officer_session::Entity::delete_by_id(digest(secret))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Ends every session of `user_id` (a new password, a lost role).
pub async fn end_all(db: &impl ConnectionTrait, user_id: i32) -> Result<(), DbErr> {
    officer_session::Entity::delete_many()
        .filter(officer_session::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes sessions past their end (housekeeping).
pub async fn purge(db: &impl ConnectionTrait, settings: &Settings) -> Result<u64, DbErr> {
    let now = Utc::now();
    let idle = Duration::minutes(i64::from(settings.session_idle_minutes));
    let gone = officer_session::Entity::delete_many()
        .filter(
            officer_session::Column::ExpiresAt
                .lte(now)
                .or(officer_session::Column::LastSeenAt.lte(now - idle)),
        )
        .exec(db)
        .await?;
    Ok(gone.rows_affected)
}
