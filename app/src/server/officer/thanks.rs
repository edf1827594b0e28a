//! Approving or declining the names respondents offered to be thanked by
//! (`POST /officer/surveys/{id}/thanks`), one at a time, each audited.

use super::{parse_id, record_survey};
use crate::{
    AppError,
    domain::{audit::AuditAction, roles::Permission},
    paths,
    server::{
        db::begin_write,
        entities::public_thanks::ThanksStatus,
        forms::see_other,
        render::error_page,
        state::AppState,
        store::{definitions, thanks},
    },
};
use axum::{
    body::Body,
    extract::{Path, State},
    response::Response,
};
use http::Request;

pub async fn post(
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: Request<Body>,
) -> Response {
    let (posted, officer) = received!(state, req, Permission::WriteActions);
    let done = async {
        let id = parse_id(&id)?;
        let name_id: i64 = posted
            .value("name")
            .unwrap_or_default()
            .parse()
            .map_err(|_| AppError::BadRequest)?;
        let (status, action) = match posted.value("op").unwrap_or_default() {
            "approve" => (ThanksStatus::Approved, AuditAction::ThanksApproved),
            "decline" => (ThanksStatus::Declined, AuditAction::ThanksDeclined),
            _ => return Err(AppError::BadRequest),
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
        Ok::<_, AppError>(format!("{}#name-{name_id}", paths::officer_thanks(id)))
    };
    match done.await {
        Ok(next) => see_other(&next, []),
        Err(err) => error_page(&state, posted.page_request(), err).await,
    }
}
