//! After a submission: thanks, and what happens next.

use crate::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ThanksPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = params.read_untracked().get("slug").unwrap_or_default();
    view! {
        <Title text=t_string!(i18n, thanks.title).to_string() />
        <div class="panel">
            <h1>{t!(i18n, thanks.title)}</h1>
            <p>{t!(i18n, thanks.body)}</p>
        </div>
        <p>{t!(i18n, thanks.next)}</p>
        <ul class="links">
            <li><a href=format!("/s/{slug}/results")>{t!(i18n, thanks.results)}</a></li>
            <li><a href="/">{t!(i18n, thanks.home)}</a></li>
        </ul>
    }
}
