//! "You said, we did" updates by email. When an action is published or its
//! status changes, everyone who asked for updates on a survey its evidence
//! draws on hears about it, batched: news waits [`Digest::delay`] after
//! its first item, then one email carries everything new since the last
//! one, in the respondent's language, as plain text and HTML, with
//! one-click unsubscribe. Each address keeps the id of the last timeline
//! entry it was told of; advancing it and queueing the email happen in one
//! transaction that only one server can win, so nobody gets a digest twice.

use super::{
    db::begin_write,
    entities::{action, action_event, action_evidence, update_request},
    mail::locale,
    store::outbox::{self, Message},
};
use crate::{
    AppError,
    domain::actions::{ActionStatus, EventKind},
    i18n::{I18nLocaleTrait, td_string},
    i18n_support::fill,
    paths,
};
use chrono::{DateTime, Duration, Utc};
use html_escape::encode_text;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::Query,
};

/// Subscribers looked at per round.
const BATCH: u64 = 500;

/// The timeline entries that are news to people who asked for updates, as stored.
fn news() -> [&'static str; 2] {
    EventKind::NEWS.map(EventKind::as_str)
}

/// How digests are made.
#[derive(Debug, Clone)]
pub struct Digest {
    /// The public base URL, for links.
    pub base_url: String,
    /// How long news waits for more before it is sent.
    pub delay: Duration,
}

/// One action in a digest, as it stands now.
struct Item {
    id: i32,
    status: ActionStatus,
    you_said: String,
    we_did: String,
}

impl Digest {
    /// Queues every digest that is due at `now`; returns how many.
    pub async fn queue_due(
        &self,
        db: &DatabaseConnection,
        now: DateTime<Utc>,
    ) -> Result<usize, AppError> {
        let Some(latest) = action_event::Entity::find()
            .select_only()
            .column_as(action_event::Column::Id.max(), "m")
            .filter(action_event::Column::Kind.is_in(news()))
            .into_tuple::<Option<i64>>()
            .one(db)
            .await?
            .flatten()
        else {
            return Ok(0);
        };
        let mut queued = 0;
        let mut after = 0;
        loop {
            let subscribers = update_request::Entity::find()
                // Double opt-in: no news to an address its owner never confirmed.
                .filter(update_request::Column::ConfirmedAt.is_not_null())
                .filter(update_request::Column::NotifiedEventId.lt(latest))
                .filter(update_request::Column::Id.gt(after))
                .order_by_asc(update_request::Column::Id)
                .limit(BATCH)
                .all(db)
                .await?;
            let Some(last) = subscribers.last() else {
                break;
            };
            after = last.id;
            for subscriber in subscribers {
                if self.one(db, &subscriber, latest, now).await? {
                    queued += 1;
                }
            }
        }
        Ok(queued)
    }

    /// Queues `subscriber`'s digest if it has news that has waited long enough.
    async fn one(
        &self,
        db: &DatabaseConnection,
        subscriber: &update_request::Model,
        latest: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let pending = action_event::Entity::find()
            .filter(action_event::Column::Kind.is_in(news()))
            .filter(action_event::Column::Id.gt(subscriber.notified_event_id))
            .filter(action_event::Column::Id.lte(latest))
            // Only what happened after they asked is news to them.
            .filter(action_event::Column::At.gt(subscriber.created_at))
            .filter(
                action_event::Column::ActionId.in_subquery(
                    Query::select()
                        .column(action_evidence::Column::ActionId)
                        .from(action_evidence::Entity)
                        .and_where(action_evidence::Column::SurveyId.eq(subscriber.survey_id))
                        .to_owned(),
                ),
            )
            .order_by_asc(action_event::Column::Id)
            .all(db)
            .await?;
        if pending.first().is_some_and(|e| e.at > now - self.delay) {
            return Ok(false);
        }
        let mut ids: Vec<i32> = pending.iter().map(|e| e.action_id).collect();
        ids.sort_unstable();
        ids.dedup();
        // Unpublished since: no longer news for anyone.
        let items: Vec<Item> = action::Entity::find()
            .filter(action::Column::Id.is_in(ids))
            .filter(action::Column::PublishedAt.is_not_null())
            .order_by_desc(action::Column::UpdatedAt)
            .all(db)
            .await?
            .into_iter()
            .map(|a| Item {
                id: a.id,
                status: ActionStatus::parse(&a.status).unwrap_or(ActionStatus::Planned),
                you_said: a.you_said,
                we_did: a.we_did,
            })
            .collect();
        // Everything up to `latest` that concerns them is in `pending`.
        let txn = begin_write(db).await?;
        let claimed = update_request::Entity::update_many()
            .col_expr(
                update_request::Column::NotifiedEventId,
                sea_orm::sea_query::Expr::value(latest),
            )
            .filter(update_request::Column::Id.eq(subscriber.id))
            .filter(update_request::Column::NotifiedEventId.eq(subscriber.notified_event_id))
            .exec(&txn)
            .await?;
        let send = claimed.rows_affected == 1 && !items.is_empty();
        if send {
            outbox::queue(&txn, self.message(subscriber, &items)).await?;
        }
        txn.commit().await?;
        Ok(send)
    }

