//! Confirming an address for "You said, we did" emails (double opt-in),
//! and stopping them through the link in each one. A mail
//! provider's one-click unsubscribe (RFC 8058) posts `List-Unsubscribe=
//! One-Click` from its own servers and gets a plain 200; a person who
//! opened the link presses the button on its page and is shown that it is
//! done. Either way the address is deleted, and repeating it is harmless.

use crate::{
    AppError, paths,
    server::{
        forms::see_other,
        render::error_page,
        state::AppState,
        store::{responses::is_token, updates},
    },
};
use axum::{
    body::Body,
    extract::{Path, State},
    response::{IntoResponse, Response},
};
use http::{Request, StatusCode, header};

/// An unsubscribe post is a few dozen bytes; more is not one.
const MAX_BODY: usize = 4096;

/// A post to a link that carries an address's token: its small body, or
/// the error page for a big one or a malformed token.
async fn token_post(
    state: &AppState,
    token: &str,
    req: Request<Body>,
) -> Result<(http::request::Parts, axum::body::Bytes), Response> {
    let (parts, body) = req.into_parts();
    let page = || Request::from_parts(parts.clone(), Body::empty());
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return Err(error_page(state, page(), AppError::PayloadTooLarge).await);
    };
    if !is_token(token) {
        return Err(error_page(state, page(), AppError::NotFound).await);
    }
    Ok((parts, bytes))
}

pub async fn unsubscribe(
    State(state): State<AppState>,
    Path(token): Path<String>,
    req: Request<Body>,
) -> Response {
    let (parts, bytes) = match token_post(&state, &token, req).await {
        Ok(posted) => posted,
        Err(res) => return res,
    };
    let page = || Request::from_parts(parts.clone(), Body::empty());
    if let Err(err) = updates::unsubscribe(&state.db, &token).await {
        return error_page(&state, page(), err.into()).await;
    }
    // Urlencoded or multipart, the one-click body names itself.
    let one_click = bytes.windows(9).any(|w| w == b"One-Click");
    if one_click {
        (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Unsubscribed\n",
        )
            .into_response()
    } else {
        see_other(paths::UNSUBSCRIBED, [])
    }
}

/// `POST /updates/confirm/{token}`: the owner of an address given for
/// updates says yes (the button on the page the confirmation email links
/// to). Repeating it is harmless.
pub async fn confirm(
    State(state): State<AppState>,
    Path(token): Path<String>,
    req: Request<Body>,
) -> Response {
    let (parts, _) = match token_post(&state, &token, req).await {
        Ok(posted) => posted,
        Err(res) => return res,
    };
    let page = || Request::from_parts(parts.clone(), Body::empty());
    match updates::confirm(&state.db, &token).await {
        Ok(true) => see_other(paths::UPDATES_CONFIRMED, []),
        Ok(false) => error_page(&state, page(), AppError::NotFound).await,
        Err(err) => error_page(&state, page(), err.into()).await,
    }
}
