//! Stopping "You said, we did" emails from the link in one: a page with a
//! button (opening a link must never be enough, since mail scanners open
//! links), and the page that says it is done.

use crate::{
    AppError,
    components::localized::Text,
    domain::localized::Resolved,
    i18n::{t, t_string, use_i18n},
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The survey's title while the link (to unsubscribe or to confirm) still
/// works.
#[server]
pub async fn load_unsubscribe(token: String, locale: String) -> Result<Option<Resolved>, AppError> {
    let state = crate::server::state::app_state()?;
    if !crate::server::store::responses::is_token(&token) {
        return Err(AppError::NotFound);
    }
    let survey = crate::server::store::updates::survey_of_token(&state.db, &token).await?;
    Ok(survey.map(|s| s.text(&s.title, &locale)))
}

/// A page for the address a token in the path names: `page` with the
/// survey's title while the link works, "nothing here" once it does not.
fn token_page(page: fn(Resolved, String) -> AnyView) -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let data = Resource::new_blocking(
        move || (token(), super::current_locale()),
        |(token, locale)| load_unsubscribe(token, locale),
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(survey)) => page(survey, token()),
                    Ok(None) => view! { <Gone /> }.into_any(),
                    Err(error) => view! { <super::error::ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn UnsubscribePage() -> impl IntoView {
    token_page(|survey, token| view! { <Confirm survey token /> }.into_any())
}

#[component]
fn Confirm(survey: Resolved, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let name = survey.text.clone();
    view! {
        <Title text=t_string!(i18n, unsubscribe.title).to_string() />
        <span class="caption"><Text text=survey /></span>
        <h1>{t!(i18n, unsubscribe.title)}</h1>
        <p>{t!(i18n, unsubscribe.body, survey = name)}</p>
        <form method="post" action=paths::unsubscribe(&token) novalidate>
            <button type="submit" class="button">{t!(i18n, unsubscribe.confirm)}</button>
        </form>
    }
}

#[component]
fn Gone() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, unsubscribe.gone_title).to_string() />
        <h1>{t!(i18n, unsubscribe.gone_title)}</h1>
        <p>{t!(i18n, unsubscribe.gone_body)}</p>
        <p><a href="/">{t!(i18n, done.home)}</a></p>
    }
}

#[component]
pub fn UnsubscribedPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, unsubscribe.gone_title).to_string() />
        <div class="panel panel--confirmation">
            <h1>{t!(i18n, unsubscribe.gone_title)}</h1>
        </div>
        <p>{t!(i18n, unsubscribe.done_body)}</p>
        <p><a href="/">{t!(i18n, done.home)}</a></p>
    }
}

/// The page a confirmation email links to: a button says yes; a link
/// deletes the address instead.
#[component]
pub fn ConfirmUpdatesPage() -> impl IntoView {
    token_page(|survey, token| view! { <AskToConfirm survey token /> }.into_any())
}

#[component]
fn AskToConfirm(survey: Resolved, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let name = survey.text.clone();
    view! {
        <Title text=t_string!(i18n, confirm_updates.title).to_string() />
        <span class="caption"><Text text=survey /></span>
        <h1>{t!(i18n, confirm_updates.title)}</h1>
        <p>{t!(i18n, confirm_updates.body, survey = name)}</p>
        <form method="post" action=paths::confirm_updates(&token) novalidate>
            <button type="submit" class="button">{t!(i18n, confirm_updates.confirm)}</button>
        </form>
        <p><a href=paths::unsubscribe(&token)>{t!(i18n, confirm_updates.not_me)}</a></p>
    }
}

#[component]
pub fn UpdatesConfirmedPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, confirm_updates.done_title).to_string() />
        <div class="panel panel--confirmation">
            <h1>{t!(i18n, confirm_updates.done_title)}</h1>
        </div>
        <p>{t!(i18n, confirm_updates.done_body)}</p>
        <p><a href=paths::YOU_SAID_WE_DID>{t!(i18n, confirm_updates.board)}</a></p>
    }
}
