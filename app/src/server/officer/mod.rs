//! The officer workspace's form posts. Like the respondent's, each answers
//! `303 See Other` or renders its page again with the problems; each checks
//! its permission first, and records what it did in the audit log.

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

use super::{auth::sessions, cookies, state::AppState};
use crate::domain::roles::OfficerView;
use http::HeaderValue;

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
