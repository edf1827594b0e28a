//! Chooses the interface language: `?lang=`, then the `heard_lang` cookie,
//! then the browser's Accept-Language, then the configured default.
//!
//! The choice replaces the request's Accept-Language header, so leptos_i18n
//! (whose own cookie handling is off) renders in exactly this language; a
//! `?lang=` choice is remembered with our cookie for the next page.

use app::{
    i18n_support::{COOKIE, negotiate},
    server::state::{AppState, RequestLocale},
};
use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};
use http::{HeaderValue, header};

/// A year: the language choice is a preference, not personal data.
const COOKIE_MAX_AGE: i64 = 31_536_000;

pub async fn resolve(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let query = req
        .uri()
        .query()
        .and_then(|q| form_urlencoded_value(q, "lang"));
    let from_cookie = app::server::cookies::read(req.headers(), COOKIE);
    let from_cookie = from_cookie.as_deref();
    let accept = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    let locale = negotiate(
        query.as_deref(),
        from_cookie,
        accept,
        &state.settings.default_locale,
    );
    // A shared kiosk must not pass one person's language to the next.
    let remember = query.as_deref() == Some(locale)
        && from_cookie != Some(locale)
        && !app::paths::is_dropin(req.uri().path());

    req.headers_mut()
        .insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static(locale));
    req.extensions_mut().insert(RequestLocale(locale));

    let mut res = next.run(req).await;
    if remember
        && let Some(value) = app::server::cookies::set(
            COOKIE,
            locale,
            "/",
            Some(COOKIE_MAX_AGE),
            state.settings.secure_cookies,
        )
    {
        res.headers_mut().append(header::SET_COOKIE, value);
    }
    res.headers_mut().append(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    res
}

fn form_urlencoded_value(query: &str, key: &str) -> Option<String> {
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}
