//! GOV.UK's error summary: at the top of the page, focused on arrival (by
//! `autofocus`, so without JavaScript too), each item linking to its field.

use crate::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;

/// The summary box; `children` are its `<li>` items.
#[component]
pub fn ErrorSummary(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="error-summary-title">
            <h2 id="error-summary-title">{t!(i18n, survey.error_summary)}</h2>
            <ul>{children()}</ul>
        </div>
    }
}

/// An inline error above a field. Its `id` goes in the field's
/// `aria-describedby`, and screen readers hear "Error:" before it.
#[component]
pub fn InlineError(#[prop(into)] id: String, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p id=id class="error-message">
            <span class="visually-hidden">{t!(i18n, survey.error_prefix)} " "</span>
            {children()}
        </p>
    }
}

/// A page title, prefixed "Error:" when the page shows errors.
pub fn page_title(title: &str, has_errors: bool) -> String {
    if has_errors {
        let i18n = use_i18n();
        format!("{} {title}", t_string!(i18n, survey.error_prefix))
    } else {
        title.to_owned()
    }
}
