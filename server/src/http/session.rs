//! The session gate in front of the officer workspace.
//!
//! Every `/officer` request has its session resolved here, once. A signed-in
//! officer is handed to pages and handlers as a request extension; anyone
//! else is sent to sign in and brought back afterwards. Only the way in
//! (sign-in, forgotten password, set password) is open to everyone. Officer
//! pages are never cached: they hold results and personal details.

use app::{
    AppError, paths,
    server::{
        auth::{SignedIn, sessions},
        cookies,
        state::AppState,
    },
};
use axum::{
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};
use http::{HeaderValue, StatusCode, header};

pub async fn gate(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if path != paths::OFFICER && !path.starts_with("/officer/") {
        return next.run(req).await;
    }
    let open = paths::is_officer_public(path);
    let cookie = sessions::cookie_name(state.settings.secure_cookies);
    let secret = cookies::read(req.headers(), cookie).filter(|s| !s.is_empty());
    let officer = match &secret {
        Some(secret) => match sessions::resolve(&state.db, secret, &state.settings).await {
            Ok(officer) => officer,
            Err(err) => {
                tracing::error!(error = %err, "resolving a session failed");
                return app::server::render::error_page(&state, req, AppError::Internal).await;
            }
        },
        None => None,
    };
    let mut res = match officer {
        Some(officer) => {
            req.extensions_mut().insert(SignedIn(officer));
            next.run(req).await
        }
        None if open => next.run(req).await,
        None => {
            let wanted = req
                .uri()
                .path_and_query()
                .map_or(paths::OFFICER, |p| p.as_str());
            let mut res = StatusCode::SEE_OTHER.into_response();
            if let Ok(to) = HeaderValue::from_str(&paths::sign_in_returning(wanted)) {
                res.headers_mut().insert(header::LOCATION, to);
            }
            // A dead session's cookie is forgotten.
            if secret.is_some()
                && let Some(clear) =
                    cookies::clear(cookie, sessions::COOKIE_PATH, state.settings.secure_cookies)
            {
                res.headers_mut().append(header::SET_COOKIE, clear);
            }
            res
        }
    };
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}
