//! Drop-in series and sessions: the officer's form posts and the poster.
//!
//! A new series or one-off session gets its feedback survey from the
//! template (`server::feedback_template`), published at once so its link
//! works; the survey is then edited in the builder like any other. Every
//! change is audited in its own transaction.

use super::parse_id;
use crate::{
    AppError,
    domain::{
        audit::AuditAction,
        dropins::{Fields, Repeat, SessionForm, SessionProblem, SessionRefusal, check_session},
        validation::Date,
    },
    paths,
    server::{
        auth::extract::{Officer, need},
        db::begin_write,
        forms::{Posted, file_response, refuse, see_other},
        mail,
        page_error::PageResult,
        poster::poster_svg,
        schedule::session_dates,
        state::AppState,
        store::{
            audit::{self, Actor},
            dropins,
        },
    },
};
use axum::{
    extract::{Path, State},
    response::Response,
};
use http::{StatusCode, request::Parts};

/// The form checked, with the dates it asks for; or why not.
fn checked(posted: &Posted, fields: Fields) -> Result<(SessionForm, Vec<Date>), SessionRefusal> {
    let form = check_session(&posted.fields, fields)?;
    match session_dates(form.date, form.repeat, form.until) {
        Ok(dates) => Ok((form, dates)),
        Err(problem) => Err(SessionRefusal {
            problems: vec![("until".to_owned(), problem)],
            typed: posted.fields.clone(),
        }),
    }
}

/// The page again, with the problems.
async fn refused(state: &AppState, posted: &Posted, refusal: SessionRefusal) -> Response {
    refuse(state, posted, refusal, StatusCode::UNPROCESSABLE_ENTITY).await
}

fn subject_series(id: i32, name: &str) -> String {
    format!("drop-in series {id} {name}")
}

fn subject_session(id: i32, name: &str, date: Date) -> String {
    format!("drop-in session {id} {name} {}", date.iso())
}

/// `POST /officer/dropins/new-series`: a series, its feedback survey and
/// its first sessions.
pub async fn create_series(
    State(state): State<AppState>,
    officer: Officer<need::RunDropIns>,
    posted: Posted,
) -> PageResult {
    create(state, officer, posted, true).await
}

/// `POST /officer/dropins/new-session`: a one-off session with its own
/// feedback survey.
pub async fn create_session(
    State(state): State<AppState>,
    officer: Officer<need::RunDropIns>,
    posted: Posted,
) -> PageResult {
    create(state, officer, posted, false).await
}

/// A new series (with its sessions) or one-off session, and its feedback
/// survey from the template, in one transaction with its audit entry.
async fn create(
    state: AppState,
    officer: Officer<need::RunDropIns>,
    posted: Posted,
    series: bool,
) -> PageResult {
    let fields = Fields {
        name: true,
        description: series,
        repeat: series,
    };
    let (form, dates) = match checked(&posted, fields) {
        Ok(checked) => checked,
        Err(refusal) => return Ok(refused(&state, &posted, refusal).await),
    };
    let txn = begin_write(&state.db).await?;
    let survey = crate::server::feedback_template::new_feedback_survey(
        &txn,
        &form,
        &state.settings.default_locale,
    )
    .await?;
    let series_id = if series {
        Some(dropins::insert_series(&txn, &form, survey.id).await?.id)
    } else {
        None
    };
    let ids =
        dropins::insert_sessions(&txn, series_id, &form.name, &form, &dates, survey.id).await?;
    let first = ids.first().copied().ok_or(AppError::Internal)?;
    let (action, subject, detail, next) = match series_id {
        Some(id) => (
            AuditAction::DropInSeriesCreated,
            subject_series(id, &form.name),
            format!("{} sessions, survey {}", dates.len(), survey.slug),
            paths::series(id),
        ),
        None => (
            AuditAction::DropInSessionsAdded,
            subject_session(first, &form.name, form.date),
            format!("one-off, survey {}", survey.slug),
            paths::session(first),
        ),
    };
    audit::record(&txn, Actor::Officer(&officer), action, &subject, &detail).await?;
    txn.commit().await?;
    Ok(see_other(&format!("{next}?done=created"), []))
}

