//! The officer workspace's form posts. Like the respondent's, each answers
//! `303 See Other` or renders its page again with the problems; each checks
//! its permission first, and records what it did in the audit log.

pub mod builder;
pub mod passwords;
pub mod sign_in;
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
