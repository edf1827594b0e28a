//! Signing in and out.
//!
//! Failed tries are counted per address (so one account cannot be guessed
//! at from many places) and per client (so many accounts cannot be guessed
//! at from one). After [`SLOW_AFTER`] failures each answer is slowed; after
//! [`LOCK_AFTER`] the address is locked for the rest of the window. Unknown
//! addresses are counted and answered exactly like real ones.

use super::session_cookie;
use crate::{
    domain::{
        accounts::{SignInProblem, SignInRefusal},
        audit::AuditAction,
        roles::{OfficerView, Role},
    },
    paths,
    server::{
        auth::{
            extract::{Officer, need},
            password, safe_return, sessions,
        },
        cookies,
        db::begin_write,
        forms::{Posted, refuse, see_other},
        page_error::PageResult,
        state::AppState,
        store::{
            audit::{self, Actor},
            rate_limit, users,
        },
    },
};
use axum::extract::State;
use chrono::Duration;
use http::StatusCode;

/// The window failures are counted in, and the length of a lock.
pub const WINDOW_MINUTES: i64 = 15;
/// Failures for one address, from anywhere, before answers to it slow
/// down (a second more for each, up to [`MAX_DELAY_SECONDS`]).
pub const SLOW_AFTER: i32 = 3;
/// Failures for one address from one client before that client is locked
/// out of it. The lock is per client, so nobody can lock an officer out by
/// typing their address with wrong passwords; guessing from many clients
/// meets the growing delay and argon2.
pub const LOCK_AFTER: i32 = 10;
/// Failures from one client before it is locked out of every address.
const CLIENT_LOCK_AFTER: i32 = 50;
/// The longest a slowed answer waits.
const MAX_DELAY_SECONDS: i32 = 5;

/// `POST /officer/sign-in`.
pub async fn sign_in(State(state): State<AppState>, posted: Posted) -> PageResult {
    let client = posted.client();
    let email: String = posted
        .value("email")
        .unwrap_or_default()
        .trim()
        .chars()
        .take(254)
        .collect();
    let typed_password = posted.value("password").unwrap_or_default().to_owned();
    let refusal = |problem| SignInRefusal {
        problem,
        email: email.clone(),
    };
    if email.is_empty() || typed_password.is_empty() {
        let missing = refusal(SignInProblem::Missing);
        return Ok(refuse(&state, &posted, missing, StatusCode::OK).await);
    }
    let window = Duration::minutes(WINDOW_MINUTES);
    let address = users::normalise_email(&email);
    let address_key = format!("sign-in:{address}");
    // Its own prefix: an address typed with ":client" on the end must not
    // be able to fill someone else's counter.
    let pair_key = format!("sign-in-pair:{client}:{address}");
    let client_key = format!("sign-in-client:{client}");
    let everywhere = rate_limit::attempt(&state.db, &address_key, window).await?;
    let tries = rate_limit::attempt(&state.db, &pair_key, window).await?;
    let client_tries = rate_limit::attempt(&state.db, &client_key, window).await?;
    if tries > LOCK_AFTER || client_tries > CLIENT_LOCK_AFTER {
        if tries == LOCK_AFTER + 1 || client_tries == CLIENT_LOCK_AFTER + 1 {
            record_attempt(&state, &email, AuditAction::SignInLocked).await?;
        }
        let locked = refusal(SignInProblem::Locked);
        return Ok(refuse(&state, &posted, locked, StatusCode::TOO_MANY_REQUESTS).await);
    }
    if everywhere > SLOW_AFTER {
        let seconds = (everywhere - SLOW_AFTER).min(MAX_DELAY_SECONDS);
        tokio::time::sleep(std::time::Duration::from_secs(
            seconds.unsigned_abs().into(),
        ))
        .await;
    }
    let user = users::by_email(&state.db, &email)
        .await?
        .filter(|u| u.active);
    let role = user.as_ref().and_then(|u| Role::parse(&u.role));
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    let matches = password::verify(stored, typed_password).await;
    let (Some(user), Some(role), true) = (user, role, matches) else {
        record_attempt(&state, &email, AuditAction::SignInFailed).await?;
        let wrong = refusal(SignInProblem::Wrong);
        return Ok(refuse(&state, &posted, wrong, StatusCode::OK).await);
    };
    for key in [&address_key, &pair_key] {
        rate_limit::reset(&state.db, key).await?;
    }
    rate_limit::forgive(&state.db, &client_key).await?;
    let officer = OfficerView {
        id: user.id,
        email: user.email,
        name: user.name,
        role,
    };
    finish_sign_in(
        &state,
        &posted,
        &officer,
        safe_return(posted.value("return")),
    )
    .await
}

/// Records a refused sign-in: under the account when the address is one,
/// else under a digest of what was typed (never the text itself).
async fn record_attempt(
    state: &AppState,
    email: &str,
    action: AuditAction,
) -> Result<(), crate::AppError> {
    let known = crate::server::store::users::by_email(&state.db, email).await?;
    let actor = match &known {
        Some(user) => Actor::Typed(&user.email),
        None => Actor::Unknown(email),
    };
    audit::record(&state.db, actor, action, "", "").await?;
    Ok(())
}

/// Starts a fresh session for `officer` (ending any this browser had, so
/// the id always changes at sign-in), records it, and goes to `to`.
pub(super) async fn finish_sign_in(
    state: &AppState,
    posted: &Posted,
    officer: &OfficerView,
    to: String,
) -> PageResult {
    let old = posted.cookie(sessions::cookie_name(state.settings.secure_cookies));
    let started = async {
        let txn = begin_write(&state.db).await?;
        if let Some(old) = old {
            sessions::end(&txn, &old).await?;
        }
        let secret = sessions::start(&txn, officer.id, &state.settings).await?;
        users::signed_in_now(&txn, officer.id).await?;
        audit::record(&txn, Actor::Officer(officer), AuditAction::SignedIn, "", "").await?;
        txn.commit().await?;
        Ok::<_, sea_orm::DbErr>(secret)
    };
    let secret = started.await?;
    Ok(see_other(&to, [session_cookie(state, &secret)]))
}

/// `POST /officer/sign-out`.
pub async fn sign_out(
    State(state): State<AppState>,
    officer: Officer<need::ViewResults>,
    posted: Posted,
) -> PageResult {
    let secret = posted
        .cookie(sessions::cookie_name(state.settings.secure_cookies))
        .unwrap_or_default();
    // "Sign out everywhere" ends every session of the account: a phone
    // left signed in at a drop-in, or a session someone else has taken.
    let everywhere = posted.value("everywhere") == Some("1");
    let ended = async {
        let txn = begin_write(&state.db).await?;
        if everywhere {
            sessions::end_all(&txn, officer.id).await?;
        } else {
            sessions::end(&txn, &secret).await?;
        }
        let detail = if everywhere { "everywhere" } else { "" };
        audit::record(
            &txn,
            Actor::Officer(&officer),
            AuditAction::SignedOut,
            "",
            detail,
        )
        .await?;
        txn.commit().await
    };
    ended.await?;
    let clear = cookies::clear(
        sessions::cookie_name(state.settings.secure_cookies),
        sessions::COOKIE_PATH,
        state.settings.secure_cookies,
    );
    Ok(see_other(
        &format!("{}?signed_out=1", paths::SIGN_IN),
        [clear],
    ))
}
