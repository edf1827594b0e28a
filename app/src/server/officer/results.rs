//! Results downloads: every response as CSV (streamed batch by batch, for
//! roles allowed to export), and the results tables as CSV, suppressed
//! exactly as the page that offered them. Both are audited, so both are
//! posts: CSRF-checked, and never fetched again from history.

use super::parse_id;
use crate::{
    AppError,
    domain::{
        audit::AuditAction, results::ResultsQuery, roles::OfficerView, suppression::Audience,
    },
    server::{
        auth::extract::{Officer, need},
        csv_export::{ResponsesFile, stream_body, tables_file},
        db::begin_write,
        page_error::PageResult,
        state::{AppState, RequestLocale},
        store::{definitions, surveys::Loaded},
        views::dashboard,
    },
};
use axum::{
    body::Body,
    extract::{Path, State},
    response::Response,
};
use http::{HeaderValue, header, request::Parts};

/// Records a download in the audit log, in its own transaction, before
/// anything is sent.
async fn record(
    state: &AppState,
    officer: &OfficerView,
    action: AuditAction,
    loaded: &Loaded,
    detail: &str,
) -> Result<(), AppError> {
    let txn = begin_write(&state.db).await?;
    super::record_survey(&txn, officer, action, loaded, detail).await?;
    txn.commit().await?;
    Ok(())
}

/// A CSV download's response: UTF-8, never cached, saved under `name`.
pub fn csv_response(body: Body, name: &str) -> Response {
    let mut res = Response::new(body);
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

pub fn locale_of(req: &http::request::Parts) -> &'static str {
    req.extensions.get::<RequestLocale>().map_or("en", |l| l.0)
}

/// `POST /officer/surveys/{id}/results/responses.csv`: every response, one
/// row each. Withdrawn responses are gone from the database, so from here.
pub async fn responses_csv(
    State(state): State<AppState>,
    Path(id): Path<String>,
    officer: Officer<need::ExportResponses>,
    parts: Parts,
) -> PageResult {
    let loaded = definitions::load_by_id(&state.db, parse_id(&id)?).await?;
    let action = AuditAction::ResponsesExported;
    record(&state, &officer, action, &loaded, "").await?;
    let locale = locale_of(&parts);
    Ok(csv_response(
        stream_body(ResponsesFile::new(state.db.clone(), &loaded, locale)),
        &format!("{}-responses.csv", loaded.survey.slug),
    ))
}

/// `POST /officer/surveys/{id}/results/tables.csv?…`: the page's tables,
/// with the same filters, cross-tab, suppression (and grant for exact
/// figures) as the page.
pub async fn tables_csv(
    State(state): State<AppState>,
    Path(id): Path<String>,
    parts: Parts,
) -> PageResult {
    let locale = locale_of(&parts);
    let query = ResultsQuery::from_query_string(parts.uri.query().unwrap_or_default());
    let id = parse_id(&id)?;
    let (officer, rules) = super::exact::officer_rules(&state, &parts, id, &query).await?;
    let loaded = definitions::load_by_id(&state.db, id).await?;
    // The log says whether the figures were exact, not the grant itself.
    let mut detail = query.to_query_string(false);
    if rules.audience == Audience::Exact {
        detail.push_str(if detail.is_empty() { "exact" } else { "&exact" });
    }
    let action = AuditAction::TablesExported;
    record(&state, &officer, action, &loaded, &detail).await?;
    let dashboard = dashboard::dashboard(&state.db, &loaded, locale, officer, rules, query).await?;
    let file = tables_file(&dashboard, crate::server::mail::locale(locale))?;
    let name = format!("{}-results.csv", loaded.survey.slug);
    Ok(csv_response(Body::from(file), &name))
}
