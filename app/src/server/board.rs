//! The public "You said, we did": rating an action (a plain form, limited
//! per client so a few people cannot swamp the "I am heard" figure), and
//! the board as an Atom feed for newsletters and feed readers.

use super::{
    db::begin_write,
    forms::{Posted, refuse, see_other},
    page_error::PageResult,
    routing::{Handled, get, post},
    state::AppState,
    store::{actions, published_actions, rate_limit, ratings},
};
use crate::{
    AppError,
    domain::actions::{RatingRefusal, check_rating},
    i18n::I18nLocaleTrait,
    i18n::td_string,
    paths,
};
use atom_syndication::{Entry, Feed, Link, Text};
use axum::extract::{Path, State};
use chrono::{Duration, Utc};
use http::{StatusCode, request::Parts};

/// The public board's rating form and feed.
pub fn routes() -> Vec<Handled> {
    vec![
        get(paths::BOARD_FEED, feed),
        post(paths::route::ACTION, rate),
    ]
}

/// Ratings one client may give one action in a day.
const RATINGS_PER_ACTION: i32 = 3;
/// Ratings one client may give in an hour, across actions.
const RATINGS_PER_HOUR: i32 = 30;
/// Actions in the feed, newest change first.
const FEED_ENTRIES: u64 = 50;

/// `POST /you-said-we-did/{id}`: one answer to the rating question.
pub async fn rate(
    State(state): State<AppState>,
    Path(id): Path<String>,
    posted: Posted,
) -> PageResult {
    let client = posted.client();
    let field = |name: &str| posted.value(name).unwrap_or_default().to_owned();
    let done = async {
        let id = super::officer::parse_id(&id)?;
        let action = actions::find(&state.db, id)
            .await?
            .filter(|a| a.published_at.is_some())
            .ok_or(AppError::NotFound)?;
        let Some((rating, comment)) = check_rating(&field("answer"), &field("comment")) else {
            return Ok(None);
        };
        for (key, window, limit) in [
            (
                format!("rate:{client}:{}", action.id),
                Duration::days(1),
                RATINGS_PER_ACTION,
            ),
            (
                format!("rate:{client}"),
                Duration::hours(1),
                RATINGS_PER_HOUR,
            ),
        ] {
            if rate_limit::attempt(&state.db, &key, window).await? > limit {
                return Err(AppError::TooManyRequests);
            }
        }
        let txn = begin_write(&state.db).await?;
        ratings::rate(&txn, action.id, rating, comment).await?;
        txn.commit().await?;
        Ok::<_, AppError>(Some(action.id))
    };
    Ok(match done.await? {
        Some(id) => see_other(&format!("{}?rated=1#rating", paths::action(id)), []),
        None => {
            let comment: String = field("comment").chars().take(2000).collect();
            refuse(
                &state,
                &posted,
                RatingRefusal { comment },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    })
}

/// `GET /you-said-we-did/feed.atom`: published actions, newest change first.
pub async fn feed(State(state): State<AppState>, parts: Parts) -> PageResult {
    let locale = super::officer::results::locale_of(&parts);
    let rows = published_actions::latest_published(&state.db, FEED_ENTRIES).await?;
    let l = super::mail::locale(locale);
    let base = &state.settings.base_url;
    let board = format!("{base}{}", paths::YOU_SAID_WE_DID);
    let updated = rows
        .first()
        .map_or_else(Utc::now, |a| a.updated_at)
        .fixed_offset();
    let we_did = td_string!(l, actions.we_did);
    let entries: Vec<Entry> = rows
        .into_iter()
        .map(|action| {
            let link = format!("{base}{}", paths::action(action.id));
            Entry {
                id: link.clone(),
                title: Text::plain(action.you_said),
                updated: action.updated_at.fixed_offset(),
                published: action.published_at.map(|at| at.fixed_offset()),
                links: vec![Link {
                    href: link,
                    rel: "alternate".to_owned(),
                    mime_type: Some("text/html".to_owned()),
                    ..Link::default()
                }],
                summary: Some(Text::plain(format!("{we_did}: {}", action.we_did))),
                ..Entry::default()
            }
        })
        .collect();
    let feed = Feed {
        id: board.clone(),
        title: Text::plain(td_string!(l, board.title)),
        updated,
        lang: Some(l.as_str().to_owned()),
        links: vec![
            Link {
                href: format!("{base}{}", paths::BOARD_FEED),
                rel: "self".to_owned(),
                mime_type: Some("application/atom+xml".to_owned()),
                ..Link::default()
            },
            Link {
                href: board,
                rel: "alternate".to_owned(),
                mime_type: Some("text/html".to_owned()),
                ..Link::default()
            },
        ],
        entries,
        ..Feed::default()
    };
    Ok(super::forms::file_response(
        feed.to_string(),
        "application/atom+xml; charset=utf-8",
        None,
    ))
}
