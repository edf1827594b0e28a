//! A button that asks for something by a post: downloads and views that
//! the audit log records. A post is CSRF-checked, and a browser never
//! prefetches it or repeats it from history, as it may a link.

use leptos::prelude::*;

#[component]
pub fn PostButton(
    action: String,
    label: String,
    #[prop(default = "button button--secondary")] class: &'static str,
) -> impl IntoView {
    view! {
        <form method="post" action=action class="inline-form">
            <button type="submit" class=class>{label}</button>
        </form>
    }
}
