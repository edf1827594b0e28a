//! A drop-in session's public link and its kiosk.
//!
//! The link (`/d/{code}`, in the session's QR code) leads into the ordinary
//! survey journey on the attendee's own phone, with a cookie saying which
//! session the feedback is about; sending links the response to it.
//!
//! The kiosk (`/d/{code}/kiosk`) is one page on a shared tablet. It sets no
//! cookie and keeps no draft: the whole form posts at once, is stored with
//! no receipt code, and the tablet returns to an empty form. Its pages are
//! `no-store` and its form `autocomplete="off"`, so Back can never bring
//! back the previous person's answers. Each form carries a ticket the
//! server signed for the session ([`super::ticket`]), and one client can
//! send only as many as a busy tablet would.

use crate::{
    AppError,
    domain::{
        codes,
        dropins::{KioskForm, KioskRefusal, unconditional_questions},
        validation::{Completeness, validate},
    },
    paths,
    server::{
        entities::{dropin_session, survey},
        forms::{Posted, refuse, see_other},
        page_error::PageResult,
        state::AppState,
        store::{dropins, responses, surveys, surveys::Loaded},
    },
};
use axum::{
    extract::{Path, State},
    response::Response,
};
use sea_orm::EntityTrait;

/// How long the link's session is remembered: the length of a drop-in day.
const DROPIN_SECONDS: i64 = 12 * 60 * 60;
/// Kiosk forms one client may send in an hour: one every 15 seconds, more
/// than a queue at one tablet manages.
const KIOSK_SENDS_PER_HOUR: i32 = 240;

/// The session with public code `code` (in any case, with or without its
/// hyphen) and its published survey.
async fn session_and_survey(
    state: &AppState,
    code: &str,
) -> Result<(dropin_session::Model, Loaded), AppError> {
    let code = codes::normalise(code).ok_or(AppError::NotFound)?;
    let session = dropins::by_code(&state.db, &code)
        .await?
        .ok_or(AppError::NotFound)?;
    let survey = survey::Entity::find_by_id(session.survey_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    if matches!(
        survey.status,
        survey::Status::Draft | survey::Status::Archived
    ) {
        return Err(AppError::NotFound);
    }
    let loaded = surveys::load(&state.db, survey).await?;
    Ok((session, loaded))
}

/// The session a phone's journey through `survey` is about, from its cookie.
pub async fn session_of(
    state: &AppState,
    cookie: Option<String>,
    survey_id: i32,
) -> Result<Option<i32>, AppError> {
    let Some(code) = cookie.and_then(|c| codes::normalise(&c)) else {
        return Ok(None);
    };
    Ok(dropins::by_code(&state.db, &code)
        .await?
        .filter(|s| s.survey_id == survey_id)
        .map(|s| s.id))
}

/// `GET /d/{code}`: remembers the session and opens its survey.
pub async fn link(State(state): State<AppState>, Path(code): Path<String>) -> PageResult {
    let (session, loaded) = session_and_survey(&state, &code).await?;
    let slug = &loaded.survey.slug;
    // Names the drop-in session this phone's feedback is about.
    let cookie = super::Kept::DropIn.set(
        slug,
        &session.code,
        Some(DROPIN_SECONDS),
        state.settings.secure_cookies,
    );
    Ok(see_other(&paths::survey(slug), [cookie]))
}

/// The kiosk's form for the session with code `code`.
pub async fn kiosk_form(state: &AppState, code: &str, locale: &str) -> Result<KioskForm, AppError> {
    let (session, loaded) = session_and_survey(state, code).await?;
    let form = loaded.form(locale);
    let key = state.keys.signing(&state.db).await?;
    let ticket =
        super::ticket::issue(key, session.id, chrono::Utc::now()).ok_or(AppError::Internal)?;
    Ok(KioskForm {
        code: session.code,
        session_name: session.name,
        date: dropins::date_of(session.held_on),
        starts: session.starts_at,
        ends: session.ends_at,
        venue: session.venue,
        questions: unconditional_questions(&form),
        title: form.title,
        views_statement: form.views_statement,
        token: ticket,
        accepting: form.accepting,
    })
}

/// Asks the browser to drop what it keeps of this site's pages, so that
/// Back cannot restore the form just sent from its back/forward cache.
fn clear_cache(mut res: Response) -> Response {
    res.headers_mut().insert(
        "clear-site-data",
        http::HeaderValue::from_static("\"cache\""),
    );
    res
}

/// `POST /d/{code}/kiosk`: stores the feedback and returns to an empty
/// form by way of "thank you". A refused form comes back with its problems.
pub async fn kiosk_send(
    State(state): State<AppState>,
    Path(code): Path<String>,
    posted: Posted,
) -> PageResult {
    let client = posted.client();
    let (session, loaded) = session_and_survey(&state, &code).await?;
    let form = loaded.form(posted.locale);
    if !form.accepting {
        return Err(AppError::SurveyClosed.into());
    }
    let ticket = posted.value("token").unwrap_or_default().to_owned();
    let key = state.keys.signing(&state.db).await?;
    let token = match super::ticket::check(key, session.id, &ticket, chrono::Utc::now()) {
        Ok(token) => token,
        // A form left open for over a day: a fresh one, with a word why.
        Err(super::ticket::Refused::Expired) => {
            return Ok(see_other(&paths::kiosk_expired(&session.code), []));
        }
        Err(super::ticket::Refused::Forged) => {
            tracing::warn!(%client, "kiosk post with a ticket this server did not issue");
            return Err(AppError::BadRequest.into());
        }
    };
    // A form already sent (a double press, or Back and "resubmit" on the
    // tablet) shows nothing of what was in it.
    if responses::by_submission_token(&state.db, &token)
        .await?
        .is_some()
    {
        return Ok(see_other(&paths::kiosk_thanks(&session.code), []));
    }
    let questions = unconditional_questions(&form);
    let shown: Vec<_> = questions.iter().collect();
    let answers = match validate(&shown, &posted.fields, Completeness::Required) {
        Ok(answers) => answers,
        Err(rejected) => {
            let status = super::refused_status(&rejected);
            let refusal = KioskRefusal {
                rejected,
                token: ticket,
            };
            return Ok(refuse(&state, &posted, refusal, status).await);
        }
    };
    let key = format!("kiosk-client:{client}");
    let limit = (chrono::Duration::hours(1), KIOSK_SENDS_PER_HOUR);
    super::within_limit(&state, &key, limit, "kiosk sends").await?;
    let locale = posted.locale;
    crate::server::sending::submit_once(&state.db, &loaded, &token, &answers, locale, session.id)
        .await?;
    // The thank-you in the language chosen; the next form in the default.
    let thanks = format!("{}?lang={locale}", paths::kiosk_thanks(&session.code));
    Ok(clear_cache(see_other(&thanks, [])))
}
