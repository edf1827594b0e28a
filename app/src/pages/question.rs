//! One page of questions: progress, the questions with the answers given so
//! far, "Continue" and "Save and come back later". After a refused post it
//! shows GOV.UK's error summary and everything the respondent typed.

use crate::{
    AppError,
    components::{
        error_summary::{ErrorSummary, page_title},
        localized::Text,
        question::{ProblemMessage, Question, first_control_id},
    },
    domain::{
        journey::{QuestionPage, RefusedPage, Step},
        survey::QuestionView,
        validation::Rejected,
    },
    i18n::{t, use_i18n},
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use std::collections::HashMap;

#[server]
pub async fn load_question_page(
    slug: String,
    number: usize,
    locale: String,
    returning: bool,
) -> Result<Step<QuestionPage>, AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::journey::load::question_page(&state, &slug, number, &locale, returning).await
}

#[component]
pub fn QuestionPageView() -> impl IntoView {
    let number = use_params_map()
        .read_untracked()
        .get("n")
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(0);
    let returning = super::query_is("return", "check");
    super::journey_page(
        move |(slug, locale)| load_question_page(slug, number, locale, returning),
        |page| view! { <PageForm page /> }.into_any(),
    )
}

#[component]
fn PageForm(page: QuestionPage) -> impl IntoView {
    let i18n = use_i18n();
    let refused = use_context::<RefusedPage>().map(|r| r.rejected);
    let heading = page
        .page
        .title
        .clone()
        .unwrap_or_else(|| page.survey_title.clone());
    let title = page_title(
        &format!("{} – {}", heading.text, page.survey_title.text),
        refused.is_some(),
    );
    let summary = refused_summary(&page.page.questions, refused.as_ref());
    let questions = question_views(&page.page.questions, &page.values, refused.as_ref());
    let (step, steps) = (page.step, page.steps);
    let index = page.page_number.saturating_sub(1);
    let action = if page.returning {
        paths::change_page(&page.slug, index)
    } else {
        paths::page(&page.slug, index)
    };
    view! {
        <Title text=title />
        <a class="back-link" href=page.back.clone()>{t!(i18n, survey.back)}</a>
        {summary}
        <span class="caption">
            <Text text=page.survey_title.clone() />
            <span class="progress">{t!(i18n, survey.progress, step = step, steps = steps)}</span>
        </span>
        <h1><Text text=heading /></h1>
        {page.page.introduction.clone().map(|intro| view! { <p class="lead"><Text text=intro /></p> })}
        <form method="post" action=action novalidate>
            {questions}
            <div class="button-group">
                <button type="submit" class="button" name="action" value="continue">
                    {t!(i18n, survey.continue_button)}
                </button>
                <button type="submit" class="button button--secondary" name="action" value="save">
                    {t!(i18n, survey.save_for_later)}
                </button>
            </div>
        </form>
    }
}

/// GOV.UK's error summary for a refused form of `questions`, each item
/// linking to its question's first control.
pub fn refused_summary(questions: &[QuestionView], refused: Option<&Rejected>) -> Option<AnyView> {
    let i18n = use_i18n();
    refused.map(|r| {
        let items = r
            .errors
            .iter()
            .filter_map(|e| {
                let question = questions.iter().find(|q| q.id == e.question_id)?;
                let href = format!("#{}", first_control_id(question));
                let problem = e.problem;
                Some(view! { <li><a href=href><ProblemMessage problem /></a></li> })
            })
            .collect_view();
        let unknown = r
            .unknown_questions
            .then(|| view! { <li>{t!(i18n, problems.unknown_question)}</li> });
        view! { <ErrorSummary>{items}{unknown}</ErrorSummary> }.into_any()
    })
}

/// The questions' controls, holding what was typed into a refused form, or
/// `values` (answers so far) otherwise.
pub fn question_views(
    questions: &[QuestionView],
    values: &HashMap<i32, Vec<String>>,
    refused: Option<&Rejected>,
) -> impl IntoView + use<> {
    questions
        .iter()
        .map(|q| {
            let (values, problem) = match refused {
                Some(r) => (
                    r.values.get(&q.id).cloned().unwrap_or_default(),
                    r.errors
                        .iter()
                        .find(|e| e.question_id == q.id)
                        .map(|e| e.problem),
                ),
                None => (values.get(&q.id).cloned().unwrap_or_default(), None),
            };
            view! { <Question question=q.clone() values problem /> }
        })
        .collect_view()
}
