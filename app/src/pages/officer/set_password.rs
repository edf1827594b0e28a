//! Choosing a password through a one-time link (an invitation or a reset).

use crate::{
    AppError,
    components::{
        error_summary::{ErrorSummary, page_title},
        field::TextField,
    },
    domain::accounts::{PasswordProblem, PasswordRefusal},
    i18n::{t, t_string, use_i18n},
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

/// Whose link it is, to greet them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkHolder {
    pub name: String,
    pub email: String,
}

/// The account whose live link brought this browser here (its token is in
/// the link's cookie); None for a dead or missing link. Looking does not
/// use the link up.
#[server]
pub async fn load_link() -> Result<Option<LinkHolder>, AppError> {
    let state = crate::server::state::app_state()?;
    let parts = use_context::<http::request::Parts>().ok_or(AppError::Internal)?;
    let cookie = crate::server::officer::passwords::link_cookie_name(state.settings.secure_cookies);
    let Some(token) = crate::server::cookies::read(&parts.headers, cookie) else {
        return Ok(None);
    };
    let user = crate::server::store::users::peek_link(&state.db, &token).await?;
    Ok(user.map(|u| LinkHolder {
        name: u.name,
        email: u.email,
    }))
}

#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let refused = use_context::<PasswordRefusal>();
    let data = Resource::new_blocking(|| (), |()| load_link());
    view! {
        <Suspense>
            {move || {
                let refused = refused.clone();
                Suspend::new(async move {
                    let dead = refused.as_ref().is_some_and(|r| r.problem == PasswordProblem::LinkDead);
                    match data.await {
                        Ok(Some(holder)) if !dead => {
                            view! { <PasswordForm holder refused /> }.into_any()
                        }
                        Ok(_) => view! { <DeadLink /> }.into_any(),
                        Err(error) => view! { <crate::pages::error::ErrorPage error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn PasswordForm(holder: LinkHolder, refused: Option<PasswordRefusal>) -> impl IntoView {
    let i18n = use_i18n();
    let heading = t_string!(i18n, set_password.title).to_string();
    let message = refused.map(|r| match r.problem {
        PasswordProblem::TooShort => t_string!(i18n, set_password.too_short).to_string(),
        PasswordProblem::TooLong => t_string!(i18n, set_password.too_long).to_string(),
        PasswordProblem::TooCommon => t_string!(i18n, set_password.too_common).to_string(),
        PasswordProblem::Mismatch | PasswordProblem::LinkDead => {
            t_string!(i18n, set_password.mismatch).to_string()
        }
    });
    let (name, email) = (holder.name, holder.email);
    view! {
        <Title text=page_title(&heading, message.is_some()) />
        {message.clone().map(|m| view! {
            <ErrorSummary><li><a href="#password">{m}</a></li></ErrorSummary>
        })}
        <h1>{heading}</h1>
        <p>{t!(i18n, set_password.intro, name = name, email = email)}</p>
        <form method="post" action=paths::SET_PASSWORD novalidate>
            <TextField
                id="password"
                name="password"
                input_type="password"
                autocomplete="new-password"
                label=t_string!(i18n, sign_in.password).to_string()
                hint=t_string!(i18n, set_password.password_hint).to_string()
                error=message
                value=String::new()
            />
            <TextField
                id="confirm"
                name="confirm"
                input_type="password"
                autocomplete="new-password"
                label=t_string!(i18n, set_password.confirm).to_string()
                hint=String::new()
                error=None
                value=String::new()
            />
            <button type="submit" class="button">{t!(i18n, set_password.submit)}</button>
        </form>
    }
}

#[component]
fn DeadLink() -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let heading = t_string!(i18n, set_password.dead_title).to_string();
    view! {
        <Title text=heading.clone() />
        <h1>{heading}</h1>
        <p>{t!(i18n, set_password.dead_body)}</p>
        <p><a href=paths::FORGOT_PASSWORD>{t!(i18n, set_password.new_link)}</a></p>
    }
}
