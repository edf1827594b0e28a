//! "You said, we did" for officers: creating an action, and every change to
//! one (`POST /officer/actions/{id}` by `op`): its words and tags, status,
//! an update, evidence, publishing. Each change, its timeline entry and
//! its audit entry are one transaction; a refused form is shown again with
//! its problems and what was typed.

use super::parse_id;
use crate::{
    AppError,
    domain::{
        actions::{
            ActionFields, ActionInput, ActionProblem, ActionRefusal, ActionStatus, check_note,
            check_status,
        },
        audit::AuditAction,
        roles::OfficerView,
    },
    paths,
    server::{
        auth::extract::{Officer, need},
        db::begin_write,
        forms::{Posted, refuse, see_other},
        page_error::PageResult,
        state::AppState,
        store::{
            actions::{self, NewEvidence},
            audit::{Actor, record},
            definitions,
        },
    },
};
use axum::{
    extract::{Path, State},
    response::Response,
};
use http::StatusCode;
use sea_orm::ConnectionTrait;

/// Checks the fields against the outcomes, priorities and officers there are.
async fn check(
    db: &impl ConnectionTrait,
    fields: &ActionFields,
) -> Result<Result<ActionInput, Vec<ActionProblem>>, AppError> {
    let known = definitions::known(db).await?;
    let priorities: Vec<i32> = known
        .priorities
        .iter()
        .filter_map(|p| p.parse().ok())
        .collect();
    let owners: Vec<i32> = actions::possible_owners(db)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    Ok(fields.check(&known.outcomes, &priorities, &owners))
}

fn subject(id: i32) -> String {
    format!("action {id}")
}

async fn refused(
    state: &AppState,
    posted: &Posted,
    op: &str,
    problems: Vec<ActionProblem>,
) -> Response {
    let refusal = ActionRefusal {
        op: op.to_owned(),
        problems,
        typed: posted.fields.clone(),
    };
    refuse(state, posted, refusal, StatusCode::UNPROCESSABLE_ENTITY).await
}

/// `POST /officer/actions/new`: a draft action, planned.
pub async fn create(
    State(state): State<AppState>,
    officer: Officer<need::WriteActions>,
    posted: Posted,
) -> PageResult {
    let fields = ActionFields::from_pairs(&posted.fields);
    let input = match check(&state.db, &fields).await? {
        Ok(input) => input,
        Err(problems) => return Ok(refused(&state, &posted, "create", problems).await),
    };
    let txn = begin_write(&state.db).await?;
    let id = actions::create(&txn, &input, officer.id).await?;
    record(
        &txn,
        Actor::Officer(&officer),
        AuditAction::ActionCreated,
        &subject(id),
        &input.you_said,
    )
    .await?;
    txn.commit().await?;
    Ok(see_other(&paths::officer_action(id), []))
}

/// What one post to an action asks for, checked.
enum Change {
    Edit(ActionInput),
    Status(ActionStatus, Option<String>),
    Update(String),
    Publish(bool),
    AddEvidence(NewEvidence),
    RemoveEvidence(i32),
}

