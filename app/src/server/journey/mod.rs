//! The respondent journey's form posts: plain HTML forms, so every step
//! works without JavaScript.
//!
//! Each handler answers a good post with `303 See Other` (so Back or refresh
//! never re-posts) and a refused one by rendering the same page again with
//! its errors and everything the respondent typed. Answers in progress live
//! in a server-side draft named by an HttpOnly cookie scoped to the survey.

pub mod dropin;
pub mod guessing;
pub mod kept;
pub mod load;
pub mod ticket;
pub mod updates;

use super::{
    entities::{draft, response},
    forms::{Posted, refuse, see_other},
    page_error::PageResult,
    routing::{Handled, get, post},
    state::AppState,
    store::{
        drafts, outbox, rate_limit, responses, surveys, surveys::Loaded, updates as update_requests,
    },
};
use crate::{
    AppError,
    domain::{
        codes,
        journey::{Extras, FormProblem, FormRefusal, RefusedPage, is_email},
        validation::{Completeness, validate},
    },
    paths,
};
use axum::{
    extract::{Path, State},
    response::Response,
};
use http::{HeaderValue, StatusCode};

pub use kept::Kept;

/// The respondent's form posts, the drop-in link and kiosk, and the
/// update-email links.
pub fn routes() -> Vec<Handled> {
    use paths::route;
    vec![
        post(route::START, start),
        post(route::PAGE, page),
        post(route::CHECK, submit),
        post(route::SAVED, email_code),
        post(route::USE_CODE, use_code),
        post(route::YOUR_ANSWERS, change),
        post(route::FORGET_EMAIL, forget_email),
        post(route::WITHDRAW, withdraw),
        post(route::UNSUBSCRIBE, updates::unsubscribe),
        post(route::CONFIRM_UPDATES, updates::confirm),
        get(route::DROPIN, dropin::link),
        post(route::KIOSK, dropin::kiosk_send),
    ]
}
/// How long an opened receipt, or the confirmation of answers just sent,
/// stays open in this browser.
const RECEIPT_SECONDS: i64 = 30 * 60;
/// Failed code tries allowed per client in [`CODE_WINDOW_MINUTES`].
const CODE_TRIES: i32 = 10;
const CODE_WINDOW_MINUTES: i64 = 15;
/// Resume-code emails one draft may send in a day.
const MAILS_PER_DRAFT: i32 = 3;
/// Resume-code emails one client may send in an hour (a family saving
/// several surveys, or a few people on a drop-in's wifi).
const MAILS_PER_CLIENT: i32 = 10;
/// Resume-code emails one address may receive in a day.
const MAILS_PER_ADDRESS: i32 = 5;
/// New drafts one client may start in an hour: a school's pupils behind one
/// address each start once, and a script cannot fill the database.
const STARTS_PER_CLIENT: i32 = 600;

/// Counts one use of `key` and refuses with "too many requests" past `most`
/// in `window`; `what` says in the log which limit it was.
pub(super) async fn within_limit(
    state: &AppState,
    key: &str,
    (window, most): (chrono::Duration, i32),
    what: &str,
) -> Result<(), AppError> {
    if rate_limit::attempt(&state.db, key, window).await? > most {
        tracing::warn!(limit = what, "refused by a rate limit");
        return Err(AppError::TooManyRequests);
    }
    Ok(())
}

/// Which surveys a post may reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    /// Only one taking answers now.
    Accepting,
    /// Any published survey (withdrawing works after it closes).
    Any,
}

/// Loads the survey a post is for.
async fn survey(state: &AppState, slug: &str, open: Open) -> Result<Loaded, AppError> {
    match open {
        Open::Accepting => surveys::load_accepting(&state.db, slug).await,
        Open::Any => surveys::load_public(&state.db, slug).await,
    }
}

/// This browser's unexpired draft of `survey`, named by its cookie.
async fn cookie_draft(
    state: &AppState,
    posted: &Posted,
    survey: &Loaded,
) -> Result<Option<draft::Model>, AppError> {
    let slug = &survey.survey.slug;
    let Some(token) = Kept::Draft
        .read(&posted.parts.headers, slug, state.settings.secure_cookies)
        .filter(|t| responses::is_token(t))
    else {
        return Ok(None);
    };
    Ok(drafts::by_token(&state.db, survey.survey.id, &token).await?)
}

/// The sent response this browser opened with a receipt code, if any.
async fn opened_receipt(
    state: &AppState,
    posted: &Posted,
    survey: &Loaded,
) -> Result<Option<response::Model>, AppError> {
    let slug = &survey.survey.slug;
    let opened = Kept::Receipt.read(&posted.parts.headers, slug, state.settings.secure_cookies);
    load::receipt_response_from(state, survey, opened).await
}

