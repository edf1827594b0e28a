//! The demo's "You said, we did": actions drawn from the Big SEND Survey and
//! the monthly drop-ins, in every status, with dated timelines, and (with
//! the synthetic responses) some respondents who asked for updates. The
//! timelines are in the past, so loading the demo emails nobody; the first
//! action a new user publishes from the demo survey does.
//!
//! The actions are data (`app/demo/actions.json`): each is the action form
//! as an officer posts it, checked by the same `ActionFields::check` and
//! written by the same `store::actions` functions; evidence names the demo
//! survey's questions by their definition keys.

use crate::{
    domain::actions::{ActionFields, ActionInput, ActionStatus},
    server::{
        db::begin_write,
        entities::{
            action, action_event, dropin_series, public_thanks, public_thanks::ThanksStatus,
            response, update_request,
        },
        store::{
            actions::{self, NewEvidence},
            definitions, meta,
            responses::new_token,
            surveys,
        },
    },
};
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, NotSet, QueryFilter, QueryOrder, sea_query::Expr,
};
use serde::Deserialize;
use std::collections::HashMap;

const FILE: &str = include_str!("../../../demo/actions.json");
const LOADED_KEY: &str = "demo_actions_loaded";
/// Every this many synthetic responses asked for updates.
const ASKED_EVERY: usize = 12;

/// One demo action.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoAction {
    /// The action form as an officer posts it (the owner is the demo's officer).
    pub form: ActionFields,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// Days ago it was written, and published (none: still a draft).
    pub written_days_ago: i64,
    #[serde(default)]
    pub published_days_ago: Option<i64>,
    #[serde(default)]
    pub timeline: Vec<Entry>,
}

/// What an action rests on.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Evidence {
    /// A demo survey question by its key, perhaps narrowed to the people
    /// who gave one answer (`value`) to another (`by`).
    Question {
        key: String,
        #[serde(default)]
        by: Option<String>,
        #[serde(default)]
        value: Option<String>,
    },
    /// The monthly drop-in's feedback.
    DropIns,
}

/// A dated timeline entry: a new status with its note, or an update.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub days_ago: i64,
    /// An `ActionStatus` stored name, such as `in-progress`; none for an update.
    #[serde(default)]
    pub status: Option<String>,
    pub note: String,
}

/// The demo's actions, as the file has them.
pub fn demo_actions() -> Result<Vec<DemoAction>, DbErr> {
    serde_json::from_str(FILE).map_err(|e| DbErr::Custom(format!("demo actions.json: {e}")))
}

/// The action form checked as the officer's form is, written by `author`.
async fn checked(
    db: &impl ConnectionTrait,
    form: &ActionFields,
    author: i32,
) -> Result<ActionInput, DbErr> {
    let known = definitions::known(db).await?;
    let priorities: Vec<i32> = known
        .priorities
        .iter()
        .filter_map(|p| p.parse().ok())
        .collect();
    let form = ActionFields {
        owner: author.to_string(),
        ..form.clone()
    };
    form.check(&known.outcomes, &priorities, &[author])
        .map_err(|p| DbErr::Custom(format!("a demo action is refused: {p:?}")))
}

async fn evidence_of(
    db: &impl ConnectionTrait,
    keys: &HashMap<String, i32>,
    e: &Evidence,
) -> Result<NewEvidence, DbErr> {
    let id = |key: &str| {
        keys.get(key)
            .copied()
            .ok_or_else(|| DbErr::Custom(format!("demo evidence names no question {key}")))
    };
    Ok(match e {
        Evidence::Question { key, by, value } => NewEvidence::Question {
            question_id: id(key)?,
            segment: match (by, value) {
                (Some(by), Some(value)) => Some((id(by)?, value.clone())),
                _ => None,
            },
        },
        Evidence::DropIns => dropin_series::Entity::find()
            .order_by_asc(dropin_series::Column::Id)
            .one(db)
            .await?
            .map(|s| NewEvidence::Series(s.id))
            .ok_or_else(|| DbErr::Custom("demo evidence: no drop-in series".into()))?,
    })
}

/// Adds the demo's actions once; with `people`, some synthetic respondents
/// ask for updates too.
pub async fn load_once(db: &DatabaseConnection, people: bool) -> Result<bool, DbErr> {
    let custom = |e: crate::AppError| DbErr::Custom(format!("loading the demo actions: {e}"));
    let txn = begin_write(db).await?;
    if meta::get(&txn, LOADED_KEY).await?.is_some() {
        txn.rollback().await?;
        return Ok(false);
    }
    // The demo's officer writes them; without one there is no demo to add to.
    let Some(author) = actions::possible_owners(&txn)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .next()
    else {
        txn.rollback().await?;
        return Ok(false);
    };
    let keys: HashMap<String, i32> = surveys::load_public(&txn, super::SURVEY_SLUG)
        .await
        .map_err(custom)?
        .form("en")
        .questions()
        .map(|q| (q.key.clone(), q.id))
        .collect();
    let now = Utc::now();
    let ago = |days: i64| now - Duration::days(days);
    for demo in demo_actions()? {
        let input = checked(&txn, &demo.form, author).await?;
        let id = actions::create(&txn, &input, author).await?;
        for e in &demo.evidence {
            let evidence = evidence_of(&txn, &keys, e).await?;
            actions::add_evidence(&txn, id, &evidence)
                .await
                .map_err(custom)?;
        }
        // The creation entry, dated when it was written.
        action_event::Entity::update_many()
            .col_expr(
                action_event::Column::At,
                Expr::value(ago(demo.written_days_ago)),
            )
            .filter(action_event::Column::ActionId.eq(id))
            .exec(&txn)
            .await?;
        let mut last = ago(demo.written_days_ago);
        if let Some(days) = demo.published_days_ago {
            actions::set_published(&txn, id, true, author).await?;
            last = ago(days);
            dated_latest(&txn, id, last).await?;
        }
        for entry in &demo.timeline {
            match entry.status.as_deref() {
                Some(status) => {
                    let status = ActionStatus::parse(status).ok_or_else(|| {
                        DbErr::Custom(format!("demo action status {status} is unknown"))
                    })?;
                    actions::set_status(&txn, id, status, Some(entry.note.clone()), author).await?;
                }
                None => actions::add_update(&txn, id, entry.note.clone(), author).await?,
            }
            last = ago(entry.days_ago);
            dated_latest(&txn, id, last).await?;
        }
        action::Entity::update_many()
            .col_expr(
                action::Column::CreatedAt,
                Expr::value(ago(demo.written_days_ago)),
            )
            .col_expr(action::Column::UpdatedAt, Expr::value(last))
            .col_expr(
                action::Column::PublishedAt,
                Expr::value(demo.published_days_ago.map(ago)),
            )
            .filter(action::Column::Id.eq(id))
            .exec(&txn)
            .await?;
    }
    if people {
        ask_for_updates(&txn).await?;
        offer_thanks(&txn).await?;
    }
    meta::set(&txn, LOADED_KEY, &now.to_rfc3339()).await?;
    txn.commit().await?;
    Ok(true)
}

