//! "You said, we did": actions with their tags, evidence, timeline and
//! ratings. Every change adds a dated timeline entry in the same
//! transaction; the public sees only published actions, and their evidence
//! only as the public suppression rules allow.

use crate::{
    AppError,
    domain::actions::{ActionInput, ActionStatus, EventKind, OwnAction},
    server::entities::{
        action, action_event, action_evidence, action_outcome, action_priority, answer,
        answer_theme, dropin_response, dropin_series, dropin_session, outcome, priority, question,
        question_option, survey, theme, user_account,
    },
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, NotSet,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Query,
};

/// What a piece of evidence points at: given by an officer, or read back
/// from its row.
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

impl NewEvidence {
    /// What a stored row points at; `None` for a row whose kind and ids do
    /// not agree (it shows as missing).
    pub fn of_row(e: &action_evidence::Model) -> Option<NewEvidence> {
        match (e.kind.as_str(), e.question_id, e.theme_id, e.series_id) {
            ("question", Some(question_id), _, _) => Some(NewEvidence::Question {
                question_id,
                segment: e.segment_question_id.zip(e.segment_value.clone()),
            }),
            ("theme", _, Some(t), _) => Some(NewEvidence::Theme(t)),
            ("series", _, _, Some(s)) => Some(NewEvidence::Series(s)),
            _ => None,
        }
    }

    /// The kind as stored.
    fn kind(&self) -> &'static str {
        match self {
            NewEvidence::Question { .. } => "question",
            NewEvidence::Theme(_) => "theme",
            NewEvidence::Series(_) => "series",
        }
    }
}

/// Whether `value` is an answer to question `question_id` of survey
/// `survey_id` (on one of its pages).
async fn is_answer_of(
    db: &impl ConnectionTrait,
    survey_id: i32,
    question_id: i32,
    value: &str,
) -> Result<bool, DbErr> {
    let on_survey = question::Entity::find_by_id(question_id)
        .one(db)
        .await?
        .is_some_and(|q| q.survey_id == survey_id && q.page_id.is_some());
    Ok(on_survey
        && question_option::Entity::find()
            .filter(question_option::Column::QuestionId.eq(question_id))
            .filter(question_option::Column::Value.eq(value))
            .one(db)
            .await?
            .is_some())
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
    let (survey_id, question, theme_id, series_id, segment, label) = match evidence {
        NewEvidence::Question {
            question_id,
            segment,
        } => {
            let Some(q) = question::Entity::find_by_id(*question_id).one(db).await? else {
                return Ok(None);
            };
            if let Some((seg_q, value)) = segment
                && (*seg_q == q.id || !is_answer_of(db, q.survey_id, *seg_q, value).await?)
            {
                return Ok(None);
            }
            let label = format!("question {}", q.id);
            (q.survey_id, Some(q.id), None, None, segment.clone(), label)
        }
        NewEvidence::Theme(id) => {
            let Some(t) = theme::Entity::find_by_id(*id).one(db).await? else {
                return Ok(None);
            };
            let label = format!("theme {}", t.name);
            (t.survey_id, None, Some(t.id), None, None, label)
        }
        NewEvidence::Series(id) => {
            let Some(s) = dropin_series::Entity::find_by_id(*id).one(db).await? else {
                return Ok(None);
            };
            let label = format!("drop-in series {}", s.name);
            (s.survey_id, None, None, Some(s.id), None, label)
        }
    };
    // A draft survey's answers are test answers, and it may never run:
    // nothing public may rest on it.
    let published = survey::Entity::find_by_id(survey_id)
        .one(db)
        .await?
        .is_some_and(|s| s.status != survey::Status::Draft);
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
        kind: Set(evidence.kind().to_owned()),
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

/// Every action, newest change first.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<action::Model>, DbErr> {
    action::Entity::find()
        .order_by_desc(action::Column::UpdatedAt)
        .all(db)
        .await
}

/// The outcome and priority tags of actions `ids`.
pub async fn tag_links(
    db: &impl ConnectionTrait,
    ids: &[i32],
) -> Result<(Vec<action_outcome::Model>, Vec<action_priority::Model>), DbErr> {
    let outcomes = action_outcome::Entity::find()
        .filter(action_outcome::Column::ActionId.is_in(ids.to_vec()))
        .all(db)
        .await?;
    let priorities = action_priority::Entity::find()
        .filter(action_priority::Column::ActionId.is_in(ids.to_vec()))
        .all(db)
        .await?;
    Ok((outcomes, priorities))
}

/// Action `id`'s evidence, in the order it was added.
pub async fn evidence(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Vec<action_evidence::Model>, DbErr> {
    action_evidence::Entity::find()
        .filter(action_evidence::Column::ActionId.eq(id))
        .order_by_asc(action_evidence::Column::Position)
        .order_by_asc(action_evidence::Column::Id)
        .all(db)
        .await
}

/// Action `id`'s timeline, oldest first.
pub async fn events(db: &impl ConnectionTrait, id: i32) -> Result<Vec<action_event::Model>, DbErr> {
    action_event::Entity::find()
        .filter(action_event::Column::ActionId.eq(id))
        .order_by_asc(action_event::Column::At)
        .order_by_asc(action_event::Column::Id)
        .all(db)
        .await
}

/// Surveys evidence may be chosen from: neither draft nor archived.
pub async fn evidence_surveys(db: &impl ConnectionTrait) -> Result<Vec<survey::Model>, DbErr> {
    survey::Entity::find()
        .filter(survey::Column::Status.ne(survey::Status::Archived))
        .filter(survey::Column::Status.ne(survey::Status::Draft))
        .order_by_asc(survey::Column::Id)
        .all(db)
        .await
}