/// Without an opened receipt, "Your answers" posts go to "Use your code".
fn to_use_code(slug: &str) -> Response {
    see_other(&paths::use_code(slug), [])
}

/// A refused page is 400 when the form was tampered with (an unknown
/// question or option), else 200: an honest mistake, shown again.
fn refused_status(rejected: &crate::domain::validation::Rejected) -> StatusCode {
    if rejected.is_tampering() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    }
}

fn draft_cookie(state: &AppState, slug: &str, token: &str) -> Option<HeaderValue> {
    Kept::Draft.set(slug, token, None, state.settings.secure_cookies)
}

/// `POST /s/{slug}`: "Do you want to take part?" Yes starts (or carries on)
/// a draft; no says that is fine and stores nothing.
pub async fn start(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    posted: Posted,
) -> PageResult {
    let survey = survey(&state, &slug, Open::Accepting).await?;
    match posted.value("consent") {
        Some("yes") => {}
        Some("no") => return Ok(see_other(&paths::declined(&slug), [])),
        _ => {
            let refusal = FormRefusal {
                problem: FormProblem::Consent,
                typed: String::new(),
            };
            return Ok(refuse(&state, &posted, refusal, StatusCode::OK).await);
        }
    }
    // This browser may already have answers in progress: carry on with them.
    let draft = match cookie_draft(&state, &posted, &survey).await? {
        Some(draft) if draft.replaces_response_id.is_none() => draft,
        _ => {
            let key = format!("start-client:{}", posted.client());
            let limit = (chrono::Duration::hours(1), STARTS_PER_CLIENT);
            within_limit(&state, &key, limit, "starts").await?;
            drafts::create(
                &state.db,
                survey.survey.id,
                posted.locale,
                Default::default(),
                None,
                state.settings.draft_days,
            )
            .await?
        }
    };
    let form = survey.form(posted.locale);
    let next = load::resume_path(&form, &slug, &draft);
    // A new start forgets what this browser sent or opened before (a
    // shared device): the next person must not see the last one's answers.
    let secure = state.settings.secure_cookies;
    Ok(see_other(
        &next,
        [
            draft_cookie(&state, &slug, &draft.token),
            Kept::Done.clear(&slug, secure),
            Kept::Receipt.clear(&slug, secure),
        ],
    ))
}

/// `POST /s/{slug}/p/{n}`: validate one page, keep its answers in the draft,
/// then go on (or to "Check your answers", or save to come back later).
pub async fn page(
    State(state): State<AppState>,
    Path((slug, number)): Path<(String, String)>,
    posted: Posted,
) -> PageResult {
    let survey = survey(&state, &slug, Open::Accepting).await?;
    let form = survey.form(posted.locale);
    let index = number.parse::<usize>().ok().and_then(|n| n.checked_sub(1));
    let index = index
        .filter(|i| *i < form.pages.len())
        .ok_or(AppError::NotFound)?;
    let Some(draft) = cookie_draft(&state, &posted, &survey).await? else {
        // Expired, or never started: nothing to add these answers to.
        return Ok(see_other(&paths::survey(&slug), []));
    };
    // Answers a changed answer has since hidden must not steer the way.
    let answers = &form.visible_answers(&draft.answers.0);
    if !form.pages[index].is_visible(answers) {
        return Ok(see_other(&load::resume_path(&form, &slug, &draft), []));
    }
    let shown = form.pages[index].as_shown(answers);
    let questions: Vec<_> = shown.questions.iter().collect();
    let saving = posted.value("action") == Some("save");
    let completeness = if saving {
        Completeness::Partial
    } else {
        Completeness::Required
    };
    let page_answers = match validate(&questions, &posted.fields, completeness) {
        Ok(answers) => answers,
        Err(rejected) => {
            let status = refused_status(&rejected);
            return Ok(refuse(&state, &posted, RefusedPage { rejected }, status).await);
        }
    };
    let ids: Vec<i32> = shown.questions.iter().map(|q| q.id).collect();
    let saved = drafts::save_page(
        &state.db,
        draft.id,
        &ids,
        page_answers,
        (!saving).then_some(index),
        state.settings.draft_days,
    )
    .await?;
    if saving {
        drafts::resume_code(&state.db, &saved).await?;
        return Ok(see_other(&paths::saved(&slug), []));
    }
    let answers = &form.visible_answers(&saved.answers.0);
    if posted.query("return").as_deref() == Some("check") {
        // A changed answer may have brought a page into view: ask it before
        // going back to the check, even if all its questions are optional.
        let revealed = form.first_revealed(&draft.answers.0, answers, index);
        return Ok(match revealed {
            Some(i) => see_other(&paths::change_page(&slug, i), []),
            None => see_other(
                &paths::page_or_check(&slug, form.first_incomplete(answers)),
                [],
            ),
        });
    }
    Ok(see_other(
        &paths::page_or_check(&slug, form.next_page(answers, index)),
        [],
    ))
}

