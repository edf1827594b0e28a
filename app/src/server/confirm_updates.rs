//! Double opt-in for "You said, we did" updates. An address typed with a
//! response may be anyone's, so before any news goes to it, it gets one
//! email asking its owner to confirm (a page with a button: mail scanners
//! open links, so opening one is never enough). Unconfirmed addresses get
//! no news and are deleted after [`CONFIRM_DAYS`]. Marking it asked is a
//! conditional update, so of several servers exactly one sends it; one
//! address is asked at most [`ASKS_PER_ADDRESS`] times a day.

use super::{
    entities::{survey, update_request},
    mail::locale,
    store::outbox::{self, Message},
};
use crate::{
    AppError,
    i18n::{I18nLocaleTrait, td_string},
    i18n_support::fill,
    paths,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::Expr,
};

/// Days an address waits to be confirmed before it is deleted.
pub const CONFIRM_DAYS: i64 = 7;

/// Addresses asked per round.
const BATCH: u64 = 200;

/// Confirmation emails one address receives in a day, however many
/// answers name it: a script cannot use them to flood an inbox.
const ASKS_PER_ADDRESS: i32 = 2;

/// Queues the confirmation email of every address not yet asked; returns
/// how many.
pub async fn queue_due(
    db: &DatabaseConnection,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let waiting = update_request::Entity::find()
        .filter(update_request::Column::ConfirmedAt.is_null())
        .filter(update_request::Column::ConfirmationSentAt.is_null())
        .order_by_asc(update_request::Column::Id)
        .limit(BATCH)
        .all(db)
        .await?;
    let mut queued = 0;
    for request in waiting {
        let title = survey::Entity::find_by_id(request.survey_id)
            .one(db)
            .await?
            .map(|s| s.text(&s.title, &request.locale).text)
            .unwrap_or_default();
        let claimed = update_request::Entity::update_many()
            .col_expr(update_request::Column::ConfirmationSentAt, Expr::value(now))
            .filter(update_request::Column::Id.eq(request.id))
            .filter(update_request::Column::ConfirmationSentAt.is_null())
            .exec(db)
            .await?;
        if claimed.rows_affected != 1 {
            // Another server asked it.
            continue;
        }
        // Over the limit, the address stays asked without an email: it is
        // never confirmed, so it gets nothing and goes after CONFIRM_DAYS.
        let key = super::store::rate_limit::recipient_key("confirm-to", &request.email);
        let asks = super::store::rate_limit::attempt(db, &key, chrono::Duration::days(1)).await?;
        if asks <= ASKS_PER_ADDRESS {
            outbox::queue(db, message(&request, &title, base_url)).await?;
            queued += 1;
        }
    }
    Ok(queued)
}

/// "Do you want updates?", in the respondent's language.
pub fn message(request: &update_request::Model, survey: &str, base_url: &str) -> Message {
    let l = locale(&request.locale);
    let link = format!("{base_url}{}", paths::confirm_updates(&request.token));
    let days = CONFIRM_DAYS.to_string();
    let values = [
        ("survey", survey),
        ("link", link.as_str()),
        ("days", days.as_str()),
    ];
    Message {
        kind: "confirm_updates",
        to: request.email.clone(),
        locale: l.as_str().to_owned(),
        subject: fill(td_string!(l, confirm_updates.email_subject), &values),
        body_text: fill(td_string!(l, confirm_updates.email_body), &values),
        body_html: None,
        unsubscribe: None,
        response: Some(request.response_id),
        link: None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_email_carries_the_confirmation_link_in_the_respondent_s_language() {
        let request = update_request::Model {
            id: 1,
            survey_id: 1,
            response_id: 7,
            email: "p@example.org".into(),
            locale: "pl".into(),
            token: "0123456789abcdef0123456789abcdef".into(),
            created_at: Utc::now(),
            notified_event_id: 0,
            confirmed_at: None,
            confirmation_sent_at: None,
        };
        let m = message(&request, "Ankieta", "http://x");
        assert_eq!(
            (m.kind, m.locale.as_str(), m.response),
            ("confirm_updates", "pl", Some(7))
        );
        assert!(
            m.body_text
                .contains("http://x/updates/confirm/0123456789abcdef0123456789abcdef")
        );
        assert!(m.subject.contains("Ankieta") || m.body_text.contains("Ankieta"));
        assert!(!m.body_text.contains('{'), "{}", m.body_text);
    }
}
