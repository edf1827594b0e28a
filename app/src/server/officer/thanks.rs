//! Approving or declining the names respondents offered to be thanked by
//! (`POST /officer/surveys/{id}/thanks`), one at a time, each audited.

use super::{parse_id, record_survey};
use crate::{
    AppError,
    domain::audit::AuditAction,
    paths,
    server::{
        auth::extract::{Officer, need},
        db::begin_write,
        entities::public_thanks::ThanksStatus,
        forms::{Form, see_other},
        page_error::PageResult,
        state::AppState,
        store::{definitions, thanks},
    },
};
use axum::extract::{Path, State};
use serde::Deserialize;

/// What an officer decided about one name.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Decision {
    Approve,
    Decline,
}

/// The form beside each offered name.
#[derive(Debug, Deserialize)]
pub struct ThanksForm {
    /// The name's id.
    name: i64,
    op: Decision,
}

pub async fn post(
    State(state): State<AppState>,
    Path(id): Path<String>,
    officer: Officer<need::WriteActions>,
    Form(form): Form<ThanksForm>,
) -> PageResult {
    let id = parse_id(&id)?;
    let name_id = form.name;
    let (status, action) = match form.op {
        Decision::Approve => (ThanksStatus::Approved, AuditAction::ThanksApproved),
        Decision::Decline => (ThanksStatus::Declined, AuditAction::ThanksDeclined),
    };
    let txn = begin_write(&state.db).await?;
    let loaded = definitions::load_by_id(&txn, id).await?;
    thanks::decide(&txn, id, name_id, status)
        .await?
        .ok_or(AppError::NotFound)?;
    // The name itself stays with the survey's thanks list, where a
    // decline or a withdrawal can remove it; the log keeps its id.
    record_survey(&txn, &officer, action, &loaded, &format!("name {name_id}")).await?;
    txn.commit().await?;
    let next = format!("{}#name-{name_id}", paths::officer_thanks(id));
    Ok(see_other(&next, []))
}
