//! Forgotten passwords and one-time links (invitations and resets).

use super::sign_in::finish_sign_in;
use crate::{
    AppError,
    domain::{
        accounts::{PasswordProblem, PasswordRefusal, check_new_password},
        audit::AuditAction,
        journey::{FormProblem, FormRefusal, is_email},
        roles::{OfficerView, Role},
    },
    paths,
    server::{
        auth::{password, sessions},
        db::begin_write,
        forms::{Posted, refuse, see_other},
        mail::{AccountMail, account_message},
        page_error::PageResult,
        state::AppState,
        store::{
            audit::{self, Actor},
            outbox, rate_limit, users,
        },
    },
};
use axum::{
    extract::{Path, State},
    response::Response,
};
use chrono::Duration;
use http::StatusCode;

/// Reset requests allowed per client in a quarter of an hour.
const RESETS_PER_CLIENT: i32 = 5;
/// Reset emails one address may be sent in an hour.
const RESETS_PER_ADDRESS: i32 = 3;
/// Posts of the set-password form allowed per client in a quarter of an
/// hour: enough for typing mistakes, too few to make hashing a weapon.
const SET_PASSWORD_TRIES: i32 = 10;

/// The cookie that holds a one-time link's token between the link and the
/// form, scoped to the form's address. Over HTTPS it carries the
/// `__Secure-` prefix, so a browser only accepts it from a secure page.
pub fn link_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Secure-heard_link"
    } else {
        "heard_link"
    }
}

/// How long the token waits in its cookie: time to choose a password.
const LINK_COOKIE_SECONDS: i64 = 60 * 60;

/// `GET /officer/set-password/{token}`: the link in an invitation or reset
/// email. Nothing is checked or used up here (a mail scanner may follow
/// it); the token moves into a cookie and the browser goes on to the form,
/// whose address carries no secret.
pub async fn open_link(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let secure = state.settings.secure_cookies;
    // Anything but a token's shape is dropped; the form says the link is dead.
    let token = if crate::server::auth::secrets::is_secret(&token) {
        token
    } else {
        String::new()
    };
    let cookie = crate::server::cookies::set(
        link_cookie_name(secure),
        &token,
        paths::SET_PASSWORD,
        Some(LINK_COOKIE_SECONDS),
        secure,
    );
    see_other(paths::SET_PASSWORD, [cookie])
}

/// `POST /officer/forgot-password`: emails a reset link if the address has
/// an active account. The answer is the same either way.
pub async fn forgot(State(state): State<AppState>, posted: Posted) -> PageResult {
    let email = posted.value("email").unwrap_or_default().trim().to_owned();
    if !is_email(&email) {
        let refusal = FormRefusal {
            problem: FormProblem::Email,
            typed: email.chars().take(254).collect(),
        };
        return Ok(refuse(&state, &posted, refusal, StatusCode::OK).await);
    }
    let key = format!("reset:{}", posted.client());
    let window = Duration::minutes(super::sign_in::WINDOW_MINUTES);
    if rate_limit::attempt(&state.db, &key, window).await? > RESETS_PER_CLIENT {
        return Err(AppError::TooManyRequests.into());
    }
    // The answer never waits for the work, so its timing cannot tell
    // whether the address has an account.
    tokio::spawn(send_reset(state.clone(), email));
    Ok(see_other(&format!("{}?sent=1", paths::FORGOT_PASSWORD), []))
}

/// Emails a reset link to `email` if it has an active account, at most
/// [`RESETS_PER_ADDRESS`] an hour, so nobody can flood an inbox.
async fn send_reset(state: AppState, email: String) {
    let key = rate_limit::recipient_key("reset-address", &email);
    let sent = async {
        let tries = rate_limit::attempt(&state.db, &key, Duration::hours(1)).await?;
        let user = users::by_email(&state.db, &email).await?;
        let Some(user) = user.filter(|u| u.active && tries <= RESETS_PER_ADDRESS) else {
            return Ok(());
        };
        let txn = begin_write(&state.db).await?;
        // The link itself is issued as the email is sent.
        let message = account_message(
            &state.settings.default_locale,
            user.id,
            &user.email,
            &user.name,
            AccountMail::Reset,
        );
        outbox::queue(&txn, message).await?;
        let subject = format!("user {}", user.id);
        audit::record(
            &txn,
            Actor::Typed(&user.email),
            AuditAction::PasswordResetAsked,
            &subject,
            "",
        )
        .await?;
        txn.commit().await?;
        Ok::<_, AppError>(())
    };
    if let Err(err) = sent.await {
        tracing::error!(error = %err, "queueing a password reset failed");
    }
}

/// `POST /officer/set-password`: sets a password through a one-time link,
/// ends every other session of the account, and signs in.
pub async fn set_password(State(state): State<AppState>, posted: Posted) -> PageResult {
    // Each try may cost a password hash, so tries are limited per client.
    let client = posted.client();
    let key = format!("set-password:{client}");
    let window = Duration::minutes(super::sign_in::WINDOW_MINUTES);
    if rate_limit::attempt(&state.db, &key, window).await? > SET_PASSWORD_TRIES {
        tracing::warn!(%client, "too many password-setting tries");
        return Err(AppError::TooManyRequests.into());
    }
    let secret = posted
        .cookie(link_cookie_name(state.settings.secure_cookies))
        .unwrap_or_default();
    let new = posted.value("password").unwrap_or_default().to_owned();
    let confirm = posted.value("confirm").unwrap_or_default();
    let refused = |problem| PasswordRefusal { problem };
    let dead = || refused(PasswordProblem::LinkDead);
    // The link is checked before the password is hashed: a junk token
    // costs one indexed read, not 19 MiB and two passes of argon2.
    let Some(owner) = users::peek_link(&state.db, &secret).await? else {
        return Ok(refuse(&state, &posted, dead(), StatusCode::NOT_FOUND).await);
    };
    if let Err(problem) = check_new_password(&new, confirm) {
        return Ok(refuse(&state, &posted, refused(problem), StatusCode::OK).await);
    }
    if password::too_guessable(&new, &owner.email, &owner.name) {
        let common = refused(PasswordProblem::TooCommon);
        return Ok(refuse(&state, &posted, common, StatusCode::OK).await);
    }
    let hash = password::hash(new).await?;
    let changed = async {
        let txn = begin_write(&state.db).await?;
        let Some(user) = users::redeem_link(&txn, &secret).await? else {
            return Ok(None);
        };
        let Some(role) = Role::parse(&user.role) else {
            return Ok(None);
        };
        users::set_password(&txn, user.id, hash).await?;
        users::revoke_links(&txn, user.id).await?;
        sessions::end_all(&txn, user.id).await?;
        let officer = OfficerView {
            id: user.id,
            email: user.email,
            name: user.name,
            role,
        };
        audit::record(
            &txn,
            Actor::Officer(&officer),
            AuditAction::PasswordSet,
            &format!("user {}", officer.id),
            "",
        )
        .await?;
        txn.commit().await?;
        Ok::<_, sea_orm::DbErr>(Some(officer))
    };
    Ok(match changed.await? {
        Some(officer) => {
            finish_sign_in(&state, &posted, &officer, paths::OFFICER.to_owned()).await?
        }
        // Used up by another post between the check and now.
        None => refuse(&state, &posted, dead(), StatusCode::NOT_FOUND).await,
    })
}
