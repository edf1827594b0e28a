//! "You said, we did": actions with their tags, evidence, timeline and
//! ratings. Every change adds a dated timeline entry in the same
//! transaction; the public sees only published actions, and their evidence
//! only as the public suppression rules allow.

use super::{
    definitions,
    results::{self, Segment},
    surveys::Loaded,
};
use crate::{
    AppError,
    domain::{
        actions::{
            ActionCard, ActionInput, ActionPage, ActionStatus, BoardQuery, EventKind,
            EvidenceFigures, EvidenceView, HeardIndicator, OwnAction, Rating, Tag, TimelineEntry,
        },
        localized::Resolved,
        suppression::Rules,
    },
    server::entities::{
        action, action_event, action_evidence, action_outcome, action_priority, action_rating,
        answer, answer_theme, dropin_response, dropin_series, dropin_session, outcome, priority,
        theme, user_account,
    },
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, NotSet, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
    sea_query::{ExprTrait, Query},
};
use std::collections::HashMap;

/// What a new piece of evidence points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewEvidence {
    /// A question, optionally narrowed to those who gave `segment.1` to
    /// question `segment.0` of the same survey.
    Question {
        question_id: i32,
        segment: Option<(i32, String)>,
    },
    Theme(i32),
    Series(i32),
}

async fn event(
    db: &impl ConnectionTrait,
    action_id: i32,
    kind: EventKind,
    status: Option<ActionStatus>,
    note: Option<String>,
    user_id: i32,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    action_event::ActiveModel {
        id: NotSet,
        action_id: Set(action_id),
        at: Set(at),
        kind: Set(kind.as_str().to_owned()),
        status: Set(status.map(|s| s.as_str().to_owned())),
        note: Set(note),
        user_id: Set(Some(user_id)),
    }
    .insert(db)
    .await?;
    Ok(())
}