/// `POST /s/{slug}/check`: send the draft. A resent form (double click, or
/// Back and Send again) finds the response it already made.
pub async fn submit(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    posted: Posted,
) -> PageResult {
    let survey = survey(&state, &slug, Open::Accepting).await?;
    let token = posted.value("token").unwrap_or_default().to_owned();
    if !responses::is_token(&token) {
        return Err(AppError::BadRequest.into());
    }
    let secure = state.settings.secure_cookies;
    let done_cookie = || Kept::Done.set(&slug, &token, Some(RECEIPT_SECONDS), secure);
    // The token must be this browser's own: its draft, or what it just sent.
    let own = |kept: Kept| {
        kept.read(&posted.parts.headers, &slug, secure).as_deref() == Some(token.as_str())
    };
    if !own(Kept::Draft) && !own(Kept::Done) {
        return Err(AppError::BadRequest.into());
    }
    let Some(draft) = drafts::by_token(&state.db, survey.survey.id, &token).await? else {
        let sent = responses::openable(&state.db, survey.survey.id, &token).await?;
        return Ok(match sent {
            Some(_) => see_other(&paths::done(&slug), [done_cookie()]),
            None => see_other(&paths::survey(&slug), []),
        });
    };
    let form = survey.form(posted.locale);
    let answers = form.visible_answers(&draft.answers.0);
    if let Some(index) = form.first_incomplete(&answers) {
        return Ok(see_other(&paths::change_page(&slug, index), []));
    }
    // Only new answers are offered the extras; a change keeps what was given.
    let extras = if draft.replaces_response_id.is_none() {
        let typed = Extras {
            email: posted.value("email").unwrap_or_default().to_owned(),
            thanks_name: posted.value("thanks_name").unwrap_or_default().to_owned(),
        };
        match typed.check() {
            Ok(extras) => extras,
            Err(refusal) => return Ok(refuse(&state, &posted, refusal, StatusCode::OK).await),
        }
    } else {
        Extras::default()
    };
    // Feedback reached through a drop-in session's link counts for it.
    let kept_session = Kept::DropIn.read(&posted.parts.headers, &slug, secure);
    let session = dropin::session_of(&state, kept_session, survey.survey.id).await?;
    let locale = posted.locale;
    crate::server::sending::submit(
        &state.db, &survey, &draft, &answers, &extras, locale, session,
    )
    .await?;
    let clear_draft = Kept::Draft.clear(&slug, secure);
    Ok(see_other(&paths::done(&slug), [done_cookie(), clear_draft]))
}

/// `POST /s/{slug}/saved`: email the resume code. The address goes only
/// into the outbox message, never next to the answers.
pub async fn email_code(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    posted: Posted,
) -> PageResult {
    let survey = survey(&state, &slug, Open::Accepting).await?;
    let draft = cookie_draft(&state, &posted, &survey).await?;
    let Some((draft, code)) = draft.and_then(|d| d.resume_code.clone().map(|c| (d, c))) else {
        return Ok(see_other(&paths::survey(&slug), []));
    };
    let client = posted.client();
    let typed = posted.value("email").unwrap_or_default().trim().to_owned();
    if !is_email(&typed) {
        let refusal = FormRefusal {
            problem: FormProblem::Email,
            typed,
        };
        return Ok(refuse(&state, &posted, refusal, StatusCode::OK).await);
    }
    // A saved draft can ask for its code a few times, one client can send
    // a handful, and one address receives only a few a day: nobody can use
    // the council's sender to flood an inbox, however many drafts a script
    // starts.
    let day = chrono::Duration::days(1);
    for (key, limit, what) in [
        (
            format!("mail:{}", draft.id),
            (day, MAILS_PER_DRAFT),
            "mails per draft",
        ),
        (
            format!("mail-client:{client}"),
            (chrono::Duration::hours(1), MAILS_PER_CLIENT),
            "mails per client",
        ),
        (
            rate_limit::recipient_key("mail-to", &typed),
            (day, MAILS_PER_ADDRESS),
            "mails per address",
        ),
    ] {
        within_limit(&state, &key, limit, what).await?;
    }
    let title = survey.form(posted.locale).title.text;
    let link = format!("{}{}", state.settings.base_url, paths::use_code(&slug));
    let date = draft.expires_at.date_naive().to_string();
    let message = super::mail::resume_message(posted.locale, &typed, &title, &code, &link, &date);
    outbox::queue(&state.db, message).await?;
    Ok(see_other(&format!("{}?emailed=1", paths::saved(&slug)), []))
}