/// Dates the newest timeline entry of action `id`.
async fn dated_latest(
    db: &impl ConnectionTrait,
    id: i32,
    at: chrono::DateTime<Utc>,
) -> Result<(), DbErr> {
    if let Some(latest) = action_event::Entity::find()
        .filter(action_event::Column::ActionId.eq(id))
        .order_by_desc(action_event::Column::Id)
        .one(db)
        .await?
    {
        let mut row: action_event::ActiveModel = latest.into();
        row.at = Set(at);
        row.update(db).await?;
    }
    Ok(())
}

/// Every [`ASKED_EVERY`]th synthetic response asked for updates, in the
/// language it was given in, at an address no one receives mail at.
async fn ask_for_updates(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let responses = response::Entity::find()
        .order_by_asc(response::Column::Id)
        .all(db)
        .await?;
    let now = Utc::now();
    for (n, r) in responses
        .iter()
        .enumerate()
        .filter(|(n, _)| n % ASKED_EVERY == 0)
    {
        update_request::ActiveModel {
            id: NotSet,
            survey_id: Set(r.survey_id),
            response_id: Set(r.id),
            email: Set(format!("family{n}@example.org")),
            locale: Set(["en", "pl", "ur", "en-easyread"][n / ASKED_EVERY % 4].to_owned()),
            token: Set(new_token()),
            created_at: Set(now),
            notified_event_id: Set(0),
            // The demo's families confirmed their addresses long ago.
            confirmed_at: Set(Some(now)),
            confirmation_sent_at: Set(Some(now)),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Names some synthetic respondents offered to be thanked by: two already
/// approved, one declined (it named a child), the rest waiting.
async fn offer_thanks(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    const NAMES: [(&str, ThanksStatus); 5] = [
        ("Ewa", ThanksStatus::Approved),
        ("Wigan Parent Carer Forum", ThanksStatus::Approved),
        ("Jake from Year 4 at St Mary's", ThanksStatus::Declined),
        ("Sam", ThanksStatus::Pending),
        ("Amira", ThanksStatus::Pending),
    ];
    let Some(survey) = crate::server::entities::survey::Entity::find()
        .filter(crate::server::entities::survey::Column::Slug.eq(super::SURVEY_SLUG))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let responses = response::Entity::find()
        .filter(response::Column::SurveyId.eq(survey.id))
        .order_by_asc(response::Column::Id)
        .all(db)
        .await?;
    let now = Utc::now();
    // Responses that did not ask for updates, so the two extras are spread out.
    for ((name, status), r) in NAMES.iter().zip(responses.iter().skip(5).step_by(7)) {
        public_thanks::ActiveModel {
            id: NotSet,
            survey_id: Set(r.survey_id),
            response_id: Set(r.id),
            name: Set((*name).to_owned()),
            status: Set(*status),
            created_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;

    #[test]
    fn every_demo_action_passes_the_officer_s_check_and_names_real_questions() {
        let taxonomy = super::super::taxonomy::taxonomy().unwrap();
        let outcomes: Vec<String> = taxonomy.outcomes.into_iter().map(|o| o.key).collect();
        let priorities: Vec<i32> = taxonomy.priorities.iter().map(|p| p.number).collect();
        let survey = super::super::survey::definition().unwrap();
        let question = |key: &str| {
            survey
                .pages
                .iter()
                .flat_map(|p| &p.questions)
                .find(|q| q.key == key)
                .unwrap_or_else(|| panic!("no question {key}"))
        };
        let all = demo_actions().unwrap();
        assert_eq!(all.len(), 5);
        for demo in &all {
            let form = ActionFields {
                owner: "1".into(),
                ..demo.form.clone()
            };
            assert!(form.check(&outcomes, &priorities, &[1]).is_ok(), "{form:?}");
            for entry in &demo.timeline {
                if let Some(status) = &entry.status {
                    assert!(ActionStatus::parse(status).is_some(), "{status}");
                }
            }
            for e in &demo.evidence {
                if let Evidence::Question { key, by, value } = e {
                    question(key);
                    if let (Some(by), Some(value)) = (by, value) {
                        assert!(question(by).options.iter().any(|o| &o.value == value));
                    }
                }
            }
        }
        // Every status is shown, and one action is still a draft.
        assert!(all.iter().any(|d| d.published_days_ago.is_none()));
    }
}
