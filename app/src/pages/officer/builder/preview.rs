//! Previewing a survey as a respondent sees it, in any language, before
//! publishing: the start page's words, then each page with the real
//! question controls. Nothing here can be sent, and nothing is stored;
//! every page is shown, with a note where a rule would hide it.

use super::survey_id;
use crate::{
    AppError,
    components::{localized::Text, question::Question},
    domain::{roles::OfficerView, survey::SurveyForm},
    i18n::{t, t_string, use_i18n},
    i18n_support::fill,
    pages::officer::{OfficerFrame, officer_page},
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    pub officer: OfficerView,
    pub id: i32,
    pub form: SurveyForm,
}

#[server]
pub async fn load_preview(id: i32, locale: String) -> Result<Preview, AppError> {
    let officer =
        crate::server::auth::require_here(crate::domain::roles::Permission::BuildSurveys)?;
    let state = crate::server::state::app_state()?;
    let loaded = crate::server::store::definitions::load_by_id(&state.db, id).await?;
    Ok(Preview {
        officer,
        id,
        form: loaded.form(&locale),
    })
}

#[component]
pub fn PreviewPage() -> impl IntoView {
    officer_page(
        move |locale| load_preview(survey_id(), locale),
        |p| view! { <PreviewView preview=p /> }.into_any(),
    )
}

#[component]
fn PreviewView(preview: Preview) -> impl IntoView {
    let i18n = use_i18n();
    let step: usize = use_query_map()
        .read_untracked()
        .get("page")
        .and_then(|p| p.parse().ok())
        .unwrap_or(0)
        .min(preview.form.pages.len());
    let base = paths::survey_preview(preview.id);
    let form = preview.form;
    let last = form.pages.len();
    let link = move |n: usize| format!("{base}?page={n}");
    let body = if step == 0 {
        view! {
            <h1><Text text=form.title.clone() /></h1>
            <p class="lead"><Text text=form.introduction.clone() /></p>
            <h2>{t!(i18n, survey.views_heading)}</h2>
            <p class="views-statement pre-wrap"><Text text=form.views_statement.clone() /></p>
        }
        .into_any()
    } else {
        let page = form.pages[step - 1].clone();
        let heading = page.title.clone().unwrap_or_else(|| form.title.clone());
        let ruled = !page.show_if.is_empty();
        let questions = page
            .questions
            .into_iter()
            .map(|q| {
                let ruled = !q.show_if.is_empty();
                view! {
                    {ruled.then(|| view! { <p class="hint">{t!(i18n, builder.preview_ruled)}</p> })}
                    <Question question=q values=Vec::new() problem=None />
                }
            })
            .collect_view();
        view! {
            <span class="caption">
                <Text text=form.title.clone() />
                <span class="progress">{fill(t_string!(i18n, builder.page_n), &[("n", &step.to_string())])}</span>
            </span>
            <h1><Text text=heading /></h1>
            {ruled.then(|| view! { <p class="hint">{t!(i18n, builder.preview_ruled)}</p> })}
            {page.introduction.map(|intro| view! { <p class="lead"><Text text=intro /></p> })}
            <form aria-label=t_string!(i18n, builder.preview).to_string() novalidate>{questions}</form>
        }
        .into_any()
    };
    view! {
        <Title text=t_string!(i18n, builder.preview).to_string() />
        <OfficerFrame officer=preview.officer>
            <p class="panel panel--notice">{t!(i18n, builder.preview_banner)}</p>
            {body}
            <nav class="pagination" aria-label=t_string!(i18n, builder.preview).to_string()>
                <ul class="plain-list">
                    {(step > 0).then(|| view! { <li><a href=link(step - 1) rel="prev">{t!(i18n, builder.preview_previous)}</a></li> })}
                    {(step < last).then(|| view! { <li><a href=link(step + 1) rel="next">{t!(i18n, builder.preview_next)}</a></li> })}
                    <li><a href=paths::survey_overview(preview.id)>{t!(i18n, builder.cancel)}</a></li>
                </ul>
            </nav>
        </OfficerFrame>
    }
}
