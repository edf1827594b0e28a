//! Plain HTML form posts, shared by every handler: reading a bounded
//! urlencoded body, answering `303 See Other`, and rendering the posted page
//! again with its errors.

use super::{
    cookies,
    render::{error_page, render_with},
    state::{AppState, RequestLocale},
};
use crate::AppError;
use axum::{
    body::Body,
    extract::ConnectInfo,
    response::{IntoResponse, Response},
};
use http::{HeaderValue, Request, StatusCode, header, request::Parts};
use leptos::prelude::provide_context;
use std::net::SocketAddr;

/// The largest form accepted. The longest honest answer set is far smaller;
/// anything bigger is refused before it is parsed.
pub const MAX_FORM_BYTES: usize = 256 * 1024;

/// A form post, read and parsed.
pub struct Posted {
    pub parts: Parts,
    pub fields: Vec<(String, String)>,
    pub locale: &'static str,
}

impl Posted {
    pub fn value(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn query(&self, name: &str) -> Option<String> {
        self.parts.uri.query().and_then(|q| {
            form_urlencoded::parse(q.as_bytes())
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.into_owned())
        })
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        cookies::read(&self.parts.headers, name).filter(|v| !v.is_empty())
    }

    /// The request again, without its body, for rendering a page.
    pub fn page_request(&self) -> Request<Body> {
        Request::from_parts(self.parts.clone(), Body::empty())
    }
}

/// Reads an urlencoded form of at most [`MAX_FORM_BYTES`].
pub async fn read_form(state: &AppState, req: Request<Body>) -> Result<Posted, Response> {
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
        return Err(error_page(state, page_request(), AppError::BadRequest).await);
    }
    let bytes = match axum::body::to_bytes(body, MAX_FORM_BYTES).await {
        Ok(bytes) => bytes,
        Err(err) => return Err(error_page(state, page_request(), body_error(&err)).await),
    };
    Ok(Posted {
        fields: form_urlencoded::parse(&bytes).into_owned().collect(),
        parts,
        locale,
    })
}

/// Why a body could not be read: too slow (the router's deadline for
/// bodies), or too big.
pub fn body_error(err: &axum::Error) -> AppError {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = source {
        if e.is::<tower_http::timeout::TimeoutError>() {
            return AppError::RequestTimeout;
        }
        source = e.source();
    }
    AppError::PayloadTooLarge
}

/// `303 See Other` to `path`, setting `cookies`.
pub fn see_other(path: &str, cookies: impl IntoIterator<Item = Option<HeaderValue>>) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(location) = HeaderValue::from_str(path) {
        res.headers_mut().insert(header::LOCATION, location);
    }
    for cookie in cookies.into_iter().flatten() {
        res.headers_mut().append(header::SET_COOKIE, cookie);
    }
    res
}

/// Renders the posted page again with `context` (its errors), at `status`.
pub async fn refuse<C>(
    state: &AppState,
    posted: &Posted,
    context: C,
    status: StatusCode,
) -> Response
where
    C: Clone + Send + Sync + 'static,
{
    let mut res = render_with(state, posted.page_request(), move || {
        provide_context(context.clone())
    })
    .await;
    if res.status().is_success() {
        *res.status_mut() = status;
    }
    res
}

/// Turns a failed step into its error page.
#[macro_export]
macro_rules! or_error_page {
    ($state:expr, $posted:expr, $result:expr) => {
        match $result {
            Ok(value) => value,
            Err(err) => {
                return $crate::server::render::error_page($state, $posted.page_request(), err).await
            }
        }
    };
}

/// Who is asking, for rate limits: the client's address (or its /64).
pub fn client_of(req: &Request<Body>) -> String {
    let ext = req.extensions();
    ext.get::<super::client::ClientAddr>()
        .map(|c| c.0)
        .or_else(|| ext.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip()))
        .map_or_else(
            || "unknown".to_owned(),
            super::store::rate_limit::client_key,
        )
}

/// A generated file (an export, a poster), never cached: `attachment` names
/// the download, or it opens in the browser.
pub fn file_response(
    body: String,
    content_type: &'static str,
    attachment: Option<&str>,
) -> Response {
    use axum::response::IntoResponse;
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(name) = attachment
        && let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
    {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}
