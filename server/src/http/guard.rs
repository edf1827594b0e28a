//! The outer guards: requests no page can serve, panics, and slow ones.

use app::{
    AppError,
    server::state::{AppState, RequestLocale},
};
use axum::{
    body::Body,
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};
use http::{HeaderValue, Method, StatusCode, Uri, header};
use std::time::Duration;

/// How long the server waits for a client, at each stage.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// For a whole request head, counted from when the server is ready to
    /// read one (so also how long an idle keep-alive connection stays).
    pub head: Duration,
    /// For a request body to arrive, however it trickles.
    pub body: Duration,
    /// For a handler, body reading included, before the client gets 503
    /// and the work (and any transaction) is dropped.
    pub request: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            head: Duration::from_secs(10),
            body: Duration::from_secs(30),
            request: Duration::from_secs(60),
        }
    }
}

/// `CONNECT host:443` and other requests without a path: proxies' business,
/// never a page's. The error page renders for `/` (Leptos assumes every
/// request has a path and query and would panic without one).
pub async fn reject_pathless(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() != Method::CONNECT && req.uri().path_and_query().is_some() {
        return next.run(req).await;
    }
    tracing::warn!(method = %req.method(), uri = %req.uri(), "refused a request without a path");
    let (mut parts, _) = req.into_parts();
    parts.method = Method::GET;
    parts.uri = Uri::from_static("/");
    let page = Request::from_parts(parts, Body::empty());
    app::server::render::error_page(&state, page, AppError::BadRequest).await
}

/// What a panicking handler answers: a plain 500 (the page renderer may be
/// what panicked). The panic itself is logged by the panic hook.
pub fn panic_response(_panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    let mut res = (
        StatusCode::INTERNAL_SERVER_ERROR,
        "Sorry, there is a problem with the service. Try again later.",
    )
        .into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    res
}

/// A request still unanswered after `limit` gets the translated 503 page
/// (the server was too slow; a slow client's body meets its own deadline
/// first and gets 408),
/// with every security header, and its work (and any transaction) is
/// dropped. Runs inside the language middleware, so the page is in the
/// visitor's language.
pub async fn deadline(
    State((state, limit)): State<(AppState, Duration)>,
    req: Request,
    next: Next,
) -> Response {
    // The page needs only the head; the request itself goes to the handler.
    let mut head = Request::new(Body::empty());
    *head.uri_mut() = req.uri().clone();
    *head.headers_mut() = req.headers().clone();
    if let Some(locale) = req.extensions().get::<RequestLocale>() {
        head.extensions_mut().insert(*locale);
    }
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(res) => res,
        Err(_) => {
            tracing::warn!(path = %app::paths::for_logs(head.uri().path()), "a request ran past its deadline");
            app::server::render::error_page(&state, head, AppError::Busy).await
        }
    }
}
