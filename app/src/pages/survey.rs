//! The survey page: what it is about, how views will be used, the questions,
//! and (after a refused submission) an error summary.

use crate::{
    AppError,
    components::{
        localized::Text,
        question::{ProblemMessage, Question, first_control_id},
    },
    domain::{survey::SurveyForm, validation::Rejected},
    i18n::{t, t_string, use_i18n},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

/// The survey in the respondent's language, with a fresh submission token.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SurveyPageData {
    pub form: SurveyForm,
    /// Random token that makes this form's submission idempotent.
    pub token: String,
}

#[server]
pub async fn load_survey_form(slug: String, locale: String) -> Result<SurveyPageData, AppError> {
    let state = crate::server::state::app_state()?;
    let loaded = crate::server::store::surveys::load_accepting(&state.db, &slug).await?;
    Ok(SurveyPageData {
        form: loaded.form(&locale),
        token: crate::server::store::responses::new_token(),
    })
}

/// What a refused submission left behind: errors, values and its token.
fn previous_submission() -> Option<(Rejected, String)> {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::server::respond::SubmittedForm>().map(|s| (s.rejected, s.token))
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

#[component]
pub fn SurveyPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let data = Resource::new_blocking(
        move || (slug(), super::current_locale()),
        |(s, l)| load_survey_form(s, l),
    );
    let previous = previous_submission();
    view! {
        <Suspense>
            {move || {
                let previous = previous.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(data) => view! { <SurveyFormView data previous /> }.into_any(),
                        Err(error) => view! { <super::error::ErrorPage error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn SurveyFormView(data: SurveyPageData, previous: Option<(Rejected, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let SurveyPageData { form, token } = data;
    let (rejected, token) = match previous {
        Some((rejected, old_token)) => (Some(rejected), old_token),
        None => (None, token),
    };
    let has_errors = rejected.is_some();
    let title = if has_errors {
        format!(
            "{} {}",
            t_string!(i18n, survey.error_prefix),
            form.title.text
        )
    } else {
        form.title.text.clone()
    };
    let summary = rejected.as_ref().map(|r| {
        let items = r
            .errors
            .iter()
            .filter_map(|e| {
                let question = form.questions.iter().find(|q| q.id == e.question_id)?;
                let href = format!("#{}", first_control_id(question));
                let problem = e.problem;
                Some(view! { <li><a href=href><ProblemMessage problem /></a></li> })
            })
            .collect_view();
        view! {
            // autofocus moves focus here without JavaScript, as GOV.UK's pattern asks.
            <div class="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="error-summary-title">
                <h2 id="error-summary-title">{t!(i18n, survey.error_summary)}</h2>
                <ul>{items}</ul>
            </div>
        }
    });
    let questions = form
        .questions
        .iter()
        .map(|q| {
            let values = rejected
                .as_ref()
                .and_then(|r| r.values.get(&q.id).cloned())
                .unwrap_or_default();
            let problem = rejected.as_ref().and_then(|r| {
                r.errors
                    .iter()
                    .find(|e| e.question_id == q.id)
                    .map(|e| e.problem)
            });
            view! { <Question question=q.clone() values problem /> }
        })
        .collect_view();
    let minutes = form.estimated_minutes;
    view! {
        <Title text=title />
        {summary}
        <h1><Text text=form.title.clone() /></h1>
        <p class="lead"><Text text=form.introduction.clone() /></p>
        <p>{t!(i18n, survey.about, minutes = minutes)}</p>
        <section class="views-statement" aria-labelledby="views-heading">
            <h2 id="views-heading">{t!(i18n, survey.views_heading)}</h2>
            <p><Text text=form.views_statement.clone() /></p>
        </section>
        <form method="post" action=format!("/s/{}", form.slug) novalidate>
            <input type="hidden" name="token" value=token />
            <h2 class="visually-hidden">{t!(i18n, survey.questions_heading)}</h2>
            {questions}
            <button type="submit" class="button">{t!(i18n, survey.submit)}</button>
        </form>
    }
}
