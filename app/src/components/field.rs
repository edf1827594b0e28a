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

/// A labelled textarea in the same pattern. Its text is escaped here, once
/// for every textarea: Leptos writes `<textarea>` children unescaped.
#[component]
pub fn TextArea(
    id: &'static str,
    label: String,
    #[prop(optional)] hint: Option<String>,
    /// The text as typed or stored; escaped before it is written.
    value: String,
    #[prop(default = 4)] rows: u32,
    #[prop(default = None)] error: Option<String>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let invalid = error.is_some();
    let described_by = [
        hint.as_ref().map(|_| hint_id.clone()),
        error.as_ref().map(|_| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let value = super::question::escape_textarea(&value);
    view! {
        <div class=if invalid { "question question--error" } else { "question" }>
            <label class="question__prompt" for=id>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            {error.map(|m| view! { <InlineError id=error_id>{m}</InlineError> })}
            <textarea id=id name=id rows=rows aria-describedby=(!described_by.is_empty()).then_some(described_by)
                aria-invalid=invalid.then_some("true")>{value}</textarea>
        </div>
    }
}
