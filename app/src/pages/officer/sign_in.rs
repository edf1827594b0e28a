//! Signing in. Refusals say the same whether or not the account exists.

use crate::{
    components::{
        error_summary::{ErrorSummary, page_title},
        field::TextField,
    },
    domain::accounts::{SignInProblem, SignInRefusal},
    i18n::{t, t_string, use_i18n},
    pages::query_is,
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let refused = use_context::<SignInRefusal>();
    let return_to = use_query_map()
        .read_untracked()
        .get("return")
        .unwrap_or_default();
    let heading = t_string!(i18n, sign_in.title).to_string();
    let message = refused.as_ref().map(|r| match r.problem {
        SignInProblem::Missing => t_string!(i18n, sign_in.missing).to_string(),
        SignInProblem::Wrong => t_string!(i18n, sign_in.wrong).to_string(),
        SignInProblem::Locked => t_string!(i18n, sign_in.locked).to_string(),
    });
    let email = refused.map(|r| r.email).unwrap_or_default();
    view! {
        <Title text=page_title(&heading, message.is_some()) />
        {message.clone().map(|m| view! {
            <ErrorSummary><li><a href="#email">{m}</a></li></ErrorSummary>
        })}
        {query_is("signed_out", "1").then(|| view! {
            <p class="panel panel--notice" role="status">{t!(i18n, sign_in.signed_out)}</p>
        })}
        <h1>{heading}</h1>
        <p>{t!(i18n, sign_in.intro)}</p>
        <form method="post" action=paths::SIGN_IN novalidate>
            <input type="hidden" name="return" value=return_to />
            <TextField
                id="email"
                name="email"
                input_type="email"
                autocomplete="username"
                label=t_string!(i18n, sign_in.email).to_string()
                hint=String::new()
                error=message
                value=email
            />
            <TextField
                id="password"
                name="password"
                input_type="password"
                autocomplete="current-password"
                label=t_string!(i18n, sign_in.password).to_string()
                hint=String::new()
                error=None
                value=String::new()
            />
            <button type="submit" class="button">{t!(i18n, sign_in.submit)}</button>
        </form>
        <p><a href=paths::FORGOT_PASSWORD>{t!(i18n, sign_in.forgot)}</a></p>
    }
}
