//! Asking for a link to choose a new password.

use crate::{
    components::{
        error_summary::{ErrorSummary, page_title},
        field::TextField,
    },
    domain::journey::{FormProblem, FormRefusal},
    i18n::{t, t_string, use_i18n},
    pages::query_is,
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ForgotPage() -> impl IntoView {
    let i18n = use_i18n();
    if query_is("sent", "1") {
        let heading = t_string!(i18n, forgot.sent_title).to_string();
        return view! {
            <Title text=heading.clone() />
            <h1>{heading}</h1>
            <p>{t!(i18n, forgot.sent_body)}</p>
            <p><a href=paths::SIGN_IN>{t!(i18n, forgot.back)}</a></p>
        }
        .into_any();
    }
    let refused = use_context::<FormRefusal>().filter(|r| r.problem == FormProblem::Email);
    let heading = t_string!(i18n, forgot.title).to_string();
    let error = refused
        .as_ref()
        .map(|_| t_string!(i18n, problems.email).to_string());
    view! {
        <Title text=page_title(&heading, error.is_some()) />
        {error.clone().map(|m| view! {
            <ErrorSummary><li><a href="#email">{m}</a></li></ErrorSummary>
        })}
        <a class="back-link" href=paths::SIGN_IN>{t!(i18n, forgot.back)}</a>
        <h1>{heading}</h1>
        <p>{t!(i18n, forgot.intro)}</p>
        <form method="post" action=paths::FORGOT_PASSWORD novalidate>
            <TextField
                id="email"
                name="email"
                input_type="email"
                autocomplete="username"
                label=t_string!(i18n, sign_in.email).to_string()
                hint=t_string!(i18n, forgot.email_hint).to_string()
                error
                value=refused.map(|r| r.typed).unwrap_or_default()
            />
            <button type="submit" class="button">{t!(i18n, forgot.submit)}</button>
        </form>
    }
    .into_any()
}
