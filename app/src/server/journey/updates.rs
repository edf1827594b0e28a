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
        page_error::{PageError, PageResult},
        state::AppState,
        store::{responses::is_token, updates},
    },
};
use axum::{
    body::Bytes,
    extract::{FromRequest, Path, Request, State},
    response::IntoResponse,
};
use http::{StatusCode, header};

/// An unsubscribe post is a few dozen bytes; more is not one.
const MAX_BODY: usize = 4096;

/// The small body of a post to a link that carries an address's token:
/// urlencoded from our page, or multipart from a mail provider.
pub struct SmallBody(Bytes);

impl<S: Send + Sync> FromRequest<S> for SmallBody {
    type Rejection = PageError;

    async fn from_request(req: Request, _: &S) -> Result<Self, PageError> {
        let bytes = axum::body::to_bytes(req.into_body(), MAX_BODY)
            .await
            .map_err(|_| AppError::PayloadTooLarge)?;
        Ok(SmallBody(bytes))
    }
}

/// A token that cannot be one is an address that does not exist.
fn known_shape(token: &str) -> Result<(), AppError> {
    if is_token(token) {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn unsubscribe(
    State(state): State<AppState>,
    Path(token): Path<String>,
    SmallBody(bytes): SmallBody,
) -> PageResult {
    known_shape(&token)?;
    updates::unsubscribe(&state.db, &token).await?;
    // Urlencoded or multipart, the one-click body names itself.
    let one_click = bytes.windows(9).any(|w| w == b"One-Click");
    Ok(if one_click {
        (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Unsubscribed\n",
        )
            .into_response()
    } else {
        see_other(paths::UNSUBSCRIBED, [])
    })
}

/// `POST /updates/confirm/{token}`: the owner of an address given for
/// updates says yes (the button on the page the confirmation email links
/// to). Repeating it is harmless.
pub async fn confirm(
    State(state): State<AppState>,
    Path(token): Path<String>,
    _: SmallBody,
) -> PageResult {
    known_shape(&token)?;
    if updates::confirm(&state.db, &token).await? {
        Ok(see_other(paths::UPDATES_CONFIRMED, []))
    } else {
        Err(AppError::NotFound.into())
    }
}