async fn write_tags(db: &impl ConnectionTrait, id: i32, input: &ActionInput) -> Result<(), DbErr> {
    action_outcome::Entity::delete_many()
        .filter(action_outcome::Column::ActionId.eq(id))
        .exec(db)
        .await?;
    action_priority::Entity::delete_many()
        .filter(action_priority::Column::ActionId.eq(id))
        .exec(db)
        .await?;
    let outcomes = outcome::Entity::find()
        .filter(outcome::Column::Key.is_in(input.outcomes.clone()))
        .all(db)
        .await?;
    for o in outcomes {
        action_outcome::ActiveModel {
            action_id: Set(id),
            outcome_id: Set(o.id),
        }
        .insert(db)
        .await?;
    }
    let priorities = priority::Entity::find()
        .filter(priority::Column::Number.is_in(input.priorities.clone()))
        .all(db)
        .await?;
    for p in priorities {
        action_priority::ActiveModel {
            action_id: Set(id),
            priority_id: Set(p.id),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Creates a draft action, planned; returns its id.
pub async fn create(
    db: &impl ConnectionTrait,
    input: &ActionInput,
    user_id: i32,
) -> Result<i32, DbErr> {
    let now = Utc::now();
    let row = action::ActiveModel {
        id: NotSet,
        you_said: Set(input.you_said.clone()),
        we_did: Set(input.we_did.clone()),
        service: Set(input.service.clone()),
        timing: Set(input.timing.clone()),
        status: Set(ActionStatus::Planned.as_str().to_owned()),
        status_reason: Set(None),
        owner_id: Set(input.owner),
        published_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    write_tags(db, row.id, input).await?;
    event(
        db,
        row.id,
        EventKind::Created,
        Some(ActionStatus::Planned),
        None,
        user_id,
        now,
    )
    .await?;
    Ok(row.id)
}

/// The action with `id`, if there is one.
pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<action::Model>, DbErr> {
    action::Entity::find_by_id(id).one(db).await
}

/// Writes `change` to action `id`, marking it changed now; returns when.
async fn stamp(
    db: &impl ConnectionTrait,
    id: i32,
    mut change: action::ActiveModel,
) -> Result<DateTime<Utc>, DbErr> {
    let now = Utc::now();
    change.id = Set(id);
    change.updated_at = Set(now);
    change.update(db).await?;
    Ok(now)
}

/// Changes an action's words, tags and owner.
pub async fn edit(db: &impl ConnectionTrait, id: i32, input: &ActionInput) -> Result<(), DbErr> {
    let change = action::ActiveModel {
        you_said: Set(input.you_said.clone()),
        we_did: Set(input.we_did.clone()),
        service: Set(input.service.clone()),
        timing: Set(input.timing.clone()),
        owner_id: Set(input.owner),
        ..Default::default()
    };
    stamp(db, id, change).await?;
    write_tags(db, id, input).await
}

/// Sets the status, with an optional note (the reason, for "not possible").
pub async fn set_status(
    db: &impl ConnectionTrait,
    id: i32,
    status: ActionStatus,
    note: Option<String>,
    user_id: i32,
) -> Result<(), DbErr> {
    let reason = (status == ActionStatus::NotPossible)
        .then(|| note.clone())
        .flatten();
    let change = action::ActiveModel {
        status: Set(status.as_str().to_owned()),
        status_reason: Set(reason),
        ..Default::default()
    };
    let now = stamp(db, id, change).await?;
    event(db, id, EventKind::Status, Some(status), note, user_id, now).await
}

/// Adds an update in words to the timeline.
pub async fn add_update(
    db: &impl ConnectionTrait,
    id: i32,
    note: String,
    user_id: i32,
) -> Result<(), DbErr> {
    let now = stamp(db, id, <action::ActiveModel as Default>::default()).await?;
    event(db, id, EventKind::Update, None, Some(note), user_id, now).await
}

/// Publishes or unpublishes an action.
pub async fn set_published(
    db: &impl ConnectionTrait,
    id: i32,
    published: bool,
    user_id: i32,
) -> Result<(), DbErr> {
    let now = Utc::now();
    let change = action::ActiveModel {
        published_at: Set(published.then_some(now)),
        ..Default::default()
    };
    stamp(db, id, change).await?;
    let kind = if published {
        EventKind::Published
    } else {
        EventKind::Unpublished
    };
    event(db, id, kind, None, None, user_id, now).await
}

/// Adds evidence; `None` when what it points at does not exist (or the
/// segment is not a question and answer of the same survey).
pub async fn add_evidence(
    db: &impl ConnectionTrait,
    action_id: i32,
    evidence: &NewEvidence,
) -> Result<Option<String>, AppError> {
    let (kind, survey_id, question, theme_id, series_id, segment, label) = match evidence {
        NewEvidence::Question {
            question_id,
            segment,
        } => {
            let Some(q) = crate::server::entities::question::Entity::find_by_id(*question_id)
                .one(db)
                .await?
            else {
                return Ok(None);
            };
            if let Some((seg_q, value)) = segment {
                let loaded = definitions::load_by_id(db, q.survey_id).await?;
                if *seg_q == q.id || loaded.option_id(*seg_q, value).is_none() {
                    return Ok(None);
                }
            }
            let label = format!("question {}", q.id);
            (
                "question",
                q.survey_id,
                Some(q.id),
                None,
                None,
                segment.clone(),
                label,
            )
        }
        NewEvidence::Theme(id) => {
            let Some(t) = theme::Entity::find_by_id(*id).one(db).await? else {
                return Ok(None);
            };
            let label = format!("theme {}", t.name);
            ("theme", t.survey_id, None, Some(t.id), None, None, label)
        }
        NewEvidence::Series(id) => {
            let Some(s) = dropin_series::Entity::find_by_id(*id).one(db).await? else {
                return Ok(None);
            };
            let label = format!("drop-in series {}", s.name);
            ("series", s.survey_id, None, None, Some(s.id), None, label)
        }
    };
    // A draft survey's answers are test answers, and it may never run:
    // nothing public may rest on it.
    let published = crate::server::entities::survey::Entity::find_by_id(survey_id)
        .one(db)
        .await?
        .is_some_and(|s| s.status != crate::server::entities::survey::Status::Draft);
    if !published {
        return Ok(None);
    }
    let position = action_evidence::Entity::find()
        .filter(action_evidence::Column::ActionId.eq(action_id))
        .count(db)
        .await?;
    action_evidence::ActiveModel {
        id: NotSet,
        action_id: Set(action_id),
        kind: Set(kind.to_owned()),
        survey_id: Set(survey_id),
        question_id: Set(question),
        theme_id: Set(theme_id),
        series_id: Set(series_id),
        segment_question_id: Set(segment.as_ref().map(|s| s.0)),
        segment_value: Set(segment.map(|s| s.1)),
        position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
    }
    .insert(db)
    .await?;
    stamp(db, action_id, <action::ActiveModel as Default>::default()).await?;
    Ok(Some(label))
}

/// Removes one piece of an action's evidence; false when it was not there.
pub async fn remove_evidence(
    db: &impl ConnectionTrait,
    action_id: i32,
    evidence_id: i32,
) -> Result<bool, DbErr> {
    let deleted = action_evidence::Entity::delete_many()
        .filter(action_evidence::Column::ActionId.eq(action_id))
        .filter(action_evidence::Column::Id.eq(evidence_id))
        .exec(db)
        .await?;
    if deleted.rows_affected > 0 {
        stamp(db, action_id, <action::ActiveModel as Default>::default()).await?;
    }
    Ok(deleted.rows_affected > 0)
}

/// Actions as cards: published ones matching `query` for the board (`public`),
/// or every action for officers. Returns one page and the number matching.
pub async fn cards(
    db: &impl ConnectionTrait,
    query: &BoardQuery,
    public: bool,
    locale: &str,
) -> Result<(Vec<ActionCard>, u64), DbErr> {
    let mut select = action::Entity::find();
    if public {
        select = select.filter(action::Column::PublishedAt.is_not_null());
    }
    if let Some(status) = query.status {
        select = select.filter(action::Column::Status.eq(status.as_str()));
    }
    if let Some(key) = &query.outcome {
        select = select.filter(
            action::Column::Id.in_subquery(
                Query::select()
                    .column(action_outcome::Column::ActionId)
                    .from(action_outcome::Entity)
                    .inner_join(
                        outcome::Entity,
                        sea_orm::sea_query::Expr::col((outcome::Entity, outcome::Column::Id))
                            .equals((action_outcome::Entity, action_outcome::Column::OutcomeId)),
                    )
                    .and_where(outcome::Column::Key.eq(key.clone()))
                    .to_owned(),
            ),
        );
    }
    if let Some(number) = query.priority {
        select = select.filter(
            action::Column::Id.in_subquery(
                Query::select()
                    .column(action_priority::Column::ActionId)
                    .from(action_priority::Entity)
                    .inner_join(
                        priority::Entity,
                        sea_orm::sea_query::Expr::col((priority::Entity, priority::Column::Id))
                            .equals((action_priority::Entity, action_priority::Column::PriorityId)),
                    )
                    .and_where(priority::Column::Number.eq(number))
                    .to_owned(),
            ),
        );
    }
    for (column, id) in [
        (action_evidence::Column::SurveyId, query.survey),
        (action_evidence::Column::SeriesId, query.series),
    ] {
        if let Some(id) = id {
            select = select.filter(
                action::Column::Id.in_subquery(
                    Query::select()
                        .column(action_evidence::Column::ActionId)
                        .from(action_evidence::Entity)
                        .and_where(column.eq(id))
                        .to_owned(),
                ),
            );
        }
    }
    let total = select.clone().count(db).await?;
    let page_size = crate::domain::actions::BOARD_PAGE;
    let rows = select
        .order_by_desc(action::Column::UpdatedAt)
        .order_by_desc(action::Column::Id)
        .offset(query.page.saturating_sub(1) * page_size)
        .limit(page_size)
        .all(db)
        .await?;
    Ok((to_cards(db, rows, locale).await?, total))
}

/// Every action for the officers' list, newest change first.
pub async fn all_cards(db: &impl ConnectionTrait, locale: &str) -> Result<Vec<ActionCard>, DbErr> {
    let rows = action::Entity::find()
        .order_by_desc(action::Column::UpdatedAt)
        .all(db)
        .await?;
    to_cards(db, rows, locale).await
}

/// Outcome and priority tags of `ids`, in the framework's order.
async fn tags_of(
    db: &impl ConnectionTrait,
    ids: &[i32],
    locale: &str,
) -> Result<(HashMap<i32, Vec<Tag>>, HashMap<i32, Vec<Tag>>), DbErr> {
    let outcomes = outcome::Entity::find()
        .order_by_asc(outcome::Column::Position)
        .all(db)
        .await?;
    let priorities = priority::Entity::find()
        .order_by_asc(priority::Column::Number)
        .all(db)
        .await?;
    let mut by_outcome: HashMap<i32, Vec<Tag>> = HashMap::new();
    let links = action_outcome::Entity::find()
        .filter(action_outcome::Column::ActionId.is_in(ids.to_vec()))
        .all(db)
        .await?;
    for o in &outcomes {
        for l in links.iter().filter(|l| l.outcome_id == o.id) {
            by_outcome.entry(l.action_id).or_default().push(Tag {
                key: o.key.clone(),
                title: o.title.resolve(locale, "en"),
            });
        }
    }
    let mut by_priority: HashMap<i32, Vec<Tag>> = HashMap::new();
    let links = action_priority::Entity::find()
        .filter(action_priority::Column::ActionId.is_in(ids.to_vec()))
        .all(db)
        .await?;
    for p in &priorities {
        for l in links.iter().filter(|l| l.priority_id == p.id) {
            by_priority.entry(l.action_id).or_default().push(Tag {
                key: p.number.to_string(),
                title: p.title.resolve(locale, "en"),
            });
        }
    }
    Ok((by_outcome, by_priority))
}

/// The names of the accounts `ids`, by id.
async fn names_of(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, String>, DbErr> {
    Ok(user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}

async fn to_cards(
    db: &impl ConnectionTrait,
    rows: Vec<action::Model>,
    locale: &str,
) -> Result<Vec<ActionCard>, DbErr> {
    let ids: Vec<i32> = rows.iter().map(|a| a.id).collect();
    let (mut outcomes, mut priorities) = tags_of(db, &ids, locale).await?;
    let owners = names_of(db, rows.iter().filter_map(|a| a.owner_id)).await?;
    Ok(rows
        .into_iter()
        .map(|a| ActionCard {
            id: a.id,
            status: ActionStatus::parse(&a.status).unwrap_or(ActionStatus::Planned),
            reason: a.status_reason,
            outcomes: outcomes.remove(&a.id).unwrap_or_default(),
            priorities: priorities.remove(&a.id).unwrap_or_default(),
            updated_on: a.updated_at.date_naive().to_string(),
            published: a.published_at.is_some(),
            owner: a.owner_id.and_then(|o| owners.get(&o).cloned()),
            you_said: a.you_said,
            we_did: a.we_did,
            service: a.service,
            timing: a.timing,
        })
        .collect())
}

/// An action's page: the card, its evidence with live figures under
/// `rules`, and its timeline (the public part, unless `officer`).
pub async fn page(
    db: &impl ConnectionTrait,
    row: action::Model,
    rules: Rules,
    locale: &str,
    officer: bool,
) -> Result<ActionPage, AppError> {
    let id = row.id;
    let card = to_cards(db, vec![row], locale)
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    let mut evidence = Vec::new();
    let mut surveys: HashMap<i32, Loaded> = HashMap::new();
    for e in action_evidence::Entity::find()
        .filter(action_evidence::Column::ActionId.eq(id))
        .order_by_asc(action_evidence::Column::Position)
        .order_by_asc(action_evidence::Column::Id)
        .all(db)
        .await?
    {
        if let std::collections::hash_map::Entry::Vacant(slot) = surveys.entry(e.survey_id) {
            slot.insert(definitions::load_by_id(db, e.survey_id).await?);
        }
        let Some(survey) = surveys.get(&e.survey_id) else {
            continue;
        };
        evidence.push(evidence_view(db, survey, &e, rules, locale).await?);
    }
    let events = action_event::Entity::find()
        .filter(action_event::Column::ActionId.eq(id))
        .order_by_asc(action_event::Column::At)
        .order_by_asc(action_event::Column::Id)
        .all(db)
        .await?;
    // Who did what is for officers only.
    let users = if officer {
        names_of(db, events.iter().filter_map(|e| e.user_id)).await?
    } else {
        HashMap::new()
    };
    let timeline = events
        .into_iter()
        .filter_map(|e| {
            let kind = EventKind::parse(&e.kind)?;
            (officer || kind.is_public()).then(|| TimelineEntry {
                date: e.at.date_naive().to_string(),
                kind,
                status: e.status.as_deref().and_then(ActionStatus::parse),
                note: e.note,
                by: e.user_id.and_then(|u| users.get(&u).cloned()),
            })
        })
        .collect();
    Ok(ActionPage {
        card,
        evidence,
        timeline,
        preview: officer,
    })
}

fn survey_title(survey: &Loaded, locale: &str) -> Resolved {
    survey.survey.text(&survey.survey.title, locale)
}

async fn evidence_view(
    db: &impl ConnectionTrait,
    survey: &Loaded,
    e: &action_evidence::Model,
    rules: Rules,
    locale: &str,
) -> Result<EvidenceView, AppError> {
    let mut segment_label = None;
    let figures = match (e.kind.as_str(), e.question_id, e.theme_id, e.series_id) {
        ("question", Some(q), _, _) => {
            let mut segment = Segment::default();
            if let (Some(seg_q), Some(value)) = (e.segment_question_id, &e.segment_value)
                && let Some(option) = survey.option_id(seg_q, value)
            {
                segment = segment.chose(seg_q, option);
                segment_label = segment_names(survey, seg_q, value, locale);
            }
            if results::too_few(db, survey.survey.id, &segment, rules).await? {
                EvidenceFigures::TooFew
            } else {
                match results::question_summary(db, survey, q, &segment, rules, locale).await? {
                    Some(summary) => EvidenceFigures::Question(summary),
                    None => EvidenceFigures::Missing,
                }
            }
        }
        ("theme", _, Some(t), _) => {
            let name = theme::Entity::find_by_id(t).one(db).await?.map(|t| t.name);
            let counts = super::comments::theme_counts(
                db,
                &super::comments::text_questions(survey),
                &Segment::default(),
            )
            .await?;
            let n: u64 = counts
                .iter()
                .filter(|((_, theme), _)| *theme == t)
                .map(|(_, n)| n)
                .sum();
            match name {
                Some(name) => EvidenceFigures::Theme {
                    name,
                    comments: rules.count(n),
                },
                None => EvidenceFigures::Missing,
            }
        }
        ("series", _, _, Some(s)) => {
            let series = dropin_series::Entity::find_by_id(s).one(db).await?;
            let feedback =
                results::session_feedback(db, survey, rules, &Segment::default()).await?;
            match (series, feedback) {
                (Some(series), Some(f)) => EvidenceFigures::Series {
                    name: series.name,
                    responses: f.fft.as_ref().map_or(rules.count(0), |table| table.total),
                    positive: f.positive,
                    negative: f.negative,
                },
                (Some(series), None) => EvidenceFigures::Series {
                    name: series.name,
                    responses: rules.count(0),
                    positive: None,
                    negative: None,
                },
                _ => EvidenceFigures::Missing,
            }
        }
        _ => EvidenceFigures::Missing,
    };
    Ok(EvidenceView {
        id: e.id,
        survey_title: survey_title(survey, locale),
        segment: segment_label,
        figures,
    })
}

/// ("Who is answering?", "A parent or carer") for a segment.
fn segment_names(
    survey: &Loaded,
    question_id: i32,
    value: &str,
    locale: &str,
) -> Option<(Resolved, crate::domain::survey::Label)> {
    let (q, options) = survey.questions().find(|(q, _)| q.id == question_id)?;
    let kind = crate::domain::survey::QuestionKind::parse(&q.kind)?;
    let option = options.iter().find(|o| o.value == value)?;
    let text = |t: &crate::domain::localized::LocalizedText| survey.survey.text(t, locale);
    let label = super::surveys::option_view(kind, option, &text).label;
    Some((text(&q.prompt), label))
}

/// Stores one rating.
pub async fn rate(
    db: &impl ConnectionTrait,
    action_id: i32,
    rating: Rating,
    comment: Option<String>,
) -> Result<(), DbErr> {
    action_rating::ActiveModel {
        id: NotSet,
        action_id: Set(action_id),
        answer: Set(rating.as_str().to_owned()),
        comment: Set(comment),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The "I am heard" indicator for one action, or (None) every action.
pub async fn heard(
    db: &impl ConnectionTrait,
    action_id: Option<i32>,
    rules: Rules,
) -> Result<HeardIndicator, DbErr> {
    let mut select = action_rating::Entity::find()
        .select_only()
        .column(action_rating::Column::Answer)
        .column_as(action_rating::Column::Id.count(), "n")
        .group_by(action_rating::Column::Answer);
    if let Some(id) = action_id {
        select = select.filter(action_rating::Column::ActionId.eq(id));
    }
    let rows: Vec<(String, i64)> = select.into_tuple().all(db).await?;
    let count = |r: Rating| {
        rows.iter()
            .find(|(a, _)| a == r.as_str())
            .map_or(0, |(_, n)| u64::try_from(*n).unwrap_or(0))
    };
    let values: Vec<u64> = Rating::ALL.into_iter().map(count).collect();
    let total: u64 = values.iter().sum();
    let list = rules.list(&values, total, true);
    Ok(HeardIndicator {
        counts: [list.counts[0], list.counts[1], list.counts[2]],
        total: list.base,
        yes_percent: list.percent[0],
    })
}

/// Rating comments on one action, newest first (officers only).
pub async fn rating_comments(
    db: &impl ConnectionTrait,
    action_id: i32,
) -> Result<Vec<String>, DbErr> {
    Ok(action_rating::Entity::find()
        .filter(action_rating::Column::ActionId.eq(action_id))
        .filter(action_rating::Column::Comment.is_not_null())
        .order_by_desc(action_rating::Column::Id)
        .limit(200)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| r.comment)
        .collect())
}

/// Published actions whose evidence includes a question this response
/// answered, a theme one of its comments carries, or the drop-in series
/// it gave feedback on.
pub async fn of_response(
    db: &impl ConnectionTrait,
    response_id: i64,
) -> Result<Vec<OwnAction>, DbErr> {
    let questions: Vec<i32> = answer::Entity::find()
        .select_only()
        .column(answer::Column::QuestionId)
        .distinct()
        .filter(answer::Column::ResponseId.eq(response_id))
        .into_tuple()
        .all(db)
        .await?;
    let themes: Vec<i32> = answer_theme::Entity::find()
        .select_only()
        .column(answer_theme::Column::ThemeId)
        .distinct()
        .filter(
            answer_theme::Column::AnswerId.in_subquery(
                Query::select()
                    .column(answer::Column::Id)
                    .from(answer::Entity)
                    .and_where(answer::Column::ResponseId.eq(response_id))
                    .to_owned(),
            ),
        )
        .into_tuple()
        .all(db)
        .await?;
    let series: Vec<Option<i32>> = dropin_session::Entity::find()
        .select_only()
        .column(dropin_session::Column::SeriesId)
        .filter(
            dropin_session::Column::Id.in_subquery(
                Query::select()
                    .column(dropin_response::Column::SessionId)
                    .from(dropin_response::Entity)
                    .and_where(dropin_response::Column::ResponseId.eq(response_id))
                    .to_owned(),
            ),
        )
        .into_tuple()
        .all(db)
        .await?;
    let series: Vec<i32> = series.into_iter().flatten().collect();
    let evidence = sea_orm::Condition::any()
        .add(action_evidence::Column::QuestionId.is_in(questions))
        .add(action_evidence::Column::ThemeId.is_in(themes))
        .add(action_evidence::Column::SeriesId.is_in(series));
    let rows = action::Entity::find()
        .filter(action::Column::PublishedAt.is_not_null())
        .filter(
            action::Column::Id.in_subquery(
                Query::select()
                    .column(action_evidence::Column::ActionId)
                    .from(action_evidence::Entity)
                    .cond_where(evidence)
                    .to_owned(),
            ),
        )
        .order_by_desc(action::Column::UpdatedAt)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|a| OwnAction {
            id: a.id,
            status: ActionStatus::parse(&a.status).unwrap_or(ActionStatus::Planned),
            you_said: a.you_said,
        })
        .collect())
}

/// Everyone who may own an action (active admins and officers): (id, name).
pub async fn possible_owners(db: &impl ConnectionTrait) -> Result<Vec<(i32, String)>, DbErr> {
    use crate::domain::roles::{Permission, Role};
    Ok(user_account::Entity::find()
        .filter(user_account::Column::Active.eq(true))
        .order_by_asc(user_account::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .filter(|u| Role::parse(&u.role).is_some_and(|r| r.can(Permission::WriteActions)))
        .map(|u| (u.id, u.name))
        .collect())
}

/// The `limit` published actions changed most recently, for the feed.
pub async fn latest_published(
    db: &impl ConnectionTrait,
    limit: u64,
) -> Result<Vec<action::Model>, DbErr> {
    action::Entity::find()
        .filter(action::Column::PublishedAt.is_not_null())
        .order_by_desc(action::Column::UpdatedAt)
        .order_by_desc(action::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// The public board: one page of published actions matching `query`, and
/// the choices its filters offer (only surveys and series some published
/// action draws on).
pub async fn board(
    db: &impl ConnectionTrait,
    query: BoardQuery,
    locale: &str,
) -> Result<crate::domain::actions::Board, AppError> {
    let (actions, total) = cards(db, &query, true, locale).await?;
    let outcomes = outcome::Entity::find()
        .filter(outcome::Column::Retired.eq(false))
        .order_by_asc(outcome::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.key, o.title.resolve(locale, "en").text))
        .collect();
    let priorities = priority::Entity::find()
        .filter(priority::Column::Retired.eq(false))
        .order_by_asc(priority::Column::Number)
        .all(db)
        .await?
        .into_iter()
        .map(|p| {
            (
                p.number.to_string(),
                format!("{}. {}", p.number, p.title.resolve(locale, "en").text),
            )
        })
        .collect();
    // What some published action's evidence points at, in one subquery each.
    let evidence_of_published = |column: action_evidence::Column| {
        Query::select()
            .column(column)
            .from(action_evidence::Entity)
            .and_where(
                action_evidence::Column::ActionId.in_subquery(
                    Query::select()
                        .column(action::Column::Id)
                        .from(action::Entity)
                        .and_where(action::Column::PublishedAt.is_not_null())
                        .to_owned(),
                ),
            )
            .to_owned()
    };
    let surveys = crate::server::entities::survey::Entity::find()
        .filter(
            crate::server::entities::survey::Column::Id
                .in_subquery(evidence_of_published(action_evidence::Column::SurveyId)),
        )
        .order_by_asc(crate::server::entities::survey::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id.to_string(), s.text(&s.title, locale).text))
        .collect();
    let series = dropin_series::Entity::find()
        .filter(
            dropin_series::Column::Id
                .in_subquery(evidence_of_published(action_evidence::Column::SeriesId)),
        )
        .order_by_asc(dropin_series::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id.to_string(), s.name))
        .collect();
    Ok(crate::domain::actions::Board {
        query,
        actions,
        total,
        outcomes,
        priorities,
        surveys,
        series,
    })
}

/// Every outcome and priority as tags, and who may own an action.
pub async fn form_view(
    db: &impl ConnectionTrait,
    officer: crate::domain::roles::OfficerView,
    locale: &str,
) -> Result<crate::domain::actions::NewActionView, DbErr> {
    let outcomes = outcome::Entity::find()
        .filter(outcome::Column::Retired.eq(false))
        .order_by_asc(outcome::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|o| Tag {
            key: o.key,
            title: o.title.resolve(locale, "en"),
        })
        .collect();
    let priorities = priority::Entity::find()
        .filter(priority::Column::Retired.eq(false))
        .order_by_asc(priority::Column::Number)
        .all(db)
        .await?
        .into_iter()
        .map(|p| Tag {
            key: p.number.to_string(),
            title: p.title.resolve(locale, "en"),
        })
        .collect();
    Ok(crate::domain::actions::NewActionView {
        officer,
        outcomes,
        priorities,
        owners: possible_owners(db).await?,
    })
}

/// What can be chosen as evidence, from every survey that is not archived.
async fn evidence_choices(
    db: &impl ConnectionTrait,
    locale: &str,
) -> Result<crate::domain::actions::EvidenceChoices, AppError> {
    use crate::server::entities::survey;
    let surveys = survey::Entity::find()
        .filter(survey::Column::Status.ne(survey::Status::Archived))
        .filter(survey::Column::Status.ne(survey::Status::Draft))
        .order_by_asc(survey::Column::Id)
        .all(db)
        .await?;
    let mut questions = Vec::new();
    let mut segments = Vec::new();
    let mut titles = HashMap::new();
    for s in surveys {
        let loaded = definitions::load_by_id(db, s.id).await?;
        let title = survey_title(&loaded, locale).text;
        titles.insert(s.id, title.clone());
        let prompts: Vec<(i32, String)> = loaded
            .questions()
            .filter(|(q, _)| !q.archived)
            .map(|(q, _)| (q.id, loaded.survey.text(&q.prompt, locale).text))
            .collect();
        if prompts.is_empty() {
            continue;
        }
        questions.push((title.clone(), prompts));
        let choices = results::choices(&loaded, locale, &Default::default());
        if !choices.is_empty() {
            segments.push((title, choices));
        }
    }
    let themes = theme::Entity::find()
        .order_by_asc(theme::Column::SurveyId)
        .order_by_asc(theme::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|t| {
            let survey = titles.get(&t.survey_id)?;
            Some((t.id, format!("{} ({survey})", t.name)))
        })
        .collect();
    let series = dropin_series::Entity::find()
        .order_by_asc(dropin_series::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    Ok(crate::domain::actions::EvidenceChoices {
        questions,
        segments,
        themes,
        series,
    })
}

/// The officer's page for action `id`: its preview (evidence under the
/// public rules, so officers see what the public will), its fields, what
/// evidence can be added, and how it has been rated.
pub async fn edit_view(
    db: &impl ConnectionTrait,
    officer: crate::domain::roles::OfficerView,
    id: i32,
    threshold: u64,
    locale: &str,
) -> Result<crate::domain::actions::ActionEditView, AppError> {
    use crate::domain::{
        actions::ActionFields,
        suppression::{Audience, Rules},
    };
    let row = find(db, id).await?.ok_or(AppError::NotFound)?;
    let owner = row.owner_id.map(|o| o.to_string()).unwrap_or_default();
    let public = Rules::new(threshold, Audience::Public);
    let page = page(db, row, public, locale, true).await?;
    // The card has the words and tags (their keys are the form's values).
    let card = &page.card;
    let fields = ActionFields {
        you_said: card.you_said.clone(),
        we_did: card.we_did.clone(),
        service: card.service.clone(),
        timing: card.timing.clone(),
        outcomes: card.outcomes.iter().map(|t| t.key.clone()).collect(),
        priorities: card.priorities.iter().map(|t| t.key.clone()).collect(),
        owner,
    };
    let officer_rules = Rules::new(threshold, Audience::Officer);
    Ok(crate::domain::actions::ActionEditView {
        heard: heard(db, Some(id), officer_rules).await?,
        comments: rating_comments(db, id).await?,
        choices: evidence_choices(db, locale).await?,
        form: form_view(db, officer, locale).await?,
        fields,
        page,
    })
}
