//! Exact figures. An officer who may see them asks with a post (so the
//! request is CSRF-checked and never replayed by a prefetch or from
//! history); the post is recorded in the audit log and answered with a
//! grant for that officer and survey, signed by the server, that the
//! results address carries for an hour. Pages and the tables file check
//! the grant; a missing, forged or stale one means the protected figures.

use super::{parse_id, record_survey};
use crate::{
    AppError,
    domain::{
        audit::AuditAction,
        results::ResultsQuery,
        roles::{OfficerView, Permission},
        suppression::{Audience, Rules},
    },
    paths,
    server::{
        auth::{
            self,
            extract::{Officer, need},
            signing,
        },
        db::begin_write,
        forms::{Posted, see_other},
        page_error::PageResult,
        state::AppState,
        store::definitions,
    },
};
use axum::extract::{Path, State};
use chrono::{DateTime, Duration, Utc};
use http::request::Parts;

/// How long one ask shows exact figures: a sitting with the results.
pub const LIFETIME: Duration = Duration::hours(1);

fn message(officer: i32, survey: i32) -> String {
    format!("exact:{officer}:{survey}")
}

/// A grant for `officer` to see survey `survey`'s exact figures.
pub fn grant(key: &[u8], officer: i32, survey: i32, now: DateTime<Utc>) -> Option<String> {
    signing::sign(key, &message(officer, survey), now)
}

/// Whether `stamp` is a live grant for `officer` and `survey`.
pub fn holds(key: &[u8], officer: i32, survey: i32, stamp: &str, now: DateTime<Utc>) -> bool {
    signing::verify(key, &message(officer, survey), stamp, LIFETIME, now).is_ok()
}

/// The officer behind `parts` and the rules their results of survey
/// `survey` are shown by: exact only with a live grant and a role that
/// still holds `SeeExactFigures`, otherwise suppressed. The page and the
/// tables file both ask here, so they can never disagree.
pub async fn officer_rules(
    state: &AppState,
    parts: &Parts,
    survey: i32,
    query: &ResultsQuery,
) -> Result<(OfficerView, Rules), AppError> {
    let officer = auth::require(parts, Permission::ViewResults)?;
    let mut audience = Audience::Officer;
    if let Some(stamp) = &query.exact {
        // A grant in the address of someone without the permission (a
        // shared link, or a role since lowered) is refused, not ignored.
        auth::require(parts, Permission::SeeExactFigures)?;
        let key = state.keys.signing(&state.db).await?;
        if holds(key, officer.id, survey, stamp, Utc::now()) {
            audience = Audience::Exact;
        }
    }
    let rules = Rules::new(state.settings.suppression_threshold, audience);
    Ok((officer, rules))
}

/// `POST /officer/surveys/{id}/results?…`: records that exact figures
/// were asked for, with the filters, and shows them.
pub async fn ask(
    State(state): State<AppState>,
    Path(id): Path<String>,
    officer: Officer<need::SeeExactFigures>,
    posted: Posted,
) -> PageResult {
    let id = parse_id(&id)?;
    let query = ResultsQuery::from_query_string(posted.parts.uri.query().unwrap_or_default());
    let txn = begin_write(&state.db).await?;
    let loaded = definitions::load_by_id(&txn, id).await?;
    let detail = query.to_query_string(false);
    let action = AuditAction::ResultsExactShown;
    record_survey(&txn, &officer, action, &loaded, &detail).await?;
    txn.commit().await?;
    let key = state.keys.signing(&state.db).await?;
    let stamp = grant(key, officer.id, id, Utc::now()).ok_or(AppError::Internal)?;
    let granted = ResultsQuery {
        exact: Some(stamp),
        ..query
    };
    let next = format!(
        "{}?{}",
        paths::survey_results(id),
        granted.to_query_string(true)
    );
    Ok(see_other(&next, []))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grant_is_for_one_officer_and_one_survey() {
        let key = b"0123456789abcdef0123456789abcdef";
        let now = Utc::now();
        let stamp = grant(key, 4, 9, now).unwrap();
        assert!(holds(key, 4, 9, &stamp, now));
        assert!(!holds(key, 5, 9, &stamp, now));
        assert!(!holds(key, 4, 8, &stamp, now));
        assert!(!holds(key, 4, 9, "1", now));
        assert!(!holds(
            key,
            4,
            9,
            &stamp,
            now + LIFETIME + Duration::minutes(1)
        ));
    }
}
