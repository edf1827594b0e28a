//! Plain HTML form posts, shared by every handler: the [`Posted`] extractor
//! (a bounded urlencoded body), answering `303 See Other`, and rendering the posted page
//! again with its errors.

use super::{
    cookies,
    page_error::PageError,
    render::render_with,
    state::{AppState, RequestLocale},
};
use crate::AppError;
use axum::{
    body::{Body, Bytes},
    extract::{ConnectInfo, FromRequest},
    response::{IntoResponse, Response},
};
use http::{HeaderValue, Request, StatusCode, header, request::Parts};
use leptos::prelude::provide_context;
use serde::de::DeserializeOwned;
use std::net::SocketAddr;

/// The largest form accepted. The longest honest answer set is far smaller;
/// anything bigger is refused before it is parsed.
pub const MAX_FORM_BYTES: usize = 256 * 1024;

/// A form post, read and parsed.
pub struct Posted {
    pub parts: Parts,
    pub fields: Vec<(String, String)>,
    pub locale: &'static str,
    body: Bytes,
}

/// A fixed form, typed: what a form that is never shown again with its
/// problems extracts. A field missing or of the wrong shape is a tampered
/// form, and gets the bad-request page.
pub struct Form<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Form<T> {
    type Rejection = PageError;

    async fn from_request(req: Request<Body>, state: &S) -> Result<Self, PageError> {
        let posted = Posted::from_request(req, state).await?;
        Ok(Form(posted.form()?))
    }
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

    /// A post whose body is not a urlencoded form (a file upload), for
    /// showing its page again.
    pub fn without_fields(parts: Parts) -> Self {
        let locale = parts
            .extensions
            .get::<RequestLocale>()
            .map_or("en", |l| l.0);
        Posted {
            parts,
            fields: Vec::new(),
            locale,
            body: Bytes::new(),
        }
    }

    /// The form as `T`; a field missing or of the wrong shape is a
    /// tampered form.
    pub fn form<T: DeserializeOwned>(&self) -> Result<T, AppError> {
        serde_urlencoded::from_bytes(&self.body).map_err(|err| {
            tracing::info!(error = %err, "a form that does not fit its type");
            AppError::BadRequest
        })
    }

    /// Who sent it, for rate limits.
    pub fn client(&self) -> String {
        client_of(&self.parts)
    }

    /// The request again, without its body, for rendering a page.
    pub fn page_request(&self) -> Request<Body> {
        Request::from_parts(self.parts.clone(), Body::empty())
    }
}

impl<S: Send + Sync> FromRequest<S> for Posted {
    type Rejection = PageError;

    /// Reads an urlencoded form of at most [`MAX_FORM_BYTES`].
    async fn from_request(req: Request<Body>, _: &S) -> Result<Self, PageError> {
        let locale = req
            .extensions()
            .get::<RequestLocale>()
            .map_or("en", |l| l.0);
        let is_form = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return Err(AppError::BadRequest.into());
        }
        let (parts, body) = req.into_parts();
        let bytes = axum::body::to_bytes(body, MAX_FORM_BYTES)
            .await
            .map_err(|err| body_error(&err))?;
        Ok(Posted {
            fields: form_urlencoded::parse(&bytes).into_owned().collect(),
            parts,
            locale,
            body: bytes,
        })
    }
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

/// Who is asking, for rate limits: the client's address (or its /64).
pub fn client_of(parts: &Parts) -> String {
    let ext = &parts.extensions;
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
