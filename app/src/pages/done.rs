//! After sending: the receipt code, what happens next, and where to see,
//! change or withdraw the answers.

use crate::{
    AppError,
    components::localized::Text,
    domain::journey::{ConfirmationPage, Step},
    i18n::{t, t_string, use_i18n},
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[server]
pub async fn load_confirmation(
    slug: String,
    locale: String,
) -> Result<Step<ConfirmationPage>, AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::journey::load::confirmation(&state, &slug, &locale).await
}

#[component]
pub fn DonePage() -> impl IntoView {
    super::journey_page(
        |(slug, locale)| load_confirmation(slug, locale),
        |page| view! { <DoneView page /> }.into_any(),
    )
}

#[component]
fn DoneView(page: ConfirmationPage) -> impl IntoView {
    let i18n = use_i18n();
    let heading = if page.changed {
        t_string!(i18n, done.title_changed).to_string()
    } else {
        t_string!(i18n, done.title).to_string()
    };
    view! {
        <Title text=heading.clone() />
        <div class="panel panel--confirmation">
            <h1>{heading}</h1>
            <p>{t!(i18n, done.code_label)}</p>
            <p class="code" translate="no">{page.receipt_code.clone()}</p>
        </div>
        <p><strong>{t!(i18n, done.keep_code)}</strong></p>
        <span class="caption"><Text text=page.survey_title.clone() /></span>
        <h2>{t!(i18n, done.next_heading)}</h2>
        <p>{t!(i18n, done.next)}</p>
        <ul class="links">
            <li><a href=paths::use_code(&page.slug)>{t!(i18n, done.use_code)}</a></li>
            <li><a href=paths::results(&page.slug)>{t!(i18n, done.results)}</a></li>
            <li><a href=paths::thanks(&page.slug)>{t!(i18n, thanks.public_title)}</a></li>
            <li><a href=paths::YOU_SAID_WE_DID>{t!(i18n, receipt.influence_board)}</a></li>
            <li><a href="/">{t!(i18n, done.home)}</a></li>
        </ul>
    }
}
