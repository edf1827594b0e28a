//! The audit log: written beside each officer action, read by admins. There
//! is no update or delete here, and no route that could call one.

use crate::{
    domain::{
        audit::{AuditAction, AuditEntry, AuditFilter, AuditPage},
        roles::OfficerView,
    },
    server::entities::audit_log,
};
use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, NotSet,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

/// Entries on one page of the log.
pub const PAGE_SIZE: u64 = 50;

/// Who did something: a signed-in officer, or (for a failed sign-in) only
/// the address that was typed.
#[derive(Debug, Clone)]
pub enum Actor<'a> {
    Officer(&'a OfficerView),
    /// An account's own address, or a name such as `cli`.
    Typed(&'a str),
    /// Whatever was typed as an address that no account has: kept only as
    /// a short digest, since it may be a mistyped password or someone
    /// else's address. Repeats from one source still show as one actor.
    Unknown(&'a str),
}

/// How an unknown typed identifier is recorded: `unknown:` and the first
/// 12 hex digits of its SHA-256.
pub fn unknown_actor(typed: &str) -> String {
    let digest = crate::server::auth::secrets::digest(&typed.trim().to_lowercase());
    format!("unknown:{}", &digest[..12.min(digest.len())])
}

/// Records one action. `subject` names what it was done to ("user 4",
/// "survey big-send-survey"); `detail` says what changed.
pub async fn record(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    action: AuditAction,
    subject: &str,
    detail: &str,
) -> Result<(), DbErr> {
    let (actor_id, actor_email) = match actor {
        Actor::Officer(o) => (Some(o.id), o.email.clone()),
        // Lower-cased like stored addresses, so the filter finds it.
        Actor::Typed(email) => (
            None,
            email.trim().to_lowercase().chars().take(254).collect(),
        ),
        Actor::Unknown(typed) => (None, unknown_actor(typed)),
    };
    audit_log::ActiveModel {
        id: NotSet,
        at: Set(Utc::now()),
        actor_id: Set(actor_id),
        actor_email: Set(actor_email),
        action: Set(action.as_str().to_owned()),
        subject: Set(subject.chars().take(200).collect()),
        detail: Set(detail.chars().take(2000).collect()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// One page of entries matching `filter`, newest first.
pub async fn page(db: &impl ConnectionTrait, filter: AuditFilter) -> Result<AuditPage, DbErr> {
    let mut query = audit_log::Entity::find();
    if let Some(action) = filter.action {
        query = query.filter(audit_log::Column::Action.eq(action.as_str()));
    }
    let actor = filter.actor.trim().to_lowercase();
    if !actor.is_empty() {
        use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr};
        // `%` and `_` typed in the filter are literal characters.
        let escaped = actor
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let pattern = LikeExpr::new(format!("%{escaped}%")).escape('\\');
        query = query.filter(Expr::col(audit_log::Column::ActorEmail).like(pattern));
    }
    if let Some(from) = day_start(&filter.from, 0) {
        query = query.filter(audit_log::Column::At.gte(from));
    }
    if let Some(to) = day_start(&filter.to, 1) {
        query = query.filter(audit_log::Column::At.lt(to));
    }
    let total = query.clone().count(db).await?;
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = filter.page.clamp(1, pages);
    let rows = query
        .order_by_desc(audit_log::Column::At)
        .order_by_desc(audit_log::Column::Id)
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .all(db)
        .await?;
    let entries = rows
        .into_iter()
        .map(|row| AuditEntry {
            at: row.at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
            actor: row.actor_email,
            action: AuditAction::parse(&row.action),
            action_name: row.action,
            subject: row.subject,
            detail: row.detail,
        })
        .collect();
    Ok(AuditPage {
        entries,
        filter: AuditFilter { page, ..filter },
        total,
        pages,
    })
}

/// Midnight UTC at the start of `date` plus `days_later` days.
fn day_start(date: &str, days_later: i64) -> Option<chrono::DateTime<Utc>> {
    let day = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok()?;
    let day = day.checked_add_signed(chrono::Duration::days(days_later))?;
    Some(day.and_hms_opt(0, 0, 0)?.and_utc())
}
