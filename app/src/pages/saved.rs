//! After "Save and come back later": the resume code, when saved answers are
//! deleted, and an optional email with the code.

use super::survey::refusal;
use crate::{
    AppError,
    components::{
        error_summary::{ErrorSummary, page_title},
        field::TextField,
        label::date_string,
        localized::Text,
    },
    domain::{
        journey::{FormProblem, SavedPage, Step},
        validation::Date,
    },
    i18n::{t, t_string, use_i18n},
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[server]
pub async fn load_saved(
    slug: String,
    locale: String,
    emailed: bool,
) -> Result<Step<SavedPage>, AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::journey::load::saved_page(&state, &slug, &locale, emailed).await
}

#[component]
pub fn SavedPageView() -> impl IntoView {
    let emailed = super::query_is("emailed", "1");
    super::journey_page(
        move |(slug, locale)| load_saved(slug, locale, emailed),
        |page| view! { <SavedView page /> }.into_any(),
    )
}

#[component]
fn SavedView(page: SavedPage) -> impl IntoView {
    let i18n = use_i18n();
    let refused = refusal().filter(|r| r.problem == FormProblem::Email);
    let heading = t_string!(i18n, saved.title).to_string();
    let expires = Date::parse_iso(&page.expires_on)
        .map(date_string)
        .unwrap_or_else(|| page.expires_on.clone());
    let typed = refused
        .as_ref()
        .map(|r| r.typed.clone())
        .unwrap_or_default();
    let emailed = page.emailed.then(
        || view! { <p class="panel panel--notice" role="status">{t!(i18n, saved.emailed)}</p> },
    );
    view! {
        <Title text=page_title(&heading, refused.is_some()) />
        {refused.is_some().then(|| view! {
            <ErrorSummary>
                <li><a href="#email">{t!(i18n, problems.email)}</a></li>
            </ErrorSummary>
        })}
        <div class="panel panel--confirmation">
            <h1>{heading.clone()}</h1>
            <p>{t!(i18n, saved.code_label)}</p>
            <p class="code" translate="no">{page.resume_code.clone()}</p>
        </div>
        <span class="caption"><Text text=page.survey_title.clone() /></span>
        <p><strong>{t!(i18n, saved.keep_code)}</strong></p>
        <p>{t!(i18n, saved.expires, date = expires)}</p>
        {emailed}
        <h2>{t!(i18n, saved.email_heading)}</h2>
        <form method="post" action=paths::saved(&page.slug) novalidate>
            <TextField
                id="email"
                name="email"
                input_type="email"
                autocomplete="email"
                label=t_string!(i18n, saved.email_label).to_string()
                hint=t_string!(i18n, saved.email_hint).to_string()
                error=refused.is_some().then(|| t_string!(i18n, problems.email).to_string())
                value=typed
            />
            <button type="submit" class="button button--secondary">{t!(i18n, saved.email_send)}</button>
        </form>
        <p><a href=page.resume_href.clone()>{t!(i18n, saved.carry_on)}</a></p>
    }
}
