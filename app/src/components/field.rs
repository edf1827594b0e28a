//! One labelled single-line field outside a survey's questions (an email
//! address, a name, a code), in GOV.UK's pattern: label, hint, an inline
//! error when refused, and what was typed kept.

use super::error_summary::InlineError;
use leptos::prelude::*;

/// The field's `id` is also the target of the error summary's link; its
/// hint and error get `{id}-hint` and `{id}-error`.
#[component]
pub fn TextField(
    id: &'static str,
    name: &'static str,
    label: String,
    hint: String,
    /// The message to show when the value was refused.
    error: Option<String>,
    value: String,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(default = "input")] class: &'static str,
    /// Phone keyboards: "characters" for codes, "words" for names.
    #[prop(default = "off")]
    autocapitalize: &'static str,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = if error.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        hint_id.clone()
    };
    let invalid = error.is_some();
    view! {
        <div class=if invalid { "question question--error" } else { "question" }>
            <label class="question__prompt" for=id>{label}</label>
            <p id=hint_id class="hint">{hint}</p>
            {error.map(|message| view! { <InlineError id=error_id>{message}</InlineError> })}
            <input
                type=input_type
                class=class
                id=id
                name=name
                autocomplete=autocomplete
                autocapitalize=autocapitalize
                spellcheck="false"
                value=value
                aria-describedby=described_by
                aria-invalid=invalid.then_some("true")
            />
        </div>
    }
}
