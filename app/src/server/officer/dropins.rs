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
        roles::Permission,
        validation::Date,
    },
    or_error_page, paths,
    server::{
        auth,
        db::begin_write,
        forms::{Posted, file_response, refuse, see_other},
        mail,
        poster::poster_svg,
        render::error_page,
        schedule::session_dates,
        state::AppState,
        store::{
            audit::{self, Actor},
            dropins,
        },
    },
};
use axum::{
    body::Body,
    extract::{Path, State},
    response::Response,
};
use http::{Request, StatusCode};

/// The form checked, with the dates it asks for; a refusal is the page again.
async fn checked(
    state: &AppState,
    posted: &Posted,
    fields: Fields,
) -> Result<(SessionForm, Vec<Date>), Response> {
    let refused =
        |refusal: SessionRefusal| refuse(state, posted, refusal, StatusCode::UNPROCESSABLE_ENTITY);
    let form = match check_session(&posted.fields, fields) {
        Ok(form) => form,
        Err(refusal) => return Err(refused(refusal).await),
    };
    match session_dates(form.date, form.repeat, form.until) {
        Ok(dates) => Ok((form, dates)),
        Err(problem) => Err(refused(SessionRefusal {
            problems: vec![("until".to_owned(), problem)],
            typed: posted.fields.clone(),
        })
        .await),
    }
}

fn subject_series(id: i32, name: &str) -> String {
    format!("drop-in series {id} {name}")
}

fn subject_session(id: i32, name: &str, date: Date) -> String {
    format!("drop-in session {id} {name} {}", date.iso())
}

/// `POST /officer/dropins/new-series`: a series, its feedback survey and
/// its first sessions.
pub async fn create_series(State(state): State<AppState>, req: Request<Body>) -> Response {
    create(state, req, true).await
}

/// `POST /officer/dropins/new-session`: a one-off session with its own
/// feedback survey.
pub async fn create_session(State(state): State<AppState>, req: Request<Body>) -> Response {
    create(state, req, false).await
}

/// A new series (with its sessions) or one-off session, and its feedback
/// survey from the template, in one transaction with its audit entry.
async fn create(state: AppState, req: Request<Body>, series: bool) -> Response {
    let (posted, officer) = received!(state, req, Permission::RunDropIns);
    let fields = Fields {
        name: true,
        description: series,
        repeat: series,
    };
    let (form, dates) = match checked(&state, &posted, fields).await {
        Ok(checked) => checked,
        Err(res) => return res,
    };
    let created = async {
        let txn = begin_write(&state.db).await?;
        let survey =
            dropins::new_feedback_survey(&txn, &form, &state.settings.default_locale).await?;
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
        Ok::<_, AppError>(next)
    };
    let next = or_error_page!(&state, posted, created.await);
    see_other(&format!("{next}?done=created"), [])
}

/// `POST /officer/dropins/series/{id}`: adds sessions to the series, once
/// or repeating.
pub async fn series(
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: Request<Body>,
) -> Response {
    let (posted, officer) = received!(state, req, Permission::RunDropIns);
    let id = or_error_page!(&state, posted, parse_id(&id));
    // Its name and survey only: not its sessions and their counts.
    let series = or_error_page!(&state, posted, dropins::series_model(&state.db, id).await);
    let fields = Fields {
        name: false,
        description: false,
        repeat: true,
    };
    let (form, dates) = match checked(&state, &posted, fields).await {
        Ok(checked) => checked,
        Err(res) => return res,
    };
    let added = async {
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
        Ok::<_, AppError>(())
    };
    or_error_page!(&state, posted, added.await);
    see_other(&format!("{}?done=added", paths::series(id)), [])
}

/// `POST /officer/dropins/sessions/{id}`: save the session's details
/// (`op=save`) or delete it (`op=delete`, only while it has no feedback).
pub async fn session(
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: Request<Body>,
) -> Response {
    let (posted, officer) = received!(state, req, Permission::RunDropIns);
    let id = or_error_page!(&state, posted, parse_id(&id));
    let (model, row) = or_error_page!(&state, posted, dropins::session(&state.db, id).await);
    let subject = subject_session(id, &row.name, row.date);
    match posted.value("op") {
        Some("save") => {
            let fields = Fields {
                name: true,
                description: false,
                repeat: false,
            };
            let (form, _) = match checked(&state, &posted, fields).await {
                Ok(checked) => checked,
                Err(res) => return res,
            };
            let saved = async {
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
                Ok::<_, AppError>(())
            };
            or_error_page!(&state, posted, saved.await);
            see_other(&format!("{}?done=saved", paths::session(id)), [])
        }
        Some("delete") => {
            let deleted = async {
                let txn = begin_write(&state.db).await?;
                if !dropins::delete_session(&txn, id).await? {
                    txn.rollback().await?;
                    return Ok(false);
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
                Ok::<_, AppError>(true)
            };
            if or_error_page!(&state, posted, deleted.await) {
                let back = row
                    .series_id
                    .map_or_else(|| paths::DROPINS.to_owned(), paths::series);
                see_other(&format!("{back}?done=deleted"), [])
            } else {
                let refusal = SessionRefusal {
                    problems: vec![("delete".to_owned(), SessionProblem::HasFeedback)],
                    typed: Vec::new(),
                };
                refuse(&state, &posted, refusal, StatusCode::CONFLICT).await
            }
        }
        _ => error_page(&state, posted.page_request(), AppError::BadRequest).await,
    }
}

/// `GET /officer/dropins/sessions/{id}/poster.svg`: the A4 poster, in the
/// officer's language. Printing or downloading it is audited; the small
/// preview on the session's page (`?preview`) is not.
pub async fn poster(
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: Request<Body>,
) -> Response {
    let (parts, _) = req.into_parts();
    let page = || Request::from_parts(parts.clone(), Body::empty());
    let query = parts.uri.query().unwrap_or_default();
    let preview = query.split('&').any(|p| p == "preview");
    let download = query.split('&').any(|p| p == "download");
    let locale = parts
        .extensions
        .get::<crate::server::state::RequestLocale>()
        .map_or("en", |l| l.0);
    let made = async {
        let officer = auth::require(&parts, Permission::RunDropIns)?;
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
        Ok::<_, AppError>((row.code, svg))
    };
    match made.await {
        Ok((code, svg)) => {
            let name = format!("drop-in-poster-{code}.svg");
            file_response(
                svg,
                "image/svg+xml; charset=utf-8",
                download.then_some(name.as_str()),
            )
        }
        Err(err) => error_page(&state, page(), err).await,
    }
}
