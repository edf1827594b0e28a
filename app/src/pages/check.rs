//! "Check your answers before sending them", with a "Change" link on each.

use crate::{
    AppError,
    components::{
        error_summary::{ErrorSummary, page_title},
        field::TextField,
        localized::Text,
        summary::AnswerSummary,
    },
    domain::journey::{CheckPage, ExtrasRefusal, Step},
    i18n::{t, t_string, use_i18n},
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[server]
pub async fn load_check(slug: String, locale: String) -> Result<Step<CheckPage>, AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::journey::load::check_page(&state, &slug, &locale).await
}

#[component]
pub fn CheckPageView() -> impl IntoView {
    super::journey_page(
        |(slug, locale)| load_check(slug, locale),
        |page| view! { <CheckView page /> }.into_any(),
    )
}

#[component]
fn CheckView(page: CheckPage) -> impl IntoView {
    let i18n = use_i18n();
    let heading = if page.editing {
        t_string!(i18n, check.title_editing).to_string()
    } else {
        t_string!(i18n, check.title).to_string()
    };
    let send = if page.editing {
        t!(i18n, check.send_changes).into_any()
    } else {
        t!(i18n, check.send).into_any()
    };
    let refused = use_context::<ExtrasRefusal>();
    let title = page_title(
        &format!("{heading} – {}", page.survey_title.text),
        refused.is_some(),
    );
    let summary = refused.clone().map(|r| {
        view! {
            <ErrorSummary>
                {r.email_invalid.then(|| view! { <li><a href="#email">{t!(i18n, problems.email)}</a></li> })}
                {r.name_too_long.then(|| view! {
                    <li><a href="#thanks-name">{t!(i18n, problems.thanks_too_long)}</a></li>
                })}
            </ErrorSummary>
        }
    });
    let extras = page
        .offers_extras()
        .then(|| view! { <ExtrasFields refused=refused.clone() /> });
    view! {
        <Title text=title />
        <a class="back-link" href=page.back.clone()>{t!(i18n, survey.back)}</a>
        {summary}
        <span class="caption"><Text text=page.survey_title.clone() /></span>
        <h1>{heading}</h1>
        <AnswerSummary slug=page.slug.clone() sections=page.sections.clone() changeable=true />
        <h2>{t!(i18n, check.send_heading)}</h2>
        <p>{t!(i18n, check.send_body)}</p>
        <form method="post" action=paths::check(&page.slug) novalidate>
            <input type="hidden" name="token" value=page.token.clone() />
            {extras}
            <button type="submit" class="button">{send}</button>
        </form>
    }
}

/// "Tell me what happens" and "thank me publicly": both optional.
#[component]
fn ExtrasFields(refused: Option<ExtrasRefusal>) -> impl IntoView {
    let i18n = use_i18n();
    let typed = refused.clone().map(|r| r.typed).unwrap_or_default();
    let email_bad = refused.as_ref().is_some_and(|r| r.email_invalid);
    let name_bad = refused.as_ref().is_some_and(|r| r.name_too_long);
    view! {
        <h2>{t!(i18n, check.extras_heading)}</h2>
        <TextField
            id="email"
            name="email"
            input_type="email"
            autocomplete="email"
            label=t_string!(i18n, check.updates_label).to_string()
            hint=t_string!(i18n, check.updates_hint).to_string()
            error=email_bad.then(|| t_string!(i18n, problems.email).to_string())
            value=typed.email
        />
        <TextField
            id="thanks-name"
            name="thanks_name"
            autocomplete="given-name"
            autocapitalize="words"
            label=t_string!(i18n, check.thanks_label).to_string()
            hint=t_string!(i18n, check.thanks_hint).to_string()
            error=name_bad.then(|| t_string!(i18n, problems.thanks_too_long).to_string())
            value=typed.thanks_name
        />
    }
}
