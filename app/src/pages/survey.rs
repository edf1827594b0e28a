//! The start page: what the survey is about, how long it takes, how views
//! will be used (before any question), that taking part is voluntary and
//! answers can be saved, changed or withdrawn; then "Do you want to take part?".

use crate::{
    AppError,
    components::{
        error_summary::{ErrorSummary, InlineError, page_title},
        localized::Text,
    },
    domain::{
        journey::{FormProblem, FormRefusal},
        survey::SurveyForm,
    },
    i18n::{t, use_i18n},
    i18n_support::EASY_READ,
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;

/// The survey's introduction in the respondent's language.
#[server]
pub async fn load_start(slug: String, locale: String) -> Result<SurveyForm, AppError> {
    let state = crate::server::state::app_state()?;
    let loaded = crate::server::store::surveys::load_public(&state.db, &slug).await?;
    Ok(loaded.form(&locale))
}

/// A refused small form (consent, code, email), if the server re-rendered one.
pub fn refusal() -> Option<FormRefusal> {
    use_context::<FormRefusal>()
}

#[component]
pub fn SurveyPage() -> impl IntoView {
    let data = Resource::new_blocking(
        move || (super::current_slug(), super::current_locale()),
        |(s, l)| load_start(s, l),
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(form) => view! { <StartView form /> }.into_any(),
                    Err(error) => view! { <super::error::ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn StartView(form: SurveyForm) -> impl IntoView {
    let i18n = use_i18n();
    let refused = refusal().filter(|r| r.problem == FormProblem::Consent);
    let title = page_title(&form.title.text, refused.is_some());
    let minutes = form.estimated_minutes;
    let slug = form.slug.clone();
    let take_part = if form.accepting {
        let error = refused.is_some().then(|| {
            view! {
                <InlineError id="consent-error">{t!(i18n, problems.consent)}</InlineError>
            }
        });
        view! {
            <form method="post" action=paths::survey(&slug) novalidate>
                <fieldset
                    class=if refused.is_some() { "question question--error" } else { "question" }
                    aria-describedby=refused.is_some().then_some("consent-error")
                >
                    <legend class="question__prompt">{t!(i18n, survey.consent_legend)}</legend>
                    {error}
                    <div class="choices">
                        <div class="choice">
                            <input type="radio" id="consent-yes" name="consent" value="yes" />
                            <label for="consent-yes">{t!(i18n, survey.consent_yes)}</label>
                        </div>
                        <div class="choice">
                            <input type="radio" id="consent-no" name="consent" value="no" />
                            <label for="consent-no">{t!(i18n, survey.consent_no)}</label>
                        </div>
                    </div>
                </fieldset>
                <button type="submit" class="button button--start">{t!(i18n, survey.start)}</button>
            </form>
        }
        .into_any()
    } else {
        #[cfg(feature = "ssr")]
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(http::StatusCode::CONFLICT);
        }
        view! { <p class="panel panel--notice">{t!(i18n, survey.closed_note)}</p> }.into_any()
    };
    view! {
        <Title text=title />
        {refused.map(|_| view! {
            <ErrorSummary>
                <li><a href="#consent-yes">{t!(i18n, problems.consent)}</a></li>
            </ErrorSummary>
        })}
        <EasyReadLink slug=slug.clone() />
        <h1><Text text=form.title.clone() /></h1>
        <p class="lead"><Text text=form.introduction.clone() /></p>
        <p>{t!(i18n, survey.about, minutes = minutes)}</p>
        <section class="views-statement" aria-labelledby="views-heading">
            <h2 id="views-heading">{t!(i18n, survey.views_heading)}</h2>
            <p><Text text=form.views_statement.clone() /></p>
        </section>
        <h2>{t!(i18n, survey.voluntary_heading)}</h2>
        <p>{t!(i18n, survey.voluntary)}</p>
        <p>{t!(i18n, survey.save_change_withdraw)}</p>
        {take_part}
        <p><a href=paths::use_code(&slug)>{t!(i18n, survey.have_code)}</a></p>
    }
}

/// Easy read is offered first thing, as the language variant it is; in easy
/// read, the way back to standard English.
#[component]
fn EasyReadLink(slug: String) -> impl IntoView {
    let i18n = use_i18n();
    if super::current_locale() == EASY_READ {
        view! {
            <p class="easy-read-link">
                <a href=format!("{}?lang=en", paths::survey(&slug)) lang="en" hreflang="en">
                    {t!(i18n, survey.standard_link)}
                </a>
            </p>
        }
        .into_any()
    } else {
        view! {
            <p class="easy-read-link">
                <a href=format!("{}?lang={EASY_READ}", paths::survey(&slug)) hreflang=EASY_READ>
                    {t!(i18n, survey.easy_read_link)}
                </a>
            </p>
        }
        .into_any()
    }
}
