//! Cross-site request forgery protection for every state-changing request.
//!
//! Browsers say where a request came from: `Sec-Fetch-Site` (all current
//! browsers) or, failing that, `Origin`. A POST from another site is refused
//! before any handler runs (OWASP's "Fetch Metadata" defence with an Origin
//! fallback). Requests that carry neither are refused too: every browser
//! that can post a form sends one of them.
//!
//! One address is exempt: an update email's one-click unsubscribe link
//! (RFC 8058), which mail providers post to from their own servers. The
//! unguessable token in the link is its authority, and all it can do is
//! stop emails.

use app::{AppError, server::state::AppState};
use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};
use http::{Method, header};

pub async fn same_origin_only(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if is_safe(req.method())
        || is_one_click_unsubscribe(&req)
        || is_same_origin(&req, &state.settings.base_url)
    {
        return next.run(req).await;
    }
    tracing::warn!(method = %req.method(), path = %app::paths::for_logs(req.uri().path()), "refused a cross-site request");
    app::server::render::error_page(&state, req, AppError::Forbidden).await
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn is_one_click_unsubscribe(req: &Request) -> bool {
    req.method() == Method::POST
        && req
            .uri()
            .path()
            .strip_prefix(app::paths::UNSUBSCRIBE_PREFIX)
            .is_some_and(|token| !token.is_empty() && !token.contains('/'))
}

fn is_same_origin(req: &Request, base_url: &str) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site") {
        return matches!(site.to_str(), Ok("same-origin" | "none"));
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) else {
        return false;
    };
    if origin == base_url {
        return true;
    }
    // Behind no proxy, the page's own origin is the Host it was served from.
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    host.is_some_and(|host| {
        origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"))
            == Some(host)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(headers: &[(&str, &str)]) -> Request {
        let mut builder = Request::builder().method(Method::POST).uri("/s/x");
        for (k, v) in headers {
            builder = builder.header(*k, *v);
        }
        builder.body(axum::body::Body::empty()).unwrap()
    }

    const BASE: &str = "http://127.0.0.1:3000";

    #[test]
    fn only_an_unsubscribe_link_may_be_posted_from_elsewhere() {
        let post = |uri: &str| {
            Request::builder()
                .method(Method::POST)
                .uri(uri)
                .body(axum::body::Body::empty())
                .unwrap()
        };
        assert!(is_one_click_unsubscribe(&post(
            "/updates/unsubscribe/abc123"
        )));
        assert!(!is_one_click_unsubscribe(&post("/updates/unsubscribe/")));
        assert!(!is_one_click_unsubscribe(&post("/updates/unsubscribe/a/b")));
        assert!(!is_one_click_unsubscribe(&post("/s/x/withdraw")));
        assert!(!is_one_click_unsubscribe(&request(&[])));
    }

    #[test]
    fn fetch_metadata_decides_when_present() {
        assert!(is_same_origin(
            &request(&[("sec-fetch-site", "same-origin")]),
            BASE
        ));
        assert!(!is_same_origin(
            &request(&[("sec-fetch-site", "cross-site")]),
            BASE
        ));
        assert!(!is_same_origin(
            &request(&[("sec-fetch-site", "same-site")]),
            BASE
        ));
        // A cross-site Fetch Metadata header wins over a forged Origin.
        assert!(!is_same_origin(
            &request(&[("sec-fetch-site", "cross-site"), ("origin", BASE)]),
            BASE
        ));
    }

    #[test]
    fn origin_is_the_fallback() {
        assert!(is_same_origin(&request(&[("origin", BASE)]), BASE));
        assert!(is_same_origin(
            &request(&[("origin", "http://heard.test"), ("host", "heard.test")]),
            BASE
        ));
        assert!(!is_same_origin(
            &request(&[("origin", "https://evil.example"), ("host", "heard.test")]),
            BASE
        ));
        assert!(!is_same_origin(&request(&[("origin", "null")]), BASE));
    }

    #[test]
    fn requests_without_either_are_refused() {
        assert!(!is_same_origin(&request(&[]), BASE));
    }
}