/// `POST /s/{slug}/return`: a resume code carries on with saved answers; a
/// receipt code opens answers already sent. Failed tries are limited per
/// client, so guessing is hopeless.
pub async fn use_code(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    posted: Posted,
) -> PageResult {
    let survey = survey(&state, &slug, Open::Any).await?;
    let key = format!("code:{}", posted.client());
    let limit = (chrono::Duration::minutes(CODE_WINDOW_MINUTES), CODE_TRIES);
    within_limit(&state, &key, limit, "code tries").await?;
    // A code that opens something is not a guess: it is forgiven.
    let forgive = || rate_limit::forgive(&state.db, &key);
    let typed = posted.value("code").unwrap_or_default().trim().to_owned();
    let Some(code) = codes::normalise(&typed) else {
        let refusal = FormRefusal {
            problem: FormProblem::CodeFormat,
            typed,
        };
        return Ok(refuse(&state, &posted, refusal, StatusCode::OK).await);
    };
    let accepting = survey.survey.is_accepting(chrono::Utc::now());
    if accepting
        && let Some(draft) = drafts::by_resume_code(&state.db, survey.survey.id, &code).await?
    {
        forgive().await?;
        let form = survey.form(posted.locale);
        let next = load::resume_path(&form, &slug, &draft);
        return Ok(see_other(
            &next,
            [draft_cookie(&state, &slug, &draft.token)],
        ));
    }
    if let Some(sent) = responses::by_receipt_code(&state.db, survey.survey.id, &code).await? {
        forgive().await?;
        // The cookie names the response by its 128-bit token, not by the
        // short code: a cookie can then never be used to guess codes.
        let cookie = Kept::Receipt.set(
            &slug,
            &sent.submission_token,
            Some(RECEIPT_SECONDS),
            state.settings.secure_cookies,
        );
        return Ok(see_other(&paths::your_answers(&slug), [cookie]));
    }
    guessing::wrong_code(&state, &survey).await;
    let refusal = FormRefusal {
        problem: FormProblem::CodeUnknown,
        typed,
    };
    Ok(refuse(&state, &posted, refusal, StatusCode::OK).await)
}

/// `POST /s/{slug}/your-answers`: change answers already sent, while the
/// survey is open. The change is a draft; the answers sent stay counted
/// until the changed ones are sent.
pub async fn change(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    posted: Posted,
) -> PageResult {
    let survey = survey(&state, &slug, Open::Accepting).await?;
    let Some(sent) = opened_receipt(&state, &posted, &survey).await? else {
        return Ok(to_use_code(&slug));
    };
    let answers = responses::answers_of(&state.db, &survey, sent.id).await?;
    let draft = drafts::create(
        &state.db,
        survey.survey.id,
        posted.locale,
        answers,
        Some(sent.id),
        state.settings.draft_days,
    )
    .await?;
    Ok(see_other(
        &paths::check(&slug),
        [draft_cookie(&state, &slug, &draft.token)],
    ))
}

/// `POST /s/{slug}/your-answers/email`: "Stop updates and delete my email
/// address", from "Your answers".
pub async fn forget_email(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    posted: Posted,
) -> PageResult {
    let survey = survey(&state, &slug, Open::Any).await?;
    let Some(sent) = opened_receipt(&state, &posted, &survey).await? else {
        return Ok(to_use_code(&slug));
    };
    update_requests::forget(&state.db, sent.id).await?;
    Ok(see_other(
        &format!("{}?email=deleted", paths::your_answers(&slug)),
        [],
    ))
}

/// `POST /s/{slug}/withdraw`: withdraw answers already sent, at any time,
/// even after the survey has closed.
pub async fn withdraw(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    posted: Posted,
) -> PageResult {
    let survey = survey(&state, &slug, Open::Any).await?;
    let Some(sent) = opened_receipt(&state, &posted, &survey).await? else {
        return Ok(to_use_code(&slug));
    };
    crate::server::sending::withdraw(&state.db, &sent).await?;
    let secure = state.settings.secure_cookies;
    Ok(see_other(
        &paths::withdrawn(&slug),
        [
            Kept::Receipt.clear(&slug, secure),
            Kept::Draft.clear(&slug, secure),
            Kept::Done.clear(&slug, secure),
        ],
    ))
}
