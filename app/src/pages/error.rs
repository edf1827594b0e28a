//! The translated page for every error, with its HTTP status.

use crate::{
    AppError,
    i18n::{t, use_i18n},
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = http::StatusCode::from_u16(error.status())
    {
        response.set_status(status);
    }
    let body = match error {
        AppError::NotFound => t!(i18n, errors.not_found_body).into_any(),
        AppError::BadRequest => t!(i18n, errors.bad_request_body).into_any(),
        AppError::Forbidden => t!(i18n, errors.forbidden_body).into_any(),
        AppError::NoPermission => t!(i18n, errors.no_permission_body).into_any(),
        AppError::PayloadTooLarge => t!(i18n, errors.too_large_body).into_any(),
        AppError::RequestTimeout => t!(i18n, errors.timeout_body).into_any(),
        AppError::SurveyClosed => t!(i18n, errors.closed_body).into_any(),
        AppError::TooManyRequests => t!(i18n, errors.too_many_body).into_any(),
        AppError::Internal => t!(i18n, errors.internal_body).into_any(),
        AppError::Busy => t!(i18n, errors.busy_body).into_any(),
    };
    let title_text = error_title(error);
    view! {
        <Title text=title_text.clone() />
        <h1>{title_text}</h1>
        <p>{body}</p>
        // A kiosk's error stays on the kiosk: no way off it.
        {(!crate::paths::is_dropin(&leptos_router::hooks::use_location().pathname.get_untracked()))
            .then(|| view! { <p><a href="/">{t!(i18n, errors.home)}</a></p> })}
    }
}

fn error_title(error: AppError) -> String {
    let i18n = use_i18n();
    use crate::i18n::t_string;
    match error {
        AppError::NotFound => t_string!(i18n, errors.not_found_title).to_string(),
        AppError::BadRequest => t_string!(i18n, errors.bad_request_title).to_string(),
        AppError::Forbidden => t_string!(i18n, errors.forbidden_title).to_string(),
        AppError::NoPermission => t_string!(i18n, errors.no_permission_title).to_string(),
        AppError::PayloadTooLarge => t_string!(i18n, errors.too_large_title).to_string(),
        AppError::RequestTimeout => t_string!(i18n, errors.timeout_title).to_string(),
        AppError::SurveyClosed => t_string!(i18n, errors.closed_title).to_string(),
        AppError::TooManyRequests => t_string!(i18n, errors.too_many_title).to_string(),
        AppError::Internal => t_string!(i18n, errors.internal_title).to_string(),
        AppError::Busy => t_string!(i18n, errors.busy_title).to_string(),
    }
}
