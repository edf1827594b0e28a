//! Handlers fail with [`PageError`] and use `?`; one layer turns the failure
//! into the translated, accessible error page.
//!
//! Rendering a page is async and needs the request (its language, the
//! nonce of its CSP), which `IntoResponse` has no access to. So a
//! `PageError` becomes a bare response carrying the error as an extension,
//! and [`render_error_pages`], wrapped around every handled route, renders
//! the page for it with the request it kept.

use super::{render::error_page, state::AppState};
use crate::AppError;
use axum::{
    body::Body,
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};
use http::StatusCode;

/// A request that ends on an error page. The cause it hides is logged
/// where it is converted (`From<DbErr> for AppError`, `AppError::internal`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageError(pub AppError);

/// What a handler returns: a response, or the error page to send instead.
pub type PageResult<T = Response> = Result<T, PageError>;

impl PageError {
    /// A failure on our side whose cause the page must not show: logged
    /// here with `context`, served as the 500 page.
    pub fn internal(context: &str, cause: impl std::fmt::Display) -> Self {
        PageError(AppError::internal(context, cause))
    }
}

impl From<AppError> for PageError {
    fn from(err: AppError) -> Self {
        PageError(err)
    }
}

impl From<sea_orm::DbErr> for PageError {
    fn from(err: sea_orm::DbErr) -> Self {
        PageError(err.into())
    }
}

/// The error waiting to be rendered, in a response's extensions.
#[derive(Debug, Clone)]
struct Pending(AppError);

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut res = status.into_response();
        res.extensions_mut().insert(Pending(self.0));
        res
    }
}

/// The layer around every handled route: a response that is a
/// [`PageError`] becomes its error page, in the request's language.
pub async fn render_error_pages(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let (parts, body) = req.into_parts();
    let kept = parts.clone();
    let res = next.run(Request::from_parts(parts, body)).await;
    match res.extensions().get::<Pending>() {
        Some(Pending(err)) => {
            let err = err.clone();
            error_page(&state, Request::from_parts(kept, Body::empty()), err).await
        }
        None => res,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_error_carries_its_status_and_the_error_to_render() {
        let res = PageError(AppError::NotFound).into_response();
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        let pending = res.extensions().get::<Pending>().map(|p| p.0.clone());
        assert_eq!(pending, Some(AppError::NotFound));
    }

    #[test]
    fn a_database_error_is_an_internal_error() {
        let err: PageError = sea_orm::DbErr::Custom("disk on fire".into()).into();
        assert_eq!(err, PageError(AppError::Internal));
    }
}
