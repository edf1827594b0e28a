//! A survey in the builder: its details, its pages and questions with
//! buttons to edit, move, delete or archive each, and publishing. Every
//! button is a plain form, so it all works without JavaScript.

use super::{Problems, builder_page, kind_name, own};
use crate::{
    components::download::PostButton,
    domain::{
        builder::{BuilderRefusal, BuilderView},
        definition::{ConditionDefinition, SurveyDefinition},
        officer::SurveyStatus,
        survey::QuestionKind,
    },
    i18n::{t, t_string, use_i18n},
    pages::officer::{OfficerFrame, dashboard::status_name},
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn OverviewPage() -> impl IntoView {
    builder_page(|view, refusal| view! { <Overview view refusal /> }.into_any())
}

/// One button that posts `op` about `target`.
#[component]
fn OpButton(
    id: i32,
    op: &'static str,
    #[prop(optional)] target: Option<i32>,
    #[prop(optional)] direction: Option<&'static str>,
    label: String,
    /// Says which thing the button is about, for screen readers.
    #[prop(optional)]
    about: Option<String>,
    #[prop(default = "button button--secondary button--small")] class: &'static str,
) -> impl IntoView {
    view! {
        <form method="post" action=paths::survey_overview(id) class="inline-form">
            <input type="hidden" name="op" value=op />
            {target.map(|t| view! { <input type="hidden" name="target" value=t.to_string() /> })}
            {direction.map(|d| view! { <input type="hidden" name="direction" value=d /> })}
            <button type="submit" class=class>
                {label}
                {about.map(|a| view! { <span class="visually-hidden">" – " {a}</span> })}
            </button>
        </form>
    }
}

/// A rule in words: "Who is answering: parent-carer".
fn rule_text(def: &SurveyDefinition, conditions: &[ConditionDefinition]) -> Option<String> {
    let i18n = use_i18n();
    if conditions.is_empty() {
        return None;
    }
    let words: Vec<String> = conditions
        .iter()
        .map(|c| {
            let question = def
                .pages
                .iter()
                .flat_map(|p| &p.questions)
                .find(|q| q.key == c.question);
            let prompt = question.map_or_else(
                || c.question.clone(),
                |q| own(&q.prompt, &def.default_locale),
            );
            // The option's own words where it has them, else its value.
            let value = c.value.clone().unwrap_or_default();
            let value = question
                .and_then(|q| q.options.iter().find(|o| o.value == value))
                .map(|o| own(&o.label, &def.default_locale))
                .filter(|l| !l.is_empty())
                .unwrap_or(value);
            let op = match c.op {
                crate::domain::branching::Operator::Equals => t_string!(i18n, builder.op_equals),
                crate::domain::branching::Operator::NotEquals => {
                    t_string!(i18n, builder.op_not_equals)
                }
                crate::domain::branching::Operator::Includes => {
                    t_string!(i18n, builder.op_includes)
                }
                crate::domain::branching::Operator::Answered => "",
            };
            format!("{prompt} {op} {value}").trim().to_owned()
        })
        .collect();
    Some(crate::i18n_support::fill(
        t_string!(i18n, builder.shown_if),
        &[("rule", &words.join("; "))],
    ))
}

#[component]
fn Overview(view: BuilderView, refusal: Option<BuilderRefusal>) -> impl IntoView {
    let i18n = use_i18n();
    let id = view.id;
    let def = view.def.clone();
    let locale = def.default_locale.clone();
    let title = own(&def.title, &locale);
    let heading = if title.is_empty() {
        def.slug.clone()
    } else {
        title
    };
    let done = use_query_map().read_untracked().get("done").and_then(|d| {
        Some(
            match d.as_str() {
                "saved" => t_string!(i18n, builder.done_saved),
                "published" => t_string!(i18n, builder.done_published),
                "closed" => t_string!(i18n, builder.done_closed),
                "reopened" => t_string!(i18n, builder.done_reopened),
                "archived" => t_string!(i18n, builder.done_archived),
                "created" => t_string!(i18n, builder.done_created),
                "duplicated" => t_string!(i18n, builder.done_duplicated),
                "imported" => t_string!(i18n, builder.done_imported),
                _ => return None,
            }
            .to_string(),
        )
    });
    let not_set = t_string!(i18n, builder.not_set).to_string();
    let date_or = move |d: &Option<String>| d.clone().unwrap_or_else(|| not_set.clone());
    let pages_count = def.pages.len();
    let pages = def
        .pages
        .iter()
        .enumerate()
        .map(|(index, page)| {
            let page_id = page.id.unwrap_or(0);
            let page_title = own(&page.title, &locale);
            let name = format!(
                "{} {}",
                crate::i18n_support::fill(t_string!(i18n, builder.page_n), &[("n", &(index + 1).to_string())]),
                if page_title.is_empty() { String::new() } else { format!("– {page_title}") }
            );
            let rule = rule_text(&def, &page.show_if)
                .unwrap_or_else(|| t_string!(i18n, builder.always).to_string());
            let count = page.questions.len();
            let questions = page
                .questions
                .iter()
                .enumerate()
                .map(|(n, q)| {
                    let qid = q.id.unwrap_or(0);
                    let prompt = own(&q.prompt, &locale);
                    let kind = QuestionKind::parse(&q.kind).map(kind_name).unwrap_or_else(|| q.kind.clone());
                    let answered = view.answered.contains(&qid);
                    let first = index == 0 && n == 0;
                    let last = index + 1 == pages_count && n + 1 == count;
                    let rule = rule_text(&def, &q.show_if);
                    view! {
                        <li class="builder-question">
                            <p class="builder-question__prompt">
                                <strong>{prompt.clone()}</strong>
                            </p>
                            <p class="hint">
                                {kind} " · "
                                {if q.required { t!(i18n, builder.required).into_any() } else { t!(i18n, builder.optional).into_any() }}
                                {answered.then(|| view! { " · " {t!(i18n, builder.has_answers)} })}
                                {q.archived.then(|| view! { " · " <strong>{t!(i18n, builder.archived)}</strong> })}
                            </p>
                            {rule.map(|r| view! { <p class="hint">{r}</p> })}
                            <div class="button-row">
                                <a class="button button--secondary button--small" href=paths::survey_question(id, qid)>
                                    {t!(i18n, builder.edit_question)}
                                    <span class="visually-hidden">" – " {prompt.clone()}</span>
                                </a>
                                {(!first).then(|| view! { <OpButton id op="move_question" target=qid direction="up" label=t_string!(i18n, builder.move_up).to_string() about=prompt.clone() /> })}
                                {(!last).then(|| view! { <OpButton id op="move_question" target=qid direction="down" label=t_string!(i18n, builder.move_down).to_string() about=prompt.clone() /> })}
                                {if answered {
                                    if q.archived {
                                        view! { <OpButton id op="restore_question" target=qid label=t_string!(i18n, builder.restore_question).to_string() about=prompt.clone() /> }.into_any()
                                    } else {
                                        view! { <OpButton id op="archive_question" target=qid label=t_string!(i18n, builder.archive_question).to_string() about=prompt.clone() /> }.into_any()
                                    }
                                } else {
                                    view! { <OpButton id op="delete_question" target=qid label=t_string!(i18n, builder.delete_question).to_string() about=prompt.clone() class="button button--warning button--small" /> }.into_any()
                                }}
                            </div>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="builder-page" aria-labelledby=format!("page-{page_id}")>
                    <h3 id=format!("page-{page_id}")>{name.clone()}</h3>
                    <p class="hint">{rule}</p>
                    {if count == 0 {
                        view! { <p>{t!(i18n, builder.no_questions)}</p> }.into_any()
                    } else {
                        view! { <ol class="plain-list">{questions}</ol> }.into_any()
                    }}
                    <div class="button-row">
                        <a class="button button--small" href=paths::new_question(id, page_id, None)>
                            {t!(i18n, builder.add_question)}
                            <span class="visually-hidden">" – " {name.clone()}</span>
                        </a>
                        <a class="button button--secondary button--small" href=paths::survey_page(id, page_id)>
                            {t!(i18n, builder.edit_page)}
                            <span class="visually-hidden">" – " {name.clone()}</span>
                        </a>
                        {(index > 0).then(|| view! { <OpButton id op="move_page" target=page_id direction="up" label=t_string!(i18n, builder.move_up).to_string() about=name.clone() /> })}
                        {(index + 1 < pages_count).then(|| view! { <OpButton id op="move_page" target=page_id direction="down" label=t_string!(i18n, builder.move_down).to_string() about=name.clone() /> })}
                        {(pages_count > 1).then(|| view! { <OpButton id op="delete_page" target=page_id label=t_string!(i18n, builder.delete_page).to_string() about=name.clone() class="button button--warning button--small" /> })}
                    </div>
                </section>
            }
        })
        .collect_view();
    let translations = crate::i18n_support::LOCALES
        .iter()
        .filter(|(code, _)| *code != locale)
        .map(|(code, name)| {
            let count = super::translate::completion_text(&view, code);
            let label = crate::i18n_support::fill(
                t_string!(i18n, builder.translate_into),
                &[("language", name)],
            );
            view! {
                <li>
                    <a href=paths::survey_translate(id, code)>{label}</a>
                    " – " {count}
                </li>
            }
        })
        .collect_view();
    let status = view.status;
    let public = status != SurveyStatus::Draft && status != SurveyStatus::Archived;
    view! {
        <Title text=heading.clone() />
        <OfficerFrame officer=view.officer>
            {refusal.map(|r| view! { <Problems problems=r.problems /> })}
            {done.map(|m| view! { <p class="panel panel--notice" role="status">{m}</p> })}
            <span class="caption">{t!(i18n, builder.overview_caption)}</span>
            <h1>{heading}</h1>
            <p><strong>{t!(i18n, builder.status)} ": "</strong> {status_name(status)}</p>

            <h2>{t!(i18n, builder.details_heading)}</h2>
            <dl class="summary-list">
                <div class="summary-list__row">
                    <dt class="summary-list__key">{t!(i18n, builder.introduction)}</dt>
                    <dd>{own(&def.introduction, &locale)}</dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">{t!(i18n, builder.views_statement)}</dt>
                    <dd class="pre-wrap">{own(&def.views_statement, &locale)}</dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">{t!(i18n, builder.minutes)}</dt>
                    <dd>{def.estimated_minutes}</dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">{t!(i18n, builder.address)}</dt>
                    <dd><code>{paths::survey(&def.slug)}</code></dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">{t!(i18n, builder.opens)}</dt>
                    <dd>{date_or(&def.opens_on)}</dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">{t!(i18n, builder.closes)}</dt>
                    <dd>{date_or(&def.closes_on)}</dd>
                </div>
            </dl>
            <p><a class="button button--secondary" href=paths::survey_details(id)>{t!(i18n, builder.change_details)}</a></p>

            <h2>{t!(i18n, builder.pages_heading)}</h2>
            {pages}
            <OpButton id op="add_page" label=t_string!(i18n, builder.add_page).to_string() class="button button--secondary" />

            <h2>{t!(i18n, builder.translations_heading)}</h2>
            <p>{t!(i18n, builder.translations_intro)}</p>
            <ul class="links">{translations}</ul>

            <h2>{t!(i18n, builder.actions_heading)}</h2>
            <div class="button-row">
                {match status {
                    SurveyStatus::Draft => view! { <OpButton id op="publish" label=t_string!(i18n, builder.publish).to_string() class="button" /> }.into_any(),
                    SurveyStatus::Open => view! { <OpButton id op="close" label=t_string!(i18n, builder.close).to_string() class="button button--secondary" /> }.into_any(),
                    SurveyStatus::Closed | SurveyStatus::Archived => view! { <OpButton id op="reopen" label=t_string!(i18n, builder.reopen).to_string() class="button button--secondary" /> }.into_any(),
                }}
                <OpButton id op="duplicate" label=t_string!(i18n, builder.duplicate).to_string() class="button button--secondary" />
                {(status != SurveyStatus::Archived).then(|| view! { <OpButton id op="archive" label=t_string!(i18n, builder.archive).to_string() class="button button--warning" /> })}
            </div>
            <p class="hint">{t!(i18n, builder.publish_hint)}</p>
            <ul class="links">
                <li><a href=paths::survey_preview(id)>{t!(i18n, builder.preview)}</a></li>
                <li>
                    <PostButton action=paths::survey_export(id) label=t_string!(i18n, builder.export).to_string() class="button button--secondary button--small" />
                    " – " {t!(i18n, builder.export_hint)}
                </li>
                {public.then(|| view! { <li><a href=paths::survey(&def.slug)>{t!(i18n, builder.open_public)}</a></li> })}
            </ul>
        </OfficerFrame>
    }
}
