//! Starting a survey: a new one from a title, or an imported file.

use super::Problems;
use crate::{
    AppError,
    components::field::TextField,
    domain::{builder::BuilderRefusal, roles::OfficerView},
    i18n::{t, t_string, use_i18n},
    i18n_support::LOCALES,
    pages::officer::{OfficerFrame, officer_page},
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[server]
pub async fn load_builder_officer(_locale: String) -> Result<OfficerView, AppError> {
    crate::server::auth::require_here(crate::domain::roles::Permission::BuildSurveys)
}

#[component]
pub fn NewSurveyPage() -> impl IntoView {
    officer_page(load_builder_officer, |officer| {
        view! { <NewSurvey officer /> }.into_any()
    })
}

#[component]
fn NewSurvey(officer: OfficerView) -> impl IntoView {
    let i18n = use_i18n();
    let refusal = use_context::<BuilderRefusal>();
    let heading = t_string!(i18n, builder.new_title).to_string();
    let languages = LOCALES
        .iter()
        .map(|(code, name)| view! { <option value=*code lang=*code selected=*code == "en">{*name}</option> })
        .collect_view();
    view! {
        <Title text=crate::components::error_summary::page_title(&heading, refusal.is_some()) />
        <OfficerFrame officer>
            {refusal.map(|r| view! { <Problems problems=r.problems /> })}
            <h1>{heading}</h1>
            <p>{t!(i18n, builder.new_intro)}</p>
            <form method="post" action=paths::NEW_SURVEY novalidate>
                <TextField id="title" name="title" label=t_string!(i18n, builder.title).to_string()
                    hint=t_string!(i18n, builder.title_hint).to_string() error=None value=String::new() />
                <super::details::TextArea id="views_statement" label=t_string!(i18n, builder.views_statement).to_string()
                    hint=t_string!(i18n, builder.views_hint).to_string() value=String::new() rows=5 />
                <div class="question">
                    <label class="question__prompt" for="language">{t!(i18n, builder.language)}</label>
                    <p class="hint" id="language-hint">{t!(i18n, builder.language_hint)}</p>
                    <select id="language" name="language" class="select" aria-describedby="language-hint">{languages}</select>
                </div>
                <button type="submit" class="button">{t!(i18n, builder.create)}</button>
            </form>
        </OfficerFrame>
    }
}

#[component]
pub fn ImportPage() -> impl IntoView {
    officer_page(load_builder_officer, |officer| {
        view! { <Import officer /> }.into_any()
    })
}

#[component]
fn Import(officer: OfficerView) -> impl IntoView {
    let i18n = use_i18n();
    let refusal = use_context::<BuilderRefusal>();
    let heading = t_string!(i18n, builder.import_title).to_string();
    view! {
        <Title text=crate::components::error_summary::page_title(&heading, refusal.is_some()) />
        <OfficerFrame officer>
            {refusal.map(|r| view! {
                <Problems problems=r.problems anchor="#file" />
            })}
            <h1>{heading}</h1>
            <p>{t!(i18n, builder.import_intro)}</p>
            <form method="post" action=paths::IMPORT_SURVEY enctype="multipart/form-data" novalidate>
                <div class="question">
                    <label class="question__prompt" for="file">{t!(i18n, builder.import_file)}</label>
                    <input type="file" id="file" name="file" accept="application/json,.json" class="file-input" />
                </div>
                <super::details::TextArea id="definition" label=t_string!(i18n, builder.import_paste).to_string()
                    value=String::new() rows=8 />
                <button type="submit" class="button">{t!(i18n, builder.import_submit)}</button>
            </form>
        </OfficerFrame>
    }
}
