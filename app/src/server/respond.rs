//! The respondent's form posts: plain HTML forms, so they work without JavaScript.
//!
//! A valid submission is stored and redirected (303) to the thank-you page, so
//! Back or refresh never re-posts it. An invalid one re-renders the survey
//! page with an error summary and everything the respondent typed.

use super::{
    render::{error_page, render_with},
    state::{AppState, RequestLocale},
    store::{responses, surveys},
};
use crate::{
    AppError,
    domain::validation::{Rejected, validate},
};
use axum::{
    body::Body,
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use http::{Request, header};
use leptos::prelude::provide_context;

/// The largest form accepted. The longest honest answer set is far smaller;
/// anything bigger is refused before it is parsed.
pub const MAX_FORM_BYTES: usize = 256 * 1024;

/// A refused submission, for the survey page to show again.
#[derive(Debug, Clone)]
pub struct SubmittedForm {
    pub rejected: Rejected,
    /// The submission token, kept so a corrected resubmission stays idempotent.
    pub token: String,
}

/// `POST /s/{slug}`: validate, store, redirect.
pub async fn submit(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    req: Request<Body>,
) -> Response {
    let locale = req
        .extensions()
        .get::<RequestLocale>()
        .map_or("en", |l| l.0);
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let (parts, body) = req.into_parts();
    let page_request = || Request::from_parts(parts.clone(), Body::empty());
    if !is_form {
        return error_page(&state, page_request(), AppError::BadRequest).await;
    }
    let Ok(bytes) = axum::body::to_bytes(body, MAX_FORM_BYTES).await else {
        return error_page(&state, page_request(), AppError::PayloadTooLarge).await;
    };
    let posted: Vec<(String, String)> = form_urlencoded::parse(&bytes).into_owned().collect();
    let token = posted
        .iter()
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();

    let survey = match surveys::load_accepting(&state.db, &slug).await {
        Ok(survey) => survey,
        Err(err) => return error_page(&state, page_request(), err).await,
    };
    let form = survey.form(locale);
    match validate(&form.questions, &posted) {
        Ok(answers) => {
            match responses::submit(&state.db, &survey, &answers, &token, locale).await {
                Ok(_) => Redirect::to(&format!("/s/{slug}/thanks")).into_response(),
                Err(err) => error_page(&state, page_request(), err).await,
            }
        }
        Err(rejected) => {
            let submitted = SubmittedForm { rejected, token };
            render_with(&state, page_request(), move || {
                provide_context(submitted.clone())
            })
            .await
        }
    }
}
