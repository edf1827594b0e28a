//! One page's title, introduction and when it is shown.

use super::{FieldProblems, Placed, builder_page, details::TextArea, own};
use crate::{
    components::field::TextField,
    domain::builder::{BuilderRefusal, BuilderView},
    i18n::{t, t_string, use_i18n},
    pages::officer::OfficerFrame,
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn PageEditPage() -> impl IntoView {
    builder_page(|view, refusal| view! { <PageEdit view refusal /> }.into_any())
}

#[component]
fn PageEdit(view: BuilderView, refusal: Option<BuilderRefusal>) -> impl IntoView {
    let i18n = use_i18n();
    let page_id: i32 = use_params_map()
        .read_untracked()
        .get("page")
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    let Some(index) = view.def.pages.iter().position(|p| p.id == Some(page_id)) else {
        return view! { <crate::pages::error::ErrorPage error=crate::AppError::NotFound /> }
            .into_any();
    };
    let def = view.def.clone();
    let page = def.pages[index].clone();
    let locale = def.default_locale.clone();
    let heading = crate::i18n_support::fill(
        t_string!(i18n, builder.page_n),
        &[("n", &(index + 1).to_string())],
    );
    let back = paths::survey_overview(view.id);
    let has_errors = refusal.is_some();
    let placed = Placed::new(
        refusal.as_ref(),
        &format!("pages[{index}]"),
        &[
            ("title", t_string!(i18n, builder.page_title).to_string()),
            (
                "introduction",
                t_string!(i18n, builder.page_intro).to_string(),
            ),
            ("show_if", t_string!(i18n, builder.rule_legend).to_string()),
        ],
    );
    view! {
        <Title text=crate::components::error_summary::page_title(&heading, has_errors) />
        <OfficerFrame officer=view.officer>
            <FieldProblems placed=placed.clone() />
            <a class="back-link" href=back.clone()>{t!(i18n, builder.cancel)}</a>
            <h1>{heading}</h1>
            <form method="post" action=format!("{back}/pages/{page_id}") novalidate>
                <TextField id="title" name="title" label=t_string!(i18n, builder.page_title).to_string()
                    hint=t_string!(i18n, builder.page_title_hint).to_string() error=placed.error("title") value=own(&page.title, &locale) />
                <TextArea id="introduction" label=t_string!(i18n, builder.page_intro).to_string()
                    value=own(&page.introduction, &locale) error=placed.error("introduction") />
                <super::question::RuleFields def=def.clone() page_index=index conditions=page.show_if.clone() />
                <button type="submit" class="button">{t!(i18n, builder.save)}</button>
            </form>
        </OfficerFrame>
    }
    .into_any()
}