    fn message(&self, to: &update_request::Model, items: &[Item]) -> Message {
        let l = locale(&to.locale);
        let base = &self.base_url;
        let board = format!("{base}{}", paths::YOU_SAID_WE_DID);
        let unsubscribe = format!("{base}{}", paths::unsubscribe(&to.token));
        let status = |s: ActionStatus| match s {
            ActionStatus::Planned => td_string!(l, actions.status_planned),
            ActionStatus::InProgress => td_string!(l, actions.status_in_progress),
            ActionStatus::Done => td_string!(l, actions.status_done),
            ActionStatus::NotPossible => td_string!(l, actions.status_not_possible),
        };
        let count = items.len().to_string();
        let subject = fill(td_string!(l, digest.subject), &[("count", &count)]);
        let intro = td_string!(l, digest.intro);
        let (you_said, we_did) = (
            td_string!(l, actions.you_said),
            td_string!(l, actions.we_did),
        );
        let why = td_string!(l, digest.why);
        let stop = td_string!(l, digest.unsubscribe);
        let all = td_string!(l, digest.board);

        let mut text = format!("{intro}\n\n");
        let mut html = format!(
            "<!doctype html><html lang=\"{lang}\" dir=\"{dir}\"><body style=\"font-family:sans-serif;font-size:16px;line-height:1.5\"><p>{intro}</p>",
            lang = l.as_str(),
            dir = crate::i18n_support::direction(l.as_str()),
            intro = encode_text(intro),
        );
        for item in items {
            let link = format!("{base}{}", paths::action(item.id));
            text.push_str(&format!(
                "{}\n{you_said}: {}\n{we_did}: {}\n{link}\n\n",
                status(item.status),
                item.you_said,
                item.we_did
            ));
            html.push_str(&format!(
                "<h2 style=\"font-size:18px\">{status}</h2><p><strong>{you_said}:</strong> {said}</p><p><strong>{we_did}:</strong> {did}</p><p><a href=\"{link}\">{link_text}</a></p>",
                status = encode_text(status(item.status)),
                you_said = encode_text(you_said),
                said = encode_text(&item.you_said),
                we_did = encode_text(we_did),
                did = encode_text(&item.we_did),
                link = html_escape::encode_double_quoted_attribute(&link),
                link_text = encode_text(&link),
            ));
        }
        text.push_str(&format!("{all}: {board}\n\n{why}\n{stop}: {unsubscribe}\n"));
        html.push_str(&format!(
            "<p><a href=\"{board_attr}\">{all}</a></p><hr><p style=\"font-size:14px\">{why} <a href=\"{stop_attr}\">{stop}</a></p></body></html>",
            board_attr = html_escape::encode_double_quoted_attribute(&board),
            all = encode_text(all),
            why = encode_text(why),
            stop_attr = html_escape::encode_double_quoted_attribute(&unsubscribe),
            stop = encode_text(stop),
        ));
        Message {
            kind: "update",
            to: to.email.clone(),
            locale: l.as_str().to_owned(),
            subject,
            body_text: text,
            body_html: Some(html),
            unsubscribe: Some(unsubscribe),
            response: Some(to.response_id),
            link: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::news;
    use crate::domain::actions::EventKind;

    #[test]
    fn news_is_what_the_domain_calls_news() {
        for kind in [
            EventKind::Created,
            EventKind::Published,
            EventKind::Unpublished,
            EventKind::Status,
            EventKind::Update,
        ] {
            assert_eq!(news().contains(&kind.as_str()), kind.is_news(), "{kind:?}");
        }
    }
}
