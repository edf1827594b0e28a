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

use super::{
    auth::sessions,
    cookies,
    routing::{Handled, get, post},
    state::AppState,
};
use crate::paths::{self, route};

/// The way in, and the workspace's form posts and audited downloads
/// (downloads are posts: CSRF-checked, never prefetched or repeated from
/// history).
pub fn routes() -> Vec<Handled> {
    vec![
        post(paths::SIGN_IN, sign_in::sign_in),
        post(paths::SIGN_OUT, sign_in::sign_out),
        post(paths::FORGOT_PASSWORD, passwords::forgot),
        get(route::SET_PASSWORD_LINK, passwords::open_link),
        post(paths::SET_PASSWORD, passwords::set_password),
        post(paths::USERS, users::post),
        post(paths::NEW_ACTION, actions::create),
        post(route::OFFICER_ACTION, actions::post),
        post(route::SURVEY_THANKS, thanks::post),
        post(paths::NEW_SERIES, dropins::create_series),
        post(paths::NEW_SESSION, dropins::create_session),
        post(route::SERIES, dropins::series),
        post(route::SESSION, dropins::session),
        get(route::POSTER, dropins::poster),
        post(paths::NEW_SURVEY, builder::create),
        post(paths::IMPORT_SURVEY, builder::import),
        post(route::SURVEY, builder::overview),
        post(route::SURVEY_EXPORT, builder::export),
        post(route::SURVEY_RESULTS, exact::ask),
        post(route::RESPONSES_CSV, results::responses_csv),
        post(route::TABLES_CSV, results::tables_csv),
        post(route::COMMENTS, comments::post),
        post(route::COMMENTS_CSV, comments::csv),
        post(route::SURVEY_DETAILS, builder::details),
        post(route::SURVEY_TRANSLATE, builder::translate),
        post(route::SURVEY_PAGE, builder::page),
        post(route::SURVEY_QUESTION, builder::question),
    ]
}
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
