//! The officer workspace's form posts. Like the respondent's, each answers
//! `303 See Other` or renders its page again with the problems; each checks
//! its permission first, and records what it did in the audit log.

/// Reads a form post and checks its officer holds `$permission`; anything
/// else returns the response to send (413, 403 page) from the handler.
macro_rules! received {
    ($state:expr, $req:expr, $permission:expr) => {
        match $crate::server::officer::receive(&$state, $req, $permission).await {
            Ok(received) => received,
            Err(res) => return res,
        }
    };
}

pub mod actions;
pub mod builder;
pub mod comments;
pub mod dropins;
pub mod exact;
pub mod passwords;
pub mod results;
pub mod sign_in;
pub mod thanks;
pub mod users;

use super::{
    auth::{self, sessions},
    cookies,
    forms::Posted,
    render::error_page,
    state::AppState,
};
use crate::domain::roles::{OfficerView, Permission};
use axum::response::Response;
use http::HeaderValue;

/// The officer who sent `posted`, if they hold `permission`; otherwise the
/// 403 page to send.
async fn officer_posting(
    state: &AppState,
    posted: &Posted,
    permission: Permission,
) -> Result<OfficerView, Response> {
    match auth::require(&posted.parts, permission) {
        Ok(officer) => Ok(officer),
        Err(err) => Err(error_page(state, posted.page_request(), err).await),
    }
}

/// Reads the form and checks the officer holds `permission`.
async fn receive(
    state: &AppState,
    req: axum::extract::Request,
    permission: Permission,
) -> Result<(Posted, OfficerView), Response> {
    let posted = super::forms::read_form(state, req).await?;
    let officer = officer_posting(state, &posted, permission).await?;
    Ok((posted, officer))
}

/// An id from the address; anything else is a page that does not exist.
pub(crate) fn parse_id(text: &str) -> Result<i32, crate::AppError> {
    text.parse().map_err(|_| crate::AppError::NotFound)
}

/// Records an officer's action on a survey in the audit log, inside `txn`
/// (the transaction of the change itself).
pub(crate) async fn record_survey(
    txn: &impl sea_orm::ConnectionTrait,
    officer: &OfficerView,
    action: crate::domain::audit::AuditAction,
    loaded: &super::store::surveys::Loaded,
    detail: &str,
) -> Result<(), crate::AppError> {
    use super::store::audit::{Actor, record};
    let subject = format!("survey {} {}", loaded.survey.id, loaded.survey.slug);
    record(txn, Actor::Officer(officer), action, &subject, detail).await?;
    Ok(())
}

/// The `Set-Cookie` for a new session's secret.
fn session_cookie(state: &AppState, secret: &str) -> Option<HeaderValue> {
    cookies::set(
        sessions::cookie_name(state.settings.secure_cookies),
        secret,
        sessions::COOKIE_PATH,
        None,
        state.settings.secure_cookies,
    )
}
