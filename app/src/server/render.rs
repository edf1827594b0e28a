//! Rendering the Leptos application from plain axum handlers and middleware,
//! so that errors and re-shown forms get the same translated, accessible
//! page as everything else.

use super::state::{AppState, provide};
use crate::AppError;
use axum::{body::Body, response::Response};
use http::Request;
use leptos::prelude::provide_context;

/// Tells `App` to show an error page instead of routing.
#[derive(Debug, Clone)]
pub struct ErrorOverride(pub AppError);

/// Renders the application for `req` with extra context, waiting for all
/// data so the status code set by the page is the one sent.
pub async fn render_with<C>(state: &AppState, req: Request<Body>, context: C) -> Response
where
    C: Fn() + Clone + Send + Sync + 'static,
{
    let state = state.clone();
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide(&state);
            context();
        },
        move || crate::shell(options.clone()),
    );
    handler(req).await
}

/// The translated error page for `error`, with its status code.
pub async fn error_page(state: &AppState, req: Request<Body>, error: AppError) -> Response {
    // The page reads only headers (language, nonce); drop any body.
    let (parts, _) = req.into_parts();
    let req = Request::from_parts(parts, Body::empty());
    render_with(state, req, move || {
        provide_context(ErrorOverride(error.clone()))
    })
    .await
}

/// Makes the page being rendered a `303 See Other` to `path`, whatever the
/// client accepts. (`leptos_axum::redirect` answers 200 with a header for
/// its own client unless `Accept` names `text/html`; journey pages are
/// only ever rendered here, for browsers and plain HTTP clients alike.)
pub fn see_other(path: &str) {
    let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() else {
        tracing::error!(%path, "a redirect outside a response");
        return;
    };
    match http::HeaderValue::from_str(path) {
        Ok(location) => {
            res.insert_header(http::header::LOCATION, location);
            res.set_status(http::StatusCode::SEE_OTHER);
        }
        Err(_) => tracing::error!(%path, "a redirect to an address no header can carry"),
    }
}