/// `POST /officer/dropins/series/{id}`: adds sessions to the series, once
/// or repeating.
pub async fn series(
    State(state): State<AppState>,
    Path(id): Path<String>,
    officer: Officer<need::RunDropIns>,
    posted: Posted,
) -> PageResult {
    let id = parse_id(&id)?;
    // Its name and survey only: not its sessions and their counts.
    let series = dropins::series_model(&state.db, id).await?;
    let fields = Fields {
        name: false,
        description: false,
        repeat: true,
    };
    let (form, dates) = match checked(&posted, fields) {
        Ok(checked) => checked,
        Err(refusal) => return Ok(refused(&state, &posted, refusal).await),
    };
    let txn = begin_write(&state.db).await?;
    dropins::insert_sessions(
        &txn,
        Some(id),
        &series.name,
        &form,
        &dates,
        series.survey_id,
    )
    .await?;
    let detail = match form.repeat {
        Repeat::Once => form.date.iso(),
        _ => format!(
            "{} sessions, {} {} to {}",
            dates.len(),
            form.repeat.as_str(),
            form.date.iso(),
            form.until.iso()
        ),
    };
    audit::record(
        &txn,
        Actor::Officer(&officer),
        AuditAction::DropInSessionsAdded,
        &subject_series(id, &series.name),
        &detail,
    )
    .await?;
    txn.commit().await?;
    Ok(see_other(&format!("{}?done=added", paths::series(id)), []))
}

/// `POST /officer/dropins/sessions/{id}`: save the session's details
/// (`op=save`) or delete it (`op=delete`, only while it has no feedback).
pub async fn session(
    State(state): State<AppState>,
    Path(id): Path<String>,
    officer: Officer<need::RunDropIns>,
    posted: Posted,
) -> PageResult {
    let id = parse_id(&id)?;
    let (model, row) = dropins::session(&state.db, id).await?;
    let subject = subject_session(id, &row.name, row.date);
    match posted.value("op") {
        Some("save") => {
            let fields = Fields {
                name: true,
                description: false,
                repeat: false,
            };
            let (form, _) = match checked(&posted, fields) {
                Ok(checked) => checked,
                Err(refusal) => return Ok(refused(&state, &posted, refusal).await),
            };
            let txn = begin_write(&state.db).await?;
            dropins::update_session(&txn, model, &form).await?;
            audit::record(
                &txn,
                Actor::Officer(&officer),
                AuditAction::DropInSessionEdited,
                &subject,
                "",
            )
            .await?;
            txn.commit().await?;
            Ok(see_other(&format!("{}?done=saved", paths::session(id)), []))
        }
        Some("delete") => {
            let txn = begin_write(&state.db).await?;
            if !dropins::delete_session(&txn, id).await? {
                txn.rollback().await?;
                let refusal = SessionRefusal {
                    problems: vec![("delete".to_owned(), SessionProblem::HasFeedback)],
                    typed: Vec::new(),
                };
                return Ok(refuse(&state, &posted, refusal, StatusCode::CONFLICT).await);
            }
            audit::record(
                &txn,
                Actor::Officer(&officer),
                AuditAction::DropInSessionDeleted,
                &subject,
                "",
            )
            .await?;
            txn.commit().await?;
            let back = row
                .series_id
                .map_or_else(|| paths::DROPINS.to_owned(), paths::series);
            Ok(see_other(&format!("{back}?done=deleted"), []))
        }
        _ => Err(AppError::BadRequest.into()),
    }
}

/// `GET /officer/dropins/sessions/{id}/poster.svg`: the A4 poster, in the
/// officer's language. Printing or downloading it is audited; the small
/// preview on the session's page (`?preview`) is not.
pub async fn poster(
    State(state): State<AppState>,
    Path(id): Path<String>,
    officer: Officer<need::RunDropIns>,
    parts: Parts,
) -> PageResult {
    let query = parts.uri.query().unwrap_or_default();
    let preview = query.split('&').any(|p| p == "preview");
    let download = query.split('&').any(|p| p == "download");
    let locale = parts
        .extensions
        .get::<crate::server::state::RequestLocale>()
        .map_or("en", |l| l.0);
    let id = parse_id(&id)?;
    let (_, row) = dropins::session(&state.db, id).await?;
    let link = format!("{}{}", state.settings.base_url, paths::dropin(&row.code));
    let svg = poster_svg(&row, &link, mail::locale(locale))?;
    if download || !preview {
        let txn = begin_write(&state.db).await?;
        audit::record(
            &txn,
            Actor::Officer(&officer),
            AuditAction::DropInPosterPrinted,
            &subject_session(id, &row.name, row.date),
            "",
        )
        .await?;
        txn.commit().await?;
    }
    let name = format!("drop-in-poster-{}.svg", row.code);
    Ok(file_response(
        svg,
        "image/svg+xml; charset=utf-8",
        download.then_some(name.as_str()),
    ))
}
