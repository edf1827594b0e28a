//! "Tell me what happens because of these views": the addresses respondents
//! gave for "You said, we did" updates. Each can go at any time: by the
//! one-click unsubscribe link in every update, or by the respondent with
//! their receipt code.

use crate::server::entities::{outbox, survey, update_request};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

/// The address kept for updates about `response_id`, if any.
pub async fn of_response(
    db: &impl ConnectionTrait,
    response_id: i64,
) -> Result<Option<update_request::Model>, DbErr> {
    update_request::Entity::find()
        .filter(update_request::Column::ResponseId.eq(response_id))
        .one(db)
        .await
}

/// Deletes the address kept for `response_id`, and every email to it (an
/// address and its mail go together, here and in the purges below); true
/// when there was one.
pub async fn forget(db: &impl ConnectionTrait, response_id: i64) -> Result<bool, DbErr> {
    outbox::Entity::delete_many()
        .filter(outbox::Column::ResponseId.eq(response_id))
        .exec(db)
        .await?;
    let deleted = update_request::Entity::delete_many()
        .filter(update_request::Column::ResponseId.eq(response_id))
        .exec(db)
        .await?;
    Ok(deleted.rows_affected > 0)
}

/// The address a link's token names.
async fn by_token(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<update_request::Model>, DbErr> {
    update_request::Entity::find()
        .filter(update_request::Column::Token.eq(token))
        .one(db)
        .await
}

/// The survey an unsubscribe link is about, while the link still works.
pub async fn survey_of_token(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<survey::Model>, DbErr> {
    let Some(request) = by_token(db, token).await? else {
        return Ok(None);
    };
    survey::Entity::find_by_id(request.survey_id).one(db).await
}

/// Confirms the address a confirmation link names (double opt-in); false
/// when the link names no address (deleted, or never one).
pub async fn confirm(db: &impl ConnectionTrait, token: &str) -> Result<bool, DbErr> {
    use sea_orm::sea_query::Expr;
    let Some(request) = by_token(db, token).await? else {
        return Ok(false);
    };
    if request.confirmed_at.is_none() {
        update_request::Entity::update_many()
            .col_expr(
                update_request::Column::ConfirmedAt,
                Expr::value(chrono::Utc::now()),
            )
            .filter(update_request::Column::Id.eq(request.id))
            .filter(update_request::Column::ConfirmedAt.is_null())
            .exec(db)
            .await?;
    }
    Ok(true)
}

/// Deletes addresses asked to confirm before `asked_before` that never
/// were, with their mail. Returns how many went.
pub async fn purge_unconfirmed(
    db: &impl ConnectionTrait,
    asked_before: chrono::DateTime<chrono::Utc>,
) -> Result<u64, DbErr> {
    let stale = update_request::Entity::find()
        .filter(update_request::Column::ConfirmedAt.is_null())
        .filter(update_request::Column::ConfirmationSentAt.lt(asked_before))
        .all(db)
        .await?;
    for request in &stale {
        forget(db, request.response_id).await?;
    }
    Ok(stale.len() as u64)
}

/// Deletes the address an unsubscribe link names, and every email to it.
/// Repeating it is harmless.
pub async fn unsubscribe(db: &impl ConnectionTrait, token: &str) -> Result<bool, DbErr> {
    let Some(request) = by_token(db, token).await? else {
        return Ok(false);
    };
    forget(db, request.response_id).await
}

/// Deletes the addresses kept for surveys that closed more than `days`
/// days before `now`: the survey's contact retention period is over.
/// Returns how many went.
pub async fn purge_expired(
    db: &impl ConnectionTrait,
    now: chrono::DateTime<chrono::Utc>,
    days: u32,
) -> Result<u64, DbErr> {
    use sea_orm::sea_query::Query;
    let cutoff = now - chrono::Duration::days(i64::from(days));
    let expired = update_request::Column::SurveyId.in_subquery(
        Query::select()
            .column(survey::Column::Id)
            .from(survey::Entity)
            .and_where(survey::Column::ClosesAt.lt(cutoff))
            .to_owned(),
    );
    // Their mail first, while the requests still say whose it is.
    outbox::Entity::delete_many()
        .filter(
            outbox::Column::ResponseId.in_subquery(
                Query::select()
                    .column(update_request::Column::ResponseId)
                    .from(update_request::Entity)
                    .cond_where(expired.clone())
                    .to_owned(),
            ),
        )
        .exec(db)
        .await?;
    let deleted = update_request::Entity::delete_many()
        .filter(expired)
        .exec(db)
        .await?;
    Ok(deleted.rows_affected)
}

/// Shows an address only as much as its owner needs to recognise it:
/// `s…@example.org`.
pub fn masked(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}…@{domain}")
        }
        None => "…".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::masked;

    #[test]
    fn masking_keeps_the_first_letter_and_the_domain() {
        assert_eq!(masked("sam.jones@example.org"), "s…@example.org");
        assert_eq!(masked("ł@x.pl"), "ł…@x.pl");
        assert_eq!(masked("nonsense"), "…");
    }
}
