//! The application's one error type, shared by server functions, handlers and pages.
//!
//! It crosses the wire (server functions return it), so it carries no database
//! detail: the store layer logs the cause and maps it here. Each variant says
//! which HTTP status it means and which translated page explains it.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

/// What went wrong, in terms a respondent's page can explain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// 404: the survey, page or record does not exist (or is not public).
    #[error("not found")]
    NotFound,
    /// 400: the request was malformed or tampered with.
    #[error("bad request")]
    BadRequest,
    /// 403: a cross-site or otherwise forbidden request.
    #[error("forbidden")]
    Forbidden,
    /// 403: the signed-in officer's role does not allow this.
    #[error("no permission")]
    NoPermission,
    /// 413: the form was larger than any honest answer can be.
    #[error("payload too large")]
    PayloadTooLarge,
    /// 408: the request took longer to arrive than the server waits.
    #[error("request timeout")]
    RequestTimeout,
    /// 503: the server took longer than it allows itself to answer.
    #[error("server busy")]
    Busy,
    /// 409: the survey is not open for answers.
    #[error("survey closed")]
    SurveyClosed,
    /// 429: too many tries (guessing codes).
    #[error("too many requests")]
    TooManyRequests,
    /// 500: something failed on our side; details are in the server log.
    #[error("internal error")]
    Internal,
}

impl AppError {
    /// The HTTP status this error is served with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::BadRequest => 400,
            AppError::Forbidden | AppError::NoPermission => 403,
            AppError::PayloadTooLarge => 413,
            AppError::RequestTimeout => 408,
            AppError::SurveyClosed => 409,
            AppError::TooManyRequests => 429,
            AppError::Internal => 500,
            AppError::Busy => 503,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::Deserialization(_) => {
                AppError::BadRequest
            }
            _ => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// A failure on our side whose cause no page may show: logged here
    /// with `context`, then served as the 500 page.
    pub fn internal(context: &str, cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "{context}");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_match_their_meaning() {
        assert_eq!(AppError::NotFound.status(), 404);
        assert_eq!(AppError::BadRequest.status(), 400);
        assert_eq!(AppError::Forbidden.status(), 403);
        assert_eq!(AppError::NoPermission.status(), 403);
        assert_eq!(AppError::PayloadTooLarge.status(), 413);
        assert_eq!(AppError::RequestTimeout.status(), 408);
        assert_eq!(AppError::SurveyClosed.status(), 409);
        assert_eq!(AppError::TooManyRequests.status(), 429);
        assert_eq!(AppError::Internal.status(), 500);
    }

    #[test]
    fn server_fn_argument_errors_are_bad_requests() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Args("x".into()));
        assert_eq!(err, AppError::BadRequest);
    }
}