/// Reads the post's `op` and checks its fields; `Err(Ok(problems))` is a
/// form to show again, `Err(Err(_))` an error page (a tampered form).
async fn change_of(
    db: &impl ConnectionTrait,
    posted: &Posted,
) -> Result<Change, Result<Vec<ActionProblem>, AppError>> {
    let field = |name: &str| posted.value(name).unwrap_or_default().trim().to_owned();
    let number = |name: &str| {
        field(name)
            .parse::<i32>()
            .map_err(|_| Err(AppError::BadRequest))
    };
    match field("op").as_str() {
        "edit" => match check(db, &ActionFields::from_pairs(&posted.fields)).await {
            Ok(Ok(input)) => Ok(Change::Edit(input)),
            Ok(Err(problems)) => Err(Ok(problems)),
            Err(err) => Err(Err(err)),
        },
        "status" => {
            let status = ActionStatus::parse(&field("status")).ok_or(Err(AppError::BadRequest))?;
            let note = check_status(status, posted.value("note").unwrap_or_default())
                .map_err(|p| Ok(vec![p]))?;
            Ok(Change::Status(status, note))
        }
        "update" => check_note(posted.value("note").unwrap_or_default())
            .map(Change::Update)
            .map_err(|p| Ok(vec![p])),
        "publish" => Ok(Change::Publish(true)),
        "unpublish" => Ok(Change::Publish(false)),
        "add_question" => {
            let segment = match field("segment").split_once(':') {
                Some((q, value)) => Some((
                    q.parse::<i32>().map_err(|_| Err(AppError::BadRequest))?,
                    value.to_owned(),
                )),
                None if field("segment").is_empty() => None,
                None => return Err(Err(AppError::BadRequest)),
            };
            let question_id = number("question")?;
            if let Some((other, _)) = &segment {
                use crate::server::entities::question;
                use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
                let surveys: Vec<i32> = question::Entity::find()
                    .filter(question::Column::Id.is_in([question_id, *other]))
                    .all(db)
                    .await
                    .map_err(|e| Err(e.into()))?
                    .into_iter()
                    .map(|q| q.survey_id)
                    .collect();
                if surveys.len() == 2 && surveys[0] != surveys[1] {
                    return Err(Ok(vec![ActionProblem::SegmentElsewhere]));
                }
            }
            Ok(Change::AddEvidence(NewEvidence::Question {
                question_id,
                segment,
            }))
        }
        "add_theme" => Ok(Change::AddEvidence(NewEvidence::Theme(number("theme")?))),
        "add_series" => Ok(Change::AddEvidence(NewEvidence::Series(number("series")?))),
        "remove_evidence" => Ok(Change::RemoveEvidence(number("evidence")?)),
        _ => Err(Err(AppError::BadRequest)),
    }
}

/// Applies `change` to action `id` with its audit entry; returns where to go next.
async fn apply(
    db: &impl ConnectionTrait,
    officer: &OfficerView,
    id: i32,
    change: Change,
) -> Result<String, AppError> {
    let page = paths::officer_action(id);
    let (action, detail, anchor) = match change {
        Change::Edit(input) => {
            actions::edit(db, id, &input).await?;
            (AuditAction::ActionEdited, input.you_said, "")
        }
        Change::Status(status, note) => {
            actions::set_status(db, id, status, note.clone(), officer.id).await?;
            let detail = match note {
                Some(note) => format!("{}: {note}", status.as_str()),
                None => status.as_str().to_owned(),
            };
            (AuditAction::ActionStatusChanged, detail, "#status")
        }
        Change::Update(note) => {
            actions::add_update(db, id, note.clone(), officer.id).await?;
            (AuditAction::ActionUpdateAdded, note, "#status")
        }
        Change::Publish(publish) => {
            actions::set_published(db, id, publish, officer.id).await?;
            let action = if publish {
                AuditAction::ActionPublished
            } else {
                AuditAction::ActionUnpublished
            };
            (action, String::new(), "")
        }
        Change::AddEvidence(evidence) => {
            // Evidence that does not exist is a tampered form.
            let label = actions::add_evidence(db, id, &evidence)
                .await?
                .ok_or(AppError::BadRequest)?;
            (AuditAction::ActionEvidenceAdded, label, "#evidence")
        }
        Change::RemoveEvidence(evidence) => {
            if !actions::remove_evidence(db, id, evidence).await? {
                return Err(AppError::NotFound);
            }
            (
                AuditAction::ActionEvidenceRemoved,
                format!("evidence {evidence}"),
                "#evidence",
            )
        }
    };
    record(db, Actor::Officer(officer), action, &subject(id), &detail).await?;
    Ok(format!("{page}?done={}{anchor}", action.as_str()))
}

/// `POST /officer/actions/{id}`: one change, by `op`.
pub async fn post(
    State(state): State<AppState>,
    Path(id): Path<String>,
    officer: Officer<need::WriteActions>,
    posted: Posted,
) -> PageResult {
    let op = posted.value("op").unwrap_or_default().to_owned();
    let id = parse_id(&id)?;
    let txn = begin_write(&state.db).await?;
    actions::find(&txn, id).await?.ok_or(AppError::NotFound)?;
    let change = match change_of(&txn, &posted).await {
        Ok(change) => change,
        Err(refused_form) => {
            txn.rollback().await?;
            return Ok(refused(&state, &posted, &op, refused_form?).await);
        }
    };
    let next = apply(&txn, &officer, id, change).await?;
    txn.commit().await?;
    Ok(see_other(&next, []))
}
