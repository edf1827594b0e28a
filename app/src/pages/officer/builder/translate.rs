//! Translating a survey into one language: each piece of text in the
//! survey's own language, with a box for its translation beneath it, and
//! what is still missing at the top.

use super::{Problems, builder_page};
use crate::{
    domain::{
        builder::{BuilderRefusal, BuilderView},
        translation::{completion, percent, translatables},
    },
    i18n::{t, t_string, use_i18n},
    i18n_support::{LOCALES, direction, fill},
    pages::{officer::OfficerFrame, query_is},
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn TranslatePage() -> impl IntoView {
    builder_page(|view, refusal| view! { <Translate view refusal /> }.into_any())
}

/// A language's own name, such as "Polski".
pub fn language_name(code: &str) -> String {
    LOCALES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or_else(|| code.to_owned(), |(_, name)| (*name).to_owned())
}

/// "3 of 5 translated (60%)" for `locale`.
pub fn completion_text(view: &BuilderView, locale: &str) -> String {
    let i18n = use_i18n();
    let (done, total) = completion(&view.def, locale);
    fill(
        t_string!(i18n, builder.translated_count),
        &[
            ("done", &done.to_string()),
            ("total", &total.to_string()),
            ("percent", &percent((done, total)).to_string()),
        ],
    )
}

/// An element id for a text's path.
fn field_id(path: &str) -> String {
    let id: String = path
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("t-{id}")
}

#[component]
fn Translate(view: BuilderView, refusal: Option<BuilderRefusal>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_params_map()
        .read_untracked()
        .get("locale")
        .unwrap_or_default();
    let own = view.def.default_locale.clone();
    if locale == own || !LOCALES.iter().any(|(c, _)| *c == locale) {
        return view! { <crate::pages::error::ErrorPage error=crate::AppError::NotFound /> }
            .into_any();
    }
    let language = language_name(&locale);
    let heading = fill(
        t_string!(i18n, builder.translate_title),
        &[("language", &language)],
    );
    let texts = translatables(&view.def, &locale);
    let missing = texts
        .iter()
        .filter(|t| t.translation.trim().is_empty())
        .map(|t| {
            let href = format!("#{}", field_id(&t.path));
            let source = t.source.clone();
            let own = own.clone();
            view! { <li><a href=href><span lang=own>{source}</span></a></li> }
        })
        .collect_view();
    let all_done = texts.iter().all(|t| !t.translation.trim().is_empty());
    let dir = direction(&locale);
    let fields = texts
        .into_iter()
        .map(|t| {
            let id = field_id(&t.path);
            let hint_id = format!("{id}-hint");
            let own = own.clone();
            let locale = locale.clone();
            let control = if t.long {
                view! {
                    <textarea id=id.clone() name=t.path.clone() rows=3 lang=locale dir=dir aria-describedby=hint_id.clone()>
                        {crate::components::question::escape_textarea(&t.translation)}
                    </textarea>
                }
                .into_any()
            } else {
                view! {
                    <input class="input" type="text" id=id.clone() name=t.path.clone() value=t.translation
                        lang=locale dir=dir aria-describedby=hint_id.clone() />
                }
                .into_any()
            };
            view! {
                <div class="question translation">
                    <label class="question__prompt" for=id><span lang=own>{t.source}</span></label>
                    <p class="hint" id=hint_id>{t_string!(i18n, builder.translation_of)} " · " <code>{t.path}</code></p>
                    {control}
                </div>
            }
        })
        .collect_view();
    let back = paths::survey_overview(view.id);
    let count = completion_text(&view, &locale);
    view! {
        <Title text=crate::components::error_summary::page_title(&heading, refusal.is_some()) />
        <OfficerFrame officer=view.officer.clone()>
            {refusal.map(|r| view! { <Problems problems=r.problems /> })}
            {query_is("done", "saved").then(|| view! {
                <p class="panel panel--notice" role="status">{t!(i18n, builder.done_saved)}</p>
            })}
            <a class="back-link" href=back.clone()>{t!(i18n, builder.cancel)}</a>
            <h1>{heading}</h1>
            <p class="lead">{count}</p>
            <p>{t!(i18n, builder.translate_intro)}</p>
            <h2>{t!(i18n, builder.missing_heading)}</h2>
            {if all_done {
                view! { <p>{t!(i18n, builder.all_translated)}</p> }.into_any()
            } else {
                view! { <ul class="links">{missing}</ul> }.into_any()
            }}
            <form method="post" action=format!("{back}/translate/{locale}") novalidate>
                {fields}
                <button type="submit" class="button">{t!(i18n, builder.save)}</button>
            </form>
        </OfficerFrame>
    }
    .into_any()
}
