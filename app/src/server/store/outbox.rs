//! The outbox: every message Heard sends is a row here first, so nothing is
//! lost when the mail server is down or the process restarts. The mail
//! worker (in the `server` crate) claims due rows under a lease, sends
//! them, and marks them sent or schedules a retry. A claim is one
//! conditional UPDATE, so of several workers racing for a row exactly one
//! wins, on SQLite and PostgreSQL alike.

use crate::server::entities::{account_token::LinkPurpose, outbox};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, NotSet, QueryFilter, QueryOrder,
    QuerySelect,
    sea_query::{Expr, ExprTrait},
};

/// A message to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub kind: &'static str,
    pub to: String,
    pub locale: String,
    pub subject: String,
    pub body_text: String,
    /// An HTML alternative to the plain text, when the message has one.
    pub body_html: Option<String>,
    /// The one-click unsubscribe address, for messages people opted in to.
    pub unsubscribe: Option<String>,
    /// The response whose address this goes to (update emails).
    pub response: Option<i64>,
    /// For an invitation or reset: the account whose one-time link fills
    /// [`LINK_SLOT`] when the message is sent.
    pub link: Option<(i32, LinkPurpose)>,
}

/// Where a one-time link goes in a queued body. The worker issues the
/// link as it sends, so the outbox never holds a live link in clear, and
/// a message that waits out a mail server's outage still works.
pub const LINK_SLOT: &str = "\u{2063}heard-link\u{2063}";

/// Adds a message to the outbox, due at once.
pub async fn queue(db: &impl ConnectionTrait, message: Message) -> Result<i64, DbErr> {
    let now = Utc::now();
    let row = outbox::ActiveModel {
        id: NotSet,
        kind: Set(message.kind.to_owned()),
        to_address: Set(message.to),
        locale: Set(message.locale),
        subject: Set(message.subject),
        body_text: Set(message.body_text),
        body_html: Set(message.body_html),
        created_at: Set(now),
        next_attempt_at: Set(now),
        attempts: Set(0),
        sent_at: Set(None),
        last_error: Set(None),
        claim_token: Set(None),
        claimed_until: Set(None),
        failed_at: Set(None),
        list_unsubscribe: Set(message.unsubscribe),
        response_id: Set(message.response),
        link_user_id: Set(message.link.map(|l| l.0)),
        link_purpose: Set(message.link.map(|l| l.1)),
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Rows no one holds that are waiting and due at `now`.
fn unclaimed_and_due(now: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(outbox::Column::SentAt.is_null())
        .add(outbox::Column::FailedAt.is_null())
        .add(outbox::Column::NextAttemptAt.lte(now))
        .add(
            Condition::any()
                .add(outbox::Column::ClaimedUntil.is_null())
                .add(outbox::Column::ClaimedUntil.lte(now)),
        )
}

/// Up to `limit` messages due at `now` that no worker holds, oldest first.
/// Another worker may claim any of them first: see [`claim`].
pub async fn due(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<outbox::Model>, DbErr> {
    outbox::Entity::find()
        .filter(unclaimed_and_due(now))
        .order_by_asc(outbox::Column::NextAttemptAt)
        .order_by_asc(outbox::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// Takes message `id` for `token` until `until`, if it is still due and
/// unclaimed. True when this caller won it and may send it.
pub async fn claim(
    db: &impl ConnectionTrait,
    id: i64,
    token: &str,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let result = outbox::Entity::update_many()
        .col_expr(outbox::Column::ClaimToken, Expr::value(token))
        .col_expr(outbox::Column::ClaimedUntil, Expr::value(until))
        .filter(outbox::Column::Id.eq(id))
        .filter(unclaimed_and_due(now))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// What became of one delivery attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    Sent,
    /// Try again at this time.
    RetryAt(DateTime<Utc>, String),
    /// Stop trying: the server refused for good, or retries ran out.
    GiveUp(String),
}

/// Records an attempt on a message this worker claimed with `token`. A
/// worker whose lease ran out and was overtaken changes nothing.
pub async fn record(
    db: &impl ConnectionTrait,
    id: i64,
    token: &str,
    now: DateTime<Utc>,
    attempt: Attempt,
) -> Result<(), DbErr> {
    let update = outbox::Entity::update_many()
        .col_expr(
            outbox::Column::Attempts,
            Expr::col(outbox::Column::Attempts).add(1),
        )
        .col_expr(outbox::Column::ClaimToken, Expr::value(None::<String>))
        .col_expr(
            outbox::Column::ClaimedUntil,
            Expr::value(None::<DateTime<Utc>>),
        );
    let update = match attempt {
        Attempt::Sent => blank(update)
            .col_expr(outbox::Column::SentAt, Expr::value(now))
            .col_expr(outbox::Column::LastError, Expr::value(None::<String>)),
        Attempt::RetryAt(at, error) => update
            .col_expr(outbox::Column::NextAttemptAt, Expr::value(at))
            .col_expr(outbox::Column::LastError, Expr::value(error)),
        Attempt::GiveUp(error) => blank(update)
            .col_expr(outbox::Column::FailedAt, Expr::value(now))
            .col_expr(outbox::Column::LastError, Expr::value(error)),
    };
    update
        .filter(outbox::Column::Id.eq(id))
        .filter(outbox::Column::ClaimToken.eq(token))
        .exec(db)
        .await?;
    Ok(())
}

/// Once a message is done with, the row keeps only what it was and when:
/// not the address, not the bodies with their codes and links.
fn blank(update: sea_orm::UpdateMany<outbox::Entity>) -> sea_orm::UpdateMany<outbox::Entity> {
    update
        .col_expr(outbox::Column::ToAddress, Expr::value(""))
        .col_expr(outbox::Column::BodyText, Expr::value(""))
        .col_expr(outbox::Column::BodyHtml, Expr::value(None::<String>))
        .col_expr(outbox::Column::ListUnsubscribe, Expr::value(None::<String>))
}

/// Deletes every message to the address kept for `response_id`, sent or
/// not: the address was deleted or the answers withdrawn.
pub async fn forget_response(db: &impl ConnectionTrait, response_id: i64) -> Result<u64, DbErr> {
    Ok(outbox::Entity::delete_many()
        .filter(outbox::Column::ResponseId.eq(response_id))
        .exec(db)
        .await?
        .rows_affected)
}
