//! The survey's details: title, introduction, how views will be used,
//! minutes, web address and dates.

use super::{FieldProblems, Placed, builder_page, own};
use crate::{
    components::field::TextField,
    domain::builder::{BuilderRefusal, BuilderView},
    i18n::{t, t_string, use_i18n},
    pages::officer::OfficerFrame,
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DetailsPage() -> impl IntoView {
    builder_page(|view, refusal| view! { <Details view refusal /> }.into_any())
}

pub use crate::components::field::TextArea;

#[component]
fn Details(view: BuilderView, refusal: Option<BuilderRefusal>) -> impl IntoView {
    let i18n = use_i18n();
    let def = view.def;
    let locale = def.default_locale.clone();
    let heading = t_string!(i18n, builder.details_title).to_string();
    let back = paths::survey_overview(view.id);
    let has_errors = refusal.is_some();
    let placed = Placed::new(
        refusal.as_ref(),
        "",
        &[
            ("title", t_string!(i18n, builder.title).to_string()),
            (
                "introduction",
                t_string!(i18n, builder.introduction).to_string(),
            ),
            (
                "views_statement",
                t_string!(i18n, builder.views_statement).to_string(),
            ),
            (
                "estimated_minutes",
                t_string!(i18n, builder.minutes).to_string(),
            ),
            ("slug", t_string!(i18n, builder.address).to_string()),
            ("opens_on", t_string!(i18n, builder.opens).to_string()),
            ("closes_on", t_string!(i18n, builder.closes).to_string()),
        ],
    );
    view! {
        <Title text=crate::components::error_summary::page_title(&heading, has_errors) />
        <OfficerFrame officer=view.officer>
            <FieldProblems placed=placed.clone() />
            <a class="back-link" href=back.clone()>{t!(i18n, builder.cancel)}</a>
            <h1>{heading}</h1>
            <form method="post" action=format!("{back}/details") novalidate>
                <TextField id="title" name="title" label=t_string!(i18n, builder.title).to_string()
                    hint=t_string!(i18n, builder.title_hint).to_string() error=placed.error("title") value=own(&def.title, &locale) />
                <TextArea id="introduction" label=t_string!(i18n, builder.introduction).to_string()
                    value=own(&def.introduction, &locale) error=placed.error("introduction") />
                <TextArea id="views_statement" label=t_string!(i18n, builder.views_statement).to_string()
                    hint=t_string!(i18n, builder.views_hint).to_string() value=own(&def.views_statement, &locale) rows=6
                    error=placed.error("views_statement") />
                <TextField id="estimated_minutes" name="estimated_minutes" class="input input--number"
                    label=t_string!(i18n, builder.minutes).to_string() hint=String::new() error=placed.error("estimated_minutes")
                    value=def.estimated_minutes.to_string() />
                <TextField id="slug" name="slug" label=t_string!(i18n, builder.address).to_string()
                    hint=t_string!(i18n, builder.address_hint).to_string() error=placed.error("slug") value=def.slug.clone() />
                <TextField id="opens_on" name="opens_on" input_type="date" class="input input--date"
                    label=t_string!(i18n, builder.opens).to_string() hint=t_string!(i18n, builder.date_hint).to_string()
                    error=placed.error("opens_on") value=def.opens_on.clone().unwrap_or_default() />
                <TextField id="closes_on" name="closes_on" input_type="date" class="input input--date"
                    label=t_string!(i18n, builder.closes).to_string() hint=t_string!(i18n, builder.date_hint).to_string()
                    error=placed.error("closes_on") value=def.closes_on.clone().unwrap_or_default() />
                <button type="submit" class="button">{t!(i18n, builder.save)}</button>
            </form>
        </OfficerFrame>
    }
}
