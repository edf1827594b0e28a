//! Short pages that only say something: not taking part, and answers withdrawn.

use crate::{
    i18n::{t, t_string, use_i18n},
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DeclinedPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = super::current_slug();
    view! {
        <Title text=t_string!(i18n, declined.title).to_string() />
        <h1>{t!(i18n, declined.title)}</h1>
        <p>{t!(i18n, declined.body)}</p>
        <ul class="links">
            <li><a href=paths::survey(&slug)>{t!(i18n, survey.back)}</a></li>
            <li><a href="/">{t!(i18n, done.home)}</a></li>
        </ul>
    }
}

#[component]
pub fn WithdrawnPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = super::current_slug();
    view! {
        <Title text=t_string!(i18n, withdraw.done_title).to_string() />
        <div class="panel panel--confirmation">
            <h1>{t!(i18n, withdraw.done_title)}</h1>
        </div>
        <p>{t!(i18n, withdraw.done_body)}</p>
        <ul class="links">
            <li><a href=paths::results(&slug)>{t!(i18n, done.results)}</a></li>
            <li><a href="/">{t!(i18n, done.home)}</a></li>
        </ul>
    }
}
