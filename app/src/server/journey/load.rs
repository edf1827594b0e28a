//! Loading each journey page's data for the page's server function. The
//! browser is identified only by its cookies; anything missing sends the
//! respondent to the right place instead of failing.

use super::Kept;
use crate::{
    AppError,
    domain::{
        journey::{CheckPage, ConfirmationPage, QuestionPage, ReceiptPage, SavedPage, Step},
        survey::SurveyForm,
    },
    paths,
    server::{
        entities::{draft, response},
        state::AppState,
        store::{drafts, responses, surveys, surveys::Loaded},
    },
};

/// What the request being rendered keeps in cookie `kept` for survey `slug`.
pub fn request_cookie(kept: Kept, slug: &str) -> Option<String> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    let secure = crate::server::state::app_state()
        .ok()?
        .settings
        .secure_cookies;
    kept.read(&parts.headers, slug, secure)
}

/// This browser's draft of `survey`, if it has one that has not expired.
async fn current_draft(
    state: &AppState,
    survey: &Loaded,
) -> Result<Option<draft::Model>, AppError> {
    let slug = &survey.survey.slug;
    let Some(token) = request_cookie(Kept::Draft, slug).filter(|t| responses::is_token(t)) else {
        return Ok(None);
    };
    Ok(drafts::by_token(&state.db, survey.survey.id, &token).await?)
}

/// Where a draft carries on: the page its answers reach next, or the check.
pub fn resume_path(form: &SurveyForm, slug: &str, draft: &draft::Model) -> String {
    let reached = usize::try_from(draft.reached).unwrap_or(0);
    paths::page_or_check(slug, form.resume_page(&draft.answers.0, reached))
}

/// Where to go without a draft: the confirmation if this browser has just
/// sent its answers (Back after sending), else the start page.
fn without_draft<T>(slug: &str) -> Step<T> {
    if request_cookie(Kept::Done, slug).is_some() {
        Step::Go(paths::done(slug))
    } else {
        Step::Go(paths::survey(slug))
    }
}

/// Page `number` (from 1) of the survey, with this browser's answers so far.
pub async fn question_page(
    state: &AppState,
    slug: &str,
    number: usize,
    locale: &str,
    returning: bool,
) -> Result<Step<QuestionPage>, AppError> {
    let survey = surveys::load_accepting(&state.db, slug).await?;
    let form = survey.form(locale);
    let index = number
        .checked_sub(1)
        .filter(|i| *i < form.pages.len())
        .ok_or(AppError::NotFound)?;
    let Some(draft) = current_draft(state, &survey).await? else {
        return Ok(without_draft(slug));
    };
    // Answers a changed answer has since hidden must not steer the way.
    let answers = &form.visible_answers(&draft.answers.0);
    let page = &form.pages[index];
    if !page.is_visible(answers) {
        // Skipped by earlier answers: carry on from where they are.
        return Ok(Step::Go(resume_path(&form, slug, &draft)));
    }
    let (step, steps) = form.progress(answers, index);
    let back = if returning {
        paths::check(slug)
    } else {
        form.previous_page(answers, index)
            .map_or_else(|| paths::survey(slug), |i| paths::page(slug, i))
    };
    Ok(Step::Show(QuestionPage {
        slug: slug.to_owned(),
        survey_title: form.title.clone(),
        page_number: number,
        step,
        steps,
        page: page.as_shown(answers),
        values: QuestionPage::values_of(answers),
        back,
        returning,
        editing: draft.replaces_response_id.is_some(),
    }))
}

/// "Check your answers" for this browser's draft.
pub async fn check_page(
    state: &AppState,
    slug: &str,
    locale: &str,
) -> Result<Step<CheckPage>, AppError> {
    let survey = surveys::load_accepting(&state.db, slug).await?;
    let form = survey.form(locale);
    let Some(draft) = current_draft(state, &survey).await? else {
        return Ok(without_draft(slug));
    };
    let answers = form.visible_answers(&draft.answers.0);
    let back = form
        .visible_pages(&answers)
        .last()
        .map_or_else(|| paths::survey(slug), |&i| paths::page(slug, i));
    Ok(Step::Show(CheckPage {
        slug: slug.to_owned(),
        survey_title: form.title.clone(),
        sections: form.summary(&answers),
        token: draft.token,
        editing: draft.replaces_response_id.is_some(),
        back,
    }))
}

