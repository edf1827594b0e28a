//! A survey's public thank-you list: the names respondents offered, once
//! an officer approved each one.

use crate::{
    AppError,
    components::localized::Text,
    domain::actions::PublicThanks,
    i18n::{t, t_string, use_i18n},
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[server]
pub async fn load_public_thanks(slug: String, locale: String) -> Result<PublicThanks, AppError> {
    let state = crate::server::state::app_state()?;
    let loaded = crate::server::store::surveys::load_public(&state.db, &slug).await?;
    Ok(PublicThanks {
        names: crate::server::store::thanks::approved(&state.db, loaded.survey.id).await?,
        title: loaded.survey.text(&loaded.survey.title, &locale),
        slug,
    })
}

#[component]
pub fn ThanksListPage() -> impl IntoView {
    let slug = super::current_slug();
    let data = Resource::new_blocking(
        move || (slug.clone(), super::current_locale()),
        |(slug, locale)| load_public_thanks(slug, locale),
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) => view! { <ThanksList list /> }.into_any(),
                    Err(error) => view! { <super::error::ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ThanksList(list: PublicThanks) -> impl IntoView {
    let i18n = use_i18n();
    let heading = t_string!(i18n, thanks.public_title).to_string();
    let names = list
        .names
        .into_iter()
        .map(|name| view! { <li>{name}</li> })
        .collect::<Vec<_>>();
    let empty = names.is_empty();
    view! {
        <Title text=format!("{heading} – {}", list.title.text) />
        <span class="caption"><Text text=list.title /></span>
        <h1>{heading}</h1>
        <p class="lead">{t!(i18n, thanks.public_lead)}</p>
        {if empty {
            view! { <p>{t!(i18n, thanks.none_yet)}</p> }.into_any()
        } else {
            view! { <ul class="thanks-list">{names}</ul> }.into_any()
        }}
        <ul class="links">
            <li><a href=paths::YOU_SAID_WE_DID>{t!(i18n, receipt.influence_board)}</a></li>
            <li><a href=paths::results(&list.slug)>{t!(i18n, done.results)}</a></li>
        </ul>
    }
}
