//! "Use your code": a resume code carries on with saved answers; a receipt
//! code opens answers already sent.

use super::survey::refusal;
use crate::{
    components::{
        error_summary::{ErrorSummary, page_title},
        field::TextField,
        localized::Text,
    },
    domain::journey::FormProblem,
    i18n::{t, t_string, use_i18n},
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CodePage() -> impl IntoView {
    let data = Resource::new_blocking(
        move || (super::current_slug(), super::current_locale()),
        |(s, l)| super::survey::load_start(s, l),
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(form) => view! { <CodeForm slug=form.slug.clone() title=form.title /> }.into_any(),
                    Err(error) => view! { <super::error::ErrorPage error=error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CodeForm(slug: String, title: crate::domain::localized::Resolved) -> impl IntoView {
    let i18n = use_i18n();
    let refused = refusal().filter(|r| {
        matches!(
            r.problem,
            FormProblem::CodeFormat | FormProblem::CodeUnknown
        )
    });
    let heading = t_string!(i18n, code.title).to_string();
    let message_text = |problem| match problem {
        FormProblem::CodeFormat => t_string!(i18n, problems.code_format).to_string(),
        _ => t_string!(i18n, problems.code_unknown).to_string(),
    };
    let typed = refused
        .as_ref()
        .map(|r| r.typed.clone())
        .unwrap_or_default();
    let has_error = refused.is_some();
    view! {
        <Title text=page_title(&format!("{heading} – {}", title.text), has_error) />
        <a class="back-link" href=paths::survey(&slug)>{t!(i18n, survey.back)}</a>
        {refused.as_ref().map(|r| {
            let m = message_text(r.problem);
            view! { <ErrorSummary><li><a href="#code">{m}</a></li></ErrorSummary> }
        })}
        <span class="caption"><Text text=title /></span>
        <h1>{heading}</h1>
        <p>{t!(i18n, code.intro)}</p>
        <form method="post" action=paths::use_code(&slug) novalidate>
            <TextField
                id="code"
                name="code"
                class="input input--code"
                autocapitalize="characters"
                label=t_string!(i18n, code.label).to_string()
                hint=t_string!(i18n, code.hint).to_string()
                error=refused.as_ref().map(|r| message_text(r.problem))
                value=typed
            />
            <button type="submit" class="button">{t!(i18n, code.submit)}</button>
        </form>
    }
}