/// The confirmation after sending, for the browser that sent.
pub async fn confirmation(
    state: &AppState,
    slug: &str,
    locale: &str,
) -> Result<Step<ConfirmationPage>, AppError> {
    let survey = surveys::load_public(&state.db, slug).await?;
    let sent = match request_cookie(Kept::Done, slug).filter(|t| responses::is_token(t)) {
        Some(token) => responses::openable(&state.db, survey.survey.id, &token).await?,
        None => None,
    };
    let Some(sent) = sent else {
        return Ok(Step::Go(paths::survey(slug)));
    };
    Ok(Step::Show(ConfirmationPage {
        slug: slug.to_owned(),
        survey_title: survey.form(locale).title,
        receipt_code: sent.receipt_code.unwrap_or_default(),
        changed: sent.updated_at.is_some(),
    }))
}

/// The resume code of this browser's saved draft.
pub async fn saved_page(
    state: &AppState,
    slug: &str,
    locale: &str,
    emailed: bool,
) -> Result<Step<SavedPage>, AppError> {
    let survey = surveys::load_accepting(&state.db, slug).await?;
    let form = survey.form(locale);
    let draft = current_draft(state, &survey).await?;
    let Some((draft, code)) = draft.and_then(|d| d.resume_code.clone().map(|c| (d, c))) else {
        return Ok(without_draft(slug));
    };
    Ok(Step::Show(SavedPage {
        slug: slug.to_owned(),
        survey_title: form.title.clone(),
        resume_code: code,
        expires_on: draft.expires_at.date_naive().to_string(),
        emailed,
        resume_href: resume_path(&form, slug, &draft),
    }))
}

/// The response this browser opened with its receipt code.
pub async fn receipt_response(
    state: &AppState,
    survey: &Loaded,
) -> Result<Option<response::Model>, AppError> {
    let opened = request_cookie(Kept::Receipt, &survey.survey.slug);
    receipt_response_from(state, survey, opened).await
}

/// The response of `survey` opened by the receipt cookie, which holds the
/// response's 128-bit token (never the short code, which could be guessed);
/// see [`responses::openable`] for what it can never open.
pub async fn receipt_response_from(
    state: &AppState,
    survey: &Loaded,
    cookie: Option<String>,
) -> Result<Option<response::Model>, AppError> {
    let Some(token) = cookie.filter(|c| responses::is_token(c)) else {
        return Ok(None);
    };
    Ok(responses::openable(&state.db, survey.survey.id, &token).await?)
}

/// "Your answers", opened with a receipt code.
pub async fn receipt_page(
    state: &AppState,
    slug: &str,
    locale: &str,
) -> Result<Step<ReceiptPage>, AppError> {
    let survey = surveys::load_public(&state.db, slug).await?;
    let Some(sent) = receipt_response(state, &survey).await? else {
        return Ok(Step::Go(paths::use_code(slug)));
    };
    let form = survey.form(locale);
    let answers = responses::answers_of(&state.db, &survey, sent.id).await?;
    let sent_on = sent.updated_at.unwrap_or(sent.submitted_at);
    let updates_email = crate::server::store::updates::of_response(&state.db, sent.id)
        .await?
        .map(|request| crate::server::store::updates::masked(&request.email));
    Ok(Step::Show(ReceiptPage {
        slug: slug.to_owned(),
        survey_title: form.title.clone(),
        receipt_code: sent.receipt_code.unwrap_or_default(),
        sent_on: sent_on.date_naive().to_string(),
        sections: form.summary(&answers),
        can_change: form.accepting,
        updates_email,
        actions: crate::server::store::actions::of_response(&state.db, sent.id).await?,
    }))
}

/// The withdrawal question needs an opened receipt; returns the survey title.
pub async fn withdraw_page(
    state: &AppState,
    slug: &str,
    locale: &str,
) -> Result<Step<crate::domain::localized::Resolved>, AppError> {
    let survey = surveys::load_public(&state.db, slug).await?;
    if receipt_response(state, &survey).await?.is_none() {
        return Ok(Step::Go(paths::use_code(slug)));
    }
    Ok(Step::Show(survey.form(locale).title))
}
